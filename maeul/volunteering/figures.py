"""Volunteer hours counted: a person's total (for "my volunteering" and certificates), the
places left on each shift, and an activity's figures (people, a company's groups, hours)."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, F, OuterRef, QuerySet, Sum

from maeul.core.dates import at_seoul
from maeul.core.subqueries import total_of_each
from maeul.volunteering.models import (
    GroupSignUp,
    HoursRecord,
    Shift,
    SignUp,
    SignUpStatus,
    VolunteerActivity,
)


def hours_text(minutes: int) -> str:
    """Minutes as hours for reading: 150 → "2.5", 120 → "2"."""
    hours = minutes / 60
    return f"{hours:.1f}".removesuffix(".0")


def started_within(
    records: QuerySet[HoursRecord], starts_on: date | None, ends_on: date | None
) -> QuerySet[HoursRecord]:
    """The `records` of shifts that started from `starts_on` to `ends_on`, Seoul days (a
    missing end does not narrow)."""
    if starts_on is not None:
        records = records.filter(shift__starts_at__gte=at_seoul(starts_on))
    if ends_on is not None:
        day_after = date.fromordinal(ends_on.toordinal() + 1)
        records = records.filter(shift__starts_at__lt=at_seoul(day_after))
    return records


def records_of(
    user: Any, starts_on: date | None = None, ends_on: date | None = None
) -> QuerySet[HoursRecord]:
    """`user`'s confirmed hours on shifts that started within the Seoul days given."""
    return started_within(HoursRecord.objects.filter(user_id=user.pk), starts_on, ends_on)


def total_minutes(user: Any, starts_on: date | None = None, ends_on: date | None = None) -> int:
    """The sum of `user`'s confirmed minutes (one aggregate query)."""
    total = records_of(user, starts_on, ends_on).aggregate(n=Sum("minutes"))["n"]
    return int(total or 0)


def places_left(shift: Shift) -> int:
    """The places still free on a shift from `with_places_left` (never below 0)."""
    taken: int = getattr(shift, "taken", 0)
    return max(shift.places - taken, 0)


def with_places_left(shifts: QuerySet[Shift]) -> QuerySet[Shift]:
    """`shifts`, each with `taken` (people and group head counts, active) and `waiting` (how
    many people are on its waiting list); `places_left` reads them."""
    active = {"shift": OuterRef("pk"), "status": SignUpStatus.ACTIVE}
    people = total_of_each(SignUp.objects.filter(**active), "shift", Count("pk"))
    groups = total_of_each(GroupSignUp.objects.filter(**active), "shift", Sum("head_count"))
    waiting = total_of_each(
        SignUp.objects.filter(shift=OuterRef("pk"), status=SignUpStatus.WAITING),
        "shift",
        Count("pk"),
    )
    return shifts.annotate(taken=people + groups, waiting=waiting)


def with_total_minutes(
    activities: QuerySet[VolunteerActivity],
) -> QuerySet[VolunteerActivity]:
    """Each activity with `total_minutes`, `ActivityFigures.total_minutes` for a whole list:
    people's confirmed minutes, and the people of groups who came times the shift's."""
    people = total_of_each(
        HoursRecord.objects.filter(shift__activity=OuterRef("pk")),
        "shift__activity",
        Sum("minutes"),
    )
    groups = total_of_each(
        GroupSignUp.objects.filter(shift__activity=OuterRef("pk"), status=SignUpStatus.ACTIVE),
        "shift__activity",
        Sum(F("attended") * F("shift__minutes")),
    )
    return activities.annotate(total_minutes=people + groups)


@dataclass(frozen=True)
class ActivityFigures:
    shifts: int
    volunteers: int  # distinct people whose hours were confirmed
    confirmed_minutes: int  # people's confirmed minutes
    groups: int  # companies and organisations signed up
    group_people: int  # how many of their people came (confirmed)
    group_minutes: int  # their people times the shift's minutes

    @property
    def total_minutes(self) -> int:
        return self.confirmed_minutes + self.group_minutes


def activity_figures(activity: VolunteerActivity) -> ActivityFigures:
    """An activity's shifts, people, company groups and confirmed hours (four queries)."""
    records = HoursRecord.objects.filter(shift__activity=activity).aggregate(
        people=Count("user", distinct=True), minutes=Sum("minutes")
    )
    groups = GroupSignUp.objects.filter(shift__activity=activity, status=SignUpStatus.ACTIVE)
    group_rows = list(groups.values_list("attended", "shift__minutes"))
    return ActivityFigures(
        shifts=activity.shifts.count(),
        volunteers=records["people"] or 0,
        confirmed_minutes=int(records["minutes"] or 0),
        groups=len(group_rows),
        group_people=sum(attended or 0 for attended, _m in group_rows),
        group_minutes=sum((attended or 0) * minutes for attended, minutes in group_rows),
    )
