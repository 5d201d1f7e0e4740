"""Verifies that every encrypted value decrypts with the configured keys."""

from django.core.management.base import BaseCommand, CommandError

from svsupport.lib.encryption import (
    CURRENT,
    OLD_KEY,
    UNREADABLE,
    classify,
    encrypted_fields,
    holding_encrypted,
    with_ciphertext,
)

SHOWN_IDS = 20


class Command(BaseCommand):
    help = (
        "Decrypt every encrypted value with the configured keys (SECRET_KEY and "
        "SECRET_KEY_FALLBACKS, each with every salt of FIELD_ENCRYPTION_SALTS) and fail when "
        "any cannot be decrypted. With --current-key-only, also fail while a value still needs "
        "an older key: run it after rotate_keys and before removing an old key. Writes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--current-key-only", action="store_true")

    def handle(self, *args, current_key_only=False, **options):
        counts = {CURRENT: 0, OLD_KEY: 0, UNREADABLE: 0}
        failing = {}
        for model, fields in encrypted_fields().items():
            for pk, values in with_ciphertext(fields, holding_encrypted(model, fields)):
                for field, ciphertext in values.items():
                    state = classify(field, ciphertext)
                    counts[state] += 1
                    if state == UNREADABLE or (state == OLD_KEY and current_key_only):
                        failing.setdefault((state, field.model._meta.label, field.name), []).append(
                            pk
                        )
        self.stdout.write(
            f"check_encryption: {counts[CURRENT]} value(s) on the current key, "
            f"{counts[OLD_KEY]} on an older key, {counts[UNREADABLE]} unreadable."
        )
        for (state, model_label, name), pks in sorted(failing.items()):
            shown = ", ".join(str(pk) for pk in pks[:SHOWN_IDS])
            more = f" and {len(pks) - SHOWN_IDS} more" if len(pks) > SHOWN_IDS else ""
            self.stderr.write(f"  {model_label}.{name}: {len(pks)} {state}: {shown}{more}")
        if counts[UNREADABLE]:
            raise CommandError(
                f"{counts[UNREADABLE]} encrypted value(s) cannot be decrypted with the configured "
                "keys. Put back the key they were encrypted with (SECRET_KEY_FALLBACKS, "
                "FIELD_ENCRYPTION_SALTS) and run this again."
            )
        if current_key_only and counts[OLD_KEY]:
            raise CommandError(
                f"{counts[OLD_KEY]} encrypted value(s) still need an older key: run "
                "`manage.py rotate_keys` before removing it."
            )
