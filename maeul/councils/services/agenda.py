"""Agenda discovery (의제발굴): agenda items written by sections or promoted from proposals,
their status along the cycle, and the meetings (연석회의, 분과회의) where they are shaped.

A promoted proposal keeps its link both ways (`AgendaItem.proposal` and a `ProposalLink`),
and the people who wrote or supported it hear about it once each. The statuses an
assembly decides (on the agenda, passed, not passed) are set by `services.events` only.
"""

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from maeul.accounts.models import User
from maeul.core import audit
from maeul.core.errors import RuleViolation
from maeul.core.markup import render_markdown
from maeul.core.notifications import notify
from maeul.core.permissions import Action, enforce
from maeul.core.privacy import refuse_resident_number
from maeul.councils.models import (
    AgendaItem,
    AgendaStatus,
    Council,
    CouncilKind,
    CouncilMember,
    Meeting,
    MeetingKind,
    Section,
)
from maeul.proposals.models import Proposal, ProposalLink

TITLE_MAX = 200
NOTIFY_KIND = "agenda_promoted"
FIRST_YEAR = 2000
# How far ahead an agenda may look: items are shaped this year for next year's plan.
YEARS_AHEAD = 2

# Which status staff may move an item to by hand. The assembly's statuses (on_assembly,
# passed, rejected) come from scheduling the assembly and applying its result.
STAFF_TRANSITIONS: dict[str, set[str]] = {
    AgendaStatus.DISCOVERED: {AgendaStatus.DROPPED},
    AgendaStatus.DROPPED: {AgendaStatus.DISCOVERED},
    AgendaStatus.REJECTED: {AgendaStatus.DISCOVERED, AgendaStatus.DROPPED},
    AgendaStatus.PASSED: {AgendaStatus.PLANNED},
}

AGENDA_FIELDS = ["title", "description", "year", "section", "estimated_cost", "status"]


def agenda_item_url(item: AgendaItem) -> str:
    return reverse("councils:agenda_item", kwargs={"pk": item.pk})


def is_whole_number(value: Any) -> bool:
    """A whole number, zero or more (not a bool, not a fraction): a cost, a count of people."""
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def check_title(title: str) -> None:
    if len(title) > TITLE_MAX:
        raise RuleViolation(
            _("The title can be at most %(most)d characters long.") % {"most": TITLE_MAX},
            code="title",
            field="title",
        )


def check_year(year: int, now: datetime) -> None:
    latest = timezone.localdate(now).year + YEARS_AHEAD
    if not is_whole_number(year) or not FIRST_YEAR <= year <= latest:
        raise RuleViolation(
            _("The year must be between %(first)d and %(last)d.")
            % {"first": FIRST_YEAR, "last": latest},
            code="year",
            field="year",
        )


def _check_section(council: Council, section: Section | None) -> None:
    if section is not None and section.council_id != council.pk:
        raise RuleViolation(
            _("The section is not one of this council's."), code="section", field="section"
        )


def _check_cost(cost: int) -> None:
    if not is_whole_number(cost):
        raise RuleViolation(
            _("The estimated cost must be a whole number of won, zero or more."),
            code="cost",
            field="estimated_cost",
        )


def write_agenda_item(
    *,
    council: Council,
    title: str,
    description: str,
    year: int,
    section: Section | None = None,
    estimated_cost: int = 0,
    author: Any,
    now: datetime,
    ip: str | None,
) -> AgendaItem:
    """Write a new agenda item of `council` for `year` (a member of the council or its staff).

    Raises RuleViolation for a person who may not write, an empty title, a section of
    another council, a negative or fractional cost, or a year out of range.
    """
    enforce(author, Action.WRITE_AGENDA_ITEM, council, now=now)
    title = (title or "").strip()
    refuse_resident_number(title, description)
    if not title:
        raise RuleViolation(_("Enter the agenda item's title."), code="title", field="title")
    check_title(title)
    check_year(year, now)
    _check_section(council, section)
    _check_cost(estimated_cost)
    with transaction.atomic():
        item = AgendaItem.objects.create(
            council=council,
            section=section,
            year=year,
            title=title,
            description=(description or "").strip(),
            estimated_cost=estimated_cost,
            created_by=author,
            created_at=now,
        )
        audit.record_created(
            item, AGENDA_FIELDS, actor=author, action="councils.agenda_write", ip=ip, now=now
        )
    return item


def _check_promotable(proposal: Proposal, council: Council) -> None:
    if not proposal.is_public:
        raise RuleViolation(
            _("Only a public proposal can become an agenda item."),
            code="not_public",
            field="proposal",
        )
    if proposal.district_id != council.district_id:
        raise RuleViolation(
            _("The proposal is about another district than the council's."),
            code="other_place",
            field="proposal",
        )
    if (
        council.kind == CouncilKind.RESIDENT
        and proposal.dong_id is not None
        and proposal.dong_id != council.dong_id
    ):
        raise RuleViolation(
            _("The proposal is about another dong than the council's."),
            code="other_place",
            field="proposal",
        )


def _supporters(proposal: Proposal) -> list[User]:
    supporters = User.objects.filter(supports__proposal=proposal)
    if proposal.author_id is not None:
        supporters = supporters.exclude(pk=proposal.author_id)
    return list(supporters)


def promote_proposal(
    *,
    proposal: Proposal,
    council: Council,
    year: int,
    section: Section | None = None,
    staff: Any,
    now: datetime,
    ip: str | None,
) -> AgendaItem:
    """Take a public proposal up as an agenda item, keep the link, tell its people.

    The proposal must be of the council's district and, for a resident council, of its
    dong or of the whole district. The author and each supporter get one notification.
    A proposal becomes an agenda item of one council and year once: a second promotion
    is refused.
    """
    enforce(staff, Action.MANAGE_COUNCIL, council, now=now)
    check_year(year, now)
    _check_section(council, section)
    with transaction.atomic():
        # The lock serialises two promotions of the same proposal (a double click).
        proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
        _check_promotable(proposal, council)
        earlier = AgendaItem.objects.filter(council=council, year=year, proposal=proposal).first()
        if earlier is not None:
            raise RuleViolation(
                _(
                    "This proposal is already an agenda item of the council for %(year)d: "
                    "“%(title)s”."
                )
                % {"year": year, "title": earlier.title},
                code="already_promoted",
                field="proposal",
            )
        item = AgendaItem.objects.create(
            council=council,
            section=section,
            year=year,
            title=proposal.title[:TITLE_MAX],
            description=proposal.body,
            proposal=proposal,
            created_by=staff,
            created_at=now,
        )
        ProposalLink.objects.create(
            proposal=proposal,
            target_type=ContentType.objects.get_for_model(AgendaItem),
            target_id=item.pk,
            relation="origin",
            created_at=now,
        )
        audit.record_created(
            item,
            ["proposal", "year"],
            actor=staff,
            action="councils.agenda_promote",
            ip=ip,
            now=now,
        )
        url = agenda_item_url(item)
        names = {"title": proposal.title, "council": council.name}
        notify(
            recipients=[proposal.author],
            kind=NOTIFY_KIND,
            message=_("Your proposal “%(title)s” became an agenda item of %(council)s.") % names,
            url=url,
            now=now,
        )
        notify(
            recipients=_supporters(proposal),
            kind=NOTIFY_KIND,
            message=_(
                "The proposal you supported, “%(title)s”, became an agenda item of %(council)s."
            )
            % names,
            url=url,
            now=now,
        )
    return item


def change_agenda_status(
    *,
    item: AgendaItem,
    status: str,
    staff: Any,
    now: datetime,
    ip: str | None,
    reason: str = "",
) -> AgendaItem:
    """Move an agenda item along by hand (drop it, take it up again, mark it planned).

    Raises RuleViolation when the move is not one of `STAFF_TRANSITIONS`: the assembly's
    statuses follow from the assembly itself.
    """
    enforce(staff, Action.MANAGE_COUNCIL, item.council, now=now)
    with transaction.atomic():
        locked = AgendaItem.objects.select_for_update().get(pk=item.pk)
        if status not in STAFF_TRANSITIONS.get(locked.status, set()):
            raise RuleViolation(
                _("An agenda item cannot go from “%(before)s” to “%(after)s”.")
                % {
                    "before": AgendaStatus(locked.status).label,
                    "after": AgendaStatus(status).label
                    if status in AgendaStatus.values
                    else status,
                },
                code="transition",
                field="status",
            )
        refuse_resident_number(reason)
        with audit.changing(
            locked, ["status"], actor=staff, action="councils.agenda_status", ip=ip, now=now
        ) as changes:
            locked.status = status
            locked.save(update_fields=["status"])
            if reason.strip():
                changes["reason"] = [None, reason.strip()[:300]]
    item.status = status
    return item


def record_meeting(
    *,
    council: Council,
    kind: str,
    held_at: datetime,
    place: str,
    attendees: Iterable[CouncilMember],
    guests: int,
    minutes: str,
    section: Section | None = None,
    staff: Any,
    now: datetime,
    ip: str | None,
) -> Meeting:
    """Record a meeting that took place: who of the term came, other people, the minutes.

    Raises RuleViolation for a meeting in the future, a section meeting without its
    section, a section of another council, a negative number of guests, or an attendee
    who is not a member of the council's term on the meeting day.
    """
    enforce(staff, Action.MANAGE_COUNCIL, council, now=now)
    refuse_resident_number(place, minutes)
    if kind not in MeetingKind.values:
        raise RuleViolation(_("Choose the kind of meeting."), code="kind", field="kind")
    if held_at > now:
        raise RuleViolation(
            _("Record a meeting after it has taken place."), code="future", field="held_at"
        )
    if kind == MeetingKind.SECTION and section is None:
        raise RuleViolation(
            _("Choose the section whose meeting it was."), code="section", field="section"
        )
    _check_section(council, section)
    if not is_whole_number(guests):
        raise RuleViolation(
            _("The number of other people present must be zero or more."),
            code="guests",
            field="guests",
        )
    present = list(attendees)
    serving = CouncilMember.objects.serving_on(council, timezone.localdate(held_at))
    members = set(serving.values_list("pk", flat=True))
    strangers = [member for member in present if member.pk not in members]
    if strangers:
        raise RuleViolation(
            _("Not members of the council on the meeting day: %(names)s.")
            % {"names": ", ".join(member.public_name for member in strangers)},
            code="attendees",
            field="attendees",
        )
    with transaction.atomic():
        meeting = Meeting.objects.create(
            council=council,
            kind=kind,
            section=section,
            held_at=held_at,
            place=(place or "").strip()[:200],
            guests=guests,
            minutes=minutes or "",
            minutes_html=render_markdown(minutes or ""),
        )
        meeting.attendees.set(present)
        audit.record(
            actor=staff,
            action="councils.meeting_record",
            target=meeting,
            changes={"attendees": [None, len(present)], "guests": [None, guests]},
            ip=ip,
            now=now,
        )
    return meeting
