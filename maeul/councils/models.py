"""Councils (주민자치회, 협치회의): members and terms, sections, recruitment, agenda, events.

A dong's resident council (`ResidentCouncil`) and a district's governance council
(`GovernanceCouncil`) share one table, `Council`, and run the same yearly cycle: agenda
discovery → policy sharing session → general assembly → plan → execution → evaluation →
recruitment of the next term. The two names are proxies, so code and pages say which.
"""

from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maeul.places.models import District, Dong


class CouncilKind(models.TextChoices):
    RESIDENT = "resident", _("Resident council")
    GOVERNANCE = "governance", _("Governance council")


class Council(models.Model):
    kind = models.CharField(_("kind"), max_length=20, choices=CouncilKind.choices)
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="councils")
    dong = models.OneToOneField(
        Dong,
        verbose_name=_("dong"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="council",
    )
    name = models.CharField(_("name"), max_length=100)
    max_members = models.PositiveSmallIntegerField(_("most members"), default=50)
    term_years = models.PositiveSmallIntegerField(_("term (years)"), default=2)
    assembly_quorum = models.PositiveIntegerField(
        _("assembly quorum (ballots)"),
        default=0,
        help_text=_("An agenda item passes only when at least this many ballots were cast."),
    )

    class Meta:
        verbose_name = _("council")
        verbose_name_plural = _("councils")
        ordering = ["district", "kind", "dong__code"]
        constraints = [
            # A resident council belongs to one dong; a governance council to its district.
            models.CheckConstraint(
                name="council_scope_matches_kind",
                condition=Q(kind="resident", dong__isnull=False)
                | Q(kind="governance", dong__isnull=True),
            ),
            models.UniqueConstraint(
                fields=["district"],
                condition=Q(kind="governance"),
                name="one_governance_council_per_district",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("councils:detail", kwargs={"pk": self.pk})

    @property
    def is_resident_council(self) -> bool:
        return self.kind == CouncilKind.RESIDENT


class ResidentCouncilManager(models.Manager["ResidentCouncil"]):
    def get_queryset(self) -> models.QuerySet["ResidentCouncil"]:
        return super().get_queryset().filter(kind=CouncilKind.RESIDENT)


class ResidentCouncil(Council):
    """주민자치회: the self-government body of one dong (up to 50 members, 2-year terms)."""

    objects = ResidentCouncilManager()  # type: ignore[misc]

    class Meta:
        proxy = True
        verbose_name = _("resident council")
        verbose_name_plural = _("resident councils")


class GovernanceCouncilManager(models.Manager["GovernanceCouncil"]):
    def get_queryset(self) -> models.QuerySet["GovernanceCouncil"]:
        return super().get_queryset().filter(kind=CouncilKind.GOVERNANCE)


class GovernanceCouncil(Council):
    """협치회의: the district's public-private council and its sections."""

    objects = GovernanceCouncilManager()  # type: ignore[misc]

    class Meta:
        proxy = True
        verbose_name = _("governance council")
        verbose_name_plural = _("governance councils")


class Section(models.Model):
    """분과: a working group of a council (e.g. 자치행정분과, 교육·문화분과)."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="sections")
    name = models.CharField(_("name"), max_length=50)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["council", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["council", "name"], name="section_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class Term(models.Model):
    """기수: one term of a council's members (e.g. 3기, 2022-01-01 to 2023-12-31)."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="terms")
    number = models.PositiveSmallIntegerField(_("term number"))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))

    class Meta:
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        ordering = ["council", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["council", "number"], name="term_number_unique"),
            models.CheckConstraint(
                name="term_ends_after_start", condition=Q(ends_on__gt=models.F("starts_on"))
            ),
        ]

    def __str__(self) -> str:
        return f"{self.council} {self.number}기"

    def is_current(self, today: date) -> bool:
        return self.starts_on <= today <= self.ends_on


class MemberRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    VICE_CHAIR = "vice_chair", _("Vice-chair")
    SECRETARY = "secretary", _("Secretary")
    SECTION_HEAD = "section_head", _("Section head")
    MEMBER = "member", _("Member")


class SelectionRoute(models.TextChoices):
    OPEN_CALL = "open_call", _("Open call")
    RECOMMENDATION = "recommendation", _("Recommendation")
    LOTTERY = "lottery", _("Public lottery")


class CouncilMember(models.Model):
    """주민자치위원 (or 협치회의 위원): a member of one term, with a role and a section.

    Only `public_name`, role and section are public; the account link is for sign-in.
    """

    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="council_memberships",
    )
    public_name = models.CharField(_("name shown"), max_length=30)
    role = models.CharField(
        _("role"), max_length=20, choices=MemberRole.choices, default=MemberRole.MEMBER
    )
    section = models.ForeignKey(
        Section,
        verbose_name=_("section"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )
    route = models.CharField(
        _("selected by"),
        max_length=20,
        choices=SelectionRoute.choices,
        default=SelectionRoute.OPEN_CALL,
    )
    joined_on = models.DateField(_("joined on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)

    class Meta:
        verbose_name = _("council member")
        verbose_name_plural = _("council members")
        ordering = ["term", "role", "public_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["term", "user"],
                condition=Q(user__isnull=False),
                name="member_once_per_term",
            ),
            # One chair per term at a time.
            models.UniqueConstraint(
                fields=["term"],
                condition=Q(role="chair", left_on__isnull=True),
                name="one_chair_per_term",
            ),
        ]

    def __str__(self) -> str:
        return self.public_name


class RecruitmentStatus(models.TextChoices):
    OPEN = "open", _("Taking applications")
    CLOSED = "closed", _("Closed")
    SELECTED = "selected", _("Members selected")


class Recruitment(models.Model):
    """위원 모집: the open call (and recommendations) for the next term's members."""

    term = models.OneToOneField(Term, on_delete=models.CASCADE, related_name="recruitment")
    seats = models.PositiveSmallIntegerField(_("places"))
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=RecruitmentStatus.choices,
        default=RecruitmentStatus.OPEN,
    )
    lottery_seed = models.CharField(_("lottery seed"), max_length=64, blank=True)
    selected_at = models.DateTimeField(_("selected at"), null=True, blank=True)

    class Meta:
        verbose_name = _("recruitment")
        verbose_name_plural = _("recruitments")

    def __str__(self) -> str:
        return str(self.term)

    def is_open(self, now: datetime) -> bool:
        return self.status == RecruitmentStatus.OPEN and self.opens_at <= now < self.closes_at


class ApplicationStatus(models.TextChoices):
    APPLIED = "applied", _("Applied")
    SELECTED = "selected", _("Selected")
    RESERVE = "reserve", _("On the reserve list")
    NOT_SELECTED = "not_selected", _("Not selected")


class MembershipApplication(models.Model):
    """An application to a council's open call, or a recommendation by an organisation."""

    recruitment = models.ForeignKey(
        Recruitment, on_delete=models.CASCADE, related_name="applications"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="council_applications"
    )
    public_name = models.CharField(_("name shown"), max_length=30)
    route = models.CharField(
        _("route"), max_length=20, choices=SelectionRoute.choices, default=SelectionRoute.OPEN_CALL
    )
    recommended_by = models.CharField(_("recommended by"), max_length=100, blank=True)
    motivation = models.TextField(_("why I apply"), max_length=2000)
    wanted_section = models.ForeignKey(
        Section, verbose_name=_("section wanted"), null=True, blank=True, on_delete=models.SET_NULL
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.APPLIED,
    )
    lottery_rank = models.PositiveSmallIntegerField(_("lottery rank"), null=True, blank=True)
    created_at = models.DateTimeField(_("applied at"))

    class Meta:
        verbose_name = _("membership application")
        verbose_name_plural = _("membership applications")
        ordering = ["recruitment", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["recruitment", "user"], name="apply_once"),
        ]

    def __str__(self) -> str:
        return self.public_name


class AgendaStatus(models.TextChoices):
    DISCOVERED = "discovered", _("Being shaped")
    ON_ASSEMBLY = "on_assembly", _("On the assembly's agenda")
    PASSED = "passed", _("Passed by the assembly")
    REJECTED = "rejected", _("Not passed")
    PLANNED = "planned", _("In the plan")
    DROPPED = "dropped", _("Dropped")


class AgendaItem(models.Model):
    """의제: an issue a council takes up, written by a section or promoted from a proposal."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="agenda_items")
    section = models.ForeignKey(
        Section,
        verbose_name=_("section"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agenda_items",
    )
    year = models.PositiveSmallIntegerField(_("for the year"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    estimated_cost = models.PositiveBigIntegerField(_("estimated cost (won)"), default=0)
    status = models.CharField(
        _("status"), max_length=20, choices=AgendaStatus.choices, default=AgendaStatus.DISCOVERED
    )
    proposal = models.ForeignKey(
        "proposals.Proposal",
        verbose_name=_("origin proposal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agenda_items",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"))

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["council", "-year", "title"]
        indexes = [models.Index(fields=["council", "year", "status"])]

    def __str__(self) -> str:
        return self.title


class MeetingKind(models.TextChoices):
    JOINT = "joint", _("Joint meeting of the sections")
    SECTION = "section", _("Section meeting")
    GENERAL = "general", _("Regular meeting")


class Meeting(models.Model):
    """연석회의, 분과회의 or 정기회의: when, who came, and the minutes."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="meetings")
    kind = models.CharField(_("kind"), max_length=20, choices=MeetingKind.choices)
    section = models.ForeignKey(
        Section, verbose_name=_("section"), null=True, blank=True, on_delete=models.SET_NULL
    )
    held_at = models.DateTimeField(_("held at"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    attendees = models.ManyToManyField(
        CouncilMember, verbose_name=_("members present"), blank=True, related_name="meetings"
    )
    guests = models.PositiveSmallIntegerField(_("other people present"), default=0)
    minutes = models.TextField(_("minutes"), blank=True)
    minutes_html = models.TextField(editable=False, default="")

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["council", "-held_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.held_at:%Y-%m-%d}"


class EventKind(models.TextChoices):
    POLICY_SHARING = "policy_sharing", _("Policy sharing session")
    ASSEMBLY = "assembly", _("General assembly")
    RESULTS_SHARING = "results_sharing", _("Results sharing session")


class CouncilEventQuerySet(models.QuerySet["CouncilEvent"]):
    def upcoming(self, now: datetime) -> "CouncilEventQuerySet":
        """Events that have not started yet, soonest first.

        Whether residents may see one yet depends on its own announcement day
        (`announced_on`): check `services.events.is_announced` on each row.
        """
        return self.filter(starts_at__gte=now).order_by("starts_at", "pk")


class CouncilEvent(models.Model):
    """정책공유회, 주민총회 or 성과공유회: date, place, online link, the announcement (공고)."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    place = models.CharField(_("place"), max_length=200)
    online_link = models.URLField(_("online link"), blank=True)
    announce_days = models.PositiveSmallIntegerField(
        _("days of announcement"),
        default=14,
        help_text=_("The announcement (공고) is public this many days before the event."),
    )
    agenda_items = models.ManyToManyField(
        AgendaItem, verbose_name=_("agenda"), blank=True, related_name="events"
    )
    vote = models.OneToOneField(
        "voting.Vote",
        verbose_name=_("vote"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assembly",
    )
    attendance_on_site = models.PositiveIntegerField(_("people present"), default=0)
    attendance_online = models.PositiveIntegerField(_("people online"), default=0)
    minutes = models.TextField(_("minutes"), blank=True)
    minutes_html = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(_("created at"))

    objects = CouncilEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("council event")
        verbose_name_plural = _("council events")
        ordering = ["council", "-starts_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "year"], condition=Q(kind="assembly"), name="one_assembly_a_year"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("councils:event", kwargs={"pk": self.pk})

    def announced_on(self) -> date:
        """The day the announcement (공고) goes public, by the Seoul calendar."""
        return timezone.localdate(self.starts_at) - timedelta(days=self.announce_days)


class CyclePhase(models.TextChoices):
    AGENDA_DISCOVERY = "agenda_discovery", _("Agenda discovery")
    ASSEMBLY = "assembly", _("Policy sharing and general assembly")
    PLAN_SUBMISSION = "plan_submission", _("Plan submission")
    EXECUTION = "execution", _("Execution")
    EVALUATION = "evaluation", _("Evaluation and results sharing")
    RECRUITMENT = "recruitment", _("Recruitment of the next term")


class CycleStep(models.Model):
    """One phase of a council's yearly cycle, with its dates and the reminder sent for it."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="cycle_steps")
    year = models.PositiveSmallIntegerField(_("year"))
    phase = models.CharField(_("phase"), max_length=30, choices=CyclePhase.choices)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    reminded_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("cycle step")
        verbose_name_plural = _("cycle steps")
        ordering = ["council", "year", "starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["council", "year", "phase"], name="cycle_step_unique"),
            models.CheckConstraint(
                name="cycle_step_ends_after_start", condition=Q(ends_on__gte=models.F("starts_on"))
            ),
        ]

    def __str__(self) -> str:
        return f"{self.council} {self.year} {self.get_phase_display()}"

    def is_current(self, today: date) -> bool:
        return self.starts_on <= today <= self.ends_on
