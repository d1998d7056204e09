"""GET /api/volunteer-activities: activities with shifts, places left, training and hours;
no personal data."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from maeul.volunteering.models import GroupSignUp, HoursRecord, Shift
from tests.volunteering.conftest import NOW, make_course, make_shift, signed_up

pytestmark = pytest.mark.django_db


@pytest.fixture
def season(activity, resident, neighbour, leader, geumcheon):
    activity.required_course = make_course(geumcheon)
    activity.save()
    past = make_shift(activity, day=-1, places=5)
    sign_up = signed_up(past, resident)
    HoursRecord.objects.create(
        shift=past,
        user=resident,
        sign_up=sign_up,
        minutes=90,
        confirmed_by=leader,
        confirmed_at=NOW,
    )
    GroupSignUp.objects.create(
        shift=past,
        organisation="(주)가산전자",
        head_count=3,
        contact_name="담당 김",
        contact="csr@example.kr",
        signed_up_by=neighbour,
        signed_up_at=NOW,
        attended=2,
        confirmed_at=NOW,
        confirmed_by=leader,
    )
    starts = timezone.now() + timedelta(days=2)
    Shift.objects.create(
        activity=activity,
        starts_at=starts,
        ends_at=starts + timedelta(hours=3),
        place="경로당",
        places=4,
        minutes=180,
    )
    return activity


def test_list_activities(client, season, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        response = client.get("/api/volunteer-activities")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    item = body["items"][0]
    assert item["title"] == "어르신 반찬나눔"
    assert item["camp"]["name"] == "독산1동 자원봉사캠프"
    assert item["dong"]["name"] == "독산1동"
    assert item["required_training"]["name"] == "정리수납 전문교육"
    assert item["upcoming_shifts"] == 1
    shift = item["shifts"][0]  # only the shifts to come
    assert (shift["place"], shift["places"], shift["places_left"], shift["hours"]) == (
        "경로당",
        4,
        4,
        3.0,
    )
    assert item["hours"] == 1.5 + 2 * 2.0


def test_no_personal_data(client, season):
    text = json.dumps(
        client.get(f"/api/volunteer-activities/{season.pk}").json(), ensure_ascii=False
    )
    for secret in ("독산 주민", "resident@example.kr", "csr@example.kr", "담당 김", "가산전자"):
        assert secret not in text


def test_read_one_and_filters(client, season):
    detail = client.get(f"/api/volunteer-activities/{season.pk}").json()
    assert detail["description"] == ""
    past = detail["all_shifts"][0]
    assert (past["places"], past["places_left"], past["hours"]) == (5, 1, 2.0)
    assert client.get("/api/volunteer-activities?status=closed").json()["count"] == 0
    assert client.get("/api/volunteer-activities?dong=9999999999").json()["count"] == 0
    assert client.get("/api/volunteer-activities?page=x").json()["count"] == 1
    assert client.get("/api/volunteer-activities/999999").status_code == 404


def test_timezone_of_shifts(client, season):
    item = client.get("/api/volunteer-activities").json()["items"][0]
    assert item["shifts"][0]["starts_at"].endswith("+09:00")
    assert timezone.is_aware(NOW)


def test_the_list_has_the_next_five_shifts_and_the_detail_all(client, activity):
    starts = timezone.now() + timedelta(days=1)
    for n in range(6):
        Shift.objects.create(
            activity=activity,
            starts_at=starts + timedelta(days=n),
            ends_at=starts + timedelta(days=n, hours=1),
            place="경로당",
            places=2,
            minutes=60,
        )
    item = client.get("/api/volunteer-activities").json()["items"][0]
    assert (len(item["shifts"]), item["upcoming_shifts"]) == (5, 6)
    detail = client.get(f"/api/volunteer-activities/{activity.pk}").json()
    assert len(detail["all_shifts"]) == 6


def test_each_shift_counts_who_waits_without_naming_them(client, season, resident, teen):
    from maeul.volunteering.models import SignUp, SignUpStatus

    shift = season.shifts.get(place="경로당")
    for user in (resident, teen):
        SignUp.objects.create(
            shift=shift, user=user, status=SignUpStatus.WAITING, signed_up_at=timezone.now()
        )
    item = client.get("/api/volunteer-activities").json()["items"][0]
    assert (item["shifts"][0]["places_left"], item["shifts"][0]["waiting"]) == (4, 2)
    detail = client.get(f"/api/volunteer-activities/{season.pk}").json()
    assert [s["waiting"] for s in detail["all_shifts"]] == [0, 2]
    assert "청소년" not in json.dumps(detail, ensure_ascii=False)
