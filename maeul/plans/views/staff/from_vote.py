"""The counted vote's desk offers to turn its winners into next year's projects; the answer
comes back on that desk (`voting.views.staff.desk.on_vote_desk`)."""

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maeul.core.permissions import Action, can, staff_required
from maeul.core.requests import client_ip
from maeul.plans.services import from_vote
from maeul.voting.views.staff.desk import on_vote_desk
from maeul.voting.views.staff.scope import staff_vote


@staff_required
@require_POST
def projects_from_vote(request: HttpRequest, pk: int) -> HttpResponse:
    vote, now = staff_vote(request, pk), timezone.now()

    def act() -> tuple[str, str]:
        report = from_vote.projects_from_vote(
            vote=vote, by=request.user, now=now, ip=client_ip(request)
        )
        notice = _(
            "%(created)d projects were added to the %(year)d plan (%(already)d were there already)."
        ) % {
            "created": len(report.created),
            "year": report.plan.year,
            "already": report.already,
        }
        return notice, reverse("plans:staff_plan", kwargs={"pk": report.plan.pk})

    decision = can(request.user, Action.MANAGE_PLAN, vote, now=now)
    return on_vote_desk(request, vote, decision, act)
