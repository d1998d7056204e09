"""Resident councils and their agenda items (의제) in the site search: every council and
every agenda item is public (their pages list them all)."""

from typing import Any

from django.urls import reverse
from django.utils.translation import pgettext_lazy

from maeul.councils.models import AgendaItem, Council
from maeul.search.sources import Entry, Source, register


def _council(council: Council) -> Entry:
    places = [council.district.name, council.dong.name if council.dong else ""]
    return Entry.of(
        council, " ".join(filter(None, [*places, council.get_kind_display()])), title=council.name
    )


def _agenda_item(item: AgendaItem) -> Entry:
    return Entry.of(
        item,
        item.description,
        item.council.name,
        when=item.created_at,
        year=item.year,
        url=reverse("councils:agenda_item", kwargs={"pk": item.pk}),
        place=item.council,  # an agenda item is where its council is
    )


def _public_councils() -> Any:
    return Council.objects.select_related("district", "dong")


def _public_agenda() -> Any:
    return AgendaItem.objects.select_related("council")


def _items_of(council: Council) -> Any:
    # An agenda item shows its council's name and place.
    return AgendaItem.objects.filter(council=council).values_list("pk", flat=True)


register(
    Source(
        kind="council",
        label=pgettext_lazy("search kind", "Resident councils"),
        model=Council,
        public=_public_councils,
        entry=_council,
        order=40,
    )
)
register(
    Source(
        kind="agenda",
        label=pgettext_lazy("search kind", "Agenda items"),
        model=AgendaItem,
        public=_public_agenda,
        entry=_agenda_item,
        related={Council: _items_of},
        order=50,
    )
)
