"""Today's free-text departments and sites become records: one confirmed record per distinct
value once folded ("Chirurgie", "chirurgie " and "CHIRURGIE" give one record). Reversible:
going back writes each record's English name into the text columns."""

from django.db import migrations

from organisation.migrations._free_text import record_for_text


def to_records(apps, schema_editor):
    PeerSupporter = apps.get_model("peers", "PeerSupporter")
    Department = apps.get_model("organisation", "Department")
    Site = apps.get_model("organisation", "Site")
    for peer in PeerSupporter.objects.order_by("pk"):
        peer.department_record = record_for_text(Department, peer.department)
        peer.site_record = record_for_text(Site, peer.site)
        peer.save(update_fields=["department_record", "site_record"])


def to_text(apps, schema_editor):
    PeerSupporter = apps.get_model("peers", "PeerSupporter")
    for peer in PeerSupporter.objects.select_related("department_record", "site_record"):
        peer.department = peer.department_record.name_en if peer.department_record else ""
        peer.site = peer.site_record.name_en if peer.site_record else ""
        peer.save(update_fields=["department", "site"])


class Migration(migrations.Migration):
    dependencies = [("peers", "0002_department_and_site_records")]

    operations = [migrations.RunPython(to_records, to_text)]
