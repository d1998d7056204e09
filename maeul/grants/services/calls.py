"""Grant calls (공고): created, changed and published by district staff, with the expense
categories and their caps; all without code."""

import itertools
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from maeul.core import audit
from maeul.core.dates import SEOUL
from maeul.core.errors import RuleViolation, refuse_duplicate
from maeul.core.permissions import Action, enforce
from maeul.core.privacy import refuse_resident_number
from maeul.grants.models import (
    AttachmentKind,
    BudgetLine,
    ExpenseCategory,
    ExpenseKind,
    GrantCall,
    Programme,
)
from maeul.places.models import District

# The timeline, in the order its dates must follow.
DATE_ORDER = [
    "announced_on",
    "briefing_on",
    "opens_at",
    "closes_at",
    "review_on",
    "selection_on",
    "disbursement_on",
    "interim_check_on",
    "settlement_on",
    "evaluation_on",
]
CALL_FIELDS = [
    "programme",
    "year",
    "title",
    "dong",
    "total_budget",
    "min_amount",
    "max_amount",
    "expected_groups",
    "min_members",
    "count_living_area",
    "nonprofit_required",
    "trade_groups_allowed",
    "required_attachments",
    "notice",
    *DATE_ORDER,
]


def _day(value: date | datetime) -> date:
    return value.astimezone(SEOUL).date() if isinstance(value, datetime) else value


def _check_call(call: GrantCall) -> None:
    if not call.title.strip():
        raise RuleViolation(_("Enter the call's title."), code="title", field="title")
    if call.programme not in Programme.values:
        raise RuleViolation(_("Choose the programme."), code="programme", field="programme")
    if call.dong is not None and call.dong.district_id != call.district_id:
        raise RuleViolation(_("The dong is not in the call's district."), code="dong", field="dong")
    if call.max_amount <= 0 or call.max_amount > call.total_budget:
        raise RuleViolation(
            _("The most a project may ask must be more than 0 and within the total budget."),
            code="amounts",
            field="max_amount",
        )
    if call.min_amount > call.max_amount:
        raise RuleViolation(
            _("The least a project may ask cannot exceed the most."),
            code="amounts",
            field="min_amount",
        )
    unknown = set(call.required_attachments) - set(AttachmentKind.values)
    if unknown:
        raise RuleViolation(
            _("Choose attachments from the list."), code="attachments", field="required_attachments"
        )
    steps = [(name, getattr(call, name)) for name in DATE_ORDER if getattr(call, name)]
    for (_earlier, first), (later, second) in itertools.pairwise(steps):
        if _day(second) < _day(first) or (later == "closes_at" and second <= first):
            raise RuleViolation(
                _(
                    "The timeline must run in order: notice, briefing, applications, review, "
                    "selection, disbursement, interim check, settlement, evaluation."
                ),
                code="timeline",
                field=later,
            )


def _read_fields(fields: dict[str, Any]) -> None:
    unknown = set(fields) - set(CALL_FIELDS)
    if unknown:
        raise ValueError(f"not a call field: {sorted(unknown)}")
    refuse_resident_number(title=fields.get("title"), notice=fields.get("notice"))


def _save(
    call: GrantCall,
    *,
    before: dict[str, Any],
    audit_action: str,
    staff: Any,
    now: datetime,
    ip: str | None,
) -> GrantCall:
    """Check the call and save it with its audit entry, in one transaction."""
    call.title = call.title.strip()
    _check_call(call)
    with transaction.atomic():
        call.save()
        audit.record(
            actor=staff,
            action=audit_action,
            target=call,
            changes=audit.diff(before, audit.snapshot(call, CALL_FIELDS)),
            ip=ip,
            now=now,
        )
    return call


def create_call(
    *, district: District, staff: Any, now: datetime, ip: str | None, **fields: Any
) -> GrantCall:
    """A call, not yet published, of `district` (fields as in `CALL_FIELDS`)."""
    enforce(staff, Action.MANAGE_GRANT_CALL, district, now=now)
    _read_fields(fields)
    call = GrantCall(district=district, created_by=staff, **fields)
    return _save(call, before={}, audit_action="grants.call_create", staff=staff, now=now, ip=ip)


def change_call(
    *, call: GrantCall, staff: Any, now: datetime, ip: str | None, **fields: Any
) -> GrantCall:
    """Change a call; once applications have opened its money and rules stay as published."""
    enforce(staff, Action.MANAGE_GRANT_CALL, call, now=now)
    _read_fields(fields)
    if call.is_published and call.opens_at <= now:
        binding = {
            "min_amount",
            "max_amount",
            "min_members",
            "count_living_area",
            "nonprofit_required",
            "trade_groups_allowed",
            "required_attachments",
            "opens_at",
            "programme",
            "year",
        }
        changed = {name for name in binding & set(fields) if fields[name] != getattr(call, name)}
        if changed:
            raise RuleViolation(
                _(
                    "Applications have opened: the amounts, eligibility, attachments and "
                    "opening can no longer change."
                ),
                code="frozen",
                field=sorted(changed)[0],
            )
    before = audit.snapshot(call, CALL_FIELDS)
    for name, value in fields.items():
        setattr(call, name, value)
    return _save(
        call, before=before, audit_action="grants.call_change", staff=staff, now=now, ip=ip
    )


def publish_call(*, call: GrantCall, staff: Any, now: datetime, ip: str | None) -> GrantCall:
    """Publish the call's notice (공고): it appears on /grants/ and opens on its date."""
    enforce(staff, Action.MANAGE_GRANT_CALL, call, now=now)
    if call.is_published:
        raise RuleViolation(_("The call is already published."), code="published")
    if not call.notice.strip():
        raise RuleViolation(
            _("Write the notice before publishing the call."), code="notice", field="notice"
        )
    if not call.categories.exists():
        raise RuleViolation(
            _("Add at least one expense category before publishing the call."),
            code="categories",
        )
    if call.closes_at <= now:
        raise RuleViolation(
            _("The application deadline has passed; change it before publishing."),
            code="timeline",
            field="closes_at",
        )
    with (
        transaction.atomic(),
        audit.changing(
            call, ["published_at"], actor=staff, action="grants.call_publish", ip=ip, now=now
        ),
    ):
        call.published_at = now
        call.save(update_fields=["published_at"])
    return call


def _require_categories_open(call: GrantCall, now: datetime) -> None:
    """Refuse a change of the call's expense categories once applications have opened."""
    if call.is_published and call.opens_at <= now:
        raise RuleViolation(
            _("Applications have opened: the expense categories can no longer change."),
            code="frozen",
        )


def add_category(
    *,
    call: GrantCall,
    kind: str,
    name: str,
    cap_percent: int | None,
    cap_won: int | None,
    staff: Any,
    now: datetime,
    ip: str | None,
) -> ExpenseCategory:
    """An expense category of the call, with a cap as a share of the total, in won, or none."""
    enforce(staff, Action.MANAGE_GRANT_CALL, call, now=now)
    refuse_resident_number(name=name)
    _require_categories_open(call, now)
    if kind not in ExpenseKind.values:
        raise RuleViolation(_("Choose operating or project costs."), code="kind", field="kind")
    if not name.strip():
        raise RuleViolation(_("Enter the category's name."), code="name", field="name")
    if cap_percent is not None and not 0 <= cap_percent <= 100:
        raise RuleViolation(
            _("A share of the total lies between 0 and 100 %."),
            code="cap",
            field="cap_percent",
        )
    with refuse_duplicate(
        _("The call already has a category of that name."), code="duplicate", field="name"
    ):
        category = ExpenseCategory.objects.create(
            call=call,
            kind=kind,
            name=name.strip()[:60],
            cap_percent=cap_percent,
            cap_won=cap_won,
            position=call.categories.count(),
        )
        audit.record(
            actor=staff,
            action="grants.category_add",
            target=call,
            changes={"category": [None, category.name]},
            ip=ip,
            now=now,
        )
    return category


def remove_category(
    *, category: ExpenseCategory, staff: Any, now: datetime, ip: str | None
) -> None:
    """Remove a category added by mistake, before applications open and while unused."""
    call = category.call
    enforce(staff, Action.MANAGE_GRANT_CALL, call, now=now)
    _require_categories_open(call, now)
    if BudgetLine.objects.filter(category=category).exists():
        raise RuleViolation(
            _("Budget rows use this category: it cannot be removed."), code="in_use"
        )
    with transaction.atomic():
        category.delete()
        audit.record(
            actor=staff,
            action="grants.category_remove",
            target=call,
            changes={"category": [category.name, None]},
            ip=ip,
            now=now,
        )
