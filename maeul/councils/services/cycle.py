"""A council's yearly cycle (연간 일정): its phases with dates, the timeline, deadline reminders.

The default schedule follows the Geumcheon 2021 plan (seed 000, 주요일정): 의제발굴 January
to April, 정책공유회·주민총회 May to June, 자치계획 제출 July to August, 활동평가 in November,
위원 모집 (the next term's members) November to December; the projects are carried out
(실행) through the whole year. Phases may overlap, so "the current phase" of a day is the
shortest step in force that day (November: 평가 before 위원 모집; March: 의제발굴 before 실행).

Staff are reminded once, seven days (by the Seoul calendar) before a step ends: planning a
cycle queues the reminder task (django-tasks, database backend) to run on that day, and
the task (or `manage.py send_cycle_reminders` from cron) sends every reminder that is due
and not sent yet. Each step is claimed with a conditional UPDATE before it is announced,
so two workers running at once send it once.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from maeul.accounts.models import Role, RoleAssignment, User
from maeul.core import audit
from maeul.core.dates import SEOUL
from maeul.core.errors import RuleViolation
from maeul.core.notifications import notify
from maeul.core.permissions import Action, enforce
from maeul.councils.models import Council, CyclePhase, CycleStep

REMIND_DAYS_BEFORE = 7
REMIND_AT = time(9, 0)  # office hours, Seoul time
NOTIFY_KIND = "council_cycle"
YEAR_MIN, YEAR_MAX = 2000, 2100

# (phase, (first month, day), (last month, day)) within the year.
DEFAULT_SCHEDULE: tuple[tuple[CyclePhase, tuple[int, int], tuple[int, int]], ...] = (
    (CyclePhase.AGENDA_DISCOVERY, (1, 1), (4, 30)),
    (CyclePhase.EXECUTION, (1, 1), (12, 31)),
    (CyclePhase.ASSEMBLY, (5, 1), (6, 30)),
    (CyclePhase.PLAN_SUBMISSION, (7, 1), (8, 31)),
    (CyclePhase.EVALUATION, (11, 1), (11, 30)),
    (CyclePhase.RECRUITMENT, (11, 1), (12, 31)),
)

STEP_FIELDS = ["starts_on", "ends_on", "reminded_at"]


class StepState(StrEnum):
    PAST = "past"
    CURRENT = "current"
    UPCOMING = "upcoming"


@dataclass(frozen=True)
class TimelineStep:
    """One row of the timeline page."""

    phase: str
    label: str
    starts_on: date
    ends_on: date
    state: StepState
    marked: bool  # the one current phase the page marks (aria-current="step")
    step: CycleStep | None  # None while the council has not planned the year

    @property
    def is_past(self) -> bool:
        return self.state == StepState.PAST

    @property
    def is_current(self) -> bool:
        return self.state == StepState.CURRENT


def default_steps(council: Council, year: int) -> list[CycleStep]:
    """The default schedule of `year` as unsaved steps."""
    return [
        CycleStep(
            council=council,
            year=year,
            phase=phase,
            starts_on=date(year, *first),
            ends_on=date(year, *last),
        )
        for phase, first, last in DEFAULT_SCHEDULE
    ]


def _span(step: CycleStep) -> tuple[int, date]:
    return ((step.ends_on - step.starts_on).days, step.starts_on)


def current_of(steps: list[CycleStep], today: date) -> list[CycleStep]:
    """The steps in force on `today`, the most specific (shortest) first."""
    return sorted((s for s in steps if s.is_current(today)), key=_span)


def timeline(
    council: Council, year: int, today: date, *, steps: list[CycleStep] | None = None
) -> list[TimelineStep]:
    """The year's steps in date order, each past, current or upcoming on `today`.

    Every step in force on `today` is "current"; the most specific of them is `marked`
    (the page marks one phase). A year the council has not planned shows the default
    schedule.
    """
    if steps is None:
        steps = list(council.cycle_steps.filter(year=year))
    planned = bool(steps)
    if not planned:
        steps = default_steps(council, year)
    now_steps = current_of(steps, today)
    marked = now_steps[0] if now_steps else None
    rows = []
    for step in sorted(steps, key=lambda s: (s.starts_on, s.ends_on)):
        if step.ends_on < today:
            state = StepState.PAST
        elif step.starts_on > today:
            state = StepState.UPCOMING
        else:
            state = StepState.CURRENT
        rows.append(
            TimelineStep(
                phase=step.phase,
                label=str(CyclePhase(step.phase).label),
                starts_on=step.starts_on,
                ends_on=step.ends_on,
                state=state,
                marked=step is marked,
                step=step if planned else None,
            )
        )
    return rows


# --- Planning ------------------------------------------------------------------------------
def reminder_time(step: CycleStep) -> datetime:
    """When the reminder of a step is due: 09:00 Seoul, seven days before its last day."""
    day = step.ends_on - timedelta(days=REMIND_DAYS_BEFORE)
    return datetime.combine(day, REMIND_AT, tzinfo=SEOUL)


def schedule_reminder(step: CycleStep, now: datetime) -> None:
    """Queue the reminder task for the step (nothing for a step that has ended)."""
    from maeul.councils.tasks import send_cycle_reminders

    if step.ends_on < timezone.localdate(now, SEOUL):
        return
    due = reminder_time(step)
    task = send_cycle_reminders.using(run_after=due) if due > now else send_cycle_reminders
    task.enqueue()


def plan_cycle(
    *, council: Council, year: int, staff: Any, now: datetime, ip: str | None
) -> list[CycleStep]:
    """Create the year's steps by the default schedule (those missing) and queue reminders.

    Steps already planned keep their dates. Returns all steps of the year in date order.
    """
    enforce(staff, Action.MANAGE_COUNCIL, council, now=now)
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise RuleViolation(_("Enter a year between 2000 and 2100."), code="year", field="year")
    with transaction.atomic():
        existing = set(council.cycle_steps.filter(year=year).values_list("phase", flat=True))
        created = [step for step in default_steps(council, year) if step.phase not in existing]
        if not created:
            raise RuleViolation(
                _("The cycle of %(year)d is already planned.") % {"year": year},
                code="planned",
                field="year",
            )
        CycleStep.objects.bulk_create(created)
        created = list(council.cycle_steps.filter(year=year, phase__in=[s.phase for s in created]))
        audit.record(
            actor=staff,
            action="councils.cycle.plan",
            target=council,
            changes={
                f"{step.year}.{step.phase}": [
                    None,
                    f"{step.starts_on.isoformat()}/{step.ends_on.isoformat()}",
                ]
                for step in created
            },
            ip=ip,
            now=now,
        )
        # The database backend stores the task in this transaction: no step, no task.
        for step in created:
            schedule_reminder(step, now)
    return list(council.cycle_steps.filter(year=year).order_by("starts_on", "ends_on"))


def change_step(
    *,
    step: CycleStep,
    starts_on: date,
    ends_on: date,
    staff: Any,
    now: datetime,
    ip: str | None,
) -> CycleStep:
    """Move a step's dates; a new end date gets a new reminder."""
    enforce(staff, Action.MANAGE_COUNCIL, step.council, now=now)
    if ends_on < starts_on:
        raise RuleViolation(_("A step cannot end before it starts."), code="dates", field="ends_on")
    if starts_on.year != step.year or ends_on.year != step.year:
        raise RuleViolation(
            _("The dates must be within %(year)d.") % {"year": step.year}, code="dates"
        )
    with transaction.atomic():
        moved_end = ends_on != step.ends_on
        with audit.changing(
            step, STEP_FIELDS, actor=staff, action="councils.cycle.change_step", ip=ip, now=now
        ):
            step.starts_on, step.ends_on = starts_on, ends_on
            if moved_end:
                step.reminded_at = None
            step.save(update_fields=STEP_FIELDS)
        if moved_end:
            schedule_reminder(step, now)
    return step


# --- Reminders -----------------------------------------------------------------------------
def council_staff(council: Council) -> list[User]:
    """Dong staff of the council's dong and district staff of its district."""
    scope = Q(role=Role.DISTRICT_STAFF, district_id=council.district_id)
    if council.dong_id is not None:
        scope |= Q(role=Role.DONG_STAFF, dong_id=council.dong_id)
    user_ids = RoleAssignment.objects.filter(scope).values("user_id")
    return list(User.objects.filter(pk__in=user_ids, is_active=True).order_by("pk"))


def send_due_reminders(*, now: datetime) -> int:
    """Remind staff of every step ending within seven days (Seoul) not yet reminded.

    Returns the number of steps announced. Safe to run twice, or in two workers at once.
    """
    today = timezone.localdate(now, SEOUL)
    due = CycleStep.objects.filter(
        reminded_at__isnull=True,
        ends_on__gte=today,
        ends_on__lte=today + timedelta(days=REMIND_DAYS_BEFORE),
    ).select_related("council")
    sent = 0
    for step in due:
        with transaction.atomic():
            claimed = CycleStep.objects.filter(pk=step.pk, reminded_at__isnull=True).update(
                reminded_at=now
            )
            if not claimed:
                continue  # another worker took it
            council = step.council
            notify(
                recipients=council_staff(council),
                kind=NOTIFY_KIND,
                message=_("%(council)s: %(phase)s ends on %(date)s.")
                % {
                    "council": council.name,
                    "phase": CyclePhase(step.phase).label,
                    "date": step.ends_on.isoformat(),
                },
                url=reverse("councils:staff_desk", kwargs={"pk": council.pk}),
                now=now,
            )
            sent += 1
    return sent
