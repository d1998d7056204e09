"""Results: totals, scale mean, rank means, breakdowns by dong and age group with small
groups hidden by the same function as vote turnout; published live or after the close."""

from datetime import timedelta

import pytest
from django.utils import translation

from maeul.consultations import results as results_module
from maeul.consultations.results import results_of
from maeul.consultations.services import running
from maeul.core import disclosure
from maeul.core.errors import RuleViolation
from tests.consultations.conftest import (
    NOW,
    answer_as,
    field,
    make_consultation,
    option,
    respondent,
)
from tests.korean import korean


@pytest.fixture
def answered(consultation, doksan1, gasan):
    """Six people of 독산1동 (five in their 40s, one in their 20s) and one of 가산동."""
    for n in range(6):
        birth = 2000 if n == 5 else 1980
        against = (
            {
                field(consultation, 0): [option(consultation, 0, 1)],
                field(consultation, 1): ["시끄러워요"],
            }
            if n < 2
            else {}
        )
        answer_as(consultation, respondent(doksan1, birth), **against)
    answer_as(consultation, respondent(gasan), **{field(consultation, 2): ["2"]})
    return consultation


def test_results_use_the_disclosure_rule_of_votes():
    assert results_module.suppress_small is disclosure.suppress_small


def test_totals_scale_and_ranks(answered):
    with translation.override("ko"):
        results = results_of(answered)

    assert results.respondents == 7
    single, _reason, scale, multiple, ranking, _short = results.questions
    assert [(o.label, o.count) for o in single.options] == [
        ("찬성", 5),
        ("반대", 2),
        ("잘 모르겠음", 0),
    ]
    assert single.options[0].share == pytest.approx(5 / 7, abs=1e-4)
    assert scale.scale == [(1, 0), (2, 1), (3, 0), (4, 6), (5, 0)]
    assert scale.mean == pytest.approx(26 / 7, abs=0.01)
    assert [(o.label, o.count) for o in multiple.options] == [
        ("쉼터", 7),
        ("화장실", 7),
        ("운동기구", 0),
    ]
    assert [(o.label, o.mean_rank) for o in ranking.options] == [
        ("공원", 2),
        ("도서관", 1),
        ("주차장", 3),
    ]


def test_small_groups_are_hidden_with_the_next_smallest(answered):
    with translation.override("ko"):
        results = results_of(answered)

    # 가산동 has one respondent: hidden, and 독산1동 with it (else 7 - 6 gives it back).
    assert results.by_dong == [("가산동", None), ("독산1동", None)]
    assert results.by_age_group == [("20대", None), ("40대", None)]
    single = results.questions[0]
    assert all(row.counts is None for row in single.by_dong + single.by_age_group)


def test_groups_of_five_or_more_are_shown(consultation, doksan1, gasan):
    for _n in range(5):
        answer_as(consultation, respondent(doksan1))
        answer_as(consultation, respondent(gasan))

    with translation.override("ko"):
        results = results_of(consultation)

    assert results.by_dong == [("가산동", 5), ("독산1동", 5)]
    assert [row.counts for row in results.questions[0].by_dong] == [[5, 0, 0], [5, 0, 0]]


def test_results_are_hidden_until_published_after_the_close(consultation, district_staff):
    assert not consultation.results_visible(NOW)
    with translation.override("ko"), pytest.raises(RuleViolation) as early:
        running.publish_results(consultation=consultation, staff=district_staff, ip=None, now=NOW)
    assert early.value.message == korean(
        "This can be published only after the consultation closes."
    )

    running.publish_results(
        consultation=consultation, staff=district_staff, ip=None, now=consultation.closes_at
    )

    assert consultation.results_visible(consultation.closes_at)


def test_live_results_show_while_open(geumcheon, district_staff):
    consultation = make_consultation(geumcheon, district_staff, results_live=True)

    assert consultation.results_visible(NOW)
    assert not consultation.results_visible(consultation.opens_at - timedelta(seconds=1))


def test_official_response_is_published_at_the_close(consultation, district_staff):
    with translation.override("ko"), pytest.raises(RuleViolation):
        running.publish_response(
            consultation=consultation,
            text="검토하겠습니다.",
            staff=district_staff,
            ip=None,
            now=NOW,
        )
    after = consultation.closes_at + timedelta(days=1)

    running.publish_response(
        consultation=consultation,
        text="내년 예산에 반영합니다.",
        staff=district_staff,
        ip=None,
        now=after,
    )

    consultation.refresh_from_db()
    assert consultation.response == "내년 예산에 반영합니다."
    assert consultation.response_published_at == after


def test_a_response_with_a_resident_number_is_refused(consultation, district_staff):
    with translation.override("ko"), pytest.raises(RuleViolation):
        running.publish_response(
            consultation=consultation,
            text="900101-1234567",
            staff=district_staff,
            ip=None,
            now=consultation.closes_at,
        )

    consultation.refresh_from_db()
    assert consultation.response == ""


def test_staff_of_another_dong_cannot_run_a_district_consultation(consultation, dong_staff):
    with translation.override("ko"), pytest.raises(RuleViolation) as refusal:
        running.publish_results(
            consultation=consultation, staff=dong_staff, ip=None, now=consultation.closes_at
        )

    assert refusal.value.code == "forbidden"
