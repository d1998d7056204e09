"""A participation holds every key its person is known by (account, phone, name + birth
date + dong), each unique within a vote; ballots may lose their channel at the count.

Existing participations keep their one key as the account key: it stays unique, and the
votes it belongs to were cast under the old single-key rule."""

from django.db import migrations, models
from django.db.models import F, Q


def keep_old_key(apps, schema_editor):
    Participation = apps.get_model("voting", "Participation")
    Participation.objects.update(account_key=F("voter_key"))


class Migration(migrations.Migration):
    dependencies = [("voting", "0002_vote_confirmed_ties_only")]

    operations = [
        migrations.AddField(
            model_name="participation",
            name="account_key",
            field=models.CharField(blank=True, max_length=64, null=True),
        ),
        migrations.AddField(
            model_name="participation",
            name="phone_key",
            field=models.CharField(blank=True, max_length=64, null=True),
        ),
        migrations.AddField(
            model_name="participation",
            name="person_key",
            field=models.CharField(blank=True, max_length=64, null=True),
        ),
        migrations.RunPython(keep_old_key, migrations.RunPython.noop),
        migrations.RemoveConstraint(model_name="participation", name="participation_one_per_person"),
        migrations.RemoveField(model_name="participation", name="voter_key"),
        migrations.AddConstraint(
            model_name="participation",
            constraint=models.UniqueConstraint(
                condition=Q(account_key__isnull=False),
                fields=("vote", "account_key"),
                name="participation_one_per_account_key",
            ),
        ),
        migrations.AddConstraint(
            model_name="participation",
            constraint=models.UniqueConstraint(
                condition=Q(phone_key__isnull=False),
                fields=("vote", "phone_key"),
                name="participation_one_per_phone_key",
            ),
        ),
        migrations.AddConstraint(
            model_name="participation",
            constraint=models.UniqueConstraint(
                condition=Q(person_key__isnull=False),
                fields=("vote", "person_key"),
                name="participation_one_per_person_key",
            ),
        ),
        migrations.AlterField(
            model_name="ballot",
            name="channel",
            field=models.CharField(
                blank=True,
                choices=[
                    ("online", "Online"),
                    ("on_site", "On-site ballot"),
                    ("postal", "Unattended postal ballot"),
                ],
                max_length=20,
                verbose_name="channel",
            ),
        ),
    ]
