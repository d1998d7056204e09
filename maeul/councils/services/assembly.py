"""The general assembly's vote (주민총회 투표) on its agenda items, and its result.

The assembly votes through the voting engine: one yes/no vote with an option per agenda
item, each option naming its item (`Option.agenda_item`), so that the count goes back to
the item it decides whatever the ballot numbers and titles. The on-site ballot replaces
an online pre-vote, as 주민총회 practice has it.
"""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from maeul.core import audit
from maeul.core.errors import RuleViolation
from maeul.core.permissions import Action, enforce
from maeul.councils.models import AgendaItem, AgendaStatus, CouncilEvent
from maeul.voting.models import BallotType, Channel, Option, Vote, VoteResult
from maeul.voting.services import setup


def _assembly_items(event: CouncilEvent) -> list[AgendaItem]:
    return list(event.agenda_items.order_by("pk"))


def open_assembly_vote(
    *,
    event: CouncilEvent,
    opens_at: datetime,
    closes_at: datetime,
    channels: list[str],
    staff: Any,
    now: datetime,
    ip: str | None,
) -> Vote:
    """Create and publish the assembly's yes/no vote on its agenda items.

    The vote covers the council's dong (the district for a governance council), counts
    only with the council's quorum, lets an on-site ballot replace an online one, and may
    not open before the announcement. With on-site ballots it closes after the assembly
    starts, since they are cast there.
    """
    council = event.council
    enforce(staff, Action.MANAGE_COUNCIL, council, now=now)
    if not event.is_assembly:
        raise RuleViolation(_("Only a general assembly votes on its agenda."), code="kind")
    wanted = set(channels)
    if not wanted:
        raise RuleViolation(
            _("Allow at least one way of voting."), code="channels", field="channels"
        )
    if not wanted <= set(Channel.values):
        raise RuleViolation(
            _("Choose the ways of voting from the list."), code="channels", field="channels"
        )
    if closes_at <= opens_at:
        raise RuleViolation(
            _("The vote must close after it opens."), code="period", field="closes_at"
        )
    if timezone.localdate(opens_at) < event.announced_on():
        raise RuleViolation(
            _("The vote cannot open before the announcement on %(date)s.")
            % {"date": event.announced_on().isoformat()},
            code="period",
            field="opens_at",
        )
    if Channel.ON_SITE in wanted and closes_at <= event.starts_at:
        raise RuleViolation(
            _("On-site ballots are cast at the assembly: the vote must close after it starts."),
            code="period",
            field="closes_at",
        )
    with transaction.atomic():
        locked = CouncilEvent.objects.select_for_update().get(pk=event.pk)
        if locked.vote_id is not None:
            raise RuleViolation(_("The assembly already has its vote."), code="has_vote")
        items = _assembly_items(locked)
        if not items:
            raise RuleViolation(_("Choose the agenda items the assembly votes on."), code="agenda")
        vote = Vote(
            district=council.district,
            dong=council.dong,
            title=locked.title,
            description=locked.description,
            ballot_type=BallotType.YES_NO,
            max_choices=None,
            min_choices=0,
            budget=None,
            quorum=council.assembly_quorum,
            opens_at=opens_at,
            closes_at=closes_at,
            online=Channel.ONLINE in wanted,
            on_site=Channel.ON_SITE in wanted,
            postal=Channel.POSTAL in wanted,
            on_site_replaces_online=True,
        )
        setup.save_vote(vote=vote, staff=staff, now=now, ip=ip)
        for item in items:
            option = setup.add_option(
                vote=vote,
                title=item.title,
                description=item.description,
                cost=item.estimated_cost,
                proposal=item.proposal,
                staff=staff,
                now=now,
                ip=ip,
            )
            option.agenda_item = item
            option.save(update_fields=["agenda_item"])
        setup.publish_vote(vote=vote, staff=staff, now=now, ip=ip)
        audit.save_changed(
            locked,
            {"vote": vote},
            actor=staff,
            action="councils.assembly_vote_open",
            ip=ip,
            now=now,
        )
    event.vote = vote
    return vote


@dataclass
class ItemResult:
    item: AgendaItem
    option: Option
    yes: int
    no: int
    abstain: int
    passed: bool


@dataclass
class AssemblyResult:
    """The assembly's count by agenda item, the quorum, and the ballots by channel."""

    result: VoteResult
    quorum: int
    quorum_met: bool
    rows: list[ItemResult] = field(default_factory=list)
    by_channel: dict[str, int] = field(default_factory=dict)

    def row_for(self, item: AgendaItem) -> ItemResult | None:
        """The count of one agenda item, if the assembly voted on it."""
        return next((row for row in self.rows if row.item.pk == item.pk), None)


def _pairs(event: CouncilEvent, vote: Vote) -> list[tuple[AgendaItem, Option]]:
    """Each agenda item of the assembly with the option that decides it.

    Refused when an item has no option or an option decides no item of the assembly
    (options added or removed by hand after the vote was created).
    """
    items = _assembly_items(event)
    options = list(vote.options.all())
    by_item = {option.agenda_item_id: option for option in options}
    if len(options) != len(items) or set(by_item) != {item.pk for item in items}:
        raise RuleViolation(
            _(
                "The vote's options no longer match the assembly's agenda items, so the "
                "result cannot be applied to them."
            ),
            code="mismatch",
        )
    return [(item, by_item[item.pk]) for item in items]


def assembly_result(event: CouncilEvent) -> AssemblyResult | None:
    """The counted result of the assembly's vote, item by item; None before the count."""
    if event.vote_id is None:
        return None
    result = VoteResult.objects.filter(vote_id=event.vote_id).select_related("vote").first()
    if result is None:
        return None
    vote = result.vote
    pairs = _pairs(event, vote)
    figures = result.option_results([option for _item, option in pairs])
    rows = [
        ItemResult(
            item=item,
            option=row.option,
            yes=row.yes or 0,
            no=row.no or 0,
            abstain=row.abstain or 0,
            passed=bool(row.passed),
        )
        for (item, _option), row in zip(pairs, figures, strict=True)
    ]
    by_channel = dict(result.public_turnout().by_channel)
    return AssemblyResult(
        result=result,
        quorum=vote.quorum,
        quorum_met=result.ballot_count >= vote.quorum,
        rows=rows,
        by_channel={channel: by_channel.get(channel, 0) for channel in Channel.values},
    )


def shown_result(event: CouncilEvent) -> AssemblyResult | None:
    """The result a page shows: None before the count, and None when the options were
    changed by hand (the vote's own result page still shows its count)."""
    try:
        return assembly_result(event)
    except RuleViolation:
        return None


def apply_assembly_result(
    *, event: CouncilEvent, staff: Any, now: datetime, ip: str | None
) -> AssemblyResult:
    """Mark each agenda item passed or not passed by the counted vote.

    An item passes when the count says so (more yes than no, and the quorum reached); if
    the quorum was missed, no item passes. Refused before the count and a second time.
    """
    enforce(staff, Action.MANAGE_COUNCIL, event.council, now=now)
    if event.vote_id is None:
        raise RuleViolation(_("Open the assembly's vote first."), code="no_vote")
    with transaction.atomic():
        locked = CouncilEvent.objects.select_for_update().get(pk=event.pk)
        outcome = assembly_result(locked)
        if outcome is None:
            raise RuleViolation(
                _("The vote has not been counted yet. Count it on the vote desk first."),
                code="not_counted",
            )
        if any(row.item.status != AgendaStatus.ON_ASSEMBLY for row in outcome.rows):
            raise RuleViolation(
                _("The result has already been applied to the agenda items."), code="applied"
            )
        changes: audit.Changes = {}
        for row in outcome.rows:
            status = AgendaStatus.PASSED if row.passed else AgendaStatus.REJECTED
            changes[f"item {row.item.pk}"] = [row.item.status, status]
            row.item.status = status
        AgendaItem.objects.bulk_update([row.item for row in outcome.rows], ["status"])
        if not outcome.quorum_met:
            changes["quorum"] = [outcome.quorum, outcome.result.ballot_count]
        audit.record(
            actor=staff,
            action="councils.assembly_result",
            target=locked,
            changes=changes,
            ip=ip,
            now=now,
        )
    return outcome
