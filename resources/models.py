"""The support pathway's content, written by the Quality and Risk Office in English and French.

Pages and stories keep two copies of their text: the published one that staff read, and
the draft the coordinators work on, so that improving a page never hides it or shows
half-finished text. Policy documents are versioned instead: a published version never
changes, a new version with its effective date and change note replaces it.
Hotlines are short records that take effect as soon as they are saved.
"""

from auditlog.registry import auditlog
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from svsupport.lib import roles
from svsupport.lib.text import fold, tel_href

LANGUAGES = ("en", "fr")
LANGUAGE_NAMES = {"en": _("English"), "fr": _("French")}

# Pages the code links to by name; their slugs are fixed (not editable in the app).
PATHWAY_SLUG = "pathway"
HELP_SLUG = "help-24-7"
PEER_STAGE_SLUG = "stage-2-meet-a-peer"
ORGANISATION_SLUG = "for-the-organisation"

TITLE_MAX_LENGTH = 200
SUMMARY_MAX_LENGTH = 500
BODY_MAX_LENGTH = 30_000


def other_language(language):
    return "fr" if language == "en" else "en"


class Localized:
    """One language of a bilingual record, ready for a template.

    `language` is the language shown; `fell_back` is true when the reader asked for the
    other one and it is missing."""

    def __init__(self, record, language, prefix=""):
        requested = language if language in LANGUAGES else LANGUAGES[0]
        shown = requested
        if not record.language_is_complete(requested, prefix) and record.language_is_complete(
            other_language(requested), prefix
        ):
            shown = other_language(requested)
        self.language = shown
        self.fell_back = shown != requested
        self.language_name = LANGUAGE_NAMES[shown]
        for name in record.TRANSLATED_FIELDS:
            setattr(self, name, getattr(record, f"{prefix}{name}_{shown}"))


class BilingualMixin:
    """Helpers for models with `<field>_en` / `<field>_fr` pairs and the timestamps
    `<prefix>en_changed_at` / `<prefix>fr_changed_at` of each language's last change."""

    TRANSLATED_FIELDS = ()
    # A language counts as present when all of these are filled in.
    REQUIRED_TRANSLATED_FIELDS = ()

    def language_is_complete(self, language, prefix=""):
        return all(
            (getattr(self, f"{prefix}{name}_{language}") or "").strip()
            for name in self.REQUIRED_TRANSLATED_FIELDS
        )

    def localized(self, language, prefix=""):
        return Localized(self, language, prefix)

    def translation_warnings(self, prefix=""):
        """What an editor should know: a language missing, or older than the other."""
        warnings = []
        for language in LANGUAGES:
            if not self.language_is_complete(language, prefix):
                warnings.append(
                    _("The %(language)s text is missing: its readers see the other language.")
                    % {"language": LANGUAGE_NAMES[language]}
                )
        if warnings:
            return warnings
        changed = {lang: getattr(self, f"{prefix}{lang}_changed_at") for lang in LANGUAGES}
        for language in LANGUAGES:
            other = other_language(language)
            # A language never stamped counts as older than one that was.
            if changed[other] and (changed[language] is None or changed[language] < changed[other]):
                warnings.append(
                    _(
                        "The %(language)s text was last changed before the %(other)s text: "
                        "check that it still says the same."
                    )
                    % {"language": LANGUAGE_NAMES[language], "other": LANGUAGE_NAMES[other]}
                )
        return warnings

    def stamp_changes(self, changed_fields, now, prefix=""):
        """Records which language an edit touched, for the 'older translation' warning."""
        for language in LANGUAGES:
            if any(name.endswith(f"_{language}") for name in changed_fields):
                setattr(self, f"{prefix}{language}_changed_at", now)


class DraftQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def visible_to(self, user):
        """Coordinators see drafts and withdrawn items; everybody else what is published."""
        return self if roles.is_coordinator(user) else self.published()


class DraftedContent(BilingualMixin, models.Model):
    """Published text plus a working draft, in English and French.

    Subclasses declare their fields twice: `<name>_<lang>` (published) and
    `draft_<name>_<lang>` (what the coordinators edit), for each name in
    TRANSLATED_FIELDS."""

    en_changed_at = models.DateTimeField(null=True, blank=True, editable=False)
    fr_changed_at = models.DateTimeField(null=True, blank=True, editable=False)
    draft_en_changed_at = models.DateTimeField(null=True, blank=True, editable=False)
    draft_fr_changed_at = models.DateTimeField(null=True, blank=True, editable=False)
    is_published = models.BooleanField(_("published"), default=False, editable=False)
    published_at = models.DateTimeField(_("published on"), null=True, blank=True, editable=False)
    # Both languages of the published text, lower-cased and without accents (fold()).
    search_text = models.TextField(blank=True, default="", editable=False)

    objects = DraftQuerySet.as_manager()

    class Meta:
        abstract = True

    def __str__(self):
        return self.title_en or self.title_fr or self.draft_title_en or self.draft_title_fr

    def _pairs(self):
        return [f"{name}_{lang}" for name in self.TRANSLATED_FIELDS for lang in LANGUAGES]

    @property
    def has_unpublished_changes(self):
        return not self.is_published or any(
            getattr(self, f"draft_{field}") != getattr(self, field) for field in self._pairs()
        )

    def draft(self, language):
        return self.localized(language, prefix="draft_")

    def publish(self, now=None):
        """Makes the draft the text staff read."""
        for field in self._pairs():
            setattr(self, field, getattr(self, f"draft_{field}"))
        for language in LANGUAGES:
            setattr(self, f"{language}_changed_at", getattr(self, f"draft_{language}_changed_at"))
        self.is_published = True
        self.published_at = now or timezone.now()
        self.search_text = fold(" ".join(getattr(self, field) for field in self._pairs()))
        self.save()

    def discard_draft(self):
        """Puts the published text back into the draft."""
        for field in self._pairs():
            setattr(self, f"draft_{field}", getattr(self, field))
        for language in LANGUAGES:
            setattr(self, f"draft_{language}_changed_at", getattr(self, f"{language}_changed_at"))
        self.save()

    def withdraw(self):
        self.is_published = False
        self.save(update_fields=["is_published"])


class PageText(DraftedContent):
    """The text of a pathway page, published and draft, in both languages."""

    TRANSLATED_FIELDS = ("title", "summary", "body")
    REQUIRED_TRANSLATED_FIELDS = ("title", "body")

    title_en = models.CharField(max_length=TITLE_MAX_LENGTH, blank=True)
    title_fr = models.CharField(max_length=TITLE_MAX_LENGTH, blank=True)
    summary_en = models.CharField(max_length=SUMMARY_MAX_LENGTH, blank=True)
    summary_fr = models.CharField(max_length=SUMMARY_MAX_LENGTH, blank=True)
    body_en = models.TextField(blank=True, max_length=BODY_MAX_LENGTH)
    body_fr = models.TextField(blank=True, max_length=BODY_MAX_LENGTH)
    draft_title_en = models.CharField(_("title (English)"), max_length=TITLE_MAX_LENGTH, blank=True)
    draft_title_fr = models.CharField(_("title (French)"), max_length=TITLE_MAX_LENGTH, blank=True)
    draft_summary_en = models.CharField(
        _("summary (English)"), max_length=SUMMARY_MAX_LENGTH, blank=True
    )
    draft_summary_fr = models.CharField(
        _("summary (French)"), max_length=SUMMARY_MAX_LENGTH, blank=True
    )
    draft_body_en = models.TextField(_("text (English)"), blank=True, max_length=BODY_MAX_LENGTH)
    draft_body_fr = models.TextField(_("text (French)"), blank=True, max_length=BODY_MAX_LENGTH)

    class Meta:
        abstract = True


class Page(PageText):
    """One page of the pathway or of the guidance: emotional first aid, stage 1, the FAQ..."""

    class Section(models.TextChoices):
        LANDING = "landing", _("Pathway introduction")
        PATHWAY = "pathway", _("Support pathway")
        GUIDANCE = "guidance", _("Guidance")

    slug = models.SlugField(max_length=80, unique=True)
    section = models.CharField(max_length=20, choices=Section.choices)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["section", "position", "slug"]
        verbose_name = _("page")
        verbose_name_plural = _("pages")

    def get_absolute_url(self):
        if self.slug == PATHWAY_SLUG:
            return reverse("resources:pathway")
        return reverse("resources:page", kwargs={"slug": self.slug})


class PageOverrideQuerySet(DraftQuerySet):
    def for_reader(self, site):
        """The published overrides a reader of `site` gets instead of the network's pages."""
        return self.published().filter(site=site) if site else self.none()


class PageOverride(PageText):
    """A site's own version of a network page, where facts differ (its 24/7 lines, HR and
    occupational-health contacts, its psychologists, its policies). Readers of that site
    read it instead of the network's page, once published."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="overrides")
    site = models.ForeignKey(
        "organisation.Site", on_delete=models.CASCADE, related_name="page_overrides"
    )

    objects = PageOverrideQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["page", "site"], name="one_override_per_site")
        ]
        verbose_name = _("site version of a page")

    def __str__(self):
        return f"{self.page} ({self.site})"


class Story(DraftedContent):
    """A short testimony, published anonymously by the Quality and Risk Office."""

    TRANSLATED_FIELDS = ("title", "body")
    REQUIRED_TRANSLATED_FIELDS = ("title", "body")

    is_example = models.BooleanField(
        _("example written for the demonstration, not a real testimony"), default=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    title_en = models.CharField(max_length=TITLE_MAX_LENGTH, blank=True)
    title_fr = models.CharField(max_length=TITLE_MAX_LENGTH, blank=True)
    body_en = models.TextField(blank=True, max_length=BODY_MAX_LENGTH)
    body_fr = models.TextField(blank=True, max_length=BODY_MAX_LENGTH)
    draft_title_en = models.CharField(_("title (English)"), max_length=TITLE_MAX_LENGTH, blank=True)
    draft_title_fr = models.CharField(_("title (French)"), max_length=TITLE_MAX_LENGTH, blank=True)
    draft_body_en = models.TextField(_("text (English)"), blank=True, max_length=BODY_MAX_LENGTH)
    draft_body_fr = models.TextField(_("text (French)"), blank=True, max_length=BODY_MAX_LENGTH)

    class Meta:
        ordering = ["-published_at", "-created_at", "-pk"]
        verbose_name = _("story")
        verbose_name_plural = _("stories")

    def get_absolute_url(self):
        return reverse("resources:story", kwargs={"pk": self.pk})


class HotlineQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Hotline(BilingualMixin, models.Model):
    """A telephone line that answers day and night, shown in the footer of every page."""

    TRANSLATED_FIELDS = ("hours", "description")
    REQUIRED_TRANSLATED_FIELDS = ("hours", "description")

    name = models.CharField(_("name"), max_length=100)
    number = models.CharField(
        _("number"), max_length=30, help_text=_("As people dial it, e.g. 0 805 23 23 36.")
    )
    is_free_call = models.BooleanField(_("free call"), default=False)
    hours_en = models.CharField(_("hours (English)"), max_length=100, blank=True)
    hours_fr = models.CharField(_("hours (French)"), max_length=100, blank=True)
    description_en = models.CharField(_("description (English)"), max_length=500, blank=True)
    description_fr = models.CharField(_("description (French)"), max_length=500, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(
        _("shown to staff"), default=True, help_text=_("Untick to hide a line that closed.")
    )
    en_changed_at = models.DateTimeField(null=True, blank=True, editable=False)
    fr_changed_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = HotlineQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("24/7 line")
        verbose_name_plural = _("24/7 lines")

    def __str__(self):
        return self.name

    @property
    def tel_href(self):
        return tel_href(self.number)


class PolicyDocumentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Documents with a published version; for coordinators, drafts-only ones too."""
        if roles.is_coordinator(user):
            return self
        return self.filter(versions__status=PolicyVersion.Status.PUBLISHED).distinct()


class PolicyDocument(BilingualMixin, models.Model):
    """A document of the programme that changes by versions: the peer-support policy, the
    tool sheet of rules of intervention, the commitments charter peers sign."""

    class Kind(models.TextChoices):
        POLICY = "policy", _("Peer-support policy")
        RULES = "rules", _("Rules of intervention (tool sheet)")
        CHARTER = "charter", _("Commitments charter")
        OTHER = "other", _("Other document")

    TRANSLATED_FIELDS = ("title",)
    REQUIRED_TRANSLATED_FIELDS = ("title",)

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    title_en = models.CharField(_("title (English)"), max_length=TITLE_MAX_LENGTH, blank=True)
    title_fr = models.CharField(_("title (French)"), max_length=TITLE_MAX_LENGTH, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = PolicyDocumentQuerySet.as_manager()

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = _("policy document")
        verbose_name_plural = _("policy documents")

    def __str__(self):
        return self.title_en or self.title_fr or self.slug

    def get_absolute_url(self):
        return reverse("resources:policy", kwargs={"slug": self.slug})

    def current_version(self):
        """The published version with the highest number, or None."""
        return (
            self.versions.filter(status=PolicyVersion.Status.PUBLISHED).order_by("-number").first()
        )


class PolicyVersionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=PolicyVersion.Status.PUBLISHED)

    def visible_to(self, user):
        return self if roles.is_coordinator(user) else self.published()

    def current_of_kind(self, kind):
        """The version in force of the document of this kind (e.g. the charter peers sign)."""
        return self.published().filter(document__kind=kind).order_by("-number").first()


class PolicyVersion(BilingualMixin, models.Model):
    """One version of a policy document. Published versions are never edited again."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")

    TRANSLATED_FIELDS = ("change_note", "body")
    REQUIRED_TRANSLATED_FIELDS = ("body",)

    document = models.ForeignKey(PolicyDocument, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    effective_date = models.DateField(_("effective date"))
    change_note_en = models.CharField(_("change note (English)"), max_length=500, blank=True)
    change_note_fr = models.CharField(_("change note (French)"), max_length=500, blank=True)
    body_en = models.TextField(_("text (English)"), blank=True, max_length=BODY_MAX_LENGTH)
    body_fr = models.TextField(_("text (French)"), blank=True, max_length=BODY_MAX_LENGTH)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    # For the commitments charter: when the peers who had not signed this version were
    # reminded, once, before the end of its grace period (peers.services.charter_remind).
    signers_reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    en_changed_at = models.DateTimeField(null=True, blank=True, editable=False)
    fr_changed_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = PolicyVersionQuerySet.as_manager()

    class Meta:
        ordering = ["document", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="one_number_per_version")
        ]
        verbose_name = _("policy version")
        verbose_name_plural = _("policy versions")

    def __str__(self):
        return f"{self.document} v{self.number}"

    def get_absolute_url(self):
        return reverse(
            "resources:policy_version",
            kwargs={"slug": self.document.slug, "number": self.number},
        )

    @property
    def is_draft(self):
        return self.status == self.Status.DRAFT

    def publish(self, now=None):
        """Puts this version in force. The peers app reads the charter's version in force
        through PolicyVersion.objects.current_of_kind(PolicyDocument.Kind.CHARTER)."""
        self.status = self.Status.PUBLISHED
        self.published_at = now or timezone.now()
        self.save(update_fields=["status", "published_at"])


# Every change to the content is in the history coordinators see. The folded search
# column repeats the text and would only double each entry.
auditlog.register(Page, exclude_fields=["search_text"])
auditlog.register(PageOverride, exclude_fields=["search_text"])
auditlog.register(Story, exclude_fields=["search_text"])
auditlog.register(Hotline)
auditlog.register(PolicyDocument)
auditlog.register(PolicyVersion)
