"""Walk-in visitor counts entered by staff, and the booker's short survey after use."""

from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from maeul.core import audit
from maeul.core.dates import local_date
from maeul.core.errors import RuleViolation, refuse_duplicate
from maeul.core.permissions import Action, enforce
from maeul.core.privacy import refuse_resident_number
from maeul.spaces.models import Booking, Space, SurveyAnswer, VisitorCount


def count_visitors(
    *, space: Space, on: date, visitors: int, staff: Any, now: datetime, ip: str | None
) -> VisitorCount:
    """The walk-in visitors of one day (entered again, the count is replaced)."""
    enforce(staff, Action.MANAGE_SPACE, space, now=now)
    if on > local_date(now):
        raise RuleViolation(
            _("Visitors can only be counted for today or earlier."), code="future", field="on"
        )
    if visitors < 0:
        raise RuleViolation(_("Enter a number of visitors."), code="visitors", field="visitors")
    with transaction.atomic():
        row, _created = VisitorCount.objects.update_or_create(
            space=space, on=on, defaults={"visitors": visitors}
        )
        audit.record(
            actor=staff,
            action="spaces.count_visitors",
            target=row,
            changes={"visitors": [None, visitors]},
            ip=ip,
            now=now,
        )
    return row


def answer_survey(
    *, booking: Booking, rating: int, comment: str, user: Any, now: datetime
) -> SurveyAnswer:
    """The booker rates the space once after use (1 to 5)."""
    enforce(user, Action.ANSWER_SURVEY, booking, now=now)
    refuse_resident_number(comment=comment)
    if not 1 <= rating <= 5:
        raise RuleViolation(_("Choose a rating from 1 to 5."), code="rating", field="rating")
    with refuse_duplicate(
        _("You have already answered the survey for this booking."), code="already_answered"
    ):
        return SurveyAnswer.objects.create(
            booking=booking, rating=rating, comment=comment.strip()[:300], answered_at=now
        )
