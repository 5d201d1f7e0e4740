"""What the data migrations share to turn yesterday's free text into records (historical
models: no custom save(), so the derived keys are written here)."""

from django.db.models import Q
from django.utils.text import slugify

from svsupport.lib.text import fold


def name_key(text):
    return " ".join(fold(text).split())[:120]


def record_for_text(model, text):
    """The current record whose code or a name folds like `text`, else a new confirmed
    record named `text` (one record per distinct folded value). None for blank text."""
    name = " ".join((text or "").split())[:120]
    key = name_key(name)
    if not key:
        return None
    found = (
        model.objects.filter(merged_into__isnull=True)
        .filter(Q(code_key=key) | Q(name_en_key=key) | Q(name_fr_key=key) | Q(aliases__key=key))
        .order_by("pk")
        .first()
    )
    if found:
        return found
    base = slugify(key)[:36] or "unit"
    code, number = base, 1
    while model.objects.filter(code=code).exists():
        number += 1
        code = f"{base}-{number}"
    return model.objects.create(
        code=code, name_en=name, confirmed=True, code_key=code, name_en_key=key, name_fr_key=""
    )
