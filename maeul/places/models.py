"""The administrative levels: City (시·도) → District (구) → Dong (행정동)."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class City(models.Model):
    """A metropolitan city or province (광역자치단체), e.g. 서울특별시."""

    code = models.CharField(_("administrative code"), max_length=10, unique=True)
    name = models.CharField(_("name"), max_length=40)

    class Meta:
        verbose_name = _("city")
        verbose_name_plural = _("cities")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class District(models.Model):
    """A self-governing district (자치구), e.g. 금천구; its office runs district-wide work."""

    city = models.ForeignKey(City, on_delete=models.PROTECT, related_name="districts")
    code = models.CharField(_("administrative code"), max_length=10, unique=True)
    name = models.CharField(_("name"), max_length=40)
    office_address = models.CharField(_("office address"), max_length=200, blank=True)
    office_phone = models.CharField(_("office phone"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("places:district", kwargs={"code": self.code})

    @property
    def full_name(self) -> str:
        return f"{self.city.name} {self.name}"


class DongQuerySet(models.QuerySet["Dong"]):
    def in_district(self, district: District) -> "DongQuerySet":
        return self.filter(district=district)


class Dong(models.Model):
    """An administrative dong (행정동) with its community service centre (주민센터)."""

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="dongs")
    code = models.CharField(_("administrative code"), max_length=10, unique=True)
    name = models.CharField(_("name"), max_length=40)
    office_address = models.CharField(_("office address"), max_length=200, blank=True)
    office_phone = models.CharField(_("office phone"), max_length=20, blank=True)

    objects = DongQuerySet.as_manager()

    class Meta:
        verbose_name = _("dong")
        verbose_name_plural = _("dongs")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(
                fields=["district", "name"], name="dong_name_unique_in_district"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def office_name(self) -> str:
        """The dong's office as residents name it (독산1동 주민센터)."""
        return _("%(name)s community service centre") % {"name": self.name}


class Department(models.Model):
    """A department (부서) of a district office, e.g. 교통행정과; it answers proposals."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="departments")
    name = models.CharField(_("name"), max_length=60)
    is_head_office = models.BooleanField(
        _("head of the district's office"),
        default=False,
        help_text=_("The office that prepares the district head's answers (구청장 답변)."),
    )

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["district__code", "name"]
        constraints = [
            models.UniqueConstraint(fields=["district", "name"], name="department_name_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.district.name} {self.name}"
