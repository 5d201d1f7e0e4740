"""Imports the founding list of peer supporters from a CSV file."""

from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from organisation.models import Department, Site
from peers.models import PeerSupporter, Profession, SpokenLanguage, Status
from peers.services import peer_set_languages
from svsupport.lib.csv_import import CsvImportCommand, cell_problems
from svsupport.lib.forms import EARLIEST_YEAR

REQUIRED = ["username", "email", "display_name", "profession", "department", "site"]
OPTIONAL = ["languages", "phone_extension", "joined_on", "status"]
IMPORTABLE_STATUSES = {Status.CANDIDATE, Status.IN_TRAINING}
MAX_LENGTHS = {"username": 150, "display_name": 120, "department": 120, "site": 120,
               "phone_extension": 20}  # fmt: skip


@dataclass
class Row:
    line: int
    username: str
    email: str
    fields: dict
    languages: list


class Command(CsvImportCommand):
    help = (
        "Import the founding list of peer supporters from a CSV file (columns in README). "
        "Every row is checked first; any error stops the import and nothing is written. "
        "Re-running updates the existing records by username, never duplicates them. "
        "Founders enter as candidates or in training: activation needs training and the charter. "
        "A department or site matching no record (by code or name, ignoring case and accents) "
        "creates an unconfirmed record."
    )

    required = REQUIRED
    optional = OPTIONAL

    def parse_row(self, line, values):
        return parse_row(line, values)

    def check_rows(self, rows):
        return duplicate_usernames(rows)

    def import_rows(self, rows):
        return import_rows(rows)


def parse_row(line, values):
    problems = cell_problems(line, values, required=REQUIRED, max_lengths=MAX_LENGTHS)
    try:
        validate_email(values.get("email", ""))
    except ValidationError:
        problems.append((line, "email is not a valid address"))
    if values.get("profession") and values["profession"] not in Profession.values:
        problems.append((line, f"profession must be one of {', '.join(Profession.values)}"))
    languages = [code for code in values.get("languages", "").split(";") if code.strip()]
    languages = [code.strip() for code in languages]
    bad = [code for code in languages if code not in SpokenLanguage.values]
    if bad:
        problems.append((line, f"unknown language code(s) {', '.join(bad)}"))
    status = values.get("status") or Status.CANDIDATE
    if status not in IMPORTABLE_STATUSES:
        problems.append((line, "status must be candidate or in_training"))
    joined_on = parse_date(values.get("joined_on"), line, problems)
    if problems:
        return None, problems
    fields = {
        "display_name": values["display_name"],
        "profession": values["profession"],
        "department": values["department"],
        "site": values["site"],
        "phone_extension": values.get("phone_extension", ""),
        "work_email": values["email"],
        "status": status,
    }
    if joined_on:
        fields["joined_on"] = joined_on
    return Row(line, values["username"], values["email"], fields, languages), []


def parse_date(text, line, problems):
    if not text:
        return None
    try:
        value = date.fromisoformat(text)
    except ValueError:
        problems.append((line, "joined_on must be a date written YYYY-MM-DD"))
        return None
    if value > date.today():
        problems.append((line, "joined_on is in the future"))
    if value.year < EARLIEST_YEAR:
        problems.append((line, f"joined_on is before {EARLIEST_YEAR}"))
    return value


def duplicate_usernames(rows):
    seen, errors = {}, []
    for row in rows:
        key = row.username.lower()
        if key in seen:
            errors.append(f"line {row.line}: username {row.username} already on line {seen[key]}")
        seen.setdefault(key, row.line)
    return errors


def import_rows(rows):
    created = updated = 0
    users = get_user_model().objects
    for row in rows:
        # Names the records do not know yet become unconfirmed records, as from the directory:
        # coordinators confirm or merge them under Sites and departments.
        row.fields["department"] = Department.objects.resolve_or_create(row.fields["department"])
        row.fields["site"] = Site.objects.resolve_or_create(row.fields["site"])
        # Accounts normally come from the hospital directory; an account created here has
        # no usable password until IT support or single sign-on gives it one.
        user, _ = users.get_or_create(
            username=row.username, defaults={"email": row.email, "password": "!"}
        )
        peer = PeerSupporter.objects.filter(user=user).first()
        if peer is None:
            peer = PeerSupporter(user=user, **row.fields)
            created += 1
        else:
            # Re-running never demotes a peer the programme has moved on since.
            row.fields.pop("status")
            for field, value in row.fields.items():
                setattr(peer, field, value)
            updated += 1
        peer.save()
        peer_set_languages(peer=peer, codes=row.languages)
    return created, updated
