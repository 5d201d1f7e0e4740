from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("peers", "0003_map_free_text_to_records")]

    operations = [
        migrations.RemoveField(model_name="peersupporter", name="department"),
        migrations.RemoveField(model_name="peersupporter", name="site"),
        migrations.RenameField(
            model_name="peersupporter", old_name="department_record", new_name="department"
        ),
        migrations.RenameField(model_name="peersupporter", old_name="site_record", new_name="site"),
    ]
