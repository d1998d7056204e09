"""The money trail: a vote's winners become projects (once), budgets split by source with a
limit per source, commitments beside payments, tables as of a day with a forecast, carry-over
(이월) and the closing of the accounts (정산·반납)."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from maeul.core.errors import RuleViolation
from maeul.core.models import AuditEntry
from maeul.plans.funding import figures_by_project, parse_as_of, source_figures, totals
from maeul.plans.models import (
    AutonomyPlan,
    BudgetLine,
    BudgetSource,
    ClosingLine,
    EntryKind,
    PlanStatus,
    Programme,
    Project,
    ProjectStatus,
    SpendingEntry,
)
from maeul.plans.services.budget import carry_over, close_accounts, split_budget
from maeul.plans.services.from_vote import projects_from_vote
from maeul.plans.services.projects import change_project
from maeul.plans.services.spending import correct_spending, delete_spending, record_spending
from maeul.voting.models import VoteResult, VoteStatus
from tests.plans.conftest import IP, make_plan, make_project
from tests.voting.conftest import PB_OPTIONS, add_options, make_vote

pytestmark = pytest.mark.django_db
SEOUL = ZoneInfo("Asia/Seoul")
CITY, DISTRICT = BudgetSource.CITY, BudgetSource.DISTRICT


def counted_vote(district, now, *, selected=(1, 2, 3), dong=None):
    """A vote closed in December last year and counted: options `selected` won."""
    closes = datetime(now.year - 1, 12, 1, 18, tzinfo=SEOUL)
    vote = make_vote(
        district,
        now,
        dong=dong,
        title="2025 나풀나풀 온라인 주민투표",
        opens_at=closes - timedelta(days=7),
        closes_at=closes,
        status=VoteStatus.COUNTED,
    )
    options = add_options(vote, PB_OPTIONS)
    VoteResult.objects.create(
        vote=vote,
        counted_at=closes + timedelta(hours=2),
        rule="greedy",
        ballot_count=10,
        ballots_hash="0" * 64,
        selected=[option.pk for option in options if option.number in selected],
        tallies={str(o.pk): {"votes": 10 - o.number} for o in options},
    )
    return vote


def record(project, staff, now, amount, *, source="", kind=EntryKind.PAYMENT, day=None, **extra):
    return record_spending(
        project=project,
        spent_on=day or date(project.year, 1, 2),
        amount=amount,
        payee="마을인쇄소",
        purpose="홍보물",
        receipt=None,
        source=source,
        kind=kind,
        staff=staff,
        now=now,
        ip=IP,
        **extra,
    )


def make_split(council, year, staff, now):
    """A draft plan's project of 3,000,000원: 시비 2,000,000 and 구비 1,000,000, then approved."""
    plan = make_plan(council, year, status=PlanStatus.DRAFT)
    project = make_project(plan, "골목 정원", 1)
    amounts = {CITY: 2_000_000, DISTRICT: 1_000_000}
    split_budget(project=project, amounts=amounts, staff=staff, now=now, ip=IP)
    AutonomyPlan.objects.filter(pk=plan.pk).update(status=PlanStatus.APPROVED)
    project.refresh_from_db()
    return project


@pytest.fixture
def split_project(doksan1_council, year, dong_staff, now):
    return make_split(doksan1_council, year, dong_staff, now)


# --- Winners become projects --------------------------------------------------------------
def test_a_counted_votes_winners_become_next_years_projects_once(
    geumcheon, governance_council, district_staff, now
):
    vote = counted_vote(geumcheon, now)

    report = projects_from_vote(vote=vote, by=district_staff, now=now)
    again = projects_from_vote(vote=vote, by=district_staff, now=now)

    assert report.plan.council == governance_council and report.plan.year == now.year
    assert [p.title for p in report.created] == [title for title, _cost in PB_OPTIONS[:3]]
    first = report.created[0]
    assert (first.budget, first.origin_vote, first.origin_option.number) == (30_000_000, vote, 1)
    assert first.dong is None and first.district == geumcheon
    assert first.programme == Programme.COMMUNITY_INNOVATION
    assert again.created == [] and again.already == 3
    assert Project.objects.filter(origin_vote=vote).count() == 3


def test_a_dong_vote_feeds_the_dong_councils_plan(
    geumcheon, doksan1, doksan1_council, district_staff, now
):
    vote = counted_vote(geumcheon, now, selected=(2,), dong=doksan1)

    (project,) = projects_from_vote(vote=vote, by=district_staff, now=now).created

    assert project.plan.council == doksan1_council and project.dong == doksan1
    assert project.programme == Programme.DONG_PARTICIPATORY_BUDGET


def test_an_open_vote_or_other_districts_staff_make_no_projects(
    geumcheon, governance_council, district_staff, other_district_staff, now
):
    open_vote = make_vote(geumcheon, now)
    with pytest.raises(RuleViolation) as refused:
        projects_from_vote(vote=open_vote, by=district_staff, now=now)
    assert refused.value.code == "not_counted"

    with pytest.raises(RuleViolation) as refused:
        projects_from_vote(vote=counted_vote(geumcheon, now), by=other_district_staff, now=now)
    assert refused.value.code == "forbidden"
    assert not Project.objects.exists()


# --- Budget by source ---------------------------------------------------------------------
def test_the_split_sets_the_budget_and_the_main_source(split_project):
    assert split_project.budget == 3_000_000 and split_project.budget_source == CITY
    assert dict(split_project.budget_lines.values_list("source", "amount")) == {
        CITY: 2_000_000,
        DISTRICT: 1_000_000,
    }
    assert AuditEntry.objects.filter(action="plans.budget_split").count() == 1


def test_a_split_budget_is_changed_by_the_split_only(doksan1_council, year, dong_staff, now):
    plan = make_plan(doksan1_council, year, status=PlanStatus.DRAFT)
    project = make_project(plan, "골목 정원", 1)
    split_budget(project=project, amounts={CITY: 5, DISTRICT: 5}, staff=dong_staff, now=now, ip=IP)
    with pytest.raises(RuleViolation) as refused:
        change_project(project=project, budget=11, staff=dong_staff, now=now, ip=IP)
    assert refused.value.field == "budget"


def test_each_source_is_limited_by_its_own_line(split_project, dong_staff, now):
    record(split_project, dong_staff, now, 900_000, source=DISTRICT)

    with pytest.raises(RuleViolation) as refused:
        record(split_project, dong_staff, now, 100_001, source=DISTRICT)

    assert refused.value.code == "over_budget" and "구비" in refused.value.message
    assert SpendingEntry.objects.filter(project=split_project).count() == 1
    record(split_project, dong_staff, now, 2_000_000, source=CITY)  # 시비 has room
    figures = {row.source: row for row in source_figures(split_project)}
    assert (figures[CITY].spent, figures[DISTRICT].spent) == (2_000_000, 900_000)
    assert figures[CITY].execution_rate == 1 and str(figures[DISTRICT].label) == "구비"


def test_a_source_without_a_line_has_nothing_to_spend(split_project, dong_staff, now):
    with pytest.raises(RuleViolation) as refused:
        record(split_project, dong_staff, now, 1, source=BudgetSource.NATIONAL)
    assert "국비" in refused.value.message and not SpendingEntry.objects.exists()


def test_a_payment_against_its_commitment_uses_the_budget_once(split_project, dong_staff, now):
    record(split_project, dong_staff, now, 800_000, source=DISTRICT, kind=EntryKind.COMMITMENT)
    record(split_project, dong_staff, now, 800_000, source=DISTRICT)
    record(split_project, dong_staff, now, 200_000, source=DISTRICT)  # 1,000,000 of 1,000,000

    with pytest.raises(RuleViolation):
        record(split_project, dong_staff, now, 200_001, source=DISTRICT, kind=EntryKind.COMMITMENT)
    with pytest.raises(RuleViolation):
        record(split_project, dong_staff, now, 1, source=DISTRICT)
    split_project.refresh_from_db()
    assert split_project.spent == 1_000_000  # commitments are not spending


def test_commitments_do_not_move_spent_through_corrections_and_removals(
    split_project, dong_staff, now
):
    order = record(split_project, dong_staff, now, 500_000, source=CITY, kind=EntryKind.COMMITMENT)
    correct_spending(
        entry=order,
        spent_on=order.spent_on,
        amount=600_000,
        payee="a",
        purpose="b",
        kind=EntryKind.PAYMENT,
        staff=dong_staff,
        now=now,
        ip=IP,
    )
    assert Project.objects.get(pk=split_project.pk).spent == 600_000
    delete_spending(entry=order, staff=dong_staff, now=now, ip=IP)
    assert Project.objects.get(pk=split_project.pk).spent == 0


def test_tables_as_of_a_day_and_the_forecast(split_project, dong_staff, now):
    year = split_project.year
    record(
        split_project,
        dong_staff,
        now,
        1_500_000,
        source=CITY,
        kind=EntryKind.COMMITMENT,
        day=date(year, 1, 2),
    )
    record(split_project, dong_staff, now, 500_000, source=CITY, day=date(year, 1, 3))
    record(split_project, dong_staff, now, 300_000, source=DISTRICT, day=date(year, 1, 5))

    before = {row.source: row for row in source_figures(split_project, as_of=date(year, 1, 2))}
    everything = figures_by_project([split_project])[split_project.pk]

    assert (before[CITY].committed, before[CITY].spent, before[DISTRICT].spent) == (1_500_000, 0, 0)
    assert before[CITY].forecast == 1_500_000
    city = everything[0]
    assert (city.committed, city.spent, city.forecast, city.left) == (
        1_500_000,
        500_000,
        1_500_000,
        1_500_000,
    )
    assert totals(everything).forecast == 1_800_000


def test_a_bad_reference_date_is_refused_with_a_korean_message(today):
    assert parse_as_of("2026-02-30", today=today)[0] is None
    assert parse_as_of("어제", today=today)[1]
    assert parse_as_of((today + timedelta(days=1)).isoformat(), today=today)[1]
    assert parse_as_of(today.isoformat(), today=today) == (today, "")


# --- Carry-over and closing ----------------------------------------------------------------
def test_the_unspent_budget_is_carried_over_once_linked_to_the_original(
    split_project, doksan1_council, dong_staff, now
):
    record(split_project, dong_staff, now, 1_200_000, source=CITY)
    make_plan(doksan1_council, split_project.year + 1, status=PlanStatus.DRAFT)

    carried = carry_over(project=split_project, staff=dong_staff, now=now, ip=IP)

    assert carried.year == split_project.year + 1 and carried.carried_from == split_project
    lines = dict(carried.budget_lines.values_list("source", "amount"))
    assert lines == {CITY: 800_000, DISTRICT: 1_000_000} and carried.budget == 1_800_000
    assert set(carried.budget_lines.values_list("carried_from", flat=True)) == {split_project.pk}
    with pytest.raises(RuleViolation) as again:
        carry_over(project=split_project, staff=dong_staff, now=now, ip=IP)
    assert again.value.code == "carried"
    with pytest.raises(RuleViolation) as late:
        record(split_project, dong_staff, now, 1, source=CITY)
    assert late.value.code == "carried"


def test_carry_over_needs_next_years_plan(split_project, dong_staff, now):
    with pytest.raises(RuleViolation) as refused:
        carry_over(project=split_project, staff=dong_staff, now=now, ip=IP)
    assert refused.value.code == "no_plan" and Project.objects.count() == 1


def test_closing_records_what_is_returned_per_source(
    split_project, doksan1_council, dong_staff, now
):
    record(split_project, dong_staff, now, 1_200_000, source=CITY)
    record(split_project, dong_staff, now, 1_000_000, source=DISTRICT)
    with pytest.raises(RuleViolation) as early:
        close_accounts(project=split_project, staff=dong_staff, now=now, ip=IP)
    assert early.value.code == "too_early"
    Project.objects.filter(pk=split_project.pk).update(status=ProjectStatus.DONE)
    split_project.refresh_from_db()

    lines = close_accounts(project=split_project, staff=dong_staff, now=now, ip=IP)

    returned = {line.source: (line.spent, line.returned) for line in lines}
    assert returned == {CITY: (1_200_000, 800_000), DISTRICT: (1_000_000, 0)}
    assert ClosingLine.objects.filter(project=split_project).count() == 2
    with pytest.raises(RuleViolation) as closed:
        record(split_project, dong_staff, now, 1, source=CITY)
    assert closed.value.code == "closed"


def test_closing_after_a_carry_over_returns_only_the_rest(
    split_project, doksan1_council, dong_staff, now
):
    record(split_project, dong_staff, now, 1_200_000, source=CITY)
    make_plan(doksan1_council, split_project.year + 1, status=PlanStatus.DRAFT)
    carried = carry_over(project=split_project, staff=dong_staff, now=now, ip=IP)
    BudgetLine.objects.filter(project=carried, source=DISTRICT).update(amount=400_000)
    next_year = now.replace(year=split_project.year + 1)

    lines = close_accounts(project=split_project, staff=dong_staff, now=next_year, ip=IP)

    assert {line.source: (line.carried_over, line.returned) for line in lines} == {
        CITY: (800_000, 0),
        DISTRICT: (400_000, 600_000),
    }


# --- Demo -------------------------------------------------------------------------------------
def test_the_demo_makes_the_counted_votes_winners_projects_once(
    geumcheon, governance_council, district_staff, now
):
    from maeul.plans.demo_trail import load_vote_projects

    vote = counted_vote(geumcheon, now)

    assert load_vote_projects(now=now) == 3
    assert load_vote_projects(now=now) == 0
    first = Project.objects.get(origin_option__vote=vote, origin_option__number=1)
    assert dict(first.budget_lines.values_list("source", "amount")) == {
        CITY: 21_000_000,
        DISTRICT: 9_000_000,
    }


# --- Who may turn a vote's winners into projects (MANAGE_PLAN on the vote) --------------------
@pytest.mark.parametrize(
    ("persona", "district_vote", "dong_vote"),
    [
        ("district_staff", "Y", "Y"),
        ("dong_staff", ".", "Y"),  # 독산1동 staff: their dong's vote only
        ("other_dong_staff", ".", "."),
        ("other_district_staff", ".", "."),
        ("resident", ".", "."),
        ("site_admin", "Y", "Y"),
    ],
)
def test_who_may_make_projects_of_a_votes_winners(
    request, geumcheon, doksan1, now, persona, district_vote, dong_vote
):
    from maeul.core.permissions import Action, can

    user = request.getfixturevalue(persona)
    for dong, expected in ((None, district_vote), (doksan1, dong_vote)):
        vote = make_vote(geumcheon, now, dong=dong)
        assert ("Y" if can(user, Action.MANAGE_PLAN, vote, now=now) else ".") == expected
