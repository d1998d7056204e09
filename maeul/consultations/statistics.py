"""Participation statistics (참여 통계): how many answered each consultation, by dong and by
age group, and how many came to each forum, by invited group. Never who said what: the
breakdowns come from `results.participation_of` and `core.disclosure.suppress_small`, the
same figures the consultation's page and API publish."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q

from maeul.consultations.models import (
    Consultation,
    Forum,
    Registration,
    RegistrationStatus,
    TargetGroup,
)
from maeul.consultations.results import Breakdown, Participation, participation_of
from maeul.core.disclosure import suppress_small


@dataclass
class ConsultationFigures:
    consultation: Consultation
    participation: Participation
    arguments: int


@dataclass
class ForumFigures:
    forum: Forum
    registered: int
    attended: int
    by_group: Breakdown  # attendance (registrations before attendance is marked)


def consultation_figures() -> list[ConsultationFigures]:
    rows = Consultation.objects.public().annotate(
        argument_count=Count("arguments", filter=Q(arguments__hidden_at=None))
    )
    return [
        ConsultationFigures(row, participation_of(row), row.argument_count)  # type: ignore[attr-defined]
        for row in rows.order_by("-opens_at", "-pk")
    ]


def forum_figures() -> list[ForumFigures]:
    seats = Registration.objects.filter(status=RegistrationStatus.REGISTERED)
    counts: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for forum_id, group, attended, n in seats.values_list(
        "forum_id", "target_group", "attended"
    ).annotate(n=Count("pk")):
        counts[forum_id][group][0] += n
        if attended:
            counts[forum_id][group][1] += n
    figures = []
    for forum in Forum.objects.public().order_by("-starts_at", "-pk"):
        groups = counts[forum.pk]
        registered = sum(n for n, _came in groups.values())
        attended = sum(came for _n, came in groups.values())
        shown = {
            str(TargetGroup(g).label): (came if attended else n) for g, (n, came) in groups.items()
        }
        figures.append(ForumFigures(forum, registered, attended, suppress_small(shown)))
    return figures
