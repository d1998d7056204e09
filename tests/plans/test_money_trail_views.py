"""The money trail on the pages and in the API: the table by source as of a day (a bad day
is refused in Korean and today's table shown), refusals beside their field, the split,
carry-over and closing on the desk, the vote desk's winners → projects, `budget_by_source`."""

from datetime import date

import pytest
from django.urls import reverse

from maeul.plans.models import (
    BudgetSource,
    EntryKind,
    PlanStatus,
    Project,
    SpendingEntry,
)
from tests.plans.conftest import make_plan, make_project
from tests.plans.test_money_trail import counted_vote, make_split, record

pytestmark = pytest.mark.django_db
CITY, DISTRICT = BudgetSource.CITY, BudgetSource.DISTRICT


@pytest.fixture
def funded(doksan1_council, year, dong_staff, now):
    """골목 정원: 시비 2,000,000 and 구비 1,000,000; paid 500,000 (시비, 2 Jan) and
    300,000 (구비, 5 Jan); 900,000 of 시비 committed on 2 Jan."""
    project = make_split(doksan1_council, year, dong_staff, now)
    for day, amount, source, kind in [
        (2, 900_000, CITY, EntryKind.COMMITMENT),
        (2, 500_000, CITY, EntryKind.PAYMENT),
        (5, 300_000, DISTRICT, EntryKind.PAYMENT),
    ]:
        record(project, dong_staff, now, amount, source=source, kind=kind, day=date(year, 1, day))
    return project


def post_entry(client, project, amount, *, kind=EntryKind.PAYMENT, source=DISTRICT):
    values = {
        "spent_on": date(project.year, 1, 6).isoformat(),
        "kind": kind,
        "source": source,
        "amount": amount,
        "payee": "마을조경",
        "purpose": "화단",
    }
    return client.post(reverse("plans:staff_add_spending", args=[project.pk]), values)


def by_source(response) -> dict[str, object]:
    return {row.source: row for row in response.context["figures"]}


def test_the_public_page_shows_the_rate_of_each_source(client, funded):
    response = client.get(reverse("plans:project", args=[funded.pk]))

    rows = by_source(response)
    assert (rows[CITY].spent, rows[CITY].committed, rows[DISTRICT].spent) == (
        500_000,
        900_000,
        300_000,
    )
    body = response.content.decode()
    assert "시비" in body and "구비" in body
    assert "25.0%" in body and "30.0%" in body  # 500 of 2,000 and 300 of 1,000 천원
    assert "900" in body  # the year-end forecast of 시비 in 천원


def test_a_table_as_of_a_day_counts_entries_up_to_it(client, funded):
    day = date(funded.year, 1, 3).isoformat()
    response = client.get(reverse("plans:project", args=[funded.pk]), {"as_of": day})

    rows = by_source(response)
    assert response.context["as_of"] == date(funded.year, 1, 3)
    assert (rows[CITY].spent, rows[DISTRICT].spent) == (500_000, 0)
    assert len(response.context["entries"]) == 2


@pytest.mark.parametrize("bad", ["2026-13-01", "어제", "9999-01-01"])
def test_a_bad_reference_date_shows_todays_table_with_a_korean_message(client, funded, bad):
    response = client.get(reverse("plans:project", args=[funded.pk]), {"as_of": bad})

    assert response.status_code == 200 and response.context["as_of"] is None
    assert by_source(response)[DISTRICT].spent == 300_000
    assert "오늘" in response.context["as_of_error"]
    assert response.context["as_of_error"] in response.content.decode()


def test_the_staff_desk_shows_the_same_table_as_of_a_day(client, funded, dong_staff):
    client.force_login(dong_staff)
    day = date(funded.year, 1, 1).isoformat()
    response = client.get(reverse("plans:staff_project", args=[funded.pk]), {"as_of": day})

    assert response.status_code == 200
    assert all(row.spent == 0 for row in response.context["figures"])
    assert response.context["entries"] == []


def test_a_payment_past_its_sources_line_is_refused_beside_the_field(
    client, funded, district_staff
):
    client.force_login(district_staff)
    response = post_entry(client, funded, "700,001")

    assert response.status_code == 400
    assert "구비" in response.context["spending_form"].errors["confirm_over_budget"][0]
    assert SpendingEntry.objects.filter(project=funded).count() == 3


def test_dong_staff_record_a_commitment_from_a_source(client, funded, dong_staff):
    client.force_login(dong_staff)
    response = post_entry(client, funded, "700,000", kind=EntryKind.COMMITMENT)

    assert response.status_code == 302
    entry = SpendingEntry.objects.latest("pk")
    assert (entry.kind, entry.source, entry.amount) == (EntryKind.COMMITMENT, DISTRICT, 700_000)
    assert Project.objects.get(pk=funded.pk).spent == 800_000  # commitments are not spent


def test_the_desk_splits_a_draft_plans_budget(client, doksan1_council, year, dong_staff):
    project = make_project(make_plan(doksan1_council, year, PlanStatus.DRAFT), "마을 책방", 5)
    client.force_login(dong_staff)
    url = reverse("plans:staff_split_budget", args=[project.pk])

    bad = client.post(url, {"source_city": "1.5"})
    done = client.post(url, {"source_city": "3,000,000", "source_special_grant": "1,000,000"})

    assert bad.status_code == 400 and bad.context["split_form"].errors["source_city"]
    assert done.status_code == 302
    project.refresh_from_db()
    assert (project.budget, project.budget_source) == (4_000_000, CITY)


def test_the_desk_carries_over_and_refuses_an_early_closing(
    client, funded, doksan1_council, dong_staff
):
    client.force_login(dong_staff)
    early = client.post(reverse("plans:staff_close_accounts", args=[funded.pk]))
    no_plan = client.post(reverse("plans:staff_carry_over", args=[funded.pk]))
    make_plan(doksan1_council, funded.year + 1, PlanStatus.DRAFT)
    carried = client.post(reverse("plans:staff_carry_over", args=[funded.pk]))

    assert early.status_code == 400 and not Project.objects.get(pk=funded.pk).closed_at
    assert no_plan.status_code == 400 and Project.objects.count() == 2
    assert carried.status_code == 302
    successor = Project.objects.get(carried_from=funded)
    assert successor.budget == 1_500_000 + 700_000
    assert carried.url == reverse("plans:staff_project", args=[successor.pk])


def test_staff_of_another_dong_get_404_on_the_money_actions(client, funded, other_dong_staff):
    client.force_login(other_dong_staff)
    for name in ("staff_split_budget", "staff_carry_over", "staff_close_accounts"):
        assert client.post(reverse(f"plans:{name}", args=[funded.pk])).status_code == 404


# --- The vote desk ------------------------------------------------------------------------
def test_district_staff_turn_a_counted_votes_winners_into_projects(
    client, geumcheon, governance_council, district_staff, now
):
    vote = counted_vote(geumcheon, now)
    client.force_login(district_staff)

    desk = client.get(reverse("voting:staff_desk", args=[vote.pk]))
    first = client.post(reverse("plans:staff_from_vote", args=[vote.pk]))
    second = client.post(reverse("plans:staff_from_vote", args=[vote.pk]), follow=True)

    assert desk.status_code == 200 and desk.context["projects_decision"]
    assert reverse("plans:staff_from_vote", args=[vote.pk]) in desk.content.decode()
    assert first.status_code == 302
    assert Project.objects.filter(origin_vote=vote, year=now.year).count() == 3
    assert "0" in str(next(iter(second.context["messages"])))


def test_an_open_vote_offers_no_projects_and_refuses_them(client, geumcheon, district_staff, now):
    from tests.voting.conftest import make_vote

    vote = make_vote(geumcheon, now)
    client.force_login(district_staff)

    assert (
        "projects_decision" not in client.get(reverse("voting:staff_desk", args=[vote.pk])).context
    )
    assert client.post(reverse("plans:staff_from_vote", args=[vote.pk])).status_code == 400
    assert not Project.objects.exists()


# --- API ----------------------------------------------------------------------------------
def test_the_api_gives_the_budget_by_source(client, funded):
    item = client.get("/api/projects").json()["items"][0]
    detail = client.get(f"/api/projects/{funded.pk}").json()

    assert item["budget"] == 3_000_000 and item["spent"] == 800_000  # kept fields
    assert item["budget_by_source"] == [
        {
            "source": {"code": "city", "label": "시비"},
            "budget": 2_000_000,
            "committed": 900_000,
            "spent": 500_000,
            "rate": 0.25,
        },
        {
            "source": {"code": "district", "label": "구비"},
            "budget": 1_000_000,
            "committed": 0,
            "spent": 300_000,
            "rate": 0.3,
        },
    ]
    assert detail["budget_by_source"] == item["budget_by_source"]
    assert detail["spending"][0]["kind"]["code"] == "commitment"


def test_the_api_list_reads_a_fixed_number_of_queries(
    client, funded, django_assert_max_num_queries
):
    for number in range(5):
        make_project(funded.plan, f"사업 {number}", 1_000, 500)
    with django_assert_max_num_queries(6):
        assert client.get("/api/projects").json()["count"] == 6


# --- The plan tables (accountability) as of a day ---------------------------------------------
def test_the_accountability_table_as_of_a_day_shows_commitments_and_the_forecast(
    client, funded, django_assert_num_queries
):
    params = {"council": funded.plan.council_id, "as_of": date(funded.year, 1, 3).isoformat()}
    with django_assert_num_queries(7):  # one more than the live table: the entries up to it
        response = client.get(reverse("plans:accountability"), params)

    total = response.context["table"].total
    assert (total.budget, total.committed, total.spent, total.forecast) == (
        3_000_000,
        900_000,
        500_000,
        900_000,
    )
    body = response.content.decode()
    assert "연말 예상" in body and "원인행위액" in body


def test_the_live_accountability_table_is_unchanged_and_a_bad_day_is_refused(client, funded):
    live = client.get(reverse("plans:accountability"), {"council": funded.plan.council_id})
    bad = client.get(
        reverse("plans:accountability"), {"council": funded.plan.council_id, "as_of": "1월 3일"}
    )

    assert (
        live.context["table"].total.spent == 800_000
        and "연말 예상(천원)" not in live.content.decode()
    )
    assert bad.status_code == 200 and bad.context["as_of"] is None
    assert bad.context["table"].total.spent == 800_000
    assert bad.context["as_of_error"] in bad.content.decode()
