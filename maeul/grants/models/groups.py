"""Community groups (공동체, 단체) that apply for grants, and their members.

A group is represented by one account (대표자). Its contact number is stored encrypted,
with a keyed hash for comparisons (see `accounts.phone`); members are listed by name with
whether they live in the area (주민) or work or study there (생활권자) and when they agreed
to be listed. No resident registration number is ever asked for. A group's history across
the years is its applications.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from maeul.accounts import phone
from maeul.places.models import District, Dong


class GroupKind(models.TextChoices):
    RESIDENT_CIRCLE = "resident_circle", _("Residents' circle")
    NONPROFIT = "nonprofit", _("Registered nonprofit")
    TRADE = "trade", _("Trade association")
    OTHER = "other", _("Other group")


class MemberTie(models.TextChoices):
    RESIDENT = "resident", _("Resident")
    LIVING_AREA = "living_area", _("Works or studies here")


class CommunityGroup(models.Model):
    name = models.CharField(_("group name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=GroupKind.choices)
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    dong = models.ForeignKey(Dong, on_delete=models.PROTECT, related_name="community_groups")
    representative = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="represented_groups"
    )
    contact_enc = models.TextField(blank=True)
    contact_hmac = models.CharField(max_length=64, blank=True, db_index=True)
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("community group")
        verbose_name_plural = _("community groups")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["dong", "name"], name="grant_group_name_in_dong"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def masked_contact(self) -> str:
        """`010-****-1234`, the only form of the contact number pages show."""
        number = phone.decrypt(self.contact_enc) if self.contact_enc else None
        return phone.mask(number) if number else ""


class GroupMember(models.Model):
    group = models.ForeignKey(CommunityGroup, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(_("name"), max_length=50)
    tie = models.CharField(_("tie to the area"), max_length=20, choices=MemberTie.choices)
    consent_at = models.DateTimeField(_("consent given at"))

    class Meta:
        verbose_name = _("group member")
        verbose_name_plural = _("group members")
        ordering = ["group", "pk"]

    def __str__(self) -> str:
        return self.name
