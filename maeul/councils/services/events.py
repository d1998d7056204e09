"""Council events: the policy sharing session (정책공유회), the general assembly (주민총회)
and the results sharing session, with their announcement (공고) and minutes.

The assembly's vote and its result are in `services.assembly`.
"""

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
from maeul.core.permissions import Action, enforce
from maeul.core.privacy import refuse_resident_number
from maeul.councils.models import (
    AgendaItem,
    AgendaStatus,
    Council,
    CouncilEvent,
    EventKind,
)
from maeul.councils.services.agenda import check_title, check_year, is_whole_number

ANNOUNCE_DAYS_MAX = 365
EVENT_FIELDS = ["kind", "year", "title", "starts_at", "place", "online_link", "announce_days"]
MINUTES_FIELDS = ["minutes", "attendance_on_site", "attendance_online"]


def _check_event_fields(
    *, kind: str, title: str, place: str, online_link: str, announce_days: int
) -> None:
    if kind not in EventKind.values:
        raise RuleViolation(_("Choose the kind of event."), code="kind", field="kind")
    refuse_resident_number(title, place, online_link)
    if not title:
        raise RuleViolation(_("Enter the event's title."), code="title", field="title")
    check_title(title)
    if not place:
        raise RuleViolation(_("Enter where the event takes place."), code="place", field="place")
    if online_link:
        try:
            URLValidator(schemes=["http", "https"])(online_link)
        except ValidationError:
            raise RuleViolation(
                _("The online link must be a web address starting with https:// or http://."),
                code="online_link",
                field="online_link",
            ) from None
    if not is_whole_number(announce_days) or not 1 <= announce_days <= ANNOUNCE_DAYS_MAX:
        raise RuleViolation(
            _("The announcement must come between 1 and %(most)d days before the event.")
            % {"most": ANNOUNCE_DAYS_MAX},
            code="announce_days",
            field="announce_days",
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
                field="agenda_items",
            )
        if item.status == AgendaStatus.DROPPED:
            raise RuleViolation(
                _("“%(title)s” was dropped.") % {"title": item.title},
                code="agenda",
                field="agenda_items",
            )
        if kind == EventKind.ASSEMBLY and item.status != AgendaStatus.DISCOVERED:
            raise RuleViolation(
                _(
                    "“%(title)s” is no longer being shaped (%(status)s): the assembly cannot vote on it."
                )
                % {"title": item.title, "status": AgendaStatus(item.status).label},
                code="agenda",
                field="agenda_items",
            )
    if kind == EventKind.ASSEMBLY and not items:
        raise RuleViolation(
            _("Choose the agenda items the assembly votes on."),
            code="agenda",
            field="agenda_items",
        )


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
    enforce(staff, Action.MANAGE_COUNCIL, council, now=now)
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
            field="starts_at",
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
        field="year",
    )


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
    enforce(staff, Action.MANAGE_COUNCIL, event.council, now=now)
    refuse_resident_number(minutes)
    if event.starts_at > now:
        raise RuleViolation(_("Publish the minutes after the event."), code="future")
    for name, value in (
        ("attendance_on_site", attendance_on_site),
        ("attendance_online", attendance_online),
    ):
        if not is_whole_number(value):
            raise RuleViolation(
                _("The numbers of people present must be whole numbers, zero or more."),
                code="attendance",
                field=name,
            )
    with transaction.atomic():
        locked = CouncilEvent.objects.select_for_update().get(pk=event.pk)
        with audit.changing(
            locked, MINUTES_FIELDS, actor=staff, action="councils.event_minutes", ip=ip, now=now
        ):
            locked.minutes = minutes or ""
            locked.minutes_html = render_markdown(locked.minutes)
            locked.attendance_on_site = attendance_on_site
            locked.attendance_online = attendance_online
            locked.save(update_fields=[*MINUTES_FIELDS, "minutes_html"])
    return locked
