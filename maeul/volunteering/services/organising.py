"""Camps, clubs and their leaders, activities and their shifts, and work proposed by a camp
meeting (일감제안) that staff turn into an activity or decline."""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypeVar

from django.db import transaction
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from maeul.core import audit
from maeul.core.errors import RuleViolation, refuse_duplicate
from maeul.core.permissions import Action, enforce
from maeul.core.privacy import refuse_resident_number
from maeul.core.texts import required_text
from maeul.courses.models import Course
from maeul.places.models import Dong
from maeul.volunteering.models import (
    DEFAULT_MIN_AGE,
    ActivityStatus,
    Field,
    MemberRole,
    Membership,
    ProposalStatus,
    Shift,
    VolunteerActivity,
    VolunteerCamp,
    VolunteerClub,
    WorkProposal,
)

Group = TypeVar("Group", VolunteerCamp, VolunteerClub)


@dataclass(frozen=True)
class _GroupWords:
    unnamed: Promise
    taken: Promise
    audit_action: str


_GROUP_WORDS = {
    VolunteerCamp: _GroupWords(
        unnamed=gettext_lazy("Enter the camp's name."),
        taken=gettext_lazy("This dong already has a camp of that name."),
        audit_action="volunteering.create_camp",
    ),
    VolunteerClub: _GroupWords(
        unnamed=gettext_lazy("Enter the club's name."),
        taken=gettext_lazy("A club of that name is already registered."),
        audit_action="volunteering.create_club",
    ),
}


def _create_group(
    model: type[Group],
    *,
    dong: Dong,
    name: str,
    staff: Any,
    now: datetime,
    ip: str | None,
    **texts: str,
) -> Group:
    """A camp or a club of `dong` (staff serving the dong) with its audit entry: its name
    required and unique in the dong, its other `texts` (description, field) free of resident
    numbers; what a person reads and the audit name come from `_GROUP_WORDS`."""
    words = _GROUP_WORDS[model]
    enforce(staff, Action.MANAGE_VOLUNTEERING, dong, now=now)
    refuse_resident_number(name=name, **texts)
    name = required_text(name, field="name", code="name", missing=words.unnamed)
    with refuse_duplicate(words.taken, code="duplicate", field="name"):
        group = model.objects.create(
            district_id=dong.district_id, dong=dong, name=name, created_at=now, **texts
        )
        audit.record(actor=staff, action=words.audit_action, target=group, ip=ip, now=now)
    return group


def create_camp(
    *,
    dong: Dong,
    name: str,
    description: str = "",
    staff: Any,
    now: datetime,
    ip: str | None = None,
) -> VolunteerCamp:
    """Open a volunteer camp in `dong` (staff serving the dong)."""
    return _create_group(
        VolunteerCamp, dong=dong, name=name, description=description, staff=staff, now=now, ip=ip
    )


def create_club(
    *,
    dong: Dong,
    name: str,
    field: str = "",
    description: str = "",
    staff: Any,
    now: datetime,
    ip: str | None = None,
) -> VolunteerClub:
    """Register a volunteer club (동아리) of `dong` (staff serving the dong)."""
    return _create_group(
        VolunteerClub,
        dong=dong,
        name=name,
        field=field,
        description=description,
        staff=staff,
        now=now,
        ip=ip,
    )


def add_member(
    *,
    user: Any,
    camp: VolunteerCamp | None = None,
    club: VolunteerClub | None = None,
    role: str = MemberRole.MEMBER,
    staff: Any,
    now: datetime,
    ip: str | None = None,
) -> Membership:
    """Add `user` to a camp or a club as a member or its leader (캠프장, 동아리 회장)."""
    group = camp or club
    enforce(staff, Action.MANAGE_VOLUNTEERING, group, now=now)
    with refuse_duplicate(_("This person is already in the group."), code="duplicate"):
        membership = Membership.objects.create(
            user=user, camp=camp, club=club, role=role, joined_at=now
        )
        audit.record_created(
            membership, ["role"], actor=staff, action="volunteering.add_member", ip=ip, now=now
        )
    return membership


def create_activity(
    *,
    title: str,
    description: str = "",
    field: str = Field.OTHER,
    camp: VolunteerCamp | None = None,
    club: VolunteerClub | None = None,
    dong: Dong | None = None,
    min_age: int = DEFAULT_MIN_AGE,
    staff: Any,
    now: datetime,
    ip: str | None = None,
    required_course: Course | None = None,
) -> VolunteerActivity:
    """An activity run by a camp or a club (its dong and district follow), taking sign-ups;
    with `required_course`, only volunteers who completed that training may sign up."""
    place = dong or (camp.dong if camp else None) or (club.dong if club else None)
    if place is None:
        raise RuleViolation(_("Choose the camp, club or dong of the activity."), code="place")
    enforce(staff, Action.MANAGE_VOLUNTEERING, place, now=now)
    refuse_resident_number(title=title, description=description)
    title = required_text(
        title, field="title", code="title", missing=_("Enter the activity's title.")
    )
    if field not in Field.values:
        raise RuleViolation(_("Choose the field of volunteering."), code="field", field="field")
    if not 0 <= min_age <= 100:
        raise RuleViolation(
            _("Enter a minimum age from 0 to 100."), code="min_age", field="min_age"
        )
    with transaction.atomic():
        activity = VolunteerActivity.objects.create(
            district_id=place.district_id,
            dong=place,
            camp=camp,
            club=club,
            title=title,
            description=description,
            field=field,
            min_age=min_age,
            created_at=now,
            required_course=required_course,
        )
        audit.record(
            actor=staff, action="volunteering.create_activity", target=activity, ip=ip, now=now
        )
    return activity


def add_shift(
    *,
    activity: VolunteerActivity,
    starts_at: datetime,
    ends_at: datetime,
    place: str,
    places: int,
    minutes: int | None = None,
    staff: Any,
    now: datetime,
    ip: str | None = None,
) -> Shift:
    """A shift of `activity`: when, where, how many places, the minutes it credits (by
    default its length)."""
    enforce(staff, Action.MANAGE_VOLUNTEERING, activity, now=now)
    place = required_text(place, field="place", code="place", missing=_("Enter the place."))
    if ends_at <= starts_at:
        raise RuleViolation(_("The end must be after the start."), code="time", field="ends_at")
    length = int((ends_at - starts_at).total_seconds() // 60)
    credited = length if minutes is None else minutes
    if not 1 <= credited <= length:
        raise RuleViolation(
            _("The hours credited cannot be more than the shift's length."),
            code="minutes",
            field="minutes",
        )
    if places < 1:
        raise RuleViolation(_("A shift has at least one place."), code="places", field="places")
    with transaction.atomic():
        shift = Shift.objects.create(
            activity=activity,
            starts_at=starts_at,
            ends_at=ends_at,
            place=place,
            places=places,
            minutes=credited,
        )
        audit.record(actor=staff, action="volunteering.add_shift", target=shift, ip=ip, now=now)
    return shift


def close_activity(
    *, activity: VolunteerActivity, staff: Any, now: datetime, ip: str | None = None
) -> None:
    """Stop taking sign-ups for `activity` (its hours can still be confirmed)."""
    enforce(staff, Action.MANAGE_VOLUNTEERING, activity, now=now)
    with transaction.atomic():
        audit.save_changed(
            activity,
            {"status": ActivityStatus.CLOSED},
            audited=(),
            actor=staff,
            action="volunteering.close_activity",
            ip=ip,
            now=now,
        )


def propose_work(
    *,
    camp: VolunteerCamp,
    title: str,
    description: str,
    meeting_on: date,
    user: Any,
    now: datetime,
) -> WorkProposal:
    """Record work (일감) the camp's meeting (간담회) proposes, for staff to decide on."""
    enforce(user, Action.PROPOSE_WORK, camp, now=now)
    refuse_resident_number(title=title, description=description)
    title = required_text(title, field="title", code="title", missing=_("Enter the work proposed."))
    return WorkProposal.objects.create(
        camp=camp,
        title=title,
        description=description,
        meeting_on=meeting_on,
        proposed_by=user,
        created_at=now,
    )


def _undecided(proposal: WorkProposal) -> None:
    if proposal.status != ProposalStatus.PROPOSED:
        raise RuleViolation(_("This proposal was already decided."), code="decided")


def accept_proposal(
    *, proposal: WorkProposal, staff: Any, now: datetime, ip: str | None = None, **activity: Any
) -> VolunteerActivity:
    """Turn proposed work into an activity of its camp (`activity`: `create_activity`'s
    fields, the proposal's title and description by default)."""
    enforce(staff, Action.MANAGE_VOLUNTEERING, proposal, now=now)
    _undecided(proposal)
    activity.setdefault("title", proposal.title)
    activity.setdefault("description", proposal.description)
    with transaction.atomic():
        created = create_activity(camp=proposal.camp, staff=staff, now=now, ip=ip, **activity)
        proposal.status, proposal.activity, proposal.decided_at = (
            ProposalStatus.ACCEPTED,
            created,
            now,
        )
        proposal.save(update_fields=["status", "activity", "decided_at"])
    return created


def decline_proposal(
    *, proposal: WorkProposal, answer: str, staff: Any, now: datetime, ip: str | None = None
) -> None:
    """Decline proposed work, saying why (the camp reads the answer)."""
    enforce(staff, Action.MANAGE_VOLUNTEERING, proposal, now=now)
    _undecided(proposal)
    answer = required_text(
        answer, field="answer", code="answer", missing=_("Say why the proposal is declined.")
    )
    with transaction.atomic():
        audit.save_changed(
            proposal,
            {"status": ProposalStatus.DECLINED, "answer": answer, "decided_at": now},
            audited=(),
            actor=staff,
            action="volunteering.decline_proposal",
            ip=ip,
            now=now,
        )
