"""Demo grants of 금천구, from the seeds' figures: 비영리민간단체 보조금 2018-2020 (예산액
287,000 / 287,000 / 337,000천원 for 41 / 43 / 41 groups), the 2020 마을공동체 통합공모 (33
공동체, 50백만원: 이웃만들기 21 / 20,000천원, 공동체성장 10 / 25,000천원, 골목만들기 2 /
5,000천원), and this year's 이웃만들기 call, open now. Three fictional groups apply; this
year one of them hands in a near-copy of another group's 2020 project, which is flagged.
The selected 2020 garden project has its whole money trail: agreement, payment, spending
with receipts, the interim check of the support centre (one entry not accepted), the
settlement with 80,000원 returned, and its evaluation.
Idempotent: nothing is added once 금천구 has a grant call."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile

from maeul.accounts.demo import demo_resident, district_staff, district_to_fill
from maeul.accounts.models import User
from maeul.core.dates import SEOUL
from maeul.grants.models import (
    Application,
    AttachmentKind,
    CheckMark,
    CheckOutcome,
    ExpenseCategory,
    ExpenseKind,
    GrantCall,
    GroupKind,
    MemberTie,
    Programme,
)
from maeul.grants.services import agreements, applications, groups, review, settlement, spending
from maeul.places.models import District, Dong

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
GARDEN = (
    "골목 텃밭 가꾸기와 나눔 장터",
    "독산동 골목의 빈 화단에 상자 텃밭을 만들고 상추와 고추를 함께 키웁니다. "
    "수확한 채소는 경로당과 나누고 가을에 골목 나눔 장터를 엽니다.",
)
NEAR_COPY = (
    "골목 상자 텃밭 가꾸기와 채소 나눔 장터",
    "시흥동 골목의 빈 화단에 상자 텃밭을 만들어 상추와 고추를 함께 키웁니다. "
    "수확한 채소는 경로당에 나누고 가을에 골목 나눔 장터를 엽니다.",
)
PUPPETS = (
    "어르신과 아이가 함께 만드는 인형극",
    "매주 토요일 작은도서관에서 어르신과 아이들이 인형을 만들고 연습해 연말에 인형극을 공연합니다.",
)


@dataclass(frozen=True)
class CallSpec:
    programme: str
    year: int
    title: str
    budget: int
    groups: int
    most: int
    opens: date


PAST = [
    CallSpec(
        Programme.NONPROFIT_SUBSIDY,
        2018,
        "2018년 비영리민간단체 보조금 지원사업",
        287_000_000,
        41,
        20_000_000,
        date(2018, 1, 8),
    ),
    CallSpec(
        Programme.NONPROFIT_SUBSIDY,
        2019,
        "2019년 비영리민간단체 보조금 지원사업",
        287_000_000,
        43,
        20_000_000,
        date(2019, 1, 7),
    ),
    CallSpec(
        Programme.NONPROFIT_SUBSIDY,
        2020,
        "2020년 비영리민간단체 보조금 지원사업",
        337_000_000,
        41,
        20_000_000,
        date(2020, 1, 6),
    ),
    CallSpec(
        Programme.NEIGHBOURS,
        2020,
        "2020 마을공동체 통합공모 이웃만들기",
        20_000_000,
        21,
        1_000_000,
        date(2020, 3, 2),
    ),
    CallSpec(
        Programme.COMMUNITY_GROWTH,
        2020,
        "2020 마을공동체 통합공모 공동체성장",
        25_000_000,
        10,
        3_000_000,
        date(2020, 3, 2),
    ),
    CallSpec(
        Programme.ALLEYS,
        2020,
        "2020 마을공동체 통합공모 골목만들기",
        5_000_000,
        2,
        2_500_000,
        date(2020, 3, 2),
    ),
]


def _at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=SEOUL)


def _call(district: District, spec: CallSpec, *, opens_at: datetime) -> GrantCall:
    nonprofit = spec.programme == Programme.NONPROFIT_SUBSIDY
    closes_at = opens_at + timedelta(days=21)
    call = GrantCall.objects.create(
        programme=spec.programme,
        year=spec.year,
        title=spec.title,
        district=district,
        total_budget=spec.budget,
        min_amount=min(500_000, spec.most),
        max_amount=spec.most,
        expected_groups=spec.groups,
        min_members=10 if nonprofit else 3,
        nonprofit_required=nonprofit,
        required_attachments=[AttachmentKind.PLAN]
        + ([AttachmentKind.REGISTRATION] if nonprofit else []),
        notice=(
            f"{spec.title} 공모를 안내합니다. 주민이 스스로 기획하고 실행하는 사업을 "
            "지원합니다. 1회성 행사비와 식비 위주의 예산은 조정될 수 있습니다."
        ),
        announced_on=(opens_at - timedelta(days=14)).date(),
        briefing_on=(opens_at - timedelta(days=7)).date(),
        opens_at=opens_at,
        closes_at=closes_at,
        review_on=(closes_at + timedelta(days=14)).date(),
        selection_on=(closes_at + timedelta(days=21)).date(),
        disbursement_on=(closes_at + timedelta(days=35)).date(),
        interim_check_on=(closes_at + timedelta(days=120)).date(),
        settlement_on=date(spec.year, 12, 10),
        evaluation_on=date(spec.year, 12, 20),
        published_at=opens_at - timedelta(days=14),
    )
    ExpenseCategory.objects.bulk_create(
        [
            ExpenseCategory(call=call, kind=ExpenseKind.OPERATING, name="식비", cap_percent=10),
            ExpenseCategory(
                call=call, kind=ExpenseKind.OPERATING, name="활동비", cap_percent=20, position=1
            ),
            ExpenseCategory(
                call=call, kind=ExpenseKind.PROJECT, name="행사비", cap_percent=30, position=2
            ),
            ExpenseCategory(call=call, kind=ExpenseKind.PROJECT, name="재료비", position=3),
        ]
    )
    return call


def _representative(email: str, name: str, dong: Dong, now: datetime) -> User:
    return demo_resident(
        email, name, 1972, dong, verified_at=now, lives_since=now - timedelta(days=400)
    )


def _apply(call: GrantCall, group, user, text: tuple[str, str], amount: int, now: datetime):  # type: ignore[no-untyped-def]
    draft = applications.start_application(
        call=call,
        group=group,
        title=text[0],
        description=text[1],
        place="",
        dong=group.dong,
        amount=amount,
        user=user,
        now=now,
    )
    categories = {category.name: category for category in call.categories.all()}
    food = amount // 10
    for name, item, value in (("식비", "간식", food), ("재료비", "재료", amount - food)):
        applications.add_budget_line(
            application=draft,
            category=categories[name],
            item=item,
            amount=value,
            user=user,
            now=now,
        )
    for kind in call.required_attachments:
        applications.attach_file(
            application=draft,
            kind=kind,
            upload=SimpleUploadedFile("계획서.pdf", PDF, "application/pdf"),
            user=user,
            now=now,
        )
    applications.submit_application(application=draft, user=user, now=now)
    return draft


def _review(call: GrantCall, selected: Application, other: Application) -> None:
    """The 2020 committee (the demo 심의위원) scores both; 독산 텃밭모임 is selected."""
    staff = district_staff(call.district)
    member = User.objects.filter(email="committee@demo.maeul.kr").first()
    after = call.closes_at + timedelta(days=7)
    if member is not None:
        review.add_reviewer(call=call, email=member.email, staff=staff, now=after, ip=None)
        for application, points in ((selected, (27, 25, 17, 18)), (other, (20, 18, 14, 12))):
            sheet = dict(zip([c.pk for c in call.criteria.all()], points, strict=True))
            review.score_application(
                application=application,
                user=member,
                points=sheet,
                comment="주민이 함께 가꾸는 계획이 구체적입니다."
                if application == selected
                else "",
                now=after + timedelta(days=1),
            )
    for application, chosen, reasons in (
        (selected, True, "이웃이 함께 가꾸고 나누는 계획이 구체적이고 예산이 알맞습니다."),
        (other, False, "공연 장소와 관객 모집 계획이 아직 정해지지 않았습니다."),
    ):
        review.decide(
            application=application,
            selected=chosen,
            amount=application.amount if chosen else None,
            reasons=reasons,
            staff=staff,
            now=after + timedelta(days=3),
            ip=None,
        )


def _settle(garden: Application) -> None:
    """The garden's 2020 money trail, from the agreement to the evaluation (1,000,000원 paid,
    920,000원 confirmed, 80,000원 returned)."""
    staff = district_staff(garden.call.district)
    centre = User.objects.filter(email="centre@demo.maeul.kr").first() or staff
    representative = garden.group.representative
    agreements.create_agreement(
        application=garden,
        amount=1_000_000,
        conditions="사업이 끝나고 30일 안에 정산합니다.",
        signed_at=date(2020, 4, 20),
        bank="농협",
        account="301-0000-0000-01",
        staff=staff,
        now=_at(date(2020, 4, 20)),
        ip=None,
    )
    agreements.record_disbursement(
        application=garden,
        amount=1_000_000,
        paid_at=date(2020, 4, 27),
        note="일시 교부",
        staff=staff,
        now=_at(date(2020, 4, 27)),
        ip=None,
    )
    categories = {category.name: category for category in garden.call.categories.all()}
    entries = [
        spending.record_expense(
            application=garden,
            category=categories[name],
            item=item,
            amount=amount,
            spent_on=day,
            receipt=SimpleUploadedFile("영수증.pdf", PDF, "application/pdf"),
            user=representative,
            now=_at(day, 18),
        )
        for name, item, amount, day in (
            ("재료비", "상자 텃밭 12개와 흙", 620_000, date(2020, 5, 4)),
            ("재료비", "모종과 씨앗", 300_000, date(2020, 5, 11)),
            ("식비", "주민 모임 다과", 80_000, date(2020, 6, 13)),
        )
    ]
    spending.record_interim_check(
        application=garden,
        visited_on=date(2020, 7, 15),
        findings="상자 텃밭 12개가 설치되어 주민 9명이 당번을 정해 가꾸고 있습니다. "
        "다과비는 사업 참여자가 아닌 모임의 다과로 확인되어 인정하지 않습니다.",
        outcome=CheckOutcome.NEEDS_CORRECTION,
        marks={
            entries[0].pk: (CheckMark.CONFIRMED, ""),
            entries[1].pk: (CheckMark.CONFIRMED, ""),
            entries[2].pk: (CheckMark.DISALLOWED, "사업과 관계없는 다과비입니다."),
        },
        staff=centre,
        now=_at(date(2020, 7, 15), 16),
        ip=None,
    )
    settlement.submit_settlement(
        application=garden,
        report="상자 텃밭 12개에서 상추와 고추를 길러 경로당 두 곳에 나누었습니다. "
        "10월에 골목 나눔 장터를 열어 주민 60여 명이 다녀갔습니다.",
        user=representative,
        now=_at(date(2020, 11, 30)),
    )
    settlement.approve_settlement(
        application=garden, staff=staff, now=_at(date(2020, 12, 10)), ip=None
    )
    settlement.record_return(
        application=garden,
        returned_on=date(2020, 12, 18),
        staff=staff,
        now=_at(date(2020, 12, 18)),
        ip=None,
    )
    settlement.evaluate(
        application=garden,
        score=85,
        comment="주민 참여가 꾸준했고 나눔이 이웃으로 넓어졌습니다.",
        staff=staff,
        now=_at(date(2020, 12, 20)),
        ip=None,
    )


def load_grants(*, now: datetime) -> int:
    """Create the demo calls, groups and applications of 금천구; returns the calls made."""
    scene = district_to_fill("금천구", GrantCall)
    if scene is None:
        return 0
    district, dongs = scene.district, scene.dongs
    past = {spec.title: _call(district, spec, opens_at=_at(spec.opens)) for spec in PAST}
    year = now.astimezone(SEOUL).year
    current = _call(
        district,
        CallSpec(
            Programme.NEIGHBOURS,
            year,
            f"{year} 마을공동체 통합공모 이웃만들기",
            20_000_000,
            21,
            1_000_000,
            date(year, 1, 1),
        ),
        opens_at=now - timedelta(days=7),
    )
    resident = User.objects.filter(email="resident@demo.maeul.kr").first() or _representative(
        "group-doksan@demo.maeul.kr", "독산 텃밭모임 대표", dongs["독산1동"], now
    )
    made = []
    for name, rep, dong, phone in (
        ("독산 텃밭모임", resident, "독산1동", "010-0000-1001"),
        (
            "시흥 골목지기",
            _representative(
                "group-siheung@demo.maeul.kr", "시흥 골목지기 대표", dongs["시흥1동"], now
            ),
            "시흥1동",
            "010-0000-1002",
        ),
        (
            "금빛노을 인형극단",
            _representative("group-puppet@demo.maeul.kr", "인형극단 대표", dongs["가산동"], now),
            "가산동",
            "010-0000-1003",
        ),
    ):
        opened = _at(date(2020, 2, 1))
        group = groups.register_group(
            name=name,
            kind=GroupKind.RESIDENT_CIRCLE,
            dong=dongs[dong],
            contact=phone,
            representative=rep,
            now=opened,
        )
        for member in ("김하나", "이두리", "박세나", "최네별"):
            groups.add_member(
                group=group,
                name=f"{member}({name[:2]})",
                tie=MemberTie.RESIDENT,
                consent=True,
                user=rep,
                now=opened,
            )
        made.append((group, rep))
    (doksan, doksan_rep), (siheung, siheung_rep), (puppets, puppets_rep) = made
    neighbours = past["2020 마을공동체 통합공모 이웃만들기"]
    in_2020 = neighbours.opens_at + timedelta(days=3)
    garden = _apply(neighbours, doksan, doksan_rep, GARDEN, 1_000_000, in_2020)
    _apply(neighbours, puppets, puppets_rep, PUPPETS, 1_000_000, in_2020)
    puppet_show = neighbours.applications.get(group=puppets)
    _review(neighbours, garden, puppet_show)
    _settle(garden)
    # This year: a near-copy of 독산 텃밭모임's 2020 project by another group, flagged.
    _apply(current, siheung, siheung_rep, NEAR_COPY, 1_000_000, now - timedelta(days=1))
    return len(past) + 1
