"""Calls for community projects (공모사업 공고), configured by district staff.

A call names its programme, year and district (a dong only for a dong's own call), the
money (total, and the least and most one project may ask), who may apply, which files an
application must carry, the expense categories and their caps, and its timeline from the
notice (공고) to the evaluation (평가). Money is whole won.
"""

from datetime import datetime

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from maeul.core.model_parts import PublishedQuerySet, actor_field, dong_or_whole_district
from maeul.places.models import District


class Programme(models.TextChoices):
    """The grant programmes of the seeds, named as the districts name them."""

    NONPROFIT_SUBSIDY = "nonprofit_subsidy", "비영리민간단체 보조금"
    NEIGHBOURS = "neighbours", "마을공동체 통합공모 이웃만들기"
    COMMUNITY_GROWTH = "community_growth", "마을공동체 통합공모 공동체성장"
    ALLEYS = "alleys", "마을공동체 통합공모 골목만들기"
    OPEN_ALLEYS = "open_alleys", "탁트인 골목"
    LIVING_LAB = "living_lab", "리빙랩"
    VITALITY_CENTRE = "vitality_centre", "마을활력소 운영"


class AttachmentKind(models.TextChoices):
    PLAN = "plan", _("Project plan")
    BUDGET = "budget", _("Budget sheet")
    MEMBERS = "members", _("Member list")
    REGISTRATION = "registration", _("Registration certificate")
    BANKBOOK = "bankbook", _("Copy of the bankbook")
    CONSENT = "consent", _("Personal data consent forms")
    OTHER = "other", _("Other")


class ExpenseKind(models.TextChoices):
    OPERATING = "operating", _("Operating costs")
    PROJECT = "project", _("Project costs")


class GrantCallQuerySet(PublishedQuerySet["GrantCall"]):
    """Calls staff publish by stamping `published_at`: `public()` are the published ones."""


class GrantCall(models.Model):
    """공고: one call of a programme for one year, in a district (or one of its dongs)."""

    programme = models.CharField(_("programme"), max_length=30, choices=Programme.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=200)
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="grant_calls", verbose_name=_("district")
    )
    dong = dong_or_whole_district(related_name="grant_calls")
    total_budget = models.PositiveBigIntegerField(_("total budget (won)"))
    min_amount = models.PositiveBigIntegerField(_("least a project may ask (won)"), default=0)
    max_amount = models.PositiveBigIntegerField(_("most a project may ask (won)"))
    expected_groups = models.PositiveIntegerField(_("groups to select"), null=True, blank=True)
    # Eligibility (자격).
    min_members = models.PositiveSmallIntegerField(_("least members"), default=3)
    count_living_area = models.BooleanField(
        _("people who work or study here count as members"), default=True
    )
    nonprofit_required = models.BooleanField(_("registered nonprofit required"), default=False)
    trade_groups_allowed = models.BooleanField(
        _("trade associations may apply, alone or jointly"), default=True
    )
    required_attachments = models.JSONField(_("required attachments"), default=list, blank=True)
    notice = models.TextField(_("notice"), blank=True)
    # Timeline: 공고 → 설명회 → 접수 → 심의 → 선정 발표 → 교부 → 중간점검 → 정산 → 평가.
    announced_on = models.DateField(_("announced on"))
    briefing_on = models.DateField(_("briefing session"), null=True, blank=True)
    opens_at = models.DateTimeField(_("applications open"))
    closes_at = models.DateTimeField(_("applications close"))
    review_on = models.DateField(_("review"), null=True, blank=True)
    selection_on = models.DateField(_("selection announced"), null=True, blank=True)
    disbursement_on = models.DateField(_("disbursement"), null=True, blank=True)
    interim_check_on = models.DateField(_("interim check"), null=True, blank=True)
    settlement_on = models.DateField(_("settlement"), null=True, blank=True)
    evaluation_on = models.DateField(_("evaluation"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_by = actor_field()

    objects = GrantCallQuerySet.as_manager()

    class Meta:
        verbose_name = _("grant call")
        verbose_name_plural = _("grant calls")
        ordering = ["-year", "-opens_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_amount__lte=models.F("max_amount")), name="grant_min_le_max"
            ),
            models.CheckConstraint(
                condition=Q(opens_at__lt=models.F("closes_at")), name="grant_opens_before_close"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    def is_open(self, now: datetime) -> bool:
        """Applications are received (접수 기간): from opening to the deadline, published."""
        return self.is_published and self.opens_at <= now < self.closes_at

    def timeline(self) -> list[tuple[str, object]]:
        """The call's steps with their dates, in order (a step without a date is left out)."""
        steps = [
            (_("Notice"), self.announced_on),
            (_("Briefing session"), self.briefing_on),
            (_("Applications open"), self.opens_at),
            (_("Applications close"), self.closes_at),
            (_("Review"), self.review_on),
            (_("Selection announced"), self.selection_on),
            (_("Disbursement"), self.disbursement_on),
            (_("Interim check"), self.interim_check_on),
            (_("Settlement"), self.settlement_on),
            (_("Evaluation"), self.evaluation_on),
        ]
        return [(str(label), when) for label, when in steps if when is not None]

    def required_attachment_labels(self) -> list[str]:
        return [str(AttachmentKind(kind).label) for kind in self.required_attachments]


class ExpenseCategory(models.Model):
    """An expense category of a call (식비, 행사비 …) with its cap: a share of the project's
    total, a sum of won, or both (the smaller binds)."""

    call = models.ForeignKey(GrantCall, on_delete=models.CASCADE, related_name="categories")
    kind = models.CharField(_("kind"), max_length=20, choices=ExpenseKind.choices)
    name = models.CharField(_("expense category"), max_length=60)
    cap_percent = models.PositiveSmallIntegerField(
        _("cap (percent of the total)"), null=True, blank=True
    )
    cap_won = models.PositiveBigIntegerField(_("cap (won)"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("expense category")
        verbose_name_plural = _("expense categories")
        ordering = ["call", "kind", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["call", "name"], name="grant_category_once"),
            models.CheckConstraint(
                condition=Q(cap_percent__isnull=True) | Q(cap_percent__lte=100),
                name="grant_cap_percent_le_100",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def cap_for(self, total: int) -> int | None:
        """The most this category may hold in a project asking `total` won (None: no cap)."""
        caps = []
        if self.cap_percent is not None:
            caps.append(total * self.cap_percent // 100)
        if self.cap_won is not None:
            caps.append(self.cap_won)
        return min(caps) if caps else None
