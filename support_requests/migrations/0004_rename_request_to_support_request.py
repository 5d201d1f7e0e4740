"""The foreign key to the support request is called `support_request` on offers, meetings,
alerts and follow-ups: `request` read like the HTTP request in every view."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("requests", "0003_strict_encrypted_fields")]

    operations = [
        migrations.RemoveConstraint(model_name="offer", name="one_pending_offer_per_request"),
        *[
            migrations.RenameField(model_name=model, old_name="request", new_name="support_request")
            for model in ["offer", "meeting", "escalation", "followup"]
        ],
        migrations.AddConstraint(
            model_name="offer",
            constraint=models.UniqueConstraint(
                condition=models.Q(("state", "pending")),
                fields=("support_request",),
                name="one_pending_offer_per_request",
            ),
        ),
    ]
