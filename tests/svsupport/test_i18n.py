"""English and French: the browser's language, the switcher, a complete translation."""

from pathlib import Path

from django.urls import reverse

LOCALE = Path(__file__).resolve().parents[2] / "locale"


def test_accept_language_fr_gives_french_pages(client, carol):
    client.force_login(carol)
    response = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="fr")
    content = response.content.decode()
    assert '<html lang="fr">' in content
    assert "Après un événement difficile au travail" in content


def test_the_login_page_is_french_for_a_french_browser(client, db):
    content = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Se connecter" in content


def test_the_switcher_remembers_the_choice(client, carol):
    client.force_login(carol)
    response = client.post(reverse("set_language"), {"language": "fr", "next": "/"})
    assert response["Location"] == "/"
    assert response.cookies["django_language"].value == "fr"
    content = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="fr">' in content


def test_the_switcher_ignores_an_off_site_next(client, carol):
    client.force_login(carol)
    response = client.post(
        reverse("set_language"), {"language": "fr", "next": "https://evil.example/"}
    )
    assert "evil.example" not in response["Location"]


def parse_po(path):
    """(msgid, msgstr, fuzzy) for each entry of a .po file, plurals joined."""
    entries, current, fuzzy, field = [], {}, False, None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        elif line.startswith("msgid "):
            current, field = {"msgid": line[6:].strip('"'), "msgstr": ""}, "msgid"
        elif line.startswith("msgid_plural"):
            field = "msgid"
        elif line.startswith("msgstr"):
            field = "msgstr"
            current["msgstr"] += line.split(" ", 1)[1].strip('"')
        elif line.startswith('"') and field:
            current[field] += line.strip('"')
        elif not line.strip() and current:
            entries.append((current["msgid"], current["msgstr"], fuzzy))
            current, fuzzy, field = {}, False, None
    return [entry for entry in entries if entry[0]]


def test_the_french_translation_is_complete():
    entries = parse_po(LOCALE / "fr" / "LC_MESSAGES" / "django.po")
    assert entries, "no French catalogue"
    untranslated = [msgid for msgid, msgstr, _ in entries if not msgstr]
    fuzzy = [msgid for msgid, _, is_fuzzy in entries if is_fuzzy]
    assert untranslated == []
    assert fuzzy == []


def test_the_tracked_compiled_catalogue_matches_the_po_file(tmp_path):
    """`make run` serves the committed .mo without gettext, and compilemessages skips a .po
    older than its .mo (as after a merge): a stale .mo would show English to French readers."""
    import gettext
    import subprocess

    po = LOCALE / "fr" / "LC_MESSAGES" / "django.po"
    fresh = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "-o", str(fresh), str(po)], check=True, capture_output=True)

    def catalogue(path):
        with open(path, "rb") as compiled:
            return gettext.GNUTranslations(compiled)._catalog

    assert catalogue(po.with_suffix(".mo")) == catalogue(fresh)
