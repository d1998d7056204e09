"""Plans and their projects (자치계획, 지역사회혁신계획, 실행사업), with every won tracked.

A council's plan for a year holds the projects its assembly passed. Each project has a
budget; staff record spending entries with receipts; `Project.spent` is the exact sum of
its entries, kept in the same transaction as each entry (so tables of thousands of
projects need no aggregation), and the execution rate (집행률) is always computed.
"""

from datetime import date
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from maeul.core.dates import seoul_day
from maeul.core.model_parts import actor_field, ends_after, optional_link
from maeul.core.storage import PrivateStorage
from maeul.councils.models import AgendaItem, Council, CouncilKind, Section
from maeul.places.models import District, Dong

if TYPE_CHECKING:
    from maeul.voting.models import Option, Vote


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Being written")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")


class AutonomyPlan(models.Model):
    """자치계획 of a resident council (or 지역사회혁신계획 of a governance council) for a year."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="plans")
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(
        _("status"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    # The district's 검토의견 on its last approval or return, for the dong office to read.
    review_opinion = models.TextField(_("review opinion"), blank=True, default="")

    class Meta:
        verbose_name = _("autonomy plan")
        verbose_name_plural = _("autonomy plans")
        ordering = ["council", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["council", "year"], name="one_plan_a_year"),
        ]

    def __str__(self) -> str:
        return f"{self.council} {self.year}"

    @property
    def is_draft(self) -> bool:
        """Still being written: its projects may change and are not public yet."""
        return self.status == PlanStatus.DRAFT

    @property
    def is_submitted(self) -> bool:
        """Waiting for the district to approve it or send it back."""
        return self.status == PlanStatus.SUBMITTED

    @property
    def title(self) -> str:
        if self.council.kind == CouncilKind.GOVERNANCE:
            return str(_("%(year)d community innovation plan") % {"year": self.year})
        return str(_("%(year)d autonomy plan") % {"year": self.year})


class Programme(models.TextChoices):
    """The funding programme a project belongs to, named exactly as the seeds name them."""

    RESIDENT_ACTIVITY = "resident_activity", "주민자치활동 지원사업"
    DONG_PARTICIPATORY_BUDGET = "dong_pb", "동단위 시민참여예산"
    COMMUNITY_INNOVATION = "community_innovation", "지역사회혁신계획"
    OTHER = "other", _("Other")


class BudgetSource(models.TextChoices):
    """재원: where a project's money comes from; a budget may be split among them."""

    CITY = "city", "시비"
    DISTRICT = "district", "구비"
    NATIONAL = "national", "국비"
    RESIDENT_TAX = "resident_tax", "주민세 환원분"
    SPECIAL_GRANT = "special_grant", "특별교부금"
    OTHER = "other", _("Other")


class EntryKind(models.TextChoices):
    """원인행위 (a contract or order signed: money committed) or 지출 (money paid)."""

    PAYMENT = "payment", _("Payment")
    COMMITMENT = "commitment", _("Commitment")


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


# Plans being written are not public yet; a submitted plan is (the assembly passed it).
PUBLIC_PLAN_STATUSES = (PlanStatus.SUBMITTED, PlanStatus.APPROVED)


class ProjectQuerySet(models.QuerySet["Project"]):
    def public(self) -> "ProjectQuerySet":
        """Projects anyone may see: those of submitted and approved plans."""
        return self.filter(plan__status__in=PUBLIC_PLAN_STATUSES)


class Project(models.Model):
    """실행사업: a funded piece of work of a plan, with its budget and what has been spent."""

    plan = models.ForeignKey(AutonomyPlan, on_delete=models.PROTECT, related_name="projects")
    # Copied from the plan's council so that tables filter without joins.
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    dong = optional_link(Dong, related_name="+", on_delete=models.PROTECT)
    year = models.PositiveSmallIntegerField(_("fiscal year"))
    title = models.CharField(_("project name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    programme = models.CharField(_("programme"), max_length=30, choices=Programme.choices)
    budget_source = models.CharField(
        _("budget source"), max_length=20, choices=BudgetSource.choices
    )
    budget = models.PositiveBigIntegerField(_("budget (won)"))
    spent = models.PositiveBigIntegerField(_("spent (won)"), default=0, editable=False)
    section = optional_link(Section, _("responsible section"), related_name="projects")
    agenda_item = optional_link(
        AgendaItem, _("agenda item"), related_name="project", one_to_one=True
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    status = models.CharField(
        _("status"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.PLANNED
    )
    outcome = models.TextField(
        _("outcome"), blank=True, help_text=_("Shown at the results sharing.")
    )
    origin_vote: "models.ForeignKey[Vote | None, Vote | None]" = optional_link(
        "voting.Vote", _("origin vote"), related_name="projects"
    )
    origin_option: "models.ForeignKey[Option | None, Option | None]" = optional_link(
        "voting.Option", _("origin option"), related_name="project", one_to_one=True
    )
    carried_from: "models.ForeignKey[Project | None, Project | None]" = optional_link(
        "self",
        _("carried over from"),
        related_name="carried_to",
        on_delete=models.PROTECT,
        one_to_one=True,
    )
    closed_at = models.DateTimeField(_("accounts closed at"), null=True, blank=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["district", "year", "dong__code", "title"]
        indexes = [
            models.Index(fields=["district", "year"]),
            models.Index(fields=["dong", "year"]),
            models.Index(fields=["plan"]),
        ]
        constraints = [
            ends_after("starts_on", "ends_on", name="project_ends_after_start", or_same=True),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("plans:project", kwargs={"pk": self.pk})

    @property
    def execution_rate(self) -> Fraction | None:
        """집행률 = spent ÷ budget, exactly; None when there is no budget."""
        return Fraction(self.spent, self.budget) if self.budget else None

    def in_fiscal_year(self, day: date) -> bool:
        return day.year == self.year


class SpendingEntry(models.Model):
    """집행: one payment of a project, with its receipt."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="spending")
    spent_on = models.DateField(_("date"))
    amount = models.PositiveBigIntegerField(_("amount (won)"))
    kind = models.CharField(
        _("kind"), max_length=20, choices=EntryKind.choices, default=EntryKind.PAYMENT
    )
    # Blank until saved: an entry without a source spends its project's `budget_source`.
    source = models.CharField(
        _("budget source"), max_length=20, choices=BudgetSource.choices, blank=True
    )
    payee = models.CharField(_("payee"), max_length=100)
    purpose = models.CharField(_("purpose"), max_length=200)
    receipt = models.FileField(
        _("receipt"), upload_to="plans/receipts/", storage=PrivateStorage(), blank=True
    )
    receipt_name = models.CharField(max_length=200, blank=True)
    over_budget_reason = models.CharField(
        _("reason for going over the budget"), max_length=300, blank=True
    )
    confirmed_by = actor_field(blank=True)
    entered_by = actor_field()
    created_at = models.DateTimeField(_("entered at"))

    class Meta:
        verbose_name = _("spending entry")
        verbose_name_plural = _("spending entries")
        ordering = ["project", "spent_on", "pk"]
        indexes = [models.Index(fields=["project", "source", "spent_on"])]
        constraints = [
            models.CheckConstraint(name="spending_is_positive", condition=Q(amount__gt=0)),
        ]

    def __str__(self) -> str:
        return f"{self.spent_on} {self.amount}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.source:
            self.source = self.project.budget_source
        super().save(*args, **kwargs)


class BudgetLine(models.Model):
    """One source's share of a project's budget (예산 재원별 내역).

    A project without lines is funded wholly by its `budget_source`; once split, the lines
    add up to `Project.budget`. A carried-over line (이월) names the project it came from.
    """

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="budget_lines")
    source = models.CharField(_("budget source"), max_length=20, choices=BudgetSource.choices)
    amount = models.PositiveBigIntegerField(_("amount (won)"))
    carried_from = optional_link(
        Project, _("carried over from"), related_name="carried_lines", on_delete=models.PROTECT
    )

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["project", "source"]
        constraints = [
            models.UniqueConstraint(fields=["project", "source"], name="one_line_per_source"),
        ]

    def __str__(self) -> str:
        return f"{self.project} {self.get_source_display()} {self.amount}"


class ClosingLine(models.Model):
    """정산: at the closing of a project's accounts, per source, what was budgeted, spent,
    carried over to the next year and returned (반납액 = budget - spent - carried over)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="closing_lines")
    source = models.CharField(_("budget source"), max_length=20, choices=BudgetSource.choices)
    budget = models.PositiveBigIntegerField(_("budget (won)"))
    spent = models.PositiveBigIntegerField(_("spent (won)"))
    carried_over = models.PositiveBigIntegerField(_("carried over (won)"), default=0)
    returned = models.PositiveBigIntegerField(_("returned (won)"))
    closed_by = actor_field()
    closed_at = models.DateTimeField(_("closed at"))

    class Meta:
        verbose_name = _("closing line")
        verbose_name_plural = _("closing lines")
        ordering = ["project", "source"]
        constraints = [
            models.UniqueConstraint(fields=["project", "source"], name="one_closing_per_source"),
        ]

    def __str__(self) -> str:
        return f"{self.project} {self.get_source_display()} {self.returned}"


class ProgressUpdate(models.Model):
    """A progress note with an optional photo, shown on the project and at results sharing."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="updates")
    body = models.TextField(_("what happened"))
    photo = models.ImageField(_("photo"), upload_to="plans/photos/", blank=True)
    photo_alt = models.CharField(_("photo description"), max_length=200, blank=True)
    written_by = actor_field()
    created_at = models.DateTimeField(_("written at"))

    class Meta:
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        ordering = ["project", "-created_at"]

    def __str__(self) -> str:
        return f"{self.project} {seoul_day(self.created_at)}"
