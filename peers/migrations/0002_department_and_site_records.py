from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("peers", "0001_registry"),
        ("organisation", "0001_sites_departments_profiles"),
    ]

    operations = [
        # A default, so that reversing 0004 can put the text columns back on existing rows.
        migrations.AlterField(
            model_name="peersupporter",
            name="department",
            field=models.CharField(default="", max_length=120, verbose_name="department or unit"),
        ),
        migrations.AlterField(
            model_name="peersupporter",
            name="site",
            field=models.CharField(default="", max_length=120, verbose_name="site"),
        ),
        migrations.AddField(
            model_name="peersupporter",
            name="department_record",
            field=models.ForeignKey(
                null=True,
                on_delete=models.PROTECT,
                related_name="peers",
                to="organisation.department",
                verbose_name="department or unit",
            ),
        ),
        migrations.AddField(
            model_name="peersupporter",
            name="site_record",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=models.PROTECT,
                related_name="peers",
                to="organisation.site",
                verbose_name="site",
            ),
        ),
    ]
