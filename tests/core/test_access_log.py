"""The personal-data access log (reliability.md test 28): written once, never changed.

Who may read it (site admins, in the back office), what it refuses to hold (e-mail addresses,
phone and resident registration numbers), and that neither the ORM, raw SQL on the backend
under test, nor the back office can change or delete a row. The views that write rows are
tested with their pages (tests/accounts/test_staff_lookup_scope.py,
tests/councils/test_roster_export.py, tests/voting/test_paper_access_log.py).
"""

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from maeul.core.access_log import record_access
from maeul.core.models import AccessAction, PersonalDataAccess
from tests.korean import assert_shows


def _row(staff, subject=None, **changes) -> PersonalDataAccess:
    fields = {
        "staff": staff,
        "subject": subject,
        "action": AccessAction.VIEW,
        "what": "/staff/verify/1/",
        "reason": "주민센터 본인 확인",
        "ip": "203.0.113.9",
        "now": timezone.now(),
    }
    fields.update(changes)
    return record_access(**fields)


def test_a_row_names_who_when_where_whose_what_and_why(dong_staff, resident):
    now = timezone.now()

    row = _row(dong_staff, resident, now=now)

    stored = PersonalDataAccess.objects.get()
    assert stored == row
    assert (stored.staff, stored.subject, stored.at, stored.ip_address) == (
        dong_staff,
        resident,
        now,
        "203.0.113.9",
    )
    assert (stored.action, stored.what, stored.reason) == (
        "view",
        "/staff/verify/1/",
        "주민센터 본인 확인",
    )
    assert stored.subject_description == ""


def test_a_subject_without_an_account_is_a_description(dong_staff):
    row = _row(dong_staff, "paper voter, batch 7", action=AccessAction.ENTRY)

    assert row.subject is None
    assert row.subject_description == "paper voter, batch 7"


@pytest.mark.parametrize(
    "field, value",
    [
        ("subject", "voter hong@example.kr"),
        ("subject", "voter 010-4821-3957"),
        ("subject", "voter 900101-1234567"),
        ("what", "/staff/verify/?email=hong@example.kr"),
        ("reason", "01048213957 문의"),
        ("reason", "   "),
    ],
)
def test_a_row_never_holds_identifying_text_or_lacks_a_reason(dong_staff, field, value):
    fields = {"subject": None, field: value}
    with pytest.raises(ValueError):
        _row(dong_staff, **fields)

    assert not PersonalDataAccess.objects.exists()


def test_the_model_refuses_to_change_or_delete_a_row(dong_staff, resident):
    row = _row(dong_staff, resident)

    row.reason = "고쳐 쓰기"
    with pytest.raises(PermissionError):
        row.save()
    with pytest.raises(PermissionError):
        row.delete()
    with pytest.raises(PermissionError):
        PersonalDataAccess.objects.filter(pk=row.pk).update(reason="고쳐 쓰기")
    with pytest.raises(PermissionError):
        PersonalDataAccess.objects.all().delete()

    assert PersonalDataAccess.objects.get().reason == "주민센터 본인 확인"


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE core_personaldataaccess SET reason = 'changed'",
        "UPDATE core_personaldataaccess SET subject_id = NULL",
        "DELETE FROM core_personaldataaccess",
    ],
)
def test_the_database_refuses_raw_update_and_delete(dong_staff, resident, statement):
    _row(dong_staff, resident)

    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement)

    row = PersonalDataAccess.objects.get()
    assert (row.reason, row.subject_id) == ("주민센터 본인 확인", resident.pk)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="TRUNCATE is PostgreSQL's")
def test_postgresql_refuses_truncate(dong_staff, resident):
    _row(dong_staff, resident)

    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("TRUNCATE core_personaldataaccess")

    assert PersonalDataAccess.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_flush_empties_the_log_and_puts_the_triggers_back(places):
    from tests.factories import UserFactory

    staff = UserFactory()
    _row(staff, "council 1: members and applicants")

    call_command("flush", interactive=False, verbosity=0)

    assert not PersonalDataAccess.objects.exists()
    staff = UserFactory()
    _row(staff, "council 1: members and applicants")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_personaldataaccess")
    assert PersonalDataAccess.objects.count() == 1
    # The test runner's own flush after this test must succeed as well.


def test_a_site_admin_reads_the_log_in_the_back_office(client, site_admin, dong_staff, resident):
    row = _row(dong_staff, resident)
    client.force_login(site_admin)

    listing = client.get(reverse("admin:core_personaldataaccess_changelist"))
    detail = client.get(reverse("admin:core_personaldataaccess_change", args=[row.pk]))

    assert listing.status_code == 200
    assert "/staff/verify/1/" in listing.content.decode()
    assert f"#{resident.pk}" in listing.content.decode()
    assert detail.status_code == 200
    assert "주민센터 본인 확인" in detail.content.decode()


def test_nobody_adds_changes_or_deletes_rows_in_the_back_office(client, site_admin, dong_staff):
    row = _row(dong_staff, "account list")
    client.force_login(site_admin)

    add = client.get(reverse("admin:core_personaldataaccess_add"))
    change = client.post(
        reverse("admin:core_personaldataaccess_change", args=[row.pk]), {"reason": "x"}
    )
    delete = client.post(
        reverse("admin:core_personaldataaccess_delete", args=[row.pk]), {"post": "yes"}
    )
    bulk = client.post(
        reverse("admin:core_personaldataaccess_changelist"),
        {"action": "delete_selected", "_selected_action": [row.pk], "post": "yes"},
    )

    assert add.status_code == 403
    assert change.status_code == 403
    assert delete.status_code == 403
    assert bulk.status_code in (200, 302)
    assert PersonalDataAccess.objects.get().reason == "주민센터 본인 확인"


@pytest.mark.parametrize("persona", ["dong_staff", "district_staff", "resident"])
def test_staff_and_residents_cannot_read_the_log(request, client, persona):
    client.force_login(request.getfixturevalue(persona))

    response = client.get(reverse("admin:core_personaldataaccess_changelist"))

    assert response.status_code == 302
    assert "login" in response["Location"]


def test_the_back_office_logs_looking_at_a_person(client, site_admin, resident):
    client.force_login(site_admin)

    client.get(reverse("admin:accounts_user_change", args=[resident.pk]))
    client.get(reverse("admin:accounts_user_changelist"), {"q": resident.email})

    viewed, searched = PersonalDataAccess.objects.order_by("id")
    assert (viewed.staff, viewed.subject, viewed.action) == (site_admin, resident, "view")
    assert (searched.subject, searched.action) == (None, "search")
    assert resident.email not in searched.what + searched.subject_description


def test_the_access_log_is_named_in_korean(client, dong_staff):
    client.force_login(dong_staff)

    response = client.get(reverse("accounts:staff_verify"))

    assert_shows(
        response,
        "You find residents tied to the dongs you serve. Someone who has just signed up "
        "adds their dong to their profile first. Each look-up is recorded in the "
        "personal-data access log.",
    )
