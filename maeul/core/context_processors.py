from django.http import HttpRequest

from maeul.core.permissions import scope_of


def site(request: HttpRequest) -> dict[str, object]:
    """Facts every page's layout needs (whether to show the staff menu)."""
    user = getattr(request, "user", None)
    return {"maeul_is_staff": scope_of(user).is_staff if user is not None else False}
