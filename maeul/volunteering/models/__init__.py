"""The volunteering models: camps, clubs and people (`groups`), activities and hours."""

from maeul.volunteering.models.activities import (
    ADULT_AGE,
    DEFAULT_MIN_AGE,
    ActivityStatus,
    Certificate,
    Field,
    GroupSignUp,
    HoursRecord,
    ProposalStatus,
    Shift,
    SignUp,
    SignUpStatus,
    VolunteerActivity,
    WorkProposal,
)
from maeul.volunteering.models.groups import (
    ConsentChannel,
    GuardianConsent,
    MemberRole,
    Membership,
    Volunteer,
    VolunteerCamp,
    VolunteerClub,
)

__all__ = [
    "ADULT_AGE",
    "DEFAULT_MIN_AGE",
    "ActivityStatus",
    "Certificate",
    "ConsentChannel",
    "Field",
    "GroupSignUp",
    "GuardianConsent",
    "HoursRecord",
    "MemberRole",
    "Membership",
    "ProposalStatus",
    "Shift",
    "SignUp",
    "SignUpStatus",
    "Volunteer",
    "VolunteerActivity",
    "VolunteerCamp",
    "VolunteerClub",
    "WorkProposal",
]
