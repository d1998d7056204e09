"""The data step of `Option.agenda_item`: existing assembly votes are linked by the old
pairing (items by id against options by ballot number, titles matching); a vote whose
options were changed by hand stays unlinked."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("voting", "0003_participation_keys"), ("councils", "0002_drop_unused_proxy_councils")]
AFTER = [("voting", "0004_option_agenda_item")]
AT = datetime(2021, 6, 1, tzinfo=UTC)
CLOSED = datetime(2021, 6, 2, tzinfo=UTC)


def _assembly(apps, council, year, titles, option_titles):
    AgendaItem = apps.get_model("councils", "AgendaItem")
    CouncilEvent = apps.get_model("councils", "CouncilEvent")
    Vote = apps.get_model("voting", "Vote")
    Option = apps.get_model("voting", "Option")
    items = [
        AgendaItem.objects.create(council=council, year=year, title=title, created_at=AT)
        for title in titles
    ]
    vote = Vote.objects.create(
        district=council.district,
        dong=council.dong,
        title=f"{year} 주민총회",
        ballot_type="yes_no",
        opens_at=AT,
        closes_at=CLOSED,
        created_at=AT,
    )
    options = [
        Option.objects.create(vote=vote, number=number, title=title)
        for number, title in enumerate(option_titles, start=1)
    ]
    event = CouncilEvent.objects.create(
        council=council,
        kind="assembly",
        year=year,
        title=f"{year} 주민총회",
        starts_at=AT,
        place="주민센터",
        vote=vote,
        created_at=AT,
    )
    event.agenda_items.set(items)
    return items, options


@pytest.mark.django_db(transaction=True)
def test_existing_assembly_options_are_linked_to_their_items(places):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Dong = old.get_model("places", "Dong")
    Council = old.get_model("councils", "Council")
    doksan1 = Dong.objects.get(name="독산1동")
    council = Council.objects.create(
        kind="resident", district_id=doksan1.district_id, dong=doksan1, name="독산1동 주민자치회"
    )
    titles = ["마을 축제 개최", "골목 방범 순찰"]
    kept_items, kept_options = _assembly(old, council, 2021, titles, titles)
    _changed_items, changed_options = _assembly(
        old, council, 2022, titles, ["고친 제목", titles[1]]
    )

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    from maeul.voting.models import Option

    linked = dict(Option.objects.values_list("pk", "agenda_item_id"))
    assert [linked[option.pk] for option in kept_options] == [item.pk for item in kept_items]
    assert [linked[option.pk] for option in changed_options] == [None, None]
