"""Korean search for proposals, by morphological analysis (kiwipiepy).

A proposal's title and body are cut into morphemes; nouns, verb and adjective stems and
foreign words become terms, each also stored with its prefixes of two syllables or more,
so that '주차장' finds '공영주차장을' (morphemes 공영 + 주차장) and '주차' finds '주차장'.
A query is cut the same way and matches proposals that hold every query term. The
analyser is shared (`maeul.core.korean`). At the end, proposals' entry in the site search
(`maeul.search`): the public ones, by `Proposal.objects.public()`.
"""

from collections import Counter

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from maeul.core.korean import query_terms, terms
from maeul.core.subqueries import count_of_each
from maeul.proposals.models import Proposal, SearchTerm
from maeul.search.sources import Entry, Source, register


def index_proposal(proposal: Proposal) -> None:
    """Replace the proposal's search terms with those of its current title and body."""
    title_terms = terms(proposal.title)
    body_terms = terms(proposal.body) | title_terms
    with transaction.atomic():
        SearchTerm.objects.filter(proposal=proposal).delete()
        SearchTerm.objects.bulk_create(
            [
                SearchTerm(proposal=proposal, term=term, in_title=term in title_terms)
                for term in sorted(body_terms)
            ]
        )


def matching(queryset: QuerySet[Proposal], query: str) -> QuerySet[Proposal]:
    """Narrow `queryset` to proposals that contain every term of `query`."""
    wanted = query_terms(query)
    if not wanted:
        return queryset
    for term in wanted:
        queryset = queryset.filter(
            pk__in=SearchTerm.objects.filter(term=term).values("proposal_id")
        )
    return queryset


def similar_to(title: str, queryset: QuerySet[Proposal], limit: int = 5) -> list[Proposal]:
    """Existing proposals whose titles share the most terms with `title` (to avoid duplicates)."""
    wanted = query_terms(title)
    if not wanted:
        return []
    shared = Counter(
        count_of_each(
            SearchTerm.objects.filter(term__in=wanted, in_title=True, proposal__in=queryset),
            "proposal_id",
        )
    )
    # At least half of the title's terms must be shared, or single common words dominate.
    threshold = max(1, (len(wanted) + 1) // 2)
    best = [pk for pk, n in shared.most_common() if n >= threshold][:limit]
    found = {p.pk: p for p in queryset.filter(pk__in=best)}
    return [found[pk] for pk in best if pk in found]


# --- The site search (maeul.search) --------------------------------------------------------
def _entry(proposal: Proposal) -> Entry:
    when = proposal.published_at or proposal.created_at
    return Entry.of(proposal, proposal.body, proposal.place, when=when)


register(
    Source(
        kind="proposal",
        label=_("Proposals"),
        model=Proposal,
        public=Proposal.objects.public,
        entry=_entry,
        order=10,
    )
)
