"""The content a new installation starts with, in English and French: the Markdown files of
resources/default_content/, loaded by resources/defaults.py. The Quality and Risk Office
adapts it in the app: every later change is in the audit log.

Runs once: a database that already holds pages is left alone (`manage.py
update_default_content` offers later defaults to an existing installation).
"""

from django.db import migrations
from django.utils import timezone

from resources import defaults


def load_default_content(apps, schema_editor):
    def get_model(name):
        return apps.get_model("resources", name)

    if get_model("Page").objects.exists():
        return
    now = timezone.now()
    defaults.install_pages(get_model, now)
    defaults.install_stories(get_model, now)
    defaults.install_hotlines(get_model, now)
    # The commitments charter comes with the next migration.
    kinds = {entry["kind"] for entry in defaults.index()["policies"]} - {defaults.CHARTER_KIND}
    defaults.install_policies(get_model, now, kinds=kinds)


class Migration(migrations.Migration):
    dependencies = [("resources", "0001_pathway_content")]

    operations = [migrations.RunPython(load_default_content, migrations.RunPython.noop)]
