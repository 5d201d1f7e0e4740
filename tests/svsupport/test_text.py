import pytest

from svsupport.lib.text import fold, has_control_characters


@pytest.mark.parametrize(
    ("typed", "folded"),
    [
        ("Hélène", "helene"),
        ("HELENE", "helene"),
        ("he\u0301le\u0300ne", "helene"),  # accents typed decomposed
        ("Straße", "strasse"),
        ("Ünïcödé ☕", "unicode ☕"),
        ("", ""),
        (None, ""),
    ],
)
def test_fold_ignores_case_and_accents(typed, folded):
    assert fold(typed) == folded


def test_fold_keeps_right_to_left_text_searchable():
    assert fold("\u200fשלום") == "\u200fשלום"


@pytest.mark.parametrize("text", ["a\x00b", "bell\x07"])
def test_control_characters_are_detected(text):
    assert has_control_characters(text)


@pytest.mark.parametrize("text", ["line\nbreak", "tab\there", "plain", "", "\u200fmark"])
def test_ordinary_text_passes(text):
    assert not has_control_characters(text)
