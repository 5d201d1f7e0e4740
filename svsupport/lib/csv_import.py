"""What the CSV import commands share: every row checked first, every error reported with
its line number, nothing written when there is one, --dry-run rolls back."""

import csv

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from svsupport.lib.text import has_control_characters


class CsvImportCommand(BaseCommand):
    """A `manage.py` import of FILE.csv [--dry-run]. Subclasses give the columns and three
    functions: parse_row(line, values), check_rows(rows) -> errors across rows and the
    database, import_rows(rows) -> (created, updated)."""

    required = []
    optional = []

    def add_arguments(self, parser):
        parser.add_argument("csv_file")
        parser.add_argument("--dry-run", action="store_true", help="check and report only")

    def handle(self, csv_file, dry_run=False, **options):
        rows, errors = read_csv_rows(
            csv_file, required=self.required, optional=self.optional, parse_row=self.parse_row
        )
        errors += self.check_rows(rows)
        name = self.__module__.rsplit(".", 1)[-1]
        run_import(
            self, name=name, rows=rows, errors=errors, import_rows=self.import_rows, dry_run=dry_run
        )


def read_csv_rows(path, *, required, optional, parse_row):
    """Reads a UTF-8 CSV file with a header line and returns (rows, errors). `parse_row(line,
    values)` returns (row or None, [(line, message), ...]) for one record's stripped values.
    A row with more cells than the header has columns is an error."""
    try:
        with open(path, newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            header = reader.fieldnames or []
            missing = [name for name in required if name not in header]
            if missing:
                return [], [f"header: missing column(s) {', '.join(missing)}"]
            unknown = [name for name in header if name not in required + optional]
            if unknown:
                return [], [f"header: unknown column(s) {', '.join(unknown)}"]
            parsed = [parse_record(reader.line_num, record, parse_row) for record in reader]
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise CommandError(f"cannot read {path}: {error}") from error
    rows = [row for row, _ in parsed if row]
    errors = [f"line {line}: {message}" for _, problems in parsed for line, message in problems]
    return rows, errors


def cell_problems(line, values, *, required, max_lengths):
    """The checks every importer makes of one row's cells: required ones filled, no control
    characters, none longer than its column. [(line, message), ...]"""
    problems = [(line, f"{name} is empty") for name in required if not values.get(name)]
    for name, value in values.items():
        if has_control_characters(value):
            problems.append((line, f"{name} holds control characters"))
        if name in max_lengths and len(value) > max_lengths[name]:
            problems.append((line, f"{name} is longer than {max_lengths[name]} characters"))
    return problems


def parse_record(line, record, parse_row):
    values = {key: (value or "").strip() for key, value in record.items() if key}
    row, problems = parse_row(line, values)
    if None in record:
        # DictReader files the cells beyond the header under the key None.
        extra = len(record[None])
        return None, [(line, f"{extra} cell(s) more than the header has columns"), *problems]
    return row, problems


def run_import(command, *, name, rows, errors, import_rows, dry_run):
    """Writes the rows in one transaction unless there is an error (then nothing is written
    and CommandError is raised); rolled back for a dry run. Prints the one-line summary."""
    if errors:
        for error in errors:
            command.stderr.write(error)
        raise CommandError(f"{len(errors)} error(s); nothing imported.")
    with transaction.atomic():
        created, updated = import_rows(rows)
        if dry_run:
            transaction.set_rollback(True)
    prefix = "dry run, nothing written: would have " if dry_run else ""
    command.stdout.write(f"{name}: {prefix}{created} created, {updated} updated.")
