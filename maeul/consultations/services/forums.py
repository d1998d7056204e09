"""Offline forums: staff set one up; residents register by target group up to the
capacity, then onto the waiting list; a cancellation moves the first waiting person up;
staff mark attendance, type in the tables' notes and publish the outcome with its links."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from maeul.consultations.models import (
    GOVERNANCE_FORUMS_A_YEAR,
    Forum,
    ForumKind,
    ForumOutcome,
    Registration,
    RegistrationStatus,
    TableNote,
    TargetGroup,
)
from maeul.core import audit
from maeul.core.dates import seoul_year
from maeul.core.errors import RuleViolation, refuse_duplicate
from maeul.core.permissions import Action, enforce
from maeul.core.privacy import refuse_resident_number
from maeul.core.texts import required_text
from maeul.core.waiting_list import WaitingList
from maeul.councils.models import AgendaItem
from maeul.places.models import District, Dong
from maeul.plans.models import Project
from maeul.proposals.models import Proposal
from maeul.spaces.calendar import active_policy
from maeul.spaces.models import CapacityPolicy, capped_capacity

# A forum's seats: registered, on the waiting list, cancelled.
SEATS = WaitingList(
    placed=RegistrationStatus.REGISTERED,
    waiting=RegistrationStatus.WAITING,
    cancelled=RegistrationStatus.CANCELLED,
)


@dataclass
class ForumSpec:
    kind: str
    title: str
    place: str
    starts_at: datetime
    ends_at: datetime
    capacity: int
    target_groups: Sequence[str]
    description: str = ""
    panels: str = ""
    materials: str = ""
    dong: Dong | None = None
    proposal: Proposal | None = None


def create_forum(
    *,
    spec: ForumSpec,
    district: District,
    staff: Any,
    ip: str | None,
    now: datetime,
    publish: bool = True,
) -> Forum:
    """A forum of `district` (or of one of its dongs), published unless `publish` is False."""
    enforce(staff, Action.MANAGE_FORUM, spec.dong or district, now=now)
    refuse_resident_number(
        title=spec.title,
        description=spec.description,
        panels=spec.panels,
        place=spec.place,
        materials=spec.materials,
    )
    for field, missing in (
        ("kind", spec.kind not in ForumKind.values),
        ("title", not spec.title.strip()),
        ("place", not spec.place.strip()),
    ):
        if missing:
            raise RuleViolation(
                _("Enter the kind, the title and the place."), code="forum", field=field
            )
    if spec.ends_at <= spec.starts_at:
        raise RuleViolation(
            _("The forum must end after it starts."), code="period", field="ends_at"
        )
    if spec.capacity < 1:
        raise RuleViolation(
            _("The capacity must be at least 1."), code="capacity", field="capacity"
        )
    if not spec.target_groups or any(g not in TargetGroup.values for g in spec.target_groups):
        raise RuleViolation(
            _("Choose the groups invited from the list."),
            code="target_groups",
            field="target_groups",
        )
    with transaction.atomic():
        forum = Forum.objects.create(
            district=district,
            dong=spec.dong,
            kind=spec.kind,
            title=spec.title.strip(),
            description=spec.description.strip(),
            place=spec.place.strip(),
            starts_at=spec.starts_at,
            ends_at=spec.ends_at,
            capacity=spec.capacity,
            target_groups=list(spec.target_groups),
            panels=spec.panels.strip(),
            materials=spec.materials.strip(),
            proposal=spec.proposal,
            published_at=now if publish else None,
            created_by=staff,
            created_at=now,
        )
        audit.record(actor=staff, action="consultations.forum.create", target=forum, ip=ip, now=now)
    return forum


@dataclass(frozen=True)
class Seats:
    """A forum's seats now: its own capacity capped by the district's level in force."""

    capacity: int
    policy: CapacityPolicy | None

    @property
    def capped(self) -> bool:
        return self.policy is not None


def open_workshop(
    *, proposal: Proposal, spec: ForumSpec, staff: Any, ip: str | None, now: datetime
) -> Forum:
    """구민제안 발굴 워크숍 on a popular proposal: a workshop forum of the proposal's district
    linked to it (its outcome shows on the proposal's page)."""
    enforce(staff, Action.OPEN_WORKSHOP, proposal, now=now)
    spec.kind, spec.proposal = ForumKind.WORKSHOP, proposal
    return create_forum(spec=spec, district=proposal.district, staff=staff, ip=ip, now=now)


def seats_of(forum: Forum) -> Seats:
    """The forum's effective capacity under its district's capacity policy (거리두기)."""
    policy = active_policy(forum.district_id)
    return Seats(capacity=capped_capacity(forum.capacity, policy), policy=policy)


def register_for_forum(
    *, user: Any, forum: Forum, target_group: str, now: datetime
) -> Registration:
    """Register for a seat, or onto the waiting list once the seats are taken.

    The forum row is locked while seats are counted, so two people cannot take the last
    seat at once; the database refuses a second live registration of one person.
    """
    enforce(user, Action.REGISTER_FOR_FORUM, forum, now=now)
    if target_group not in forum.target_groups:
        raise RuleViolation(
            _("Choose one of the groups this forum invites."),
            code="target_group",
            field="target_group",
        )
    with refuse_duplicate(
        _("You have already registered for this forum."), code="already_registered"
    ):
        locked = Forum.objects.select_for_update().get(pk=forum.pk)
        status = SEATS.status_on_joining(
            locked.registrations.all(), capacity=seats_of(locked).capacity
        )
        return Registration.objects.create(
            forum=forum, user=user, target_group=target_group, status=status, created_at=now
        )


def cancel_registration(
    *, user: Any, registration: Registration, now: datetime
) -> Registration | None:
    """Cancel one's registration before the start; returns whoever moved up from the list."""
    SEATS.refuse_unless_own(user, registration)
    if now >= registration.forum.starts_at:
        raise RuleViolation(
            _("The forum has started: the registration can no longer be cancelled."), code="started"
        )
    with transaction.atomic():
        forum = Forum.objects.select_for_update().get(pk=registration.forum_id)
        first: Registration | None = SEATS.cancel(
            registration, forum.registrations.all(), capacity=seats_of(forum).capacity
        )
        return first


def mark_attendance(
    *, forum: Forum, present: Iterable[int], staff: Any, ip: str | None, now: datetime
) -> int:
    """Mark who of the registered came (`present`: registration ids); the rest did not."""
    enforce(staff, Action.RECORD_FORUM, forum, now=now)
    seats = forum.registrations.filter(status=RegistrationStatus.REGISTERED)
    ids = set(present)
    with transaction.atomic():
        came = seats.filter(pk__in=ids).update(attended=True)
        seats.exclude(pk__in=ids).update(attended=False)
        audit.record(
            actor=staff,
            action="consultations.forum.attendance",
            target=forum,
            changes={"attended": [None, came]},
            ip=ip,
            now=now,
        )
    return came


def add_table_note(
    *, forum: Forum, table: str, body: str, staff: Any, ip: str | None, now: datetime
) -> TableNote:
    """What one table said, typed in after the forum (names of speakers are not asked)."""
    enforce(staff, Action.RECORD_FORUM, forum, now=now)
    table, body = table.strip(), body.strip()
    if not table or not body:
        raise RuleViolation(_("Enter the table and what it said."), code="note", field="body")
    refuse_resident_number(table=table, body=body)
    with transaction.atomic():
        note = TableNote.objects.create(
            forum=forum, table=table[:100], body=body, created_by=staff, created_at=now
        )
        audit.record(actor=staff, action="consultations.forum.note", target=forum, ip=ip, now=now)
    return note


def publish_outcome(
    *,
    forum: Forum,
    text: str,
    staff: Any,
    ip: str | None,
    now: datetime,
    proposals: Sequence[Proposal] = (),
    agenda_items: Sequence[AgendaItem] = (),
    projects: Sequence[Project] = (),
) -> Forum:
    """Publish what the forum concluded, linked to what it produced (in its district)."""
    enforce(staff, Action.RECORD_FORUM, forum, now=now)
    text = required_text(text, field="text", code="text", missing=_("Please write the outcome."))
    districts = {p.district_id for p in proposals} | {p.district_id for p in projects}
    districts |= {item.council.district_id for item in agenda_items}
    if districts - {forum.district_id}:
        raise RuleViolation(_("Link only what belongs to the forum's district."), code="links")
    with transaction.atomic():
        audit.save_changed(
            forum,
            {"outcome": text, "outcome_published_at": now},
            audited=(),
            actor=staff,
            action="consultations.forum.outcome",
            ip=ip,
            now=now,
        )
        ForumOutcome.objects.bulk_create(
            [ForumOutcome(forum=forum, proposal=p) for p in proposals]
            + [ForumOutcome(forum=forum, agenda_item=a) for a in agenda_items]
            + [ForumOutcome(forum=forum, project=p) for p in projects]
        )
    return forum


@dataclass(frozen=True)
class YearTarget:
    year: int
    held: int
    target: int

    @property
    def met(self) -> bool:
        return self.held >= self.target


def governance_forums_by_year(district: District, now: datetime) -> list[YearTarget]:
    """협치론장 held in each year (published, started by `now`) against the yearly target."""
    rows = (
        Forum.objects.public()
        .filter(district=district, kind=ForumKind.GOVERNANCE, starts_at__lte=now)
        .values_list("starts_at__year")
        .annotate(n=Count("pk"))
        .order_by("starts_at__year")
    )
    held = dict(rows)
    years = sorted({*held, seoul_year(now)})
    return [YearTarget(year, held.get(year, 0), GOVERNANCE_FORUMS_A_YEAR) for year in years]
