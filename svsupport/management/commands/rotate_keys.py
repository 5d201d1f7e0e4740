"""Re-encrypts every encrypted value with the current key, in batches."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from svsupport.lib.encryption import (
    CURRENT,
    OLD_KEY,
    UNREADABLE,
    batches,
    classify,
    encrypted_fields,
    with_ciphertext,
)


class Command(BaseCommand):
    help = (
        "Re-encrypt every encrypted value of every row that holds one (purged rows hold none) "
        "with the current key: SECRET_KEY with the first salt of FIELD_ENCRYPTION_SALTS. Works "
        "in batches, each in its own transaction with its rows locked; values already on the "
        "current key are left alone, so running it again changes nothing. A value no configured "
        "key decrypts is left untouched and makes the command fail."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="count, write nothing")
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, dry_run=False, batch_size=500, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        counts = {CURRENT: 0, OLD_KEY: 0, UNREADABLE: 0}
        for model, fields in encrypted_fields().items():
            for pks in batches(model, fields, batch_size):
                with transaction.atomic():
                    self.rotate(model, fields, pks, counts, dry_run)
        verb = "would be re-encrypted" if dry_run else "re-encrypted"
        self.stdout.write(
            f"rotate_keys: {counts[OLD_KEY]} value(s) {verb} with the current key, "
            f"{counts[CURRENT]} already on it, {counts[UNREADABLE]} unreadable."
        )
        if counts[UNREADABLE]:
            raise CommandError(
                f"{counts[UNREADABLE]} value(s) cannot be decrypted with the configured keys and "
                "were left as they are: `manage.py check_encryption` lists them."
            )

    @staticmethod
    def rotate(model, fields, pks, counts, dry_run):
        # Read again under the row locks: a value changed or purged since the batch was
        # listed is never written back.
        rows = model._base_manager.select_for_update().filter(pk__in=pks)
        for pk, values in with_ciphertext(fields, rows):
            plain = {}
            for field, ciphertext in values.items():
                state = classify(field, ciphertext)
                counts[state] += 1
                if state == OLD_KEY:
                    plain[field.name] = field.f.decrypt(ciphertext.encode("utf-8")).decode("utf-8")
            if plain and not dry_run:
                # update() encrypts with the first key and writes no audit diff.
                model._base_manager.filter(pk=pk).update(**plain)
