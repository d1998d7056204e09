"""What verification records (issue 9): the name and birth date a ballot-box check will see,
kept only as a keyed hash; the birth year is fixed once verified, and staff correct it."""

import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.utils import timezone

from maeul.accounts.models import PhoneCode, User
from maeul.accounts.person import person_hash
from maeul.accounts.services import correct_birth_year, update_profile
from maeul.accounts.verification.in_person import verify_in_person
from maeul.accounts.verification.phone_code import confirm_phone_code, send_phone_code
from maeul.accounts.verification.sms import OutboxSMSBackend
from maeul.core.errors import RuleViolation
from maeul.core.models import AuditEntry
from tests.korean import assert_shows, korean

NAME = "김독산"
BIRTH_DATE = date(1984, 6, 2)
STAFF_VERIFY = "/staff/verify/"


def _verify_by_phone(user, *, name=NAME, birth_date=BIRTH_DATE, now=None):
    now = now or timezone.now()
    send_phone_code(
        user=user, raw_phone="010-4821-3957", name=name, birth_date=birth_date, ip=None, now=now
    )
    code = re.search(r"\d{6}", OutboxSMSBackend.outbox[-1][1]).group()
    confirm_phone_code(user=user, code=code, now=now)
    return User.objects.get(pk=user.pk)


def _text_cells(table: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
        return [str(cell) for row in cursor.fetchall() for cell in row if cell is not None]


# --- Phone verification -------------------------------------------------------------------


def test_phone_verification_records_the_person_and_the_birth_year(unverified_resident):
    now = timezone.now()

    user = _verify_by_phone(unverified_resident, now=now)

    assert user.person_hmac == person_hash(NAME, BIRTH_DATE)
    assert user.has_ballot_identity
    assert user.birth_year == 1984
    assert user.birth_year_changed_at == now  # it was 1980 before


def test_phone_verification_with_the_declared_birth_year_does_not_move_it(unverified_resident):
    unverified_resident.birth_year = 1984
    unverified_resident.save()

    user = _verify_by_phone(unverified_resident)

    assert user.birth_year == 1984
    assert user.birth_year_changed_at is None


def test_the_plain_name_and_birth_date_are_never_stored(unverified_resident):
    _verify_by_phone(unverified_resident)

    cells = _text_cells(User._meta.db_table) + _text_cells(PhoneCode._meta.db_table)
    for plain in (NAME, "1984-06-02", "19840602", "1984-6-2"):
        assert not [cell for cell in cells if plain in cell], plain


@pytest.mark.parametrize(
    ("birth_date", "msgid"),
    [
        (timezone.localdate() + timedelta(days=2), "A birth date cannot be in the future."),
        (date(1899, 12, 31), "Enter a birth date from 1900 onwards."),
    ],
)
def test_an_impossible_birth_date_is_refused_and_nothing_is_sent(
    unverified_resident, birth_date, msgid
):
    with pytest.raises(RuleViolation) as refused:
        send_phone_code(
            user=unverified_resident,
            raw_phone="010-4821-3957",
            name=NAME,
            birth_date=birth_date,
            ip=None,
            now=timezone.now(),
        )

    assert refused.value.message == korean(msgid)
    assert OutboxSMSBackend.outbox == []
    assert not PhoneCode.objects.exists()


def test_a_blank_name_is_refused(unverified_resident):
    with pytest.raises(RuleViolation) as refused:
        send_phone_code(
            user=unverified_resident,
            raw_phone="010-4821-3957",
            name="  ",
            birth_date=BIRTH_DATE,
            ip=None,
            now=timezone.now(),
        )

    assert refused.value.message == korean("Enter the name as on the identity card.")
    assert not PhoneCode.objects.exists()


def test_phone_page_asks_name_and_birth_date_and_refuses_a_future_date(client, unverified_resident):
    client.force_login(unverified_resident)
    page = client.get("/me/verify/").content.decode()
    assert 'name="name"' in page and 'name="birth_date"' in page

    future = (timezone.localdate() + timedelta(days=400)).strftime("%Y%m%d")
    response = client.post(
        "/me/verify/", {"name": NAME, "birth_date": future, "phone": "010-4821-3957"}
    )

    assert response.status_code == 400
    assert_shows(response, "A birth date cannot be in the future.")
    assert not PhoneCode.objects.exists()


def test_phone_page_refuses_an_unreadable_birth_date(client, unverified_resident):
    client.force_login(unverified_resident)

    response = client.post(
        "/me/verify/", {"name": NAME, "birth_date": "1984-13-40", "phone": "010-4821-3957"}
    )

    assert response.status_code == 400
    assert_shows(response, "Enter the birth date as 1990-03-15.")
    assert not PhoneCode.objects.exists()


# --- In person ----------------------------------------------------------------------------


def test_in_person_verification_records_the_identity_card(dong_staff, unverified_resident):
    now = timezone.now()

    verify_in_person(
        staff=dong_staff,
        resident=unverified_resident,
        name="김 독산",
        birth_date=BIRTH_DATE,
        ip=None,
        now=now,
    )

    user = User.objects.get(pk=unverified_resident.pk)
    assert user.person_hmac == person_hash(NAME, BIRTH_DATE)  # spaces do not matter
    assert (user.birth_year, user.birth_year_changed_at) == (1984, now)
    entry = AuditEntry.objects.get(action="accounts.verify_in_person")
    assert entry.changes["person_hmac"] == ["", "recorded"]
    assert entry.changes["birth_year"] == [1980, 1984]
    assert user.person_hmac not in str(entry.changes)


def test_in_person_with_a_future_birth_date_changes_nothing(dong_staff, unverified_resident):
    with pytest.raises(RuleViolation) as refused:
        verify_in_person(
            staff=dong_staff,
            resident=unverified_resident,
            name=NAME,
            birth_date=timezone.localdate() + timedelta(days=1),
            ip=None,
            now=timezone.now(),
        )

    assert refused.value.message == korean("A birth date cannot be in the future.")
    user = User.objects.get(pk=unverified_resident.pk)
    assert not user.is_verified and not user.person_hmac
    assert not AuditEntry.objects.exists()


def test_an_account_verified_without_a_person_on_record_can_be_checked_again(dong_staff, resident):
    User.objects.filter(pk=resident.pk).update(person_hmac="")
    resident.refresh_from_db()
    assert not resident.has_ballot_identity

    verify_in_person(
        staff=dong_staff,
        resident=resident,
        name=NAME,
        birth_date=BIRTH_DATE,
        ip=None,
        now=timezone.now(),
    )

    assert User.objects.get(pk=resident.pk).has_ballot_identity


def test_staff_page_needs_the_name_and_birth_date(client, dong_staff, unverified_resident):
    client.force_login(dong_staff)

    response = client.post(f"{STAFF_VERIFY}{unverified_resident.pk}/", {"confirm": "1"})

    assert response.status_code == 400
    assert_shows(response, "Type the name and birth date from the identity card.")
    assert not User.objects.get(pk=unverified_resident.pk).is_verified


# --- The birth year, fixed once verified ----------------------------------------------------


def test_a_verified_account_cannot_change_its_birth_year(resident):
    before = resident.birth_year

    with pytest.raises(RuleViolation) as refused:
        update_profile(user=resident, display_name="새 이름", birth_year=1950, now=timezone.now())

    assert refused.value.code == "birth_year_fixed"
    assert refused.value.message == korean(
        "Your birth year was checked when your account was verified, so you cannot change it "
        "here. If it is wrong, staff at your dong office can correct it."
    )
    user = User.objects.get(pk=resident.pk)
    assert (user.display_name, user.birth_year, user.birth_year_changed_at) == (
        "독산 주민",
        before,
        None,
    )


def test_a_verified_account_still_changes_its_display_name(resident):
    update_profile(
        user=resident, display_name="새 이름", birth_year=resident.birth_year, now=timezone.now()
    )

    user = User.objects.get(pk=resident.pk)
    assert (user.display_name, user.birth_year_changed_at) == ("새 이름", None)


def test_profile_page_keeps_a_verified_birth_year_whatever_is_posted(client, resident):
    client.force_login(resident)

    response = client.post("/me/", {"display_name": "새 이름", "birth_year": "1950"})

    assert response.status_code == 302
    user = User.objects.get(pk=resident.pk)
    assert (user.display_name, user.birth_year) == ("새 이름", 1980)
    assert_shows(
        client.get("/me/"),
        "Checked when your account was verified. If it is wrong, staff at your dong office "
        "can correct it.",
    )


def test_staff_correct_a_birth_year_with_a_reason(dong_staff, resident):
    now = timezone.now()

    correct_birth_year(
        staff=dong_staff,
        resident=resident,
        birth_year=1979,
        reason="신분증 확인 결과 오기",
        now=now,
        ip="203.0.113.5",
    )

    user = User.objects.get(pk=resident.pk)
    assert (user.birth_year, user.birth_year_changed_at) == (1979, now)
    entry = AuditEntry.objects.get(action="accounts.correct_birth_year")
    assert entry.actor == dong_staff
    assert entry.changes == {"birth_year": [1980, 1979], "reason": [None, "신분증 확인 결과 오기"]}


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_correction_needs_a_reason(dong_staff, resident, reason):
    with pytest.raises(RuleViolation) as refused:
        correct_birth_year(
            staff=dong_staff,
            resident=resident,
            birth_year=1979,
            reason=reason,
            now=timezone.now(),
            ip=None,
        )

    assert refused.value.message == korean("Give the reason for the correction.")
    assert User.objects.get(pk=resident.pk).birth_year == 1980
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize("persona", ["other_dong_staff", "other_district_staff", "neighbour"])
def test_a_correction_outside_ones_dongs_is_refused(request, resident, persona):
    with pytest.raises(RuleViolation) as refused:
        correct_birth_year(
            staff=request.getfixturevalue(persona),
            resident=resident,
            birth_year=1979,
            reason="신분증 확인",
            now=timezone.now(),
            ip=None,
        )

    assert refused.value.code == "forbidden"
    assert User.objects.get(pk=resident.pk).birth_year == 1980


# --- The staff desk ------------------------------------------------------------------------


def test_desk_shows_each_tie_confirmed_or_not_with_a_button(client, dong_staff, resident, gasan):
    from tests.factories import DongTieFactory

    DongTieFactory(user=resident, dong=gasan, kind="works")
    client.force_login(dong_staff)

    page = client.get(f"{STAFF_VERIFY}{resident.pk}/")

    tie = resident.dong_ties.get(kind="lives")
    other = resident.dong_ties.get(kind="works")
    body = page.content.decode()
    assert "미확인" in body
    assert f"/staff/verify/{resident.pk}/ties/{tie.pk}/confirm/" in body
    assert f"/staff/verify/{resident.pk}/ties/{other.pk}/confirm/" not in body  # not their dong
    assert f"/staff/verify/{resident.pk}/birth-year/" in body


def test_desk_confirms_a_tie_and_shows_it_confirmed(client, dong_staff, resident):
    client.force_login(dong_staff)
    tie = resident.dong_ties.get()
    desk = f"{STAFF_VERIFY}{resident.pk}/"

    response = client.post(f"/staff/verify/{resident.pk}/ties/{tie.pk}/confirm/")

    assert response.status_code == 302
    assert response["Location"] == desk
    tie.refresh_from_db()
    assert tie.confirmed_by == dong_staff
    page = client.get(desk)
    assert_shows(page, "The tie to %(dong)s was confirmed.", dong="독산1동")
    assert "확인됨" in page.content.decode()


def test_desk_returns_to_the_residents_page_whatever_is_posted(client, dong_staff, resident):
    client.force_login(dong_staff)
    tie = resident.dong_ties.get()

    response = client.post(
        f"/staff/verify/{resident.pk}/ties/{tie.pk}/confirm/",
        {"next": "https://evil.example/staff/verify/"},
    )

    assert response["Location"] == f"{STAFF_VERIFY}{resident.pk}/"


# Staff outside the resident's dongs do not learn that the account exists (404, as the
# look-up); a resident is refused the staff page itself (403).
@pytest.mark.parametrize(
    ("persona", "status"),
    [("other_dong_staff", 404), ("other_district_staff", 404), ("resident", 403)],
)
def test_confirming_outside_ones_scope_is_refused(
    request, client, unverified_resident, persona, status
):
    client.force_login(request.getfixturevalue(persona))
    tie = unverified_resident.dong_ties.get()

    response = client.post(f"/staff/verify/{unverified_resident.pk}/ties/{tie.pk}/confirm/")

    assert response.status_code == status
    tie.refresh_from_db()
    assert not tie.is_confirmed


def test_a_tie_under_another_persons_address_is_not_found(client, dong_staff, resident, neighbour):
    client.force_login(dong_staff)
    tie = resident.dong_ties.get()

    response = client.post(f"/staff/verify/{neighbour.pk}/ties/{tie.pk}/confirm/")

    assert response.status_code == 404


def test_confirm_by_get_is_not_allowed(client, dong_staff, resident):
    client.force_login(dong_staff)
    tie = resident.dong_ties.get()

    assert client.get(f"/staff/verify/{resident.pk}/ties/{tie.pk}/confirm/").status_code == 405


def test_birth_year_page_corrects_with_a_reason(client, dong_staff, resident):
    client.force_login(dong_staff)
    url = f"/staff/verify/{resident.pk}/birth-year/"

    assert client.get(url).status_code == 200
    refused = client.post(url, {"birth_year": "1979", "reason": ""})
    done = client.post(url, {"birth_year": "1979", "reason": "신분증 확인 결과 오기"})

    assert refused.status_code == 400
    assert done.status_code == 302
    assert User.objects.get(pk=resident.pk).birth_year == 1979
    assert AuditEntry.objects.filter(action="accounts.correct_birth_year").count() == 1
    assert_shows(client.get(done["Location"]), "The birth year was corrected.")


@pytest.mark.parametrize(
    ("persona", "whose", "status"),
    [("other_dong_staff", "resident", 404), ("resident", "neighbour", 403)],
)
def test_birth_year_page_is_refused_outside_ones_scope(request, client, persona, whose, status):
    client.force_login(request.getfixturevalue(persona))
    target = request.getfixturevalue(whose)
    url = f"/staff/verify/{target.pk}/birth-year/"

    assert client.get(url).status_code == status
    assert client.post(url, {"birth_year": "1979", "reason": "x"}).status_code == status
    assert User.objects.get(pk=target.pk).birth_year == 1980
    assert not AuditEntry.objects.exists()
