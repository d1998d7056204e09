"""Signing up for a shift (a person, or a company's group), cancelling, and the rules a
sign-up must pass: the shift's places, the volunteer's age, a minor's guardian consent and
the training the activity requires.

Age is counted the Korean administrative way (`User.age_in`: this year minus the birth
year), the same as the 1365 portal's youth rules: under `activity.min_age` (14 unless staff
lower it for family volunteering) is refused; under 19 needs a recorded guardian consent.
The places are counted inside the transaction that holds the shift's row, so two people
taking the last place at once cannot both get it.

A full shift has a waiting list (a sign-up with the status "waiting", as courses and forums
keep theirs): the same rules apply to join it; when an active sign-up is cancelled, the
first person waiting moves up (`core.waiting_list.WaitingList.cancel`) in the same
transaction, under the same lock on the shift, and is notified.
"""

from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Q, Sum
from django.urls import reverse
from django.utils.translation import gettext as _

from maeul.core.dates import seoul_minute, seoul_year
from maeul.core.errors import RuleViolation, refuse_duplicate
from maeul.core.notifications import notify
from maeul.core.permissions import Action, enforce
from maeul.core.privacy import refuse_resident_number
from maeul.core.waiting_list import WaitingList
from maeul.volunteering.models import (
    ADULT_AGE,
    GroupSignUp,
    GuardianConsent,
    Shift,
    SignUp,
    SignUpStatus,
    Volunteer,
    VolunteerActivity,
)
from maeul.volunteering.training import missing_training

NOTIFY_KIND = "volunteering.waiting_list"
# The statuses of a sign-up in the words of `core.waiting_list`.
LIVE = [SignUpStatus.ACTIVE, SignUpStatus.WAITING]
# A shift's places: signed up, on the waiting list, cancelled (in the order signed up).
PLACES = WaitingList(
    placed=SignUpStatus.ACTIVE,
    waiting=SignUpStatus.WAITING,
    cancelled=SignUpStatus.CANCELLED,
    joined="signed_up_at",
)


def _group_places(shift: Shift) -> int:
    """The places the active company groups of `shift` hold."""
    groups = shift.group_sign_ups.filter(status=SignUpStatus.ACTIVE)
    return int(groups.aggregate(n=Sum("head_count"))["n"] or 0)


def taken_places(shift: Shift) -> int:
    """People signed up for `shift`: active sign-ups plus the head count of active groups
    (the waiting list takes no place)."""
    return shift.sign_ups.filter(status=SignUpStatus.ACTIVE).count() + _group_places(shift)


def waiting_position(sign_up: SignUp) -> int | None:
    """1 for the first person waiting on the shift, 2 for the next…; None unless waiting."""
    if sign_up.status != SignUpStatus.WAITING:
        return None
    ahead = SignUp.objects.filter(shift_id=sign_up.shift_id, status=SignUpStatus.WAITING).filter(
        Q(signed_up_at__lt=sign_up.signed_up_at)
        | Q(signed_up_at=sign_up.signed_up_at, pk__lt=sign_up.pk)
    )
    return ahead.count() + 1


def age_refusal(user: Any, activity: VolunteerActivity, now: datetime) -> str:
    """Why `user`'s age (or a missing guardian consent) keeps them from `activity`, or ""."""
    age = user.age_in(seoul_year(now))
    if age is None:
        return _("Enter your birth year in your account first: the activity has age rules.")
    if age < activity.min_age:
        return _("This activity is for people aged %(age)d and over.") % {"age": activity.min_age}
    if age < ADULT_AGE and not GuardianConsent.objects.filter(user_id=user.pk).exists():
        return _(
            "Volunteers under 19 need their guardian's consent first. "
            "Record it on the My volunteering page."
        )
    return ""


def sign_up_refusal(user: Any, shift: Shift, now: datetime) -> str:
    """The first rule that keeps `user` from signing up for `shift` (besides who may), or ""."""
    activity = shift.activity
    refusal = age_refusal(user, activity, now)
    if refusal:
        return refusal
    course = missing_training(user, activity)
    if course is not None:
        return _("This activity needs the training “%(course)s” first.") % {"course": course}
    return ""


def _require_eligible(user: Any, shift: Shift, now: datetime) -> None:
    """Refuse `user` a place on `shift`, or its waiting list, when they may not sign up."""
    enforce(user, Action.SIGN_UP_VOLUNTEER, shift, now=now)
    refusal = sign_up_refusal(user, shift, now)
    if refusal:
        raise RuleViolation(refusal, code="not_eligible")


def _lock(shift: Shift) -> Shift:
    return Shift.objects.select_for_update().select_related("activity").get(pk=shift.pk)


def _check_places(shift: Shift, wanted: int) -> None:
    if taken_places(shift) + wanted > shift.places:
        raise RuleViolation(_("This shift is full."), code="full")


def sign_up(*, shift: Shift, user: Any, now: datetime) -> SignUp:
    """Sign `user` up for `shift`.

    Raises RuleViolation when they may not (not verified, closed, started), are too young,
    are a minor without guardian consent, lack the required training, the shift is full,
    or they are already signed up.
    """
    _require_eligible(user, shift, now)
    with refuse_duplicate(
        _("You have already signed up for this shift."), code="already_signed_up"
    ):
        locked = _lock(shift)
        _check_places(locked, 1)
        Volunteer.objects.get_or_create(user=user, defaults={"created_at": now})
        return SignUp.objects.create(shift=locked, user=user, signed_up_at=now)


def join_waiting_list(*, shift: Shift, user: Any, now: datetime) -> SignUp:
    """Put `user` on the waiting list of `shift`, which is full; returns the waiting sign-up.

    Who may ask and the age, guardian-consent and training rules are those of `sign_up`.
    Refused when the shift still has places (`not_full`: sign up instead) and when the person
    is already signed up for it or waiting (`already_signed_up`, the database's constraint
    too).
    """
    _require_eligible(user, shift, now)
    already = _("You are already signed up for this shift or on its waiting list.")
    with refuse_duplicate(already, code="already_signed_up"):
        locked = _lock(shift)
        if locked.sign_ups.filter(user_id=user.pk, status__in=LIVE).exists():
            raise RuleViolation(already, code="already_signed_up")
        if taken_places(locked) < locked.places:
            raise RuleViolation(
                _("This shift still has places: sign up for it instead."), code="not_full"
            )
        Volunteer.objects.get_or_create(user=user, defaults={"created_at": now})
        return SignUp.objects.create(
            shift=locked, user=user, status=SignUpStatus.WAITING, signed_up_at=now
        )


def cancel_sign_up(*, sign_up: SignUp, user: Any, now: datetime) -> SignUp | None:
    """Cancel `sign_up` (the volunteer, before the shift starts), or leave the waiting list.

    A cancelled active sign-up frees its place: the first person waiting moves up in the
    same transaction, under the lock on the shift (so the place never goes twice), and is
    notified. Returns whoever moved up, or None.
    """
    enforce(user, Action.CANCEL_VOLUNTEER_SIGN_UP, sign_up, now=now)
    with transaction.atomic():
        shift = _lock(sign_up.shift)
        current = SignUp.objects.select_for_update().get(pk=sign_up.pk)
        if current.status == SignUpStatus.CANCELLED:
            raise RuleViolation(_("This sign-up was already cancelled."), code="cancelled")
        moved: SignUp | None = PLACES.cancel(
            current,
            shift.sign_ups.all(),
            capacity=shift.places - _group_places(shift),
            also={"cancelled_at": now},
        )
        sign_up.status, sign_up.cancelled_at = current.status, now
        if moved is not None:
            _tell_moved_up(moved, shift, now)
    return moved


def _tell_moved_up(moved: SignUp, shift: Shift, now: datetime) -> None:
    when = seoul_minute(shift.starts_at)
    notify(
        recipients=[moved.user],
        kind=NOTIFY_KIND,
        message=_("A place came free on “%(title)s” (%(when)s): you are now signed up.")
        % {"title": shift.activity.title, "when": when},
        url=reverse("volunteering:activity", args=[shift.activity_id]),
        now=now,
    )


def sign_up_group(
    *,
    shift: Shift,
    user: Any,
    organisation: str,
    head_count: int,
    contact_name: str,
    contact: str,
    now: datetime,
) -> GroupSignUp:
    """Sign up a company's or organisation's group of `head_count` people (기업봉사).

    The contact is someone the camp calls; the group's people are not named. Refused when
    the group does not fit in the places left.
    """
    enforce(user, Action.SIGN_UP_GROUP, shift, now=now)
    refuse_resident_number(organisation=organisation, contact_name=contact_name, contact=contact)
    if not organisation.strip():
        raise RuleViolation(
            _("Enter the company or organisation."), code="organisation", field="organisation"
        )
    if not contact_name.strip() or not contact.strip():
        raise RuleViolation(
            _("Enter a contact person and how to reach them."), code="contact", field="contact"
        )
    if head_count < 1:
        raise RuleViolation(
            _("A group has at least one person."), code="head_count", field="head_count"
        )
    with transaction.atomic():
        locked = _lock(shift)
        _check_places(locked, head_count)
        return GroupSignUp.objects.create(
            shift=locked,
            organisation=organisation.strip(),
            head_count=head_count,
            contact_name=contact_name.strip(),
            contact=contact.strip(),
            signed_up_by=user,
            signed_up_at=now,
        )
