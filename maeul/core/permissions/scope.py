"""Which rows a staff member is responsible for, and the two ways a view insists on it.

Every model that staff pages list is registered once, with the lookups from a row to its
district and its dong (`register_rows`, in the capability's permission module); then
`scope_of(user).rows(queryset)` is the only filter a view or API needs. `require` raises
the refusal `can` explains (PermissionDenied: a view's 403), `enforce` the same for a service
(RuleViolation with code "forbidden"); `staff_required` guards a whole view.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from maeul.core.errors import RuleViolation
from maeul.core.permissions.base import Action


@dataclass(frozen=True)
class RowScope:
    """How a row leads to the places staff serve.

    `district` and `dong` are lookups to the row's district and dong ids (the dong may be
    empty for rows of the whole district). With `district_rows_for_dong_staff`, dong staff
    also see the district-wide rows of their district (they enter its paper ballots).
    """

    district: str
    dong: str
    district_rows_for_dong_staff: bool = False


ROW_SCOPES: dict[type[Model], RowScope] = {}

# Rows with a district and a dong of their own.
OWN_PLACE = RowScope(district="district_id", dong="dong_id")
# The same, and dong staff also see the district-wide ones (a vote, a grant call).
OWN_PLACE_AND_DISTRICT_WIDE = RowScope(
    district="district_id", dong="dong_id", district_rows_for_dong_staff=True
)
# Rows of one dong, always (a dong tie, a paper batch).
IN_ITS_DONG = RowScope(district="dong__district_id", dong="dong_id")


def through(path: str) -> RowScope:
    """Rows served where the row at the lookup `path` is ("room__space": a booking's space)."""
    return RowScope(district=f"{path}__district_id", dong=f"{path}__dong_id")


def register_rows(*models: type[Model], row_scope: RowScope = OWN_PLACE) -> None:
    """Staff serve the rows of each of `models` by `row_scope` (their own place by default)."""
    for model in models:
        if not (isinstance(model, type) and issubclass(model, Model)):
            raise TypeError(f"register_rows takes models, then row_scope=: got {model!r}")
        ROW_SCOPES[model] = row_scope


def require(user: Any, action: Action, target: Model | None = None, *, now: datetime) -> None:
    """Raise PermissionDenied with the reason unless `user` may do `action` on `target`."""
    from maeul.core.permissions import can  # the package imports this module

    decision = can(user, action, target, now=now)
    if not decision:
        raise PermissionDenied(decision.reason)


def enforce(
    user: Any,
    action: Action,
    target: Model | None = None,
    *,
    now: datetime,
    code: str = "forbidden",
    field: str | None = None,
) -> None:
    """Raise RuleViolation (code "forbidden") with the reason unless `user` may do `action`.

    What a service calls first: the view, the API and a command then answer the refusal
    their own way (a 403 page, an error body). `code` and `field` name a refusal that a form
    shows beside one of its fields.
    """
    from maeul.core.permissions import can

    decision = can(user, action, target, now=now)
    if not decision:
        raise RuleViolation(decision.reason, code=code, field=field)


View = TypeVar("View", bound=Callable[..., HttpResponse])


def staff_required(view: View) -> View:
    """Only staff reach the view: anonymous people are sent to log in, residents get 403."""

    @wraps(view)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        require(request.user, Action.VIEW_STAFF_PAGES, now=timezone.now())
        return view(request, *args, **kwargs)

    return guarded  # type: ignore[return-value]
