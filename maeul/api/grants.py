"""Grant calls (공모사업 공고) in the API: published calls with their money, eligibility,
timeline and expense categories, and the public parts of the applications they selected.

Public and read-only. Amounts are integers of won. Drafts, submitted applications, groups'
members, contacts and files are never part of the API; of an application only a selected
one is public (its title, group, dong and the amount granted), once selected.
"""

from datetime import date, datetime

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from ninja import Query, Router, Schema

from maeul.api.common import CodeName, Label, Page, PageQuery, matching, paginate
from maeul.core.dates import SEOUL
from maeul.core.model_parts import OPEN, period_is
from maeul.core.query import one_of, whole_number
from maeul.grants.models import (
    Application,
    ApplicationStatus,
    AttachmentKind,
    ExpenseCategory,
    ExpenseKind,
    GrantCall,
    Programme,
)
from maeul.grants.views.public import public_calls

router = Router(tags=["grants"])


class GrantCallQuery(PageQuery):
    """List filters; a value that is not understood is ignored, never an error."""

    district: str | None = None
    year: str | None = None
    programme: str | None = None
    open: bool | None = None


class GrantCallItem(Schema):
    id: int
    title: str
    programme: Label
    year: int
    district: CodeName
    dong: CodeName | None
    total_budget: int
    min_amount: int
    max_amount: int
    opens_at: datetime
    closes_at: datetime
    is_open: bool
    url: str


class GrantCallPage(Page[GrantCallItem]):
    pass


class Step(Schema):
    step: str
    on: date


class GrantCategoryOut(Schema):
    kind: Label
    name: str
    cap_percent: int | None
    cap_won: int | None


class GrantCallDetail(GrantCallItem):
    notice: str
    expected_groups: int | None
    min_members: int
    count_living_area: bool
    nonprofit_required: bool
    trade_groups_allowed: bool
    required_attachments: list[Label]
    timeline: list[Step]
    categories: list[GrantCategoryOut]


class SelectedApplication(Schema):
    id: int
    title: str
    group: str
    dong: CodeName
    amount: int


class SelectedPage(Page[SelectedApplication]):
    pass


def _item(call: GrantCall, now: datetime) -> GrantCallItem:
    return GrantCallItem(
        id=call.pk,
        title=call.title,
        programme=Label.of(Programme, call.programme),
        year=call.year,
        district=CodeName.of(call.district),
        dong=CodeName.of(call.dong),
        total_budget=call.total_budget,
        min_amount=call.min_amount,
        max_amount=call.max_amount,
        opens_at=call.opens_at.astimezone(SEOUL),
        closes_at=call.closes_at.astimezone(SEOUL),
        is_open=call.is_open(now),
        url=reverse("grants:call", args=[call.pk]),
    )


def _category(category: ExpenseCategory) -> GrantCategoryOut:
    return GrantCategoryOut(
        kind=Label.of(ExpenseKind, category.kind),
        name=category.name,
        cap_percent=category.cap_percent,
        cap_won=category.cap_won,
    )


@router.get("/grant-calls", response=GrantCallPage, summary="List published grant calls")
def list_grant_calls(request: HttpRequest, query: Query[GrantCallQuery]) -> GrantCallPage:
    """Filters: `district` (administrative code), `year`, `programme` (nonprofit_subsidy,
    neighbours, community_growth, alleys, open_alleys, living_lab, vitality_centre), `open`
    (true: receiving applications now). Open calls first. Amounts are integers of won."""
    now = timezone.now()
    calls = matching(
        public_calls(now),
        district__code=query.district,
        year=whole_number(query.year, low=0),
        programme=one_of(query.programme, Programme.values),
    )
    if query.open is not None:
        open_now = period_is(OPEN, now)
        calls = calls.filter(open_now) if query.open else calls.exclude(open_now)
    return GrantCallPage(**paginate(request, calls, query, lambda call: _item(call, now)))


@router.get("/grant-calls/{int:call_id}", response=GrantCallDetail, summary="Read a grant call")
def get_grant_call(request: HttpRequest, call_id: int) -> GrantCallDetail:
    """One published call: notice, eligibility, required attachments, timeline, categories."""
    now = timezone.now()
    call = get_object_or_404(public_calls(now), pk=call_id)
    return GrantCallDetail(
        **_item(call, now).model_dump(),
        notice=call.notice,
        expected_groups=call.expected_groups,
        min_members=call.min_members,
        count_living_area=call.count_living_area,
        nonprofit_required=call.nonprofit_required,
        trade_groups_allowed=call.trade_groups_allowed,
        required_attachments=[Label.of(AttachmentKind, kind) for kind in call.required_attachments],
        timeline=[
            Step(
                step=label, on=when.astimezone(SEOUL).date() if isinstance(when, datetime) else when
            )
            for label, when in call.timeline()
            if isinstance(when, date)
        ],
        categories=[_category(category) for category in call.categories.all()],
    )


@router.get(
    "/grant-calls/{int:call_id}/selected",
    response=SelectedPage,
    summary="List the applications a call selected",
)
def list_selected(request: HttpRequest, call_id: int, query: Query[PageQuery]) -> SelectedPage:
    """The public part of the call's selected applications: title, group, dong and the
    amount granted, in won."""
    now = timezone.now()
    call = get_object_or_404(public_calls(now), pk=call_id)
    selected = (
        Application.objects.filter(call=call, status=ApplicationStatus.SELECTED)
        .select_related("group", "dong")
        .order_by("pk")
    )
    return SelectedPage(
        **paginate(
            request,
            selected,
            query,
            lambda row: SelectedApplication(
                id=row.pk,
                title=row.title,
                group=row.group.name,
                dong=CodeName.of(row.dong),
                amount=row.granted_amount or 0,
            ),
        )
    )
