"""What deliberation a proposal led to, for its page: the published consultations that
started from it (and, once forums exist, their outcomes)."""

from typing import Any

from maeul.consultations.models import Consultation
from maeul.proposals.models import Proposal


def deliberation_of(proposal: Proposal) -> dict[str, Any]:
    """The proposal page's context for its consultations (one query)."""
    return {
        "consultations": list(Consultation.objects.public().filter(proposal=proposal)),
    }
