"""Volunteering pages, each path once: public lists, sign-up (and its refusals), the shift
desk of a leader and of staff, the staff desk's actions."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from maeul.volunteering.models import (
    GuardianConsent,
    HoursRecord,
    Shift,
    SignUp,
    VolunteerActivity,
    WorkProposal,
)
from tests.volunteering.conftest import make_shift, signed_up

pytestmark = pytest.mark.django_db


def future_shift(activity, places=3) -> Shift:
    starts = timezone.now() + timedelta(days=2)
    return Shift.objects.create(
        activity=activity,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        place="독산1동 주민센터",
        places=places,
        minutes=120,
    )


def started_shift(activity) -> Shift:
    starts = timezone.now() - timedelta(hours=3)
    return Shift.objects.create(
        activity=activity,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        place="독산1동 주민센터",
        places=3,
        minutes=120,
    )


def test_public_pages_render(client, activity, camp, django_assert_max_num_queries):
    future_shift(activity)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("volunteering:list")).status_code == 200
    assert client.get(reverse("volunteering:camps")).status_code == 200
    page = client.get(reverse("volunteering:activity", args=[activity.pk]))
    assert "어르신 반찬나눔" in page.content.decode()
    assert client.get(reverse("volunteering:camp", args=[camp.pk])).status_code == 200
    assert (
        client.get(reverse("volunteering:certificate_check") + "?number=VH-0000").status_code == 200
    )


def test_resident_signs_up_through_the_page(client, resident, activity):
    shift = future_shift(activity)
    client.force_login(resident)
    response = client.post(reverse("volunteering:sign_up", args=[shift.pk]))
    assert response.status_code == 302
    assert SignUp.objects.filter(shift=shift, user=resident).exists()
    assert client.get(reverse("volunteering:mine")).status_code == 200


def test_a_minor_without_consent_sees_the_reason(client, teen, activity):
    shift = future_shift(activity)
    client.force_login(teen)
    response = client.post(reverse("volunteering:sign_up", args=[shift.pk]))
    assert response.status_code == 400
    assert "보호자 동의" in response.content.decode()
    assert not SignUp.objects.exists()


def test_a_full_shift_answers_400(client, resident, neighbour, activity):
    shift = future_shift(activity, places=1)
    signed_up(shift, neighbour)
    client.force_login(resident)
    response = client.post(reverse("volunteering:sign_up", args=[shift.pk]))
    assert response.status_code == 400
    assert SignUp.objects.count() == 1


def test_guardian_consent_with_a_resident_number_changes_nothing(client, teen):
    client.force_login(teen)
    response = client.post(
        reverse("volunteering:consent"),
        {
            "guardian_name": "김보호",
            "relation": "900101-1234567",
            "consented_on": "2026-01-02",
            "channel": "paper",
        },
    )
    assert response.status_code == 400
    assert "주민등록번호" in response.content.decode()
    assert not GuardianConsent.objects.exists()


def test_group_sign_up(client, neighbour, activity):
    shift = future_shift(activity)
    client.force_login(neighbour)
    response = client.post(
        reverse("volunteering:sign_up_group", args=[activity.pk]),
        {
            "shift": shift.pk,
            "organisation": "(주)가산전자",
            "head_count": "2",
            "contact_name": "담당",
            "contact": "csr@example.kr",
        },
    )
    assert response.status_code == 302
    assert shift.group_sign_ups.get().head_count == 2


def test_leader_confirms_hours_on_the_shift_desk(client, leader, resident, neighbour, activity):
    shift = started_shift(activity)
    signed_up(shift, resident)
    client.force_login(leader)
    assert client.get(reverse("volunteering:shift_desk", args=[shift.pk])).status_code == 200
    url = reverse("volunteering:confirm", args=[shift.pk])
    assert client.post(url, {"volunteer": resident.pk, "minutes": "120"}).status_code == 302
    twice = client.post(url, {"volunteer": resident.pk, "minutes": "120"})
    assert twice.status_code == 400
    stranger = client.post(url, {"volunteer": neighbour.pk, "minutes": "120"})
    assert stranger.status_code == 400
    assert HoursRecord.objects.count() == 1


def test_a_resident_gets_403_on_the_shift_desk(client, neighbour, activity):
    shift = started_shift(activity)
    client.force_login(neighbour)
    assert client.get(reverse("volunteering:shift_desk", args=[shift.pk])).status_code == 403
    response = client.post(
        reverse("volunteering:confirm", args=[shift.pk]),
        {"volunteer": neighbour.pk, "minutes": "60"},
    )
    assert response.status_code == 403


def test_staff_desk_creates_an_activity_and_a_shift(client, dong_staff, camp):
    client.force_login(dong_staff)
    assert client.get(reverse("volunteering:staff_desk")).status_code == 200
    response = client.post(
        reverse("volunteering:staff_new_activity"),
        {
            "organiser": f"camp:{camp.pk}",
            "title": "경로당 스마트폰 도우미",
            "field": "education",
            "min_age": "14",
        },
    )
    activity = VolunteerActivity.objects.get(title="경로당 스마트폰 도우미")
    assert response.status_code == 302
    desk = reverse("volunteering:staff_activity", args=[activity.pk])
    assert client.get(desk).status_code == 200
    response = client.post(
        reverse("volunteering:staff_add_shift", args=[activity.pk]),
        {
            "starts_at": "2030-05-02T10:00",
            "ends_at": "2030-05-02T12:00",
            "place": "경로당",
            "places": "4",
        },
    )
    assert response.status_code == 302
    assert activity.shifts.get().minutes == 120
    bad = client.post(
        reverse("volunteering:staff_add_shift", args=[activity.pk]),
        {
            "starts_at": "2030-05-02T10:00",
            "ends_at": "2030-05-02T09:00",
            "place": "경로당",
            "places": "4",
        },
    )
    assert bad.status_code == 400
    assert activity.shifts.count() == 1


def test_staff_of_another_dong_get_404(client, other_dong_staff, activity):
    client.force_login(other_dong_staff)
    assert client.get(reverse("volunteering:staff_activity", args=[activity.pk])).status_code == 404


def test_resident_gets_403_on_the_staff_desk(client, resident):
    client.force_login(resident)
    assert client.get(reverse("volunteering:staff_desk")).status_code == 403


def test_camp_member_proposes_work_and_staff_turn_it_into_an_activity(
    client, leader, dong_staff, camp
):
    client.force_login(leader)
    response = client.post(
        reverse("volunteering:propose", args=[camp.pk]),
        {
            "title": "하천변 쓰레기 줍기",
            "description": "",
            "meeting_on": "2026-03-10",
        },
    )
    assert response.status_code == 302
    proposal = WorkProposal.objects.get()
    client.force_login(dong_staff)
    assert client.post(reverse("volunteering:staff_accept", args=[proposal.pk])).status_code == 302
    proposal.refresh_from_db()
    assert proposal.activity.title == "하천변 쓰레기 줍기"
    again = client.post(
        reverse("volunteering:staff_decline", args=[proposal.pk]), {"answer": "중복"}
    )
    assert again.status_code == 400


def test_a_resident_cannot_propose_for_a_camp(client, neighbour, camp):
    client.force_login(neighbour)
    response = client.post(
        reverse("volunteering:propose", args=[camp.pk]),
        {
            "title": "일감",
            "meeting_on": "2026-03-10",
        },
    )
    assert response.status_code == 403
    assert not WorkProposal.objects.exists()


def test_make_shift_helper_is_tomorrow(activity):
    assert make_shift(activity).places == 3


def test_the_list_shows_the_next_three_shifts(client, activity):
    for _n in range(5):
        future_shift(activity)
    page = client.get(reverse("volunteering:list")).content.decode()
    assert page.count("0 of 3 places taken") + page.count("3명 중 0명 신청") == 3
    assert "예정된 회차 5개 모두 보기" in page or "All 5 shifts to come" in page
