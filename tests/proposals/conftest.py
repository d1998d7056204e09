"""Proposal fixtures: 금천구's policy, categories with their departments, and more personas.

- `policy`: 금천구's ProposalPolicy (30 days of support, thresholds 50 and 500);
- `categories`: 안전·환경·복지·교통·문화·교육·청년·경제·기타, each reviewed by a department;
- `departments`: by name; 기획예산과 is the head office (구청장 답변);
- `department_staff`: 금천구 district staff in 교통행정과;
- `head_office_staff`: 금천구 district staff in 기획예산과;
- `proposal`: a published 교통 proposal of 독산1동 by `resident`, open for support.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from maeul.accounts.models import Role, TieKind, User
from maeul.places.models import Department
from maeul.proposals.models import Category, Proposal, ProposalPolicy
from tests.conftest import _verified
from tests.factories import DongTieFactory, RoleAssignmentFactory, UserFactory
from tests.proposals.factories import ProposalFactory

REVIEWERS = {
    "안전": "안전총괄과",
    "환경": "청소행정과",
    "복지": "복지정책과",
    "교통": "교통행정과",
    "문화": "문화체육과",
    "교육": "교육협력과",
    "청년": "청년정책과",
    "경제": "일자리경제과",
    "기타": "기획예산과",
}
HEAD_OFFICE = "기획예산과"


@pytest.fixture
def departments(geumcheon) -> dict[str, Department]:
    return {
        name: Department.objects.create(
            district=geumcheon, name=name, is_head_office=name == HEAD_OFFICE
        )
        for name in sorted(set(REVIEWERS.values()))
    }


@pytest.fixture
def policy(geumcheon, departments) -> ProposalPolicy:
    return ProposalPolicy.objects.create(
        district=geumcheon, default_department=departments[HEAD_OFFICE]
    )


@pytest.fixture
def categories(geumcheon, departments, policy) -> dict[str, Category]:
    return {
        name: Category.objects.create(
            district=geumcheon, name=name, order=order, department=departments[reviewer]
        )
        for order, (name, reviewer) in enumerate(REVIEWERS.items())
    }


@pytest.fixture
def yeongdeungpo_category(yeongdeungpo) -> Category:
    department = Department.objects.create(district=yeongdeungpo, name="교통행정과")
    return Category.objects.create(district=yeongdeungpo, name="교통", department=department)


@pytest.fixture
def department_staff(geumcheon, departments) -> User:
    user = _verified(UserFactory(email="traffic@example.kr", display_name="교통행정과 담당"))
    RoleAssignmentFactory(
        user=user,
        role=Role.DISTRICT_STAFF,
        district=geumcheon,
        department=departments["교통행정과"],
    )
    return user


@pytest.fixture
def head_office_staff(geumcheon, departments) -> User:
    user = _verified(UserFactory(email="head@example.kr", display_name="기획예산과 담당"))
    RoleAssignmentFactory(
        user=user, role=Role.DISTRICT_STAFF, district=geumcheon, department=departments[HEAD_OFFICE]
    )
    return user


@pytest.fixture
def now():
    return timezone.now()


@pytest.fixture
def proposal(doksan1, categories, resident, now) -> Proposal:
    return ProposalFactory(
        district=doksan1.district,
        dong=doksan1,
        category=categories["교통"],
        title="공영주차장을 늘려 주세요",
        author=resident,
        created_at=now - timedelta(days=1),
    )


@pytest.fixture
def make_verified(doksan1):
    """Verified residents of 독산1동, made on demand: `make_verified(3)`."""

    def make(count: int) -> list[User]:
        people = []
        for _ in range(count):
            user = _verified(UserFactory())
            DongTieFactory(user=user, dong=doksan1, kind=TieKind.LIVES)
            people.append(user)
        return people

    return make


@pytest.fixture
def immediate_tasks(settings):
    """Run background tasks (the notification e-mails) at once instead of queueing them."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
