"""Consultation fixtures (금천구), relative to a fixed clock `NOW` inside the answering period.

- `consultation`: 〈금나래가 묻습니다〉 of 금천구, published, open from 5 days ago to 5 days
  ahead, asking everyone of the district; its questions, in order:
  1 찬반 (single: 찬성 / 반대 / 잘 모르겠음), 2 반대 이유 (long text, asked only of those who
  chose 반대), 3 만족도 (scale 1-5), 4 필요한 시설 (multiple: 쉼터 / 화장실 / 운동기구),
  5 우선순위 (ranking of 공원 / 도서관 / 주차장), 6 한마디 (short text, optional);
- `answers(...)`: a valid submission for it (as the form posts it), with overrides.
"""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from maeul.consultations.models import Consultation, QuestionKind
from maeul.consultations.services import running
from maeul.consultations.services.running import ConsultationSpec, QuestionSpec
from maeul.core.dates import SEOUL

NOW = datetime(2021, 6, 10, 10, 0, tzinfo=SEOUL)

QUESTIONS = [
    QuestionSpec(
        QuestionKind.SINGLE, "공원 리모델링에 찬성하십니까?", ["찬성", "반대", "잘 모르겠음"]
    ),
    QuestionSpec(QuestionKind.LONG_TEXT, "반대하는 이유를 적어 주세요.", show_if=(0, 1)),
    QuestionSpec(QuestionKind.SCALE, "지금 공원에 얼마나 만족하십니까?"),
    QuestionSpec(
        QuestionKind.MULTIPLE, "필요한 시설을 모두 골라 주세요.", ["쉼터", "화장실", "운동기구"]
    ),
    QuestionSpec(QuestionKind.RANKING, "우선순위를 정해 주세요.", ["공원", "도서관", "주차장"]),
    QuestionSpec(QuestionKind.SHORT_TEXT, "한마디", required=False),
]


def make_consultation(district, staff, *, now=NOW, publish=True, **overrides) -> Consultation:
    fields = {
        "title": "금나래가 묻습니다: 동네 공원 리모델링",
        "question": "동네 공원을 어떻게 바꾸면 좋을까요?",
        "background": "공원이 낡아 구에서 리모델링을 계획하고 있습니다.",
        "opens_at": now - timedelta(days=5),
        "closes_at": now + timedelta(days=5),
        "questions": QUESTIONS,
    }
    fields.update(overrides)
    consultation = running.create_consultation(
        spec=ConsultationSpec(**fields), district=district, staff=staff, ip=None, now=now
    )
    if publish:
        running.publish_consultation(consultation=consultation, staff=staff, ip=None, now=now)
    return consultation


def open_consultation(district, staff, **overrides) -> Consultation:
    """Open around the real clock, for pages and the API."""
    return make_consultation(district, staff, now=timezone.now(), **overrides)


def answers(consultation: Consultation, **overrides: list[str]) -> dict[str, list[str]]:
    """A full valid submission: 찬성, 만족도 4, 쉼터+화장실, 도서관 > 공원 > 주차장."""
    questions = list(consultation.questions.prefetch_related("options"))
    opts = [list(q.options.all()) for q in questions]
    data = {
        questions[0].field: [str(opts[0][0].pk)],
        questions[2].field: ["4"],
        questions[3].field: [str(opts[3][0].pk), str(opts[3][1].pk)],
        f"{questions[4].field}_{opts[4][0].pk}": ["2"],
        f"{questions[4].field}_{opts[4][1].pk}": ["1"],
        f"{questions[4].field}_{opts[4][2].pk}": ["3"],
    }
    data.update(overrides)
    return data


def field(consultation: Consultation, index: int) -> str:
    return list(consultation.questions.all())[index].field


def option(consultation: Consultation, index: int, choice: int) -> str:
    return str(list(list(consultation.questions.all())[index].options.all())[choice].pk)


@pytest.fixture
def consultation(geumcheon, district_staff) -> Consultation:
    return make_consultation(geumcheon, district_staff)


def respondent(dong, birth_year=1980, **tie):
    """A verified person with a tie to `dong` long before any consultation opens."""
    from tests.conftest import _verified
    from tests.factories import DongTieFactory, UserFactory

    user = _verified(UserFactory(birth_year=birth_year))
    DongTieFactory(user=user, dong=dong, **tie)
    return user


def answer_as(consultation, user, now=NOW, **overrides):
    from maeul.consultations.services.answering import answer_consultation

    return answer_consultation(
        consultation=consultation, resident=user, data=answers(consultation, **overrides), now=now
    )
