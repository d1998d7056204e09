"""The grant agreement (협약) and the payments of the grant (교부).

District staff of the call's district record the agreement of a selected application: the
amount agreed (at most the amount granted), the conditions, the day it was signed and the
group's bank account, which is stored encrypted only and never audited. They then record
each disbursement; parts are allowed, their sum never exceeds the amount agreed. The
representative sees all of it on their application's page, the account masked.
"""

from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from maeul.core import audit
from maeul.core.dates import past_or_today
from maeul.core.errors import RuleViolation
from maeul.core.permissions import Action, enforce
from maeul.core.privacy import refuse_resident_number
from maeul.grants import bank_account
from maeul.grants.models import Application, Disbursement, GrantAgreement

CONDITIONS_MAX = 4000


def create_agreement(
    *,
    application: Application,
    amount: int | None,
    conditions: str,
    signed_at: date | None,
    bank: str,
    account: str,
    staff: Any,
    now: datetime,
    ip: str | None,
) -> GrantAgreement:
    """Record the agreement of a selected application (one per application)."""
    enforce(staff, Action.MANAGE_AGREEMENT, application, now=now)
    if GrantAgreement.objects.filter(application=application).exists():
        raise RuleViolation(_("This application already has a grant agreement."))
    conditions, bank = conditions.strip(), bank.strip()
    refuse_resident_number(conditions=conditions, bank=bank)
    if amount is None or amount <= 0:
        raise RuleViolation(_("Enter the amount agreed."), field="amount")
    if amount > (application.granted_amount or 0):
        raise RuleViolation(
            _("The amount agreed cannot be more than the amount granted."), field="amount"
        )
    if len(conditions) > CONDITIONS_MAX:
        raise RuleViolation(
            _("Write the conditions in at most 4,000 characters."), field="conditions"
        )
    if not bank:
        raise RuleViolation(_("Enter the bank."), field="bank")
    signed_at = past_or_today(signed_at, now, field="signed_at")
    number = bank_account.normalize(account)
    with transaction.atomic():
        agreement = GrantAgreement.objects.create(
            application=application,
            amount=amount,
            conditions=conditions,
            signed_at=signed_at,
            bank=bank[:50],
            account_enc=bank_account.encrypt(number),
            created_by=staff,
            created_at=now,
        )
        # The account number is never audited, not even masked.
        audit.record(
            actor=staff,
            action="grants.agreement_create",
            target=application,
            changes={"agreed_amount": [None, amount], "signed_at": [None, signed_at.isoformat()]},
            ip=ip,
            now=now,
        )
    return agreement


def record_disbursement(
    *,
    application: Application,
    amount: int | None,
    paid_at: date | None,
    note: str,
    staff: Any,
    now: datetime,
    ip: str | None,
) -> Disbursement:
    """Record one payment; the payments together never exceed the amount agreed."""
    enforce(staff, Action.RECORD_DISBURSEMENT, application, now=now)
    note = note.strip()
    refuse_resident_number(note=note)
    if amount is None or amount <= 0:
        raise RuleViolation(_("Enter the amount paid."), field="amount")
    paid_at = past_or_today(paid_at, now, field="paid_at")
    with transaction.atomic():
        agreement = GrantAgreement.objects.select_for_update().get(application=application)
        if agreement.disbursed + amount > agreement.amount:
            raise RuleViolation(
                _(
                    "The payments would exceed the amount agreed: "
                    "%(remaining)s won remain to be paid."
                )
                % {"remaining": f"{agreement.remaining:,}"},
                field="amount",
            )
        disbursement = Disbursement.objects.create(
            agreement=agreement,
            amount=amount,
            paid_at=paid_at,
            note=note[:200],
            recorded_by=staff,
            recorded_at=now,
        )
        audit.record(
            actor=staff,
            action="grants.disburse",
            target=application,
            changes={"disbursed": [agreement.disbursed - amount, agreement.disbursed]},
            ip=ip,
            now=now,
        )
    return disbursement
