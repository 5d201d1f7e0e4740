"""The hospital's organisation: its sites and departments as records, and the organisation
facts of each staff member.

A site or department has a code, an English and a French name and aliases. Whatever name a
person, a directory or a CSV file uses ("Chirurgie", "SURGERY", "chirurgie-ambulatoire"),
`resolve()` finds the one record it means, ignoring case and accents. A value that matches no
record becomes an *unconfirmed* record, which a coordinator confirms or merges into another:
the merged record keeps pointing to the one it was merged into, so anything that named it (an
encrypted support request) still finds the right department.
"""

from auditlog.registry import auditlog
from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import Exists, OuterRef, Q, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from svsupport.lib.text import fold, has_control_characters

CODE_MAX_LENGTH = 40
NAME_MAX_LENGTH = 120


def name_key(text):
    """The form under which names are compared: folded, inner spaces collapsed, cut to the
    column's length (folding may lengthen a name: "ß" becomes "ss")."""
    return " ".join(fold(text).split())[:NAME_MAX_LENGTH]


def clean_name(text, max_length=NAME_MAX_LENGTH):
    """A name from outside (a directory, a CSV file) as it may be stored: control characters
    (a NUL would make PostgreSQL refuse the row) dropped, spaces collapsed, cut to length."""
    visible = "".join(" " if has_control_characters(char) else char for char in text or "")
    return " ".join(visible.split())[:max_length]


class UnitQuerySet(models.QuerySet):
    def current(self):
        """The records in use: those not merged into another."""
        return self.filter(merged_into__isnull=True)

    def offered_to(self, *units):
        """What a form offers: the confirmed records, plus `units` (one's own department,
        perhaps still unconfirmed), in the order of the names the reader sees."""
        pks = [unit.pk for unit in units if unit]
        return self.current().filter(Q(confirmed=True) | Q(pk__in=pks)).in_name_order()

    def in_name_order(self, *first):
        """Sorted by `first`, then by the name in the active language (the English one when
        the French is missing), so that French readers find "Chirurgie" under C."""
        name = "name_en_key"
        if (get_language() or "").startswith("fr"):
            name = Coalesce(NullIf("name_fr_key", Value("")), "name_en_key")
        return self.order_by(*first, name, "pk")

    def matching(self, name):
        """Current records whose code, English name, French name or an alias is `name`,
        ignoring case, accents and repeated spaces."""
        key = name_key(name)
        if not key:
            return self.none()
        aliases = self.model.alias_model().objects.filter(unit=OuterRef("pk"), key=key)
        return self.current().filter(
            Q(code_key=key) | Q(name_en_key=key) | Q(name_fr_key=key) | Exists(aliases)
        )

    def resolve(self, name):
        """The one current record `name` designates, or None."""
        return self.matching(name).order_by("pk").first()

    def resolve_or_create(self, name):
        """The record `name` designates; an unknown, non-blank name creates an unconfirmed
        record for the coordinators to confirm or merge. None for a blank name."""
        name = clean_name(name)
        if not name_key(name):
            return None
        for _attempt in range(3):
            found = self.resolve(name)
            if found:
                return found
            try:
                # Two logins bringing the same new name at once: the second finds the first's
                # record on the next attempt (or a free code, for another name's clash).
                with transaction.atomic():
                    code = self.model.free_code(name)
                    return self.create(code=code, name_en=name, confirmed=False)
            except IntegrityError:
                continue
        return self.resolve(name)

    def by_id(self, pk):
        """The current record for an id that may be a merged record's: follows the merge."""
        return self.by_ids([pk]).get(pk) if pk else None

    def by_ids(self, pks):
        """{id: current record} for ids that may be merged records' (one query)."""
        units = self.filter(pk__in=pks).select_related("merged_into")
        return {unit.pk: unit.merged_into if unit.merged_into_id else unit for unit in units}


class OrganisationUnit(models.Model):
    code = models.SlugField(_("code"), max_length=CODE_MAX_LENGTH, unique=True)
    name_en = models.CharField(_("name in English"), max_length=NAME_MAX_LENGTH)
    name_fr = models.CharField(_("name in French"), max_length=NAME_MAX_LENGTH, blank=True)
    confirmed = models.BooleanField(_("confirmed"), default=True)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged"
    )
    # Derived from code and names on every save, so that resolve() is one indexed query.
    code_key = models.CharField(max_length=CODE_MAX_LENGTH, editable=False, db_index=True)
    name_en_key = models.CharField(max_length=NAME_MAX_LENGTH, editable=False, db_index=True)
    name_fr_key = models.CharField(max_length=NAME_MAX_LENGTH, editable=False, db_index=True)

    objects = UnitQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["name_en_key", "pk"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.code_key = name_key(self.code)
        self.name_en_key = name_key(self.name_en)
        self.name_fr_key = name_key(self.name_fr)
        super().save(*args, **kwargs)

    @property
    def name(self):
        """The name in the active language; the English one when the French is missing."""
        if (get_language() or "").startswith("fr") and self.name_fr:
            return self.name_fr
        return self.name_en

    @classmethod
    def alias_model(cls):
        return cls.aliases.rel.related_model

    def confirm(self):
        self.confirmed = True
        self.save(update_fields=["confirmed"])

    def own_keys(self):
        return {key for key in (self.code_key, self.name_en_key, self.name_fr_key) if key}

    @classmethod
    def free_code(cls, name):
        """A code derived from `name` that no record uses yet."""
        base = slugify(fold(name))[: CODE_MAX_LENGTH - 4] or "unit"
        code, number = base, 1
        while cls.objects.filter(code=code).exists():
            number += 1
            code = f"{base}-{number}"
        return code


class Site(OrganisationUnit):
    # The directory groups whose members coordinate this site, or sit on its board (a
    # group's name in the OpenID Connect claim, or its DN in LDAP). Blank: none.
    coordinator_directory_group = models.CharField(
        _("directory group of its coordinators"),
        max_length=255,
        blank=True,
        help_text=_("The group's name (OpenID Connect) or its DN (LDAP). Blank: none."),
    )
    board_directory_group = models.CharField(
        _("directory group of its board members"),
        max_length=255,
        blank=True,
        help_text=_("The group's name (OpenID Connect) or its DN (LDAP). Blank: none."),
    )

    class Meta(OrganisationUnit.Meta):
        verbose_name = _("site")
        verbose_name_plural = _("sites")


class Department(OrganisationUnit):
    class Meta(OrganisationUnit.Meta):
        verbose_name = _("department")
        verbose_name_plural = _("departments")


class Alias(models.Model):
    """Another name of a record: a merged record's names, a directory's spelling."""

    name = models.CharField(_("alias"), max_length=NAME_MAX_LENGTH)
    key = models.CharField(max_length=NAME_MAX_LENGTH, unique=True, editable=False)

    class Meta:
        abstract = True
        ordering = ["key"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.key = name_key(self.name)
        super().save(*args, **kwargs)


class SiteAlias(Alias):
    unit = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="aliases")


class DepartmentAlias(Alias):
    unit = models.ForeignKey(Department, on_delete=models.CASCADE, related_name="aliases")


class StaffProfile(models.Model):
    """Where a staff member works and as what, from the hospital directory at each login
    (or as a coordinator recorded it). The request form starts from this department."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_profile"
    )
    site = models.ForeignKey(
        Site, null=True, blank=True, on_delete=models.SET_NULL, related_name="profiles"
    )
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.SET_NULL, related_name="profiles"
    )
    profession = models.CharField(_("profession"), max_length=NAME_MAX_LENGTH, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"staff profile {self.user_id}"


class RoleGrant(models.Model):
    """A coordinator or board member for one site (`site`) or for the whole network (no
    site). Granted by IT support (`grant_role ... --site`) or by a directory group configured
    on the site (`source` = directory: re-decided at every sign-in). Members of the
    Quality and Risk Office and Board groups hold the network scope of their role."""

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("Coordinator")
        BOARD = "board", _("Board member")

    class Source(models.TextChoices):
        MANUAL = "manual", _("Granted in the app")
        DIRECTORY = "directory", _("From a directory group")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_grants"
    )
    role = models.CharField(max_length=16, choices=Role.choices)
    site = models.ForeignKey(
        Site, null=True, blank=True, on_delete=models.CASCADE, related_name="role_grants"
    )
    source = models.CharField(max_length=16, choices=Source.choices, default=Source.MANUAL)
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "site"],
                condition=Q(site__isnull=False),
                name="one_site_grant_per_role",
            ),
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=Q(site__isnull=True),
                name="one_network_grant_per_role",
            ),
        ]

    def __str__(self):
        return f"role grant {self.user_id}"


def staff_department(user):
    """The department on the user's staff profile, or None."""
    profile = StaffProfile.objects.filter(user=user).select_related("department").first()
    return profile.department if profile else None


auditlog.register(Site, exclude_fields=["code_key", "name_en_key", "name_fr_key"])
auditlog.register(Department, exclude_fields=["code_key", "name_en_key", "name_fr_key"])
auditlog.register(SiteAlias, exclude_fields=["key"])
auditlog.register(DepartmentAlias, exclude_fields=["key"])
auditlog.register(StaffProfile, exclude_fields=["updated_at"])
auditlog.register(RoleGrant)


def staff_site_and_department(user):
    """(site, department) on the user's staff profile, each None when unknown; one query."""
    profile = StaffProfile.objects.filter(user=user).select_related("site", "department").first()
    return (profile.site, profile.department) if profile else (None, None)
