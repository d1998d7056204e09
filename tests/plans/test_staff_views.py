"""Staff pages: a project's desk (spending with receipts and the over-budget confirmation,
progress, status, outcome) and a council's plan (projects, from the assembly, submission).

Each path once through the client: GET renders; a valid POST changes the database and
redirects; an invalid POST answers 400 and changes nothing; staff of another dong get 404.
"""

from datetime import date
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from maeul.core.models import AuditEntry
from maeul.councils.models import AgendaItem, AgendaStatus
from maeul.plans.models import (
    AutonomyPlan,
    PlanStatus,
    ProgressUpdate,
    Project,
    ProjectStatus,
    SpendingEntry,
)
from maeul.plans.services.spending import record_spending
from tests.plans.conftest import IP, make_plan, pdf, png

pytestmark = pytest.mark.django_db


def payment(project, **fields):
    values = {
        "spent_on": date(project.year, 1, 1).isoformat(),
        "amount": "1,500,000",
        "payee": "마을인쇄소",
        "purpose": "축제 현수막",
    }
    values.update(fields)
    return values


def post_payment(client, project, **fields):
    return client.post(
        reverse("plans:staff_add_spending", args=[project.pk]), payment(project, **fields)
    )


def spent_of(project) -> int:
    return Project.objects.get(pk=project.pk).spent


def files_in(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def errors(response) -> list[str]:
    return [str(m) for m in response.context["messages"] if m.level_tag == "error"]


# --- The desk ---------------------------------------------------------------------------
def test_dong_staff_open_the_desk(client, project, dong_staff):
    client.force_login(dong_staff)
    response = client.get(reverse("plans:staff_project", args=[project.pk]))

    assert response.status_code == 200
    form = response.context["spending_form"]
    assert "confirm_over_budget" not in form.fields  # dong staff cannot confirm
    assert 'enctype="multipart/form-data"' in response.content.decode()


def test_district_staff_see_the_over_budget_fields(client, project, district_staff):
    client.force_login(district_staff)
    response = client.get(reverse("plans:staff_project", args=[project.pk]))
    assert "over_budget_reason" in response.context["spending_form"].fields


@pytest.mark.parametrize(("persona", "status"), [("other_dong_staff", 404), ("resident", 403)])
def test_others_cannot_open_the_desk(client, project, persona, status, request):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("plans:staff_project", args=[project.pk])).status_code == status


def test_anonymous_visitors_are_sent_to_log_in(client, project):
    response = client.get(reverse("plans:staff_project", args=[project.pk]))
    assert response.status_code == 302


# --- Recording a payment ----------------------------------------------------------------
def test_a_payment_with_a_receipt_is_recorded(client, project, dong_staff, _media):
    client.force_login(dong_staff)

    response = post_payment(client, project, receipt=png("영수증.png"))

    assert response.status_code == 302 and response["Location"] == reverse(
        "plans:staff_project", args=[project.pk]
    )
    entry = SpendingEntry.objects.get()
    assert (entry.amount, entry.receipt_name, entry.entered_by) == (
        1_500_000,
        "영수증.png",
        dong_staff,
    )
    assert spent_of(project) == 1_500_000
    assert len(files_in(_media)) == 1


@pytest.mark.parametrize("amount", ["10.5", "1,000.5", "-5", "0", "", "1,50,0", "백만원"])
def test_bad_amounts_are_refused_by_the_form(client, project, dong_staff, amount):
    client.force_login(dong_staff)

    response = post_payment(client, project, amount=amount)

    assert response.status_code == 400
    assert response.context["spending_form"].errors["amount"]
    assert not SpendingEntry.objects.exists() and spent_of(project) == 0


def test_a_date_outside_the_fiscal_year_is_refused_with_the_reason(client, project, dong_staff):
    client.force_login(dong_staff)

    response = post_payment(client, project, spent_on=date(project.year - 1, 12, 31).isoformat())

    assert response.status_code == 400
    assert any(str(project.year) in message for message in errors(response))
    assert not SpendingEntry.objects.exists()


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("receipt.pdf", b"MZ\x90\x00" + b"\x00" * 60),
        ("receipt.pdf", b"<html><body>not a receipt</body></html>"),
    ],
)
def test_a_receipt_that_is_not_an_image_or_pdf_is_refused(
    client, project, dong_staff, _media, name, data
):
    client.force_login(dong_staff)

    response = post_payment(
        client, project, receipt=SimpleUploadedFile(name, data, "application/pdf")
    )

    assert response.status_code == 400
    assert any("receipt.pdf" in message for message in errors(response))
    assert not SpendingEntry.objects.exists() and files_in(_media) == []


def test_staff_of_another_dong_cannot_record_and_nothing_changes(client, project, other_dong_staff):
    client.force_login(other_dong_staff)

    response = post_payment(client, project)

    assert response.status_code == 404
    assert not SpendingEntry.objects.exists() and not AuditEntry.objects.exists()


# --- Over the budget --------------------------------------------------------------------
def test_going_over_the_budget_is_refused_for_dong_staff_even_if_they_tick_the_box(
    client, project, dong_staff
):
    client.force_login(dong_staff)

    response = post_payment(
        client, project, amount="2,000,001", confirm_over_budget="on", over_budget_reason="급함"
    )

    assert response.status_code == 400
    assert not SpendingEntry.objects.exists()


def test_district_staff_confirm_going_over_the_budget_with_a_reason(
    client, project, district_staff
):
    client.force_login(district_staff)

    without = post_payment(client, project, amount="2,500,000")
    no_reason = post_payment(client, project, amount="2,500,000", confirm_over_budget="on")
    confirmed = post_payment(
        client,
        project,
        amount="2,500,000",
        confirm_over_budget="on",
        over_budget_reason="추가 공연 승인",
    )

    assert (without.status_code, no_reason.status_code, confirmed.status_code) == (400, 400, 302)
    # The service's refusals show beside the fields they are about (the form checks neither).
    assert without.context["spending_form"].errors["confirm_over_budget"]
    assert no_reason.context["spending_form"].errors["over_budget_reason"]
    entry = SpendingEntry.objects.get()
    assert (entry.confirmed_by, entry.over_budget_reason) == (district_staff, "추가 공연 승인")
    audit = AuditEntry.objects.get(action="plans.spending_add")
    assert audit.changes["over_budget_reason"] == [None, "추가 공연 승인"]
    assert spent_of(project) == 2_500_000


# --- Corrections and removals -----------------------------------------------------------
@pytest.fixture
def entry(project, dong_staff, now):
    return record_spending(
        project=project,
        spent_on=date(project.year, 1, 1),
        amount=700_000,
        payee="마을인쇄소",
        purpose="인쇄",
        receipt=None,
        staff=dong_staff,
        now=now,
        ip=IP,
    )


def test_an_entry_is_corrected(client, entry, dong_staff):
    client.force_login(dong_staff)
    url = reverse("plans:staff_spending", args=[entry.pk])

    assert client.get(url).status_code == 200
    response = client.post(url, payment(entry.project, amount="650,000"))

    assert response.status_code == 302
    assert spent_of(entry.project) == 650_000


def test_a_correction_with_a_fraction_changes_nothing(client, entry, dong_staff):
    client.force_login(dong_staff)
    response = client.post(
        reverse("plans:staff_spending", args=[entry.pk]), payment(entry.project, amount="650,000.5")
    )

    assert response.status_code == 400
    assert spent_of(entry.project) == 700_000


def test_an_entry_is_removed_with_a_reason(client, entry, dong_staff):
    client.force_login(dong_staff)

    refused = client.post(reverse("plans:staff_delete_spending", args=[entry.pk]), {"reason": ""})
    removed = client.post(
        reverse("plans:staff_delete_spending", args=[entry.pk]), {"reason": "중복 입력"}
    )

    assert (refused.status_code, removed.status_code) == (400, 302)
    assert spent_of(entry.project) == 0 and not SpendingEntry.objects.exists()


def test_staff_of_another_dong_cannot_correct_or_remove(client, entry, other_dong_staff):
    client.force_login(other_dong_staff)

    assert (
        client.post(
            reverse("plans:staff_spending", args=[entry.pk]), payment(entry.project, amount="1")
        ).status_code
        == 404
    )
    assert (
        client.post(
            reverse("plans:staff_delete_spending", args=[entry.pk]), {"reason": "x"}
        ).status_code
        == 404
    )
    assert spent_of(entry.project) == 700_000


# --- Progress, status, outcome ----------------------------------------------------------
def test_a_progress_update_with_a_photo_is_published(client, project, dong_staff):
    client.force_login(dong_staff)

    response = client.post(
        reverse("plans:staff_add_update", args=[project.pk]),
        {
            "body": "벽화 밑그림을 그렸습니다.",
            "photo": png("mural.png"),
            "photo_alt": "벽화 밑그림",
        },
    )

    assert response.status_code == 302
    update = ProgressUpdate.objects.get()
    assert update.photo_alt == "벽화 밑그림" and update.photo.name.endswith(".jpg")


def test_a_progress_photo_needs_a_description_and_must_be_a_picture(client, project, dong_staff):
    client.force_login(dong_staff)
    url = reverse("plans:staff_add_update", args=[project.pk])

    no_alt = client.post(url, {"body": "사진", "photo": png(), "photo_alt": ""})
    a_pdf = client.post(url, {"body": "문서", "photo": pdf(), "photo_alt": "문서"})

    assert (no_alt.status_code, a_pdf.status_code) == (400, 400)
    assert no_alt.context["update_form"].errors["photo_alt"]
    assert a_pdf.context["update_form"].errors["photo"]
    assert not ProgressUpdate.objects.exists()


def test_a_progress_update_is_removed(client, project, dong_staff, now):
    update = ProgressUpdate.objects.create(project=project, body="x", created_at=now)
    client.force_login(dong_staff)

    response = client.post(reverse("plans:staff_delete_update", args=[update.pk]))

    assert response.status_code == 302 and not ProgressUpdate.objects.exists()


def test_the_status_and_outcome_change(client, project, dong_staff):
    client.force_login(dong_staff)

    done = client.post(reverse("plans:staff_status", args=[project.pk]), {"status": "done"})
    outcome = client.post(
        reverse("plans:staff_outcome", args=[project.pk]), {"outcome": "주민 200명 참여"}
    )
    bad = client.post(reverse("plans:staff_status", args=[project.pk]), {"status": "planned"})

    assert (done.status_code, outcome.status_code, bad.status_code) == (302, 302, 400)
    project.refresh_from_db()
    assert (project.status, project.outcome) == (ProjectStatus.DONE, "주민 200명 참여")


# --- Plans ------------------------------------------------------------------------------
def test_staff_start_a_plan_from_the_list(client, doksan1_council, dong_staff, year):
    client.force_login(dong_staff)

    assert client.get(reverse("plans:staff_plans")).status_code == 200
    response = client.post(
        reverse("plans:staff_plan_create"), {"council": doksan1_council.pk, "year": year + 1}
    )

    plan = AutonomyPlan.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "plans:staff_plan", args=[plan.pk]
    )
    again = client.post(
        reverse("plans:staff_plan_create"), {"council": doksan1_council.pk, "year": year + 1}
    )
    assert again.status_code == 400 and AutonomyPlan.objects.count() == 1


def test_staff_of_another_dong_cannot_start_its_plan(
    client, doksan1_council, other_dong_staff, year
):
    client.force_login(other_dong_staff)
    response = client.post(
        reverse("plans:staff_plan_create"), {"council": doksan1_council.pk, "year": year + 1}
    )
    assert response.status_code == 400 and not AutonomyPlan.objects.exists()


def test_a_plan_is_written_from_the_assembly_and_typed_in_projects(
    client, doksan1_council, doksan1_sections, dong_staff, district_staff, year
):
    plan = make_plan(doksan1_council, year + 1, status=PlanStatus.DRAFT)
    item = AgendaItem.objects.create(
        council=doksan1_council,
        year=year + 1,
        title="마을 축제",
        estimated_cost=5_000_000,
        status=AgendaStatus.PASSED,
        created_at=timezone.now(),
    )
    client.force_login(dong_staff)

    page = client.get(reverse("plans:staff_plan", args=[plan.pk]))
    from_agenda = client.post(
        reverse("plans:staff_from_agenda", args=[plan.pk]),
        {"programme": "dong_pb", "budget_source": "city"},
    )
    typed = client.post(
        reverse("plans:staff_add_project", args=[plan.pk]),
        {
            "title": "어르신 스마트폰 교실",
            "programme": "resident_activity",
            "budget_source": "resident_tax",
            "budget": "4,000,000",
            "section": doksan1_sections[1].pk,
        },
    )
    fractional = client.post(
        reverse("plans:staff_add_project", args=[plan.pk]),
        {"title": "x", "programme": "resident_activity", "budget_source": "city", "budget": "10.5"},
    )
    submitted = client.post(reverse("plans:staff_submit_plan", args=[plan.pk]))

    assert page.status_code == 200 and item in page.context["waiting"]
    assert (
        from_agenda.status_code,
        typed.status_code,
        fractional.status_code,
        submitted.status_code,
    ) == (
        302,
        302,
        400,
        302,
    )
    assert sorted(Project.objects.values_list("title", "budget")) == [
        ("마을 축제", 5_000_000),
        ("어르신 스마트폰 교실", 4_000_000),
    ]
    client.force_login(district_staff)
    assert client.post(reverse("plans:staff_approve_plan", args=[plan.pk])).status_code == 302
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED


@pytest.mark.parametrize("step", ["staff_approve_plan", "staff_return_plan"])
def test_dong_staff_who_write_the_plan_may_not_approve_or_return_it(
    client, doksan1_council, dong_staff, year, step
):
    plan = make_plan(doksan1_council, year + 1, status=PlanStatus.SUBMITTED)
    client.force_login(dong_staff)

    desk = client.get(reverse("plans:staff_plan", args=[plan.pk]))
    response = client.post(reverse(f"plans:{step}", args=[plan.pk]))

    assert reverse("plans:staff_add_project", args=[plan.pk]) not in desk.content.decode()
    assert 'name="opinion"' not in desk.content.decode()
    assert reverse(f"plans:{step}", args=[plan.pk]) not in desk.content.decode()
    assert response.status_code == 403
    assert errors(response) == ["계획 승인과 반려는 구청 담당자만 할 수 있습니다."]
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED and not AuditEntry.objects.exists()


def test_a_year_out_of_range_is_refused_beside_the_field(client, doksan1_council, dong_staff):
    client.force_login(dong_staff)

    response = client.post(
        reverse("plans:staff_plan_create"), {"council": doksan1_council.pk, "year": 1999}
    )

    assert response.status_code == 400 and response.context["form"].errors["year"]
    assert not AutonomyPlan.objects.exists()


def test_staff_of_another_dong_do_not_see_the_plan(client, doksan1_plan, other_dong_staff):
    client.force_login(other_dong_staff)
    assert client.get(reverse("plans:staff_plan", args=[doksan1_plan.pk])).status_code == 404
    assert (
        client.post(reverse("plans:staff_submit_plan", args=[doksan1_plan.pk])).status_code == 404
    )
