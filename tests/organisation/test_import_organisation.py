"""python manage.py import_organisation FILE.csv: the hospital's sites and departments."""

import pytest
from django.core.management import CommandError, call_command

from organisation.models import Department, Site
from organisation.services import unit_merge

pytestmark = pytest.mark.django_db

HEADER = "kind,code,name_en,name_fr,aliases\n"
GOOD = (
    HEADER
    + "site,purpan,Purpan,Purpan,\n"
    + "department,surgery,Surgery,Chirurgie,Bloc opératoire;Operating theatre\n"
    + "department,icu,Intensive care,Réanimation,\n"
)


def write(tmp_path, text):
    path = tmp_path / "organisation.csv"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_it_imports_sites_and_departments_with_their_aliases(tmp_path, capsys):
    call_command("import_organisation", write(tmp_path, GOOD))
    assert "import_organisation: 3 created, 0 updated." in capsys.readouterr().out
    surgery = Department.objects.get(code="surgery")
    assert surgery.confirmed and surgery.name_fr == "Chirurgie"
    assert Department.objects.resolve("bloc operatoire") == surgery
    assert Site.objects.resolve("PURPAN").code == "purpan"


def test_running_it_again_updates_and_never_duplicates(tmp_path, capsys):
    call_command("import_organisation", write(tmp_path, GOOD))
    call_command(
        "import_organisation", write(tmp_path, GOOD.replace("Réanimation", "Soins intensifs"))
    )
    assert "0 created, 3 updated" in capsys.readouterr().out
    assert Department.objects.count() == 2
    assert Department.objects.get(code="icu").name_fr == "Soins intensifs"
    assert Department.objects.get(code="surgery").aliases.count() == 2


def test_it_confirms_a_record_the_directory_created(tmp_path):
    from_directory = Department.objects.resolve_or_create("surgery")
    call_command("import_organisation", write(tmp_path, GOOD))
    from_directory.refresh_from_db()
    assert from_directory.confirmed and from_directory.name_en == "Surgery"


def test_a_dry_run_writes_nothing(tmp_path, capsys):
    call_command("import_organisation", write(tmp_path, GOOD), dry_run=True)
    assert "dry run, nothing written: would have 3 created" in capsys.readouterr().out
    assert not Department.objects.exists() and not Site.objects.exists()


@pytest.mark.parametrize(
    ("row", "error"),
    [
        ("ward,w1,Ward one,,", "line 3: kind must be site or department"),
        ("department,Bad Code,Ward,,", "line 3: code must be lower-case"),
        ("department,,Ward,,", "line 3: code is empty"),
        ("department,w1,,,", "line 3: name_en is empty"),
        ("department,w1,Ward,,,extra", "line 3: 1 cell(s) more than the header has columns"),
        ("department,w1,Ward\x00,,", "line 3: name_en holds control characters"),
        ("department,w1," + "x" * 121 + ",,", "line 3: name_en is longer than 120"),
        ("department,surgery,Surgery again,,", "line 3: code surgery already on line 2"),
        ("department,theatre,Theatre,,CHIRURGIE", "line 3: “chirurgie” already names surgery"),
    ],
)
def test_one_bad_row_stops_everything_with_its_line_number(tmp_path, capsys, row, error):
    text = HEADER + "department,surgery,Surgery,Chirurgie,\n" + row + "\n"
    with pytest.raises(CommandError, match="nothing imported"):
        call_command("import_organisation", write(tmp_path, text))
    assert error in capsys.readouterr().err
    assert not Department.objects.exists()


def test_a_name_of_another_record_in_the_database_is_an_error(tmp_path, capsys):
    Department.objects.create(code="chir", name_en="Chirurgie")
    with pytest.raises(CommandError):
        call_command("import_organisation", write(tmp_path, GOOD))
    assert "line 3: “chirurgie” already names the record chir" in capsys.readouterr().err
    assert Department.objects.count() == 1


def test_the_code_of_a_merged_record_is_an_error(tmp_path, capsys):
    surgery = Department.objects.create(code="surgery-dept", name_en="General surgery")
    unit_merge(source=Department.objects.create(code="surgery", name_en="S"), target=surgery)
    with pytest.raises(CommandError):
        call_command("import_organisation", write(tmp_path, GOOD))
    assert "line 3: surgery was merged into surgery-dept" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("kind,code\n", "header: missing column(s) name_en"),
        ("kind,code,name_en,colour\n", "header: unknown column(s) colour"),
    ],
)
def test_a_bad_header_is_reported(tmp_path, capsys, text, error):
    with pytest.raises(CommandError):
        call_command("import_organisation", write(tmp_path, text))
    assert error in capsys.readouterr().err


def test_an_unreadable_file_is_a_clear_error(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes(HEADER.encode() + "department,x,Pédiatrie,,\n".encode("latin-1"))
    with pytest.raises(CommandError, match="cannot read"):
        call_command("import_organisation", str(path))
