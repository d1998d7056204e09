"""Councils (주민자치회, 협치회의): members and terms, sections, recruitment, agenda, events.

A dong's resident council and a district's governance council share one table, `Council`
(`kind` says which), and run the same yearly cycle: agenda discovery → policy sharing
session → general assembly → plan → execution → evaluation → recruitment of the next term.

By topic: `councils` (councils, sections, terms, members), `recruitment` (the call and its
applications), `agenda` (agenda items and meetings), `events` (policy sharing sessions,
assemblies, results sharing), `cycle` (the yearly steps).
"""

from maeul.councils.models.agenda import AgendaItem, AgendaStatus, Meeting, MeetingKind
from maeul.councils.models.councils import (
    Council,
    CouncilKind,
    CouncilMember,
    MemberRole,
    Section,
    SelectionRoute,
    Term,
)
from maeul.councils.models.cycle import CyclePhase, CycleStep
from maeul.councils.models.events import CouncilEvent, EventKind
from maeul.councils.models.recruitment import (
    ApplicationStatus,
    MembershipApplication,
    Recruitment,
    RecruitmentStatus,
)

__all__ = [
    "AgendaItem",
    "AgendaStatus",
    "ApplicationStatus",
    "Council",
    "CouncilEvent",
    "CouncilKind",
    "CouncilMember",
    "CyclePhase",
    "CycleStep",
    "EventKind",
    "Meeting",
    "MeetingKind",
    "MemberRole",
    "MembershipApplication",
    "Recruitment",
    "RecruitmentStatus",
    "Section",
    "SelectionRoute",
    "Term",
]
