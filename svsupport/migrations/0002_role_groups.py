"""Creates the role groups under their stable internal names, so that IT support never types
them (grant_role / revoke_role add and remove members)."""

from django.db import migrations

# Copied, not imported: a migration must keep meaning what it meant when it was written.
ROLE_GROUP_NAMES = ["Quality and Risk Office", "Board"]


def create_role_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLE_GROUP_NAMES:
        Group.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("svsupport", "0001_mail_queue"),
    ]

    # Reversing keeps the groups: removing them would silently take roles away.
    operations = [migrations.RunPython(create_role_groups, migrations.RunPython.noop)]
