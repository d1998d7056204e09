"""The back office (Django admin) for site administrators, gated by `permissions`."""

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from maeul.core.permissions import Action, can


class MaeulAdminSite(admin.AdminSite):
    site_header = _("Maeul back office")
    site_title = _("Maeul back office")
    index_title = _("Administration")

    def has_permission(self, request: HttpRequest) -> bool:
        return bool(can(request.user, Action.USE_ADMIN))

    def login(self, request: HttpRequest, extra_context: dict[str, object] | None = None) -> HttpResponse:
        """Everyone signs in through the one site log-in page (with its rate limits)."""
        next_url = request.GET.get("next") or reverse("admin:index")
        return redirect_to_login(next_url, reverse("account_login"))
