"""Small pieces the proposal views share."""

from django.conf import settings
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from maeul.places.models import District
from maeul.proposals.models import Proposal, Status


def current_district(request: HttpRequest) -> District:
    """The district named in the request (`?district=<code>`), else the site's default."""
    code = (
        request.POST.get("district")
        or request.GET.get("district")
        or settings.MAEUL_DEFAULT_DISTRICT
    )
    district = (
        District.objects.filter(code=code).first() or District.objects.order_by("code").first()
    )
    if district is None:
        raise Http404
    return district


def visible_proposal(request: HttpRequest, pk: int) -> Proposal:
    """A proposal the requester may open: public, hidden/merged/withdrawn (shown as such),
    or their own draft. Others' drafts do not exist for them (404)."""
    proposal = get_object_or_404(
        Proposal.objects.select_related(
            "district", "dong", "category", "author", "department", "merged_into"
        ),
        pk=pk,
    )
    if proposal.status == Status.DRAFT and proposal.author_id != getattr(request.user, "pk", None):
        raise Http404
    return proposal


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"
