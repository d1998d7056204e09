"""The volunteering demo: a camp at each of 금천구's ten dong offices with a leader, a
season of confirmed hours, a company's group, 일감 from a camp meeting, and an open
activity the demo resident can sign up for; loading twice adds nothing."""

import pytest
from django.db.models import Sum
from django.utils import timezone

from maeul.accounts.demo import load_accounts
from maeul.accounts.models import User
from maeul.volunteering.demo import load_volunteering
from maeul.volunteering.models import (
    GroupSignUp,
    HoursRecord,
    MemberRole,
    ProposalStatus,
    VolunteerActivity,
    VolunteerCamp,
    WorkProposal,
)
from maeul.volunteering.services import sign_ups

pytestmark = pytest.mark.django_db


def test_demo_camps_and_a_season_of_hours(places):
    now = timezone.now()
    load_accounts(now=now)
    assert load_volunteering(now=now) == 10
    assert load_volunteering(now=now) == 0
    camps = VolunteerCamp.objects.filter(district__name="금천구")
    assert camps.count() == 10
    assert all(camp.members.filter(role=MemberRole.LEADER).exists() for camp in camps)
    assert HoursRecord.objects.count() == 10 * 2 * 8 * 3
    assert HoursRecord.objects.aggregate(n=Sum("minutes"))["n"] == 10 * 2 * 8 * 3 * 180
    assert GroupSignUp.objects.get().attended == 11
    assert set(WorkProposal.objects.values_list("status", flat=True)) == {
        ProposalStatus.ACCEPTED,
        ProposalStatus.PROPOSED,
    }
    open_activity = VolunteerActivity.objects.get(title="안녕캠페인 안부 묻기")
    resident = User.objects.get(email="resident@demo.maeul.kr")
    assert sign_ups.sign_up(shift=open_activity.shifts.first(), user=resident, now=now)
