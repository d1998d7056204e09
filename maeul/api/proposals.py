"""Proposals (제안) in the API: list and read them, support (공감) and take support back.

Reading is public. Supporting needs a signed-in session (with its CSRF token) or a
personal API token (see `maeul.api.auth`). Messages follow the request's language, Korean
unless the client asks otherwise with Accept-Language.

A merged duplicate is answered with 200, its status `merged` and `merged_into` naming the
proposal it went into, so an old link still leads somewhere; hidden, withdrawn and draft
proposals are 404.
"""

from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.db.models import Prefetch
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Query, Router, Schema

from maeul.api.auth import RESIDENT_AUTH
from maeul.api.common import CodeName, Label, Page, PageQuery, errors, in_seoul, paginate
from maeul.core.dates import SEOUL
from maeul.proposals.listing import (
    LIST_RELATED,
    filter_proposals,
    parse_filter,
    viewable_proposals,
)
from maeul.proposals.models import Answer, Attachment, Proposal, Status
from maeul.proposals.services.support import support_proposal, withdraw_support

router = Router(tags=["proposals"])


# --- Input ------------------------------------------------------------------------------
class ProposalQuery(PageQuery):
    """List filters; a value that is not understood is ignored, never an error."""

    district: str | None = None
    dong: str | None = None
    category: str | None = None
    status: str | None = None
    channel: str | None = None
    period_from: str | None = None
    period_to: str | None = None
    q: str | None = None
    sort: str | None = None


# --- Output -----------------------------------------------------------------------------
class CategoryOut(Schema):
    id: int
    name: str


class ProposalItem(Schema):
    id: int
    title: str
    district: CodeName
    dong: CodeName | None
    category: CategoryOut
    status: Label
    channel: Label
    support_count: int
    comment_count: int
    published_at: datetime | None
    support_until: datetime | None
    answered_at: datetime | None
    proposer: str
    url: str


class ProposalPage(Page[ProposalItem]):
    pass


class AttachmentOut(Schema):
    name: str
    kind: str
    url: str


class AnswerOut(Schema):
    decision: Label
    body_html: str
    department: str | None
    answered_at: datetime


# A proposal another row points at (what a proposal was merged into, what an agenda item was
# taken up from). No docstring: it would become the schema's description in OpenAPI.
class ProposalRef(Schema):
    id: int
    title: str
    url: str

    @classmethod
    def of(cls, proposal: Proposal | None) -> "ProposalRef | None":
        if proposal is None:
            return None
        return cls(id=proposal.pk, title=proposal.title, url=proposal.get_absolute_url())


class ProposalDetail(ProposalItem):
    body_html: str
    place: str
    attachments: list[AttachmentOut]
    answer: AnswerOut | None
    merged_into: ProposalRef | None


class SupportOut(Schema):
    supported: bool
    support_count: int


# --- Shaping ----------------------------------------------------------------------------
def _item_fields(p: Proposal) -> dict[str, Any]:
    return {
        "id": p.pk,
        "title": p.title,
        "district": CodeName.of(p.district),
        "dong": CodeName.of(p.dong),
        "category": CategoryOut(id=p.category.pk, name=p.category.name),
        "status": Label.of_field(p, "status"),
        "channel": Label.of_field(p, "channel"),
        "support_count": p.support_count,
        "comment_count": p.comment_count,
        "published_at": in_seoul(p.published_at),
        "support_until": in_seoul(p.support_until),
        "answered_at": in_seoul(p.answered_at),
        "proposer": p.proposer_label,
        "url": p.get_absolute_url(),
    }


def _answer_of(p: Proposal) -> AnswerOut | None:
    try:
        answer: Answer = p.answer
    except Answer.DoesNotExist:
        return None
    return AnswerOut(
        decision=Label.of_field(answer, "decision"),
        body_html=answer.body_html,
        department=answer.department.name if answer.department else None,
        answered_at=answer.created_at.astimezone(SEOUL),
    )


def _detail(p: Proposal) -> ProposalDetail:
    target = p.merged_into if p.status == Status.MERGED else None
    return ProposalDetail(
        **_item_fields(p),
        body_html=p.body_html,
        place=p.place,
        attachments=[
            AttachmentOut(name=a.original_name, kind=a.kind, url=a.file.url)
            for a in p.attachments.all()
        ],
        answer=_answer_of(p),
        merged_into=ProposalRef.of(target),
    )


def _supportable(pk: int) -> Proposal:
    """Any proposal but a draft: the support service explains why a closed one is refused."""
    return get_object_or_404(
        Proposal.objects.exclude(status=Status.DRAFT).select_related("district", "category"),
        pk=pk,
    )


# --- Endpoints --------------------------------------------------------------------------
@router.get("/proposals", response=ProposalPage, summary="List public proposals")
def list_proposals(request: HttpRequest, query: Query[ProposalQuery]) -> ProposalPage:
    """Filters as on the list page (district and dong codes, category id, status, channel,
    period_from/period_to as YYYY-MM-DD in Asia/Seoul), `q` for Korean search, `sort` one of
    newest, supported, answered, deadline; page-numbered, at most 100 a page."""
    rows = filter_proposals(parse_filter(query.filters()), now=timezone.now())
    return ProposalPage(**paginate(request, rows, query, lambda p: ProposalItem(**_item_fields(p))))


@router.get(
    "/proposals/{int:proposal_id}",
    response=ProposalDetail,
    summary="Read a proposal",
)
def get_proposal(request: HttpRequest, proposal_id: int) -> ProposalDetail:
    rows = (
        viewable_proposals()
        .select_related(*LIST_RELATED, "merged_into", "answer__department")
        .prefetch_related(Prefetch("attachments", queryset=Attachment.objects.order_by("id")))
    )
    return _detail(get_object_or_404(rows, pk=proposal_id))


# A resident's support of one proposal: given (POST) or taken back (DELETE).
SUPPORT_PATH = "/proposals/{int:proposal_id}/support"
SUPPORT_ANSWERS: dict[str, Any] = {
    "auth": RESIDENT_AUTH,
    "response": {200: SupportOut, **errors(400, 403, 409)},
}


def _support_answer(
    request: HttpRequest, proposal_id: int, service: Callable[..., Any], supported: bool
) -> SupportOut:
    proposal = _supportable(proposal_id)
    service(proposal=proposal, user=request.auth, now=timezone.now())  # type: ignore[attr-defined]
    return SupportOut(supported=supported, support_count=proposal.support_count)


@router.post(SUPPORT_PATH, **SUPPORT_ANSWERS, summary="Support a proposal (공감)")
def support(request: HttpRequest, proposal_id: int) -> SupportOut:
    return _support_answer(request, proposal_id, support_proposal, supported=True)


@router.delete(SUPPORT_PATH, **SUPPORT_ANSWERS, summary="Take one's support back")
def unsupport(request: HttpRequest, proposal_id: int) -> SupportOut:
    return _support_answer(request, proposal_id, withdraw_support, supported=False)
