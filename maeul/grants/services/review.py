"""The review of a call's applications (심의) and the decision on each (선정 / 미선정).

District staff form the call's committee (보조금심의위원회) from accounts and may change the
scoring sheet until the first score. Once the application period has ended, each member
scores the handed-in applications criterion by criterion (0 to the criterion's most
points) with a comment, except those on which they declared a conflict of interest (their
scores of it, if any, are dropped). The applications are ranked by their average total.
District staff then select an application with an amount (at most what was asked, within
the call's range and its total budget) or do not, with reasons; the group's representative
is notified. Staff actions are audited.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils.translation import gettext as _

from maeul.core import audit
from maeul.core.errors import RuleViolation
from maeul.core.notifications import notify
from maeul.core.permissions import Action, enforce
from maeul.core.privacy import refuse_resident_number
from maeul.core.texts import required_text
from maeul.grants.models import (
    DEFAULT_CRITERIA,
    HANDED_IN,
    Application,
    ApplicationStatus,
    Conflict,
    Criterion,
    GrantCall,
    Review,
    Reviewer,
    Score,
)
from maeul.grants.services import tell_representative

NOTIFY_KIND = "grants.decision"
REASONS_MAX = 2000
COMMENT_MAX = 2000


def criteria_of(call: GrantCall) -> list[Criterion]:
    """The call's scoring sheet; the default one is set on first use."""
    criteria = list(call.criteria.all())
    if criteria:
        return criteria
    return Criterion.objects.bulk_create(
        Criterion(call=call, name=name, max_points=points, position=position)
        for position, (name, points) in enumerate(DEFAULT_CRITERIA)
    )


def _require_closed(call: GrantCall, now: datetime) -> None:
    if now < call.closes_at:
        raise RuleViolation(
            _("The review starts when the application period has ended."), code="not_yet"
        )


def set_criteria(
    *, call: GrantCall, criteria: list[tuple[str, int]], staff: Any, now: datetime, ip: str | None
) -> list[Criterion]:
    """Replace the call's scoring sheet, before anyone has scored."""
    enforce(staff, Action.MANAGE_COMMITTEE, call, now=now)
    if Review.objects.filter(application__call=call).exists():
        raise RuleViolation(
            _("The scoring sheet cannot change once reviewers have scored."), code="frozen"
        )
    cleaned = [(name.strip(), points) for name, points in criteria if name.strip()]
    refuse_resident_number(*(name for name, _points in cleaned))
    if not cleaned or any(not 1 <= points <= 100 for _name, points in cleaned):
        raise RuleViolation(
            _("Give each criterion a name and between 1 and 100 points."), field="criteria"
        )
    with transaction.atomic():
        before = [f"{c.name} {c.max_points}" for c in call.criteria.all()]
        call.criteria.all().delete()
        rows = Criterion.objects.bulk_create(
            Criterion(call=call, name=name, max_points=points, position=position)
            for position, (name, points) in enumerate(cleaned)
        )
        audit.record(
            actor=staff,
            action="grants.criteria_set",
            target=call,
            changes={"criteria": [before, [f"{n} {p}" for n, p in cleaned]]},
            ip=ip,
            now=now,
        )
    return rows


def add_reviewer(
    *, call: GrantCall, email: str, staff: Any, now: datetime, ip: str | None
) -> Reviewer:
    """Put the account with this e-mail address on the call's committee, and tell them."""
    enforce(staff, Action.MANAGE_COMMITTEE, call, now=now)
    user = get_user_model().objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is None or not email.strip():
        raise RuleViolation(_("No account has this e-mail address."), field="email")
    if call.reviewers.filter(user=user).exists():
        raise RuleViolation(_("This person is already on the committee."), field="email")
    with transaction.atomic():
        criteria_of(call)
        reviewer = Reviewer.objects.create(call=call, user=user, added_by=staff, added_at=now)
        audit.record(
            actor=staff,
            action="grants.reviewer_add",
            target=call,
            changes={"reviewer": [None, user.pk]},
            ip=ip,
            now=now,
        )
        notify(
            recipients=[user],
            kind="grants.committee",
            message=_("You were added to the review committee of %(call)s.") % {"call": call},
            url=reverse("grants:reviews"),
            now=now,
        )
    return reviewer


def _reviewer(application: Application, user: Any, now: datetime) -> Reviewer:
    enforce(user, Action.REVIEW_APPLICATION, application, now=now)
    return Reviewer.objects.get(call_id=application.call_id, user_id=user.pk)


def declare_conflict(*, application: Application, user: Any, now: datetime) -> Conflict:
    """The reviewer steps out of this application: their scores of it, if any, are dropped."""
    reviewer = _reviewer(application, user, now)
    with transaction.atomic():
        Review.objects.filter(reviewer=reviewer, application=application).delete()
        conflict = Conflict.objects.create(
            reviewer=reviewer, application=application, declared_at=now
        )
        audit.record(
            actor=user,
            action="grants.conflict_declare",
            target=application,
            changes={"reviewer": [None, user.pk]},
            ip=None,
            now=now,
        )
    return conflict


def score_application(
    *, application: Application, user: Any, points: dict[int, Any], comment: str, now: datetime
) -> Review:
    """Record (or change) the reviewer's scores, one per criterion, and their comment."""
    reviewer = _reviewer(application, user, now)
    _require_closed(application.call, now)
    if application.decided_at is not None:
        raise RuleViolation(
            _("The decision has been made: the scores can no longer change."), code="frozen"
        )
    refuse_resident_number(comment=comment)
    if len(comment) > COMMENT_MAX:
        raise RuleViolation(_("Write the comment in at most 2,000 characters."), field="comment")
    criteria = criteria_of(application.call)
    scores: dict[int, int] = {}
    for criterion in criteria:
        value = points.get(criterion.pk)
        try:
            number = int(str(value).strip())
        except ValueError:
            number = -1
        if not 0 <= number <= criterion.max_points:
            raise RuleViolation(
                _("Score %(name)s from 0 to %(max)d points.")
                % {"name": criterion.name, "max": criterion.max_points},
                field=f"criterion_{criterion.pk}",
            )
        scores[criterion.pk] = number
    with transaction.atomic():
        review, _created = Review.objects.update_or_create(
            reviewer=reviewer,
            application=application,
            defaults={"comment": comment.strip(), "total": sum(scores.values()), "scored_at": now},
        )
        review.scores.all().delete()
        Score.objects.bulk_create(
            Score(review=review, criterion_id=pk, points=value) for pk, value in scores.items()
        )
        if application.status == ApplicationStatus.SUBMITTED:
            application.status = ApplicationStatus.UNDER_REVIEW
            application.save(update_fields=["status"])
    return review


@dataclass
class Ranked:
    application: Application
    average: float | None
    reviews: int


def ranking(call: GrantCall) -> list[Ranked]:
    """The call's handed-in applications by their average total score, best first (those
    not scored yet last). Scores of a reviewer who declared a conflict never count."""
    applications = list(
        call.applications.filter(status__in=HANDED_IN).select_related("group", "dong")
    )
    conflicts = set(
        Conflict.objects.filter(application__call=call).values_list("reviewer_id", "application_id")
    )
    totals: dict[int, list[int]] = {}
    for reviewer_id, application_id, total in Review.objects.filter(
        application__call=call
    ).values_list("reviewer_id", "application_id", "total"):
        if (reviewer_id, application_id) not in conflicts:
            totals.setdefault(application_id, []).append(total)
    rows = [
        Ranked(
            application=application,
            average=sum(t) / len(t) if (t := totals.get(application.pk)) else None,
            reviews=len(totals.get(application.pk, [])),
        )
        for application in applications
    ]
    return sorted(
        rows, key=lambda row: (row.average is None, -(row.average or 0), row.application.pk)
    )


def decide(
    *,
    application: Application,
    selected: bool,
    amount: int | None,
    reasons: str,
    staff: Any,
    now: datetime,
    ip: str | None,
) -> Application:
    """선정 with the amount granted, or 미선정; the reasons are shown to the applicant."""
    enforce(staff, Action.DECIDE_APPLICATION, application, now=now)
    call = application.call
    _require_closed(call, now)
    reasons = required_text(
        reasons,
        field="reasons",
        missing=_("Write the reasons for the decision."),
        most=REASONS_MAX,
        too_long=_("Write the reasons in at most 2,000 characters."),
    )
    if selected:
        _check_amount(application, amount)
    with transaction.atomic():
        before = application.status
        application.status = (
            ApplicationStatus.SELECTED if selected else ApplicationStatus.NOT_SELECTED
        )
        application.granted_amount = amount if selected else None
        application.decision_reasons = reasons
        application.decided_at = now
        application.decided_by = staff
        application.save(
            update_fields=[
                "status",
                "granted_amount",
                "decision_reasons",
                "decided_at",
                "decided_by",
            ]
        )
        audit.record(
            actor=staff,
            action="grants.decide",
            target=application,
            changes={
                "status": [before, application.status],
                "granted_amount": [None, application.granted_amount],
            },
            ip=ip,
            now=now,
        )
        message = (
            _("Your application %(title)s was selected.")
            if selected
            else _("Your application %(title)s was not selected.")
        )
        tell_representative(application, message, kind=NOTIFY_KIND, now=now)
    return application


def _check_amount(application: Application, amount: int | None) -> None:
    call = application.call
    if amount is None or amount <= 0:
        raise RuleViolation(_("Enter the amount granted."), field="amount")
    if amount > application.amount:
        raise RuleViolation(
            _("The amount granted cannot be more than the amount asked."), field="amount"
        )
    if not call.min_amount <= amount <= call.max_amount:
        raise RuleViolation(
            _("The amount granted must be within the call's range for one project."),
            field="amount",
        )
    granted = (
        call.applications.filter(status=ApplicationStatus.SELECTED)
        .exclude(pk=application.pk)
        .aggregate(total=Sum("granted_amount"))["total"]
        or 0
    )
    if granted + amount > call.total_budget:
        raise RuleViolation(
            _("The amounts granted would exceed the call's total budget."), field="amount"
        )
