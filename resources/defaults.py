"""The content a new installation starts with, in English and French, kept as files that
editors and translators can read and review: `default_content/index.toml` says which pages,
stories, 24/7 lines and policy documents exist and in which order; every text is a Markdown
file per language, `default_content/<language>/<kind>/<key>.md`, opening with a short TOML
header between `+++` lines (title, summary, change note).

Written for this application from the public descriptions of second-victim programmes
(IUCT-Oncopole's staff-support pathway and peer-support policy, the UK Second Victim Support
site, a US peer-support FAQ, Trammell et al. 2024). The Quality and Risk Office adapts it in
the app.

The installers take a `get_model(name)` function, so that data migrations (historical models)
and the `update_default_content` command (the app's models) share them.
"""

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils import timezone

from svsupport.lib.text import fold

CONTENT_DIR = Path(__file__).resolve().parent / "default_content"
LANGUAGES = ("en", "fr")
CHARTER_KIND = "charter"


@dataclass(frozen=True)
class Text:
    """One Markdown file: its header's values and its body."""

    header: dict
    body: str


def parse_markdown_file(path):
    """Splits `+++ TOML +++ body`; a file without a header is all body."""
    content = path.read_text(encoding="utf-8")
    if content.startswith("+++\n"):
        header, _, body = content[4:].partition("\n+++\n")
        return Text(tomllib.loads(header), body.strip())
    return Text({}, content.strip())


@cache
def index():
    return tomllib.loads((CONTENT_DIR / "index.toml").read_text(encoding="utf-8"))


def texts(kind, key):
    """{language: Text} of one item."""
    return {
        language: parse_markdown_file(CONTENT_DIR / language / kind / f"{key}.md")
        for language in LANGUAGES
    }


def page_fields(slug):
    """The translated fields of a default page, as the Page model names them."""
    fields = {}
    for language, text in texts("pages", slug).items():
        fields[f"title_{language}"] = text.header["title"]
        fields[f"summary_{language}"] = text.header.get("summary", "")
        fields[f"body_{language}"] = text.body
    return fields


def story_fields(key):
    fields = {}
    for language, text in texts("stories", key).items():
        fields[f"title_{language}"] = text.header["title"]
        fields[f"body_{language}"] = text.body
    return fields


def published(fields, now):
    """Published and draft copies, identical, both languages stamped now."""
    values = {}
    for name, value in fields.items():
        values[name] = value
        values[f"draft_{name}"] = value
    return {
        **values,
        "is_published": True,
        "published_at": now,
        "en_changed_at": now,
        "fr_changed_at": now,
        "draft_en_changed_at": now,
        "draft_fr_changed_at": now,
        "search_text": fold(" ".join(fields.values())),
    }


# Installing: each function creates what is missing and returns what it created -----------


def install_pages(get_model, now):
    Page = get_model("Page")
    existing = set(Page.objects.values_list("slug", flat=True))
    created = []
    for entry in index()["pages"]:
        if entry["slug"] in existing:
            continue
        fields = published(page_fields(entry["slug"]), now)
        Page.objects.create(
            slug=entry["slug"], section=entry["section"], position=entry["position"], **fields
        )
        created.append(entry["slug"])
    return created


def install_stories(get_model, now):
    """The example stories, for a new installation only: coordinators replace them with
    their own, and a story they removed must not come back."""
    Story = get_model("Story")
    if Story.objects.exists():
        return []
    for entry in index()["stories"]:
        Story.objects.create(is_example=True, **published(story_fields(entry["key"]), now))
    return [entry["key"] for entry in index()["stories"]]


def digits(number):
    return "".join(char for char in number if char.isdigit())


def install_hotlines(get_model, now):
    """Adds the default 24/7 lines whose number the installation does not list yet."""
    Hotline = get_model("Hotline")
    known = {digits(number) for number in Hotline.objects.values_list("number", flat=True)}
    position = max(Hotline.objects.values_list("position", flat=True), default=0)
    created = []
    for entry in index()["hotlines"]:
        if digits(entry["number"]) in known:
            continue
        position += 1
        Hotline.objects.create(
            name=entry["name"],
            number=entry["number"],
            is_free_call=entry["free_call"],
            hours_en=entry["hours"]["en"],
            hours_fr=entry["hours"]["fr"],
            description_en=entry["description"]["en"],
            description_fr=entry["description"]["fr"],
            position=position,
            en_changed_at=now,
            fr_changed_at=now,
        )
        created.append(entry["name"])
    return created


def install_policies(get_model, now, kinds=None):
    """Version 1 of each default policy document the installation lacks (by address; one
    commitments charter at most). Later versions are the coordinators' to publish."""
    PolicyDocument = get_model("PolicyDocument")
    created = []
    for entry in index()["policies"]:
        if kinds is not None and entry["kind"] not in kinds:
            continue
        documents = PolicyDocument.objects.filter(slug=entry["slug"])
        if entry["kind"] == CHARTER_KIND:
            documents = PolicyDocument.objects.filter(kind=CHARTER_KIND)
        if documents.exists():
            continue
        create_policy(PolicyDocument, entry, texts("policies", entry["slug"]), now)
        created.append(entry["slug"])
    return created


def create_policy(PolicyDocument, entry, policy_texts, now):
    document = PolicyDocument.objects.create(
        kind=entry["kind"],
        slug=entry["slug"],
        position=entry["position"],
        **{f"title_{lang}": text.header["title"] for lang, text in policy_texts.items()},
    )
    document.versions.create(
        number=1,
        status="published",
        effective_date=timezone.localdate(now),
        published_at=now,
        en_changed_at=now,
        fr_changed_at=now,
        **{f"body_{lang}": text.body for lang, text in policy_texts.items()},
        **{
            f"change_note_{lang}": text.header["change_note"] for lang, text in policy_texts.items()
        },
    )


# Offering updated defaults to an installation that has edited its pages ----------------


def offer_page_update(page, now):
    """Puts the default text of an existing page in its draft, for the coordinators to
    review and publish or discard; the published text is never touched.

    Returns "unchanged" (the page already reads as the default), "kept" (a draft is in
    progress: the coordinators' work is not overwritten) or "offered"."""
    fields = page_fields(page.slug)
    if all(getattr(page, name) == value for name, value in fields.items()):
        return "unchanged"
    if page.has_unpublished_changes:
        return "kept"
    changed = [name for name, value in fields.items() if getattr(page, f"draft_{name}") != value]
    for name in changed:
        setattr(page, f"draft_{name}", fields[name])
    page.stamp_changes(changed, now, prefix="draft_")
    page.save()
    return "offered"
