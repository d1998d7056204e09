"""One step on a desk that is just one service call: the row, the form's fields (if any)
and who acts are its arguments, and a fixed message says it is done.

`desk_step` is how such a view calls its service; a step that computes its message or its
arguments (a count, a chosen row) writes its own `act` for `RowDesk.act` or `PageDesk.act`
instead.
"""

from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from maeul.core.desk import PageDesk, RowDesk
from maeul.core.permissions import Action, can
from maeul.core.requests import acting

# Who acts, as the service takes it: `acting` (staff, now, ip) or `resident` (user, now).
Actor = Callable[[HttpRequest, datetime], dict[str, Any]]


def resident(request: HttpRequest, now: datetime) -> dict[str, Any]:
    """The signed-in resident and the time, as the services residents call take them."""
    return {"user": request.user, "now": now}


def desk_step(
    request: HttpRequest,
    desk: RowDesk | PageDesk,
    row: Any,
    service: Callable[..., Any],
    done: str,
    *,
    form: Any = None,
    form_key: str = "",
    action: Action | None = None,
    target: Any = None,
    by: Actor = acting,
    **arguments: Any,
) -> HttpResponse:
    """Run `service(**arguments, **form.cleaned_data, **by(request, now))` through the desk's
    `act` (the permission `action` of `row`, or of `target` if given; the form checked;
    refusals answered there), then `done` as the success message.

    On a `RowDesk`, `row` is the desk's row and `action` defaults to the desk's; on a
    `PageDesk` (a page of no one row), `action` is required and `row` is what it is asked of.
    """
    now = timezone.now()

    def act() -> str:
        fields = form.cleaned_data if form is not None else {}
        service(**arguments, **fields, **by(request, now))
        return done

    if isinstance(desk, PageDesk):
        if action is None:
            raise TypeError("A step on a PageDesk names the action it needs.")
        decision = can(request.user, action, row if target is None else target, now=now)
        return desk.act(request, act, decision=decision, form=form, form_key=form_key)
    return desk.act(
        request, row, act, action=action, target=target, now=now, form=form, form_key=form_key
    )
