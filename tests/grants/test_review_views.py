"""The review pages through the client: a reviewer's list and scoring page (404 outside
their committee, 403 with the reason after a conflict), bad scores refused beside their
field, the staff committee and decision forms, and the decision on the applicant's page."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from maeul.core.models import PersonalDataAccess
from maeul.grants.models import ApplicationAttachment, ApplicationStatus, AttachmentKind, Review
from maeul.grants.services import applications
from maeul.grants.services import review as services
from tests.grants.conftest import GARDEN_TEXT, open_call, write_draft

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed_call(geumcheon):
    """A call whose application period ended yesterday (the review is on)."""
    now = timezone.now()
    return open_call(
        geumcheon, opens_at=now - timedelta(days=10), closes_at=now - timedelta(days=1)
    )


@pytest.fixture
def garden(closed_call, group, resident):
    draft = write_draft(closed_call, group, resident, title="골목 텃밭", description=GARDEN_TEXT)
    applications.submit_application(
        application=draft, user=resident, now=timezone.now() - timedelta(days=2)
    )
    return draft


@pytest.fixture
def seat(closed_call, district_staff, committee_member):
    return services.add_reviewer(
        call=closed_call,
        email=committee_member.email,
        staff=district_staff,
        now=timezone.now(),
        ip=None,
    )


def score_data(call, *values, comment=""):
    data = {f"criterion_{c.pk}": v for c, v in zip(call.criteria.all(), values, strict=True)}
    return {**data, "comment": comment}


def test_a_reviewer_lists_and_scores_an_application(
    client, closed_call, garden, seat, committee_member
):
    client.force_login(committee_member)
    calls = client.get(reverse("grants:calls")).content.decode()
    assert reverse("grants:reviews") in calls  # reviewers find their desk from the calls
    listing = client.get(reverse("grants:reviews"))
    assert listing.status_code == 200 and "골목 텃밭" in listing.content.decode()
    page = client.get(reverse("grants:review", args=[garden.pk]))
    assert page.status_code == 200
    assert "사업의 필요성" in page.content.decode()

    response = client.post(
        reverse("grants:review_score", args=[garden.pk]),
        score_data(closed_call, "25", "20", "15", "10", comment="좋습니다."),
    )
    assert response.status_code == 302
    assert Review.objects.get().total == 70


def test_a_score_over_its_maximum_is_refused_beside_its_field(
    client, closed_call, garden, seat, committee_member
):
    client.force_login(committee_member)
    with translation.override("ko"):
        response = client.post(
            reverse("grants:review_score", args=[garden.pk]),
            score_data(closed_call, "31", "20", "15", "10"),
            HTTP_ACCEPT_LANGUAGE="ko",
        )
    assert response.status_code == 400
    assert "0점부터 30점까지" in response.content.decode()
    assert not Review.objects.exists()


def test_a_reviewer_cannot_open_an_application_after_declaring_a_conflict(
    client, closed_call, garden, seat, committee_member
):
    client.force_login(committee_member)
    response = client.post(reverse("grants:review_conflict", args=[garden.pk]))
    assert response.status_code == 302

    page = client.get(reverse("grants:review", args=[garden.pk]), HTTP_ACCEPT_LANGUAGE="ko")
    assert page.status_code == 403
    assert "이해충돌을 신고하셨으므로" in page.content.decode()
    scoring = client.post(
        reverse("grants:review_score", args=[garden.pk]),
        score_data(closed_call, "30", "30", "20", "20"),
    )
    assert scoring.status_code == 403
    assert not Review.objects.exists()


def test_someone_outside_the_committee_gets_a_404(client, garden, seat, neighbour):
    client.force_login(neighbour)
    assert client.get(reverse("grants:review", args=[garden.pk])).status_code == 404


def test_staff_add_a_reviewer_and_see_the_ranking(
    client, closed_call, garden, district_staff, committee_member
):
    client.force_login(district_staff)
    url = reverse("grants:staff_add_reviewer", args=[closed_call.pk])
    refused = client.post(url, {"email": "nobody@example.kr"}, HTTP_ACCEPT_LANGUAGE="ko")
    assert refused.status_code == 400
    assert "계정이 없습니다" in refused.content.decode()
    assert client.post(url, {"email": committee_member.email}).status_code == 302
    desk = client.get(reverse("grants:staff_call", args=[closed_call.pk])).content.decode()
    assert committee_member.email in desk
    assert "골목 텃밭" in desk


def test_staff_select_and_the_applicant_reads_the_decision(
    client, closed_call, garden, district_staff, resident
):
    client.force_login(district_staff)
    url = reverse("grants:staff_decide", args=[garden.pk])
    too_much = {"outcome": "selected", "amount": "3,500,000", "reasons": "좋습니다."}
    refused = client.post(url, too_much, HTTP_ACCEPT_LANGUAGE="ko")
    assert refused.status_code == 400
    assert "신청 금액보다 많을 수 없습니다" in refused.content.decode()
    data = {"outcome": "selected", "amount": "2,500,000", "reasons": "주민 참여가 활발합니다."}
    assert client.post(url, data).status_code == 302
    garden.refresh_from_db()
    assert (garden.status, garden.granted_amount) == (ApplicationStatus.SELECTED, 2_500_000)

    client.force_login(resident)
    page = client.get(reverse("grants:application", args=[garden.pk]), HTTP_ACCEPT_LANGUAGE="ko")
    body = page.content.decode()
    assert "주민 참여가 활발합니다." in body and "2,500,000" in body


def test_a_reviewer_cannot_decide(client, garden, seat, committee_member):
    client.force_login(committee_member)
    data = {"outcome": "not_selected", "reasons": "이유"}
    assert client.post(reverse("grants:staff_decide", args=[garden.pk]), data).status_code == 403
    garden.refresh_from_db()
    assert garden.status == ApplicationStatus.SUBMITTED


def test_staff_set_the_scoring_sheet_until_the_first_score(
    client, closed_call, garden, seat, district_staff, committee_member
):
    client.force_login(district_staff)
    url = reverse("grants:staff_set_criteria", args=[closed_call.pk])
    desk = client.get(reverse("grants:staff_call", args=[closed_call.pk])).content.decode()
    assert "사업의 필요성 30" in desk
    bad = client.post(url, {"criteria": "공익성 쉰"}, HTTP_ACCEPT_LANGUAGE="ko")
    assert bad.status_code == 400 and "주민 참여 20" in bad.content.decode()
    assert client.post(url, {"criteria": "공익성 60\n지속 가능성 40\n"}).status_code == 302
    assert [(c.name, c.max_points) for c in closed_call.criteria.all()] == [
        ("공익성", 60),
        ("지속 가능성", 40),
    ]

    client.force_login(committee_member)
    client.post(reverse("grants:review_score", args=[garden.pk]), score_data(closed_call, 50, 30))
    client.force_login(district_staff)
    refused = client.post(url, {"criteria": "공익성 100"}, HTTP_ACCEPT_LANGUAGE="ko")
    assert refused.status_code == 400
    assert "심사표를 바꿀 수 없습니다" in refused.content.decode()
    assert closed_call.criteria.count() == 2


def test_a_reviewer_reads_the_plan_but_not_the_member_list(
    client, closed_call, garden, seat, committee_member, resident
):
    plan = garden.attachments.get(kind=AttachmentKind.PLAN)
    # A member list of the handed-in application (the same stored file, another kind).
    member_list = ApplicationAttachment.objects.create(
        application=garden,
        kind=AttachmentKind.MEMBERS,
        file=plan.file.name,
        original_name="명부.pdf",
        content_type="application/pdf",
        size=plan.size,
        uploaded_at=plan.uploaded_at,
    )
    client.force_login(committee_member)
    page = client.get(reverse("grants:review", args=[garden.pk])).content.decode()
    assert reverse("grants:file", args=[plan.pk]) in page
    assert "명부.pdf" not in page

    assert client.get(reverse("grants:file", args=[plan.pk])).status_code == 200
    assert PersonalDataAccess.objects.filter(reason="공모 신청서 심의").count() == 1
    assert client.get(reverse("grants:file", args=[member_list.pk])).status_code == 404

    services.declare_conflict(application=garden, user=committee_member, now=timezone.now())
    assert client.get(reverse("grants:file", args=[plan.pk])).status_code == 404
