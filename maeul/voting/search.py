"""Votes in the site search: the listed ones (not drafts, not simulations)."""

from django.utils.translation import gettext_lazy as _

from maeul.core.dates import seoul_year
from maeul.search.sources import Entry, Source, register
from maeul.voting.models import Vote


def _entry(vote: Vote) -> Entry:
    return Entry(
        title=vote.title,
        body=vote.description,
        url=vote.get_absolute_url(),
        updated=vote.opens_at,
        district_id=vote.district_id,
        dong_id=vote.dong_id,
        year=seoul_year(vote.opens_at),
    )


register(
    Source(
        kind="vote",
        label=_("Votes"),
        model=Vote,
        public=Vote.objects.listed,
        entry=_entry,
        order=30,
    )
)
