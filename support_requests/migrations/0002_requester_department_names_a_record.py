"""The requester's department, still encrypted, now holds the id of a Department record
instead of free text. Each distinct folded text finds or becomes a confirmed record (the same
ones as the peers' departments). Reversible: going back writes the record's English name."""

from django.db import migrations

from organisation.migrations._free_text import record_for_text


def to_record_ids(apps, schema_editor):
    SupportRequest = apps.get_model("requests", "SupportRequest")
    Department = apps.get_model("organisation", "Department")
    for support_request in SupportRequest.objects.exclude(requester_department=None):
        department = record_for_text(Department, support_request.requester_department)
        support_request.requester_department = str(department.pk) if department else None
        support_request.save(update_fields=["requester_department"])


def to_text(apps, schema_editor):
    SupportRequest = apps.get_model("requests", "SupportRequest")
    Department = apps.get_model("organisation", "Department")
    for support_request in SupportRequest.objects.exclude(requester_department=None):
        value = support_request.requester_department
        department = Department.objects.filter(pk=value).first() if value.isdigit() else None
        while department and department.merged_into_id:
            department = department.merged_into
        support_request.requester_department = department.name_en if department else None
        support_request.save(update_fields=["requester_department"])


class Migration(migrations.Migration):
    dependencies = [
        ("requests", "0001_support_requests"),
        ("peers", "0003_map_free_text_to_records"),
    ]

    operations = [migrations.RunPython(to_record_ids, to_text)]
