"""Returned work and the facilitators' daily digest are emailed (two new
kinds; a digest spans a facilitator's programmes, so it has no cohort), each
facilitator chooses whether to get the digest, and an action's RAG history is
complete: every update records the status it moved from, and an action
records the day it was done.

Existing updates are given their previous status by walking each action's
updates in order. Every action before this migration was added through the
portal's form, which has no status field, so each one began at the model's
default, amber. An update's time is now set by the code that records it
(programme.actions.tracking), so that it and the day the action was done
are one moment."""
import zoneinfo

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models

LONDON = zoneinfo.ZoneInfo("Europe/London")


def fill_action_history(apps, schema_editor):
    Action = apps.get_model("programme", "Action")
    ActionUpdate = apps.get_model("programme", "ActionUpdate")
    updates = {}
    for update in ActionUpdate.objects.order_by("action_id", "created_at", "pk").iterator():
        updates.setdefault(update.action_id, []).append(update)
    changed_updates, changed_actions = [], []
    for action in Action.objects.filter(pk__in=list(updates)).iterator():
        status, completed_on = "amber", None
        for update in updates[action.pk]:
            update.previous_status = status
            if update.status == "done" and status != "done":
                completed_on = update.created_at.astimezone(LONDON).date()
            elif update.status != "done":
                completed_on = None
            status = update.status
            changed_updates.append(update)
        if action.status == "done" and completed_on is not None:
            action.completed_on = completed_on
            changed_actions.append(action)
    ActionUpdate.objects.bulk_update(changed_updates, ["previous_status"], batch_size=500)
    Action.objects.bulk_update(changed_actions, ["completed_on"], batch_size=500)



class Migration(migrations.Migration):

    dependencies = [
        ('programme', '0008_invitations_and_outbox'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='actionupdate',
            options={'ordering': ['-created_at', '-pk']},
        ),
        migrations.AddField(
            model_name='action',
            name='completed_on',
            field=models.DateField(blank=True, help_text='The day (UK time) it was marked done; empty while it is not done.', null=True),
        ),
        migrations.AddField(
            model_name='actionupdate',
            name='previous_status',
            field=models.CharField(blank=True, choices=[('red', 'Red'), ('amber', 'Amber'), ('green', 'Green'), ('done', 'Done')], help_text="The action's status before this update.", max_length=8),
        ),
        migrations.RunPython(fill_action_history, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='actionupdate',
            name='created_at',
            field=models.DateTimeField(default=django.utils.timezone.now, editable=False),
        ),
        migrations.AddField(
            model_name='user',
            name='digest_covered_until',
            field=models.DateTimeField(blank=True, editable=False, help_text='The end of the period the last digest covered.', null=True),
        ),
        migrations.AddField(
            model_name='user',
            name='submission_digest',
            field=models.BooleanField(default=True, help_text='Once a day, an email listing the plans, reports, check-ins and feedback submitted in your programmes since the last one. Sent only on days when something was submitted.', verbose_name='daily digest of new submissions'),
        ),
        migrations.AlterField(
            model_name='sentemail',
            name='cohort',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='sent_emails', to='programme.cohort'),
        ),
        migrations.AlterField(
            model_name='sentemail',
            name='kind',
            field=models.CharField(choices=[('invitation', 'Invitation to the portal'), ('reminder', 'Session reminder'), ('follow_up', 'Follow-up resources'), ('receipt', 'Submission receipt'), ('deadline', 'Deadline reminder'), ('message', 'Message to the cohort'), ('returned', 'Returned for changes'), ('digest', "Facilitator's daily digest")], max_length=20),
        ),
    ]
