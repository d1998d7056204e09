"""The training an activity requires (전문교육 → 연계 봉사활동), and who completed it."""

from typing import Any

from maeul.volunteering.models import VolunteerActivity


def missing_training(user: Any, activity: VolunteerActivity) -> Any:
    """The course `activity` requires that `user` has not completed, or None."""
    return None


def suggested_volunteers(activity: VolunteerActivity) -> list[Any]:
    """Volunteers who completed the training `activity` requires (none without one)."""
    return []
