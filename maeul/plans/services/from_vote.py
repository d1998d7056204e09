"""The winners of a counted participatory-budget vote become projects of the next fiscal year.

A dong's vote feeds its resident council's plan; a district's vote feeds the governance
council's plan (지역사회혁신계획). The fiscal year is the one after the vote closed (Seoul
time). Each winning option (`OptionResult.selected`) becomes one project (its title,
description and cost as the budget, the vote and the option as its origin); the option is
one-to-one with its project, so running it again creates nothing new.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from maeul.core.dates import SEOUL
from maeul.core.errors import RuleViolation
from maeul.core.permissions import Action, enforce
from maeul.councils.models import Council, CouncilKind
from maeul.councils.services.members import ensure_governance_council
from maeul.plans.models import AutonomyPlan, BudgetSource, Programme, Project
from maeul.plans.services.planning import create_plan
from maeul.plans.services.projects import add_project, require_draft
from maeul.voting.models import BallotType, Option, Vote, VoteStatus


@dataclass(frozen=True)
class FromVoteReport:
    plan: AutonomyPlan
    created: list[Project]
    already: int  # winners that were projects before


def plan_year(vote: Vote) -> int:
    """The fiscal year the vote's winners are carried out: the one after it closed."""
    return vote.closes_at.astimezone(SEOUL).year + 1


def council_of_vote(vote: Vote, *, create: bool = False) -> Council | None:
    """The council whose plan takes the winners: the dong's resident council, or the
    district's governance council for a vote of the whole district."""
    if vote.dong_id is not None:
        return Council.objects.filter(dong_id=vote.dong_id, kind=CouncilKind.RESIDENT).first()
    if create:
        return ensure_governance_council(district=vote.district)
    return Council.objects.filter(district_id=vote.district_id, kind=CouncilKind.GOVERNANCE).first()


def converts(vote: Vote) -> bool:
    """A vote whose winners may become projects: a counted approval or budget vote."""
    return (
        vote.status == VoteStatus.COUNTED
        and vote.ballot_type in (BallotType.APPROVAL, BallotType.BUDGET)
        and not vote.is_simulation
    )


def winners(vote: Vote) -> list[Option]:
    """The selected options in the order of the result page (most votes first)."""
    return [row.option for row in vote.result.standings() if row.selected]


def projects_from_vote(
    *, vote: Vote, by: Any, now: datetime, ip: str | None = None
) -> FromVoteReport:
    """Each winner of `vote` as a project of the council's plan for the next year (a draft
    plan is started if there is none); winners that are projects already are left alone."""
    if not converts(vote):
        raise RuleViolation(
            _("Only the winners of a counted approval or budget vote become projects."),
            code="not_counted",
        )
    enforce(by, Action.MANAGE_PLAN, vote, now=now)
    council = council_of_vote(vote, create=True)
    if council is None:
        raise RuleViolation(
            _("The dong has no resident council to carry out the projects."), code="no_council"
        )
    year = plan_year(vote)
    governance = council.kind == CouncilKind.GOVERNANCE
    created: list[Project] = []
    with transaction.atomic():
        plan = AutonomyPlan.objects.filter(council=council, year=year).first()
        if plan is None:
            plan = create_plan(council=council, year=year, staff=by, now=now, ip=ip)
        require_draft(plan)
        picked = winners(vote)
        done = set(
            Option.objects.select_for_update()
            .filter(pk__in=[option.pk for option in picked], project__isnull=False)
            .values_list("pk", flat=True)
        )
        for option in picked:
            if option.pk in done:
                continue
            created.append(
                add_project(
                    plan=plan,
                    title=option.title,
                    description=option.description,
                    programme=(
                        Programme.COMMUNITY_INNOVATION
                        if governance
                        else Programme.DONG_PARTICIPATORY_BUDGET
                    ),
                    budget_source=BudgetSource.CITY if governance else BudgetSource.DISTRICT,
                    budget=option.cost,
                    origin_option=option,
                    staff=by,
                    now=now,
                    ip=ip,
                )
            )
    return FromVoteReport(plan=plan, created=created, already=len(done))
