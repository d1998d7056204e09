"""건의 from field visits: recorded by staff (no resident number), routed to a department,
answered in public (who raised it is never public), turned into a proposal."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from maeul.consultations.models import FieldSuggestion, Occasion
from maeul.consultations.services import suggestions
from maeul.core.errors import RuleViolation
from maeul.proposals.models import Channel
from tests.consultations.conftest import NOW
from tests.korean import korean
from tests.proposals.factories import CategoryFactory, DepartmentFactory

pytestmark = pytest.mark.django_db


def _record(district, dong, staff, **overrides):
    fields = {
        "occasion": Occasion.ALLEY_HEAD,
        "heard_on": date(2021, 6, 3),
        "place": "독산로 골목",
        "raised_by": "편의점 사장님",
        "body": "골목 가로등이 어둡습니다.",
    }
    fields.update(overrides)
    return suggestions.record_suggestion(
        district=district, dong=dong, staff=staff, ip=None, now=NOW, **fields
    )


@pytest.fixture
def suggestion(geumcheon, doksan1, dong_staff):
    return _record(geumcheon, doksan1, dong_staff)


def test_dong_staff_record_and_district_staff_route_and_answer(
    suggestion, geumcheon, district_staff
):
    department = DepartmentFactory(district=geumcheon, name="도로과")
    suggestions.route_suggestion(
        suggestion=suggestion, department=department, staff=district_staff, ip=None, now=NOW
    )

    suggestions.answer_suggestion(
        suggestion=suggestion,
        text="다음 달에 가로등을 교체합니다.",
        staff=district_staff,
        ip=None,
        now=NOW,
    )

    suggestion.refresh_from_db()
    assert (suggestion.department, suggestion.answered_at) == (department, NOW)


def test_a_resident_number_is_refused(geumcheon, doksan1, dong_staff):
    with translation.override("ko"), pytest.raises(RuleViolation) as refusal:
        _record(geumcheon, doksan1, dong_staff, raised_by="홍길동 800101-1234567")

    assert refusal.value.code == "resident_number"
    assert FieldSuggestion.objects.count() == 0


def test_an_answer_needs_a_department_first(suggestion, district_staff):
    with translation.override("ko"), pytest.raises(RuleViolation) as refusal:
        suggestions.answer_suggestion(
            suggestion=suggestion, text="답", staff=district_staff, ip=None, now=NOW
        )

    assert refusal.value.message == korean("Route the suggestion to a department first.")


def test_dong_staff_do_not_answer(suggestion, dong_staff, geumcheon):
    department = DepartmentFactory(district=geumcheon, name="도로과")
    with translation.override("ko"), pytest.raises(RuleViolation) as refusal:
        suggestions.route_suggestion(
            suggestion=suggestion, department=department, staff=dong_staff, ip=None, now=NOW
        )

    assert refusal.value.message == korean("Only district staff route and answer suggestions.")


def test_a_suggestion_becomes_a_proposal(suggestion, geumcheon, district_staff):
    category = CategoryFactory(district=geumcheon, name="안전")

    proposal = suggestions.suggestion_to_proposal(
        suggestion=suggestion,
        category=category,
        title="골목 가로등 교체",
        staff=district_staff,
        ip=None,
        now=NOW,
    )

    suggestion.refresh_from_db()
    assert suggestion.proposal == proposal
    assert proposal.channel == Channel.VISIT
    assert proposal.author_name == ""  # who raised it stays with staff


def test_public_list_never_shows_who(client, suggestion):
    page = client.get(reverse("consultations:suggestions")).content.decode()

    assert "골목 가로등이 어둡습니다." in page
    assert "편의점 사장님" not in page


def test_staff_pages(client, suggestion, doksan1, dong_staff, district_staff, other_district_staff):
    client.force_login(dong_staff)
    assert client.get(reverse("consultations:staff_suggestions")).status_code == 200
    refused = client.post(
        reverse("consultations:staff_record_suggestion"),
        {
            "occasion": "dialogue",
            "heard_on": "2021-06-03",
            "dong": doksan1.pk,
            "place": "",
            "raised_by": "",
            "body": "",
        },
    )
    assert refused.status_code == 400
    assert FieldSuggestion.objects.count() == 1
    client.force_login(district_staff)
    desk = reverse("consultations:staff_suggestion", args=[suggestion.pk])
    assert client.get(desk).status_code == 200
    early = client.post(
        reverse("consultations:staff_suggestion_step", args=[suggestion.pk, "answer"]),
        {"text": "답변"},
    )
    assert early.status_code == 400
    client.force_login(other_district_staff)
    assert client.get(desk).status_code == 404
