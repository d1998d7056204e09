"""The yearly cycle: planning, the timeline's current phase, reminders sent once."""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from maeul.core.errors import RuleViolation
from maeul.core.models import AuditEntry, Notification
from maeul.councils.models import CyclePhase, CycleStep
from maeul.councils.services import cycle
from maeul.councils.tasks import send_cycle_reminders

pytestmark = pytest.mark.django_db


def _step(council, phase, starts_on, ends_on, year=None):
    return CycleStep.objects.create(
        council=council,
        year=year or starts_on.year,
        phase=phase,
        starts_on=starts_on,
        ends_on=ends_on,
    )


def test_default_schedule_follows_the_geumcheon_2021_plan(doksan1_council):
    steps = {s.phase: (s.starts_on, s.ends_on) for s in cycle.default_steps(doksan1_council, 2021)}
    assert steps == {
        CyclePhase.AGENDA_DISCOVERY: (date(2021, 1, 1), date(2021, 4, 30)),
        CyclePhase.EXECUTION: (date(2021, 1, 1), date(2021, 12, 31)),
        CyclePhase.ASSEMBLY: (date(2021, 5, 1), date(2021, 6, 30)),
        CyclePhase.PLAN_SUBMISSION: (date(2021, 7, 1), date(2021, 8, 31)),
        CyclePhase.EVALUATION: (date(2021, 11, 1), date(2021, 11, 30)),
        CyclePhase.RECRUITMENT: (date(2021, 11, 1), date(2021, 12, 31)),
    }


def test_plan_cycle_creates_the_steps_and_is_audited(doksan1_council, dong_staff, now):
    steps = cycle.plan_cycle(council=doksan1_council, year=2021, staff=dong_staff, now=now, ip=None)
    assert len(steps) == 6
    assert steps[0].starts_on == date(2021, 1, 1)
    assert AuditEntry.objects.filter(action="councils.cycle.plan").count() == 1


def test_planning_a_year_twice_is_refused(doksan1_council, dong_staff, now):
    cycle.plan_cycle(council=doksan1_council, year=2021, staff=dong_staff, now=now, ip=None)
    with pytest.raises(RuleViolation) as refusal:
        cycle.plan_cycle(council=doksan1_council, year=2021, staff=dong_staff, now=now, ip=None)
    assert refusal.value.code == "planned"
    assert doksan1_council.cycle_steps.count() == 6


def test_a_year_out_of_range_is_refused(doksan1_council, dong_staff, now):
    with pytest.raises(RuleViolation) as refusal:
        cycle.plan_cycle(council=doksan1_council, year=1999, staff=dong_staff, now=now, ip=None)
    assert refusal.value.code == "year"


def test_other_dong_staff_cannot_plan(doksan1_council, other_dong_staff, now):
    with pytest.raises(RuleViolation) as refusal:
        cycle.plan_cycle(
            council=doksan1_council, year=2021, staff=other_dong_staff, now=now, ip=None
        )
    assert refusal.value.code == "forbidden"
    assert not CycleStep.objects.exists()


def test_planning_queues_a_reminder_task_for_each_future_deadline(
    doksan1_council, dong_staff, today
):
    now = datetime(today.year, 1, 2, 10, 0, tzinfo=cycle.SEOUL)  # early in the year
    cycle.plan_cycle(council=doksan1_council, year=today.year, staff=dong_staff, now=now, ip=None)
    tasks = DBTaskResult.objects.filter(task_path="maeul.councils.tasks.send_cycle_reminders")
    assert tasks.count() == 6
    discovery = doksan1_council.cycle_steps.get(phase=CyclePhase.AGENDA_DISCOVERY)
    assert discovery.ends_on == date(today.year, 4, 30)
    due = datetime(today.year, 4, 23, 9, 0, tzinfo=cycle.SEOUL)
    assert tasks.filter(run_after=due).exists()


def test_no_reminder_task_for_a_year_already_over(doksan1_council, dong_staff, now):
    cycle.plan_cycle(council=doksan1_council, year=2021, staff=dong_staff, now=now, ip=None)
    assert not DBTaskResult.objects.exists()


@pytest.mark.parametrize(
    ("day", "marked", "current"),
    [
        (date(2021, 3, 15), CyclePhase.AGENDA_DISCOVERY, {"agenda_discovery", "execution"}),
        (date(2021, 5, 20), CyclePhase.ASSEMBLY, {"assembly", "execution"}),
        (date(2021, 10, 1), CyclePhase.EXECUTION, {"execution"}),
        (date(2021, 11, 10), CyclePhase.EVALUATION, {"evaluation", "recruitment", "execution"}),
        (date(2021, 12, 10), CyclePhase.RECRUITMENT, {"recruitment", "execution"}),
    ],
)
def test_timeline_marks_the_current_phase(doksan1_council, day, marked, current):
    rows = cycle.timeline(doksan1_council, 2021, day)
    assert [r.phase for r in rows if r.marked] == [marked]
    assert {r.phase for r in rows if r.state == "current"} == current
    assert all(r.state == "past" for r in rows if r.ends_on < day)
    assert all(r.state == "upcoming" for r in rows if r.starts_on > day)


def test_timeline_uses_the_planned_dates(doksan1_council):
    _step(doksan1_council, CyclePhase.ASSEMBLY, date(2021, 6, 1), date(2021, 6, 20))
    rows = cycle.timeline(doksan1_council, 2021, date(2021, 6, 5))
    assert [(r.phase, r.step is not None, r.marked) for r in rows] == [
        (CyclePhase.ASSEMBLY, True, True)
    ]


def test_current_steps_most_specific_first(doksan1_council, dong_staff, now):
    cycle.plan_cycle(council=doksan1_council, year=2021, staff=dong_staff, now=now, ip=None)
    steps = cycle.current_of(list(doksan1_council.cycle_steps.all()), date(2021, 11, 15))
    assert [s.phase for s in steps] == [
        CyclePhase.EVALUATION,
        CyclePhase.RECRUITMENT,
        CyclePhase.EXECUTION,
    ]


# --- Reminders ---------------------------------------------------------------------------
def test_reminders_are_sent_once(
    doksan1_council, dong_staff, district_staff, other_dong_staff, today
):
    soon = _step(
        doksan1_council, CyclePhase.ASSEMBLY, today - timedelta(days=20), today + timedelta(days=5)
    )
    later = _step(doksan1_council, CyclePhase.EVALUATION, today, today + timedelta(days=30))
    assert send_cycle_reminders.call() == 1
    assert send_cycle_reminders.call() == 0  # idempotent
    soon.refresh_from_db()
    later.refresh_from_db()
    assert soon.reminded_at is not None
    assert later.reminded_at is None
    told = Notification.objects.filter(kind="council_cycle")
    assert set(told.values_list("recipient_id", flat=True)) == {dong_staff.pk, district_staff.pk}
    assert told.get(recipient=dong_staff).url == f"/staff/councils/{doksan1_council.pk}/"


def test_a_step_ending_today_is_reminded_but_not_one_that_ended(doksan1_council, dong_staff, today):
    _step(doksan1_council, CyclePhase.ASSEMBLY, today - timedelta(days=3), today)
    _step(
        doksan1_council, CyclePhase.EVALUATION, today - timedelta(days=3), today - timedelta(days=1)
    )
    assert cycle.send_due_reminders(now=timezone.now()) == 1


def test_seven_days_by_the_seoul_calendar(doksan1_council, dong_staff):
    # 23:30 UTC on 1 May is already 2 May in Seoul: a step ending 9 May is due.
    now = datetime(2030, 5, 1, 23, 30, tzinfo=UTC)
    _step(doksan1_council, CyclePhase.ASSEMBLY, date(2030, 5, 1), date(2030, 5, 9))
    assert cycle.send_due_reminders(now=now) == 1


def test_governance_reminders_go_to_district_staff(
    governance_council, dong_staff, district_staff, today
):
    _step(governance_council, CyclePhase.ASSEMBLY, today, today + timedelta(days=2))
    cycle.send_due_reminders(now=timezone.now())
    told = Notification.objects.filter(kind="council_cycle")
    assert list(told.values_list("recipient_id", flat=True)) == [district_staff.pk]


def test_a_claimed_step_is_not_sent_again(doksan1_council, dong_staff, today):
    """What a second worker sees: the UPDATE … WHERE reminded_at IS NULL claims nothing."""
    step = _step(doksan1_council, CyclePhase.ASSEMBLY, today, today + timedelta(days=2))
    CycleStep.objects.filter(pk=step.pk).update(reminded_at=timezone.now())
    assert cycle.send_due_reminders(now=timezone.now()) == 0
    assert not Notification.objects.exists()


def test_moving_the_end_sends_a_new_reminder(doksan1_council, dong_staff):
    now = datetime(2030, 6, 25, 10, 0, tzinfo=cycle.SEOUL)
    step = _step(doksan1_council, CyclePhase.ASSEMBLY, date(2030, 5, 1), date(2030, 6, 30))
    assert cycle.send_due_reminders(now=now) == 1
    cycle.change_step(
        step=step,
        starts_on=step.starts_on,
        ends_on=date(2030, 7, 2),
        staff=dong_staff,
        now=now,
        ip=None,
    )
    step.refresh_from_db()
    assert step.reminded_at is None
    assert (
        DBTaskResult.objects.filter(
            run_after=datetime(2030, 6, 25, 9, 0, tzinfo=cycle.SEOUL)
        ).count()
        == 0
    )  # due already: queued to run now
    assert DBTaskResult.objects.count() == 1
    assert cycle.send_due_reminders(now=now) == 1
    assert AuditEntry.objects.filter(action="councils.cycle.change_step").count() == 1


def test_change_step_refuses_bad_dates(doksan1_council, dong_staff, now):
    step = _step(doksan1_council, CyclePhase.ASSEMBLY, date(2021, 5, 1), date(2021, 6, 30))
    with pytest.raises(RuleViolation):
        cycle.change_step(
            step=step,
            starts_on=date(2021, 6, 1),
            ends_on=date(2021, 5, 1),
            staff=dong_staff,
            now=now,
            ip=None,
        )
    with pytest.raises(RuleViolation):
        cycle.change_step(
            step=step,
            starts_on=date(2021, 5, 1),
            ends_on=date(2022, 1, 5),
            staff=dong_staff,
            now=now,
            ip=None,
        )


def test_management_command_sends_the_due_reminders(doksan1_council, dong_staff, today):
    _step(doksan1_council, CyclePhase.ASSEMBLY, today, today + timedelta(days=1))
    out = StringIO()
    call_command("send_cycle_reminders", stdout=out)
    assert out.getvalue().strip() == "1"
    call_command("send_cycle_reminders", stdout=out)
    assert Notification.objects.filter(kind="council_cycle").count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_workers_send_each_reminder_once(doksan1_council, dong_staff, today):
    for phase in (CyclePhase.ASSEMBLY, CyclePhase.EVALUATION, CyclePhase.RECRUITMENT):
        _step(doksan1_council, phase, today, today + timedelta(days=3))
    barrier = threading.Barrier(4)

    def worker():
        try:
            barrier.wait()
            return cycle.send_due_reminders(now=timezone.now())
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=4) as pool:
        sent = list(pool.map(lambda _n: worker(), range(4)))
    assert sum(sent) == 3
    assert Notification.objects.filter(kind="council_cycle", recipient=dong_staff).count() == 3
