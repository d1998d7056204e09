"""One action on a staff desk, answered the same way on every desk (whose row the view
finds with `served_row`: 404 outside the staff member's scope):

- the permission refuses it: the desk again, status 403, the reason in the messages;
- the form is invalid: the desk again, status 400, the errors beside the fields;
- the service refuses it (`RuleViolation`): the desk again, 403 when the rule was about who
  (code "forbidden"), else 400; the reason beside the field the rule names (`field`), or
  in the messages;
- it is done: the success message, and a redirect (POST → GET) to the desk or elsewhere.

`RowDesk` is the desk of one kind of row (a plan, a grant call, an activity): each action
on it asks the desk's permission of that row and answers through `desk_action`. `PageDesk`
is the same for a page of no one row (my bookings, the staff's volunteering desk).

A page of one form (`form_page`: write a proposal, correct a birth year) answers a POST
the same way, its refusals beside their fields or atop the form; a lone button
(`button_action`: withdraw a proposal, remove a tie) with a message and a redirect.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Any, TypeVar

from django.contrib import messages
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from maeul.core.errors import RuleViolation
from maeul.core.permissions import Action, Decision, can, scope_of

# Renders the desk again: render(status=..., **forms_and_extras).
Render = Callable[..., HttpResponse]

M = TypeVar("M", bound=Model)


def served_row(request: HttpRequest, queryset: QuerySet[M], pk: int | str) -> M:
    """Row `pk` of `queryset` if the staff member serves it (`scope_of(user).rows`); 404
    otherwise, since a row outside one's dongs and districts does not exist for them."""
    return get_object_or_404(scope_of(request.user).rows(queryset), pk=pk)


def first_error(form: Any) -> str:
    """The first message of an invalid form, for the page's message area."""
    return str(next(iter(form.errors.values()))[0])


def show_refusal(form: Any, refusal: RuleViolation, *, on_form: bool = True) -> None:
    """Put a service's refusal beside the field it names, else (with `on_form`) atop the form.

    How any form page answers a `RuleViolation`, so that no form checks the rule itself.
    """
    if refusal.field in getattr(form, "fields", {}):
        form.add_error(refusal.field, refusal.message)
    elif on_form:
        form.add_error(None, refusal.message)


def desk_action(
    request: HttpRequest,
    *,
    decision: Decision,
    act: Callable[[], str | tuple[str, str]],
    render: Render,
    done_url: str,
    form: Any = None,
    form_key: str = "",
    errors_on_form: bool = False,
    refusals: dict[type[Exception], Callable[[Exception], HttpResponse]] | None = None,
) -> HttpResponse:
    """Run `act` (which calls one service) if `decision` allows it and `form` is valid.

    `act` returns the success message, or (message, url) to go elsewhere than `done_url`.
    A refusal by the service shows the desk again with the reason (403 when the rule was
    about who, 400 otherwise); `refusals` handles other errors (an import report).
    """
    forms = {form_key: form} if form_key else {}
    if not decision:
        messages.error(request, decision.reason)
        return render(status=403, **forms)
    if form is not None and not form.is_valid():
        messages.error(request, first_error(form))
        return render(status=400, **forms)
    try:
        outcome = act()
    except RuleViolation as refusal:
        if form is not None:
            show_refusal(form, refusal, on_form=errors_on_form)
        messages.error(request, refusal.message)
        return render(status=403 if refusal.code == "forbidden" else 400, **forms)
    except tuple(refusals or ()) as error:
        return (refusals or {})[type(error)](error)
    return _done(request, outcome, done_url)


@dataclass(frozen=True)
class RowDesk:
    """The desk of one kind of row, so that its actions differ only in what they do.

    `page(request, row, status=..., **forms)` renders the desk; `url_name`, reversed with
    the row's pk, is where a done action returns, unless `done_url(row)` names another page
    (a council member's page returns to the council's desk on the member's term); `action`
    is the permission asked of the row unless the action names another (the one its
    service checks), and of `target` when the service checks another row than the page's
    (a shift of the activity page), or of `asked_of(row)` when every action of the desk
    asks it of the row the page belongs to (a council event's desk asks it of the council).
    """

    page: Render
    url_name: str
    action: Action
    errors_on_form: bool = True
    asked_of: Callable[[Any], Any] | None = None
    done_url: Callable[[Any], str] | None = None

    def act(
        self,
        request: HttpRequest,
        row: Any,
        act: Callable[[], str | tuple[str, str]],
        *,
        action: Action | None = None,
        target: Any = None,
        now: datetime | None = None,
        form: Any = None,
        form_key: str = "",
    ) -> HttpResponse:
        """Run `act` on `row` through `desk_action`, if the user may do `action` to it (or to
        `target`, or to `asked_of(row)`) now."""
        if target is None:
            target = row if self.asked_of is None else self.asked_of(row)
        return desk_action(
            request,
            decision=can(request.user, action or self.action, target, now=now or timezone.now()),
            act=act,
            render=partial(self.page, request, row),
            done_url=self.url(row),
            form=form,
            form_key=form_key,
            errors_on_form=self.errors_on_form,
        )

    def url(self, row: Any) -> str:
        """Where a done action on `row` returns."""
        if self.done_url is not None:
            return self.done_url(row)
        return reverse(self.url_name, args=[row.pk])


@dataclass(frozen=True)
class PageDesk:
    """The desk of a page of no one row (my bookings, my courses, the staff's volunteering
    desk), so that its actions differ only in what they do and the `decision` they need.

    `page(request, status=..., **forms)` renders the page; `url_name` is where a done
    action returns.
    """

    page: Render
    url_name: str
    errors_on_form: bool = True

    def act(
        self,
        request: HttpRequest,
        act: Callable[[], str | tuple[str, str]],
        *,
        decision: Decision,
        form: Any = None,
        form_key: str = "",
    ) -> HttpResponse:
        """Run `act` through `desk_action` if `decision` allows it."""
        return desk_action(
            request,
            decision=decision,
            act=act,
            render=partial(self.page, request),
            done_url=reverse(self.url_name),
            form=form,
            form_key=form_key,
            errors_on_form=self.errors_on_form,
        )


def form_page(
    request: HttpRequest,
    *,
    form: Any,
    act: Callable[[], str | tuple[str, str]],
    template: str,
    context: dict[str, Any],
    done_url: str = "",
) -> HttpResponse:
    """A page of one form: GET shows it; a POST runs `act` (one service) if `form` is valid.

    Invalid, or refused by the service: the page again, 400 (403 when the rule was about
    who), the reason beside the field it names or atop the form. Done: the success message
    and a redirect to `done_url`, or to the url `act` returns with it.
    """
    if request.method != "POST":
        return render(request, template, context)
    if not form.is_valid():
        return render(request, template, context, status=400)
    try:
        outcome = act()
    except RuleViolation as refusal:
        show_refusal(form, refusal)
        return render(
            request, template, context, status=403 if refusal.code == "forbidden" else 400
        )
    return _done(request, outcome, done_url)


def button_action(request: HttpRequest, act: Callable[[], str], back_to: Any) -> HttpResponse:
    """A button that runs one service (`act` returns the success message): the refusal or
    the success in the messages, then back to `back_to` (a url or an object with one)."""
    try:
        notice = act()
    except RuleViolation as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, notice)
    return redirect(back_to)


def _done(request: HttpRequest, outcome: str | tuple[str, str], done_url: str) -> HttpResponse:
    notice, url = outcome if isinstance(outcome, tuple) else (outcome, done_url)
    messages.success(request, notice)
    return redirect(url)
