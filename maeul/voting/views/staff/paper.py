"""Paper ballots on the staff side: batches, entry at the ballot box (현장투표), postal uploads,
confirmation, and the XLSX templates for uploads."""

import contextlib
from datetime import datetime
from typing import Any

import openpyxl
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maeul.accounts.models import TieKind
from maeul.core.access_log import record_access
from maeul.core.desk import desk_action
from maeul.core.downloads import attachment
from maeul.core.errors import RuleViolation
from maeul.core.models import AccessAction
from maeul.core.permissions import Action, Decision, can, staff_required
from maeul.core.requests import acting
from maeul.core.spreadsheets import XLSX_TYPE, fill_sheet, workbook_bytes
from maeul.voting.ballots import Choices, choice_rows, choices_from_form
from maeul.voting.forms import BatchForm, PaperVoterForm, PostalUploadForm
from maeul.voting.identity import PaperVoter
from maeul.voting.models import PAPER_CHANNELS, TEMPLATE_CHOICES, BallotType, Channel, Vote
from maeul.voting.services import paper
from maeul.voting.tabular import CHOICES, OPTION_COLUMNS, POSTAL_COLUMNS, postal_item_column
from maeul.voting.views.staff.desk import Outcome, on_vote_desk
from maeul.voting.views.staff.scope import paper_dongs, staff_batch, staff_vote


def _log_entry(request: HttpRequest, subject: str, reason: str, now: datetime) -> None:
    """Voters' names, birth dates and phones typed in by staff are personal data: the access
    log says that an entry was made, and never whose (no name, no number)."""
    record_access(
        subject=subject,
        action=AccessAction.ENTRY,
        what=request.path,
        reason=reason,
        **acting(request, now),
    )


@staff_required
@require_POST
def open_batch(request: HttpRequest, pk: int) -> HttpResponse:
    vote, now = staff_vote(request, pk), timezone.now()
    channels = [channel for channel in PAPER_CHANNELS if vote.allows_channel(channel)]
    dongs, refusal = paper_dongs(request.user, vote, channels[0] if channels else "", now)
    form = BatchForm(request.POST, vote=vote, dongs=dongs)

    def act() -> Outcome:
        batch = paper.open_batch(vote=vote, **form.cleaned_data, **acting(request, now))
        notice = _("The batch “%(label)s” was opened. Enter its ballots here.")
        return notice % {"label": batch.label}, reverse("voting:staff_batch", args=[batch.pk])

    decision = Decision(not refusal, refusal)
    return on_vote_desk(request, vote, decision, act, form=form, form_key="batch_form")


@staff_required
@require_POST
def import_postal(request: HttpRequest, pk: int) -> HttpResponse:
    vote, now = staff_vote(request, pk), timezone.now()
    dongs, refusal = paper_dongs(request.user, vote, Channel.POSTAL, now)
    form = PostalUploadForm(request.POST, request.FILES, dongs=dongs)

    def act() -> str:
        upload = form.cleaned_data["file"]
        _log_entry(request, f"postal voters, vote {vote.pk}", _("Postal ballot upload"), now)
        report = paper.import_postal_ballots(
            vote=vote,
            dong=form.cleaned_data["dong"],
            data=upload.read(),
            filename=upload.name or "",
            **acting(request, now),
        )
        return _(
            "%(count)d postal ballots were entered as the batch “%(label)s”. "
            "Another staff member must confirm it."
        ) % {"count": report.count, "label": report.batch.label}

    return on_vote_desk(
        request, vote, Decision(not refusal, refusal), act, form=form, form_key="postal_form"
    )


# --- Paper-ballot entry (현장투표) -------------------------------------------------------------
def _choice_rows(request: HttpRequest, vote: Vote) -> list[dict[str, Any]]:
    """The options with what the staff member had marked, to show an entry back unchanged."""
    chosen = Choices()
    if request.method == "POST":
        with contextlib.suppress(RuleViolation):  # unreadable marks are shown as none
            chosen = choices_from_form(vote, request.POST)
    return choice_rows(list(vote.options.select_related("dong").order_by("number")), chosen)


@staff_required
def batch_entry(request: HttpRequest, batch_pk: int) -> HttpResponse:
    """Enter one paper ballot after another into a batch; shows how many it holds, not them."""
    batch, now = staff_batch(request, batch_pk), timezone.now()
    vote = batch.vote
    decision = can(request.user, Action.ENTER_PAPER_BALLOT, batch, now=now)
    initial = {"dong": batch.dong_id, "tie": TieKind.LIVES}
    form = PaperVoterForm(
        request.POST if request.method == "POST" else None, vote=vote, initial=initial
    )

    def page(status: int = 200, **_forms: Any) -> HttpResponse:
        options = _choice_rows(request, vote)
        context = {
            **TEMPLATE_CHOICES,
            "batch": batch,
            "vote": vote,
            "form": form,
            "rows": options,
            "max_rank": vote.max_choices or len(options),
            "decision": decision,
            "ballot_count": batch.participations.count(),
        }
        return render(request, "voting/staff/batch.html", context, status=status)

    if request.method != "POST":
        return page()

    def act() -> str:
        data = form.cleaned_data
        voter = PaperVoter(
            name=data["name"],
            birth_date=data["birth_date"],
            dong=data["dong"],
            phone=data["phone"],
            tie=data["tie"],
        )
        reason = _("Paper ballot entry at the ballot box")
        _log_entry(request, f"paper voter, batch {batch.pk}", reason, now)
        receipt = paper.enter_paper_ballot(
            batch=batch,
            voter=voter,
            choices=choices_from_form(vote, request.POST),
            **acting(request, now),
        )
        if receipt.replaced:
            notice = _("Entered (receipt %(code)s). It replaces the person's online ballot.")
        else:
            notice = _("Entered (receipt %(code)s).")
        return notice % {"code": receipt.code}

    return desk_action(
        request,
        decision=decision,
        act=act,
        render=page,
        done_url=reverse("voting:staff_batch", args=[batch.pk]),
        form=form,
        form_key="form",
        errors_on_form=True,  # the page's error box, beside the form
    )


# --- Templates for uploads ----------------------------------------------------------------
def _xlsx(filename: str, header: list[str], rows: list[list[Any]]) -> HttpResponse:
    workbook = openpyxl.Workbook()
    fill_sheet(workbook.active, header, rows)
    return attachment(workbook_bytes(workbook), XLSX_TYPE, filename)


@staff_required
def options_template(request: HttpRequest, pk: int) -> HttpResponse:
    """The options file to fill in, holding the vote's current options (an import replaces them)."""
    vote = staff_vote(request, pk)
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


@staff_required
def postal_template(request: HttpRequest, pk: int) -> HttpResponse:
    """The postal ballots file: voter columns, then 선택 (or one 의제 N column per yes/no item)."""
    vote = staff_vote(request, pk)
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
