"""The audit log: `record`, `diff`, `snapshot`, and its read-only back-office page."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType

from maeul.accounts.models import User
from maeul.core import audit
from maeul.core.models import AuditEntry

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
LIST_URL = "/admin/core/auditentry/"


def test_snapshot_gives_plain_values(resident):
    resident.birth_year = 1975
    values = audit.snapshot(resident, ["display_name", "birth_year", "verified_at", "verified_by"])

    assert values == {
        "display_name": "독산 주민",
        "birth_year": 1975,
        "verified_at": resident.verified_at.isoformat(),
        "verified_by": None,
    }


def test_snapshot_turns_objects_into_keys(dong_staff, unverified_resident):
    unverified_resident.verified_by = dong_staff

    assert audit.snapshot(unverified_resident, ["verified_by"]) == {"verified_by": dong_staff.pk}


def test_diff_lists_only_changed_fields():
    before = {"name": "가산동", "phone": "02-1", "address": "가산로"}
    after = {"name": "가산동", "phone": "02-2", "office": "주민센터"}

    assert audit.diff(before, after) == {
        "address": ["가산로", None],
        "office": [None, "주민센터"],
        "phone": ["02-1", "02-2"],
    }
    assert audit.diff(before, dict(before)) == {}


def test_record_created_lists_the_fields_that_have_a_value(dong_staff, unverified_resident):
    entry = audit.record_created(
        unverified_resident,
        ["display_name", "verified_by"],
        actor=dong_staff,
        action="accounts.create",
        ip=None,
        now=NOW,
    )

    entry.refresh_from_db()
    assert entry.target_id == str(unverified_resident.pk)
    assert entry.changes == {"display_name": [None, "새 주민"]}


def test_changing_records_what_the_block_changed(dong_staff, unverified_resident):
    born = unverified_resident.birth_year
    with audit.changing(
        unverified_resident,
        ["display_name", "birth_year"],
        actor=dong_staff,
        action="accounts.correct",
        ip=None,
        now=NOW,
    ) as changes:
        unverified_resident.birth_year = 1961
        changes["note"] = [None, "by phone"]

    entry = AuditEntry.objects.get(action="accounts.correct")
    assert entry.target_id == str(unverified_resident.pk)
    assert entry.changes == {
        "birth_year": [born, 1961],
        "note": [None, "by phone"],
    }


def test_changing_records_nothing_when_the_block_raises(dong_staff, unverified_resident):
    with (
        pytest.raises(ValueError),
        audit.changing(
            unverified_resident, ["birth_year"], actor=dong_staff, action="x", ip=None, now=NOW
        ),
    ):
        unverified_resident.birth_year = 1961
        raise ValueError

    assert not AuditEntry.objects.filter(action="x").exists()


def test_save_changed_saves_the_values_and_records_the_audited_ones(
    dong_staff, unverified_resident
):
    born = unverified_resident.birth_year
    audit.save_changed(
        unverified_resident,
        {"birth_year": 1961, "display_name": "가산 주민"},
        audited=["birth_year"],
        actor=dong_staff,
        action="accounts.correct",
        ip=None,
        now=NOW,
    )

    unverified_resident.refresh_from_db()
    assert (unverified_resident.birth_year, unverified_resident.display_name) == (1961, "가산 주민")
    entry = AuditEntry.objects.get(action="accounts.correct")
    assert entry.changes == {"birth_year": [born, 1961]}


def test_record_writes_who_what_when_and_where(dong_staff, unverified_resident):
    entry = audit.record(
        actor=dong_staff,
        action="accounts.verify_in_person",
        target=unverified_resident,
        changes={"verified_at": [None, NOW], "amount": [Decimal("1.50"), date(2026, 3, 2)]},
        ip="203.0.113.7",
        now=NOW,
    )

    entry = AuditEntry.objects.get(pk=entry.pk)
    assert entry.actor == dong_staff
    assert entry.action == "accounts.verify_in_person"
    assert entry.target_type == ContentType.objects.get_for_model(User)
    assert entry.target_id == str(unverified_resident.pk)
    assert entry.target_repr == "새 주민"
    assert entry.changes == {
        "verified_at": [None, NOW.isoformat()],
        "amount": ["1.50", "2026-03-02"],
    }
    assert entry.ip_address == "203.0.113.7"
    assert entry.created_at == NOW


def test_record_without_actor_or_target(db):
    entry = audit.record(actor=AnonymousUser(), action="system.job", target=None, ip=None, now=NOW)

    entry.refresh_from_db()
    assert entry.actor is None
    assert entry.target_type is None
    assert entry.target_id == ""
    assert entry.target_repr == ""
    assert entry.changes == {}
    assert entry.ip_address is None


@pytest.fixture
def entry(dong_staff, unverified_resident) -> AuditEntry:
    return audit.record(
        actor=dong_staff,
        action="accounts.verify_in_person",
        target=unverified_resident,
        changes={"verification_method": ["", "in_person"]},
        ip="127.0.0.1",
        now=NOW,
    )


def test_site_admin_sees_the_audit_log(client, site_admin, entry):
    client.force_login(site_admin)

    response = client.get(LIST_URL)

    assert response.status_code == 200
    assert "accounts.verify_in_person" in response.content.decode()
    assert f"{LIST_URL}add/" not in response.content.decode()


@pytest.mark.parametrize(
    "persona",
    ["resident", "dong_staff", "district_staff", "support_centre_staff", "committee_member"],
)
def test_others_cannot_open_the_audit_log(request, client, persona, entry):
    client.force_login(request.getfixturevalue(persona))

    for url in (LIST_URL, f"{LIST_URL}{entry.pk}/change/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")


def test_anonymous_cannot_open_the_audit_log(client, entry):
    response = client.get(LIST_URL)

    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_audit_log_cannot_be_added_to(client, site_admin, entry):
    client.force_login(site_admin)

    assert client.get(f"{LIST_URL}add/").status_code == 403
    response = client.post(f"{LIST_URL}add/", {"action": "forged", "created_at_0": "2026-01-01"})

    assert response.status_code == 403
    assert AuditEntry.objects.count() == 1


def test_audit_entry_cannot_be_changed(client, site_admin, entry):
    client.force_login(site_admin)
    url = f"{LIST_URL}{entry.pk}/change/"

    page = client.get(url)
    response = client.post(url, {"action": "forged", "target_repr": "forged"})

    assert page.status_code == 200  # view only
    assert 'name="action"' not in page.content.decode()
    assert response.status_code == 403
    entry.refresh_from_db()
    assert entry.action == "accounts.verify_in_person"


def test_audit_entry_cannot_be_deleted(client, site_admin, entry):
    client.force_login(site_admin)
    url = f"{LIST_URL}{entry.pk}/delete/"

    assert client.get(url).status_code == 403
    assert client.post(url, {"post": "yes"}).status_code == 403
    bulk = client.post(LIST_URL, {"action": "delete_selected", "_selected_action": [entry.pk]})

    assert bulk.status_code in {200, 302}
    assert AuditEntry.objects.filter(pk=entry.pk).exists()
