"""Each course page once through the client: public pages render with their figures; a
resident registers, cancels and rates; staff add a session, take attendance (a second
recording changes nothing), record completion; staff elsewhere get 404."""

import io
from datetime import timedelta

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from maeul.courses.models import Attendance, Registration, SatisfactionAnswer, Session
from tests.courses.conftest import add_sessions

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_course(make_course):
    now = timezone.now()
    course = make_course(
        registration_opens_at=now - timedelta(days=1),
        registration_closes_at=now + timedelta(days=10),
    )
    add_sessions(course, 2, now + timedelta(days=12))
    return course


@pytest.fixture
def running(make_course, resident, neighbour):
    """A course of 독산1동 whose two sessions have been held; `resident` and `neighbour`
    hold its places."""
    now = timezone.now()
    course = make_course(
        title="금천 마을기록가 학교",
        registration_opens_at=now - timedelta(days=40),
        registration_closes_at=now - timedelta(days=20),
    )
    add_sessions(course, 2, now - timedelta(days=14))
    for person in (resident, neighbour):
        Registration.objects.create(
            course=course, user=person, status="registered", created_at=now - timedelta(days=30)
        )
    return course


def test_public_pages_render_with_filters(client, open_course, programme):
    listing = client.get(reverse("courses:list"), {"programme": programme.pk, "year": "2026"})
    page = listing.content.decode()
    assert listing.status_code == 200
    assert "금천마을지기학교" in page and "목표 대비 실적" in page
    assert client.get(reverse("courses:list"), {"dong": "x", "kind": "nope"}).status_code == 200
    detail = client.get(reverse("courses:course", args=[open_course.pk])).content.decode()
    assert "로그인하고 신청하기" in detail


def test_the_list_page_has_a_fixed_number_of_queries(
    client, make_course, django_assert_max_num_queries
):
    for n in range(15):
        add_sessions(make_course(title=f"과정 {n}"), 2, timezone.now())
    with django_assert_max_num_queries(14):
        client.get(reverse("courses:list"))


def test_a_resident_registers_then_cancels(client, open_course, resident):
    client.force_login(resident)
    answer = client.post(reverse("courses:register", args=[open_course.pk]), follow=True)
    assert "교육 신청이 완료되었습니다" in answer.content.decode()
    registration = Registration.objects.get(user=resident)

    mine = client.get(reverse("courses:mine")).content.decode()
    assert "금천마을지기학교" in mine
    client.post(reverse("courses:cancel", args=[registration.pk]))
    registration.refresh_from_db()
    assert registration.status == "cancelled"


def test_a_missing_prerequisite_shows_before_and_on_registering(
    client, open_course, school, resident
):
    open_course.prerequisites.add(school)
    client.force_login(resident)
    page = client.get(reverse("courses:course", args=[open_course.pk])).content.decode()
    assert "「독산1동 주민자치학교」 과정을 수료해야 합니다" in page
    answer = client.post(reverse("courses:register", args=[open_course.pk]), follow=True)
    assert "독산1동 주민자치학교" in answer.content.decode()
    assert not Registration.objects.exists()


def test_staff_take_attendance_once(client, running, resident, dong_staff):
    session = running.sessions.first()
    client.force_login(dong_staff)
    desk = client.get(reverse("courses:staff_desk", args=[running.pk]))
    assert desk.status_code == 200
    url = reverse("courses:staff_attendance", args=[session.pk])
    data = {f"s{session.pk}-present": [str(resident.pk)]}
    assert client.post(url, data).status_code == 302
    again = client.post(url, data)
    assert again.status_code == 400
    assert "이미 기록된" in again.content.decode()
    assert Attendance.objects.filter(session=session).count() == 1


def test_staff_add_a_session_and_bad_hours_are_refused(client, running, dong_staff):
    client.force_login(dong_staff)
    url = reverse("courses:staff_add_session", args=[running.pk])
    data = {
        "topic": "기록 나누기",
        "starts_at": "2026-12-20T10:00",
        "ends_at": "2026-12-20T12:30",
        "hours": "2.5",
    }
    assert client.post(url, data).status_code == 302
    assert running.sessions.count() == 3
    bad = client.post(url, {**data, "hours": "2.3"})
    assert bad.status_code == 400
    assert "30분 단위" in bad.content.decode()
    assert running.sessions.count() == 3


def test_the_resident_rates_the_last_session_once(client, running, resident, neighbour, dong_staff):
    first, last = running.sessions.order_by("number")
    for session in (first, last):
        Attendance.objects.create(session=session, user=resident, recorded_at=timezone.now())
    client.force_login(resident)
    mine = client.get(reverse("courses:mine")).content.decode()
    assert reverse("courses:rate", args=[last.pk]) in mine
    bad = client.post(reverse("courses:rate", args=[last.pk]), {"score": "9"})
    assert bad.status_code == 400
    assert "1에서 5" in bad.content.decode()
    assert client.post(reverse("courses:rate", args=[last.pk]), {"score": "4"}).status_code == 302
    assert SatisfactionAnswer.objects.get().score == 4

    client.force_login(neighbour)
    refused = client.post(reverse("courses:rate", args=[last.pk]), {"score": "5"})
    assert refused.status_code == 403
    assert SatisfactionAnswer.objects.count() == 1

    page = client.get(reverse("courses:course", args=[running.pk])).content.decode()
    assert 'id="figure-satisfaction">4.0<' in page


def test_staff_record_completion(client, running, resident, dong_staff):
    for session in running.sessions.all():
        Attendance.objects.create(session=session, user=resident, recorded_at=timezone.now())
    client.force_login(dong_staff)
    assert client.post(reverse("courses:staff_complete", args=[running.pk])).status_code == 302
    completed = Registration.objects.filter(course=running, completed_at__isnull=False)
    assert list(completed.values_list("user", flat=True)) == [resident.pk]


def test_staff_elsewhere_get_404_and_residents_403(client, running, other_dong_staff, resident):
    client.force_login(other_dong_staff)
    assert client.get(reverse("courses:staff_desk", args=[running.pk])).status_code == 404
    session = Session.objects.filter(course=running).first()
    url = reverse("courses:staff_attendance", args=[session.pk])
    assert client.post(url, {f"s{session.pk}-present": [str(resident.pk)]}).status_code == 404
    client.force_login(resident)
    assert client.get(reverse("courses:staff_desk", args=[running.pk])).status_code == 403
    assert not Attendance.objects.exists()


def test_the_programme_table_downloads_in_the_seeds_columns(client, running, resident):
    Attendance.objects.create(
        session=running.sessions.first(), user=resident, recorded_at=timezone.now()
    )
    answer = client.get(reverse("courses:xlsx", args=[running.programme_id]))
    assert answer["Content-Disposition"].startswith("attachment")
    sheet = openpyxl.load_workbook(io.BytesIO(answer.content)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == (
        "연번",
        "교육명",
        "일시",
        "교육대상",
        "주요내용",
        "건수(회)",
        "시수(시간)",
        "실인원(명)",
        "연인원(명)",
        "만족도 결과",
    )
    assert rows[1][1] == "금천 마을기록가 학교"
    assert rows[1][5:9] == (2, 5, 1, 1)
    assert rows[-1][0] == "계"
