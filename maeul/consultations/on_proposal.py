"""What deliberation a proposal led to, for its page: the published consultations that
started from it, the forums held on it (the workshop route from a popular proposal) with
their outcomes, and the forums whose outcome produced it."""

from typing import Any

from maeul.consultations.models import Consultation, Forum
from maeul.proposals.models import Proposal


def deliberation_of(proposal: Proposal) -> dict[str, Any]:
    """The proposal page's context for its deliberation (three queries)."""
    return {
        "consultations": list(Consultation.objects.public().filter(proposal=proposal)),
        "forums": list(Forum.objects.public().filter(proposal=proposal)),
        "produced_by": list(
            Forum.objects.public()
            .filter(outcomes__proposal=proposal, outcome_published_at__isnull=False)
            .distinct()
        ),
    }


def workshops_of(proposal: Proposal) -> list[Forum]:
    """The workshops (and other forums) opened on the proposal, for its staff desk."""
    return list(Forum.objects.filter(proposal=proposal).order_by("-starts_at", "-pk"))
