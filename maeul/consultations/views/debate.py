"""The debate on a consultation's page: add an argument or a reply, support one, report one.
Each answers with a message and goes back to the argument on the page."""

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
    form = ArgumentForm(request.POST)
    form.is_valid()  # every field is optional: the service says what is missing
    back = f"{consultation.get_absolute_url()}#debate-heading"

    def act() -> str:
        debate.add_argument(
            author=request.user,
            consultation=consultation,
            stance=form.cleaned_data.get("stance") or "",
            body=form.cleaned_data.get("body") or "",
            now=timezone.now(),
        )
        return _("Your argument was added.")

    return button_action(request, act, back)


@login_required
@require_POST
def reply(request: HttpRequest, pk: int) -> HttpResponse:
    parent = _argument(pk)
    form = ReplyForm(request.POST)
    form.is_valid()

    def act() -> str:
        debate.add_argument(
            author=request.user,
            consultation=parent.consultation,
            parent=parent,
            body=form.cleaned_data.get("body") or "",
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
    form = ReasonForm(request.POST)
    form.is_valid()

    def act() -> str:
        debate.report_argument(
            reporter=request.user,
            argument=argument,
            reason=form.cleaned_data.get("reason") or "",
            now=timezone.now(),
        )
        return _("Thank you. Staff will look at the argument.")

    return button_action(request, act, argument_anchor(argument))
