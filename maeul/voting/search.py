"""Votes in the site search: the listed ones (not drafts, not simulations)."""

from django.utils.translation import gettext_lazy as _

from maeul.search.sources import Entry, Source, register
from maeul.voting.models import Vote


def _entry(vote: Vote) -> Entry:
    return Entry.of(vote, vote.description, when=vote.opens_at)


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
