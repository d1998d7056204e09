"""Confirming attendance and hours: only for a person signed up for the shift, once."""

import pytest
from django.db import IntegrityError
from django.utils import translation

from maeul.core.errors import RuleViolation
from maeul.core.models import AuditEntry
from maeul.volunteering.figures import activity_figures, total_minutes
from maeul.volunteering.models import GroupSignUp, HoursRecord, SignUp
from maeul.volunteering.services import hours
from tests.korean import HANGUL
from tests.volunteering.conftest import NOW, signed_up

pytestmark = pytest.mark.django_db


def refused(code: str, call, **kwargs) -> RuleViolation:
    with translation.override("ko"), pytest.raises(RuleViolation) as caught:
        call(**kwargs)
    assert caught.value.code == code, caught.value.message
    assert HANGUL.search(caught.value.message)
    return caught.value


def test_leader_confirms_hours_of_a_signed_up_volunteer(leader, resident, past_shift):
    signed_up(past_shift, resident)
    record = hours.confirm_hours(shift=past_shift, volunteer=resident, staff=leader, now=NOW)
    assert record.minutes == 120
    assert total_minutes(resident) == 120
    assert AuditEntry.objects.filter(action="volunteering.confirm_hours").count() == 1


def test_staff_confirm_fewer_minutes_for_leaving_early(dong_staff, resident, past_shift):
    signed_up(past_shift, resident)
    hours.confirm_hours(shift=past_shift, volunteer=resident, staff=dong_staff, now=NOW, minutes=90)
    assert total_minutes(resident) == 90


def test_hours_for_someone_who_did_not_sign_up_are_refused(leader, resident, neighbour, past_shift):
    signed_up(past_shift, resident)
    error = refused(
        "not_signed_up",
        hours.confirm_hours,
        shift=past_shift,
        volunteer=neighbour,
        staff=leader,
        now=NOW,
    )
    assert "신청" in error.message
    assert not HoursRecord.objects.exists()


def test_hours_after_a_cancelled_sign_up_are_refused(leader, resident, past_shift):
    sign_up = signed_up(past_shift, resident)
    sign_up.status = "cancelled"
    sign_up.save()
    refused(
        "not_signed_up",
        hours.confirm_hours,
        shift=past_shift,
        volunteer=resident,
        staff=leader,
        now=NOW,
    )


def test_confirming_twice_is_refused_and_nothing_doubles(leader, dong_staff, resident, past_shift):
    signed_up(past_shift, resident)
    hours.confirm_hours(shift=past_shift, volunteer=resident, staff=leader, now=NOW)
    refused(
        "already_confirmed",
        hours.confirm_hours,
        shift=past_shift,
        volunteer=resident,
        staff=dong_staff,
        now=NOW,
    )
    assert HoursRecord.objects.count() == 1
    assert total_minutes(resident) == 120


def test_the_database_refuses_a_second_record(leader, resident, past_shift):
    sign_up = signed_up(past_shift, resident)
    HoursRecord.objects.create(
        shift=past_shift,
        user=resident,
        sign_up=sign_up,
        minutes=60,
        confirmed_by=leader,
        confirmed_at=NOW,
    )
    other = SignUp.objects.create(
        shift=past_shift, user=resident, status="cancelled", signed_up_at=NOW
    )
    with pytest.raises(IntegrityError):
        HoursRecord.objects.create(
            shift=past_shift,
            user=resident,
            sign_up=other,
            minutes=60,
            confirmed_by=leader,
            confirmed_at=NOW,
        )


def test_hours_before_the_shift_are_refused(leader, resident, shift):
    signed_up(shift, resident)
    refused("early", hours.confirm_hours, shift=shift, volunteer=resident, staff=leader, now=NOW)


def test_more_minutes_than_the_shift_are_refused(leader, resident, past_shift):
    signed_up(past_shift, resident)
    refused(
        "minutes",
        hours.confirm_hours,
        shift=past_shift,
        volunteer=resident,
        staff=leader,
        now=NOW,
        minutes=121,
    )


def test_a_resident_cannot_confirm_hours(neighbour, resident, past_shift):
    signed_up(past_shift, resident)
    refused(
        "forbidden",
        hours.confirm_hours,
        shift=past_shift,
        volunteer=resident,
        staff=neighbour,
        now=NOW,
    )


def test_staff_of_another_dong_cannot_confirm_hours(other_dong_staff, resident, past_shift):
    signed_up(past_shift, resident)
    refused(
        "forbidden",
        hours.confirm_hours,
        shift=past_shift,
        volunteer=resident,
        staff=other_dong_staff,
        now=NOW,
    )


def test_a_company_group_counts_in_the_figures(leader, resident, neighbour, past_shift):
    signed_up(past_shift, resident)
    hours.confirm_hours(shift=past_shift, volunteer=resident, staff=leader, now=NOW)
    group = GroupSignUp.objects.create(
        shift=past_shift,
        organisation="(주)가산전자",
        head_count=5,
        contact_name="담당",
        contact="02",
        signed_up_by=neighbour,
        signed_up_at=NOW,
    )
    hours.confirm_group(group=group, attended=4, staff=leader, now=NOW)
    refused(
        "already_confirmed", hours.confirm_group, group=group, attended=5, staff=leader, now=NOW
    )
    figures = activity_figures(past_shift.activity)
    assert (figures.volunteers, figures.groups, figures.group_people) == (1, 1, 4)
    assert figures.total_minutes == 120 + 4 * 120


def test_more_people_than_the_group_is_refused(leader, neighbour, past_shift):
    group = GroupSignUp.objects.create(
        shift=past_shift,
        organisation="가산전자",
        head_count=2,
        contact_name="담당",
        contact="02",
        signed_up_by=neighbour,
        signed_up_at=NOW,
    )
    refused("attended", hours.confirm_group, group=group, attended=3, staff=leader, now=NOW)
