"""Atom feeds of new proposals and of official answers, for feed readers and local media.

Only public proposals appear, authors by their public display name. Links are built on
MAEUL_BASE_URL rather than the request's Host header, so a forged Host cannot end up in a
feed a reader caches. Titles are plain text (the feed generator escapes them); bodies are
the sanitised HTML the site shows.
"""

from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from maeul.places.models import District
from maeul.proposals.listing import ProposalFilter, filter_proposals
from maeul.proposals.models import PUBLIC_STATUSES, Answer, Proposal

FEED_SIZE = 50


def _absolute(path: str) -> str:
    return f"{settings.MAEUL_BASE_URL}{path}"


def _in_district(path: str, district: District | None) -> str:
    return _absolute(f"{path}?district={district.code}" if district else path)


class _DistrictFeed(Feed[Any, District]):
    """A feed narrowed to one district by `?district=<code>`; an unknown code is 404."""

    feed_type = Atom1Feed
    url_name = ""

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> District | None:
        code = request.GET.get("district")
        if not code:
            return None
        district = District.objects.filter(code=code).first()
        if district is None:
            raise Http404
        return district

    def feed_url(self, obj: District | None) -> str:
        return _in_district(reverse(f"proposal_feeds:{self.url_name}"), obj)

    def link(self, obj: District | None) -> str:
        return _in_district(reverse("proposals:list"), obj)


class NewProposalsFeed(_DistrictFeed):
    url_name = "new"

    def title(self, obj: District | None) -> str:
        if obj is None:
            return _("New proposals")
        return _("New proposals in %(district)s") % {"district": obj.name}

    def description(self, obj: District | None) -> str:
        return _("The latest proposals residents have made.")

    def items(self, obj: District | None) -> QuerySet[Proposal]:
        params = ProposalFilter(district=obj.code if obj else None)
        return filter_proposals(params, now=timezone.now())[:FEED_SIZE]

    def item_title(self, item: Proposal) -> str:
        return item.title

    def item_description(self, item: Proposal) -> str:
        return item.body_html

    def item_link(self, item: Proposal) -> str:
        return _absolute(item.get_absolute_url())

    def item_author_name(self, item: Proposal) -> str:
        return item.proposer_label

    def item_pubdate(self, item: Proposal) -> datetime | None:
        return item.published_at

    def item_updateddate(self, item: Proposal) -> datetime | None:
        # Atom requires <updated> in every entry; a proposal's text does not change after
        # it is received, so that moment is its last update.
        return item.published_at

    def item_categories(self, item: Proposal) -> list[str]:
        return [item.category.name, (item.dong or item.district).name]


class AnswersFeed(_DistrictFeed):
    url_name = "answers"

    def title(self, obj: District | None) -> str:
        if obj is None:
            return _("Answers to proposals")
        return _("Answers to proposals in %(district)s") % {"district": obj.name}

    def description(self, obj: District | None) -> str:
        return _("The latest official answers to residents' proposals.")

    def items(self, obj: District | None) -> QuerySet[Answer]:
        answers = Answer.objects.filter(proposal__status__in=PUBLIC_STATUSES)
        if obj is not None:
            answers = answers.filter(proposal__district=obj)
        return answers.select_related(
            "proposal__district", "proposal__category", "department"
        ).order_by("-created_at", "-id")[:FEED_SIZE]

    def item_title(self, item: Answer) -> str:
        return item.proposal.title

    def item_description(self, item: Answer) -> str:
        return item.body_html

    def item_link(self, item: Answer) -> str:
        return _absolute(f"{item.proposal.get_absolute_url()}#answer")

    def item_author_name(self, item: Answer) -> str:
        # The office answers, not the civil servant who typed it.
        return item.department.name if item.department else item.proposal.district.name

    def item_pubdate(self, item: Answer) -> datetime:
        return item.created_at

    def item_updateddate(self, item: Answer) -> datetime:
        return item.updated_at

    def item_categories(self, item: Answer) -> list[str]:
        return [str(item.get_decision_display()), item.proposal.category.name]
