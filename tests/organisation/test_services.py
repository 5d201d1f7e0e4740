"""Merging records, and the organisation facts a directory gives at each login."""

import pytest
from auditlog.models import LogEntry

from organisation.models import Department, Site, StaffProfile
from organisation.services import MergeRefused, profile_update_from_directory, unit_merge
from tests.peers.factories import make_peer
from tests.people import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def surgery():
    return Department.objects.create(code="surgery", name_en="Surgery", name_fr="Chirurgie")


@pytest.fixture
def chir():
    """What the directory gave: a new, unconfirmed record."""
    unit = Department.objects.resolve_or_create("Chir")
    unit.aliases.create(name="Chir.")
    return unit


def test_a_merge_moves_peers_profiles_and_aliases_and_keeps_the_names(surgery, chir, carol):
    nina = make_peer(make_user("nina"), department=chir)
    profile_update_from_directory(
        user=carol, site_name="", department_name="Chir", profession="Nurse"
    )
    unit_merge(source=chir, target=surgery)
    nina.refresh_from_db()
    assert nina.department == surgery
    moved = LogEntry.objects.get_for_object(nina).filter(action=LogEntry.Action.UPDATE).get()
    assert moved.changes_dict["department"] == [str(chir.pk), str(surgery.pk)]
    assert StaffProfile.objects.get(user=carol).department == surgery
    assert sorted(surgery.aliases.values_list("name", flat=True)) == ["Chir", "Chir."]
    assert Department.objects.resolve("chir") == surgery
    assert Department.objects.by_id(chir.pk) == surgery
    assert list(Department.objects.current()) == [surgery]
    entry = LogEntry.objects.get_for_object(chir).filter(action=LogEntry.Action.UPDATE).get()
    assert entry.changes_dict["merged_into"] == ["None", str(surgery.pk)]


def test_a_record_merged_earlier_follows_its_target_into_a_third(surgery, chir):
    theatre = Department.objects.create(code="theatre", name_en="Operating theatre")
    unit_merge(source=chir, target=theatre)
    unit_merge(source=theatre, target=surgery)
    assert Department.objects.by_id(chir.pk) == surgery
    assert Department.objects.resolve("Chir.") == surgery
    assert Department.objects.resolve("operating theatre") == surgery


def test_a_merge_into_itself_or_of_a_merged_record_is_refused(surgery, chir):
    with pytest.raises(MergeRefused):
        unit_merge(source=surgery, target=surgery)
    unit_merge(source=chir, target=surgery)
    chir.refresh_from_db()
    with pytest.raises(MergeRefused):
        unit_merge(source=chir, target=surgery)


def test_the_directory_values_find_or_create_records_on_the_profile(surgery, carol):
    profile = profile_update_from_directory(
        user=carol, site_name="Purpan", department_name="CHIRURGIE", profession="Infirmière"
    )
    assert profile.department == surgery
    assert profile.site.name_en == "Purpan" and profile.site.confirmed is False
    assert profile.profession == "Infirmière"
    again = profile_update_from_directory(
        user=carol, site_name="purpan", department_name="", profession=""
    )
    assert again.pk == profile.pk
    assert again.department is None and again.profession == ""
    assert Site.objects.count() == 1


@pytest.mark.parametrize(
    "value",
    [
        None,
        "x" * 500,
        "<script>alert(1)</script>",
        "💥",
        "a\u200fb",
        "*)(uid=*",
        "a\x00b",
        "ß" * 120,
    ],
)
def test_odd_directory_values_never_block_a_login(carol, value):
    profile = profile_update_from_directory(
        user=carol, site_name=value, department_name=value, profession=value
    )
    assert profile.pk
