"""Item lending (물품대여): a resident asks for an item, staff hand it out (taking the deposit,
if any) and take it back with its condition. An item is never lent beyond its stock, and an
item that is not out cannot be returned."""

from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from maeul.core import audit
from maeul.core.dates import local_date
from maeul.core.errors import RuleViolation
from maeul.core.permissions import Action, enforce
from maeul.spaces.models import HELD, Condition, Item, ItemLoan, LoanStatus


def available(item: Item) -> int:
    """How many of `item` are neither lent out nor promised to a request."""
    held = ItemLoan.objects.filter(item=item, status__in=HELD).aggregate(n=Sum("quantity"))["n"]
    return item.stock - (held or 0)


def request_loan(*, item: Item, borrower: Any, quantity: int, now: datetime) -> ItemLoan:
    enforce(borrower, Action.BORROW_ITEM, item, now=now)
    if quantity < 1:
        raise RuleViolation(_("Enter how many you need."), code="quantity", field="quantity")
    with transaction.atomic():
        # Requests for one item are serialised, so two cannot share the last one.
        Item.objects.select_for_update().filter(pk=item.pk).first()
        if quantity > available(item):
            raise RuleViolation(
                _("Only %(count)d of this item are available.") % {"count": available(item)},
                code="out_of_stock",
                field="quantity",
            )
        return ItemLoan.objects.create(
            item=item,
            borrower=borrower,
            quantity=quantity,
            status=LoanStatus.REQUESTED,
            requested_at=now,
        )


def _locked_request(loan: ItemLoan, refusal: str) -> ItemLoan:
    """The loan, locked, if it is still a request: read under the lock, so that a hand-out and a
    cancellation at the same moment cannot both succeed."""
    locked = ItemLoan.objects.select_for_update().select_related("item").get(pk=loan.pk)
    if locked.status != LoanStatus.REQUESTED:
        raise RuleViolation(refusal, code="status")
    return locked


def hand_out(*, loan: ItemLoan, staff: Any, now: datetime, ip: str | None) -> None:
    """Staff hand a requested item over; the deposit is taken and the due day set."""
    enforce(staff, Action.MANAGE_SPACE, loan, now=now)
    with transaction.atomic():
        locked = _locked_request(loan, _("Only a requested loan can be handed out."))
        audit.save_changed(
            locked,
            {
                "status": LoanStatus.OUT,
                "picked_up_at": now,
                "due_on": local_date(now) + timedelta(days=locked.item.loan_days),
                "deposit": locked.item.deposit * locked.quantity,
            },
            audited=["status"],
            actor=staff,
            action="spaces.hand_out",
            ip=ip,
            now=now,
        )
    loan.refresh_from_db()


def take_back(*, loan: ItemLoan, condition: str, staff: Any, now: datetime, ip: str | None) -> None:
    """Staff take a lent item back and note its condition; an item not out is refused."""
    enforce(staff, Action.MANAGE_SPACE, loan, now=now)
    if condition not in Condition.values:
        raise RuleViolation(
            _("Choose the condition of the returned item."), code="condition", field="condition"
        )
    with transaction.atomic():
        locked = ItemLoan.objects.select_for_update().get(pk=loan.pk)
        if locked.status != LoanStatus.OUT:
            raise RuleViolation(
                _("This item is not lent out, so it cannot be returned."), code="not_out"
            )
        audit.save_changed(
            locked,
            {"status": LoanStatus.RETURNED, "returned_at": now, "condition": condition},
            audited=["status", "condition"],
            actor=staff,
            action="spaces.take_back",
            ip=ip,
            now=now,
        )
    loan.refresh_from_db()


def cancel_loan(*, loan: ItemLoan, user: Any, now: datetime) -> None:
    """The borrower withdraws a request before pick-up."""
    if loan.borrower_id != user.pk:
        enforce(user, Action.MANAGE_SPACE, loan, now=now)
    with transaction.atomic():
        locked = _locked_request(loan, _("Only a request not yet picked up can be cancelled."))
        locked.status = LoanStatus.CANCELLED
        locked.save(update_fields=["status"])
    loan.refresh_from_db()


def overdue(loans: Any, now: datetime) -> Any:
    """The loans of `loans` still out after their due day (Seoul calendar)."""
    return loans.filter(status=LoanStatus.OUT, due_on__lt=local_date(now))
