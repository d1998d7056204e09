"""Staff pages of votes: the list, the settings, the desk, paper-ballot entry (현장투표), the count.

District staff (구청) run the votes of their district, dong staff (동 주민센터) the votes of
their dong and the paper ballots of their dong in district votes, site admins everything.
A vote or batch outside the staff member's dongs and districts does not exist for them
(404); what they may do with one they can see is decided by `can`. Staff see turnout, never
a result before the count.
"""

import contextlib
import io
from collections.abc import Callable
from datetime import datetime
from functools import partial
from typing import Any

import openpyxl
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from maeul.accounts.models import TieKind
from maeul.core.desk import desk_action
from maeul.core.errors import RuleViolation
from maeul.core.permissions import OUTSIDE_SCOPE, Action, Decision, can, scope_of
from maeul.core.requests import client_ip
from maeul.places.models import District, Dong
from maeul.voting.ballots import Choices, choice_rows, choices_from_form
from maeul.voting.forms import (
    BatchForm,
    OptionForm,
    PaperVoterForm,
    PostalUploadForm,
    UploadForm,
    VoteForm,
    vote_dongs,
)
from maeul.voting.identity import PaperVoter
from maeul.voting.models import (
    PAPER_CHANNELS,
    Ballot,
    BallotType,
    Channel,
    Option,
    PaperBatch,
    Participation,
    Vote,
)
from maeul.voting.services import counting, paper, setup
from maeul.voting.tabular import (
    CHOICES,
    OPTION_COLUMNS,
    POSTAL_COLUMNS,
    TableError,
    postal_item_column,
)

PER_PAGE = 30
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# --- Scope ---------------------------------------------------------------------------------
def _require_staff(request: HttpRequest) -> None:
    decision = can(request.user, Action.VIEW_STAFF_PAGES)
    if not decision:
        raise PermissionDenied(decision.reason)


def _forbid_unless(decision: Decision) -> None:
    if not decision:
        raise PermissionDenied(decision.reason)


def _votes_in_scope(user: Any) -> QuerySet[Vote]:
    scope = scope_of(user)
    votes = Vote.objects.all()
    if scope.site_admin:
        return votes
    dong_districts = Dong.objects.filter(pk__in=scope.dong_ids).values("district_id")
    return votes.filter(
        Q(district_id__in=scope.district_ids)
        | Q(dong_id__in=scope.dong_ids)
        # Dong staff enter the paper ballots of their dong in district votes too.
        | Q(dong__isnull=True, district_id__in=Subquery(dong_districts))
    )


def _staff_vote(request: HttpRequest, pk: int) -> Vote:
    _require_staff(request)
    return get_object_or_404(
        _votes_in_scope(request.user).select_related("district", "dong"), pk=pk
    )


def _batches_in_scope(user: Any) -> QuerySet[PaperBatch]:
    scope = scope_of(user)
    batches = PaperBatch.objects.select_related(
        "vote__district", "vote__dong", "dong", "created_by", "confirmed_by"
    )
    if scope.site_admin:
        return batches
    return batches.filter(
        Q(dong_id__in=scope.dong_ids) | Q(dong__district_id__in=scope.district_ids)
    )


def _staff_batch(request: HttpRequest, batch_pk: int) -> PaperBatch:
    _require_staff(request)
    return get_object_or_404(_batches_in_scope(request.user), pk=batch_pk)


def _paper_dongs(user: Any, vote: Vote, channel: str, now: datetime) -> tuple[QuerySet[Dong], str]:
    """The dongs whose paper ballots of `channel` the user may enter now, or why none."""
    allowed, reasons = [], set()
    for dong in vote_dongs(vote):
        probe = PaperBatch(vote=vote, dong=dong, channel=channel)
        decision = can(user, Action.ENTER_PAPER_BALLOT, probe, now=now)
        if decision:
            allowed.append(dong.pk)
        else:
            reasons.add(decision.reason)
    # A reason about the phase or the channel says more than "not your dong".
    reason = next(iter(sorted(reasons - {str(OUTSIDE_SCOPE)})), str(OUTSIDE_SCOPE))
    return Dong.objects.filter(pk__in=allowed).order_by("code"), "" if allowed else reason


def _count_of(model: type[Participation] | type[Ballot] | type[Option]) -> Coalesce:
    rows = (
        model.objects.filter(vote=OuterRef("pk"))
        .order_by()
        .values("vote")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


# --- List and settings --------------------------------------------------------------------
@login_required
def vote_list(request: HttpRequest) -> HttpResponse:
    """The votes the staff member runs or enters paper ballots for, with turnout so far."""
    _require_staff(request)
    now = timezone.now()
    votes = (
        _votes_in_scope(request.user)
        .select_related("district", "dong")
        .annotate(
            participation_count=_count_of(Participation),
            ballot_count=_count_of(Ballot),
            option_count=_count_of(Option),
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
        {"page": page, "rows": rows, "may_create": districts.exists() or dongs.exists()},
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


@login_required
def vote_create(request: HttpRequest) -> HttpResponse:
    """A new vote, saved as a draft of the staff member's district (a site admin picks one)."""
    _require_staff(request)
    now = timezone.now()
    districts, dongs, whole = _places(request.user, now)
    if not (districts.exists() or dongs.exists()):
        _forbid_unless(can(request.user, Action.MANAGE_VOTE, None, now=now))
    only = list(districts[:2])
    vote = Vote(district=only[0]) if len(only) == 1 else Vote()
    return _vote_form(request, vote, districts, dongs, whole, now)


@login_required
def vote_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """A vote's settings; read-only once it has opened (the service refuses a change)."""
    vote = _staff_vote(request, pk)
    now = timezone.now()
    _forbid_unless(can(request.user, Action.MANAGE_VOTE, vote, now=now))
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
    creating = vote._state.adding
    data = request.POST if request.method == "POST" else None
    form = VoteForm(data, instance=vote, districts=districts, dongs=dongs, whole_district=whole)
    frozen = not creating and not setup.is_editable(vote, now)
    if frozen:
        form.freeze()
    status = 200
    if request.method == "POST":
        if form.is_valid():
            vote = form.instance
            if vote.dong is not None and not vote.district_id:
                vote.district = vote.dong.district
            try:
                setup.save_vote(vote=vote, staff=request.user, now=now, ip=client_ip(request))
            except RuleViolation as refusal:
                form.add_error(None, refusal.message)
            else:
                if creating:
                    notice = _("The vote was saved as a draft. Add its options, then publish it.")
                else:
                    notice = _("The vote's settings were saved.")
                messages.success(request, notice)
                return redirect("voting:staff_desk", pk=vote.pk)
        status = 400
    return render(
        request,
        "voting/staff/form.html",
        {"form": form, "vote": None if creating else vote, "frozen": frozen},
        status=status,
    )


# --- The desk -----------------------------------------------------------------------------
def _reconciliation(vote: Vote) -> dict[str, Any]:
    """Who voted (participations) against what was cast (ballots), per channel and dong."""
    turnout = counting.turnout(vote)
    ballots = dict(vote.ballots.order_by().values_list("channel").annotate(n=Count("pk")))
    total = sum(ballots.values())
    return {
        "channels": [
            (channel.label, turnout["by_channel"].get(channel, 0), ballots.get(channel, 0))
            for channel in Channel
        ],
        "dongs": sorted(turnout["by_dong"].items()),
        "participations": turnout["total"],
        "ballots": total,
        "unconfirmed": vote.ballots.filter(
            batch__isnull=False, batch__confirmed_at__isnull=True
        ).count(),
        "balanced": turnout["total"] == total,
        "checked": not vote.is_simulation,
    }


def _render_desk(
    request: HttpRequest, vote: Vote, *, status: int = 200, **forms: Any
) -> HttpResponse:
    user, now = request.user, timezone.now()
    paper_channels = [channel for channel in PAPER_CHANNELS if vote.allows_channel(channel)]
    batch_dongs, batch_refusal = _paper_dongs(
        user, vote, paper_channels[0] if paper_channels else Channel.ON_SITE, now
    )
    postal_dongs, postal_refusal = _paper_dongs(user, vote, Channel.POSTAL, now)
    batches = _batches_in_scope(user).filter(vote=vote).annotate(ballot_count=Count("ballots"))
    context = {
        "vote": vote,
        "phase": vote.phase(now),
        "editable": setup.is_editable(vote, now),
        "options": vote.options.select_related("dong", "proposal").order_by("number"),
        "manage": can(user, Action.MANAGE_VOTE, vote, now=now),
        "count_decision": can(user, Action.COUNT_VOTE, vote, now=now),
        "batches": [
            {
                "batch": batch,
                "confirm": can(user, Action.CONFIRM_PAPER_BATCH, batch, now=now),
            }
            for batch in batches.order_by("-created_at", "-pk")
        ],
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
        "reconciliation": _reconciliation(vote),
    }
    return render(request, "voting/staff/desk.html", context, status=status)


@login_required
def vote_desk(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_desk(request, _staff_vote(request, pk))


# What a desk action tells the staff member, and optionally where to go next (else the desk).
Outcome = str | tuple[str, str]


def _desk_url(vote: Vote) -> str:
    return reverse("voting:staff_desk", args=[vote.pk])


def _desk_action(
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


@login_required
@require_POST
def add_option(request: HttpRequest, pk: int) -> HttpResponse:
    vote, now = _staff_vote(request, pk), timezone.now()
    form = OptionForm(request.POST, vote=vote)

    def act() -> str:
        data = form.cleaned_data
        option = setup.add_option(
            vote=vote,
            title=data["title"],
            cost=data["cost"],
            description=data["description"],
            dong=data["dong"],
            category=data["category"],
            proposer=data["proposer"],
            proposal=data["proposal"],
            staff=request.user,
            now=now,
            ip=client_ip(request),
        )
        return _("Option no. %(number)d was added.") % {"number": option.number}

    decision = can(request.user, Action.MANAGE_VOTE, vote, now=now)
    return _desk_action(request, vote, decision, act, form=form, form_key="option_form")


@login_required
@require_POST
def import_options(request: HttpRequest, pk: int) -> HttpResponse:
    vote, now = _staff_vote(request, pk), timezone.now()
    form = UploadForm(request.POST, request.FILES)

    def act() -> str:
        upload = form.cleaned_data["file"]
        options = setup.import_options(
            vote=vote,
            data=upload.read(),
            filename=upload.name or "",
            staff=request.user,
            now=now,
            ip=client_ip(request),
        )
        return _("%(count)d options were imported; they replace the earlier ones.") % {
            "count": len(options)
        }

    decision = can(request.user, Action.MANAGE_VOTE, vote, now=now)
    return _desk_action(request, vote, decision, act, form=form, form_key="import_form")


@login_required
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    vote, now = _staff_vote(request, pk), timezone.now()

    def act() -> str:
        setup.publish_vote(vote=vote, staff=request.user, now=now, ip=client_ip(request))
        return _("The vote was published. It opens and closes at its set times.")

    return _desk_action(request, vote, can(request.user, Action.MANAGE_VOTE, vote, now=now), act)


@login_required
@require_POST
def open_batch(request: HttpRequest, pk: int) -> HttpResponse:
    vote, now = _staff_vote(request, pk), timezone.now()
    channels = [channel for channel in PAPER_CHANNELS if vote.allows_channel(channel)]
    dongs, refusal = _paper_dongs(request.user, vote, channels[0] if channels else "", now)
    form = BatchForm(request.POST, vote=vote, dongs=dongs)

    def act() -> Outcome:
        batch = paper.open_batch(
            vote=vote,
            dong=form.cleaned_data["dong"],
            channel=form.cleaned_data["channel"],
            label=form.cleaned_data["label"],
            staff=request.user,
            now=now,
            ip=client_ip(request),
        )
        notice = _("The batch “%(label)s” was opened. Enter its ballots here.")
        return notice % {"label": batch.label}, reverse("voting:staff_batch", args=[batch.pk])

    decision = Decision(not refusal, refusal)
    return _desk_action(request, vote, decision, act, form=form, form_key="batch_form")


@login_required
@require_POST
def import_postal(request: HttpRequest, pk: int) -> HttpResponse:
    vote, now = _staff_vote(request, pk), timezone.now()
    dongs, refusal = _paper_dongs(request.user, vote, Channel.POSTAL, now)
    form = PostalUploadForm(request.POST, request.FILES, dongs=dongs)

    def act() -> str:
        upload = form.cleaned_data["file"]
        report = paper.import_postal_ballots(
            vote=vote,
            dong=form.cleaned_data["dong"],
            data=upload.read(),
            filename=upload.name or "",
            staff=request.user,
            now=now,
            ip=client_ip(request),
        )
        return _(
            "%(count)d postal ballots were entered as the batch “%(label)s”. "
            "Another staff member must confirm it."
        ) % {"count": report.count, "label": report.batch.label}

    return _desk_action(
        request, vote, Decision(not refusal, refusal), act, form=form, form_key="postal_form"
    )


@login_required
@require_POST
def count(request: HttpRequest, pk: int) -> HttpResponse:
    vote, now = _staff_vote(request, pk), timezone.now()

    def act() -> str:
        result = counting.count_vote(vote=vote, staff=request.user, now=now, ip=client_ip(request))
        return _("The vote was counted: %(count)d ballots. The result is published.") % {
            "count": result.ballot_count
        }

    return _desk_action(request, vote, can(request.user, Action.COUNT_VOTE, vote, now=now), act)


@login_required
@require_POST
def confirm_batch(request: HttpRequest, batch_pk: int) -> HttpResponse:
    batch, now = _staff_batch(request, batch_pk), timezone.now()
    vote = batch.vote

    def act() -> str:
        paper.confirm_batch(batch=batch, staff=request.user, now=now, ip=client_ip(request))
        return _("The batch “%(label)s” was confirmed.") % {"label": batch.label}

    decision = can(request.user, Action.CONFIRM_PAPER_BATCH, batch, now=now)
    return _desk_action(request, vote, decision, act)


# --- Paper-ballot entry (현장투표) -------------------------------------------------------------
def _choice_rows(request: HttpRequest, vote: Vote) -> list[dict[str, Any]]:
    """The options with what the staff member had marked, to show an entry back unchanged."""
    chosen = Choices()
    if request.method == "POST":
        with contextlib.suppress(RuleViolation):  # unreadable marks are shown as none
            chosen = choices_from_form(vote, request.POST)
    return choice_rows(list(vote.options.select_related("dong").order_by("number")), chosen)


@login_required
def batch_entry(request: HttpRequest, batch_pk: int) -> HttpResponse:
    """Enter one paper ballot after another into a batch; shows how many it holds, not them."""
    batch, now = _staff_batch(request, batch_pk), timezone.now()
    vote = batch.vote
    decision = can(request.user, Action.ENTER_PAPER_BALLOT, batch, now=now)
    initial = {"dong": batch.dong_id, "tie": "lives"}
    form = PaperVoterForm(
        request.POST if request.method == "POST" else None, vote=vote, initial=initial
    )
    status = 200
    if request.method == "POST":
        status = 400
        if not decision:
            status = 403  # the page says why, in place of the form
        elif form.is_valid():
            data = form.cleaned_data
            voter = PaperVoter(
                name=data["name"],
                birth_date=data["birth_date"],
                dong=data["dong"],
                phone=data["phone"],
                tie=data["tie"],
            )
            try:
                receipt = paper.enter_paper_ballot(
                    batch=batch,
                    voter=voter,
                    choices=choices_from_form(vote, request.POST),
                    staff=request.user,
                    now=now,
                    ip=client_ip(request),
                )
            except RuleViolation as refusal:
                form.add_error(None, refusal.message)
            else:
                if receipt.replaced:
                    notice = _(
                        "Entered (receipt %(code)s). It replaces the person's online ballot."
                    )
                else:
                    notice = _("Entered (receipt %(code)s).")
                messages.success(request, notice % {"code": receipt.code})
                return redirect("voting:staff_batch", batch_pk=batch.pk)
    options = _choice_rows(request, vote)
    context = {
        "batch": batch,
        "vote": vote,
        "form": form,
        "rows": options,
        "max_rank": vote.max_choices or len(options),
        "decision": decision,
        "ballot_count": batch.ballots.count(),
    }
    return render(request, "voting/staff/batch.html", context, status=status)


# --- Templates for uploads ----------------------------------------------------------------
def _xlsx(filename: str, header: list[str], rows: list[list[Any]]) -> HttpResponse:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    for index, name in enumerate(header, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(12, len(name) * 3)
    out = io.BytesIO()
    workbook.save(out)
    response = HttpResponse(out.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def options_template(request: HttpRequest, pk: int) -> HttpResponse:
    """The options file to fill in, holding the vote's current options (an import replaces them)."""
    vote = _staff_vote(request, pk)
    rows = [
        [
            o.number,
            o.title,
            o.description,
            o.cost,
            o.dong.name if o.dong else "",
            o.category,
            o.proposer,
        ]
        for o in vote.options.select_related("dong").order_by("number")
    ]
    return _xlsx(f"vote-{vote.pk}-options.xlsx", list(OPTION_COLUMNS), rows)


@login_required
def postal_template(request: HttpRequest, pk: int) -> HttpResponse:
    """The postal ballots file: voter columns, then 선택 (or one 의제 N column per yes/no item)."""
    vote = _staff_vote(request, pk)
    header = list(POSTAL_COLUMNS)
    if vote.ballot_type == BallotType.YES_NO:
        # The column names `tabular.parse_postal_rows` reads for yes/no items.
        header += [
            postal_item_column(number)
            for number in vote.options.order_by("number").values_list("number", flat=True)
        ]
    else:
        header.append(CHOICES)
    return _xlsx(f"vote-{vote.pk}-postal.xlsx", header, [])
