"""Writing a council's plan (자치계획, 지역사회혁신계획): started, filled from the assembly,
submitted to the district, approved or sent back.

The assembly of one year votes on the agenda "for the year" of the next plan; the items
it passed (`AgendaStatus.PASSED`, `AgendaItem.year` = the plan's year) become the plan's
projects, each once (`Project.agenda_item` is one-to-one), and the item becomes `planned`.
Projects are added and changed only while the plan is a draft (`projects.py`); once
submitted, the plan is what the district reviews, and once approved it is executed.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from maeul.core import audit
from maeul.core.errors import RuleViolation, refuse_duplicate
from maeul.core.models import AuditEntry
from maeul.core.permissions import Action, enforce
from maeul.core.privacy import refuse_resident_number
from maeul.councils.models import AgendaItem, AgendaStatus, Council
from maeul.plans.models import AutonomyPlan, PlanStatus, Project
from maeul.plans.services.projects import add_project, default_schedule, require_draft

YEAR_MIN, YEAR_MAX = 2000, 2100


def _check_year(year: int) -> None:
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise RuleViolation(_("Enter a year between 2000 and 2100."), code="year", field="year")


def create_plan(
    *, council: Council, year: int, staff: Any, now: datetime, ip: str | None
) -> AutonomyPlan:
    """A draft plan of `council` for `year`; raises RuleViolation if the council has one."""
    enforce(staff, Action.MANAGE_PLAN, council, now=now)
    _check_year(year)
    with refuse_duplicate(
        _("The council already has a plan for %(year)d.") % {"year": year},
        code="exists",
        field="year",
    ):
        plan = AutonomyPlan.objects.create(council=council, year=year)
        audit.record_created(
            plan, ["year"], actor=staff, action="plans.plan_create", ip=ip, now=now
        )
    return plan


@dataclass(frozen=True)
class FromAgendaReport:
    plan: AutonomyPlan
    created: list[Project]


def plan_from_agenda(
    *,
    council: Council,
    year: int,
    staff: Any,
    now: datetime,
    ip: str | None,
    programme: str,
    budget_source: str,
) -> FromAgendaReport:
    """Turn every agenda item the assembly passed for `year` into a project of the plan.

    The plan is created as a draft if the council has none for `year`. Each item becomes
    one project (title, description, budget = estimated cost, section, 1 March to 30 November)
    and is marked `planned`; running it again adds only items passed since.
    """
    enforce(staff, Action.MANAGE_PLAN, council, now=now)
    _check_year(year)
    plan = AutonomyPlan.objects.filter(council=council, year=year).first()
    if plan is None:
        plan = create_plan(council=council, year=year, staff=staff, now=now, ip=ip)
    require_draft(plan)
    start, end = default_schedule(year)
    created: list[Project] = []
    with transaction.atomic():
        items = list(
            AgendaItem.objects.select_for_update(of=("self",))
            .filter(council=council, year=year, status=AgendaStatus.PASSED, project__isnull=True)
            .select_related("section")
            .order_by("pk")
        )
        for item in items:
            project = add_project(
                plan=plan,
                title=item.title,
                description=item.description,
                programme=programme,
                budget_source=budget_source,
                budget=item.estimated_cost,
                section=item.section,
                starts_on=start,
                ends_on=end,
                agenda_item=item,
                staff=staff,
                now=now,
                ip=ip,
            )
            AgendaItem.objects.filter(pk=item.pk).update(status=AgendaStatus.PLANNED)
            audit.record(
                actor=staff,
                action="councils.agenda_planned",
                target=item,
                changes={"status": [AgendaStatus.PASSED, AgendaStatus.PLANNED]},
                ip=ip,
                now=now,
            )
            created.append(project)
    return FromAgendaReport(plan=plan, created=created)


@dataclass(frozen=True)
class PlanStep:
    """A step of a plan's life: who may take it, from which status to which, and its record."""

    action: Action  # the permission the step needs; the views ask the same before offering it
    before: PlanStatus
    after: PlanStatus
    refusal: Promise  # when the plan is not (or no longer) in `before`
    code: str
    audit_action: str
    stamp: str = ""  # a time field set to `now`
    clear: str = ""  # a time field emptied
    reviews: bool = False  # the district's step: it records a review opinion (검토의견)
    opinion_required: bool = False


SUBMIT = PlanStep(
    Action.MANAGE_PLAN,
    PlanStatus.DRAFT,
    PlanStatus.SUBMITTED,
    gettext_lazy("The plan has already been submitted."),
    "submitted",
    "plans.plan_submit",
    stamp="submitted_at",
)
APPROVE = PlanStep(
    Action.APPROVE_PLAN,
    PlanStatus.SUBMITTED,
    PlanStatus.APPROVED,
    gettext_lazy("Only a submitted plan can be approved."),
    "not_submitted",
    "plans.plan_approve",
    stamp="approved_at",
    reviews=True,
)
RETURN = PlanStep(
    Action.APPROVE_PLAN,
    PlanStatus.SUBMITTED,
    PlanStatus.DRAFT,
    gettext_lazy("Only a submitted plan can be sent back."),
    "not_submitted",
    "plans.plan_return",
    clear="submitted_at",
    reviews=True,
    opinion_required=True,
)

OPINION_MAX = 2000


def _check_opinion(step: PlanStep, opinion: str) -> str:
    """The review opinion a step records, stripped; refused beside its field if wrong."""
    opinion = opinion.strip()
    if step.opinion_required and not opinion:
        raise RuleViolation(
            _("Write a review opinion: why the plan is sent back."),
            code="opinion_required",
            field="opinion",
        )
    if len(opinion) > OPINION_MAX:
        raise RuleViolation(
            _("Keep the review opinion within %(max)d characters.") % {"max": OPINION_MAX},
            code="opinion_long",
            field="opinion",
        )
    refuse_resident_number(opinion=opinion)
    return opinion


def take_step(
    *,
    plan: AutonomyPlan,
    step: PlanStep,
    staff: Any,
    now: datetime,
    ip: str | None,
    opinion: str = "",
) -> AutonomyPlan:
    """Move `plan` on by `step`; raises RuleViolation if it is not in the step's status.

    The district's steps record `opinion` (검토의견) on the plan and in the audit entry;
    a return needs one. The UPDATE is conditional on that status, so two staff members
    acting at once cannot both submit (or approve) it.
    """
    enforce(staff, step.action, plan, now=now)
    moved_on = RuleViolation(step.refusal, code=step.code)
    if plan.status != step.before:
        raise moved_on
    if step.after == PlanStatus.SUBMITTED and not plan.projects.exists():
        raise RuleViolation(_("Add the plan's projects before submitting it."), code="empty")
    fields: dict[str, Any] = {step.stamp: now} if step.stamp else {step.clear: None}
    changes: dict[str, Any] = {"status": [step.before, step.after]}
    if step.reviews:
        fields["review_opinion"] = _check_opinion(step, opinion)
        changes["review_opinion"] = [plan.review_opinion, fields["review_opinion"]]
    with transaction.atomic():
        moved = AutonomyPlan.objects.filter(pk=plan.pk, status=step.before).update(
            status=step.after, **fields
        )
        if not moved:
            raise moved_on
        audit.record(
            actor=staff,
            action=step.audit_action,
            target=plan,
            changes=changes,
            ip=ip,
            now=now,
        )
    plan.refresh_from_db()
    return plan


@dataclass(frozen=True)
class PlanEvent:
    """One step of a plan's history, as the audit log recorded it."""

    at: datetime
    step: str
    actor: Any
    opinion: str


def plan_history(plan: AutonomyPlan) -> list[PlanEvent]:
    """The plan's submissions, approvals and returns, oldest first, with the district's
    review opinions (검토의견), read from the audit log that recorded each step."""
    labels = {
        SUBMIT.audit_action: _("Submitted"),
        APPROVE.audit_action: _("Approved"),
        RETURN.audit_action: _("Sent back"),
    }
    entries = (
        AuditEntry.objects.filter(
            target_type=ContentType.objects.get_for_model(AutonomyPlan),
            target_id=str(plan.pk),
            action__in=list(labels),
        )
        .select_related("actor")
        .order_by("created_at", "pk")
    )
    return [
        PlanEvent(
            at=entry.created_at,
            step=labels[entry.action],
            actor=entry.actor,
            opinion=(entry.changes.get("review_opinion") or ["", ""])[1],
        )
        for entry in entries
    ]


def submit_plan(*, plan: AutonomyPlan, staff: Any, now: datetime, ip: str | None) -> AutonomyPlan:
    """Submit a draft plan with at least one project to the district (자치계획 제출)."""
    return take_step(plan=plan, step=SUBMIT, staff=staff, now=now, ip=ip)


def approve_plan(
    *, plan: AutonomyPlan, staff: Any, now: datetime, ip: str | None, opinion: str = ""
) -> AutonomyPlan:
    """Approve a submitted plan, with an optional review opinion; its projects may then be
    executed."""
    return take_step(plan=plan, step=APPROVE, staff=staff, now=now, ip=ip, opinion=opinion)


def return_plan(
    *, plan: AutonomyPlan, staff: Any, now: datetime, ip: str | None, opinion: str
) -> AutonomyPlan:
    """Send a submitted plan back to draft with the review opinion saying why, so that its
    projects can be corrected."""
    return take_step(plan=plan, step=RETURN, staff=staff, now=now, ip=ip, opinion=opinion)
