"""Answering a consultation: once per resident, only its audience, only while open; the
answers stored apart from who answered; bad answers refused with nothing stored."""

from datetime import timedelta

import pytest
from django.utils import translation

from maeul.accounts.models import TieKind
from maeul.consultations.models import AgeGroup, Answer, Participation, Response
from maeul.consultations.services.answering import answer_consultation
from maeul.core.errors import RuleViolation
from tests.conftest import _verified
from tests.consultations.conftest import NOW, answers, field, make_consultation, option
from tests.factories import DongTieFactory, UserFactory
from tests.korean import korean


def _answer(consultation, who, data=None, now=NOW):
    return answer_consultation(
        consultation=consultation, resident=who, data=data or answers(consultation), now=now
    )


def _refused(consultation, who, data=None, now=NOW) -> RuleViolation:
    before = (Participation.objects.count(), Response.objects.count(), Answer.objects.count())
    with translation.override("ko"), pytest.raises(RuleViolation) as refusal:
        _answer(consultation, who, data, now)
    after = (Participation.objects.count(), Response.objects.count(), Answer.objects.count())
    assert after == before, "a refused answer stored something"
    return refusal.value


def test_resident_answers_and_the_answers_keep_only_dong_and_age_group(consultation, resident):
    participation = _answer(consultation, resident)

    assert participation.user == resident
    assert participation.answered_on == NOW.date()
    response = Response.objects.get()
    assert (response.dong.name, response.age_group) == ("독산1동", AgeGroup.FORTIES)
    # One for 찬반, one for 만족도, two for 시설, three ranks; 반대 이유 was not asked.
    assert Answer.objects.count() == 7
    ranks = dict(Answer.objects.filter(rank__isnull=False).values_list("option__label", "rank"))
    assert ranks == {"도서관": 1, "공원": 2, "주차장": 3}


def test_nothing_links_a_response_to_who_answered():
    names = {f.name for f in Response._meta.get_fields()}
    assert names == {"id", "consultation", "dong", "age_group", "answers"}
    assert {f.name for f in Participation._meta.get_fields()} == {
        "id",
        "consultation",
        "user",
        "answered_on",
    }
    assert Response._meta.pk.get_internal_type() == "UUIDField"


def test_resident_cannot_answer_twice(consultation, resident):
    _answer(consultation, resident)

    refusal = _refused(consultation, resident)

    assert refusal.message == korean("You have already answered this consultation.")
    assert refusal.code == "already_answered"


def test_answers_after_the_close_are_refused(consultation, resident):
    refusal = _refused(consultation, resident, now=consultation.closes_at)

    assert refusal.message == korean("This consultation has closed.")


def test_answers_before_the_opening_are_refused(consultation, resident):
    refusal = _refused(consultation, resident, now=consultation.opens_at - timedelta(minutes=1))

    assert refusal.message == korean("This consultation is not open for answers.")


def test_people_of_other_dongs_are_not_asked(geumcheon, doksan1, district_staff, neighbour):
    consultation = make_consultation(geumcheon, district_staff, audience_dongs=[doksan1])

    refusal = _refused(consultation, neighbour)

    assert refusal.message == korean(
        "Only people who live, work or study in the dongs asked may answer (%(place)s).",
        place="금천구",
    )


def test_age_groups_not_asked_are_refused(geumcheon, district_staff, resident):
    consultation = make_consultation(
        geumcheon, district_staff, audience_age_groups=[AgeGroup.TEENS, AgeGroup.TWENTIES]
    )

    refusal = _refused(consultation, resident)

    assert refusal.message == korean(
        "This consultation asks only these age groups: %(groups)s.", groups="20세 미만, 20대"
    )


def test_a_young_resident_of_an_asked_age_group_may_answer(geumcheon, doksan1, district_staff):
    consultation = make_consultation(
        geumcheon, district_staff, audience_age_groups=[AgeGroup.TEENS]
    )
    teen = _verified(UserFactory(birth_year=2005))
    DongTieFactory(user=teen, dong=doksan1)

    _answer(consultation, teen)

    assert Response.objects.get().age_group == AgeGroup.TEENS


def test_a_tie_added_after_the_opening_does_not_count(consultation, doksan1):
    newcomer = _verified(UserFactory())
    DongTieFactory(user=newcomer, dong=doksan1, started_at=NOW - timedelta(days=1))

    refusal = _refused(consultation, newcomer)

    assert "독산1동" not in refusal.message  # the district is named
    assert "금천구" in refusal.message


def test_unverified_people_are_refused(consultation, unverified_resident):
    refusal = _refused(consultation, unverified_resident)

    assert refusal.code == "forbidden"


def test_a_person_who_works_in_the_district_answers_for_that_dong(consultation, gasan):
    worker = _verified(UserFactory())
    DongTieFactory(user=worker, dong=gasan, kind=TieKind.WORKS)

    _answer(consultation, worker)

    assert Response.objects.get().dong == gasan


def test_a_conditional_question_is_asked_only_after_its_choice(consultation, resident, neighbour):
    reason = field(consultation, 1)
    _answer(consultation, resident, answers(consultation, **{reason: ["찬성이라 안 씀"]}))
    against = {field(consultation, 0): [option(consultation, 0, 1)], reason: ["너무 시끄러워요"]}
    _answer(consultation, neighbour, answers(consultation, **against))

    texts = list(Answer.objects.exclude(text="").values_list("text", flat=True))
    assert texts == ["너무 시끄러워요"]


def test_a_conditional_question_once_asked_is_required(consultation, resident):
    against = {field(consultation, 0): [option(consultation, 0, 1)]}

    refusal = _refused(consultation, resident, answers(consultation, **against))

    assert refusal.message == korean("Please answer this question.")
    assert refusal.field == field(consultation, 1)


@pytest.mark.parametrize(
    ("index", "values", "msgid"),
    [
        (0, [], "Please answer this question."),
        (0, ["999999"], "Choose among the options of this question."),
        (0, ["abc"], "Choose among the options of this question."),
        (2, ["7"], "Choose a number from 1 to 5."),
        (2, ["3.5"], "Choose a number from 1 to 5."),
    ],
)
def test_answers_that_do_not_fit_are_refused(consultation, resident, index, values, msgid):
    data = answers(consultation, **{field(consultation, index): values})

    refusal = _refused(consultation, resident, data)

    assert refusal.message == korean(msgid)
    assert refusal.field == field(consultation, index)


def test_an_option_of_another_question_is_refused(consultation, resident):
    data = answers(consultation, **{field(consultation, 0): [option(consultation, 3, 0)]})

    refusal = _refused(consultation, resident, data)

    assert refusal.message == korean("Choose among the options of this question.")


def test_a_ranking_with_a_repeated_rank_is_refused(consultation, resident):
    ranking = field(consultation, 4)
    data = answers(consultation, **{f"{ranking}_{option(consultation, 4, 0)}": ["1"]})

    refusal = _refused(consultation, resident, data)

    assert refusal.message == korean(
        "Give every option a different rank, from 1 to %(count)d.", count=3
    )


def test_a_text_with_a_resident_number_is_refused(consultation, resident):
    data = answers(consultation, **{field(consultation, 5): ["제 번호는 900101-1234567 입니다"]})

    refusal = _refused(consultation, resident, data)

    assert refusal.message == korean(
        "Please remove the resident registration number. Maeul must not store it."
    )


def test_a_text_with_script_is_stored_as_typed(consultation, resident):
    script = "<script>alert(1)</script>"
    _answer(consultation, resident, answers(consultation, **{field(consultation, 5): [script]}))

    assert Answer.objects.get(text__startswith="<").text == script


def test_a_too_long_text_is_refused(consultation, resident):
    data = answers(consultation, **{field(consultation, 5): ["가" * 201]})

    refusal = _refused(consultation, resident, data)

    assert refusal.message == korean("An answer can be at most %(limit)d characters.", limit=200)
