"""Ships the first version of the commitments charter peers sign, as a policy document of
kind "charter" (its text: resources/default_content/<language>/policies/commitments-charter.md),
so a new installation can activate peers on day one. Coordinators publish later versions in
the app; each new version asks every peer to sign again."""

from django.db import migrations
from django.utils import timezone

from resources import defaults


def create_commitments_charter(apps, schema_editor):
    defaults.install_policies(
        lambda name: apps.get_model("resources", name), timezone.now(), kinds={"charter"}
    )


class Migration(migrations.Migration):
    dependencies = [("resources", "0002_default_content")]

    operations = [migrations.RunPython(create_commitments_charter, migrations.RunPython.noop)]
