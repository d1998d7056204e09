"""Accounts: a person, their ties to dongs, their roles, and proof that they are one person."""

from datetime import datetime
from typing import ClassVar

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maeul.core.model_parts import optional_link
from maeul.places.models import Department, District, Dong

# A withdrawn account's e-mail, once erased, is `withdrawn-<random>@withdrawn.invalid`: the
# reserved .invalid domain (RFC 2606) never receives mail, and the address alone tells every
# page that the author left, without a query per row (see maeul.privacy).
WITHDRAWN_EMAIL_DOMAIN = "withdrawn.invalid"


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields: object) -> "User":
        user = self.model(email=self.normalize_email(email), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields: object) -> "User":
        fields.setdefault("is_staff", True)
        fields.setdefault("is_superuser", True)
        return self.create_user(email, password, **fields)


class VerificationMethod(models.TextChoices):
    PHONE = "phone", _("Phone one-time code")
    IN_PERSON = "in_person", _("Checked at the dong office")


class User(AbstractUser):
    """A person who signs in with an e-mail address.

    We never ask for a resident registration number (주민등록번호, 개인정보 보호법 제24조의2):
    birth year and dong ties are all that eligibility rules need. The name and birth date
    that verification saw are kept only as `person_hmac` (see `accounts.person`), so a
    ballot-box check of an identity card meets the same value.
    """

    username = None  # type: ignore[assignment]
    first_name = None  # type: ignore[assignment]
    last_name = None  # type: ignore[assignment]
    email = models.EmailField(_("e-mail address"), unique=True)
    display_name = models.CharField(_("display name"), max_length=30, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("birth year"), null=True, blank=True)
    # When the birth year last changed: a change after a vote opened does not count for it.
    birth_year_changed_at = models.DateTimeField(
        _("birth year changed at"), null=True, blank=True, editable=False
    )
    phone_enc = models.TextField(_("phone number (encrypted)"), blank=True, editable=False)
    # NULL, not "", for "no phone": the unique constraint must allow many such accounts.
    phone_hmac = models.CharField(max_length=64, null=True, blank=True, editable=False)  # noqa: DJ001
    # person_hash(name, birth date) as verification saw them; never the plain name or date.
    person_hmac = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True, editable=False)
    verification_method = models.CharField(
        _("verification method"),
        max_length=20,
        choices=VerificationMethod.choices,
        blank=True,
        editable=False,
    )
    verified_by = models.ForeignKey(
        "self",
        verbose_name=_("verified by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    objects: ClassVar[UserManager] = UserManager()  # type: ignore[assignment]  # by e-mail

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            # One phone number proves one person: it may verify one account only.
            models.UniqueConstraint(
                fields=["phone_hmac"],
                condition=Q(phone_hmac__isnull=False),
                name="user_phone_verifies_one_account",
            ),
        ]

    def __str__(self) -> str:
        return self.public_name

    @property
    def public_name(self) -> str:
        """The name others see; never the e-mail address."""
        if self.is_erased:
            return str(_("Former member"))
        return self.display_name or str(_("Resident"))

    @property
    def is_erased(self) -> bool:
        """The person withdrew and their personal data was erased (회원 탈퇴)."""
        return self.email.endswith("@" + WITHDRAWN_EMAIL_DOMAIN)

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None

    @property
    def has_ballot_identity(self) -> bool:
        """Can a ballot-box check recognise this account (by phone or by name and birth date)?"""
        return bool(self.phone_hmac or self.person_hmac)

    def set_birth_year(self, birth_year: int | None, *, at: datetime) -> list[str]:
        """Change the birth year, noting when; returns the fields to save (none if unchanged)."""
        if birth_year == self.birth_year:
            return []
        self.birth_year = birth_year
        self.birth_year_changed_at = at
        return ["birth_year", "birth_year_changed_at"]

    def age_in(self, year: int) -> int | None:
        """Age counted the Korean administrative way for eligibility: year minus birth year."""
        return None if self.birth_year is None else year - self.birth_year

    def mark_verified(self, *, method: str, at: datetime, by: "User | None" = None) -> None:
        self.verified_at = at
        self.verification_method = method
        self.verified_by = by


class TieKind(models.TextChoices):
    LIVES = "lives", _("lives here")
    WORKS = "works", _("works here")
    STUDIES = "studies", _("studies here")


class DongTieQuerySet(models.QuerySet["DongTie"]):
    def current(self) -> "DongTieQuerySet":
        """Ties the person holds now (not ended)."""
        return self.filter(ended_at__isnull=True)

    def held_at(self, when: datetime) -> "DongTieQuerySet":
        """Ties the person held at `when`: started by then and not ended by then."""
        return self.filter(started_at__lte=when).filter(
            Q(ended_at__isnull=True) | Q(ended_at__gt=when)
        )


class DongTie(models.Model):
    """A person's tie to a dong (생활권자: living, working or studying there).

    One current tie per kind: a person lives in one dong, works in one, studies in one.
    Ending a tie keeps the row (`ended_at`), so who was tied where on a vote's opening day
    can always be answered. Staff may confirm a tie after checking it in person.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="dong_ties")
    dong = models.ForeignKey(Dong, on_delete=models.PROTECT, related_name="ties")
    kind = models.CharField(_("tie"), max_length=10, choices=TieKind.choices)
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("checked in person at"), null=True, blank=True)
    confirmed_by = optional_link(User, _("checked in person by"), related_name="+")

    objects = DongTieQuerySet.as_manager()

    class Meta:
        verbose_name = _("dong tie")
        verbose_name_plural = _("dong ties")
        ordering = ["dong__code", "kind", "started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind"],
                condition=Q(ended_at__isnull=True),
                name="dong_tie_one_current_per_kind",
            ),
            models.CheckConstraint(
                name="dong_tie_ends_after_start",
                condition=Q(ended_at__isnull=True) | Q(ended_at__gte=models.F("started_at")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dong} ({self.get_kind_display()})"

    @property
    def is_current(self) -> bool:
        return self.ended_at is None

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class Role(models.TextChoices):
    DONG_STAFF = "dong_staff", _("Dong staff")
    DISTRICT_STAFF = "district_staff", _("District staff")
    SUPPORT_CENTRE_STAFF = "support_centre_staff", _("Support-centre staff")
    COMMITTEE_MEMBER = "committee_member", _("Committee member")
    SITE_ADMIN = "site_admin", _("Site administrator")
    # 마을기록가: a resident who records the district's community life in the archive.
    RECORDER = "recorder", _("Community recorder")


class RoleAssignmentQuerySet(models.QuerySet["RoleAssignment"]):
    def of(self, user: User) -> "RoleAssignmentQuerySet":
        return self.filter(user=user)


class RoleAssignment(models.Model):
    """A role held by a person, scoped to a dong or a district (none for site admins).

    Every person is a resident; only roles beyond that are stored here.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    dong = optional_link(Dong, related_name="+", on_delete=models.CASCADE)
    district = optional_link(District, related_name="+", on_delete=models.CASCADE)
    department = optional_link(
        Department,
        _("department"),
        related_name="+",
        help_text=_("For district staff: the department they work in (it answers proposals)."),
        on_delete=models.CASCADE,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RoleAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.CheckConstraint(
                name="role_scope_matches_role",
                condition=(
                    Q(role=Role.DONG_STAFF, dong__isnull=False, district__isnull=True)
                    | Q(
                        role__in=[
                            Role.DISTRICT_STAFF,
                            Role.SUPPORT_CENTRE_STAFF,
                            Role.COMMITTEE_MEMBER,
                            Role.RECORDER,
                        ],
                        district__isnull=False,
                        dong__isnull=True,
                    )
                    | Q(role=Role.SITE_ADMIN, dong__isnull=True, district__isnull=True)
                ),
            ),
            models.CheckConstraint(
                name="role_department_only_for_district_staff",
                condition=Q(department__isnull=True) | Q(role=Role.DISTRICT_STAFF),
            ),
            # One row per role and scope (three partial constraints, since SQLite cannot
            # treat NULLs as equal in one).
            models.UniqueConstraint(
                fields=["user", "role", "dong"],
                condition=Q(dong__isnull=False),
                name="role_unique_per_dong",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "district"],
                condition=Q(district__isnull=False),
                name="role_unique_per_district",
            ),
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=Q(dong__isnull=True, district__isnull=True),
                name="role_unique_unscoped",
            ),
        ]

    def __str__(self) -> str:
        scope = self.dong or self.district
        return f"{self.get_role_display()} · {scope}" if scope else self.get_role_display()


class PhoneCode(models.Model):
    """A one-time code sent to a phone number; void after five wrong tries or ten minutes."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="phone_codes")
    phone_enc = models.TextField(editable=False)
    phone_hmac = models.CharField(max_length=64, db_index=True, editable=False)
    code_hash = models.CharField(max_length=128, editable=False)
    # What the person gave with the number (as 본인확인 returns it), applied on success:
    # the keyed hash of name and birth date, and the birth year. Never the plain values.
    person_hmac = models.CharField(max_length=64, blank=True, editable=False)
    birth_year = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    failed_attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)
    voided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("phone code")
        verbose_name_plural = _("phone codes")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"PhoneCode #{self.pk}"

    def is_live(self, now: datetime) -> bool:
        return self.used_at is None and self.voided_at is None and now < self.expires_at
