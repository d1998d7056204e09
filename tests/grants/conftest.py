"""Grant fixtures (금천구), relative to a fixed clock `now` inside the application period.

- `call`: 「2026 마을공동체 통합공모 이웃만들기」 of 금천구, published, open from 10 days ago
  to 10 days ahead; 1,000,000-5,000,000원 a project; at least 3 members; a project plan
  required; categories 식비 (at most 10 % of the total), 행사비 (at most 1,000,000원) and
  재료비 (no cap);
- `group`: 「독산 텃밭모임」 of 독산1동, represented by `resident`, with three members;
- `other_group`: 「가산 골목친구들」 of 가산동, represented by `neighbour`, three members;
- `open_call(district)`: a call open around the real clock, for pages;
- `draft`: the group's draft asking 3,000,000원 with a balanced budget and a plan attached;
- `pdf()`, `hwp()`, `hwpx()`, `xlsx()`, `png()`: small files of each kind, as uploads.
"""

import io
import zipfile
from datetime import date, datetime, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from maeul.core.dates import SEOUL
from maeul.grants.models import (
    AttachmentKind,
    ExpenseCategory,
    ExpenseKind,
    GrantCall,
    GroupKind,
    MemberTie,
    Programme,
)
from maeul.grants.services import agreements, applications, groups, review
from tests.plans.conftest import PDF, png_bytes

NOW = datetime(2026, 3, 20, 10, 0, tzinfo=SEOUL)
PHONE = "010-2345-6789"
OTHER_PHONE = "010-3456-7890"


def pdf(name: str = "plan.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def png(name: str = "photo.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, png_bytes(), content_type="image/png")


def hwp(name: str = "plan.hwp") -> SimpleUploadedFile:
    body = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + b"HWP Document File" + b"\x00" * 64
    return SimpleUploadedFile(name, body, content_type="application/x-hwp")


def _zip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for entry, data in entries.items():
            archive.writestr(entry, data)
    return out.getvalue()


def hwpx(name: str = "plan.hwpx") -> SimpleUploadedFile:
    data = _zip({"mimetype": b"application/hwp+zip", "Contents/content.hpf": b"<x/>"})
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def xlsx(name: str = "budget.xlsx") -> SimpleUploadedFile:
    data = _zip({"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"<x/>"})
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def make_call(district, **overrides) -> GrantCall:
    fields = {
        "programme": Programme.NEIGHBOURS,
        "year": 2026,
        "title": "2026 마을공동체 통합공모 이웃만들기",
        "district": district,
        "total_budget": 50_000_000,
        "min_amount": 1_000_000,
        "max_amount": 5_000_000,
        "min_members": 3,
        "required_attachments": [AttachmentKind.PLAN],
        "notice": "이웃과 함께하는 작은 모임을 지원합니다.",
        "announced_on": date(2026, 3, 1),
        "opens_at": NOW - timedelta(days=10),
        "closes_at": NOW + timedelta(days=10),
        "review_on": date(2026, 4, 15),
        "published_at": NOW - timedelta(days=19),
    }
    fields.update(overrides)
    call = GrantCall.objects.create(**fields)
    ExpenseCategory.objects.create(
        call=call, kind=ExpenseKind.OPERATING, name="식비", cap_percent=10, position=0
    )
    ExpenseCategory.objects.create(
        call=call, kind=ExpenseKind.PROJECT, name="행사비", cap_won=1_000_000, position=1
    )
    ExpenseCategory.objects.create(call=call, kind=ExpenseKind.PROJECT, name="재료비", position=2)
    return call


def open_call(district, **overrides) -> GrantCall:
    """A call open around the real clock (pages and the browser use timezone.now())."""
    now = timezone.now()
    fields = {
        "opens_at": now - timedelta(days=3),
        "closes_at": now + timedelta(days=3),
        "announced_on": (now - timedelta(days=10)).date(),
        "review_on": (now + timedelta(days=20)).date(),
        "published_at": now - timedelta(days=10),
    }
    fields.update(overrides)
    return make_call(district, **fields)


def make_group(representative, dong, name, contact=PHONE, kind=GroupKind.RESIDENT_CIRCLE):
    group = groups.register_group(
        name=name, kind=kind, dong=dong, contact=contact, representative=representative, now=NOW
    )
    for member in ("김하나", "이두리", "박세나"):
        groups.add_member(
            group=group,
            name=member,
            tie=MemberTie.RESIDENT,
            consent=True,
            user=representative,
            now=NOW,
        )
    return group


def write_draft(call, group, user, *, title, description, place="", amount=3_000_000, dong=None):
    """A draft with a balanced budget (식비 300,000 + 재료비 the rest) and its plan attached."""
    draft = applications.start_application(
        call=call,
        group=group,
        title=title,
        description=description,
        place=place,
        dong=dong or group.dong,
        amount=amount,
        user=user,
        now=NOW,
    )
    food, materials = call.categories.get(name="식비"), call.categories.get(name="재료비")
    applications.add_budget_line(
        application=draft, category=food, item="간식", amount=300_000, user=user, now=NOW
    )
    applications.add_budget_line(
        application=draft,
        category=materials,
        item="모종과 흙",
        amount=amount - 300_000,
        user=user,
        now=NOW,
    )
    applications.attach_file(
        application=draft, kind=AttachmentKind.PLAN, upload=pdf(), user=user, now=NOW
    )
    return draft


GARDEN_TITLE = "골목 텃밭 가꾸기와 나눔 장터"
GARDEN_TEXT = (
    "독산동 골목의 빈 화단에 상자 텃밭을 만들고 상추와 고추를 함께 키웁니다. "
    "수확한 채소는 경로당과 나누고 가을에 골목 나눔 장터를 엽니다."
)


@pytest.fixture
def now():
    return NOW


@pytest.fixture
def call(geumcheon):
    return make_call(geumcheon)


@pytest.fixture
def group(resident, doksan1):
    return make_group(resident, doksan1, "독산 텃밭모임")


@pytest.fixture
def other_group(neighbour, gasan):
    return make_group(neighbour, gasan, "가산 골목친구들", contact=OTHER_PHONE)


@pytest.fixture
def draft(call, group, resident):
    return write_draft(call, group, resident, title=GARDEN_TITLE, description=GARDEN_TEXT)


# A selected application, its agreement (협약) and payments (교부).
AFTER = NOW + timedelta(days=11)  # the call closes 10 days after NOW
ACCOUNT = "110-234-567890"
DIGITS = "110234567890"
SIGNED = date(2026, 3, 31)


@pytest.fixture
def garden(call, group, resident):
    draft = write_draft(call, group, resident, title="골목 텃밭", description="상자 텃밭")
    applications.submit_application(application=draft, user=resident, now=NOW)
    return draft


@pytest.fixture
def selected(garden, district_staff):
    review.decide(
        application=garden,
        selected=True,
        amount=2_500_000,
        reasons="주민 참여가 활발합니다.",
        staff=district_staff,
        now=AFTER,
        ip=None,
    )
    garden.refresh_from_db()
    return garden


def agree(application, staff, **overrides):
    fields = {
        "amount": 2_500_000,
        "conditions": "사업 종료 후 30일 안에 정산합니다.",
        "signed_at": SIGNED,
        "bank": "농협",
        "account": ACCOUNT,
    }
    fields.update(overrides)
    return agreements.create_agreement(
        application=application, staff=staff, now=AFTER, ip="10.0.0.1", **fields
    )


def pay(application, staff, amount, **overrides):
    fields = {"paid_at": SIGNED, "note": "1차 교부"}
    fields.update(overrides)
    return agreements.record_disbursement(
        application=application, amount=amount, staff=staff, now=AFTER, ip=None, **fields
    )


# The same through the pages, on the real clock: the call closed yesterday.
@pytest.fixture
def selected_now(geumcheon, group, resident, district_staff):
    now = timezone.now()
    call = open_call(
        geumcheon, opens_at=now - timedelta(days=10), closes_at=now - timedelta(days=1)
    )
    draft = write_draft(call, group, resident, title="골목 텃밭", description="상자 텃밭")
    applications.submit_application(application=draft, user=resident, now=now - timedelta(days=2))
    review.decide(
        application=draft,
        selected=True,
        amount=2_500_000,
        reasons="좋습니다.",
        staff=district_staff,
        now=now,
        ip=None,
    )
    return draft
