"""Public pages: a project (budget, spending, progress; receipts for staff only) and the results
sharing (성과공유), plus the receipt view that only the project's staff may open."""

from datetime import date

import pytest
from django.urls import reverse

from maeul.plans.models import PlanStatus, ProgressUpdate
from maeul.plans.services.progress import add_progress_update
from maeul.plans.services.projects import write_outcome
from maeul.plans.services.spending import record_spending
from tests.plans.conftest import IP, PDF, make_plan, make_project, pdf, png

pytestmark = pytest.mark.django_db


@pytest.fixture
def spent_project(project, dong_staff, now):
    """`project` with 1,234,000원 spent, a PDF receipt and a progress update with a photo."""
    entry = record_spending(
        project=project,
        spent_on=date(project.year, 1, 1),
        amount=1_234_000,
        payee="마을인쇄소",
        purpose="축제 포스터 인쇄",
        receipt=pdf(),
        staff=dong_staff,
        now=now,
        ip=IP,
    )
    add_progress_update(
        project=project,
        body="축제 준비 회의를 열었습니다.",
        photo=png("meeting.png"),
        photo_alt="준비 회의에 모인 위원들",
        staff=dong_staff,
        now=now,
        ip=IP,
    )
    project.entry = entry
    return project


def project_page(client, project):
    return client.get(reverse("plans:project", args=[project.pk]))


# --- The project page -------------------------------------------------------------------
def test_anyone_reads_the_budget_spending_and_rate(client, spent_project):
    response = project_page(client, spent_project)

    assert response.status_code == 200
    html = response.content.decode()
    assert "마을 축제" in html and "61.7%" in html
    assert "마을인쇄소" in html and "축제 포스터 인쇄" in html and "1,234,000" in html
    assert "준비 회의에 모인 위원들" in html and "plans/photos/" in html


def test_receipts_are_not_shown_to_the_public(client, spent_project, resident):
    entry = spent_project.entry
    for user in (None, resident):
        if user is not None:
            client.force_login(user)
        html = project_page(client, spent_project).content.decode()
        assert entry.receipt.name not in html
        assert reverse("plans:receipt", args=[entry.pk]) not in html


def test_staff_of_the_dong_see_the_receipt_link(client, spent_project, dong_staff):
    client.force_login(dong_staff)
    html = project_page(client, spent_project).content.decode()

    assert reverse("plans:receipt", args=[spent_project.entry.pk]) in html
    assert spent_project.entry.receipt.name not in html  # never the media address


def test_the_receipt_is_served_to_the_projects_staff(
    client, spent_project, dong_staff, district_staff
):
    url = reverse("plans:receipt", args=[spent_project.entry.pk])
    for staff in (dong_staff, district_staff):
        client.force_login(staff)
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert b"".join(response.streaming_content) == PDF
        assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(
    ("persona", "status"),
    [("resident", 403), ("other_dong_staff", 404), ("other_district_staff", 404)],
)
def test_others_cannot_open_a_receipt(client, spent_project, persona, status, request):
    client.force_login(request.getfixturevalue(persona))
    response = client.get(reverse("plans:receipt", args=[spent_project.entry.pk]))
    assert response.status_code == status


def test_anonymous_visitors_are_sent_to_log_in_for_a_receipt(client, spent_project):
    response = client.get(reverse("plans:receipt", args=[spent_project.entry.pk]))
    assert response.status_code == 302 and "login" in response["Location"]


def test_a_project_of_a_draft_plan_is_for_its_staff_only(
    client, doksan1_council, year, dong_staff, other_dong_staff
):
    draft = make_project(
        make_plan(doksan1_council, year + 1, status=PlanStatus.DRAFT), "작성 중", 1_000
    )

    assert project_page(client, draft).status_code == 404
    client.force_login(other_dong_staff)
    assert project_page(client, draft).status_code == 404
    client.force_login(dong_staff)
    assert project_page(client, draft).status_code == 200


def test_an_unknown_project_is_404(client, places):
    assert client.get(reverse("plans:project", args=[999_999])).status_code == 404


# --- Results sharing --------------------------------------------------------------------
def test_results_sharing_shows_outcomes_photos_and_rates_by_dong(
    client, spent_project, gasan_project, governance_project, geumcheon, dong_staff, now, year
):
    write_outcome(
        project=spent_project,
        outcome="주민 350명이 참여했습니다.",
        staff=dong_staff,
        now=now,
        ip=IP,
    )

    response = client.get(
        reverse("plans:results_sharing"), {"district": geumcheon.code, "year": year}
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "주민 350명이 참여했습니다." in html
    assert "준비 회의에 모인 위원들" in html and "61.7%" in html
    labels = [entry["group"].label for entry in response.context["groups"]]
    assert labels[:2] == ["가산동", "독산1동"] and len(labels) == 3


def test_results_sharing_defaults_to_the_latest_year(client, doksan1_council, geumcheon, year):
    make_project(make_plan(doksan1_council, year - 1), "지난해 사업", 1_000)
    make_project(make_plan(doksan1_council, year - 2), "재작년 사업", 1_000)

    response = client.get(reverse("plans:results_sharing"), {"district": geumcheon.code})

    assert response.context["year"] == year - 1
    assert response.context["years"] == [year - 1, year - 2]


def test_results_sharing_runs_a_fixed_number_of_queries(
    client, doksan1_plan, geumcheon, year, dong_staff, now, django_assert_max_num_queries
):
    for n in range(12):
        project = make_project(doksan1_plan, f"사업 {n}", 1_000_000)
        ProgressUpdate.objects.create(
            project=project,
            body="진행",
            photo=f"plans/photos/{n}.jpg",
            photo_alt="사진",
            created_at=now,
        )

    with django_assert_max_num_queries(6):
        response = client.get(
            reverse("plans:results_sharing"), {"district": geumcheon.code, "year": year}
        )
    assert len(response.context["groups"][0]["items"]) == 12
