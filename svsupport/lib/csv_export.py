"""CSV exports that people open in a spreadsheet: UTF-8 with a byte-order mark (without it
Excel reads "Inès" as "InÃ¨s"), text that cannot run as a formula, numbers as numbers and
dates in ISO form (both read as values, not text)."""

import csv
from datetime import date, datetime
from numbers import Number

from django.http import HttpResponse
from django.utils import timezone

BOM = "\ufeff"


def spreadsheet_safe(value):
    """Neutralises spreadsheet formulas in an exported cell: a name typed as '=HYPERLINK(...)'
    must stay text when a coordinator opens the CSV."""
    text = str(value)
    return "'" + text if text[:1] in {"=", "+", "-", "@", "\t", "\r"} else text


def spreadsheet_cell(value):
    """One cell: a number stays a number, a date an ISO date, anything else safe text."""
    if value is None:
        return ""
    if isinstance(value, Number) and not isinstance(value, bool):
        return value
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return spreadsheet_safe(value)


def csv_response(filename, header, rows):
    """An attachment `filename` holding `header` and `rows` (lists of values)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write(BOM)
    writer = csv.writer(response)
    for row in [header, *rows]:
        writer.writerow([spreadsheet_cell(value) for value in row])
    return response
