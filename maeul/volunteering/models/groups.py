"""Who volunteers together: dong camps (자원봉사캠프), clubs (동아리), their leaders and
members, a volunteer's profile (1365 ID) and a minor's guardian consent (보호자 동의)."""

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from maeul.core.model_parts import optional_link

if TYPE_CHECKING:
    from maeul.places.models import Dong


class VolunteerCamp(models.Model):
    """A dong office's volunteer camp: the village-level volunteer centre of one dong.

    A dong may have more than one (a second camp in a large apartment complex).
    """

    district = models.ForeignKey("places.District", on_delete=models.PROTECT, related_name="+")
    dong = models.ForeignKey(
        "places.Dong", on_delete=models.PROTECT, related_name="volunteer_camps"
    )
    name = models.CharField(_("name"), max_length=80)
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("volunteer camp")
        verbose_name_plural = _("volunteer camps")
        ordering = ["dong__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["dong", "name"], name="volunteer_camp_name_per_dong")
        ]

    def __str__(self) -> str:
        return self.name


class VolunteerClub(models.Model):
    """A volunteer club (동아리): a group of volunteers with a field, in a dong or district-wide."""

    district = models.ForeignKey("places.District", on_delete=models.PROTECT, related_name="+")
    dong: "models.ForeignKey[Dong | None, Dong | None]" = optional_link(
        "places.Dong", related_name="+", on_delete=models.PROTECT
    )
    name = models.CharField(_("name"), max_length=80)
    field = models.CharField(_("field"), max_length=60, blank=True)
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("volunteer club")
        verbose_name_plural = _("volunteer clubs")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["district", "name"], name="volunteer_club_name")
        ]

    def __str__(self) -> str:
        return self.name


class MemberRole(models.TextChoices):
    LEADER = "leader", _("Leader")
    MEMBER = "member", _("Member")


class Membership(models.Model):
    """A person in a camp or a club (exactly one of the two), as its leader or a member."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="volunteer_memberships"
    )
    camp = optional_link(VolunteerCamp, related_name="members", on_delete=models.CASCADE)
    club = optional_link(VolunteerClub, related_name="members", on_delete=models.CASCADE)
    role = models.CharField(_("role"), max_length=10, choices=MemberRole.choices)
    joined_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(camp__isnull=False, club__isnull=True)
                | Q(camp__isnull=True, club__isnull=False),
                name="membership_of_camp_or_club",
            ),
            models.UniqueConstraint(fields=["user", "camp"], name="one_membership_per_camp"),
            models.UniqueConstraint(fields=["user", "club"], name="one_membership_per_club"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.camp or self.club}"


class Volunteer(models.Model):
    """A person's volunteer profile: made at their first sign-up; holds their 1365 ID so
    that the export can be matched to their portal account (no other identifier)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="volunteer"
    )
    portal_id = models.CharField(_("1365 portal ID"), max_length=40, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("volunteer")
        verbose_name_plural = _("volunteers")

    def __str__(self) -> str:
        return str(self.user)


class ConsentChannel(models.TextChoices):
    PAPER = "paper", _("Signed paper form")
    PHONE = "phone", _("Phone call with the guardian")
    IN_PERSON = "in_person", _("In person at the dong office")


class GuardianConsent(models.Model):
    """A minor's guardian agreed to their volunteering (보호자 동의): who, how, when.

    Never an identity number: the guardian's name and relation, the date and the channel.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="guardian_consent"
    )
    guardian_name = models.CharField(_("guardian's name"), max_length=30)
    relation = models.CharField(_("relation"), max_length=20)
    consented_on = models.DateField(_("date of consent"))
    channel = models.CharField(
        _("how consent was given"), max_length=10, choices=ConsentChannel.choices
    )
    recorded_at = models.DateTimeField()

    class Meta:
        verbose_name = _("guardian consent")
        verbose_name_plural = _("guardian consents")

    def __str__(self) -> str:
        return f"{self.user} · {self.relation}"
