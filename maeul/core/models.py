"""The audit log, the personal-data access log, rate counters, sessions and token revocations."""

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.backends.base import SessionBase
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.utils.translation import gettext_lazy as _

from maeul.core.dates import seoul_minute


class AuditEntry(models.Model):
    """One staff action. Rows are written once and never changed (see `audit.record`)."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=60)
    target_type = models.ForeignKey(
        ContentType, verbose_name=_("object type"), null=True, on_delete=models.SET_NULL
    )
    target_id = models.CharField(_("object id"), max_length=64, blank=True)
    target_repr = models.CharField(_("object"), max_length=200, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    created_at = models.DateTimeField(_("when"), db_index=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{seoul_minute(self.created_at)} {self.action} {self.target_repr}"


class Notification(models.Model):
    """A message for one person in the site (the bell), also sent by e-mail in the background."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=40)
    message = models.CharField(_("message"), max_length=300)
    url = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("when"))
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at", "-created_at"])]

    def __str__(self) -> str:
        return self.message


class RateCounter(models.Model):
    """Events counted per key in one fixed time window, shared by every server process."""

    key = models.CharField(max_length=200)
    window = models.BigIntegerField(help_text="start of the window, seconds since the epoch")
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key", "window"], name="rate_counter_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.key}@{self.window}: {self.count}"


class AccessAction(models.TextChoices):
    VIEW = "view", _("Viewed")
    SEARCH = "search", _("Searched")
    EXPORT = "export", _("Exported")
    ENTRY = "entry", _("Entered")
    EDIT = "edit", _("Changed")


class WriteOnceQuerySet(models.QuerySet["PersonalDataAccess"]):
    """Rows can be added and read, never changed or removed in bulk."""

    def update(self, **kwargs: Any) -> int:
        raise PermissionError("The personal-data access log cannot be changed.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("The personal-data access log cannot be deleted.")


class PersonalDataAccess(models.Model):
    """One look at personal data by a staff member (개인정보 접속기록, 안전성 확보조치 기준 제8조).

    Written once by `access_log.record_access` and never changed: the model, its QuerySet,
    the admin and database triggers (see migration 0006) all refuse updates and deletes.
    """

    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff member"),
        # A staff account that looked at personal data is deactivated, never deleted.
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField(_("when"), db_index=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    # No database constraint: the row must outlive the subject's account (withdrawal).
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("whose data"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    subject_description = models.CharField(_("whose data (not an account)"), max_length=200)
    action = models.CharField(_("action"), max_length=10, choices=AccessAction.choices)
    what = models.CharField(_("page or export"), max_length=200)
    reason = models.CharField(_("reason"), max_length=300)

    objects = WriteOnceQuerySet.as_manager()

    class Meta:
        verbose_name = _("personal-data access")
        verbose_name_plural = _("personal-data access log")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["subject", "-at"]), models.Index(fields=["staff", "-at"])]

    def __str__(self) -> str:
        return f"{seoul_minute(self.at)} {self.action} {self.what}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise PermissionError("The personal-data access log cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("The personal-data access log cannot be deleted.")


class TokenRevocation(models.Model):
    """API tokens of one account that no longer count, whatever happens to the account later.

    A token carries the generation it was issued in; deactivating the account moves the
    generation on, so a reactivated account does not revive tokens issued before.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="token_revocation"
    )
    generation = models.PositiveIntegerField(default=0)
    revoked_at = models.DateTimeField()

    class Meta:
        verbose_name = _("token revocation")
        verbose_name_plural = _("token revocations")

    def __str__(self) -> str:
        return f"{self.user_id}@{self.generation}"


class UserSession(AbstractBaseSession):
    """A session row that also names its account, so all of one account's sessions can end.

    Used through `maeul.core.sessions.SessionStore` (SESSION_ENGINE).
    """

    user_id = models.BigIntegerField(null=True, db_index=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    @classmethod
    def get_session_store_class(cls) -> type[SessionBase]:
        from maeul.core.sessions import SessionStore

        return SessionStore
