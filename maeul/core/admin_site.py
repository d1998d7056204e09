"""The back office (Django admin) for site administrators, gated by `permissions`."""

from typing import Any

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maeul.core import audit
from maeul.core.permissions import Action, can
from maeul.core.requests import client_ip


class MaeulAdminSite(admin.AdminSite):
    site_header = _("Maeul back office")
    site_title = _("Maeul back office")
    index_title = _("Administration")

    def has_permission(self, request: HttpRequest) -> bool:
        return bool(can(request.user, Action.USE_ADMIN, now=timezone.now()))

    def login(
        self, request: HttpRequest, extra_context: dict[str, object] | None = None
    ) -> HttpResponse:
        """Everyone signs in through the one site log-in page (with its rate limits)."""
        next_url = request.GET.get("next") or reverse("admin:index")
        return redirect_to_login(next_url, reverse("account_login"))


def _record(
    request: HttpRequest,
    verb: str,
    obj: Any,
    changes: audit.Changes | None = None,
    *,
    ip: str | None,
    now: Any,
) -> None:
    """The audit entry of one back-office change: `admin.<verb>.<app.model>`."""
    audit.record(
        actor=request.user,
        action=f"admin.{verb}.{obj._meta.label_lower}",
        target=obj,
        changes=changes,
        ip=ip,
        now=now,
    )


class AuditedAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """A ModelAdmin whose every save and delete lands in the audit log (who, what, when, IP)."""

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        fields = [f.name for f in obj._meta.concrete_fields if f.name in form.changed_data]
        before = {name: form.initial.get(name) for name in fields} if change else {}
        super().save_model(request, obj, form, change)
        changes = audit.diff(before, audit.snapshot(obj, fields))
        verb = "change" if change else "add"
        _record(request, verb, obj, changes, ip=client_ip(request), now=timezone.now())

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        _record(request, "delete", obj, ip=client_ip(request), now=timezone.now())
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for obj in queryset:
            self.delete_model(request, obj)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        """Inline rows (a person's roles and dong ties) are audited one by one."""
        instances = formset.save(commit=False)
        ip, now = client_ip(request), timezone.now()
        for obj in formset.deleted_objects:
            _record(request, "delete", obj, ip=ip, now=now)
            obj.delete()
        for obj in instances:
            verb = "add" if obj.pk is None else "change"
            obj.save()
            fields = [f.name for f in obj._meta.concrete_fields]
            _record(request, verb, obj, audit.diff({}, audit.snapshot(obj, fields)), ip=ip, now=now)
        formset.save_m2m()


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Rows only the services write (a log, a proof, a sum they keep): shown, never edited."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class StampedAdmin(AuditedAdmin):
    """An audited admin for rows with a `created_at` the form does not ask for: a new row
    gets the time it was added (and the admin as its author, where `author_field` names one)."""

    author_field = ""

    def get_exclude(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [*(super().get_exclude(request, obj) or []), "created_at"] + (
            [self.author_field] if self.author_field else []
        )

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if not change:
            obj.created_at = timezone.now()
            if self.author_field:
                setattr(obj, self.author_field, request.user)
        super().save_model(request, obj, form, change)


def inline(model: type[Any], **options: Any) -> type[admin.TabularInline]:  # type: ignore[type-arg]
    """A table of the rows of `model` on their parent's page."""
    return type(
        f"{model.__name__}Inline", (admin.TabularInline,), {"model": model, "extra": 0, **options}
    )
