"""Councils, their sections (분과), terms (기수) and members (위원)."""

from datetime import date
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from maeul.core.model_parts import ends_after, optional_link
from maeul.places.models import District, Dong

if TYPE_CHECKING:
    from maeul.accounts.models import User


class CouncilKind(models.TextChoices):
    RESIDENT = "resident", _("Resident council")
    GOVERNANCE = "governance", _("Governance council")


class Council(models.Model):
    """주민자치회 of one dong (up to 50 members, 2-year terms), or 협치회의 of a district."""

    kind = models.CharField(_("kind"), max_length=20, choices=CouncilKind.choices)
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="councils")
    dong = optional_link(
        Dong, _("dong"), related_name="council", on_delete=models.PROTECT, one_to_one=True
    )
    name = models.CharField(_("name"), max_length=100)
    max_members = models.PositiveSmallIntegerField(_("most members"), default=50)
    term_years = models.PositiveSmallIntegerField(_("term (years)"), default=2)
    assembly_quorum = models.PositiveIntegerField(
        _("assembly quorum (ballots)"),
        default=0,
        help_text=_("An agenda item passes only when at least this many ballots were cast."),
    )
    requires_school_completion = models.BooleanField(
        _("applicants must have completed a self-governance school"),
        default=False,
        help_text=_(
            "Only people who completed a self-governance school of the district may apply."
        ),
    )

    class Meta:
        verbose_name = _("council")
        verbose_name_plural = _("councils")
        ordering = ["district", "kind", "dong__code"]
        constraints = [
            # A resident council belongs to one dong; a governance council to its district.
            models.CheckConstraint(
                name="council_scope_matches_kind",
                condition=Q(kind=CouncilKind.RESIDENT, dong__isnull=False)
                | Q(kind=CouncilKind.GOVERNANCE, dong__isnull=True),
            ),
            models.UniqueConstraint(
                fields=["district"],
                condition=Q(kind=CouncilKind.GOVERNANCE),
                name="one_governance_council_per_district",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("councils:detail", kwargs={"pk": self.pk})


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


class TermQuerySet(models.QuerySet["Term"]):
    def running_on(self, day: date) -> "TermQuerySet":
        """The terms in force on `day`."""
        return self.filter(starts_on__lte=day, ends_on__gte=day)


class Term(models.Model):
    """기수: one term of a council's members (e.g. 3기, 2022-01-01 to 2023-12-31)."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="terms")
    number = models.PositiveSmallIntegerField(_("term number"))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))

    objects = TermQuerySet.as_manager()

    class Meta:
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        ordering = ["council", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["council", "number"], name="term_number_unique"),
            ends_after("starts_on", "ends_on", name="term_ends_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.council} {self.number}기"


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


class CouncilMemberQuerySet(models.QuerySet["CouncilMember"]):
    def current(self) -> "CouncilMemberQuerySet":
        """The members who have not left their term."""
        return self.filter(left_on__isnull=True)

    def serving_on(self, council: Council, day: date) -> "CouncilMemberQuerySet":
        """The council's members of the term running on `day` who had not left by then."""
        return self.filter(
            term__council=council, term__starts_on__lte=day, term__ends_on__gte=day
        ).exclude(left_on__lt=day)


class CouncilMember(models.Model):
    """주민자치위원 (or 협치회의 위원): a member of one term, with a role and a section.

    Only `public_name`, role and section are public; the account link is for sign-in.
    """

    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="members")
    user: "models.ForeignKey[User | None, User | None]" = optional_link(
        settings.AUTH_USER_MODEL, related_name="council_memberships"
    )
    public_name = models.CharField(_("name shown"), max_length=30)
    role = models.CharField(
        _("role"), max_length=20, choices=MemberRole.choices, default=MemberRole.MEMBER
    )
    section = optional_link(Section, _("section"), related_name="members")
    route = models.CharField(
        _("selected by"),
        max_length=20,
        choices=SelectionRoute.choices,
        default=SelectionRoute.OPEN_CALL,
    )
    joined_on = models.DateField(_("joined on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)

    objects = CouncilMemberQuerySet.as_manager()

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
                condition=Q(role=MemberRole.CHAIR, left_on__isnull=True),
                name="one_chair_per_term",
            ),
        ]

    def __str__(self) -> str:
        return self.public_name

    @property
    def holds_office(self) -> bool:
        """Chair, vice-chair, secretary or section head: pages name the role."""
        return self.role != MemberRole.MEMBER
