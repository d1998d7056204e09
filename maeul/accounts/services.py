"""State changes of a person's profile: name, birth year, dong ties; and staff corrections.

Birth year and dong ties decide who may vote, so they do not move freely:
- once an account is verified, its birth year is the one verification saw; only staff
  correct it (`correct_birth_year`, with a reason, audited);
- a person holds at most one current tie per kind (lives, works, studies); a kind changed
  in the last 30 days cannot be changed again, and every change is audited;
- ended ties are kept, so that a vote can ask who was tied where when it opened.
"""

from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from maeul.accounts.models import DongTie, TieKind, User
from maeul.core import audit
from maeul.core.dates import seoul_minute
from maeul.core.errors import RuleViolation, refuse_duplicate
from maeul.core.permissions import Action, enforce, forget_ties
from maeul.core.privacy import refuse_resident_number
from maeul.places.models import Dong

EARLIEST_BIRTH_YEAR = 1900
# How long a tie of one kind stays as it is after a change: moving one's ties around
# from vote to vote should not pay off.
TIE_CHANGE_PAUSE = timedelta(days=30)
REASON_MAX = 300


def _check_birth_year(birth_year: int | None, now: datetime) -> None:
    if birth_year is not None and not EARLIEST_BIRTH_YEAR <= birth_year <= now.year:
        raise RuleViolation(_("Enter a birth year between 1900 and this year."), code="birth_year")


def update_profile(*, user: User, display_name: str, birth_year: int | None, now: datetime) -> User:
    """Change the name others see and the birth year that eligibility rules read.

    A verified account keeps the birth year verification saw: changing it raises
    RuleViolation (staff correct it at the dong office, see `correct_birth_year`).
    """
    _check_birth_year(birth_year, now)
    if user.is_verified and birth_year != user.birth_year:
        raise RuleViolation(
            _(
                "Your birth year was checked when your account was verified, so you cannot "
                "change it here. If it is wrong, staff at your dong office can correct it."
            ),
            code="birth_year_fixed",
        )
    refuse_resident_number(display_name=display_name)
    user.display_name = display_name.strip()
    fields = ["display_name", *user.set_birth_year(birth_year, at=now)]
    user.save(update_fields=fields)
    return user


# --- Dong ties ---------------------------------------------------------------------------


def next_tie_change(user: User, kind: str, now: datetime) -> datetime | None:
    """When a tie of `kind` may next change, if not now (None: it may change now)."""
    moments = [
        ended or started
        for started, ended in DongTie.objects.filter(user=user, kind=kind).values_list(
            "started_at", "ended_at"
        )
    ]
    if not moments:
        return None  # a kind the person never had: adding it is not limited
    ready = max(moments) + TIE_CHANGE_PAUSE
    return ready if ready > now else None


def _require_tie_may_change(user: User, kind: str, now: datetime) -> None:
    ready = next_tie_change(user, kind, now)
    if ready is not None:
        raise RuleViolation(
            _(
                "Your tie (%(kind)s) changed less than 30 days ago. "
                "You can change it again from %(date)s."
            )
            % {
                "kind": TieKind(kind).label,
                "date": seoul_minute(ready),
            },
            code="tie_paused",
        )


def _lock_person(user: User) -> None:
    """Take the person's row lock, so that two tie changes of theirs happen one after the other."""
    User.objects.select_for_update().filter(pk=user.pk).exists()


def _record_tie_change(
    *, user: User, action: str, kind: str, before: Any, after: Any, ip: str | None, now: datetime
) -> None:
    audit.record(
        actor=user, action=action, target=user, changes={kind: [before, after]}, ip=ip, now=now
    )


def _tie_label(tie: DongTie) -> str:
    return f"{tie.dong.name} ({tie.dong.code})"


def add_dong_tie(
    *, user: User, dong: Dong, kind: str, now: datetime, ip: str | None = None
) -> DongTie:
    """Tie a person to a dong where they live, work or study; one current tie per kind."""
    with transaction.atomic():
        _lock_person(user)
        current = DongTie.objects.current().filter(user=user, kind=kind).first()
        if current is not None:
            if current.dong_id == dong.pk:
                raise RuleViolation(_("You have already added this tie."), code="duplicate_tie")
            raise RuleViolation(
                _(
                    "You already have a tie of this kind (%(kind)s): one dong per kind. "
                    "If you moved, change the dong of that tie instead."
                )
                % {"kind": TieKind(kind).label},
                code="duplicate_tie",
            )
        _require_tie_may_change(user, kind, now)
        with refuse_duplicate(_("You have already added this tie."), code="duplicate_tie"):
            tie = DongTie.objects.create(user=user, dong=dong, kind=kind, started_at=now)
        _record_tie_change(
            user=user,
            action="accounts.add_tie",
            kind=kind,
            before=None,
            after=_tie_label(tie),
            ip=ip,
            now=now,
        )
    forget_ties(user)
    return tie


def _current_tie_of(user: User, tie_id: int) -> DongTie:
    tie = (
        DongTie.objects.current()
        .select_for_update()
        .select_related("dong")
        .filter(user=user, pk=tie_id)
        .first()
    )
    if tie is None:
        raise RuleViolation(_("This tie does not exist."), code="no_tie")
    return tie


def remove_dong_tie(*, user: User, tie_id: int, now: datetime, ip: str | None = None) -> DongTie:
    """End one of the person's current ties; the row stays as history."""
    with transaction.atomic():
        _lock_person(user)
        tie = _current_tie_of(user, tie_id)
        _require_tie_may_change(user, tie.kind, now)
        tie.ended_at = now
        tie.save(update_fields=["ended_at"])
        _record_tie_change(
            user=user,
            action="accounts.end_tie",
            kind=tie.kind,
            before=_tie_label(tie),
            after=None,
            ip=ip,
            now=now,
        )
    forget_ties(user)
    return tie


def move_dong_tie(
    *, user: User, tie_id: int, dong: Dong, now: datetime, ip: str | None = None
) -> DongTie:
    """Move a tie to another dong (one moved house or job): the old tie ends, a new one starts.

    One change of the kind, limited like any other.
    """
    with transaction.atomic():
        _lock_person(user)
        tie = _current_tie_of(user, tie_id)
        if tie.dong_id == dong.pk:
            raise RuleViolation(_("This tie is already in that dong."), code="same_dong")
        _require_tie_may_change(user, tie.kind, now)
        tie.ended_at = now
        tie.save(update_fields=["ended_at"])
        moved = DongTie.objects.create(user=user, dong=dong, kind=tie.kind, started_at=now)
        _record_tie_change(
            user=user,
            action="accounts.move_tie",
            kind=tie.kind,
            before=_tie_label(tie),
            after=_tie_label(moved),
            ip=ip,
            now=now,
        )
    forget_ties(user)
    return moved


# --- Staff at the dong office --------------------------------------------------------------


def confirm_tie(*, staff: User, tie: DongTie, now: datetime, ip: str | None) -> DongTie:
    """Staff checked the tie in person (an address on the 신분증, a certificate of employment
    or of enrolment); audited. Raises RuleViolation if not allowed or not current."""
    enforce(staff, Action.CONFIRM_TIE, tie, now=now)
    with transaction.atomic():
        locked = DongTie.objects.select_for_update().filter(pk=tie.pk).first()
        if locked is None or not locked.is_current:
            raise RuleViolation(_("This tie has ended."), code="no_tie")
        if locked.is_confirmed:
            raise RuleViolation(_("This tie is already confirmed."), code="already_confirmed")
        with audit.changing(
            locked,
            ["confirmed_at", "confirmed_by"],
            actor=staff,
            action="accounts.confirm_tie",
            ip=ip,
            now=now,
        ) as changes:
            locked.confirmed_at = now
            locked.confirmed_by = staff
            locked.save(update_fields=["confirmed_at", "confirmed_by"])
            changes["user"] = [None, locked.user_id]
    return locked


def correct_birth_year(
    *, staff: User, resident: User, birth_year: int, reason: str, now: datetime, ip: str | None
) -> User:
    """Staff correct a resident's birth year from the identity card, giving the reason; audited."""
    enforce(staff, Action.CORRECT_BIRTH_YEAR, resident, now=now)
    reason = (reason or "").strip()
    if not reason:
        raise RuleViolation(_("Give the reason for the correction."), code="reason")
    _check_birth_year(birth_year, now)
    with transaction.atomic():
        resident = User.objects.select_for_update().get(pk=resident.pk)
        before = resident.birth_year
        fields = resident.set_birth_year(birth_year, at=now)
        if not fields:
            raise RuleViolation(
                _("The birth year is already %(year)d.") % {"year": birth_year}, code="unchanged"
            )
        resident.save(update_fields=fields)
        audit.record(
            actor=staff,
            action="accounts.correct_birth_year",
            target=resident,
            changes={"birth_year": [before, birth_year], "reason": [None, reason[:REASON_MAX]]},
            ip=ip,
            now=now,
        )
    return resident
