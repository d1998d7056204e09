"""건의 from field visits: staff record who raised what and where (never a resident
registration number), route it to a department of the district, publish its answer, or
turn it into a proposal entered on the resident's behalf."""

from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from maeul.consultations.models import FieldSuggestion, Occasion
from maeul.core import audit
from maeul.core.errors import RuleViolation
from maeul.core.permissions import Action, enforce
from maeul.core.privacy import refuse_resident_number
from maeul.core.texts import required_text
from maeul.places.models import Department, District, Dong
from maeul.proposals.models import Category, Channel, Proposal
from maeul.proposals.services.writing import enter_offline_proposal


def record_suggestion(
    *,
    district: District,
    dong: Dong | None,
    occasion: str,
    heard_on: date,
    place: str,
    raised_by: str,
    body: str,
    staff: Any,
    ip: str | None,
    now: datetime,
) -> FieldSuggestion:
    enforce(staff, Action.RECORD_SUGGESTION, dong or district, now=now)
    refuse_resident_number(place=place, raised_by=raised_by, body=body)
    if occasion not in Occasion.values:
        raise RuleViolation(_("Choose where it was heard."), code="occasion", field="occasion")
    if not (place.strip() and raised_by.strip() and body.strip()):
        raise RuleViolation(_("Enter who raised it, where, and what."), code="body", field="body")
    if dong is not None and dong.district_id != district.pk:
        raise RuleViolation(_("The dong must be in the district."), code="dong", field="dong")
    with transaction.atomic():
        suggestion = FieldSuggestion.objects.create(
            district=district,
            dong=dong,
            occasion=occasion,
            heard_on=heard_on,
            place=place.strip()[:200],
            raised_by=raised_by.strip()[:100],
            body=body.strip(),
            recorded_by=staff,
            created_at=now,
        )
        audit.record(
            actor=staff, action="consultations.suggestion.record", target=suggestion, ip=ip, now=now
        )
    return suggestion


def route_suggestion(
    *,
    suggestion: FieldSuggestion,
    department: Department,
    staff: Any,
    ip: str | None,
    now: datetime,
) -> FieldSuggestion:
    enforce(staff, Action.ANSWER_SUGGESTION, suggestion, now=now)
    if department.district_id != suggestion.district_id:
        raise RuleViolation(
            _("Choose a department of the district."), code="department", field="department"
        )
    with transaction.atomic():
        suggestion.department, suggestion.routed_at = department, now
        suggestion.save(update_fields=["department", "routed_at"])
        audit.record(
            actor=staff,
            action="consultations.suggestion.route",
            target=suggestion,
            changes={"department": [None, department.name]},
            ip=ip,
            now=now,
        )
    return suggestion


def answer_suggestion(
    *, suggestion: FieldSuggestion, text: str, staff: Any, ip: str | None, now: datetime
) -> FieldSuggestion:
    """Publish the answer (it replaces an earlier one)."""
    enforce(staff, Action.ANSWER_SUGGESTION, suggestion, now=now)
    text = required_text(text, field="text", code="text", missing=_("Please write the answer."))
    if suggestion.department_id is None:
        raise RuleViolation(_("Route the suggestion to a department first."), code="not_routed")
    with transaction.atomic():
        audit.save_changed(
            suggestion,
            {"answer": text, "answered_at": now},
            audited=["answer"],
            actor=staff,
            action="consultations.suggestion.answer",
            ip=ip,
            now=now,
        )
    return suggestion


def suggestion_to_proposal(
    *,
    suggestion: FieldSuggestion,
    category: Category,
    title: str,
    staff: Any,
    ip: str | None,
    now: datetime,
) -> Proposal:
    """Enter the suggestion as a proposal (collected on a visit) and link it."""
    enforce(staff, Action.ANSWER_SUGGESTION, suggestion, now=now)
    if suggestion.proposal_id is not None:
        raise RuleViolation(_("This suggestion is already a proposal."), code="already_proposal")
    with transaction.atomic():
        proposal = enter_offline_proposal(
            staff=staff,
            district=suggestion.district,
            dong=suggestion.dong,
            category=category,
            title=title,
            body=suggestion.body,
            channel=Channel.VISIT,
            place=suggestion.place,
            ip=ip,
            now=now,
        )
        suggestion.proposal = proposal
        suggestion.save(update_fields=["proposal"])
    return proposal
