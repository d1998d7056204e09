"""Staff pages: review queue and overdue answers, one proposal's desk, offline entry, moderation.

Staff see the proposals and comments of the dongs and districts they serve
(`scope_of(user).rows`); another's proposal is not found (404). Every action on a desk is
answered by `maeul.core.desk.desk_action`.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Any

from django import forms
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from maeul.consultations.models import Argument
from maeul.consultations.on_proposal import workshops_of
from maeul.core.desk import RowDesk, desk_action, form_page, served_row
from maeul.core.desk_steps import desk_step
from maeul.core.errors import RuleViolation
from maeul.core.permissions import Action, can, scope_of, staff_required
from maeul.core.requests import acting
from maeul.proposals.forms import (
    AnswerForm,
    AssignForm,
    MergeForm,
    OfflineProposalForm,
    ReasonForm,
    StatusForm,
)
from maeul.proposals.models import (
    STAFF_TRANSITIONS,
    Comment,
    Proposal,
    ProposalQuerySet,
    Status,
)
from maeul.proposals.services import comments as comment_services
from maeul.proposals.services import review
from maeul.proposals.services.writing import enter_offline_proposal
from maeul.proposals.views.common import current_district

DESK_RELATED = ("district", "dong", "category", "department")


def _served(request: HttpRequest) -> ProposalQuerySet:
    """The proposals of the staff member's dongs and districts."""
    return scope_of(request.user).rows(Proposal.objects.select_related(*DESK_RELATED))


def _queues(rows: ProposalQuerySet, now: datetime) -> dict[str, ProposalQuerySet]:
    return {
        "reviewing": rows.under_review(),
        "overdue": rows.overdue(now),
        "new": rows.received(),
        "hidden": rows.hidden(),
    }


@staff_required
def queue(request: HttpRequest) -> HttpResponse:
    """Proposals waiting for staff, in the staff member's dongs and districts."""
    now = timezone.now()
    queues = _queues(_served(request), now)
    tab = request.GET.get("tab", "")
    if tab not in queues:
        tab = "reviewing"
    page = Paginator(queues[tab], 30).get_page(request.GET.get("page"))
    counts = {name: rows.count() for name, rows in queues.items()}
    return render(
        request,
        "proposals/staff/queue.html",
        {"page": page, "tab": tab, "counts": counts, "now": now},
    )


def _offered_moves(proposal: Proposal) -> list[tuple[str, str]]:
    return [
        (s, str(Status(s).label)) for s in sorted(STAFF_TRANSITIONS.get(proposal.status, set()))
    ]


def _desk_page(
    request: HttpRequest, proposal: Proposal, *, status: int = 200, **forms: Any
) -> HttpResponse:
    """The desk, with the forms given (bound, to show their errors) in place of blank ones."""
    answer = getattr(proposal, "answer", None)
    context = {
        "proposal": proposal,
        "answer": answer,
        "now": timezone.now(),
        "assign_form": AssignForm(
            proposal=proposal, initial={"department": proposal.department_id}
        ),
        "answer_form": AnswerForm(
            initial={"decision": answer.decision, "body": answer.body} if answer else None
        ),
        "status_form": StatusForm(offered=_offered_moves(proposal)),
        "merge_form": MergeForm(),
        "workshops": workshops_of(proposal),
        **forms,
    }
    return render(request, "proposals/staff/desk.html", context, status=status)


@staff_required
def desk(request: HttpRequest, pk: int) -> HttpResponse:
    """One proposal's staff desk: assign, answer, change status, hide, reward, merge."""
    return _desk_page(request, get_object_or_404(_served(request), pk=pk))


# Each action on a proposal's desk asks the permission its service checks too; a refused
# form shows the refusal in the messages only.
PROPOSAL_DESK = RowDesk(
    page=_desk_page,
    url_name="proposals:staff_desk",
    action=Action.REVIEW_PROPOSAL,
    errors_on_form=False,
)


@staff_required
@require_POST
def assign(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = get_object_or_404(_served(request), pk=pk)
    form = AssignForm(request.POST, proposal=proposal)
    return desk_step(
        request,
        PROPOSAL_DESK,
        proposal,
        review.assign_department,
        _("The proposal was assigned."),
        action=Action.REVIEW_PROPOSAL,
        form=form,
        form_key="assign_form",
        proposal=proposal,
    )


@staff_required
@require_POST
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = get_object_or_404(_served(request), pk=pk)
    form = AnswerForm(request.POST)
    return desk_step(
        request,
        PROPOSAL_DESK,
        proposal,
        review.answer_proposal,
        _("The answer was published."),
        action=Action.ANSWER_PROPOSAL,
        form=form,
        form_key="answer_form",
        proposal=proposal,
    )


@staff_required
@require_POST
def change_status(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = get_object_or_404(_served(request), pk=pk)
    form = StatusForm(request.POST, offered=_offered_moves(proposal))
    action = review.status_change_action(proposal, request.POST.get("status", ""))
    return desk_step(
        request,
        PROPOSAL_DESK,
        proposal,
        review.change_status,
        _("The status was changed."),
        action=action,
        form=form,
        form_key="status_form",
        proposal=proposal,
    )


@staff_required
@require_POST
def reward(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = get_object_or_404(_served(request), pk=pk)
    return desk_step(
        request,
        PROPOSAL_DESK,
        proposal,
        review.mark_excellent,
        _("The proposal was chosen as an excellent proposal for one year."),
        action=Action.REWARD_PROPOSAL,
        proposal=proposal,
    )


@staff_required
@require_POST
def merge(request: HttpRequest, pk: int) -> HttpResponse:
    proposal, now = get_object_or_404(_served(request), pk=pk), timezone.now()
    form = MergeForm(request.POST)

    def act() -> str:
        target = _served(request).filter(pk=form.cleaned_data["target"]).first()
        if target is None:  # another's proposal reads like none at all
            raise RuleViolation(
                _("There is no such proposal among yours."), code="target", field="target"
            )
        review.merge_proposals(duplicate=proposal, target=target, **acting(request, now))
        return _("The proposal was merged.")

    return PROPOSAL_DESK.act(
        request,
        proposal,
        act,
        action=Action.MERGE_PROPOSAL,
        now=now,
        form=form,
        form_key="merge_form",
    )


@staff_required
def offline_new(request: HttpRequest) -> HttpResponse:
    """Staff type in a proposal collected at a street booth, a workshop or by phone."""
    district = current_district(request)
    form = OfflineProposalForm(request.POST or None, district=district)

    def act() -> tuple[str, str]:
        data = form.cleaned_data
        proposal = enter_offline_proposal(
            district=district,
            dong=data["dong"],
            category=data["category"],
            title=data["title"],
            body=data["body"],
            channel=data["channel"],
            author_name=data["author_name"],
            place=data["place"],
            **acting(request, timezone.now()),
        )
        return _("The proposal was entered."), proposal.get_absolute_url()

    return form_page(
        request,
        form=form,
        act=act,
        template="proposals/staff/offline.html",
        context={"form": form, "district": district},
    )


def moderation_page(request: HttpRequest, *, status: int = 200) -> HttpResponse:
    """The moderation queue: reported comments, and reported arguments of consultations."""
    reported = (
        scope_of(request.user)
        .rows(Comment.objects.reported())
        .select_related("proposal", "author")
        .prefetch_related("reports")
        .order_by("-report_count", "pk")
    )
    page = Paginator(reported, 30).get_page(request.GET.get("page"))
    # The consultations' debate shares this queue: its reported arguments, the most reported first.
    arguments = (
        scope_of(request.user)
        .rows(Argument.objects.reported())
        .select_related("consultation")
        .prefetch_related("reports")
        .order_by("-report_count", "pk")[:30]
    )
    return render(
        request,
        "proposals/staff/moderation.html",
        {"page": page, "arguments": list(arguments)},
        status=status,
    )


@staff_required
def moderation(request: HttpRequest) -> HttpResponse:
    """Reported comments in the staff member's dongs (dong staff) or district (district staff)."""
    return moderation_page(request)


@dataclass(frozen=True)
class Moderation:
    """How staff decide, from the moderation queue, on one kind of reported row (a comment,
    an argument): keep it and close its reports (`keep`), or hide it with the form's public
    reason (`hide`), if they may do `action` to it. `row_name` is the services' argument for
    the row; `kept` and `hidden` say which was done. Back to the queue."""

    action: Action
    row_name: str
    keep: Callable[..., object]
    hide: Callable[..., object]
    kept: Promise
    hidden: Promise

    def decide(self, request: HttpRequest, row: Any, form: forms.Form) -> HttpResponse:
        now = timezone.now()

        def act() -> str:
            if request.POST.get("keep"):
                self.keep(**{self.row_name: row}, **acting(request, now))
                return str(self.kept)
            self.hide(
                **{self.row_name: row}, reason=form.cleaned_data["reason"], **acting(request, now)
            )
            return str(self.hidden)

        return desk_action(
            request,
            decision=can(request.user, self.action, row, now=now),
            act=act,
            render=partial(moderation_page, request),
            done_url=reverse("proposals:staff_moderation"),
            form=form,
        )


COMMENT_MODERATION = Moderation(
    action=Action.MODERATE_COMMENT,
    row_name="comment",
    keep=comment_services.dismiss_reports,
    hide=comment_services.hide_comment,
    kept=gettext_lazy("The comment stays visible; its reports were closed."),
    hidden=gettext_lazy("The comment was hidden."),
)


@staff_required
@require_POST
def moderate_comment(request: HttpRequest, comment_id: int) -> HttpResponse:
    """Hide a reported comment with a public reason, or keep it and close its reports."""
    comment = served_row(request, Comment.objects.select_related("proposal"), comment_id)
    return COMMENT_MODERATION.decide(request, comment, ReasonForm(request.POST))
