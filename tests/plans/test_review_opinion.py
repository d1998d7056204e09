"""The district's review opinion (검토의견) on approving or returning a plan (issue 12, item 5).

Required on a return, optional on an approval; kept on the plan, shown to the dong office on
the plan's desk, and written into the audit entry of the step. A resident registration
number in it is refused beside the field, and nothing changes.
"""

import pytest
from django.urls import reverse

from maeul.core.models import AuditEntry
from maeul.plans.models import PlanStatus
from tests.plans.conftest import make_plan

OPINION = "축제 예산의 산출 근거를 보완해 주십시오."


@pytest.fixture
def submitted(doksan1_council, year):
    return make_plan(doksan1_council, year + 1, status=PlanStatus.SUBMITTED)


def step_url(name: str, plan) -> str:
    return reverse(f"plans:staff_{name}_plan", args=[plan.pk])


def test_district_staff_return_a_plan_with_an_opinion_the_dong_office_reads(
    client, submitted, district_staff, dong_staff
):
    client.force_login(district_staff)
    desk = client.get(reverse("plans:staff_plan", args=[submitted.pk]))
    response = client.post(step_url("return", submitted), {"opinion": f"  {OPINION}\n"})

    assert 'name="opinion"' in desk.content.decode()
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == PlanStatus.DRAFT and submitted.review_opinion == OPINION
    entry = AuditEntry.objects.get(action="plans.plan_return")
    assert entry.changes["review_opinion"] == ["", OPINION]

    client.force_login(dong_staff)
    response = client.get(reverse("plans:staff_plan", args=[submitted.pk]))
    page = response.content.decode()
    assert "구청 검토의견" in page and OPINION in page
    [event] = response.context["history"]
    assert (event.step, event.actor, event.opinion) == ("반려", district_staff, OPINION)
    assert "계획 이력" in page


def test_approving_needs_no_opinion_and_records_one_when_given(client, submitted, district_staff):
    client.force_login(district_staff)
    response = client.post(step_url("approve", submitted), {"opinion": "잘 작성되었습니다."})

    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == PlanStatus.APPROVED
    assert submitted.review_opinion == "잘 작성되었습니다."
    entry = AuditEntry.objects.get(action="plans.plan_approve")
    assert entry.changes["review_opinion"] == ["", "잘 작성되었습니다."]


def test_approving_without_an_opinion(client, submitted, district_staff):
    client.force_login(district_staff)
    assert client.post(step_url("approve", submitted), {}).status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == PlanStatus.APPROVED and submitted.review_opinion == ""


@pytest.mark.parametrize(
    ("step", "opinion", "message"),
    [
        ("return", "   ", "반려하는 이유를 검토의견에 적어 주십시오."),
        ("return", "담당자 900101-1234567 확인", "주민등록번호를 지워 주세요"),
        ("approve", "800101-2345678", "주민등록번호를 지워 주세요"),
    ],
)
def test_an_empty_return_or_a_resident_number_is_refused_beside_the_field(
    client, submitted, district_staff, step, opinion, message
):
    client.force_login(district_staff)
    response = client.post(step_url(step, submitted), {"opinion": opinion})

    assert response.status_code == 400
    form = response.context["review_form"]
    assert any(message in error for error in form.errors["opinion"])
    assert message in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == PlanStatus.SUBMITTED and submitted.review_opinion == ""
    assert not AuditEntry.objects.exists()
