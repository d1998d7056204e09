"""The grant demo: the seeds' calls and figures for 금천구, fictional groups, a near-copy that
is flagged, the 2020 call reviewed and decided; loading twice adds nothing."""

import pytest
from django.utils import timezone

from maeul.accounts.demo import load_accounts
from maeul.grants.demo import load_grants
from maeul.grants.models import (
    Application,
    ApplicationStatus,
    DuplicateMatch,
    GrantCall,
    Programme,
    Review,
)

pytestmark = pytest.mark.django_db


def test_demo_grants_follow_the_seeds_and_flag_the_near_copy(places):
    now = timezone.now()
    load_accounts(now=now)

    assert load_grants(now=now) == 7
    assert load_grants(now=now) == 0

    integrated = GrantCall.objects.filter(
        year=2020,
        programme__in=[Programme.NEIGHBOURS, Programme.COMMUNITY_GROWTH, Programme.ALLEYS],
    )
    assert sum(call.total_budget for call in integrated) == 50_000_000  # 50백만원
    assert sum(call.expected_groups or 0 for call in integrated) == 33  # 33 공동체
    nonprofit = GrantCall.objects.filter(programme=Programme.NONPROFIT_SUBSIDY).order_by("year")
    assert [(c.year, c.total_budget, c.expected_groups) for c in nonprofit] == [
        (2018, 287_000_000, 41),
        (2019, 287_000_000, 43),
        (2020, 337_000_000, 41),
    ]
    current = GrantCall.objects.get(year=timezone.localdate(now).year)
    assert current.is_open(now)
    copy = Application.objects.get(call=current)
    match = DuplicateMatch.objects.get(application=copy)
    assert match.other.call.year == 2020 and match.other.group.name == "독산 텃밭모임"


def test_the_2020_committee_scored_and_selected_the_garden(places):
    now = timezone.now()
    load_accounts(now=now)
    load_grants(now=now)

    decided = Application.objects.filter(call__year=2020, decided_at__isnull=False)
    outcome = {a.group.name: (a.status, a.granted_amount) for a in decided}
    assert outcome == {
        "독산 텃밭모임": (ApplicationStatus.SELECTED, 1_000_000),
        "금빛노을 인형극단": (ApplicationStatus.NOT_SELECTED, None),
    }
    assert all(a.decision_reasons for a in decided)
    assert Review.objects.filter(application__in=decided).count() == 2


def test_the_2020_garden_has_its_whole_money_trail(places):
    from maeul.grants.models import CheckMark, InterimCheck, Settlement, SettlementStatus
    from maeul.grants.services.settlement import past_evaluations

    now = timezone.now()
    load_accounts(now=now)
    load_grants(now=now)
    garden = Application.objects.get(call__year=2020, group__name="독산 텃밭모임")
    assert garden.agreement.disbursed == 1_000_000
    assert sorted(garden.expenses.values_list("mark", flat=True)) == sorted(
        [CheckMark.CONFIRMED, CheckMark.CONFIRMED, CheckMark.DISALLOWED]
    )
    assert all(expense.has_receipt for expense in garden.expenses.all())
    check = InterimCheck.objects.get(application=garden)
    assert check.checked_by.email == "centre@demo.maeul.kr"  # 마을지원활동가
    settlement = Settlement.objects.get(application=garden)
    assert settlement.status == SettlementStatus.APPROVED
    assert (settlement.accepted_total, settlement.return_amount) == (920_000, 80_000)
    assert settlement.returned_on is not None and settlement.evaluation_score == 85
    assert past_evaluations(garden) == []
