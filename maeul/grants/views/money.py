"""What the application pages show of the money once it is agreed: the agreement, the
spending table by category, the entries with what a checker should look at, the interim
checks and the settlement, with the forms of whoever reads the page."""

from typing import Any

from maeul.grants.forms import (
    EvaluationForm,
    ExpenseForm,
    PartnerForm,
    ReturnForm,
    SendBackForm,
    SettlementForm,
)
from maeul.grants.models import Application, GrantAgreement, Settlement
from maeul.grants.services.joint import joint_candidates
from maeul.grants.services.settlement import past_evaluations
from maeul.grants.spending import expense_warnings, spending_table


def money_context(application: Application, **forms: Any) -> dict[str, Any]:
    agreement = GrantAgreement.objects.filter(application=application).first()
    settlement = Settlement.objects.filter(application=application).first()
    signed_at = agreement.signed_at if agreement else None
    expenses = application.expenses.select_related("category", "marked_by")
    return {
        "agreement": agreement,
        "spending": spending_table(application) if agreement else None,
        "expenses": [(expense, expense_warnings(expense, signed_at)) for expense in expenses],
        "interim_checks": list(application.interim_checks.select_related("checked_by")),
        "settlement": settlement,
        "past_evaluations": past_evaluations(application),
        "expense_form": forms.get("expense_form") or ExpenseForm(call=application.call),
        "settlement_form": forms.get("settlement_form")
        or SettlementForm(initial={"report": settlement.report if settlement else ""}),
        "send_back_form": forms.get("send_back_form") or SendBackForm(),
        "evaluation_form": forms.get("evaluation_form") or EvaluationForm(),
        "return_form": forms.get("return_form") or ReturnForm(),
    }


def partner_context(application: Application, **forms: Any) -> dict[str, Any]:
    """The joint applicants of a draft and the form to name one more."""
    return {
        "partners": list(application.partners.select_related("dong")),
        "partner_form": forms.get("partner_form")
        or PartnerForm(candidates=joint_candidates(application)),
    }
