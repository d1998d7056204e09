"""The public ballot file of a counted vote (pabulib `.pb`), and simulations read from one.

After the count anyone may download every counted ballot and recount it with any pabulib
tool (pabutools, `manage.py pb_outcome`). The file holds what was chosen and nothing else:
no receipt codes, no channel, no dong, and voter ids are numbers in a shuffled order, so
the order of rows says nothing about who voted when. The shuffle is seeded by the hash of
the ballot set, so every download of one vote is the same file.

A recount agrees with the published result whenever the rule meets no tie. Maeul breaks
ties by the cheaper option, then a lottery seeded by the hash (`counting.tie_order`);
pabulib tools break them by the smaller project id.
"""

import csv
import io
import random
from collections import Counter
from datetime import datetime, timedelta
from fractions import Fraction
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from maeul.core import audit
from maeul.core.dates import SEOUL
from maeul.core.errors import RuleViolation
from maeul.core.permissions import Action, enforce
from maeul.places.models import District
from maeul.voting.ballots import decode
from maeul.voting.counting.pabulib import PbElection, PbFormatError, parse_pabulib
from maeul.voting.counting.pbwrite import write_pabulib
from maeul.voting.counting.profile import ApprovalProfile, UnsupportedVoteTypeError
from maeul.voting.models import (
    Answer,
    Ballot,
    BallotType,
    Channel,
    CountingRule,
    Option,
    Vote,
    VoteResult,
    VoteStatus,
)
from maeul.voting.services.counting import ballot_profile

BALLOT_BATCH_SIZE = 5000
# A simulation ran in the past, so that it is closed and can be counted at once.
SIMULATION_OPENS_BEFORE = timedelta(days=8)
SIMULATION_CLOSES_BEFORE = timedelta(days=1)

PB_VOTE_TYPE = {
    BallotType.APPROVAL: "approval",
    BallotType.BUDGET: "approval",
    BallotType.RANKING: "ordinal",
}
# pabulib's own names for our rules, as some files give them.
RULE_OF_PB_NAME = {
    **{rule.value: rule.value for rule in CountingRule},
    "equalshares": CountingRule.MES.value,
    "equalshares/add1": CountingRule.MES_ADD1.value,
}


# --- Export -----------------------------------------------------------------------------
def counted_result(vote: Vote) -> VoteResult:
    """The vote's result; raises RuleViolation (code "not_counted") before the count."""
    result = VoteResult.objects.filter(vote=vote).select_related("vote").first()
    if vote.status != VoteStatus.COUNTED or result is None:
        raise RuleViolation(
            _("Results and ballots are not public before the count."), code="not_counted"
        )
    return result


def shuffled_ballots(vote: Vote, *, seed: str) -> list[str]:
    """Every counted ballot's content once per ballot, in an order drawn from `seed`."""
    contents = [content for content, n in ballot_profile(vote) for _copy in range(n)]
    random.Random(seed).shuffle(contents)  # noqa: S311 -- a reproducible order, not a secret
    return contents


def _seoul_date(moment: datetime) -> str:
    return moment.astimezone(SEOUL).strftime("%d.%m.%Y")


def _meta(vote: Vote, ballot_count: int, option_count: int) -> dict[str, str]:
    unit = vote.district.name if vote.dong is None else f"{vote.district.name} {vote.dong.name}"
    meta = {
        "description": vote.title,
        "country": "South Korea",
        "unit": unit,
        "instance": str(vote.opens_at.astimezone(SEOUL).year),
        "num_projects": str(option_count),
        "num_votes": str(ballot_count),
        "budget": str(vote.budget or 0),
        "vote_type": PB_VOTE_TYPE[BallotType(vote.ballot_type)],
        "rule": vote.rule,
        "date_begin": _seoul_date(vote.opens_at),
        "date_end": _seoul_date(vote.closes_at),
    }
    if vote.max_choices is not None:
        meta["max_length"] = str(vote.max_choices)
    if vote.ballot_type == BallotType.BUDGET and vote.budget is not None:
        meta["max_sum_cost"] = str(vote.budget)
    meta["language"] = "ko"
    return meta


def export_pb(vote: Vote, *, seed: str | None = None) -> str:
    """The pabulib file of a counted approval, budget or ranking vote.

    A project's `votes` counts the counted ballots naming it; `selected` is written for
    votes that spend a budget (the others select nothing). `seed` orders the ballots
    (default: the published hash of the ballot set). Raises RuleViolation before the
    count, and for a yes/no vote (see `export_yes_no_csv`).
    """
    result = counted_result(vote)
    if vote.ballot_type == BallotType.YES_NO:
        raise RuleViolation(
            _("A yes/no vote has no pabulib file. Download its ballots as CSV instead."),
            code="yes_no",
        )
    options = list(vote.options.order_by("number"))
    number_of = {option.pk: str(option.number) for option in options}
    contents = shuffled_ballots(vote, seed=result.ballots_hash if seed is None else seed)
    chosen = [decode(vote.ballot_type, content).option_ids for content in contents]
    votes = Counter(option_id for option_ids in chosen for option_id in option_ids)
    projects = []
    for figures in result.option_results(options):
        option = figures.option
        row = {
            "project_id": number_of[option.pk],
            "cost": str(option.cost),
            "name": option.title,
            "votes": str(votes[option.pk]),
        }
        if vote.spends_budget:
            row["selected"] = "1" if figures.selected else "0"
        projects.append(row)
    return write_pabulib(
        meta=_meta(vote, len(contents), len(options)),
        projects=projects,
        votes=[
            (str(voter), [number_of[option_id] for option_id in option_ids])
            for voter, option_ids in enumerate(chosen, start=1)
        ],
    )


def export_yes_no_csv(vote: Vote, *, seed: str | None = None) -> str:
    """The counted ballots of a yes/no vote as CSV: a column per item (기호), a row per ballot.

    Cells read 찬성, 반대 or 기권 (in the active language); rows are shuffled as in
    `export_pb`. Starts with a byte-order mark, so that spreadsheet programs read it as UTF-8.
    """
    result = counted_result(vote)
    if vote.ballot_type != BallotType.YES_NO:
        raise RuleViolation(
            _("Only a yes/no vote has its ballots as CSV. Download the pabulib file instead."),
            code="not_yes_no",
        )
    options = list(vote.options.order_by("number"))
    labels = {answer.value: str(answer.label) for answer in Answer}
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([_("No. %(number)d") % {"number": option.number} for option in options])
    for content in shuffled_ballots(vote, seed=result.ballots_hash if seed is None else seed):
        answers = dict(decode(vote.ballot_type, content).answers)
        writer.writerow([labels.get(answers.get(option.pk, ""), "") for option in options])
    return out.getvalue()


# --- Import -----------------------------------------------------------------------------
def import_pb(
    *,
    data: bytes,
    district: District,
    staff: Any,
    now: datetime,
    title: str | None = None,
    ip: str | None = None,
) -> Vote:
    """Create a simulation vote of `district` from a pabulib file, for staff who manage votes.

    See `load_simulation`; raises RuleViolation (code "forbidden") for anyone else.
    """
    enforce(staff, Action.MANAGE_VOTE, district, now=now)
    return load_simulation(data=data, district=district, now=now, title=title, actor=staff, ip=ip)


def load_simulation(
    *,
    data: bytes,
    district: District,
    now: datetime,
    title: str | None = None,
    actor: Any = None,
    ip: str | None = None,
) -> Vote:
    """Create a simulation vote from a pabulib file, with no permission check.

    For the server's operator (`manage.py import_pb`); staff go through `import_pb`.
    The vote is published and closed (it ran from 8 days to 1 day before `now`), so it
    can be counted at once. Options are the file's projects, numbered 1..n in the order of
    their ids; its ballots are the file's votes, all online. A simulation has ballots but
    no participations: nobody voted in it, and its turnout is empty.

    Only approval and choose-1 files are read. Raises RuleViolation for a malformed file
    (the message names the line), another vote type, or a cost or budget that is not a
    whole number of won; then nothing is stored.
    """
    election = _parse(data)
    budget = _won(election.budget, _("The budget in META is not a whole number of won."))
    project_ids = _ordered_ids(list(election.projects))
    costs = {
        project_id: _won(
            election.projects[project_id].cost,
            _("The cost of project %(id)s is not a whole number of won.") % {"id": project_id},
        )
        for project_id in project_ids
    }
    meta = election.meta
    with transaction.atomic():
        vote = Vote.objects.create(
            district=district,
            title=(title or _default_title(meta))[:200],
            description=meta.get("description", ""),
            ballot_type=BallotType.APPROVAL,
            max_choices=_max_choices(election),
            budget=budget,
            rule=RULE_OF_PB_NAME.get(meta.get("rule", "").strip().lower(), CountingRule.GREEDY),
            opens_at=now - SIMULATION_OPENS_BEFORE,
            closes_at=now - SIMULATION_CLOSES_BEFORE,
            online=True,
            on_site=False,
            postal=False,
            status=VoteStatus.PUBLISHED,
            is_simulation=True,
            created_by=actor if getattr(actor, "pk", None) else None,
            created_at=now,
        )
        options = Option.objects.bulk_create(
            Option(
                vote=vote,
                number=number,
                title=(election.projects[project_id].fields.get("name") or project_id)[:200],
                cost=costs[project_id],
                category=election.projects[project_id].fields.get("category", "")[:30],
            )
            for number, project_id in enumerate(project_ids, start=1)
        )
        pk_of = {
            project_id: option.pk for project_id, option in zip(project_ids, options, strict=True)
        }
        Ballot.objects.bulk_create(
            (
                Ballot(vote=vote, content=content, channel=Channel.ONLINE)
                for content, n in _contents(election, pk_of)
                for _copy in range(n)
            ),
            batch_size=BALLOT_BATCH_SIZE,
        )
        audit.record(
            actor=actor,
            action="voting.import_pb",
            target=vote,
            changes={
                "options": [None, len(options)],
                "ballots": [None, election.num_voters],
            },
            ip=ip,
            now=now,
        )
    return vote


def _parse(data: bytes) -> PbElection:
    try:
        election = parse_pabulib(data)
        ApprovalProfile.from_election(election)  # refuses ballots that are not approvals
    except PbFormatError as error:
        raise RuleViolation(str(error), code="pb_format") from None
    except UnsupportedVoteTypeError as error:
        raise RuleViolation(str(error), code="pb_vote_type") from None
    return election


def _won(amount: Fraction, message: str) -> int:
    if amount.denominator != 1:
        raise RuleViolation(message, code="pb_format")
    return int(amount)


def _ordered_ids(project_ids: list[str]) -> list[str]:
    """Numeric ids in numeric order (2 before 10), any others in code-point order."""
    if all(project_id.isdigit() for project_id in project_ids):
        return sorted(project_ids, key=int)
    return sorted(project_ids)


def _contents(election: PbElection, pk_of: dict[str, int]) -> list[tuple[str, int]]:
    """Each distinct ballot's canonical content (`voting.ballots`) with its count."""
    return [
        (",".join(str(pk) for pk in sorted(pk_of[project_id] for project_id in ballot)), n)
        for ballot, n in election.ballots.items()
    ]


def _max_choices(election: PbElection) -> int | None:
    if election.vote_type == "choose-1":
        return 1
    text = election.meta.get("max_length", "").strip()
    return int(text) if text.isdigit() and int(text) > 0 else None


def _default_title(meta: dict[str, str]) -> str:
    place = " ".join(meta[key] for key in ("country", "unit", "instance") if meta.get(key))
    return meta.get("description") or place or _("Simulation from a pabulib file")
