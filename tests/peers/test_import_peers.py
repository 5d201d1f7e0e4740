"""python manage.py import_peers FILE.csv: the founding list."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from organisation.models import Department
from peers.models import PeerSupporter, Status

HEADER = "username,email,display_name,profession,department,site,languages,phone_extension,status\n"
GOOD = (
    HEADER
    + "hmartin,h.martin@hospital.example,Hélène Martin,nurse,Oncology,Oncopole,fr;en,5101,\n"
    + "jdoe,j.doe@hospital.example,John Doe,pharmacist,Pharmacy,Purpan,en,,in_training\n"
)


def write(tmp_path, text, name="peers.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_it_imports_the_founding_list(tmp_path, db, capsys):
    call_command("import_peers", write(tmp_path, GOOD))
    assert "2 created, 0 updated" in capsys.readouterr().out
    helene = PeerSupporter.objects.get(user__username="hmartin")
    assert helene.status == Status.CANDIDATE
    assert helene.language_codes == ["en", "fr"]
    assert PeerSupporter.objects.get(user__username="jdoe").status == Status.IN_TRAINING
    assert not get_user_model().objects.get(username="jdoe").has_usable_password()


def test_running_it_again_updates_and_never_duplicates(tmp_path, db, capsys):
    call_command("import_peers", write(tmp_path, GOOD))
    changed = GOOD.replace("Oncology", "Haematology")
    call_command("import_peers", write(tmp_path, changed))
    assert "0 created, 2 updated" in capsys.readouterr().out.splitlines()[-1]
    assert PeerSupporter.objects.count() == 2
    assert PeerSupporter.objects.get(user__username="hmartin").department.name_en == "Haematology"


def test_a_rerun_does_not_demote_a_peer_activated_since(tmp_path, db):
    call_command("import_peers", write(tmp_path, GOOD))
    PeerSupporter.objects.filter(user__username="hmartin").update(status=Status.ACTIVE)
    call_command("import_peers", write(tmp_path, GOOD))
    assert PeerSupporter.objects.get(user__username="hmartin").status == Status.ACTIVE


def test_dry_run_writes_nothing(tmp_path, db, capsys):
    call_command("import_peers", write(tmp_path, GOOD), "--dry-run")
    assert "dry run, nothing written: would have 2 created" in capsys.readouterr().out
    assert not PeerSupporter.objects.exists()
    assert not get_user_model().objects.exists()


def test_every_bad_row_is_reported_by_line_and_nothing_is_written(tmp_path, db, capsys):
    bad = (
        HEADER
        + "ok,ok@hospital.example,Fine Name,nurse,Oncology,Oncopole,fr,,\n"
        + "x,not-an-email,,astronaut,Oncology,Oncopole,xx,,active\n"
        + "ok,ok2@hospital.example,Twice,nurse,Oncology,Oncopole,,,\n"
        + "nul,nul@hospital.example,Bad\x07Name,nurse,Oncology,Oncopole,,,\n"
        + "more,more@hospital.example,More Cells,nurse,Oncology,Oncopole,,,,extra\n"
    )
    with pytest.raises(CommandError, match="nothing imported"):
        call_command("import_peers", write(tmp_path, bad))
    errors = capsys.readouterr().err
    assert "line 3: display_name is empty" in errors
    assert "line 3: email is not a valid address" in errors
    assert "line 3: profession must be one of" in errors
    assert "line 3: unknown language code(s) xx" in errors
    assert "line 3: status must be candidate or in_training" in errors
    assert "line 4: username ok already on line 2" in errors
    assert "line 5: display_name holds control characters" in errors
    assert "line 6: 1 cell(s) more than the header has columns" in errors
    assert not PeerSupporter.objects.exists()


def test_new_department_and_site_names_become_unconfirmed_records(tmp_path, db):
    oncology = Department.objects.create(code="oncology", name_en="Oncology", name_fr="Oncologie")
    call_command("import_peers", write(tmp_path, GOOD.replace(",Oncology,", ",ONCOLOGIE,")))
    assert PeerSupporter.objects.get(user__username="hmartin").department == oncology
    pharmacy = PeerSupporter.objects.get(user__username="jdoe").department
    assert (pharmacy.name_en, pharmacy.confirmed) == ("Pharmacy", False)


def test_a_missing_column_is_named(tmp_path, db, capsys):
    with pytest.raises(CommandError):
        call_command("import_peers", write(tmp_path, "username,email\nx,x@y.example\n"))
    assert "missing column(s) display_name, profession" in capsys.readouterr().err


def test_an_unreadable_file_is_a_clear_error(tmp_path, db):
    with pytest.raises(CommandError, match="cannot read"):
        call_command("import_peers", str(tmp_path / "absent.csv"))


def test_a_row_with_more_cells_than_the_header_is_an_error_with_its_line(tmp_path, db, capsys):
    shifted = (
        HEADER
        + "ok,ok@hospital.example,Fine Name,nurse,Oncology,Oncopole,fr,,\n"
        + "jdoe,j.doe@hospital.example,John Doe,pharmacist,Pharmacy,Purpan,en,,,Surgery,x\n"
    )
    with pytest.raises(CommandError, match="nothing imported"):
        call_command("import_peers", write(tmp_path, shifted))
    assert "line 3: 2 cell(s) more than the header has columns" in capsys.readouterr().err
    assert not PeerSupporter.objects.exists()
    assert not get_user_model().objects.exists()


def test_a_joining_date_in_year_1_is_an_error(tmp_path, db, capsys):
    header = "username,email,display_name,profession,department,site,joined_on\n"
    row = "jdoe,j.doe@hospital.example,John Doe,pharmacist,Pharmacy,Purpan,0001-01-01\n"
    with pytest.raises(CommandError, match="nothing imported"):
        call_command("import_peers", write(tmp_path, header + row))
    assert "line 2: joined_on is before 1900" in capsys.readouterr().err
