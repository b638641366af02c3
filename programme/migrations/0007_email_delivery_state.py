"""Email leaves the request: each SentEmail row now records whether it is
queued, being sent, sent or failed. Rows from before were sent when they were
recorded, so they become "sent" at that time."""
from django.db import migrations, models
from django.db.models import F


def existing_rows_were_sent(apps, schema_editor):
    SentEmail = apps.get_model("programme", "SentEmail")
    SentEmail.objects.update(status="sent", sent_at=F("queued_at"))


class Migration(migrations.Migration):

    dependencies = [
        ("programme", "0006_one_feedback_per_organisation"),
    ]

    operations = [
        migrations.RenameField(model_name="sentemail", old_name="sent_at", new_name="queued_at"),
        migrations.AlterField(
            model_name="sentemail", name="queued_at", field=models.DateTimeField(auto_now_add=True),
        ),
        migrations.AddField(
            model_name="sentemail", name="sent_at", field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="sentemail",
            name="status",
            field=models.CharField(
                choices=[("queued", "Queued"), ("sending", "Sending"), ("sent", "Sent"), ("failed", "Failed")],
                default="queued", max_length=10,
            ),
        ),
        migrations.AddField(
            model_name="sentemail", name="attempts", field=models.PositiveSmallIntegerField(default=0),
        ),
        migrations.AddField(
            model_name="sentemail",
            name="claimed_at",
            field=models.DateTimeField(blank=True, help_text="When a worker last started sending it.", null=True),
        ),
        migrations.AddField(
            model_name="sentemail", name="last_error", field=models.CharField(blank=True, max_length=300),
        ),
        migrations.AddField(
            model_name="sentemail", name="reply_to", field=models.EmailField(blank=True, max_length=254),
        ),
        migrations.RunPython(existing_rows_were_sent, migrations.RunPython.noop),
        migrations.AlterModelOptions(name="sentemail", options={"ordering": ["-queued_at", "-pk"]}),
        migrations.AddIndex(
            model_name="sentemail",
            index=models.Index(fields=["status", "claimed_at"], name="programme_s_status_2a3120_idx"),
        ),
    ]
