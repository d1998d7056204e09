"""The back office of the newer apps: each list and add page renders for a site
administrator, rows only services write cannot be added there, and a row added there is
stamped and audited."""

import pytest
from django.contrib import admin
from django.urls import reverse

from maeul.core.models import AuditEntry
from maeul.courses.models import Course
from tests.courses.conftest import make_programme

pytestmark = pytest.mark.django_db

NEW_APPS = ("courses", "volunteering", "archive")


def _registered(app: str) -> list[type]:
    return [model for model in admin.site._registry if model._meta.app_label == app]


@pytest.mark.parametrize("app", NEW_APPS)
def test_each_list_and_add_page_renders(client, site_admin, app):
    client.force_login(site_admin)
    models = _registered(app)
    assert models, f"{app} has no back office"
    for model in models:
        meta = model._meta
        changelist = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        assert client.get(changelist).status_code == 200, changelist
        add = client.get(reverse(f"admin:{meta.app_label}_{meta.model_name}_add"))
        assert add.status_code in (200, 403), meta.label  # 403: rows only services write


def test_a_course_added_in_the_back_office_takes_its_programmes_district(
    client, site_admin, geumcheon, doksan1
):
    programme = make_programme(geumcheon)
    client.force_login(site_admin)
    answer = client.post(
        reverse("admin:courses_course_add"),
        {
            "programme": programme.pk,
            "dong": doksan1.pk,
            "kind": "village_education",
            "title": "마을 기록 입문",
            "audience": Course._meta.get_field("audience").choices[0][0],
            "capacity": 20,
            "waiting_list_size": 5,
            "min_attendance_percent": 80,
            "survey_at": Course._meta.get_field("survey_at").choices[0][0],
            "sessions-TOTAL_FORMS": 0,
            "sessions-INITIAL_FORMS": 0,
        },
    )
    assert answer.status_code == 302, answer.content.decode()[:2000]
    course = Course.objects.get(title="마을 기록 입문")
    assert course.district_id == geumcheon.pk
    assert course.created_by == site_admin and course.created_at is not None
    assert AuditEntry.objects.filter(action="admin.add.courses.course").exists()


def test_rows_only_services_write_cannot_be_added_or_changed(client, site_admin):
    client.force_login(site_admin)
    for name in ("courses_attendance", "volunteering_hoursrecord", "archive_archiverecord"):
        assert client.get(reverse(f"admin:{name}_add")).status_code == 403
