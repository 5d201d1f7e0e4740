"""Sites and departments as records: the lookup by any of their names."""

import pytest
from django.apps import apps
from django.utils import translation

from organisation.migrations._free_text import record_for_text
from organisation.models import Department, Site
from tests.organisation.factories import department

pytestmark = pytest.mark.django_db


@pytest.fixture
def surgery():
    unit = Department.objects.create(code="surgery", name_en="Surgery", name_fr="Chirurgie")
    unit.aliases.create(name="Bloc opératoire")
    return unit


@pytest.mark.parametrize(
    "typed",
    ["Surgery", "SURGERY", "surgery", "  Surgery  ", "Chirurgie", "CHIRURGIE", "bloc operatoire",
     "BLOC OPÉRATOIRE", "Bloc   opératoire", "Bloc ope\u0301ratoire"],
)  # fmt: skip
def test_resolve_ignores_case_accents_and_spaces_across_code_names_and_aliases(surgery, typed):
    assert Department.objects.resolve(typed) == surgery


def test_resolve_finds_nothing_for_an_unknown_or_blank_name(surgery):
    assert Department.objects.resolve("Pharmacy") is None
    assert Department.objects.resolve("") is None
    assert Department.objects.resolve("   ") is None
    assert Site.objects.resolve("Surgery") is None


def test_resolve_or_create_makes_one_unconfirmed_record_per_new_name(surgery):
    created = Department.objects.resolve_or_create("Chir. ambulatoire")
    assert created.confirmed is False
    assert created.code == "chir-ambulatoire"
    assert Department.objects.resolve_or_create("CHIR. AMBULATOIRE") == created
    assert Department.objects.resolve_or_create("Chirurgie") == surgery
    assert Department.objects.resolve_or_create("  ") is None
    assert Department.objects.count() == 2


def test_a_new_name_whose_code_is_taken_gets_a_free_code():
    icu = Department.objects.create(code="icu", name_en="Intensive care")
    assert Department.objects.resolve_or_create("ICU") == icu
    assert Department.objects.resolve_or_create("ICU!").code == "icu-2"
    assert Department.objects.resolve_or_create("I.C.U.").code == "icu-3"


def test_the_name_follows_the_language_and_falls_back_to_english(surgery):
    pharmacy = department("Pharmacy")
    with translation.override("fr"):
        assert (str(surgery), str(pharmacy)) == ("Chirurgie", "Pharmacy")
    with translation.override("en"):
        assert str(surgery) == "Surgery"


def test_forms_offer_confirmed_records_and_ones_own_in_the_readers_name_order(surgery):
    pharmacy = Department.objects.create(code="pharmacy", name_en="Pharmacy", name_fr="Pharmacie")
    zoo = Department.objects.create(code="ortho", name_en="Orthopaedics", name_fr="Orthopédie")
    mine = Department.objects.resolve_or_create("Bloc B")
    Department.objects.resolve_or_create("Someone else's")
    with translation.override("fr"):
        assert list(Department.objects.offered_to(mine)) == [mine, surgery, zoo, pharmacy]
    with translation.override("en"):
        assert list(Department.objects.offered_to()) == [zoo, pharmacy, surgery]


def test_the_data_migration_gives_one_confirmed_record_per_folded_value():
    model = apps.get_model("organisation", "Department")
    first = record_for_text(model, "Chirurgie")
    assert record_for_text(model, " CHIRURGIE ") == first
    assert record_for_text(model, "chirurgie") == first
    assert record_for_text(model, "") is None
    assert first.confirmed and Department.objects.resolve("chirurgie") == first
