"""Audit entries for rows written in bulk. django-auditlog writes an entry from the save()
signals, which bulk_create and bulk_update do not send; these functions write the same
entries (its own diff, its own fields) in one INSERT, for the clock's batches."""

from auditlog.cid import get_cid
from auditlog.diff import model_instance_diff
from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils.encoding import smart_str


def log_created(instances):
    write(instances, LogEntry.Action.CREATE, lambda instance: None)


def log_updated(instances, before):
    """`before`: {pk: a copy of each instance as it was read}."""
    write(instances, LogEntry.Action.UPDATE, lambda instance: before.get(instance.pk))


def write(instances, action, old_of):
    entries = []
    for instance in instances:
        changes = model_instance_diff(
            old_of(instance),
            instance,
            use_json_for_changes=getattr(settings, "AUDITLOG_STORE_JSON_CHANGES", False),
        )
        if changes:
            entries.append(entry(instance, action, changes))
    LogEntry.objects.bulk_create(entries)


def entry(instance, action, changes):
    pk = instance.pk
    return LogEntry(
        content_type=ContentType.objects.get_for_model(instance),
        object_pk=smart_str(pk),
        object_id=pk if isinstance(pk, int) else None,
        object_repr=smart_str(instance),
        action=action,
        changes=changes,
        cid=get_cid(),
    )
