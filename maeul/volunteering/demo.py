"""Demo volunteering of 금천구, from the seeds' 자원봉사 programmes: a 자원봉사캠프 at each of
the ten dong offices (동주민센터 자원봉사캠프 활성화) with a leader (캠프장) and members, two
clubs from the specialised training's contents (정리수납, 캘리그래피), and a season of the
camps' own activities (반찬나눔, 어르신 경로잔치, 안녕캠페인 안부 묻기): eight weeks of
shifts with hours confirmed by the camp leaders, a company's group (기업봉사연계), a
teenager with a guardian's consent (청소년자원봉사), work proposed at a camp meeting
(동캠프 간담회 일감제안, one turned into an activity, one waiting), and an open activity of
독산1동 the demo resident can sign up for. Volunteers are fictional (봉사자 1-30).
Idempotent: nothing is added once 금천구 has a camp."""

from datetime import date, datetime, time, timedelta

from maeul.accounts.demo import demo_resident, district_to_fill
from maeul.accounts.models import User
from maeul.core.dates import at_seoul, local_date
from maeul.places.models import Dong
from maeul.volunteering.models import ConsentChannel, Field, MemberRole, VolunteerCamp
from maeul.volunteering.services import hours, organising, sign_ups, volunteers

WEEKS = 8
# The camps' own activities in the seeds (캠프 주도의 다양한 자원봉사활동): title, field, weekday.
SEASON = [
    ("반찬나눔", Field.DAILY_LIFE, 1),
    ("어르신 경로잔치", Field.CULTURE, 3),
]


def _person(n: int, dong: Dong, now: datetime, *, prefix: str = "봉사자", born: int = 0) -> User:
    return demo_resident(
        f"volunteer{n}@demo.maeul.kr",
        f"{prefix} {n}",
        born or 1955 + (n * 7) % 45,
        dong,
        verified_at=now - timedelta(days=300),
        lives_since=now - timedelta(days=400),
    )


def _week_day(now: datetime, weeks_ago: int, weekday: int) -> date:
    today = local_date(now)
    monday = today - timedelta(days=today.weekday())
    return monday - timedelta(weeks=weeks_ago) + timedelta(days=weekday)


def _season(
    camp: VolunteerCamp, leader: User, people: list[User], staff: User, now: datetime
) -> None:
    """Eight past weeks of the camp's activities: signed up two days ahead, then confirmed."""
    for title, field, weekday in SEASON:
        activity = organising.create_activity(
            camp=camp,
            title=f"{camp.dong.name} {title}",
            field=field,
            staff=staff,
            now=now - timedelta(weeks=WEEKS + 1),
        )
        for week in range(WEEKS, 0, -1):
            day = _week_day(now, week, weekday)
            starts = at_seoul(day, time(10))
            shift = organising.add_shift(
                activity=activity,
                starts_at=starts,
                ends_at=starts + timedelta(hours=3),
                place=f"{camp.dong.name} 주민센터",
                places=6,
                staff=staff,
                now=starts - timedelta(days=7),
            )
            crew = [people[(week + i) % len(people)] for i in range(4)]
            for person in crew:
                sign_ups.sign_up(shift=shift, user=person, now=starts - timedelta(days=2))
            for person in crew[:3]:  # one of four did not come
                hours.confirm_hours(
                    shift=shift, volunteer=person, staff=leader, now=starts + timedelta(hours=3)
                )


def _company(camp: VolunteerCamp, contact: User, staff: User, now: datetime) -> None:
    activity = organising.create_activity(
        camp=camp,
        title="가산동 안녕캠페인 골목 환경정비",
        field=Field.ENVIRONMENT,
        staff=staff,
        now=now - timedelta(days=40),
    )
    starts = at_seoul(_week_day(now, 3, 5), time(9))
    shift = organising.add_shift(
        activity=activity,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        place="가산디지털단지역 일대",
        places=20,
        staff=staff,
        now=now - timedelta(days=40),
    )
    group = sign_ups.sign_up_group(
        shift=shift,
        user=contact,
        organisation="(주)가산디지털 사회공헌팀",
        head_count=12,
        contact_name="사회공헌 담당",
        contact="csr@example.kr",
        now=starts - timedelta(days=10),
    )
    hours.confirm_group(group=group, attended=11, staff=staff, now=starts + timedelta(hours=2))


def _open_activity(camp: VolunteerCamp, staff: User, now: datetime) -> None:
    """The 독산1동 안녕캠페인, open: two shifts next week the demo resident can sign up for."""
    activity = organising.create_activity(
        camp=camp,
        title="안녕캠페인 안부 묻기",
        field=Field.DAILY_LIFE,
        description="홀로 사는 어르신께 전화와 방문으로 안부를 여쭙니다. 2인 1조로 다닙니다.",
        staff=staff,
        now=now,
    )
    for weekday in (1, 3):
        starts = at_seoul(_week_day(now, -1, weekday), time(14))
        organising.add_shift(
            activity=activity,
            starts_at=starts,
            ends_at=starts + timedelta(hours=2),
            place="독산1동 주민센터 자원봉사캠프",
            places=8,
            staff=staff,
            now=now,
        )


def load_volunteering(*, now: datetime) -> int:
    """Create the demo camps, clubs and a season of activities; returns the camps made."""
    scene = district_to_fill("금천구", VolunteerCamp)
    if scene is None:
        return 0
    staff = scene.staff
    dongs = sorted(scene.dongs.values(), key=lambda dong: dong.code)
    people = [_person(n, dongs[n % len(dongs)], now) for n in range(1, 31)]
    camps = []
    for index, dong in enumerate(dongs):
        camp = organising.create_camp(
            dong=dong,
            name=f"{dong.name} 자원봉사캠프",
            description="동주민센터의 마을 자원봉사센터입니다.",
            staff=staff,
            now=now - timedelta(days=500),
        )
        crew = people[index * 3 : index * 3 + 3]
        organising.add_member(user=crew[0], camp=camp, role=MemberRole.LEADER, staff=staff, now=now)
        for person in crew[1:]:
            organising.add_member(user=person, camp=camp, staff=staff, now=now)
        camps.append(camp)
        _season(
            camp, crew[0], [p for p in people if p not in crew[:1]][index : index + 8], staff, now
        )
    by_name = {camp.dong.name: camp for camp in camps}
    for name, field in (
        ("정리수납 봉사 동아리", "정리수납"),
        ("캘리그래피 나눔 동아리", "캘리그래피"),
    ):
        club = organising.create_club(dong=dongs[0], name=name, field=field, staff=staff, now=now)
        organising.add_member(
            user=people[-1], club=club, role=MemberRole.LEADER, staff=staff, now=now
        )
    _company(by_name["가산동"], people[4], staff, now)
    teen = _person(
        31, by_name["독산1동"].dong, now, prefix="청소년 봉사자", born=local_date(now).year - 16
    )
    volunteers.record_guardian_consent(
        user=teen,
        guardian_name="보호자",
        relation="어머니",
        consented_on=local_date(now) - timedelta(days=60),
        channel=ConsentChannel.PAPER,
        now=now,
    )
    doksan = by_name["독산1동"]
    proposer = doksan.members.select_related("user").get(role=MemberRole.LEADER).user
    proposal = organising.propose_work(
        camp=doksan,
        title="경로당 어르신 스마트폰 도우미",
        description="간담회에서 경로당 어르신들이 스마트폰 사용을 어려워하신다는 이야기가 나왔습니다.",
        meeting_on=local_date(now) - timedelta(days=20),
        user=proposer,
        now=now,
    )
    organising.accept_proposal(proposal=proposal, staff=staff, now=now, field=Field.EDUCATION)
    organising.propose_work(
        camp=doksan,
        title="하천변 쓰레기 줍기",
        description="봄맞이 안양천 산책로 정화 활동을 제안합니다.",
        meeting_on=local_date(now) - timedelta(days=6),
        user=proposer,
        now=now,
    )
    _open_activity(doksan, staff, now)
    return len(camps)
