"""Council events: the policy sharing session (정책공유회), the general assembly (주민총회)
and the results sharing session, with their announcement (공고), vote, result and minutes.

The assembly votes on its agenda items through the voting engine: one yes/no vote whose
options are the items in the order of their ids, so that the count maps back to them.
The on-site ballot replaces an online pre-vote, as 주민총회 practice has it.
"""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from maeul.core import audit
from maeul.core.errors import RuleViolation
from maeul.core.markup import render_markdown
from maeul.core.permissions import Action
from maeul.core.privacy import refuse_resident_number
from maeul.councils.models import (
    AgendaItem,
    AgendaStatus,
    Council,
    CouncilEvent,
    EventKind,
)
from maeul.councils.services.agenda import TITLE_MAX, authorise, check_year
from maeul.voting.models import BallotType, Channel, Option, Vote, VoteResult
from maeul.voting.services import setup

ANNOUNCE_DAYS_MAX = 365
EVENT_FIELDS = ["kind", "year", "title", "starts_at", "place", "online_link", "announce_days"]
MINUTES_FIELDS = ["minutes", "attendance_on_site", "attendance_online"]


def is_announced(event: CouncilEvent, now: datetime) -> bool:
    """Is the event public? From its announcement day (공고일) on, by the Seoul calendar."""
    return timezone.localdate(now) >= event.announced_on()


def _whole_number(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _check_event_fields(
    *, kind: str, title: str, place: str, online_link: str, announce_days: int
) -> None:
    if kind not in EventKind.values:
        raise RuleViolation(_("Choose the kind of event."), code="kind")
    refuse_resident_number(title, place, online_link)
    if not title:
        raise RuleViolation(_("Enter the event's title."), code="title")
    if len(title) > TITLE_MAX:
        raise RuleViolation(
            _("The title can be at most %(most)d characters long.") % {"most": TITLE_MAX},
            code="title",
        )
    if not place:
        raise RuleViolation(_("Enter where the event takes place."), code="place")
    if online_link:
        try:
            URLValidator(schemes=["http", "https"])(online_link)
        except ValidationError:
            raise RuleViolation(
                _("The online link must be a web address starting with https:// or http://."),
                code="online_link",
            ) from None
    if not _whole_number(announce_days) or not 1 <= announce_days <= ANNOUNCE_DAYS_MAX:
        raise RuleViolation(
            _("The announcement must come between 1 and %(most)d days before the event.")
            % {"most": ANNOUNCE_DAYS_MAX},
            code="announce_days",
        )


def _check_agenda(council: Council, kind: str, year: int, items: list[AgendaItem]) -> None:
    """The items are the council's, for the event's year or, as usual, the year after.

    A 2021 assembly decides the 2022 projects, from agenda discovered in early 2021.
    """
    for item in items:
        if item.council_id != council.pk or item.year not in (year, year + 1):
            raise RuleViolation(
                _("“%(title)s” is not an agenda item of this council for %(year)d or %(next)d.")
                % {"title": item.title, "year": year, "next": year + 1},
                code="agenda",
            )
        if item.status == AgendaStatus.DROPPED:
            raise RuleViolation(
                _("“%(title)s” was dropped.") % {"title": item.title}, code="agenda"
            )
        if kind == EventKind.ASSEMBLY and item.status != AgendaStatus.DISCOVERED:
            raise RuleViolation(
                _(
                    "“%(title)s” is no longer being shaped (%(status)s): the assembly cannot vote on it."
                )
                % {"title": item.title, "status": AgendaStatus(item.status).label},
                code="agenda",
            )
    if kind == EventKind.ASSEMBLY and not items:
        raise RuleViolation(_("Choose the agenda items the assembly votes on."), code="agenda")


def schedule_event(
    *,
    council: Council,
    kind: str,
    year: int,
    title: str,
    starts_at: datetime,
    place: str,
    online_link: str = "",
    announce_days: int = 14,
    agenda_items: list[AgendaItem],
    description: str = "",
    staff: Any,
    now: datetime,
    ip: str | None,
) -> CouncilEvent:
    """Schedule an event with its agenda; its announcement goes public `announce_days` before.

    Refused when the announcement day is already past (residents must be told in time),
    for agenda items of another council or year, and for a second assembly in one year.
    The items of an assembly are then on its agenda (`on_assembly`).
    """
    authorise(staff, Action.MANAGE_COUNCIL, council, now)
    title, place, online_link = (title or "").strip(), (place or "").strip(), online_link or ""
    refuse_resident_number(description)
    _check_event_fields(
        kind=kind, title=title, place=place, online_link=online_link, announce_days=announce_days
    )
    check_year(year, now)
    event = CouncilEvent(
        council=council,
        kind=kind,
        year=year,
        title=title,
        description=(description or "").strip(),
        starts_at=starts_at,
        place=place[:200],
        online_link=online_link.strip(),
        announce_days=announce_days,
        created_at=now,
    )
    announced_on = event.announced_on()
    if announced_on < timezone.localdate(now):
        raise RuleViolation(
            _(
                "The announcement must be public %(days)d days before the event, by "
                "%(date)s, and that day has passed. Choose a later date or fewer days."
            )
            % {"days": announce_days, "date": announced_on.isoformat()},
            code="too_late",
        )
    if kind == EventKind.ASSEMBLY and council.events.filter(kind=kind, year=year).exists():
        raise _second_assembly(year)
    items = list(agenda_items)
    _check_agenda(council, kind, year, items)
    try:
        with transaction.atomic():
            event.save()
            event.agenda_items.set(items)
            if kind == EventKind.ASSEMBLY:
                AgendaItem.objects.filter(pk__in=[item.pk for item in items]).update(
                    status=AgendaStatus.ON_ASSEMBLY
                )
            audit.record(
                actor=staff,
                action="councils.event_schedule",
                target=event,
                changes={
                    **audit.diff({}, audit.snapshot(event, EVENT_FIELDS)),
                    "agenda_items": [None, [item.pk for item in items]],
                },
                ip=ip,
                now=now,
            )
    except IntegrityError:
        raise _second_assembly(year) from None
    return event


def _second_assembly(year: int) -> RuleViolation:
    return RuleViolation(
        _("The council already has a general assembly for %(year)d.") % {"year": year},
        code="second_assembly",
    )


def _assembly_items(event: CouncilEvent) -> list[AgendaItem]:
    # The ballot numbers follow the ids of the items: see the module docstring.
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
    authorise(staff, Action.MANAGE_COUNCIL, council, now)
    if event.kind != EventKind.ASSEMBLY:
        raise RuleViolation(_("Only a general assembly votes on its agenda."), code="kind")
    wanted = set(channels)
    if not wanted:
        raise RuleViolation(_("Allow at least one way of voting."), code="channels")
    if not wanted <= set(Channel.values):
        raise RuleViolation(_("Choose the ways of voting from the list."), code="channels")
    if closes_at <= opens_at:
        raise RuleViolation(_("The vote must close after it opens."), code="period")
    if timezone.localdate(opens_at) < event.announced_on():
        raise RuleViolation(
            _("The vote cannot open before the announcement on %(date)s.")
            % {"date": event.announced_on().isoformat()},
            code="period",
        )
    if Channel.ON_SITE in wanted and closes_at <= event.starts_at:
        raise RuleViolation(
            _("On-site ballots are cast at the assembly: the vote must close after it starts."),
            code="period",
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
            setup.add_option(
                vote=vote,
                title=item.title,
                description=item.description,
                cost=item.estimated_cost,
                proposal=item.proposal,
                staff=staff,
                now=now,
                ip=ip,
            )
        setup.publish_vote(vote=vote, staff=staff, now=now, ip=ip)
        locked.vote = vote
        locked.save(update_fields=["vote"])
        audit.record(
            actor=staff,
            action="councils.assembly_vote_open",
            target=locked,
            changes={"vote": [None, vote.pk]},
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


def _pairs(event: CouncilEvent, vote: Vote) -> list[tuple[AgendaItem, Option]]:
    items = _assembly_items(event)
    options = list(vote.options.order_by("number"))
    if len(items) != len(options) or any(
        option.title != item.title[:TITLE_MAX] for item, option in zip(items, options, strict=False)
    ):
        raise RuleViolation(
            _(
                "The vote's options no longer match the assembly's agenda items, so the "
                "result cannot be applied to them."
            ),
            code="mismatch",
        )
    return list(zip(items, options, strict=True))


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


def apply_assembly_result(
    *, event: CouncilEvent, staff: Any, now: datetime, ip: str | None
) -> AssemblyResult:
    """Mark each agenda item passed or not passed by the counted vote.

    An item passes when the count says so (more yes than no, and the quorum reached); if
    the quorum was missed, no item passes. Refused before the count and a second time.
    """
    authorise(staff, Action.MANAGE_COUNCIL, event.council, now)
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


def publish_minutes(
    *,
    event: CouncilEvent,
    minutes: str,
    attendance_on_site: int,
    attendance_online: int,
    staff: Any,
    now: datetime,
    ip: str | None,
) -> CouncilEvent:
    """Publish (or correct) the event's minutes and the people who came, on site and online."""
    authorise(staff, Action.MANAGE_COUNCIL, event.council, now)
    refuse_resident_number(minutes)
    if event.starts_at > now:
        raise RuleViolation(_("Publish the minutes after the event."), code="future")
    if not (_whole_number(attendance_on_site) and _whole_number(attendance_online)):
        raise RuleViolation(
            _("The numbers of people present must be whole numbers, zero or more."),
            code="attendance",
        )
    with transaction.atomic():
        locked = CouncilEvent.objects.select_for_update().get(pk=event.pk)
        before = audit.snapshot(locked, MINUTES_FIELDS)
        locked.minutes = minutes or ""
        locked.minutes_html = render_markdown(locked.minutes)
        locked.attendance_on_site = attendance_on_site
        locked.attendance_online = attendance_online
        locked.save(update_fields=[*MINUTES_FIELDS, "minutes_html"])
        audit.record(
            actor=staff,
            action="councils.event_minutes",
            target=locked,
            changes=audit.diff(before, audit.snapshot(locked, MINUTES_FIELDS)),
            ip=ip,
            now=now,
        )
    return locked
