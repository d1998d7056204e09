from django.http import HttpRequest

from maeul.core.models import Notification
from maeul.core.permissions import scope_of


def site(request: HttpRequest) -> dict[str, object]:
    """Facts every page's layout needs: the staff menu and the unread notification count."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"maeul_is_staff": False, "maeul_unread": 0}
    return {
        "maeul_is_staff": scope_of(user).is_staff,
        "maeul_unread": Notification.objects.filter(recipient_id=user.pk, read_at=None).count(),
    }
