"""CSV exports that people open in a spreadsheet: UTF-8 with a byte-order mark (without it
Excel reads "Inès" as "InÃ¨s"), text that cannot run as a formula, numbers as numbers and
dates in ISO form (both read as values, not text)."""

import csv
from datetime import date, datetime
from itertools import islice
from numbers import Number

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone

BOM = "\ufeff"
FORMULA_STARTS = frozenset({"=", "+", "-", "@", "\t", "\r"})
ROWS_PER_CHUNK = 500  # a streamed export sends its lines by the few hundred, not one by one


def spreadsheet_safe(value):
    """Neutralises spreadsheet formulas in an exported cell: a name typed as '=HYPERLINK(...)'
    must stay text when a coordinator opens the CSV."""
    text = str(value)
    return "'" + text if text[:1] in FORMULA_STARTS else text


def spreadsheet_cell(value):
    """One cell: a number stays a number, a date an ISO date, anything else safe text."""
    if type(value) is str:  # most cells: answered first, an export has a hundred thousand
        return spreadsheet_safe(value)
    if value is None:
        return ""
    if isinstance(value, Number) and not isinstance(value, bool):
        return value
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return spreadsheet_safe(value)


class _Line:
    """What csv.writer writes to when we want its line back rather than written."""

    def write(self, line):
        return line


def csv_chunks(header, rows):
    """The file as text chunks: the byte-order mark and `header`, then `rows` (an iterable
    of lists of values, read as it goes) a few hundred lines at a time."""
    writer = csv.writer(_Line())
    yield BOM + writer.writerow([spreadsheet_cell(value) for value in header])
    rows = iter(rows)
    while chunk := list(islice(rows, ROWS_PER_CHUNK)):
        yield "".join(writer.writerow([spreadsheet_cell(value) for value in row]) for row in chunk)


def attachment(response, filename):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(filename, header, rows):
    """An attachment `filename` holding `header` and `rows` (lists of values)."""
    content = "".join(csv_chunks(header, rows))
    return attachment(HttpResponse(content, content_type="text/csv; charset=utf-8"), filename)


def csv_streaming_response(filename, header, rows):
    """The same file streamed: `rows` (a lazy iterable, such as a queryset's iterator()) is
    read while the response is sent, so memory stays flat whatever the number of rows."""
    response = StreamingHttpResponse(
        csv_chunks(header, rows), content_type="text/csv; charset=utf-8"
    )
    return attachment(response, filename)
