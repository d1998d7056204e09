"""A funded project's money in one table: the budget by expense category beside what was
spent and what the checks confirmed, and the totals that settle it (정산).

The representative's page, the staff's check and settlement pages, the approval of the
settlement and the API read this one function, so the amount to return is computed once.
"""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from maeul.grants.models import (
    Application,
    CheckMark,
    ExpenseCategory,
    GrantAgreement,
    GrantExpense,
)


@dataclass(frozen=True)
class CategorySpending:
    category: ExpenseCategory
    budget: int  # the application's budget rows of this category
    cap: int | None  # the call's cap on the agreed amount (None: no cap)
    spent: int  # every entry not refused by a check
    confirmed: int

    @property
    def over_budget(self) -> bool:
        return self.spent > self.budget


@dataclass(frozen=True)
class SpendingTable:
    rows: list[CategorySpending]
    agreed: int
    disbursed: int
    spent: int
    confirmed: int
    unchecked: int  # entries still waiting for a check (or to be corrected)

    @property
    def to_return(self) -> int:
        """반납액: what was paid and not confirmed as spent."""
        return max(self.disbursed - self.confirmed, 0)

    @property
    def unspent(self) -> int:
        return max(self.disbursed - self.spent, 0)


def spending_table(application: Application) -> SpendingTable:
    agreement = GrantAgreement.objects.filter(application=application).first()
    agreed = agreement.amount if agreement else 0
    budget: dict[int, int] = {}
    for line in application.budget_lines.all():
        budget[line.category_id] = budget.get(line.category_id, 0) + line.amount
    spent: dict[int, int] = {}
    confirmed: dict[int, int] = {}
    unchecked = 0
    for expense in application.expenses.all():
        if expense.counts:
            spent[expense.category_id] = spent.get(expense.category_id, 0) + expense.amount
        if expense.mark == CheckMark.CONFIRMED:
            confirmed[expense.category_id] = confirmed.get(expense.category_id, 0) + expense.amount
        elif expense.mark in (CheckMark.UNCHECKED, CheckMark.QUESTIONED):
            unchecked += 1
    used = set(budget) | set(spent)
    rows = [
        CategorySpending(
            category=category,
            budget=budget.get(category.pk, 0),
            cap=category.cap_for(agreed) if agreement else None,
            spent=spent.get(category.pk, 0),
            confirmed=confirmed.get(category.pk, 0),
        )
        for category in application.call.categories.all()
        if category.pk in used
    ]
    return SpendingTable(
        rows=rows,
        agreed=agreed,
        disbursed=agreement.disbursed if agreement else 0,
        spent=sum(spent.values()),
        confirmed=sum(confirmed.values()),
        unchecked=unchecked,
    )


def expense_warnings(expense: GrantExpense, signed_at: date | None) -> list[str]:
    """What a checker should look at twice: no receipt, spent before the agreement."""
    warnings = []
    if not expense.has_receipt:
        warnings.append(_("No receipt"))
    if signed_at is not None and expense.spent_on < signed_at:
        warnings.append(_("Spent before the agreement"))
    return warnings
