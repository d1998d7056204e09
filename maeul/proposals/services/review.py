"""What staff do with proposals: assign, answer, move through the lifecycle, hide, reward, merge.

Every function here is a staff action: it checks the permission, changes the proposal in
one transaction, and writes the audit entry beside the change.
"""

from datetime import date, datetime, timedelta
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from maeul.accounts.models import User
from maeul.core import audit
from maeul.core.dates import local_date
from maeul.core.errors import RuleViolation
from maeul.core.markup import render_markdown
from maeul.core.models import AuditEntry
from maeul.core.notifications import notify
from maeul.core.permissions import Action, enforce
from maeul.core.privacy import refuse_resident_number
from maeul.places.models import Department
from maeul.proposals.models import (
    PUBLIC_STATUSES,
    STAFF_TRANSITIONS,
    Answer,
    AnswerLevel,
    Decision,
    Proposal,
    Status,
    Support,
)
from maeul.proposals.services import tell_about
from maeul.proposals.services.support import apply_thresholds
from maeul.proposals.services.writing import policy_of

TRACKED = ["status", "department", "answer_level", "answer_due", "hidden_reason", "merged_into"]


def _locked(proposal: Proposal) -> Proposal:
    # of=("self",): lock the proposal only, not the district row joined beside it.
    return (
        Proposal.objects.select_for_update(of=("self",))
        .select_related("district")
        .get(pk=proposal.pk)
    )


def _people_who_care(proposal: Proposal) -> list[Any]:
    """The author and every supporter: they hear of answers and of changes in status."""
    supporters = list(User.objects.filter(supports__proposal=proposal))
    return [proposal.author, *supporters]


def assign_department(
    *, staff: Any, proposal: Proposal, department: Department, ip: str | None, now: datetime
) -> Proposal:
    """Send a proposal to a department for review (also done by the support threshold)."""
    enforce(staff, Action.REVIEW_PROPOSAL, proposal, now=now)
    if department.district_id != proposal.district_id:
        raise RuleViolation(
            _("The department is not in this district."), code="department", field="department"
        )
    with transaction.atomic():
        proposal = _locked(proposal)
        if proposal.status not in (Status.PUBLISHED, Status.REVIEWING):
            raise RuleViolation(_("Only a received proposal can be assigned."), code="status")
        with audit.changing(
            proposal, TRACKED, actor=staff, action="proposals.assign", ip=ip, now=now
        ):
            proposal.department = department
            proposal.assigned_at = now
            proposal.answer_level = proposal.answer_level or AnswerLevel.DEPARTMENT
            proposal.answer_due = proposal.answer_due or now + timedelta(
                days=policy_of(proposal.district).answer_days
            )
            proposal.status = Status.REVIEWING
            proposal.save()
    return proposal


def answer_proposal(
    *, staff: Any, proposal: Proposal, decision: str, body: str, ip: str | None, now: datetime
) -> Answer:
    """Publish (or correct) the official answer; the author and supporters are told."""
    enforce(staff, Action.ANSWER_PROPOSAL, proposal, now=now)
    if decision not in Decision.values:
        raise RuleViolation(_("Choose a decision."), code="decision", field="decision")
    if not body.strip():
        raise RuleViolation(_("Please write the answer."), code="body", field="body")
    refuse_resident_number(body=body)
    with transaction.atomic():
        proposal = _locked(proposal)
        if proposal.status not in (Status.PUBLISHED, Status.REVIEWING, Status.ANSWERED):
            raise RuleViolation(_("This proposal cannot be answered now."), code="status")
        before_decision = (
            Answer.objects.filter(proposal=proposal).values_list("decision", flat=True).first()
        )
        written = {
            "department": proposal.department,
            "author": staff,
            "level": proposal.answer_level or AnswerLevel.DEPARTMENT,
            "decision": decision,
            "body": body,
            "body_html": render_markdown(body),
        }
        answer, created = Answer.objects.update_or_create(
            proposal=proposal,
            defaults={**written, "updated_at": now},
            create_defaults={**written, "created_at": now, "updated_at": now},
        )
        with audit.changing(
            proposal, TRACKED, actor=staff, action="proposals.answer", ip=ip, now=now
        ) as changes:
            proposal.status = Status.ANSWERED
            proposal.answered_at = proposal.answered_at or now
            proposal.save()
            changes["decision"] = [None if created else before_decision, decision]
        tell_about(
            proposal,
            _people_who_care(proposal),
            _('Your proposal "%(title)s" has an answer: %(decision)s.'),
            kind="proposal_answered",
            now=now,
            decision=answer.get_decision_display(),
        )
    return answer


def status_change_action(proposal: Proposal, status: str) -> Action:
    """Hiding a proposal, or showing it again, is moderation; the other moves are review."""
    if Status.HIDDEN in (status, proposal.status):
        return Action.MODERATE_PROPOSAL
    return Action.REVIEW_PROPOSAL


def change_status(
    *, staff: Any, proposal: Proposal, status: str, ip: str | None, now: datetime, reason: str = ""
) -> Proposal:
    """Move a proposal along its lifecycle (실행중, 완료) or hide/unhide it (숨김, with a reason)."""
    if status not in Status.values:
        raise RuleViolation(_("Choose a status."), code="transition", field="status")
    enforce(staff, status_change_action(proposal, status), proposal, now=now)
    with transaction.atomic():
        proposal = _locked(proposal)
        if status not in STAFF_TRANSITIONS.get(proposal.status, set()):
            raise RuleViolation(
                _("A proposal that is %(now)s cannot become %(next)s.")
                % {"now": proposal.get_status_display(), "next": Status(status).label},
                code="transition",
                field="status",
            )
        refuse_resident_number(reason=reason)
        if status == Status.HIDDEN and not reason.strip():
            raise RuleViolation(
                _("Please give the reason for hiding. It is shown publicly."),
                code="reason",
                field="reason",
            )
        unhiding = status == Status.PUBLISHED
        if unhiding:  # back to the status it had when hidden
            status = _status_before_hiding(proposal)
        with audit.changing(
            proposal, TRACKED, actor=staff, action=f"proposals.status.{status}", ip=ip, now=now
        ):
            if unhiding:
                proposal.hidden_reason = ""
            proposal.status = status
            if status == Status.HIDDEN:
                proposal.hidden_reason = reason.strip()
            proposal.save()
        if status in (Status.IN_PROGRESS, Status.DONE):
            tell_about(
                proposal,
                _people_who_care(proposal),
                _('The proposal "%(title)s" is now: %(status)s.'),
                kind="proposal_status",
                now=now,
                status=proposal.get_status_display(),
            )
        elif status == Status.HIDDEN and proposal.author is not None:
            tell_about(
                proposal,
                [proposal.author],
                _('Your proposal "%(title)s" was hidden: %(reason)s'),
                kind="proposal_hidden",
                now=now,
                reason=proposal.hidden_reason,
            )
    return proposal


def _status_before_hiding(proposal: Proposal) -> str:
    """The status a hidden proposal had: from the audit entry of its hiding, else inferred."""
    entry = (
        AuditEntry.objects.filter(
            action=f"proposals.status.{Status.HIDDEN}",
            target_type=ContentType.objects.get_for_model(Proposal),
            target_id=str(proposal.pk),
        )
        .order_by("-created_at", "-pk")
        .first()
    )
    previous = (entry.changes.get("status") or [None])[0] if entry else None
    if previous in PUBLIC_STATUSES:
        return str(previous)
    if proposal.answered_at:
        return Status.ANSWERED
    return Status.REVIEWING if proposal.department_id else Status.PUBLISHED


def mark_excellent(*, staff: Any, proposal: Proposal, ip: str | None, now: datetime) -> Proposal:
    """Reward a proposal as 우수제안 for one year from today (Asia/Seoul)."""
    enforce(staff, Action.REWARD_PROPOSAL, proposal, now=now)
    today = local_date(now)
    with transaction.atomic():
        proposal = _locked(proposal)
        if not proposal.is_public:
            raise RuleViolation(_("Only a public proposal can be rewarded."), code="status")
        with audit.changing(
            proposal, ["excellent_until"], actor=staff, action="proposals.reward", ip=ip, now=now
        ):
            proposal.excellent_from = today
            proposal.excellent_until = _one_year_after(today) - timedelta(days=1)
            proposal.save(update_fields=["excellent_from", "excellent_until"])
        tell_about(
            proposal,
            [proposal.author],
            _('Your proposal "%(title)s" was chosen as an excellent proposal.'),
            kind="proposal_rewarded",
            now=now,
        )
    return proposal


def _one_year_after(day: date) -> date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February: a year later is 1 March
        return date(day.year + 1, 3, 1)


def merge_proposals(
    *, staff: Any, duplicate: Proposal, target: Proposal, ip: str | None, now: datetime
) -> Proposal:
    """Fold a duplicate into another proposal: its supports move, nobody is counted twice."""
    enforce(staff, Action.MERGE_PROPOSAL, duplicate, now=now)
    enforce(staff, Action.MERGE_PROPOSAL, target, now=now)
    if duplicate.pk == target.pk:
        raise RuleViolation(
            _("A proposal cannot be merged into itself."), code="same", field="target"
        )
    with transaction.atomic():
        # Lock both rows in id order, so two merges of the same pair cannot deadlock.
        locked = {
            p.pk: p
            for p in Proposal.objects.select_for_update()
            .filter(pk__in=[duplicate.pk, target.pk])
            .order_by("pk")
        }
        duplicate, target = locked[duplicate.pk], locked[target.pk]
        if duplicate.district_id != target.district_id:
            raise RuleViolation(
                _("Only proposals of the same district can be merged."),
                code="district",
                field="target",
            )
        if not duplicate.is_public or not target.is_public:
            raise RuleViolation(_("Only public proposals can be merged."), code="status")
        already = Support.objects.filter(proposal=target, user=OuterRef("user"))
        movers = (
            Support.objects.filter(proposal=duplicate)
            .annotate(dup=Exists(already))
            .filter(dup=False)
        )
        Support.objects.bulk_create(
            [Support(proposal=target, user_id=s.user_id, created_at=s.created_at) for s in movers]
        )
        Support.objects.filter(proposal=duplicate).delete()
        target.support_count = Support.objects.filter(proposal=target).count()
        target.save(update_fields=["support_count"])
        apply_thresholds(target, now)  # the moved supports may carry it over a threshold
        with audit.changing(
            duplicate, TRACKED, actor=staff, action="proposals.merge", ip=ip, now=now
        ):
            duplicate.support_count = 0
            duplicate.status = Status.MERGED
            duplicate.merged_into = target
            duplicate.save()
        notify(
            recipients=[duplicate.author],
            kind="proposal_merged",
            message=_('Your proposal "%(title)s" was merged into a similar proposal.')
            % {"title": duplicate.title[:40]},
            url=target.get_absolute_url(),
            now=now,
        )
    return target
