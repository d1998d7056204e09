"""Signing up for a shift: places, age, guardian consent, the group sign-up, cancelling."""

from datetime import date

import pytest
from django.utils import translation

from maeul.core.errors import RuleViolation
from maeul.volunteering.models import GroupSignUp, GuardianConsent, SignUp, SignUpStatus
from maeul.volunteering.services import sign_ups, volunteers
from tests.korean import HANGUL
from tests.volunteering.conftest import NOW, make_activity, make_shift, signed_up

pytestmark = pytest.mark.django_db


def refused(code: str, **kwargs) -> RuleViolation:
    with translation.override("ko"), pytest.raises(RuleViolation) as caught:
        kwargs.pop("call")(**kwargs)
    assert caught.value.code == code, caught.value.message
    assert HANGUL.search(caught.value.message)
    return caught.value


def test_resident_signs_up_and_gets_a_volunteer_profile(resident, shift):
    sign_up = sign_ups.sign_up(shift=shift, user=resident, now=NOW)
    assert sign_up.status == SignUpStatus.ACTIVE
    assert resident.volunteer.portal_id == ""
    assert sign_ups.taken_places(shift) == 1


def test_resident_cannot_sign_up_twice(resident, shift):
    sign_ups.sign_up(shift=shift, user=resident, now=NOW)
    refused("already_signed_up", call=sign_ups.sign_up, shift=shift, user=resident, now=NOW)
    assert SignUp.objects.count() == 1


def test_a_full_shift_is_refused(resident, neighbour, shift):
    shift.places = 1
    shift.save()
    sign_ups.sign_up(shift=shift, user=resident, now=NOW)
    refused("full", call=sign_ups.sign_up, shift=shift, user=neighbour, now=NOW)
    assert SignUp.objects.count() == 1


def test_a_group_takes_places_too(resident, neighbour, shift):
    sign_ups.sign_up_group(
        shift=shift,
        user=resident,
        organisation="(주)가산전자",
        head_count=3,
        contact_name="사회공헌 담당",
        contact="02-000-0000",
        now=NOW,
    )
    refused("full", call=sign_ups.sign_up, shift=shift, user=neighbour, now=NOW)
    refused(
        "full",
        call=sign_ups.sign_up_group,
        shift=shift,
        user=neighbour,
        organisation="B",
        head_count=1,
        contact_name="담당",
        contact="b@example.kr",
        now=NOW,
    )
    assert GroupSignUp.objects.count() == 1


def test_a_group_with_a_resident_number_is_refused(resident, shift):
    error = refused(
        "resident_number",
        call=sign_ups.sign_up_group,
        shift=shift,
        user=resident,
        organisation="가산전자",
        head_count=2,
        contact_name="홍길동 800101-1234567",
        contact="010",
        now=NOW,
    )
    assert error.field == "contact_name"
    assert not GroupSignUp.objects.exists()


def test_unverified_resident_is_refused(unverified_resident, shift):
    refused("forbidden", call=sign_ups.sign_up, shift=shift, user=unverified_resident, now=NOW)


def test_a_started_shift_is_refused(resident, past_shift):
    refused("forbidden", call=sign_ups.sign_up, shift=past_shift, user=resident, now=NOW)


def test_a_minor_without_guardian_consent_is_refused(teen, shift):
    error = refused("not_eligible", call=sign_ups.sign_up, shift=shift, user=teen, now=NOW)
    assert "보호자" in error.message
    assert not SignUp.objects.exists()


def test_a_minor_with_guardian_consent_signs_up(teen, shift):
    volunteers.record_guardian_consent(
        user=teen,
        guardian_name="김보호",
        relation="어머니",
        consented_on=date(2026, 3, 10),
        channel="paper",
        now=NOW,
    )
    assert sign_ups.sign_up(shift=shift, user=teen, now=NOW)


def test_too_young_for_the_activity(teen, camp):
    activity = make_activity(camp, min_age=18)
    shift = make_shift(activity)
    volunteers.record_guardian_consent(
        user=teen,
        guardian_name="김보호",
        relation="아버지",
        consented_on=date(2026, 3, 10),
        channel="phone",
        now=NOW,
    )
    error = refused("not_eligible", call=sign_ups.sign_up, shift=shift, user=teen, now=NOW)
    assert "18" in error.message


def test_a_child_under_14_only_where_staff_lowered_the_age(resident, camp, teen):
    teen.birth_year = 2015  # 11 in 2026
    teen.save()
    volunteers.record_guardian_consent(
        user=teen,
        guardian_name="김보호",
        relation="어머니",
        consented_on=date(2026, 3, 10),
        channel="paper",
        now=NOW,
    )
    usual = make_shift(make_activity(camp))
    refused("not_eligible", call=sign_ups.sign_up, shift=usual, user=teen, now=NOW)
    family = make_shift(make_activity(camp, title="가족 봉사: 공원 꽃심기", min_age=8))
    assert sign_ups.sign_up(shift=family, user=teen, now=NOW)


def test_no_birth_year_is_refused(resident, shift):
    resident.birth_year = None
    resident.save()
    refused("not_eligible", call=sign_ups.sign_up, shift=shift, user=resident, now=NOW)


def test_guardian_consent_with_a_resident_number_is_refused(teen):
    error = refused(
        "resident_number",
        call=volunteers.record_guardian_consent,
        user=teen,
        guardian_name="김보호 750505-2345678",
        relation="어머니",
        consented_on=date(2026, 3, 10),
        channel="paper",
        now=NOW,
    )
    assert error.field == "guardian_name"
    assert not GuardianConsent.objects.exists()


def test_guardian_consent_in_the_future_is_refused(teen):
    refused(
        "date",
        call=volunteers.record_guardian_consent,
        user=teen,
        guardian_name="김보호",
        relation="어머니",
        consented_on=date(2026, 4, 1),
        channel="paper",
        now=NOW,
    )


def test_volunteer_cancels_and_the_place_is_free(resident, neighbour, shift):
    shift.places = 1
    shift.save()
    sign_up = sign_ups.sign_up(shift=shift, user=resident, now=NOW)
    sign_ups.cancel_sign_up(sign_up=sign_up, user=resident, now=NOW)
    assert sign_ups.sign_up(shift=shift, user=neighbour, now=NOW)


def test_someone_else_cannot_cancel(resident, neighbour, shift):
    sign_up = sign_ups.sign_up(shift=shift, user=resident, now=NOW)
    refused("forbidden", call=sign_ups.cancel_sign_up, sign_up=sign_up, user=neighbour, now=NOW)


def test_cancelling_after_the_start_is_refused(resident, past_shift):
    sign_up = signed_up(past_shift, resident)
    refused("forbidden", call=sign_ups.cancel_sign_up, sign_up=sign_up, user=resident, now=NOW)
