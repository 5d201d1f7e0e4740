"""Workflows over sites and departments: merging two records, and the organisation facts a
directory gives at each login."""

from auditlog.registry import auditlog
from django.db import transaction

from organisation.models import Department, Site, StaffProfile, clean_name, name_key


class MergeRefused(Exception):
    pass


@transaction.atomic
def unit_merge(*, source, target):
    """Merges `source` into `target` (two sites or two departments): everything that points
    to `source` (peers, staff profiles, records merged into it before) moves to `target`, its
    aliases too, and its code and names become aliases of `target`. `source` stays as a
    merged record pointing to `target`, so that an encrypted support request naming it still
    finds its department. Raises MergeRefused for a record into itself or a merged record."""
    if type(source) is not type(target) or source.pk == target.pk:
        raise MergeRefused("a record cannot be merged into itself")
    if source.merged_into_id or target.merged_into_id:
        raise MergeRefused("a merged record cannot be merged again")
    # Every foreign key to the record (peers, profiles, aliases, earlier merges), found by
    # introspection so that an app adding one cannot be forgotten here.
    for relation in type(source)._meta.related_objects:
        if relation.one_to_many:
            repoint(relation.related_model, relation.field.name, source, target)
    taken = target.own_keys() | set(target.aliases.values_list("key", flat=True))
    for name in (source.name_en, source.name_fr, source.code):
        if name_key(name) and name_key(name) not in taken:
            target.aliases.create(name=name)
            taken.add(name_key(name))
    source.refresh_from_db()
    source.merged_into = target
    source.save(update_fields=["merged_into"])
    return target


def repoint(model, field, source, target):
    rows = model._base_manager.filter(**{field: source})
    if not auditlog.contains(model):
        rows.update(**{field: target})
        return
    # One save each, so that a peer's history shows the department the merge gave them.
    for row in rows:
        setattr(row, field, target)
        row.save(update_fields=[field])


def profile_update_from_directory(*, user, site_name, department_name, profession):
    """Finds or creates (unconfirmed) the Site and Department records matching the
    directory's values (blank values leave the field empty) and saves them, with the
    profession, on the user's StaffProfile. Never raises for unknown values: a login is
    never blocked."""
    profile, _created = StaffProfile.objects.get_or_create(user=user)
    profile.site = Site.objects.resolve_or_create(site_name)
    profile.department = Department.objects.resolve_or_create(department_name)
    profile.profession = clean_name(profession)
    profile.save()
    return profile
