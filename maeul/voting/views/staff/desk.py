"""Staff pages of votes: the list, the settings, the desk and its actions, the count."""

from collections.abc import Callable
from datetime import datetime
from functools import partial
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maeul.accounts.models import TieKind
from maeul.core.desk import desk_action
from maeul.core.permissions import ALLOW, Action, Decision, can, require, scope_of, staff_required
from maeul.core.requests import acting
from maeul.places.models import District, Dong
from maeul.plans.services import from_vote
from maeul.voting.forms import BatchForm, OptionForm, PostalUploadForm, UploadForm, VoteForm
from maeul.voting.models import (
    PAPER_CHANNELS,
    TEMPLATE_CHOICES,
    Ballot,
    Channel,
    Option,
    Participation,
    Vote,
    VoteStatus,
)
from maeul.voting.services import counting, setup
from maeul.voting.tabular import TableError
from maeul.voting.views.staff.scope import batches, count_of, paper_dongs, staff_vote

PER_PAGE = 30

# What a desk action tells the staff member, and optionally where to go next (else the desk).
Outcome = str | tuple[str, str]


def _desk_url(vote: Vote) -> str:
    return reverse("voting:staff_desk", args=[vote.pk])


# --- List and settings --------------------------------------------------------------------
@staff_required
def vote_list(request: HttpRequest) -> HttpResponse:
    """The votes the staff member runs or enters paper ballots for, with turnout so far."""
    now = timezone.now()
    votes = (
        scope_of(request.user)
        .rows(Vote.objects.select_related("district", "dong"))
        .annotate(
            participation_count=count_of(Participation),
            ballot_count=count_of(Ballot),
            option_count=count_of(Option),
        )
        .order_by("-opens_at", "-pk")
    )
    page = Paginator(votes, PER_PAGE).get_page(request.GET.get("page"))
    rows = [
        {
            "vote": vote,
            "phase": vote.phase(now),
            "manage": can(request.user, Action.MANAGE_VOTE, vote, now=now),
        }
        for vote in page.object_list
    ]
    districts, dongs, _whole = _places(request.user, now)
    return render(
        request,
        "voting/staff/list.html",
        {
            **TEMPLATE_CHOICES,
            "page": page,
            "rows": rows,
            "may_create": districts.exists() or dongs.exists(),
        },
    )


def _places(user: Any, now: datetime) -> tuple[QuerySet[District], QuerySet[Dong], bool]:
    """Where the user may hold votes: districts, dongs, and whether district-wide votes."""
    scope = scope_of(user)
    if scope.site_admin:
        return District.objects.order_by("code"), Dong.objects.order_by("code"), True
    candidates = District.objects.filter(pk__in=scope.district_ids)
    district_ids = [d.pk for d in candidates if can(user, Action.MANAGE_VOTE, d, now=now)]
    dong_candidates = Dong.objects.filter(
        Q(district_id__in=district_ids) | Q(pk__in=scope.dong_ids)
    )
    dong_ids = [d.pk for d in dong_candidates if can(user, Action.MANAGE_VOTE, d, now=now)]
    return (
        District.objects.filter(pk__in=district_ids).order_by("code"),
        Dong.objects.filter(pk__in=dong_ids).order_by("code"),
        bool(district_ids),
    )


@staff_required
def vote_create(request: HttpRequest) -> HttpResponse:
    """A new vote, saved as a draft of the staff member's district (a site admin picks one)."""
    now = timezone.now()
    districts, dongs, whole = _places(request.user, now)
    if not (districts.exists() or dongs.exists()):
        require(request.user, Action.MANAGE_VOTE, now=now)  # refused, with the reason
    only = list(districts[:2])
    vote = Vote(district=only[0]) if len(only) == 1 else Vote()
    return _vote_form(request, vote, districts, dongs, whole, now)


@staff_required
def vote_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """A vote's settings; read-only once it has opened (the service refuses a change)."""
    vote = staff_vote(request, pk)
    now = timezone.now()
    require(request.user, Action.MANAGE_VOTE, vote, now=now)
    _districts, dongs, _whole = _places(request.user, now)
    whole = bool(can(request.user, Action.MANAGE_VOTE, vote.district, now=now))
    dongs = dongs.filter(district_id=vote.district_id)
    return _vote_form(request, vote, District.objects.none(), dongs, whole, now)


def _vote_form(
    request: HttpRequest,
    vote: Vote,
    districts: QuerySet[District],
    dongs: QuerySet[Dong],
    whole: bool,
    now: datetime,
) -> HttpResponse:
    """The settings form; the caller has required MANAGE_VOTE of the vote edited, and on a
    new vote `save_vote` decides it for the place the form names."""
    creating = vote._state.adding
    data = request.POST if request.method == "POST" else None
    form = VoteForm(data, instance=vote, districts=districts, dongs=dongs, whole_district=whole)
    frozen = not creating and not setup.is_editable(vote, now)
    if frozen:
        form.freeze()

    def page(status: int = 200, **_forms: Any) -> HttpResponse:
        context = {"form": form, "vote": None if creating else vote, "frozen": frozen}
        return render(request, "voting/staff/form.html", context, status=status)

    if request.method != "POST":
        return page()

    def act() -> Outcome:
        saved = form.instance
        if saved.dong is not None and not saved.district_id:
            saved.district = saved.dong.district
        setup.save_vote(vote=saved, **acting(request, now))
        if creating:
            notice = _("The vote was saved as a draft. Add its options, then publish it.")
        else:
            notice = _("The vote's settings were saved.")
        return notice, _desk_url(saved)

    return desk_action(
        request,
        decision=ALLOW,
        act=act,
        render=page,
        done_url=reverse("voting:staff_list"),
        form=form,
        form_key="form",
        errors_on_form=True,  # the page's error box, beside the form
    )


# --- The desk -----------------------------------------------------------------------------
def reconciliation(vote: Vote) -> dict[str, Any]:
    """Who voted (participations) against what was cast (ballots), per channel and dong.

    Once counted, ballots no longer carry their channel (secrecy.py): only totals compare.
    """
    turnout = counting.turnout(vote)
    counted = vote.status == VoteStatus.COUNTED
    ballots = dict(vote.ballots.order_by().values_list("channel").annotate(n=Count("pk")))
    total = sum(ballots.values())
    return {
        "channels": [
            (
                channel.label,
                turnout["by_channel"].get(channel, 0),
                None if counted else ballots.get(channel, 0),
            )
            for channel in Channel
        ],
        "dongs": sorted(turnout["by_dong"].items()),
        "participations": turnout["total"],
        "ballots": total,
        "unconfirmed": vote.ballots.filter(
            batch__isnull=False, batch__confirmed_at__isnull=True
        ).count(),
        "duplicates": counting.duplicate_voters(vote),
        "balanced": turnout["total"] == total,
        "checked": not vote.is_simulation,
    }


def _render_desk(
    request: HttpRequest, vote: Vote, *, status: int = 200, **forms: Any
) -> HttpResponse:
    user, now = request.user, timezone.now()
    paper_channels = [channel for channel in PAPER_CHANNELS if vote.allows_channel(channel)]
    batch_dongs, batch_refusal = paper_dongs(
        user, vote, paper_channels[0] if paper_channels else Channel.ON_SITE, now
    )
    postal_dongs, postal_refusal = paper_dongs(user, vote, Channel.POSTAL, now)
    vote_batches = batches(user).filter(vote=vote).annotate(ballot_count=Count("ballots"))
    context = {
        **TEMPLATE_CHOICES,
        "vote": vote,
        "phase": vote.phase(now),
        "editable": setup.is_editable(vote, now),
        "options": vote.options.select_related("dong", "proposal").order_by("number"),
        "now": now,
        "batches": vote_batches.order_by("-created_at", "-pk"),
        "paper_channels": paper_channels,
        "channels": [channel.label for channel in vote.channels],
        "ties": [TieKind(kind).label for kind in vote.allowed_ties],
        "batch_refusal": batch_refusal,
        "postal_refusal": postal_refusal,
        "option_form": forms.get("option_form") or OptionForm(vote=vote),
        "import_form": forms.get("import_form") or UploadForm(),
        "batch_form": forms.get("batch_form") or BatchForm(vote=vote, dongs=batch_dongs),
        "postal_form": forms.get("postal_form") or PostalUploadForm(dongs=postal_dongs),
        "report": forms.get("report"),
        "reconciliation": reconciliation(vote),
        **_winners_to_projects(user, vote, now),
    }
    return render(request, "voting/staff/desk.html", context, status=status)


def _winners_to_projects(user: Any, vote: Vote, now: datetime) -> dict[str, Any]:
    """A counted approval or budget vote offers to make next year's projects of its winners."""
    if not from_vote.converts(vote):
        return {}
    return {
        "projects_decision": can(user, Action.MANAGE_PLAN, vote, now=now),
        "projects_year": from_vote.plan_year(vote),
        "projects_made": vote.projects.count(),
    }


@staff_required
def vote_desk(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_desk(request, staff_vote(request, pk))


def on_vote_desk(
    request: HttpRequest,
    vote: Vote,
    decision: Decision,
    act: Callable[[], Outcome],
    *,
    form: Any = None,
    form_key: str = "",
) -> HttpResponse:
    """Run one desk action (see `core.desk`); an import shows its row-by-row report."""
    forms = {form_key: form} if form_key else {}

    def report(table: Exception) -> HttpResponse:
        assert isinstance(table, TableError)  # noqa: S101 -- the only type handled here
        messages.error(request, _("Nothing was imported. Correct these lines and upload again."))
        lines = {"form": form_key, "errors": table.errors}
        return _render_desk(request, vote, status=400, report=lines, **forms)

    return desk_action(
        request,
        decision=decision,
        act=act,
        render=partial(_render_desk, request, vote),
        done_url=_desk_url(vote),
        form=form,
        form_key=form_key,
        refusals={TableError: report},
    )


@staff_required
@require_POST
def add_option(request: HttpRequest, pk: int) -> HttpResponse:
    vote, now = staff_vote(request, pk), timezone.now()
    form = OptionForm(request.POST, vote=vote)

    def act() -> str:
        option = setup.add_option(vote=vote, **form.cleaned_data, **acting(request, now))
        return _("Option no. %(number)d was added.") % {"number": option.number}

    decision = can(request.user, Action.MANAGE_VOTE, vote, now=now)
    return on_vote_desk(request, vote, decision, act, form=form, form_key="option_form")


@staff_required
@require_POST
def import_options(request: HttpRequest, pk: int) -> HttpResponse:
    vote, now = staff_vote(request, pk), timezone.now()
    form = UploadForm(request.POST, request.FILES)

    def act() -> str:
        upload = form.cleaned_data["file"]
        options = setup.import_options(
            vote=vote,
            data=upload.read(),
            filename=upload.name or "",
            **acting(request, now),
        )
        return _("%(count)d options were imported; they replace the earlier ones.") % {
            "count": len(options)
        }

    decision = can(request.user, Action.MANAGE_VOTE, vote, now=now)
    return on_vote_desk(request, vote, decision, act, form=form, form_key="import_form")


@staff_required
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    vote, now = staff_vote(request, pk), timezone.now()

    def act() -> str:
        setup.publish_vote(vote=vote, **acting(request, now))
        return _("The vote was published. It opens and closes at its set times.")

    return on_vote_desk(request, vote, can(request.user, Action.MANAGE_VOTE, vote, now=now), act)
