"""Text normalisation shared by the searches (directory, pathway pages)."""

import unicodedata

FORBIDDEN_CONTROL_CATEGORIES = {"Cc"}
ALLOWED_CONTROLS = {"\n", "\r", "\t"}


def fold(text):
    """Lower-cases and strips accents, so that 'Hélène', 'HELENE' and 'he\\u0301le\\u0300ne'
    all fold to 'helene'. Used both for the stored search column and for the query, which
    makes the search accent-insensitive on SQLite and PostgreSQL alike."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return unicodedata.normalize("NFC", stripped).casefold()


def has_control_characters(text):
    """True when the text holds a NUL or another control character a form never needs."""
    return any(
        unicodedata.category(char) in FORBIDDEN_CONTROL_CATEGORIES and char not in ALLOWED_CONTROLS
        for char in text or ""
    )


def tel_href(number):
    """A `tel:` link for a phone number as people write it ("06 12 34 56 78", "+33 (0)6…"):
    digits and a leading plus only, which every phone dials."""
    return "tel:" + "".join(char for char in number or "" if char.isdigit() or char == "+")
