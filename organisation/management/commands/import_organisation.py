"""Imports the hospital's sites and departments from a CSV file."""

from dataclasses import dataclass, field

from django.utils.text import slugify

from organisation.models import CODE_MAX_LENGTH, NAME_MAX_LENGTH, Department, Site, name_key
from svsupport.lib.csv_import import CsvImportCommand, cell_problems

REQUIRED = ["kind", "code", "name_en"]
OPTIONAL = ["name_fr", "aliases"]
MODELS = {"site": Site, "department": Department}


@dataclass
class Row:
    line: int
    model: type
    code: str
    names: dict
    aliases: list = field(default_factory=list)

    def name_keys(self):
        return [name_key(value) for value in [self.code, *self.names.values(), *self.aliases]]


class Command(CsvImportCommand):
    help = (
        "Import sites and departments from a UTF-8 CSV file with the columns kind (site or "
        "department), code, name_en and optionally name_fr and aliases (separated by ';'). "
        "Every row is checked first; any error stops the import and nothing is written. "
        "Re-running updates the records by code, never duplicates them; imported records "
        "are confirmed."
    )

    required = REQUIRED
    optional = OPTIONAL

    def parse_row(self, line, values):
        return parse_row(line, values)

    def check_rows(self, rows):
        return conflicts(rows)

    def import_rows(self, rows):
        return import_rows(rows)


def parse_row(line, values):
    names = {"name_en": NAME_MAX_LENGTH, "name_fr": NAME_MAX_LENGTH}
    problems = cell_problems(line, values, required=REQUIRED, max_lengths=names)
    kind = values.get("kind", "")
    if kind and kind not in MODELS:
        problems.append((line, "kind must be site or department"))
    code = values.get("code", "")
    if code and (slugify(code) != code or len(code) > CODE_MAX_LENGTH):
        problems.append(
            (
                line,
                f"code must be lower-case letters, digits and hyphens, {CODE_MAX_LENGTH} at most",
            )
        )
    aliases = [alias.strip() for alias in values.get("aliases", "").split(";") if alias.strip()]
    if any(len(alias) > NAME_MAX_LENGTH for alias in aliases):
        problems.append((line, f"an alias is longer than {NAME_MAX_LENGTH} characters"))
    if problems:
        return None, problems
    names = {"name_en": values["name_en"], "name_fr": values.get("name_fr", "")}
    return Row(line, MODELS[kind], code, names, aliases), []


def conflicts(rows):
    """Names that designate two records: within the file, or a record the row is not."""
    errors, seen, codes = [], {}, {}
    for row in rows:
        first = codes.setdefault((row.model, row.code), row.line)
        if first != row.line:
            errors.append(f"line {row.line}: code {row.code} already on line {first}")
        merged = row.model.objects.filter(code=row.code, merged_into__isnull=False).first()
        if merged:
            errors.append(f"line {row.line}: {row.code} was merged into {merged.merged_into.code}")
        for key in {key for key in row.name_keys() if key}:
            earlier = seen.setdefault((row.model, key), (row.line, row.code))
            if earlier[1] != row.code:
                errors.append(
                    f"line {row.line}: “{key}” already names {earlier[1]} on line {earlier[0]}"
                )
            other = row.model.objects.matching(key).exclude(code=row.code).first()
            if other:
                errors.append(f"line {row.line}: “{key}” already names the record {other.code}")
    return errors


def import_rows(rows):
    created = updated = 0
    for row in rows:
        unit, was_created = row.model.objects.get_or_create(
            code=row.code, defaults={**row.names, "confirmed": True}
        )
        if was_created:
            created += 1
        else:
            for name, value in row.names.items():
                setattr(unit, name, value)
            unit.confirmed = True
            unit.save()
            updated += 1
        known = unit.own_keys() | set(unit.aliases.values_list("key", flat=True))
        for alias in row.aliases:
            if name_key(alias) not in known:
                unit.aliases.create(name=alias)
                known.add(name_key(alias))
    return created, updated
