"""Personal data around grants: the group's contact number is stored only encrypted with a
keyed hash, pages show it masked, and neither it nor the representative's account appears
in logs, the API or the staff pages' plain text."""

import logging

import pytest
from django.db import connection

from maeul.grants.services import applications
from tests.grants.conftest import NOW, PHONE, write_draft

pytestmark = pytest.mark.django_db
DIGITS = PHONE.replace("-", "")


def _grant_tables_text() -> str:
    dump = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            if table.startswith("grants_"):
                cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 -- our own table names
                dump.extend(str(row) for row in cursor.fetchall())
    return "\n".join(dump)


def test_no_plain_phone_in_the_database_logs_api_or_pages(
    caplog, client, call, group, resident, district_staff
):
    caplog.set_level(logging.DEBUG)
    draft = write_draft(call, group, resident, title="골목 텃밭", description="화단을 가꿉니다.")
    applications.submit_application(application=draft, user=resident, now=NOW)

    stored = _grant_tables_text()
    assert PHONE not in stored and DIGITS not in stored

    client.force_login(district_staff)
    staff_page = client.get(f"/staff/grants/applications/{draft.pk}/").content.decode()
    api = client.get(f"/api/grant-calls/{call.pk}").content.decode()
    client.force_login(resident)
    own_page = client.get(f"/grants/groups/{group.pk}/").content.decode()
    assert "010-****-6789" in own_page
    for text in (staff_page, api, own_page, caplog.text):
        assert PHONE not in text and DIGITS not in text
    for text in (api, caplog.text):
        assert resident.email not in text


def test_the_personal_data_export_holds_the_representatives_groups_only(
    group, other_group, resident, draft
):
    from django.utils import translation

    from maeul.privacy.export import personal_data

    with translation.override("ko"):
        data = personal_data(user=resident, now=NOW)
    [mine] = data["단체 대표 공모사업 정보"]
    assert mine["단체명"] == "독산 텃밭모임"
    assert mine["연락처"] == "01023456789"  # their own group's number, given back to them
    assert [member["이름"] for member in mine["회원"]] == ["김하나", "이두리", "박세나"]
    assert [application["사업명"] for application in mine["신청서"]] == [draft.title]
    assert "가산 골목친구들" not in str(data)
