"""Item lending: stock, pick-up, return with condition, overdue; bad input refused."""

from datetime import timedelta

import pytest

from maeul.core.errors import RuleViolation
from maeul.core.models import AuditEntry
from maeul.spaces.models import Condition, ItemLoan, LoanStatus
from maeul.spaces.services import lending
from tests.spaces.conftest import NOW

pytestmark = pytest.mark.django_db


def test_an_item_is_lent_and_returned(item, resident, dong_staff):
    loan = lending.request_loan(item=item, borrower=resident, quantity=1, now=NOW)
    lending.hand_out(loan=loan, staff=dong_staff, now=NOW, ip=None)
    loan.refresh_from_db()
    assert loan.status == LoanStatus.OUT
    assert loan.deposit == 10_000
    assert loan.due_on == NOW.date() + timedelta(days=7)
    lending.take_back(loan=loan, condition=Condition.GOOD, staff=dong_staff, now=NOW, ip=None)
    assert (loan.status, loan.condition) == (LoanStatus.RETURNED, Condition.GOOD)
    assert AuditEntry.objects.get(action="spaces.hand_out").changes == {
        "status": [LoanStatus.REQUESTED, LoanStatus.OUT]
    }
    assert AuditEntry.objects.get(action="spaces.take_back").changes == {
        "status": [LoanStatus.OUT, LoanStatus.RETURNED],
        "condition": ["", Condition.GOOD],
    }


def test_returning_an_item_that_is_not_out_is_refused(item, resident, dong_staff):
    loan = lending.request_loan(item=item, borrower=resident, quantity=1, now=NOW)
    with pytest.raises(RuleViolation) as refusal:
        lending.take_back(loan=loan, condition=Condition.GOOD, staff=dong_staff, now=NOW, ip=None)
    assert refusal.value.code == "not_out"
    loan.refresh_from_db()
    assert loan.status == LoanStatus.REQUESTED


def test_returning_twice_is_refused(item, resident, dong_staff):
    loan = lending.request_loan(item=item, borrower=resident, quantity=1, now=NOW)
    lending.hand_out(loan=loan, staff=dong_staff, now=NOW, ip=None)
    lending.take_back(loan=loan, condition=Condition.WORN, staff=dong_staff, now=NOW, ip=None)
    with pytest.raises(RuleViolation):
        lending.take_back(loan=loan, condition=Condition.GOOD, staff=dong_staff, now=NOW, ip=None)
    loan.refresh_from_db()
    assert loan.condition == Condition.WORN


def test_more_than_the_stock_is_refused(item, resident, neighbour):
    lending.request_loan(item=item, borrower=resident, quantity=2, now=NOW)
    with pytest.raises(RuleViolation) as refusal:
        lending.request_loan(item=item, borrower=neighbour, quantity=1, now=NOW)
    assert refusal.value.code == "out_of_stock"
    assert ItemLoan.objects.count() == 1


def test_a_zero_quantity_is_refused(item, resident):
    with pytest.raises(RuleViolation):
        lending.request_loan(item=item, borrower=resident, quantity=0, now=NOW)
    assert not ItemLoan.objects.exists()


def test_staff_of_another_dong_may_not_hand_out(item, resident, other_dong_staff):
    loan = lending.request_loan(item=item, borrower=resident, quantity=1, now=NOW)
    with pytest.raises(RuleViolation):
        lending.hand_out(loan=loan, staff=other_dong_staff, now=NOW, ip=None)


def test_a_loan_past_its_due_day_is_overdue(item, resident, dong_staff):
    loan = lending.request_loan(item=item, borrower=resident, quantity=1, now=NOW)
    lending.hand_out(loan=loan, staff=dong_staff, now=NOW, ip=None)
    loans = ItemLoan.objects.all()
    assert not lending.overdue(loans, NOW + timedelta(days=7)).exists()
    assert list(lending.overdue(loans, NOW + timedelta(days=8))) == [loan]


def test_a_loan_cancelled_meanwhile_is_not_handed_out(item, resident, dong_staff):
    """Staff act on the loan as their page loaded it; the borrower cancelled since."""
    loan = lending.request_loan(item=item, borrower=resident, quantity=1, now=NOW)
    as_staff_saw_it = ItemLoan.objects.get(pk=loan.pk)
    lending.cancel_loan(loan=loan, user=resident, now=NOW)
    with pytest.raises(RuleViolation) as refusal:
        lending.hand_out(loan=as_staff_saw_it, staff=dong_staff, now=NOW, ip=None)
    assert refusal.value.code == "status"
    loan.refresh_from_db()
    assert (loan.status, loan.picked_up_at, loan.deposit) == (LoanStatus.CANCELLED, None, 0)


def test_a_loan_handed_out_meanwhile_is_not_cancelled(item, resident, dong_staff):
    loan = lending.request_loan(item=item, borrower=resident, quantity=1, now=NOW)
    as_borrower_saw_it = ItemLoan.objects.get(pk=loan.pk)
    lending.hand_out(loan=loan, staff=dong_staff, now=NOW, ip=None)
    with pytest.raises(RuleViolation):
        lending.cancel_loan(loan=as_borrower_saw_it, user=resident, now=NOW)
    loan.refresh_from_db()
    assert loan.status == LoanStatus.OUT


def test_a_loan_is_handed_out_once(item, resident, dong_staff):
    loan = lending.request_loan(item=item, borrower=resident, quantity=1, now=NOW)
    twice = ItemLoan.objects.get(pk=loan.pk)
    lending.hand_out(loan=loan, staff=dong_staff, now=NOW, ip=None)
    with pytest.raises(RuleViolation):
        lending.hand_out(loan=twice, staff=dong_staff, now=NOW + timedelta(hours=1), ip=None)
    assert AuditEntry.objects.filter(action="spaces.hand_out").count() == 1
