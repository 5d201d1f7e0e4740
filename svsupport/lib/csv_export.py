"""Writing CSV files people open in a spreadsheet (the peer registry, the figures)."""


def spreadsheet_safe(value):
    """Neutralises spreadsheet formulas in an exported cell: a name typed as '=HYPERLINK(...)'
    must stay text when a coordinator opens the CSV."""
    text = str(value)
    return "'" + text if text[:1] in {"=", "+", "-", "@", "\t", "\r"} else text
