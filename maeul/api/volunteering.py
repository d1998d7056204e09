"""Volunteer activities (봉사활동) in the API: public, read-only, no personal data.

Each activity with its camp or club, district and dong, the training it requires, its
shifts (times in Seoul, places and places left, how many wait, hours credited) and the
hours confirmed so far (`hours`: people's confirmed hours plus the people of company groups
who came times their shift's hours). Who signed up or volunteered is never part of the API.
"""

from datetime import datetime
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from ninja import Query, Router, Schema

from maeul.api.common import CodeName, Label, Page, PageQuery, matching, paginate
from maeul.core.dates import SEOUL
from maeul.core.query import one_of
from maeul.volunteering.figures import places_left, with_places_left, with_total_minutes
from maeul.volunteering.models import (
    ActivityStatus,
    Field,
    Shift,
    VolunteerActivity,
)

router = Router(tags=["volunteering"])


class ActivityQuery(PageQuery):
    """List filters; a value that is not understood is ignored, never an error."""

    dong: str | None = None
    status: str | None = None


class GroupRef(Schema):
    id: int
    name: str


class ShiftOut(Schema):
    id: int
    starts_at: datetime
    ends_at: datetime
    place: str
    places: int
    places_left: int
    waiting: int
    hours: float


class ActivityItem(Schema):
    id: int
    title: str
    field: Label
    status: Label
    min_age: int
    camp: GroupRef | None
    club: GroupRef | None
    district: CodeName
    dong: CodeName | None
    required_training: GroupRef | None
    shifts: list[ShiftOut]
    upcoming_shifts: int
    hours: float
    url: str


class ActivityPage(Page[ActivityItem]):
    pass


class ActivityDetail(ActivityItem):
    description: str
    all_shifts: list[ShiftOut]


# The list shows each activity's next shifts; the detail has every shift.
NEXT_SHIFTS = 5


def _activities() -> QuerySet[VolunteerActivity]:
    upcoming = Shift.objects.filter(starts_at__gt=timezone.now()).order_by("starts_at", "pk")
    return with_total_minutes(
        VolunteerActivity.objects.public()
        .prefetch_related(
            Prefetch("shifts", queryset=with_places_left(upcoming), to_attr="upcoming")
        )
        .order_by("-created_at", "-pk")
    )


def _shift(shift: Shift) -> ShiftOut:
    return ShiftOut(
        id=shift.pk,
        starts_at=shift.starts_at.astimezone(SEOUL),
        ends_at=shift.ends_at.astimezone(SEOUL),
        place=shift.place,
        places=shift.places,
        places_left=places_left(shift),
        waiting=getattr(shift, "waiting", 0),
        hours=round(shift.minutes / 60, 2),
    )


def _ref(row: Any, name: str = "name") -> GroupRef | None:
    return GroupRef(id=row.pk, name=getattr(row, name)) if row is not None else None


def _item(activity: VolunteerActivity) -> ActivityItem:
    upcoming: list[Shift] = getattr(activity, "upcoming", [])
    return ActivityItem(
        id=activity.pk,
        title=activity.title,
        field=Label.of(Field, activity.field),
        status=Label.of(ActivityStatus, activity.status),
        min_age=activity.min_age,
        camp=_ref(activity.camp),
        club=_ref(activity.club),
        district=CodeName.of(activity.district),
        dong=CodeName.of(activity.dong),
        required_training=_ref(activity.required_course, "title"),
        shifts=[_shift(shift) for shift in upcoming[:NEXT_SHIFTS]],
        upcoming_shifts=len(upcoming),
        hours=round(getattr(activity, "total_minutes", 0) / 60, 2),
        url=reverse("volunteering:activity", args=[activity.pk]),
    )


@router.get("/volunteer-activities", response=ActivityPage, summary="List volunteer activities")
def list_activities(request: HttpRequest, query: Query[ActivityQuery]) -> ActivityPage:
    """Filters: `dong` (administrative code), `status` (open, closed). Each activity with its
    camp or club, the required training (or null), its next (at most 5) shifts not yet
    started with `places_left`, `waiting` (people on its waiting list) and the `hours` each
    credits, `upcoming_shifts` (how many are to come), and `hours`: the volunteer hours
    confirmed so far. Page-numbered, at most 100 a page, newest first. No personal data."""
    activities = matching(
        _activities(),
        dong__code=query.dong,
        status=one_of(query.status, ActivityStatus.values),
    )
    return ActivityPage(**paginate(request, activities, query, _item))


@router.get(
    "/volunteer-activities/{int:activity_id}",
    response=ActivityDetail,
    summary="Read a volunteer activity",
)
def get_activity(request: HttpRequest, activity_id: int) -> ActivityDetail:
    """One activity: as in the list, with its `description` and `all_shifts` (past ones too)."""
    activity = get_object_or_404(_activities(), pk=activity_id)
    every = with_places_left(activity.shifts.order_by("starts_at", "pk"))
    return ActivityDetail(
        **_item(activity).model_dump(),
        description=activity.description,
        all_shifts=[_shift(shift) for shift in every],
    )
