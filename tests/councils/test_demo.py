"""Demo 위원 모집: a call is open exactly while the cycle shows 위원 모집 in force."""

from datetime import date, datetime

import pytest

from maeul.councils.demo import PILOT_MEMBERS, SEOUL, load_pilot_councils, load_recruitments
from maeul.councils.models import Council, CyclePhase
from maeul.councils.services import cycle, members, recruitment

pytestmark = pytest.mark.django_db


@pytest.fixture
def council(doksan1, district_staff) -> Council:
    council = members.ensure_council(dong=doksan1)
    start = datetime(2024, 1, 2, 10, tzinfo=SEOUL)
    for number, year in ((4, 2024), (5, 2026)):
        members.start_term(
            council=council,
            number=number,
            starts_on=date(year, 1, 1),
            staff=district_staff,
            now=start,
            ip=None,
        )
    return council


def _shown_in_force(council: Council, now: datetime) -> bool:
    today = now.astimezone(SEOUL).date()
    rows = cycle.timeline(council, today.year, today)
    return any(row.phase == CyclePhase.RECRUITMENT and row.state == "current" for row in rows)


@pytest.mark.parametrize(
    ("now", "term_number"),
    [
        (datetime(2025, 11, 20, 10, tzinfo=SEOUL), 5),  # term 4's last year: the next term
        (datetime(2026, 12, 31, 23, tzinfo=SEOUL), 5),  # term 5's first year: vacant places
        (datetime(2026, 6, 1, 10, tzinfo=SEOUL), None),  # outside 위원 모집: no call
    ],
)
def test_demo_call_agrees_with_the_timeline(council, district_staff, now, term_number):
    assert load_recruitments(councils=[council], staff=district_staff, now=now) == (
        1 if term_number else 0
    )
    assert load_recruitments(councils=[council], staff=district_staff, now=now) == 0

    call = recruitment.recruitment_of(council)
    is_open = call is not None and call.is_open(now)
    assert is_open == _shown_in_force(council, now)
    if term_number is not None:
        assert call is not None and call.term.number == term_number
        assert call.seats >= 1


def test_yeongdeungpo_has_its_five_pilot_councils(yeongdeungpo, other_district_staff):
    now = datetime(2026, 12, 2, 10, tzinfo=SEOUL)

    assert load_pilot_councils(now=now) == 5
    assert load_pilot_councils(now=now) == 0

    pilots = Council.objects.filter(district=yeongdeungpo)
    assert set(pilots.values_list("dong__name", flat=True)) == {
        "여의동",
        "문래동",
        "양평2동",
        "신길5동",
        "대림1동",
    }
    for council in pilots:
        assert council.terms.filter(number=1, starts_on=date(2020, 1, 1)).exists()
        serving = members.current_term(council, now.date())
        assert serving is not None and members.current_members(serving).count() == PILOT_MEMBERS
        call = recruitment.recruitment_of(council)
        assert (call is not None and call.is_open(now)) == _shown_in_force(council, now)
