"""Community spaces in the site search (`Space.objects.public()`: every space)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from maeul.search.sources import Entry, Source, register
from maeul.spaces.models import Space


def _entry(space: Space) -> Entry:
    return Entry.of(
        space,
        space.address,
        space.operator,
        space.services,
        space.accessibility,
        space.rules,
        title=space.name,
        url=reverse("spaces:detail", kwargs={"pk": space.pk}),
    )


register(
    Source(
        kind="space",
        label=_("Community spaces"),
        model=Space,
        public=Space.objects.public,
        entry=_entry,
        order=60,
    )
)
