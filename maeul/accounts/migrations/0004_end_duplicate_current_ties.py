"""One current tie per kind: end the later duplicates (the data step of 0005's constraint).

Separate from the schema changes so that on PostgreSQL no ALTER TABLE runs in the same
transaction as these row updates.
"""

import django.utils.timezone
from django.db import migrations


def end_duplicate_current_ties(apps, schema_editor):
    """Keep the earliest tie of each kind per person; end the later ones (kept as history)."""
    DongTie = apps.get_model("accounts", "DongTie")
    now = django.utils.timezone.now()
    kept: set[tuple[int, str]] = set()
    for tie in DongTie.objects.filter(ended_at__isnull=True).order_by("started_at", "pk"):
        key = (tie.user_id, tie.kind)
        if key in kept:
            tie.ended_at = max(now, tie.started_at)
            tie.save(update_fields=["ended_at"])
        else:
            kept.add(key)


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0003_person_identity_and_tie_history'),
    ]

    operations = [
        migrations.RunPython(end_duplicate_current_ties, migrations.RunPython.noop),
    ]
