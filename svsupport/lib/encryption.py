"""Encrypted fields that fail loudly.

django-fernet-encrypted-fields decrypts in `to_python` and, when no configured key opens a
value (`InvalidToken`), silently returns the ciphertext: a page then shows `gAAAAAB…` and
saving the row encrypts that ciphertext a second time. Here a value that no key decrypts
loads as an `Unreadable` marker: showing it, testing it or saving it raises
`UndecryptableData`, which the middleware turns into an error page for that record. Rows
still load, so lists, the clock and the purge (which overwrites the fields) keep working.

`with_ciphertext` reads the stored ciphertext for `check_encryption` and `rotate_keys`.
"""

from cryptography.fernet import Fernet, InvalidToken
from django.apps import apps
from django.core.signals import setting_changed
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.dispatch import receiver
from encrypted_fields import fields as library


class UndecryptableData(Exception):
    """A value that none of the configured keys decrypts (a key removed too early, or the
    wrong SECRET_KEY / FIELD_ENCRYPTION_SALTS)."""


class Unreadable:
    """What an undecryptable value loads as. Any use of it raises; never its ciphertext."""

    def __init__(self, field):
        self.field = field

    def __repr__(self):
        return f"<unreadable {label(self.field)}>"

    def fail(self, *args):
        raise UndecryptableData(f"{label(self.field)} cannot be decrypted with the configured keys")

    __str__ = __bool__ = __len__ = __format__ = __iter__ = fail


def label(field):
    return f"{field.model._meta.label}.{field.name}"


class StrictEncryptedFieldMixin(library.EncryptedFieldMixin):
    def from_db_value(self, value, expression, connection):
        if value is None:
            return None
        try:
            plain = self.f.decrypt(value.encode("utf-8")).decode("utf-8")
        except (InvalidToken, UnicodeError):
            return Unreadable(self)
        return super(library.EncryptedFieldMixin, self).to_python(plain)

    def to_python(self, value):
        # Decryption happens in from_db_value only: a value reaching to_python is plain text
        # (the library would try to decrypt it, and return ciphertext when that fails).
        if isinstance(value, Unreadable):
            return value
        return super(library.EncryptedFieldMixin, self).to_python(value)

    def get_prep_value(self, value):
        if isinstance(value, Unreadable):
            raise UndecryptableData(
                f"refusing to save {label(self)}: its stored value cannot be decrypted, and "
                "saving it would encrypt the ciphertext a second time"
            )
        return super().get_prep_value(value)


class EncryptedCharField(StrictEncryptedFieldMixin, library.EncryptedCharField):
    pass


class EncryptedTextField(StrictEncryptedFieldMixin, library.EncryptedTextField):
    pass


@receiver(setting_changed)
def forget_derived_keys(setting, **kwargs):
    """The fields derive their keys once per process, as a restart does in production; tests
    that change the keys (settings fixture, override_settings) get them derived again."""
    if setting in {"SECRET_KEY", "SECRET_KEY_FALLBACKS", "SALT_KEY"}:
        for fields in encrypted_fields().values():
            for field in fields:
                field.__dict__.pop("keys", None)
                field.__dict__.pop("f", None)


# Scanning the stored ciphertext ------------------------------------------------------------

CURRENT, OLD_KEY, UNREADABLE = "current", "old key", "unreadable"


def encrypted_fields():
    """{model: [field, ...]} for every model with a strict encrypted field."""
    found = {}
    for model in apps.get_models():
        fields = [
            f for f in model._meta.concrete_fields if isinstance(f, StrictEncryptedFieldMixin)
        ]
        if fields:
            found[model] = fields
    return found


def classify(field, ciphertext):
    """CURRENT when the first (encrypting) key opens it, OLD_KEY when another configured key
    does, UNREADABLE when none does."""
    token = ciphertext.encode("utf-8")
    try:
        Fernet(field.keys[0]).decrypt(token)
    except (InvalidToken, UnicodeError):
        pass
    else:
        return CURRENT
    try:
        field.f.decrypt(token)
    except (InvalidToken, UnicodeError):
        return UNREADABLE
    return OLD_KEY


def holding_encrypted(model, fields):
    """The rows of `model` that hold any encrypted value, in primary-key order."""
    holding = Q()
    for field in fields:
        holding |= Q(**{f"{field.name}__isnull": False})
    return model._base_manager.filter(holding).order_by("pk")


def with_ciphertext(fields, rows):
    """(pk, {field: ciphertext}) for each row, the ciphertext read as stored."""
    raw = {f"raw_{field.name}": Cast(field.name, TextField()) for field in fields}
    return [
        (pk, {field: value for field, value in zip(fields, values, strict=True) if value})
        for pk, *values in rows.annotate(**raw).values_list("pk", *raw)
    ]


def batches(model, fields, batch_size):
    """Lists of primary keys of the rows holding encrypted values, `batch_size` at a time."""
    rows = holding_encrypted(model, fields).values_list("pk", flat=True)
    last = None
    while True:
        pks = list((rows if last is None else rows.filter(pk__gt=last))[:batch_size])
        if not pks:
            return
        last = pks[-1]
        yield pks
