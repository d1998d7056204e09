"""A council that asks for a completed 주민자치학교: the application page says so before the
form, and the application is refused with the reason until the person has completed one
(`maeul.courses.completion.school_refusal`, one rule for both)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from maeul.core.errors import RuleViolation
from maeul.councils.models import MembershipApplication
from maeul.councils.services import recruitment as recruiting
from maeul.courses.models import CourseKind, Registration
from tests.courses.conftest import make_programme, new_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def strict(doksan1_council):
    doksan1_council.requires_school_completion = True
    doksan1_council.save()
    return doksan1_council


@pytest.fixture
def school(geumcheon, doksan1):
    return new_course(
        make_programme(geumcheon),
        doksan1,
        title="독산1동 주민자치학교",
        kind=CourseKind.SELF_GOVERNANCE_SCHOOL,
    )


def _apply(recruitment, user):
    return recruiting.apply(
        recruitment=recruitment,
        user=user,
        public_name="독산 주민",
        motivation="마을 일을 함께 하고 싶습니다.",
        now=timezone.now(),
    )


def test_without_the_school_the_application_is_refused(strict, recruitment, resident):
    with pytest.raises(RuleViolation) as refusal:
        _apply(recruitment, resident)
    assert refusal.value.code == "school_required"
    assert "주민자치학교를 수료한 사람만" in refusal.value.message
    assert not MembershipApplication.objects.exists()


def test_once_completed_the_resident_may_apply(strict, recruitment, resident, school):
    Registration.objects.create(
        course=school,
        user=resident,
        status="registered",
        created_at=timezone.now(),
        completed_at=timezone.now(),
    )
    assert _apply(recruitment, resident).pk


def test_a_council_without_the_setting_asks_nothing(doksan1_council, recruitment, resident):
    assert _apply(recruitment, resident).pk


def test_the_page_says_so_before_the_form(client, strict, recruitment, resident):
    client.force_login(resident)
    page = reverse("councils:recruitment", kwargs={"pk": strict.pk})
    answer = client.get(page)
    text = answer.content.decode()
    assert "주민자치학교를 수료해야 신청할 수 있습니다" in text
    assert "먼저 주민자치학교를 수료해 주세요" in text
    assert answer.context["form"] is None
    posted = client.post(
        reverse("councils:apply", kwargs={"pk": strict.pk}),
        {"public_name": "주민", "route": "open_call", "motivation": "신청"},
    )
    assert posted.status_code == 400
    assert not MembershipApplication.objects.exists()
