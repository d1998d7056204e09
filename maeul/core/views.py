"""Pages every signed-in person has (their notifications), and the staff home page."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from maeul.core.models import Notification
from maeul.core.permissions import scope_of, staff_required


@login_required
def notifications(request: HttpRequest) -> HttpResponse:
    rows = Notification.objects.filter(recipient_id=request.user.pk)
    page = Paginator(rows, 30).get_page(request.GET.get("page"))
    return render(request, "core/notifications.html", {"page": page})


@login_required
@require_POST
def mark_notifications_read(request: HttpRequest) -> HttpResponse:
    Notification.objects.filter(recipient_id=request.user.pk, read_at=None).update(
        read_at=timezone.now()
    )
    return redirect("core:notifications")


@staff_required
def staff_home(request: HttpRequest) -> HttpResponse:
    """The staff member's starting page: the tools their roles open."""
    return render(request, "core/staff_home.html", {"scope": scope_of(request.user)})
