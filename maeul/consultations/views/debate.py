"""The debate on a consultation's page: add an argument or a reply, support one, report one.
Each answers with a message and goes back to the argument on the page."""

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maeul.consultations.forms import ArgumentForm, ReasonForm, ReplyForm
from maeul.consultations.models import Argument
from maeul.consultations.services import debate
from maeul.consultations.views.public import argument_anchor, public_consultations
from maeul.core.desk import button_action


def _posted(form_class: type[forms.Form], request: HttpRequest) -> dict[str, Any]:
    """The posted fields of a form whose every field is optional, a blank or invalid one as
    "": the service says what is missing."""
    form = form_class(request.POST)
    form.is_valid()
    return {name: form.cleaned_data.get(name) or "" for name in form.fields}


def _argument(pk: int) -> Argument:
    return get_object_or_404(
        Argument.objects.select_related("consultation").filter(
            consultation__in=public_consultations()
        ),
        pk=pk,
    )


@login_required
@require_POST
def add_argument(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = get_object_or_404(public_consultations(), pk=pk)
    fields = _posted(ArgumentForm, request)
    back = f"{consultation.get_absolute_url()}#debate-heading"

    def act() -> str:
        debate.add_argument(
            author=request.user,
            consultation=consultation,
            **fields,
            now=timezone.now(),
        )
        return _("Your argument was added.")

    return button_action(request, act, back)


@login_required
@require_POST
def reply(request: HttpRequest, pk: int) -> HttpResponse:
    parent = _argument(pk)
    fields = _posted(ReplyForm, request)

    def act() -> str:
        debate.add_argument(
            author=request.user,
            consultation=parent.consultation,
            parent=parent,
            **fields,
            now=timezone.now(),
        )
        return _("Your reply was added.")

    return button_action(request, act, argument_anchor(parent))


@login_required
@require_POST
def support(request: HttpRequest, pk: int) -> HttpResponse:
    argument = _argument(pk)

    def act() -> str:
        debate.support_argument(user=request.user, argument=argument, now=timezone.now())
        return _("You supported this argument.")

    return button_action(request, act, argument_anchor(argument))


@login_required
@require_POST
def report(request: HttpRequest, pk: int) -> HttpResponse:
    argument = _argument(pk)
    fields = _posted(ReasonForm, request)

    def act() -> str:
        debate.report_argument(
            reporter=request.user,
            argument=argument,
            **fields,
            now=timezone.now(),
        )
        return _("Thank you. Staff will look at the argument.")

    return button_action(request, act, argument_anchor(argument))
