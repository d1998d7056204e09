"""Preparing a vote: its settings, its options (typed in, imported, or from proposals), publishing.

What voters are promised must not move under them: once a vote has opened, its
eligibility, ballot type, options and rule are fixed.
"""

from datetime import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.translation import gettext as _

from maeul.core import audit
from maeul.core.errors import RuleViolation
from maeul.core.permissions import Action, enforce
from maeul.core.privacy import refuse_resident_number
from maeul.places.models import Dong
from maeul.proposals.models import Proposal, ProposalLink
from maeul.voting.identity import create_vote_key
from maeul.voting.models import BallotType, Option, Phase, Vote, VoteStatus
from maeul.voting.tabular import RowError, TableError, parse_option_rows

# The settings a voter relies on; frozen at the opening.
VOTE_FIELDS = [
    "title",
    "description",
    "dong",
    "ballot_type",
    "max_choices",
    "min_choices",
    "budget",
    "rule",
    "quorum",
    "opens_at",
    "closes_at",
    "online",
    "on_site",
    "postal",
    "allow_lives",
    "allow_works",
    "allow_studies",
    "min_age",
    "require_verified",
    "confirmed_ties_only",
    "allow_change",
    "on_site_replaces_online",
]


def is_editable(vote: Vote, now: datetime) -> bool:
    """May the vote's settings and options still change? Only before it opens."""
    return vote.phase(now) in (Phase.DRAFT, Phase.UPCOMING)


def _require_editable(vote: Vote, now: datetime) -> None:
    if not is_editable(vote, now):
        raise RuleViolation(
            _("The vote has opened: its settings, eligibility and options can no longer change."),
            code="frozen",
        )


def check_settings(vote: Vote) -> None:
    """The settings make a vote that can be held; raises RuleViolation naming the problem
    and the field it is about."""

    def refuse(message: str, field: str) -> RuleViolation:
        return RuleViolation(message, code="settings", field=field)

    if vote.closes_at <= vote.opens_at:
        raise refuse(_("The vote must close after it opens."), "closes_at")
    if not (vote.online or vote.on_site or vote.postal):
        raise refuse(_("Allow at least one way of voting."), "online")
    if not (vote.allow_lives or vote.allow_works or vote.allow_studies):
        raise refuse(_("Allow at least one kind of tie to the area."), "allow_lives")
    if vote.max_choices is not None and vote.min_choices > vote.max_choices:
        raise refuse(_("The fewest choices cannot exceed the most choices."), "min_choices")
    if vote.ballot_type == BallotType.BUDGET and not vote.budget:
        raise refuse(_("A budget vote needs a budget."), "budget")
    if vote.dong is not None and vote.dong.district_id != vote.district_id:
        raise refuse(_("The dong is not in the vote's district."), "dong")


def save_vote(*, vote: Vote, staff: Any, now: datetime, ip: str | None) -> Vote:
    """Create a vote (a draft) or change one that has not opened yet."""
    enforce(staff, Action.MANAGE_VOTE, vote, now=now)
    creating = vote.pk is None
    if not creating:
        stored = Vote.objects.get(pk=vote.pk)
        _require_editable(stored, now)
        before = audit.snapshot(stored, VOTE_FIELDS)
    else:
        before = {}
        vote.created_by = staff
        vote.created_at = now
    check_settings(vote)
    refuse_resident_number(title=vote.title, description=vote.description)
    with transaction.atomic():
        vote.save()
        audit.record(
            actor=staff,
            action="voting.create" if creating else "voting.change",
            target=vote,
            changes=audit.diff(before, audit.snapshot(vote, VOTE_FIELDS)),
            ip=ip,
            now=now,
        )
    return vote


def add_option(
    *,
    vote: Vote,
    title: str,
    staff: Any,
    now: datetime,
    ip: str | None,
    cost: int = 0,
    description: str = "",
    dong: Dong | None = None,
    category: str = "",
    proposer: str = "",
    proposal: Proposal | None = None,
) -> Option:
    """Add an option with the next ballot number; an option from a proposal keeps the link."""
    enforce(staff, Action.MANAGE_VOTE, vote, now=now)
    _require_editable(vote, now)
    if not title.strip():
        raise RuleViolation(_("Enter the option's title."), code="option", field="title")
    refuse_resident_number(
        title=title, description=description, category=category, proposer=proposer
    )
    if cost < 0:
        raise RuleViolation(_("The cost cannot be negative."), code="option", field="cost")
    if dong is not None and not vote.covers_dong(dong):
        raise RuleViolation(_("The dong is not part of the vote."), code="option", field="dong")
    with transaction.atomic():
        Vote.objects.select_for_update().filter(pk=vote.pk).first()
        last = vote.options.order_by("-number").values_list("number", flat=True).first() or 0
        option = Option.objects.create(
            vote=vote,
            number=last + 1,
            title=title.strip()[:200],
            description=description,
            cost=cost,
            dong=dong,
            category=category[:30],
            proposer=(proposer or (proposal.proposer_label if proposal else ""))[:100],
            proposal=proposal,
        )
        if proposal is not None:
            ProposalLink.objects.get_or_create(
                proposal=proposal,
                target_type=ContentType.objects.get_for_model(Option),
                target_id=option.pk,
                relation="origin",
                defaults={"created_at": now},
            )
        audit.record(actor=staff, action="voting.option_add", target=option, ip=ip, now=now)
    return option


def import_options(
    *, vote: Vote, data: bytes, filename: str, staff: Any, now: datetime, ip: str | None
) -> list[Option]:
    """Replace the vote's options with a spreadsheet's rows: all of them, or none.

    Raises TableError listing every bad row (the file's own problems, unknown dongs,
    ballot numbers already used).
    """
    enforce(staff, Action.MANAGE_VOTE, vote, now=now)
    _require_editable(vote, now)
    rows = parse_option_rows(data, filename)
    dongs = {dong.name: dong for dong in Dong.objects.filter(district=vote.district)}
    errors = []
    for row in rows:
        dong = dongs.get(row.dong_name) if row.dong_name else None
        if row.dong_name and (dong is None or not vote.covers_dong(dong)):
            errors.append(RowError(row.line, "동", _("This dong is not part of the vote.")))
    if errors:
        raise TableError(errors)
    with transaction.atomic():
        vote.options.all().delete()
        options = Option.objects.bulk_create(
            Option(
                vote=vote,
                number=row.number,
                title=row.title,
                description=row.description,
                cost=row.cost,
                dong=dongs.get(row.dong_name) if row.dong_name else None,
                category=row.category[:30],
                proposer=row.proposer[:100],
            )
            for row in rows
        )
        audit.record(
            actor=staff,
            action="voting.options_import",
            target=vote,
            changes={"options": [None, len(options)], "file": [None, filename[:100]]},
            ip=ip,
            now=now,
        )
    return options


def publish_vote(*, vote: Vote, staff: Any, now: datetime, ip: str | None) -> Vote:
    """Make a draft vote public; it opens and closes by its own times from then on."""
    enforce(staff, Action.MANAGE_VOTE, vote, now=now)
    if vote.status != VoteStatus.DRAFT:
        raise RuleViolation(_("This vote is already published."), code="published")
    if vote.closes_at <= now:
        raise RuleViolation(
            _("The closing time has passed. Change the period first."), code="settings"
        )
    options = vote.options.count()
    if options < (1 if vote.ballot_type == BallotType.YES_NO else 2):
        raise RuleViolation(_("Add the options before publishing the vote."), code="options")
    with transaction.atomic():
        Vote.objects.filter(pk=vote.pk).update(status=VoteStatus.PUBLISHED)
        create_vote_key(vote)
        audit.record(
            actor=staff,
            action="voting.publish",
            target=vote,
            changes={"status": [VoteStatus.DRAFT, VoteStatus.PUBLISHED]},
            ip=ip,
            now=now,
        )
    vote.refresh_from_db()
    return vote
