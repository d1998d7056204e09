"""Staff pages: review queue and overdue answers, one proposal's desk, offline entry, moderation."""

from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maeul.core.errors import RuleViolation
from maeul.core.permissions import Action, can, scope_of
from maeul.core.requests import client_ip
from maeul.proposals.forms import (
    AnswerForm,
    AssignForm,
    MergeForm,
    OfflineProposalForm,
    ReasonForm,
    StatusForm,
)
from maeul.proposals.models import STAFF_TRANSITIONS, Comment, Proposal, Status
from maeul.proposals.services import comments as comment_services
from maeul.proposals.services import review
from maeul.proposals.services.writing import enter_offline_proposal
from maeul.proposals.views.common import current_district


def _require_staff(request: HttpRequest) -> None:
    decision = can(request.user, Action.VIEW_STAFF_PAGES, now=timezone.now())
    if not decision:
        raise PermissionDenied(decision.reason)


def _in_scope(request: HttpRequest, queryset: QuerySet[Proposal]) -> QuerySet[Proposal]:
    scope = scope_of(request.user)
    if scope.site_admin:
        return queryset
    return queryset.filter(Q(district_id__in=scope.district_ids) | Q(dong_id__in=scope.dong_ids))


def _reviewing(qs: QuerySet[Proposal], now: datetime) -> QuerySet[Proposal]:
    return qs.filter(status=Status.REVIEWING).order_by("answer_due", "pk")


def _overdue(qs: QuerySet[Proposal], now: datetime) -> QuerySet[Proposal]:
    return qs.filter(
        status=Status.REVIEWING, answer_due__lt=now, answered_at__isnull=True
    ).order_by("answer_due", "pk")


def _new(qs: QuerySet[Proposal], now: datetime) -> QuerySet[Proposal]:
    return qs.filter(status=Status.PUBLISHED).order_by("-published_at", "-pk")


def _hidden(qs: QuerySet[Proposal], now: datetime) -> QuerySet[Proposal]:
    return qs.filter(status=Status.HIDDEN).order_by("-published_at", "-pk")


QUEUES: dict[str, Callable[[QuerySet[Proposal], datetime], QuerySet[Proposal]]] = {
    "reviewing": _reviewing,
    "overdue": _overdue,
    "new": _new,
    "hidden": _hidden,
}


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    """Proposals waiting for staff, in the staff member's dongs and districts."""
    _require_staff(request)
    now = timezone.now()
    tab = request.GET.get("tab", "reviewing")
    if tab not in QUEUES:
        tab = "reviewing"
    base = _in_scope(
        request, Proposal.objects.select_related("district", "dong", "category", "department")
    )
    page = Paginator(QUEUES[tab](base, now), 30).get_page(request.GET.get("page"))
    counts = {name: pick(base, now).count() for name, pick in QUEUES.items()}
    return render(
        request,
        "proposals/staff/queue.html",
        {"page": page, "tab": tab, "counts": counts, "now": now},
    )


def _staff_proposal(request: HttpRequest, pk: int) -> Proposal:
    _require_staff(request)
    proposal = get_object_or_404(
        _in_scope(
            request, Proposal.objects.select_related("district", "dong", "category", "department")
        ),
        pk=pk,
    )
    return proposal


@login_required
def desk(request: HttpRequest, pk: int) -> HttpResponse:
    """One proposal's staff desk: assign, answer, change status, hide, reward, merge."""
    proposal = _staff_proposal(request, pk)
    now = timezone.now()
    answer = getattr(proposal, "answer", None)
    return render(
        request,
        "proposals/staff/desk.html",
        {
            "proposal": proposal,
            "answer": answer,
            "now": now,
            "assign_form": AssignForm(
                proposal=proposal, initial={"department": proposal.department_id}
            ),
            "answer_form": AnswerForm(
                initial={"decision": answer.decision, "body": answer.body} if answer else None
            ),
            "status_form": StatusForm(choices=_status_choices(proposal)),
            "merge_form": MergeForm(),
            "answer_decision": can(request.user, Action.ANSWER_PROPOSAL, proposal, now=now),
            "review_decision": can(request.user, Action.REVIEW_PROPOSAL, proposal, now=now),
        },
    )


def _status_choices(proposal: Proposal) -> list[tuple[str, str]]:
    return [
        (s, str(Status(s).label)) for s in sorted(STAFF_TRANSITIONS.get(proposal.status, set()))
    ]


def _desk_action(
    request: HttpRequest, pk: int, act: Callable[[Proposal, Any], str]
) -> HttpResponse:
    proposal = _staff_proposal(request, pk)
    try:
        notice = act(proposal, request.POST)
    except RuleViolation as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, notice)
    return redirect("proposals:staff_desk", pk=proposal.pk)


def _invalid(form: Any) -> RuleViolation:
    first = next(iter(form.errors.values()))[0]
    return RuleViolation(first, code="invalid")


@login_required
@require_POST
def assign(request: HttpRequest, pk: int) -> HttpResponse:
    def act(proposal: Proposal, data: Any) -> str:
        form = AssignForm(data, proposal=proposal)
        if not form.is_valid():
            raise _invalid(form)
        review.assign_department(
            staff=request.user,
            proposal=proposal,
            department=form.cleaned_data["department"],
            ip=client_ip(request),
            now=timezone.now(),
        )
        return _("The proposal was assigned.")

    return _desk_action(request, pk, act)


@login_required
@require_POST
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    def act(proposal: Proposal, data: Any) -> str:
        form = AnswerForm(data)
        if not form.is_valid():
            raise _invalid(form)
        review.answer_proposal(
            staff=request.user,
            proposal=proposal,
            decision=form.cleaned_data["decision"],
            body=form.cleaned_data["body"],
            ip=client_ip(request),
            now=timezone.now(),
        )
        return _("The answer was published.")

    return _desk_action(request, pk, act)


@login_required
@require_POST
def change_status(request: HttpRequest, pk: int) -> HttpResponse:
    def act(proposal: Proposal, data: Any) -> str:
        form = StatusForm(data, choices=_status_choices(proposal))
        if not form.is_valid():
            raise _invalid(form)
        review.change_status(
            staff=request.user,
            proposal=proposal,
            status=form.cleaned_data["status"],
            reason=form.cleaned_data["reason"],
            ip=client_ip(request),
            now=timezone.now(),
        )
        return _("The status was changed.")

    return _desk_action(request, pk, act)


@login_required
@require_POST
def reward(request: HttpRequest, pk: int) -> HttpResponse:
    def act(proposal: Proposal, data: Any) -> str:
        review.mark_excellent(
            staff=request.user, proposal=proposal, ip=client_ip(request), now=timezone.now()
        )
        return _("The proposal was chosen as an excellent proposal for one year.")

    return _desk_action(request, pk, act)


@login_required
@require_POST
def merge(request: HttpRequest, pk: int) -> HttpResponse:
    def act(proposal: Proposal, data: Any) -> str:
        form = MergeForm(data)
        if not form.is_valid():
            raise _invalid(form)
        target = (
            _in_scope(request, Proposal.objects.all())
            .filter(pk=form.cleaned_data["target"])
            .first()
        )
        if target is None:
            raise RuleViolation(_("There is no such proposal among yours."), code="target")
        review.merge_proposals(
            staff=request.user,
            duplicate=proposal,
            target=target,
            ip=client_ip(request),
            now=timezone.now(),
        )
        return _("The proposal was merged.")

    return _desk_action(request, pk, act)


@login_required
def offline_new(request: HttpRequest) -> HttpResponse:
    """Staff type in a proposal collected at a street booth, a workshop or by phone."""
    _require_staff(request)
    district = current_district(request)
    form = OfflineProposalForm(request.POST or None, district=district)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                proposal = enter_offline_proposal(
                    staff=request.user,
                    district=district,
                    dong=data["dong"],
                    category=data["category"],
                    title=data["title"],
                    body=data["body"],
                    channel=data["channel"],
                    author_name=data["author_name"],
                    place=data["place"],
                    ip=client_ip(request),
                    now=timezone.now(),
                )
            except RuleViolation as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("The proposal was entered."))
                return redirect(proposal)
        status = 400
    return render(
        request, "proposals/staff/offline.html", {"form": form, "district": district}, status=status
    )


@login_required
def moderation(request: HttpRequest) -> HttpResponse:
    """Reported comments in the staff member's dongs (dong staff) or district (district staff)."""
    _require_staff(request)
    scope = scope_of(request.user)
    reported = Comment.objects.filter(
        reports__resolved_at__isnull=True, hidden_at__isnull=True
    ).distinct()
    if not scope.site_admin:
        reported = reported.filter(
            Q(proposal__district_id__in=scope.district_ids)
            | Q(proposal__dong_id__in=scope.dong_ids)
        )
    reported = (
        reported.select_related("proposal", "author")
        .prefetch_related("reports")
        .order_by("-report_count", "pk")
    )
    page = Paginator(reported, 30).get_page(request.GET.get("page"))
    return render(
        request, "proposals/staff/moderation.html", {"page": page, "reason_form": ReasonForm()}
    )


@login_required
@require_POST
def moderate_comment(request: HttpRequest, comment_id: int) -> HttpResponse:
    _require_staff(request)
    comment = get_object_or_404(Comment.objects.select_related("proposal"), pk=comment_id)
    now, ip = timezone.now(), client_ip(request)
    try:
        if request.POST.get("keep"):
            comment_services.dismiss_reports(staff=request.user, comment=comment, ip=ip, now=now)
            messages.success(request, _("The comment stays visible; its reports were closed."))
        else:
            form = ReasonForm(request.POST)
            if not form.is_valid():
                raise _invalid(form)
            comment_services.hide_comment(
                staff=request.user,
                comment=comment,
                reason=form.cleaned_data["reason"],
                ip=ip,
                now=now,
            )
            messages.success(request, _("The comment was hidden."))
    except RuleViolation as exc:
        messages.error(request, exc.message)
    return redirect("proposals:staff_moderation")
