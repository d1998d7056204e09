"""The waiting list through the pages: join a full shift's list, see "number N" on the
activity page and on "my volunteering", leave it, move up when someone cancels; and bad
input that changes nothing (twice, a shift with places, a stranger, a cancelled one)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from maeul.core.models import Notification
from maeul.volunteering.models import SignUp, SignUpStatus
from tests.volunteering.conftest import signed_up
from tests.volunteering.test_views import future_shift

pytestmark = pytest.mark.django_db


@pytest.fixture
def full(activity, neighbour):
    """A shift in two days with one place, taken by `neighbour`."""
    shift = future_shift(activity, places=1)
    SignUp.objects.create(shift=shift, user=neighbour, signed_up_at=timezone.now())
    return shift


def join(client, shift):
    return client.post(reverse("volunteering:join_waiting_list", args=[shift.pk]))


def test_join_see_number_and_leave(client, resident, full, activity):
    client.force_login(resident)
    with translation.override("en"):
        page = client.get(reverse("volunteering:activity", args=[activity.pk]))
    assert reverse("volunteering:join_waiting_list", args=[full.pk]) in page.content.decode()
    response = join(client, full)
    assert response.status_code == 302
    waiting = SignUp.objects.get(user=resident)
    assert waiting.status == SignUpStatus.WAITING
    activity_page = client.get(
        reverse("volunteering:activity", args=[activity.pk]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    mine = client.get(reverse("volunteering:mine"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    for body in (activity_page, mine):
        assert reverse("volunteering:cancel", args=[waiting.pk]) in body
    leave = client.post(reverse("volunteering:cancel", args=[waiting.pk]))
    assert leave.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == SignUpStatus.CANCELLED


def test_the_number_in_line_on_both_pages(client, resident, teen, full, activity):
    SignUp.objects.create(
        shift=full,
        user=teen,
        status=SignUpStatus.WAITING,
        signed_up_at=timezone.now() - timedelta(minutes=5),
    )
    client.force_login(resident)
    join(client, full)
    page = client.get(reverse("volunteering:activity", args=[activity.pk]))
    assert [row["position"] for row in page.context["rows"]] == [2]
    assert page.context["rows"][0]["shift"].waiting == 2
    mine = client.get(reverse("volunteering:mine"))
    assert [own.position for own in mine.context["upcoming"]] == [2]
    with translation.override("en"):
        english = client.get(
            reverse("volunteering:mine"), HTTP_ACCEPT_LANGUAGE="en"
        ).content.decode()
    assert "Waiting list: number 2" in english or "대기 2번째" in english


def test_joining_twice_answers_400(client, resident, full):
    client.force_login(resident)
    assert join(client, full).status_code == 302
    assert join(client, full).status_code == 400
    assert SignUp.objects.filter(user=resident).count() == 1


def test_signed_up_person_cannot_also_wait(client, neighbour, full):
    client.force_login(neighbour)
    assert join(client, full).status_code == 400
    assert SignUp.objects.filter(user=neighbour).count() == 1


def test_a_shift_with_places_answers_400(client, resident, activity):
    shift = future_shift(activity, places=2)
    client.force_login(resident)
    assert join(client, shift).status_code == 400
    assert not SignUp.objects.exists()


def test_unverified_outsider_gets_403_and_anonymous_logs_in(client, unverified_resident, full):
    assert join(client, full).status_code == 302  # to the log-in page
    client.force_login(unverified_resident)
    assert join(client, full).status_code == 403
    assert SignUp.objects.count() == 1


def test_a_stranger_cannot_take_someone_off_the_list(client, resident, teen, full):
    waiting = SignUp.objects.create(
        shift=full, user=resident, status=SignUpStatus.WAITING, signed_up_at=timezone.now()
    )
    client.force_login(teen)
    assert client.post(reverse("volunteering:cancel", args=[waiting.pk])).status_code == 404
    waiting.refresh_from_db()
    assert waiting.status == SignUpStatus.WAITING


def test_leaving_twice_answers_403(client, resident, full):
    client.force_login(resident)
    join(client, full)
    waiting = SignUp.objects.get(user=resident)
    url = reverse("volunteering:cancel", args=[waiting.pk])
    assert client.post(url).status_code == 302
    assert client.post(url).status_code == 403


def test_a_cancellation_moves_the_first_waiting_up(client, resident, neighbour, full):
    client.force_login(resident)
    join(client, full)
    client.force_login(neighbour)
    taken = SignUp.objects.get(user=neighbour)
    assert client.post(reverse("volunteering:cancel", args=[taken.pk])).status_code == 302
    assert SignUp.objects.get(user=resident).status == SignUpStatus.ACTIVE
    assert Notification.objects.get().recipient == resident


def test_staff_see_the_waiting_list_on_the_shift_desk(client, dong_staff, resident, full):
    SignUp.objects.create(
        shift=full,
        user=resident,
        status=SignUpStatus.WAITING,
        signed_up_at=timezone.now() - timedelta(minutes=1),
    )
    client.force_login(dong_staff)
    body = client.get(reverse("volunteering:shift_desk", args=[full.pk])).content.decode()
    assert resident.public_name in body
    # The people waiting are not offered the hours confirmation.
    assert f'value="{resident.pk}"' not in body


def test_hours_cannot_be_confirmed_for_someone_waiting(client, leader, resident, activity):
    from tests.volunteering.test_views import started_shift

    shift = started_shift(activity)
    shift.places = 1
    shift.save()
    signed_up(shift, leader)
    SignUp.objects.create(
        shift=shift, user=resident, status=SignUpStatus.WAITING, signed_up_at=timezone.now()
    )
    client.force_login(leader)
    url = reverse("volunteering:confirm", args=[shift.pk])
    assert client.post(url, {"volunteer": resident.pk, "minutes": "120"}).status_code == 400
    assert not shift.hours_records.exists()
