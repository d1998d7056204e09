"""The review (심의): the committee, conflicts of interest, the scoring sheet, the ranking
and the decision (선정 / 미선정) with its notification and audit record."""

from datetime import timedelta

import pytest
from django.utils import translation

from maeul.core.errors import RuleViolation
from maeul.core.models import AuditEntry, Notification
from maeul.grants.models import (
    DEFAULT_CRITERIA,
    ApplicationStatus,
    Review,
    Score,
)
from maeul.grants.services import applications
from maeul.grants.services import review as services
from tests.factories import UserFactory
from tests.grants.conftest import NOW, write_draft
from tests.korean import HANGUL

AFTER = NOW + timedelta(days=11)  # the call closes 10 days after NOW


@pytest.fixture
def handed_in(call, group, resident, other_group, neighbour):
    """Two submitted applications: 독산's garden (3,000,000원) and 가산's mural (4,000,000원)."""
    garden = write_draft(call, group, resident, title="골목 텃밭", description="상자 텃밭")
    mural = write_draft(
        call, other_group, neighbour, title="골목 벽화", description="벽화", amount=4_000_000
    )
    for application, user in ((garden, resident), (mural, neighbour)):
        applications.submit_application(application=application, user=user, now=NOW)
    return garden, mural


@pytest.fixture
def second_reviewer(db):
    return UserFactory(email="reviewer2@example.kr", display_name="두번째 위원")


@pytest.fixture
def committee(call, district_staff, committee_member, second_reviewer):
    for user in (committee_member, second_reviewer):
        services.add_reviewer(call=call, email=user.email, staff=district_staff, now=NOW, ip=None)
    return committee_member, second_reviewer


def points(call, *values):
    return {c.pk: v for c, v in zip(call.criteria.order_by("position"), values, strict=True)}


def refusal(call_service) -> str:
    with translation.override("ko"), pytest.raises(RuleViolation) as caught:
        call_service()
    assert HANGUL.search(caught.value.message), caught.value.message
    return caught.value.message


def test_adding_a_reviewer_sets_the_default_sheet_audits_and_notifies(
    call, committee_member, district_staff
):
    services.add_reviewer(
        call=call, email="COMMITTEE@example.kr", staff=district_staff, now=NOW, ip="10.0.0.1"
    )
    assert [(c.name, c.max_points) for c in call.criteria.all()] == DEFAULT_CRITERIA
    assert list(call.reviewers.values_list("user", flat=True)) == [committee_member.pk]
    assert AuditEntry.objects.filter(action="grants.reviewer_add").count() == 1
    assert Notification.objects.filter(recipient=committee_member, kind="grants.committee").exists()


def test_adding_an_unknown_or_repeated_reviewer_is_refused(call, committee, district_staff):
    message = refusal(
        lambda: services.add_reviewer(
            call=call, email="nobody@example.kr", staff=district_staff, now=NOW, ip=None
        )
    )
    assert "계정" in message
    refusal(
        lambda: services.add_reviewer(
            call=call, email=committee[0].email, staff=district_staff, now=NOW, ip=None
        )
    )
    assert call.reviewers.count() == 2


def test_only_district_staff_form_the_committee(call, dong_staff, committee_member):
    with pytest.raises(RuleViolation) as caught:
        services.add_reviewer(
            call=call, email=committee_member.email, staff=dong_staff, now=NOW, ip=None
        )
    assert caught.value.code == "forbidden"
    assert not call.reviewers.exists()


def test_scores_are_stored_and_the_application_goes_under_review(call, handed_in, committee):
    garden, _mural = handed_in
    review = services.score_application(
        application=garden,
        user=committee[0],
        points=points(call, 25, "20", 15, 10),
        comment="필요성이 큽니다.",
        now=AFTER,
    )
    assert review.total == 70
    assert sorted(review.scores.values_list("points", flat=True)) == [10, 15, 20, 25]
    garden.refresh_from_db()
    assert garden.status == ApplicationStatus.UNDER_REVIEW
    # Scoring again changes the scores, never adds a second review.
    services.score_application(
        application=garden,
        user=committee[0],
        points=points(call, 30, 30, 20, 20),
        comment="",
        now=AFTER,
    )
    assert Review.objects.get().total == 100
    assert Score.objects.count() == 4


@pytest.mark.parametrize("bad", [31, -1, "", "열", "2.5", None])
def test_a_score_outside_its_range_is_refused_and_nothing_stored(call, handed_in, committee, bad):
    garden, _mural = handed_in
    message = refusal(
        lambda: services.score_application(
            application=garden,
            user=committee[0],
            points=points(call, bad, 20, 15, 10),
            comment="",
            now=AFTER,
        )
    )
    assert "사업의 필요성" in message and "30" in message
    assert not Review.objects.exists() and not Score.objects.exists()
    garden.refresh_from_db()
    assert garden.status == ApplicationStatus.SUBMITTED


def test_scoring_waits_for_the_deadline(call, handed_in, committee):
    message = refusal(
        lambda: services.score_application(
            application=handed_in[0],
            user=committee[0],
            points=points(call, 1, 1, 1, 1),
            comment="",
            now=NOW,
        )
    )
    assert "접수 기간" in message
    assert not Review.objects.exists()


def test_a_non_member_cannot_score(call, handed_in, committee, district_staff):
    with pytest.raises(RuleViolation) as caught:
        services.score_application(
            application=handed_in[0],
            user=district_staff,
            points=points(call, 1, 1, 1, 1),
            comment="",
            now=AFTER,
        )
    assert caught.value.code == "forbidden"


def test_a_conflict_excludes_the_reviewer_and_their_scores(call, handed_in, committee):
    garden, mural = handed_in
    first, second = committee
    services.score_application(
        application=garden, user=first, points=points(call, 30, 30, 20, 20), comment="", now=AFTER
    )
    services.score_application(
        application=garden, user=second, points=points(call, 10, 10, 10, 10), comment="", now=AFTER
    )
    assert services.ranking(call)[0].average == 70

    services.declare_conflict(application=garden, user=first, now=AFTER)

    top = services.ranking(call)[0]
    assert (top.application, top.average, top.reviews) == (garden, 40, 1)
    assert AuditEntry.objects.filter(action="grants.conflict_declare").count() == 1
    message = refusal(
        lambda: services.score_application(
            application=garden,
            user=first,
            points=points(call, 30, 30, 20, 20),
            comment="",
            now=AFTER,
        )
    )
    assert "이해충돌" in message
    # The other application stays theirs to review.
    services.score_application(
        application=mural, user=first, points=points(call, 5, 5, 5, 5), comment="", now=AFTER
    )


def test_ranking_orders_by_average_and_puts_unscored_last(call, handed_in, committee):
    garden, mural = handed_in
    services.score_application(
        application=mural,
        user=committee[0],
        points=points(call, 20, 20, 10, 10),
        comment="",
        now=AFTER,
    )
    services.score_application(
        application=mural,
        user=committee[1],
        points=points(call, 30, 30, 20, 20),
        comment="",
        now=AFTER,
    )
    rows = services.ranking(call)
    assert [(r.application, r.average, r.reviews) for r in rows] == [
        (mural, 80, 2),
        (garden, None, 0),
    ]


def test_selecting_with_a_smaller_amount_notifies_and_audits(
    call, handed_in, committee, district_staff, resident
):
    garden, _mural = handed_in
    services.decide(
        application=garden,
        selected=True,
        amount=2_500_000,
        reasons="주민 참여가 활발합니다.",
        staff=district_staff,
        now=AFTER,
        ip="10.0.0.1",
    )
    garden.refresh_from_db()
    assert garden.status == ApplicationStatus.SELECTED
    assert garden.granted_amount == 2_500_000
    assert garden.decision_reasons == "주민 참여가 활발합니다."
    entry = AuditEntry.objects.get(action="grants.decide")
    assert entry.changes["status"] == ["submitted", "selected"]
    note = Notification.objects.get(recipient=resident, kind="grants.decision")
    assert note.url == f"/grants/applications/{garden.pk}/"


def test_scores_stop_with_the_decision(call, handed_in, committee, district_staff):
    garden, _mural = handed_in
    services.decide(
        application=garden,
        selected=False,
        amount=None,
        reasons="이유",
        staff=district_staff,
        now=AFTER,
        ip=None,
    )
    message = refusal(
        lambda: services.score_application(
            application=garden,
            user=committee[0],
            points=points(call, 1, 1, 1, 1),
            comment="",
            now=AFTER,
        )
    )
    assert "결정" in message
    assert not Review.objects.exists()


def test_not_selecting_keeps_no_amount(call, handed_in, district_staff, neighbour):
    _garden, mural = handed_in
    services.decide(
        application=mural,
        selected=False,
        amount=None,
        reasons="예산이 부족합니다.",
        staff=district_staff,
        now=AFTER,
        ip=None,
    )
    mural.refresh_from_db()
    assert (mural.status, mural.granted_amount) == (ApplicationStatus.NOT_SELECTED, None)
    assert Notification.objects.filter(recipient=neighbour, kind="grants.decision").exists()


@pytest.mark.parametrize(
    ("amount", "reasons", "expected"),
    [
        (3_000_001, "이유", "신청 금액"),  # more than asked
        (500_000, "이유", "범위"),  # under the call's least
        (None, "이유", "금액"),
        (2_000_000, "  ", "사유"),
    ],
)
def test_bad_decisions_are_refused_and_change_nothing(
    call, handed_in, district_staff, amount, reasons, expected
):
    garden, _mural = handed_in
    message = refusal(
        lambda: services.decide(
            application=garden,
            selected=True,
            amount=amount,
            reasons=reasons,
            staff=district_staff,
            now=AFTER,
            ip=None,
        )
    )
    assert expected in message
    garden.refresh_from_db()
    assert garden.status == ApplicationStatus.SUBMITTED and garden.granted_amount is None
    assert not AuditEntry.objects.filter(action="grants.decide").exists()
    assert not Notification.objects.filter(kind="grants.decision").exists()


def test_the_total_budget_binds_the_amounts_granted(call, handed_in, district_staff):
    garden, mural = handed_in
    call.total_budget = 4_000_000
    call.save()
    services.decide(
        application=garden,
        selected=True,
        amount=3_000_000,
        reasons="좋습니다.",
        staff=district_staff,
        now=AFTER,
        ip=None,
    )
    message = refusal(
        lambda: services.decide(
            application=mural,
            selected=True,
            amount=1_500_000,
            reasons="좋습니다.",
            staff=district_staff,
            now=AFTER,
            ip=None,
        )
    )
    assert "총 예산" in message


def test_a_decision_is_made_once_and_not_before_the_deadline(call, handed_in, district_staff):
    garden, _mural = handed_in
    message = refusal(
        lambda: services.decide(
            application=garden,
            selected=False,
            amount=None,
            reasons="이유",
            staff=district_staff,
            now=NOW,
            ip=None,
        )
    )
    assert "접수 기간" in message
    services.decide(
        application=garden,
        selected=False,
        amount=None,
        reasons="이유",
        staff=district_staff,
        now=AFTER,
        ip=None,
    )
    with pytest.raises(RuleViolation):
        services.decide(
            application=garden,
            selected=True,
            amount=2_000_000,
            reasons="번복",
            staff=district_staff,
            now=AFTER,
            ip=None,
        )


def test_the_scoring_sheet_changes_only_before_the_first_score(
    call, handed_in, committee, district_staff
):
    services.set_criteria(
        call=call,
        criteria=[("공익성", 50), ("지속 가능성", 50)],
        staff=district_staff,
        now=AFTER,
        ip=None,
    )
    assert [c.max_points for c in call.criteria.all()] == [50, 50]
    refusal(
        lambda: services.set_criteria(
            call=call, criteria=[("공익성", 0)], staff=district_staff, now=AFTER, ip=None
        )
    )
    services.score_application(
        application=handed_in[0],
        user=committee[0],
        points=points(call, 40, 40),
        comment="",
        now=AFTER,
    )
    refusal(
        lambda: services.set_criteria(
            call=call, criteria=[("공익성", 100)], staff=district_staff, now=AFTER, ip=None
        )
    )
    assert call.criteria.count() == 2


def test_a_reviewers_export_holds_their_own_scores_and_conflicts(
    call, handed_in, committee, second_reviewer
):
    from maeul.privacy.export import personal_data

    garden, mural = handed_in
    first = committee[0]
    services.score_application(
        application=garden,
        user=first,
        points=points(call, 30, 30, 20, 20),
        comment="훌륭합니다.",
        now=AFTER,
    )
    services.score_application(
        application=mural,
        user=second_reviewer,
        points=points(call, 1, 1, 1, 1),
        comment="다른 위원의 의견",
        now=AFTER,
    )
    services.declare_conflict(application=mural, user=first, now=AFTER)

    with translation.override("ko"):
        data = personal_data(user=first, now=AFTER)
    [seat] = data["공모사업 심의위원회"]
    assert [review["사업명"] for review in seat["심사"]] == ["골목 텃밭"]
    assert seat["심사"][0]["심사 의견"] == "훌륭합니다."
    assert len(seat["신고한 이해충돌"]) == 1
    assert "다른 위원의 의견" not in str(data)
