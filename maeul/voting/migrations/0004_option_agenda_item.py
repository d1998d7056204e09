"""An assembly's option names the agenda item it decides (a foreign key), instead of being
paired with it by ballot order and title.

Existing assembly votes are linked by the old pairing: the event's agenda items in the
order of their ids against the options in ballot order, where every title still matches.
A vote whose options were changed by hand stays unlinked, as its result could not be
applied before either."""

import django.db.models.deletion
from django.db import migrations, models

TITLE_MAX = 200


def link_assembly_options(apps, schema_editor):
    CouncilEvent = apps.get_model("councils", "CouncilEvent")
    Option = apps.get_model("voting", "Option")
    for event in CouncilEvent.objects.filter(kind="assembly", vote__isnull=False):
        items = list(event.agenda_items.order_by("pk"))
        options = list(Option.objects.filter(vote_id=event.vote_id).order_by("number"))
        if len(items) != len(options):
            continue
        if any(
            option.title != item.title[:TITLE_MAX]
            for item, option in zip(items, options, strict=True)
        ):
            continue
        for item, option in zip(items, options, strict=True):
            option.agenda_item = item
        Option.objects.bulk_update(options, ["agenda_item"])


class Migration(migrations.Migration):
    dependencies = [
        ("councils", "0002_drop_unused_proxy_councils"),
        ("voting", "0003_participation_keys"),
    ]

    operations = [
        migrations.AddField(
            model_name="option",
            name="agenda_item",
            field=models.ForeignKey(
                blank=True,
                help_text="On an assembly's vote: the agenda item this option decides.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="vote_options",
                to="councils.agendaitem",
                verbose_name="agenda item",
            ),
        ),
        migrations.RunPython(link_assembly_options, migrations.RunPython.noop),
    ]
