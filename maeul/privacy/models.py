"""Personal data (개인정보 보호법): consents as timestamped records, and account withdrawal.

A consent is never a flag on the account: each answer (granted or declined, at sign-up or
later) is a new `ConsentRecord` with the version of the text the person saw, so that the
site can prove what was agreed and when (제22조). A withdrawal (회원 탈퇴) closes the account
at once and its personal data is erased by a background task within five days (제21조);
the `Withdrawal` row stays as the record of that erasure (파기 기록).
"""

from collections.abc import Iterable
from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from maeul.core.legal import PRIVACY_POLICY_VERSION, TERMS_VERSION

# The version of the optional consent texts (shown on the sign-up and consent pages).
OPTIONAL_CONSENTS_VERSION = "2026-12-01"


class ConsentKind(models.TextChoices):
    TERMS = "terms", _("Terms of use")
    PRIVACY = "privacy", _("Collection and use of personal data")
    NOTIFY_EMAIL = "notify_email", _("Notifications by e-mail")
    SURVEY = "survey", _("Satisfaction surveys and invitations")


# Without these two there is no account; the others may be declined at no cost (제22조 ⑤).
REQUIRED_KINDS = (ConsentKind.TERMS, ConsentKind.PRIVACY)
OPTIONAL_KINDS = (ConsentKind.NOTIFY_EMAIL, ConsentKind.SURVEY)


def version_of(kind: str) -> str:
    """The version of the text a person agrees to for `kind`."""
    if kind == ConsentKind.TERMS:
        return TERMS_VERSION
    if kind == ConsentKind.PRIVACY:
        return PRIVACY_POLICY_VERSION
    return OPTIONAL_CONSENTS_VERSION


class ConsentVia(models.TextChoices):
    SIGNUP = "signup", _("At sign-up")
    PROFILE = "profile", _("On the consents page")


class ConsentRecordQuerySet(models.QuerySet["ConsentRecord"]):
    def latest_by_kind(self, user_id: int) -> dict[str, "ConsentRecord"]:
        """The person's latest answer of each kind (kinds never answered are absent)."""
        latest: dict[str, ConsentRecord] = {}
        for record in self.filter(user_id=user_id).order_by("at", "id"):
            latest[record.kind] = record
        return latest

    def declined(self, kind: str, user_ids: Iterable[int]) -> set[int]:
        """Of `user_ids`, those whose latest answer of `kind` is "no", in one query."""
        ids = list(user_ids)
        if not ids:
            return set()
        rows = self.filter(kind=kind, user_id__in=ids).order_by("user_id", "at", "id")
        answers = dict(rows.values_list("user_id", "granted"))  # later rows overwrite earlier
        return {user_id for user_id, granted in answers.items() if not granted}


class ConsentRecord(models.Model):
    """One answer of one person to one consent text; rows are added, never changed."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consent_records"
    )
    kind = models.CharField(_("consent"), max_length=20, choices=ConsentKind.choices)
    version = models.CharField(_("text version"), max_length=20)
    granted = models.BooleanField(_("agreed"))
    via = models.CharField(_("given"), max_length=20, choices=ConsentVia.choices)
    at = models.DateTimeField(_("when"))

    objects = ConsentRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["user", "kind", "at"])]

    def __str__(self) -> str:
        answer = _("agreed") if self.granted else _("declined")
        return f"{self.get_kind_display()} {self.version}: {answer}"


class WithdrawalQuerySet(models.QuerySet["Withdrawal"]):
    def due(self, now: datetime) -> "WithdrawalQuerySet":
        return self.filter(erased_at__isnull=True, erase_after__lte=now)


class Withdrawal(models.Model):
    """A person left (회원 탈퇴): when they asked, when erasure is due, when it was done.

    The row outlives the erasure as its record; the user row it points to is by then an
    anonymous shell that keeps proposals, comments and consents attributable to nobody.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="withdrawal"
    )
    requested_at = models.DateTimeField(_("requested at"))
    erase_after = models.DateTimeField(_("erase after"))
    erased_at = models.DateTimeField(_("erased at"), null=True, blank=True)

    objects = WithdrawalQuerySet.as_manager()

    class Meta:
        verbose_name = _("withdrawal")
        verbose_name_plural = _("withdrawals")
        ordering = ["-requested_at"]
        indexes = [models.Index(fields=["erased_at", "erase_after"])]

    def __str__(self) -> str:
        return f"Withdrawal #{self.pk}"
