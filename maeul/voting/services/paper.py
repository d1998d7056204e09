"""Paper ballots (현장투표, 무인 우편투표) entered by staff, through the same path as online ones.

Staff open a batch (a ballot box, or an uploaded file of postal ballots), enter each
ballot with the voter they identified, and another staff member confirms the batch before
the count. Each entry is written to the audit log with the staff member, batch and dong;
never with the choices.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from maeul.accounts import phone as phones
from maeul.core import audit
from maeul.core.errors import RuleViolation
from maeul.core.permissions import Action, enforce
from maeul.core.privacy import refuse_resident_number
from maeul.places.models import Dong
from maeul.voting.ballots import Choices, encode
from maeul.voting.identity import PaperVoter
from maeul.voting.models import (
    PAPER_CHANNELS,
    BallotType,
    Channel,
    Option,
    PaperBatch,
    Participation,
    Vote,
)
from maeul.voting.services.casting import Receipt, _store, already_voted
from maeul.voting.tabular import RowError, TableError, parse_postal_rows


def open_batch(
    *, vote: Vote, dong: Dong, channel: str, label: str, staff: Any, now: datetime, ip: str | None
) -> PaperBatch:
    """Start a batch of paper ballots of one dong (one ballot box or one sitting)."""
    if channel not in PAPER_CHANNELS:
        raise RuleViolation(_("Choose on-site or postal ballots."), code="channel", field="channel")
    if not vote.covers_dong(dong):
        raise RuleViolation(_("This dong is not part of the vote."), code="dong", field="dong")
    refuse_resident_number(label=label)
    batch = PaperBatch(
        vote=vote,
        dong=dong,
        channel=channel,
        label=label.strip()[:100] or _("Ballot box"),
        created_by=staff,
        created_at=now,
    )
    enforce(staff, Action.ENTER_PAPER_BALLOT, batch, now=now)
    with transaction.atomic():
        batch.save()
        audit.record(actor=staff, action="voting.batch_open", target=batch, ip=ip, now=now)
    return batch


def check_paper_voter(vote: Vote, voter: PaperVoter, now: datetime) -> None:
    """Is the person at the ballot box entitled to vote? Raises RuleViolation with why not,
    naming the field of `PaperVoter` it is about."""

    def refuse(message: str, field: str) -> RuleViolation:
        return RuleViolation(message, code="voter", field=field)

    if not voter.name.strip():
        raise refuse(_("Enter the voter's name."), "name")
    if not vote.covers_dong(voter.dong):
        raise refuse(_("The voter's dong is not part of this vote."), "dong")
    if voter.tie not in vote.allowed_ties:
        raise refuse(_("This vote does not accept the voter's tie to the dong."), "tie")
    today = timezone.localdate(now)
    if voter.birth_date > today:
        raise refuse(_("The birth date is in the future."), "birth_date")
    if vote.min_age and today.year - voter.birth_date.year < vote.min_age:
        message = _("Only people aged %(age)d or over may vote in this vote.")
        raise refuse(message % {"age": vote.min_age}, "birth_date")
    if voter.phone:
        try:
            phones.normalize(voter.phone)
        except RuleViolation as refusal:
            raise RuleViolation(refusal.message, code=refusal.code, field="phone") from None


def enter_paper_ballot(
    *,
    batch: PaperBatch,
    voter: PaperVoter,
    choices: Choices,
    staff: Any,
    now: datetime,
    ip: str | None,
) -> Receipt:
    """Mark the person as having voted and store their paper ballot, in one transaction.

    Refused with the reason when the person already voted by any channel, unless the vote
    lets an on-site ballot replace an online one.
    """
    vote = batch.vote
    enforce(staff, Action.ENTER_PAPER_BALLOT, batch, now=now)
    check_paper_voter(vote, voter, now)
    content = encode(vote, list(vote.options.all()), choices)
    account = voter.account()
    with transaction.atomic():
        receipt = _store(
            vote=vote,
            keys=voter.keys(vote, account),
            content=content,
            channel=batch.channel,
            now=now,
            user=account,
            dong=voter.dong,
            batch=batch,
            entered_by=staff,
        )
        audit.record(
            actor=staff,
            action="voting.paper_ballot",
            target=batch,
            changes={
                "dong": [None, voter.dong.name],
                "replaced_online": [None, receipt.replaced],
            },
            ip=ip,
            now=now,
        )
    return receipt


@dataclass(frozen=True)
class ImportReport:
    batch: PaperBatch
    count: int


def import_postal_ballots(
    *,
    vote: Vote,
    dong: Dong,
    data: bytes,
    filename: str,
    staff: Any,
    now: datetime,
    ip: str | None,
) -> ImportReport:
    """Enter a whole file of postal ballots as one batch, or none of it.

    Every row is checked (format, voter, choices, a person voting twice in the file or
    already in the vote) before anything is written; any problem raises TableError with
    every bad row. A race with another entry still undoes the whole file.
    """
    options = list(vote.options.all())
    by_number = {option.number: option for option in options}
    rows = parse_postal_rows(
        data, filename, ballot_type=vote.ballot_type, option_numbers=set(by_number)
    )
    dongs = {d.name: d for d in Dong.objects.filter(district=vote.district)}
    errors: list[RowError] = []
    entries: list[tuple[PaperVoter, Choices]] = []
    seen: dict[str, int] = {}
    for row in rows:
        row_dong = dongs.get(row.dong_name)
        if row_dong is None:
            errors.append(RowError(row.line, "동", _("There is no such dong in the district.")))
            continue
        voter = PaperVoter(name=row.name, birth_date=row.birth_date, dong=row_dong, phone=row.phone)
        choices = _choices_from_row(vote, by_number, row.choices, row.answers)
        try:
            check_paper_voter(vote, voter, now)
            encode(vote, options, choices)
            keys = voter.keys(vote, voter.account())
        except RuleViolation as refusal:
            errors.append(RowError(row.line, "", refusal.message))
            continue
        known = [key for key in keys.values() if key]
        earlier_line = next((seen[key] for key in known if key in seen), None)
        if earlier_line is not None:
            errors.append(
                RowError(
                    row.line,
                    "",
                    _("The same person is already on line %(line)d.") % {"line": earlier_line},
                )
            )
            continue
        seen.update(dict.fromkeys(known, row.line))
        previous = Participation.objects.matching(vote, keys).order_by("created_at").first()
        if previous is not None:
            errors.append(RowError(row.line, "", already_voted(previous).message))
            continue
        entries.append((voter, choices))
    if errors:
        raise TableError(errors)
    if not entries:
        raise TableError([RowError(0, "", _("The file has no ballots."))])
    try:
        with transaction.atomic():
            batch = open_batch(
                vote=vote,
                dong=dong,
                channel=Channel.POSTAL,
                label=filename,
                staff=staff,
                now=now,
                ip=ip,
            )
            PaperBatch.objects.filter(pk=batch.pk).update(source_name=filename[:200])
            for voter, choices in entries:
                enter_paper_ballot(
                    batch=batch, voter=voter, choices=choices, staff=staff, now=now, ip=ip
                )
    except RuleViolation as refusal:
        raise TableError([RowError(0, "", refusal.message)]) from None
    return ImportReport(batch=batch, count=len(entries))


def _choices_from_row(
    vote: Vote,
    by_number: dict[int, Option],
    numbers: tuple[int, ...],
    answers: tuple[tuple[int, str], ...],
) -> Choices:
    if vote.ballot_type == BallotType.YES_NO:
        return Choices(answers=tuple((by_number[number].pk, answer) for number, answer in answers))
    return Choices(option_ids=tuple(by_number[number].pk for number in numbers))


def confirm_batch(*, batch: PaperBatch, staff: Any, now: datetime, ip: str | None) -> None:
    """A second staff member vouches for the batch; only confirmed batches are counted."""
    enforce(staff, Action.CONFIRM_PAPER_BATCH, batch, now=now)
    with transaction.atomic():
        updated = PaperBatch.objects.filter(pk=batch.pk, confirmed_at__isnull=True).update(
            confirmed_at=now, confirmed_by=staff
        )
        if not updated:
            raise RuleViolation(_("This batch is already confirmed."), code="confirmed")
        audit.record(
            actor=staff,
            action="voting.batch_confirm",
            target=batch,
            changes={"ballots": [None, batch.ballots.count()]},
            ip=ip,
            now=now,
        )
    batch.refresh_from_db()
