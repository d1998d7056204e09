"""The spaces demo: the seeds' 금천구 spaces with their hours and sizes, the distancing
levels, a season of bookings, walk-ins and loans; loading twice adds nothing."""

from decimal import Decimal

import pytest
from django.utils import timezone

from maeul.accounts.demo import load_accounts
from maeul.spaces.demo import load_spaces
from maeul.spaces.models import (
    Booking,
    BookingStatus,
    CapacityPolicy,
    ItemLoan,
    LoanStatus,
    Space,
    SurveyAnswer,
    VisitorCount,
)

pytestmark = pytest.mark.django_db


def test_demo_spaces_follow_the_seeds(places):
    now = timezone.now()
    load_accounts(now=now)
    assert load_spaces(now=now) == 11
    assert load_spaces(now=now) == 0
    sizes = dict(Space.objects.values_list("name", "size_m2"))
    assert sizes["독산1동 마을활력소"] == Decimal("432.00")
    assert sizes["새재미마을활력소"] == Decimal("101.12")
    assert sizes["박미사랑마을회관"] == Decimal("988.18")
    assert Space.objects.get(name="새재미마을활력소").services == "안심택배, 공구도서관"
    hours = Space.objects.get(name="커뮤니티센터").opening_hours.all()
    assert [(row.opens.hour, row.closes.hour) for row in hours] == [(9, 21)] * 5 + [(9, 18)] * 2
    assert list(CapacityPolicy.objects.values_list("percent", flat=True)) == [50, 30, 30, 0]
    assert not CapacityPolicy.objects.filter(is_active=True).exists()
    assert Booking.objects.filter(status=BookingStatus.USED).count() > 50
    assert Booking.objects.filter(starts_at__gt=now).exists()
    assert VisitorCount.objects.exists()
    assert ItemLoan.objects.filter(status=LoanStatus.RETURNED).exists()
    assert ItemLoan.objects.filter(status=LoanStatus.OUT).exists()
    answers = SurveyAnswer.objects.all()
    satisfied = sum(answer.satisfied for answer in answers) / len(answers)
    assert 0.85 < satisfied <= 1


def test_the_demo_has_an_open_allocation_round_with_two_clubs_on_one_slot(places):
    from maeul.spaces.models import AllocationRound

    now = timezone.now()
    load_accounts(now=now)
    load_spaces(now=now)
    round_ = AllocationRound.objects.get()
    assert round_.is_open and round_.closed_at is None
    tuesdays = round_.requests.filter(weekday=1, starts__hour=19)
    assert tuesdays.count() == 2 and round_.requests.count() == 3
