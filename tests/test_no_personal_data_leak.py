"""No 주민등록번호 and no plain phone number anywhere (reliability.md tests 24 and 25).

The demo data is loaded and personal data goes in through the real paths: phone
verification, a paper ballot given with a phone number, a postal upload, a council
application, a staff look-up. Then every text column of every table, a dump of the whole
database and everything logged or printed are searched for a resident registration number
and for a plain Korean mobile number. Masked numbers (010-****-3957) are what may appear.
"""

import contextlib
import io
import logging
import re
from collections.abc import Iterator
from datetime import date, timedelta

import openpyxl
import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection, models, transaction
from django.test import Client, override_settings
from django.utils import timezone

from maeul.accounts.models import Role, TieKind, User
from maeul.accounts.verification.phone_code import confirm_phone_code, send_phone_code
from maeul.councils.models import Recruitment
from maeul.councils.services import recruitment as recruiting
from maeul.councils.services.members import ensure_council
from maeul.places.models import Dong
from maeul.voting.identity import create_vote_key
from maeul.voting.models import BallotType, Channel, PaperBatch, Vote, VoteStatus
from maeul.voting.tabular import POSTAL_COLUMNS
from tests.factories import DongTieFactory, RoleAssignmentFactory, UserFactory

# Token boundaries on letters too, so that a run of digits inside a hex digest or a
# base64 token (hashes, encrypted phone numbers) is not mistaken for a number.
_EDGE_BEFORE, _EDGE_AFTER = r"(?<![0-9A-Za-z])", r"(?![0-9A-Za-z])"
_SEP = r"\s*[-\u2010-\u2015\u2212\uff0d.·_/]?\s*"
RESIDENT_NUMBER = re.compile(
    _EDGE_BEFORE
    + r"\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"
    + _SEP
    + r"[1-8]\d{6}"
    + _EDGE_AFTER
)
MOBILE_NUMBER = re.compile(
    _EDGE_BEFORE + r"01[016789]" + _SEP + r"\d{3,4}" + _SEP + r"\d{4}" + _EDGE_AFTER
)

VERIFIED_PHONE = "010-4821-3957"
BALLOT_BOX_PHONE = "010 7311 2468"
POSTAL_PHONE = "01055519876"
TYPED = [VERIFIED_PHONE, BALLOT_BOX_PHONE, POSTAL_PHONE]


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


@contextlib.contextmanager
def _everything_logged() -> Iterator[_Collect]:
    handler = _Collect()
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        yield handler
    finally:
        root.removeHandler(handler)
        root.setLevel(level)


def _postal_upload() -> io.BytesIO:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([*POSTAL_COLUMNS, "선택"])
    sheet.append(["우편투표자", "1958-07-21", "독산1동", POSTAL_PHONE, "1"])
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    out.name = "postal.xlsx"
    return out


def _through_the_real_paths(stdout: io.StringIO) -> None:
    now = timezone.now()
    doksan1 = Dong.objects.get(name="독산1동", district__name="금천구")
    staff = UserFactory(email="leak-staff@example.kr", display_name="독산1동 담당")
    RoleAssignmentFactory(user=staff, role=Role.DONG_STAFF, dong=doksan1)
    person = UserFactory(email="leak-person@example.kr", display_name="새 주민")
    DongTieFactory(user=person, dong=doksan1, kind=TieKind.LIVES)

    # Phone verification, with the development gateway that prints the message.
    send_phone_code(
        user=person,
        raw_phone=VERIFIED_PHONE,
        name="가상인물",
        birth_date=date(1984, 6, 2),
        ip="203.0.113.4",
        now=now,
    )
    code = re.findall(r"(?<!\d)(\d{6})(?!\d)", stdout.getvalue())[-1]
    confirm_phone_code(user=person, code=code, now=now)

    # A council application.
    council = ensure_council(dong=doksan1)
    term = council.terms.order_by("-number").first()
    if term is not None and not Recruitment.objects.filter(term=term).exists():
        call = Recruitment.objects.create(
            term=term, seats=3, opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=3)
        )
        recruiting.apply(
            recruitment=call,
            user=person,
            public_name="새 주민",
            motivation="골목 청소를 함께 하고 싶습니다.",
            now=now,
        )

    # A paper ballot given with a phone number, and a postal upload, through the staff pages.
    vote = Vote.objects.create(
        district=doksan1.district,
        title="개인정보 점검 투표",
        ballot_type=BallotType.APPROVAL,
        max_choices=1,
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=6),
        online=True,
        on_site=True,
        postal=True,
        status=VoteStatus.PUBLISHED,
        created_at=now - timedelta(days=2),
    )
    create_vote_key(vote)
    option = vote.options.create(number=1, title="골목 화단", cost=1000)
    batch = PaperBatch.objects.create(
        vote=vote,
        dong=doksan1,
        channel=Channel.ON_SITE,
        label="투표함 1",
        created_by=staff,
        created_at=now,
    )
    client = Client()
    client.force_login(staff)
    entered = client.post(
        f"/staff/votes/batches/{batch.pk}/",
        {
            "name": "홍길동",
            "birth_date": "1960-03-15",
            "dong": doksan1.pk,
            "phone": BALLOT_BOX_PHONE,
            "tie": "lives",
            "option": [option.pk],
        },
    )
    assert entered.status_code == 302, entered.content.decode()[:500]
    uploaded = client.post(
        f"/staff/votes/{vote.pk}/postal/", {"dong": doksan1.pk, "file": _postal_upload()}
    )
    assert uploaded.status_code == 302, uploaded.content.decode()[:500]

    # A staff look-up of the person.
    found = client.post("/staff/verify/", {"email": person.email})
    assert found.status_code == 302
    client.get(found["Location"])


@pytest.fixture(scope="module")
def leak_check(django_db_setup, django_db_blocker):
    """Load the demo and the personal data once; everything is rolled back afterwards."""
    stdout = io.StringIO()
    with (
        django_db_blocker.unblock(),
        transaction.atomic(),
        override_settings(
            MAEUL_SMS_BACKEND="maeul.accounts.verification.sms.ConsoleSMSBackend",
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        ),
        _everything_logged() as logged,
        contextlib.redirect_stdout(stdout),
    ):
        call_command("load_demo", verbosity=1)
        _through_the_real_paths(stdout)
        yield {
            "columns": list(_text_columns()),
            "dump": _database_dump(),
            "output": logged.lines + stdout.getvalue().splitlines(),
        }
        transaction.set_rollback(True)


def _text_columns() -> Iterator[tuple[str, str]]:
    """(where, text) for every text, character and JSON value of every model."""
    for model in apps.get_models():
        fields = [
            field.name
            for field in model._meta.concrete_fields
            if isinstance(field, models.CharField | models.TextField | models.JSONField)
        ]
        if not fields:
            continue
        for row in model._base_manager.values_list(*fields):
            for name, value in zip(fields, row, strict=True):
                if value not in (None, ""):
                    yield f"{model._meta.label}.{name}", str(value)


def _database_dump() -> list[str]:
    """The whole database as text: SQLite's own dump, or every row of every PostgreSQL table."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        return list(connection.connection.iterdump())
    lines = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT CAST(t AS text) FROM {quoted} AS t")  # noqa: S608
            lines.extend(f"{table}: {row[0]}" for row in cursor.fetchall())
    return lines


def _findings(pattern: re.Pattern[str], items: list[tuple[str, str]]) -> list[str]:
    return [
        f"{where}: {match.group(0)!r}" for where, text in items for match in pattern.finditer(text)
    ]


@pytest.mark.django_db
def test_the_personal_data_really_went_in(leak_check):
    verified = User.objects.filter(email="leak-person@example.kr", verified_at__isnull=False)
    assert verified.exists()
    assert any("010-****-3957" in line for line in leak_check["output"])


@pytest.mark.django_db
@pytest.mark.parametrize("pattern", [RESIDENT_NUMBER, MOBILE_NUMBER], ids=["RRN", "phone"])
def test_no_text_column_holds_one(leak_check, pattern):
    assert _findings(pattern, leak_check["columns"]) == []


@pytest.mark.django_db
@pytest.mark.parametrize("pattern", [RESIDENT_NUMBER, MOBILE_NUMBER], ids=["RRN", "phone"])
def test_the_database_dump_holds_none(leak_check, pattern):
    dump = [("dump", line) for line in leak_check["dump"]]

    assert len(dump) > 100
    assert _findings(pattern, dump) == []


@pytest.mark.django_db
@pytest.mark.parametrize("pattern", [RESIDENT_NUMBER, MOBILE_NUMBER], ids=["RRN", "phone"])
def test_nothing_logged_or_printed_holds_one(leak_check, pattern):
    assert _findings(pattern, [("output", line) for line in leak_check["output"]]) == []


@pytest.mark.django_db
def test_the_digits_typed_appear_nowhere(leak_check):
    digits = {re.sub(r"\D", "", phone) for phone in TYPED}
    everything = [text for _where, text in leak_check["columns"]]
    everything += leak_check["dump"] + leak_check["output"]

    assert [d for d in digits if any(d in re.sub(r"[\s-]", "", t) for t in everything)] == []


def test_the_patterns_find_what_they_look_for():
    assert MOBILE_NUMBER.search("전화 010-4821-3957 주세요")
    assert MOBILE_NUMBER.search("01048213957")
    assert not MOBILE_NUMBER.search("010-****-3957")
    assert not MOBILE_NUMBER.search("a01048213957f")
    assert RESIDENT_NUMBER.search("900101-1234567")
    assert RESIDENT_NUMBER.search("번호 900101 1234567")
    assert not RESIDENT_NUMBER.search("ab9001011234567cd")
