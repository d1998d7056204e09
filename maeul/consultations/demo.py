"""Demo consultations and forums of 금천구, from the seeds: 〈금나래가 묻습니다〉 twice in 2021
(the first closed with its results, the district's response and a summary of the debate;
the second with live results), the 「금천1번가」 정책공론장 of March 2021 with its 상상
테이블 notes, and the 협치론장 the district held in 2018 and 2019 (3 and 5: the yearly
target of six shows as not met). Respondents are fictional accounts. Idempotent: nothing
is added once 금천구 has a consultation."""

from datetime import date, datetime, time, timedelta

from maeul.accounts.demo import demo_resident, district_to_fill
from maeul.accounts.models import User
from maeul.consultations.models import (
    Consultation,
    ForumKind,
    Occasion,
    QuestionKind,
    TargetGroup,
)
from maeul.consultations.services import debate, forums, running, suggestions
from maeul.consultations.services.answering import answer_consultation
from maeul.consultations.services.forums import ForumSpec
from maeul.consultations.services.running import ConsultationSpec, QuestionSpec
from maeul.core.dates import SEOUL
from maeul.places.models import District, Dong
from maeul.proposals.models import Proposal

# (date, title, dong or None, capacity): 금천구 민관협치 추진실적, 2018-2019.
GOVERNANCE_FORUMS = [
    (date(2018, 7, 4), "2018 나풀나풀 100인+ 협치론장", None, 100),
    (date(2018, 7, 26), "학교 주변 보행안전 개선사업(산기슭도로) 주민 공론장", "독산3동", 30),
    (date(2018, 12, 13), "독산로 보행환경 개선 임대공간 개소식 및 공론장", "독산4동", 30),
    (date(2019, 3, 12), "공원의 턱이 없는 금천(무지개공원) 주민 공론장", "독산2동", 30),
    (date(2019, 5, 2), "주민이 만드는 생태공원 협치위원 공론장", None, 30),
    (date(2019, 6, 24), "2019 나풀나풀 100인+ 협치론장", None, 100),
    (date(2019, 6, 27), "G밸리 생활악취 줄이기 공론장", "가산동", 30),
    (date(2019, 11, 18), "인식의 턱이 없는 금천(장애인식개선) 공론장", None, 30),
]

LIGHTS = [
    QuestionSpec(
        QuestionKind.SINGLE,
        "안양천 산책로에 야간 조명을 늘리는 데 찬성하십니까?",
        ["찬성", "반대", "잘 모르겠음"],
    ),
    QuestionSpec(QuestionKind.LONG_TEXT, "반대하시는 이유를 알려 주세요.", show_if=(0, 1)),
    QuestionSpec(QuestionKind.SCALE, "지금 산책로의 밤길은 얼마나 안전하다고 느끼십니까?"),
    QuestionSpec(
        QuestionKind.MULTIPLE,
        "조명과 함께 필요한 것을 모두 골라 주세요.",
        ["비상벨", "CCTV", "쉼터 의자", "안내 표지판"],
    ),
    QuestionSpec(
        QuestionKind.RANKING,
        "먼저 조명을 달 구간의 순서를 정해 주세요.",
        ["가산동 구간", "독산동 구간", "시흥동 구간"],
    ),
    QuestionSpec(QuestionKind.SHORT_TEXT, "한마디 남겨 주세요.", required=False),
]

BUDGET = [
    QuestionSpec(
        QuestionKind.MULTIPLE,
        "2022년 주민참여예산을 어디에 먼저 쓰면 좋을까요?",
        ["골목 안전", "어르신 돌봄", "아이 놀이 공간", "청년 공간"],
    ),
    QuestionSpec(QuestionKind.SCALE, "주민참여예산을 얼마나 알고 계십니까?"),
]

TABLES = [
    (
        "상상 테이블 1 (청소년·학부모)",
        "통학로에 그늘막과 쉼터가 있으면 좋겠다는 의견이 많았습니다. "
        "학교 앞 불법 주차 단속도 요청했습니다.",
    ),
    (
        "상상 테이블 2 (직장인·상인)",
        "G밸리 점심시간에 걷기 좋은 길, 전통시장 주차 공간을 함께 고민했습니다.",
    ),
    (
        "상상 테이블 3 (어르신·장애인)",
        "경로당까지 가는 길의 턱을 없애고 버스 정류장에 의자를 놓자는 제안이 나왔습니다.",
    ),
]


def _at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=SEOUL)


def _respondents(dongs: dict[str, Dong]) -> list[User]:
    """Fictional verified residents with ties held since 2020 (demo accounts, no login use)."""
    people = []
    plan = [("독산1동", 1975), ("가산동", 1988), ("시흥1동", 1962)]
    since = _at(date(2020, 1, 2))
    for n in range(24):
        dong, year = plan[n % 3]
        user = demo_resident(
            f"survey{n + 1}@demo.maeul.kr",
            f"설문 참여 주민 {n + 1}",
            year + n % 2 * 10,
            dongs[dong],
            verified_at=since,
            lives_since=since,
        )
        people.append(user)
    return people


def _opened(
    spec: ConsultationSpec, district: District, staff: User, *, drafted_days: int
) -> Consultation:
    """The consultation of `spec`, drafted by `staff` `drafted_days` before it opens and
    published when it opens."""
    opens = spec.opens_at
    consultation = running.create_consultation(
        spec=spec, district=district, staff=staff, ip=None, now=opens - timedelta(days=drafted_days)
    )
    running.publish_consultation(consultation=consultation, staff=staff, ip=None, now=opens)
    return consultation


def _lights(district: District, staff: User, people: list[User]) -> Consultation:
    opens = _at(date(2021, 4, 5), 9)
    consultation = _opened(
        ConsultationSpec(
            title="〈금나래가 묻습니다〉 안양천 산책로 야간 조명, 어떻게 할까요?",
            question="안양천 산책로의 밤길이 어둡다는 제안이 많았습니다. 조명을 늘리는 방안을 묻습니다.",
            background="「금천1번가」에 올라온 산책로 조명 제안이 공감 50개를 넘었습니다. "
            "구는 2022년 예산에 반영할지 정하기 전에 주민 의견을 듣습니다.",
            opens_at=opens,
            closes_at=_at(date(2021, 4, 25), 18),
            questions=LIGHTS,
            proposal=Proposal.objects.filter(district=district).order_by("pk").first(),
        ),
        district,
        staff,
        drafted_days=3,
    )
    questions = list(consultation.questions.prefetch_related("options"))
    options = [[str(o.pk) for o in q.options.all()] for q in questions]
    for n, person in enumerate(people):
        against = n % 6 == 5
        data = {
            questions[0].field: [options[0][1 if against else 0]],
            questions[2].field: [str(2 + n % 3)],
            questions[3].field: options[3][: 1 + n % 3],
            **{
                f"{questions[4].field}_{pk}": [str((i + n) % 3 + 1)]
                for i, pk in enumerate(options[4])
            },
        }
        if against:
            data[questions[1].field] = ["빛 공해로 잠을 설칠까 걱정됩니다."]
        answer_consultation(
            consultation=consultation,
            resident=person,
            data=data,
            now=opens + timedelta(days=1 + n % 10),
        )
    argued = opens + timedelta(days=2)
    lamp = debate.add_argument(
        author=people[0],
        consultation=consultation,
        stance="for",
        body="밤에 운동하는 주민이 많아 조명이 꼭 필요합니다.",
        now=argued,
    )
    debate.add_argument(
        author=people[5],
        consultation=consultation,
        stance="against",
        body="강변 생태를 생각해 밝기를 낮춘 조명이면 좋겠습니다.",
        now=argued,
    )
    debate.add_argument(
        author=people[7],
        consultation=consultation,
        parent=lamp,
        body="동의합니다. 비상벨도 함께 있으면 좋겠습니다.",
        now=argued,
    )
    debate.support_argument(user=people[3], argument=lamp, now=argued)
    after = consultation.closes_at + timedelta(days=7)
    running.publish_results(consultation=consultation, staff=staff, ip=None, now=after)
    running.summarise_debate(
        consultation=consultation,
        staff=staff,
        ip=None,
        now=after,
        text="조명을 늘리자는 의견이 많았고, 생태를 생각해 밝기를 조절하자는 "
        "의견과 비상벨을 함께 달자는 의견이 나왔습니다.",
    )
    running.publish_response(
        consultation=consultation,
        staff=staff,
        ip=None,
        now=after,
        text="2022년 본예산에 가산동 구간부터 저조도 조명과 비상벨 설치비를 "
        "반영하겠습니다. 설치 뒤 주민 의견을 다시 듣겠습니다.",
    )
    return consultation


def _budget(district: District, staff: User, people: list[User]) -> None:
    opens = _at(date(2021, 10, 11), 9)
    consultation = _opened(
        ConsultationSpec(
            title="〈금나래가 묻습니다〉 2022년 주민참여예산, 어디에 먼저 쓸까요?",
            question="내년 주민참여예산의 우선 분야를 묻습니다.",
            opens_at=opens,
            closes_at=_at(date(2021, 10, 31), 18),
            questions=BUDGET,
            results_live=True,
        ),
        district,
        staff,
        drafted_days=2,
    )
    first, second = consultation.questions.prefetch_related("options")
    picks = [str(o.pk) for o in first.options.all()]
    for n, person in enumerate(people[:15]):
        answer_consultation(
            consultation=consultation,
            resident=person,
            now=opens + timedelta(days=2),
            data={first.field: [picks[n % 4]], second.field: [str(1 + n % 5)]},
        )


def _policy_forum(district: District, staff: User, people: list[User]) -> None:
    starts = _at(date(2021, 3, 18), 14)
    proposal = Proposal.objects.filter(district=district).order_by("pk").first()
    forum = forums.create_forum(
        spec=ForumSpec(
            kind=ForumKind.POLICY,
            title="「금천1번가」 정책공론장: 2021년 금천구는 이렇게 되었으면",
            place="「금천1번가」 공간 (금천구청 1층)",
            starts_at=starts,
            ends_at=starts + timedelta(hours=3),
            capacity=40,
            target_groups=[
                TargetGroup.YOUTH,
                TargetGroup.WORKERS,
                TargetGroup.MERCHANTS,
                TargetGroup.ELDERLY,
                TargetGroup.DISABLED,
                TargetGroup.PARENTS,
            ],
            description="금천구 정책 수립을 위한 주요 의제를 주민과 함께 정합니다.",
            panels="발제: 마을자치 연구자\n토론: 금천구협치회의 위원\n토론: 청소년 참여위원",
            proposal=proposal,
        ),
        district=district,
        staff=staff,
        ip=None,
        now=starts - timedelta(days=20),
    )
    groups = forum.target_groups
    for n, person in enumerate(people[:12]):
        forums.register_for_forum(
            user=person,
            forum=forum,
            target_group=groups[n % len(groups)],
            now=starts - timedelta(days=10 - n % 5),
        )
    after = starts + timedelta(days=2)
    present = list(forum.registrations.values_list("pk", flat=True)[:10])
    forums.mark_attendance(forum=forum, present=present, staff=staff, ip=None, now=after)
    for table, body in TABLES:
        forums.add_table_note(forum=forum, table=table, body=body, staff=staff, ip=None, now=after)
    forums.publish_outcome(
        forum=forum,
        staff=staff,
        ip=None,
        now=after,
        text="통학로 그늘막과 경로당 가는 길 턱 없애기를 2021년 「금천1번가」 우선 의제로 정했습니다.",
        proposals=[proposal] if proposal else [],
    )


def _governance(district: District, staff: User, dongs: dict[str, Dong]) -> None:
    for day, title, dong, capacity in GOVERNANCE_FORUMS:
        starts = _at(day, 14)
        forums.create_forum(
            spec=ForumSpec(
                kind=ForumKind.GOVERNANCE,
                title=title,
                place="금천구청 및 현장",
                starts_at=starts,
                ends_at=starts + timedelta(hours=2),
                capacity=capacity,
                target_groups=[TargetGroup.RESIDENTS],
                dong=dongs[dong] if dong else None,
            ),
            district=district,
            staff=staff,
            ip=None,
            now=starts - timedelta(days=14),
        )


def load_consultations(*, now: datetime) -> int:
    """Create the demo consultations and forums of 금천구; returns the consultations made."""
    scene = district_to_fill("금천구", Consultation)
    if scene is None:
        return 0
    district, staff = scene.district, scene.staff
    people = _respondents(scene.dongs)
    _lights(district, staff, people)
    _budget(district, staff, people)
    _policy_forum(district, staff, people)
    _governance(district, staff, scene.dongs)
    suggestions.record_suggestion(
        district=district,
        dong=scene.dongs["독산1동"],
        occasion=Occasion.ALLEY_HEAD,
        heard_on=date(2021, 5, 13),
        place="독산로 골목",
        raised_by="골목 상인",
        body="가게 앞 보도블록이 깨져 유모차가 다니기 어렵습니다.",
        staff=staff,
        ip=None,
        now=_at(date(2021, 5, 14)),
    )
    return 2
