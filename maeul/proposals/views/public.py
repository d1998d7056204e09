"""What residents and the public see and do: list, read, write, support, withdraw."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maeul.consultations.on_proposal import deliberation_of
from maeul.core.desk import button_action, form_page
from maeul.core.errors import RuleViolation
from maeul.core.permissions import Action, can
from maeul.places.models import District, Dong
from maeul.proposals.attachments import check_uploads
from maeul.proposals.forms import CommentForm, ProposalForm
from maeul.proposals.listing import filter_proposals, parse_filter
from maeul.proposals.models import PUBLIC_STATUSES, Category, Channel, Proposal, Support
from maeul.proposals.search import similar_to
from maeul.proposals.services.support import support_proposal, withdraw_support
from maeul.proposals.services.writing import submit_proposal, withdraw_proposal
from maeul.proposals.views.common import current_district, is_htmx, visible_proposal

PAGE_SIZE = 20


def proposal_list(request: HttpRequest) -> HttpResponse:
    """All public proposals with filters, sorts, search and pages."""
    now = timezone.now()
    params = parse_filter(request.GET)
    page = Paginator(filter_proposals(params, now=now), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "page": page,
        "params": params,
        "query": query.urlencode(),
        "districts": District.objects.order_by("code"),
        "dongs": Dong.objects.select_related("district").order_by("code"),
        "categories": Category.objects.select_related("district").order_by(
            "district__code", "order"
        ),
        "statuses": [(s.value, s.label) for s in PUBLIC_STATUSES],
        "channels": Channel.choices,
        "now": now,
    }
    return render(request, "proposals/list.html", context)


def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    now = timezone.now()
    proposal = visible_proposal(request, pk)
    user = request.user
    supported = bool(
        user.is_authenticated
        and Support.objects.filter(proposal=proposal, user_id=user.pk).exists()
    )
    comments = list(
        proposal.comments.filter(parent__isnull=True)
        .select_related("author")
        .prefetch_related("replies__author")
    )
    context = {
        "proposal": proposal,
        "supported": supported,
        "support_decision": can(user, Action.SUPPORT_PROPOSAL, proposal, now=now),
        "comment_decision": can(user, Action.COMMENT_PROPOSAL, proposal, now=now),
        "withdraw_decision": can(user, Action.WITHDRAW_PROPOSAL, proposal, now=now),
        "is_staff": can(user, Action.MODERATE_PROPOSAL, proposal, now=now).allowed,
        "answer": getattr(proposal, "answer", None),
        "attachments": list(proposal.attachments.all()),
        "comments": comments,
        "comment_form": CommentForm(),
        "excellent": proposal.is_excellent(now),
        "now": now,
        **deliberation_of(proposal),
    }
    return render(request, "proposals/detail.html", context)


@require_POST
def toggle_support(request: HttpRequest, pk: int) -> HttpResponse:
    """Support (or, with `withdraw`, take back support of) a proposal."""
    now = timezone.now()
    proposal = visible_proposal(request, pk)
    if not request.user.is_authenticated:
        return redirect_to_login(proposal.get_absolute_url())
    error = ""
    try:
        if request.POST.get("withdraw"):
            withdraw_support(proposal=proposal, user=request.user, now=now)
            notice = _("You took back your support.")
        else:
            support_proposal(proposal=proposal, user=request.user, now=now)
            notice = _("You supported this proposal.")
    except RuleViolation as exc:
        error, notice = exc.message, ""
    proposal.refresh_from_db(fields=["support_count", "status"])
    if is_htmx(request):
        supported = Support.objects.filter(proposal=proposal, user_id=request.user.pk).exists()
        return render(
            request,
            "proposals/partials/support.html",
            {
                "proposal": proposal,
                "supported": supported,
                "support_decision": can(request.user, Action.SUPPORT_PROPOSAL, proposal, now=now),
                "notice": notice,
                "error": error,
                "now": now,
            },
            status=400 if error else 200,
        )
    if error:
        messages.error(request, error)
    else:
        messages.success(request, notice)
    return redirect(proposal)


@login_required
def proposal_create(request: HttpRequest) -> HttpResponse:
    district = current_district(request)
    form = ProposalForm(request.POST or None, request.FILES or None, district=district)

    def act() -> tuple[str, str]:
        data = form.cleaned_data
        proposal = submit_proposal(
            author=request.user,
            district=district,
            dong=data["dong"],
            category=data["category"],
            title=data["title"],
            body=data["body"],
            place=data["place"],
            files=check_uploads(data["attachments"], field="attachments"),
            now=timezone.now(),
        )
        return _("Your proposal was received. Thank you."), proposal.get_absolute_url()

    return form_page(
        request,
        form=form,
        act=act,
        template="proposals/form.html",
        context={"form": form, "district": district},
    )


def similar_proposals(request: HttpRequest) -> HttpResponse:
    """While a title is typed: existing proposals that look like it (htmx fragment)."""
    district = current_district(request)
    title = (request.GET.get("title") or "")[:100]
    found = (
        similar_to(title, Proposal.objects.public().in_district(district))
        if len(title) >= 2
        else []
    )
    return render(request, "proposals/partials/similar.html", {"similar": found})


@login_required
@require_POST
def proposal_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = visible_proposal(request, pk)

    def act() -> str:
        withdraw_proposal(author=request.user, proposal=proposal, now=timezone.now())
        return _("Your proposal was withdrawn.")

    return button_action(request, act, proposal)


def excellent_list(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    proposals = (
        Proposal.objects.public()
        .excellent(now)
        .select_related("district", "dong", "category", "author")
        .order_by("-excellent_from", "-id")
    )
    return render(request, "proposals/excellent.html", {"proposals": proposals, "now": now})
