"""Usage of spaces in the seeds' shape: per space and month, bookings, hours booked,
visitors (by booking and walk-in), item loans and the survey (answers, share satisfied).
Reads only; one query per figure whatever the number of spaces."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, F, Q, QuerySet, Sum

from maeul.core.dates import at_seoul
from maeul.core.subqueries import count_of_each, figures_of_each
from maeul.spaces.models import (
    Booking,
    BookingStatus,
    ItemLoan,
    LoanStatus,
    Space,
    SurveyAnswer,
    VisitorCount,
)


@dataclass(frozen=True)
class Usage:
    space: Space
    bookings: int
    hours: float
    booked_visitors: int
    walk_ins: int
    loans: int
    answers: int
    satisfied: int

    @property
    def visitors(self) -> int:
        return self.booked_visitors + self.walk_ins

    @property
    def satisfied_percent(self) -> int | None:
        return round(100 * self.satisfied / self.answers) if self.answers else None


def month_bounds(year: int, month: int) -> tuple[date, date]:
    first = date(year, month, 1)
    following = date(year + (month == 12), month % 12 + 1, 1)
    return first, following


def usage(spaces: QuerySet[Space], first: date, following: date) -> list[Usage]:
    """Each space's usage from `first` up to (not including) `following` (Seoul days)."""
    start, end = at_seoul(first), at_seoul(following)
    held = Booking.objects.filter(
        room__space__in=spaces, starts_at__gte=start, starts_at__lt=end
    ).exclude(status=BookingStatus.CANCELLED)
    booked = figures_of_each(
        held,
        "room__space",
        n=Count("pk"),
        length=Sum(F("ends_at") - F("starts_at")),
        people=Sum("headcount", filter=Q(status=BookingStatus.USED)),
    )
    walk_ins = dict(
        VisitorCount.objects.filter(space__in=spaces, on__gte=first, on__lt=following)
        .values("space")
        .annotate(n=Sum("visitors"))
        .values_list("space", "n")
    )
    loans = count_of_each(
        ItemLoan.objects.filter(
            item__space__in=spaces,
            picked_up_at__gte=start,
            picked_up_at__lt=end,
            status__in=(LoanStatus.OUT, LoanStatus.RETURNED),
        ),
        "item__space",
    )
    answers = figures_of_each(
        SurveyAnswer.objects.filter(
            booking__room__space__in=spaces, answered_at__gte=start, answered_at__lt=end
        ),
        "booking__room__space",
        n=Count("pk"),
        happy=Count("pk", filter=Q(rating__gte=4)),
    )
    out = []
    for space in spaces:
        row = booked.get(space.pk, {})
        survey = answers.get(space.pk, {})
        out.append(
            Usage(
                space=space,
                bookings=row.get("n", 0),
                hours=(row.get("length") or timedelta()) / timedelta(hours=1),
                booked_visitors=row.get("people") or 0,
                walk_ins=walk_ins.get(space.pk, 0),
                loans=loans.get(space.pk, 0),
                answers=survey.get("n", 0),
                satisfied=survey.get("happy", 0),
            )
        )
    return out


def totals(rows: list[Usage]) -> dict[str, float]:
    keys = ("bookings", "hours", "booked_visitors", "walk_ins", "loans", "answers", "satisfied")
    sums: dict[str, float] = {key: sum(getattr(row, key) for row in rows) for key in keys}
    sums["visitors"] = sums["booked_visitors"] + sums["walk_ins"]
    return sums
