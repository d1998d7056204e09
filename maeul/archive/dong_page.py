"""Everything the dong page (동단위 DB), its XLSX, its booklet and `/api/dongs/{code}` show
of one dong, read in a fixed number of queries however much the dong holds.

The 집행률 of its projects comes from the plans app's accountability table (never computed
again here); council members are shown by the name they chose to show, their role and
section; groups by name and kind; resources without names or contacts.
"""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone

from maeul.archive.models import ArchiveRecord, Facility, RecordPhoto, Resource
from maeul.archive.models.records import ArchiveRecordQuerySet
from maeul.consultations.models import Forum
from maeul.councils.models import AgendaItem, Council, CouncilEvent, CouncilMember, Section, Term
from maeul.councils.services.members import current_members, current_term
from maeul.grants.models import CommunityGroup
from maeul.places.models import Dong
from maeul.plans.accountability import (
    Accountability,
    AccountabilityFilter,
    accountability_table,
    public_projects,
)
from maeul.proposals.models import Proposal
from maeul.spaces.models import Space
from maeul.volunteering.models import ActivityStatus, VolunteerActivity, VolunteerCamp

AGENDA_SHOWN = 30
PROPOSALS_SHOWN = 10
RECORDS_SHOWN = 6
EVENTS_SHOWN = 8
ACTIVITIES_SHOWN = 6
# Events are few (a handful a council a year): the next ones are read and those not yet
# announced dropped, since each event has its own announcement day.
EVENTS_READ = 40


@dataclass
class DongOverview:
    dong: Dong
    year: int
    years: list[int]
    council: Council | None = None
    term: Term | None = None
    members: list[CouncilMember] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    agenda: list[AgendaItem] = field(default_factory=list)
    projects: Accountability | None = None
    proposals: list[Proposal] = field(default_factory=list)
    spaces: list[Space] = field(default_factory=list)
    facilities: list[Facility] = field(default_factory=list)
    groups: list[CommunityGroup] = field(default_factory=list)
    records: list[ArchiveRecord] = field(default_factory=list)
    events: list[CouncilEvent] = field(default_factory=list)
    forums: list[Forum] = field(default_factory=list)
    resources: list[Resource] = field(default_factory=list)
    camps: list[VolunteerCamp] = field(default_factory=list)
    activities: list[VolunteerActivity] = field(default_factory=list)


def public_records() -> ArchiveRecordQuerySet:
    """Published records with their dong, photos and tags, newest first (three queries)."""
    return (
        ArchiveRecord.objects.public()
        .select_related("district", "dong")
        .prefetch_related(
            Prefetch("photos", queryset=RecordPhoto.objects.order_by("order", "pk")), "tags"
        )
        .newest_first()
    )


def project_years(dong: Dong) -> list[int]:
    """The years of the dong's public projects, latest first."""
    return list(
        public_projects()
        .filter(dong=dong)
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )


def dong_overview(
    dong: Dong, *, now: datetime, year: int | None = None, full: bool = False
) -> DongOverview:
    """The dong's page data for `year` (default: its latest year with projects).

    `full` reads every record, agenda item and proposal instead of the latest few (for
    the XLSX).
    """
    years = project_years(dong)
    today = timezone.localdate(now)
    chosen = year if year is not None else (years[0] if years else today.year)
    overview = DongOverview(dong=dong, year=chosen, years=years)
    overview.council = Council.objects.filter(dong=dong).first()
    council = overview.council
    if council is not None:
        overview.term = current_term(council, today)
        if overview.term is not None:
            overview.members = list(current_members(overview.term))
        overview.sections = list(council.sections.order_by("order", "name"))
        agenda = council.agenda_items.select_related("section").order_by("-year", "pk")
        overview.agenda = list(agenda if full else agenda[:AGENDA_SHOWN])
        events = council.events.upcoming(now)[:EVENTS_READ]
        overview.events = [e for e in events if e.is_announced(now)][:EVENTS_SHOWN]
    overview.projects = accountability_table(AccountabilityFilter(dong=dong.code, year=chosen))
    proposals = Proposal.objects.public().filter(dong=dong).order_by("-published_at", "-pk")
    overview.proposals = list(proposals if full else proposals[:PROPOSALS_SHOWN])
    overview.spaces = list(Space.objects.filter(dong=dong).order_by("name"))
    overview.facilities = list(Facility.objects.filter(dong=dong).order_by("kind", "name"))
    overview.groups = list(CommunityGroup.objects.filter(dong=dong).order_by("kind", "name"))
    records = public_records().filter(dong=dong)
    overview.records = list(records if full else records[:RECORDS_SHOWN])
    overview.forums = list(
        Forum.objects.public()
        .filter(dong=dong, starts_at__gte=now)
        .order_by("starts_at", "pk")[:EVENTS_SHOWN]
    )
    overview.resources = list(Resource.objects.filter(dong=dong).order_by("kind", "name", "pk"))
    overview.camps = list(VolunteerCamp.objects.filter(dong=dong).order_by("name"))
    overview.activities = list(
        VolunteerActivity.objects.public()
        .filter(dong=dong, status=ActivityStatus.OPEN)
        .order_by("-created_at", "-pk")[:ACTIVITIES_SHOWN]
    )
    return overview


def booklet_records(dong: Dong, year: int) -> list[ArchiveRecord]:
    """The dong's published records of `year`, with their photos (two queries)."""
    return list(public_records().filter(dong=dong, year=year).order_by("published_at", "pk"))


def groups_by_kind(groups: list[CommunityGroup]) -> list[tuple[str, list[CommunityGroup]]]:
    """Groups under their kind's label, in the order the kinds are listed."""
    buckets: dict[str, list[Any]] = {}
    for group in groups:
        buckets.setdefault(str(group.get_kind_display()), []).append(group)
    return list(buckets.items())
