"""How a staff page of councils finds its rows, answered the same way on every page:

- a person who is not staff: 403 (`staff_required`; anonymous people go to log in);
- a council (or a row of one) outside the staff member's dongs and districts: 404, since
  its existence is private to its staff (`core.desk.served_row`);
- a council in scope whose action the rules refuse: 403 with the reason (`require` on a
  page; a form is answered by the desk's `core.desk.RowDesk`, which asks `MANAGE_COUNCIL`
  of the council the page belongs to).
"""

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from maeul.core.desk import served_row
from maeul.core.permissions import Action, Decision, can, require
from maeul.councils.models import Council


def staff_council(request: HttpRequest, pk: int) -> Council:
    """The council `pk` if the staff member serves it; 404 otherwise."""
    return served_row(request, Council.objects.select_related("district", "dong"), pk)


def managed_council(request: HttpRequest, pk: int) -> Council:
    """The council `pk` for its desk: 404 outside one's scope, 403 with the reason if the
    rules refuse to let this staff member manage it."""
    council = staff_council(request, pk)
    require_manage(request, council, timezone.now())
    return council


def may_manage(user: Any, council: Council, now: datetime) -> Decision:
    """What the council's services check first (`Action.MANAGE_COUNCIL`)."""
    return can(user, Action.MANAGE_COUNCIL, council, now=now)


def require_manage(request: HttpRequest, council: Council, now: datetime) -> None:
    """403 with the reason unless the staff member may manage the council."""
    require(request.user, Action.MANAGE_COUNCIL, council, now=now)
