"""Demo of the money trail: last year's 나풀나풀 vote (counted, `voting.demo`) has its winners
made into this year's 지역사회혁신계획 projects of 금천구 협치회의 by district staff, through
the real service; the first is split between 시비 and 구비. Idempotent (the service is)."""

from datetime import datetime

from maeul.accounts.demo import district_staff
from maeul.plans.models import BudgetSource
from maeul.plans.services.budget import split_budget
from maeul.plans.services.from_vote import projects_from_vote
from maeul.voting.demo import CLOSED_TITLE
from maeul.voting.models import Vote

IP = "127.0.0.1"
CITY_SHARE = 0.7  # the split of the first project: 70 % 시비, the rest 구비


def load_vote_projects(*, now: datetime) -> int:
    """The counted 나풀나풀 vote's winners as projects; returns how many were made now."""
    vote = Vote.objects.filter(title=CLOSED_TITLE).select_related("district").first()
    if vote is None:
        return 0
    staff = district_staff(vote.district)
    if staff is None:
        return 0
    report = projects_from_vote(vote=vote, by=staff, now=now, ip=IP)
    if report.created and report.plan.is_draft:
        first = report.created[0]
        city = int(first.budget * CITY_SHARE) // 1000 * 1000
        split_budget(
            project=first,
            amounts={BudgetSource.CITY: city, BudgetSource.DISTRICT: first.budget - city},
            staff=staff,
            now=now,
            ip=IP,
        )
    return len(report.created)
