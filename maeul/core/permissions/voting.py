"""Who may vote (eligibility, with the reason), run a vote, enter and confirm paper ballots, count."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Model
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from maeul.core.permissions.base import (
    ALLOW,
    NOT_VERIFIED,
    STAFF_ONLY,
    Action,
    Decision,
    Rule,
    all_of,
    deny,
    of_kind,
    refuse_outsider,
    scope_of,
    staff_serving,
)
from maeul.core.permissions.roll import opening_time, roll_age, roll_ties
from maeul.core.permissions.scope import (
    IN_ITS_DONG,
    OWN_PLACE_AND_DISTRICT_WIDE,
    register_rows,
)
from maeul.places.models import District, Dong
from maeul.voting.models import PaperBatch, Phase, Vote, VoteStatus

NOT_OPEN_YET = _("Voting has not opened yet. It opens at %(time)s.")
VOTING_CLOSED = _("Voting has closed.")


def _phase_refusal(vote: Vote, now: datetime) -> Decision | None:
    phase = vote.phase(now)
    if phase == Phase.UPCOMING:
        return deny(NOT_OPEN_YET % {"time": opening_time(vote.opens_at)})
    if phase != Phase.OPEN:
        return deny(VOTING_CLOSED)
    return None


NO_BALLOT_IDENTITY = _(
    "Your account has no identity check on record, so you cannot vote online. "
    "Please vote at the polling place."
)
TIE_ADDED_AFTER_OPENING = _(
    "Your tie to %(place)s was added after this vote opened (%(time)s). Ties added after a "
    "vote opens do not count for it."
)
TIE_NOT_CONFIRMED = _(
    "This vote counts only ties confirmed at the dong office. Please visit the %(place)s "
    "office with an identity card to have your tie confirmed."
)
BIRTH_YEAR_CHANGED = _(
    "Your birth year changed after this vote opened (%(time)s), so it cannot be used for "
    "this vote's age limit."
)


@dataclass(frozen=True)
class Unmet:
    """A condition of an online ballot the person does not meet yet, and where to meet it.

    `url` and `action` (the link's text) are empty where nothing can be done online.
    """

    code: str  # verification, ballot_identity, tie, birth_year, age
    reason: str
    url: str = ""
    action: str = ""


def _link(name: str, anchor: str = "") -> str:
    return reverse(name) + (f"#{anchor}" if anchor else "")


def unmet_conditions(user: Any, vote: Vote, now: datetime) -> list[Unmet]:
    """Every condition of `vote` that a signed-in `user` does not meet, in the order checked.

    Empty when the person may vote (given an open, online vote). The roll is frozen at the
    opening: only ties held when the vote opened count (still held now), and a birth year
    changed after the opening does not meet the age limit. The refusal of `CAST_BALLOT` is
    the first of these; the vote page lists them all, each with its link.
    """
    unmet: list[Unmet] = []
    if vote.require_verified and not user.is_verified:
        unmet.append(
            Unmet(
                "verification",
                str(NOT_VERIFIED),
                _link("accounts:verify_phone"),
                str(_("Verify my account")),
            )
        )
    elif vote.require_verified and not user.has_ballot_identity:
        unmet.append(Unmet("ballot_identity", str(NO_BALLOT_IDENTITY)))
    tie = _tie_refusal(user, vote)
    if tie is not None:
        unmet.append(tie)
    if vote.min_age:
        roll = roll_age(user, vote.opens_at, now)
        age = roll.age
        if age is None:
            unmet.append(
                Unmet(
                    "birth_year",
                    str(_("Add your birth year to your profile: this vote has a minimum age.")),
                    _link("accounts:profile", "id_birth_year"),
                    str(_("Add my birth year")),
                )
            )
        elif roll.changed_since_opening:
            unmet.append(
                Unmet("birth_year", str(BIRTH_YEAR_CHANGED % {"time": opening_time(vote.opens_at)}))
            )
        elif age < vote.min_age:
            reason = _("Only people aged %(age)d or over may vote in this vote.")
            unmet.append(Unmet("age", reason % {"age": vote.min_age}))
    return unmet


def _cast_ballot(user: Any, target: Model | None, now: datetime) -> Decision:
    """May this person cast an online ballot now? The reason names what is missing first."""
    if not isinstance(target, Vote) or target.status == VoteStatus.DRAFT:
        return deny(_("This vote is not open."))
    refusal = _phase_refusal(target, now)
    if refusal is not None:
        return refusal
    if not target.online:
        return deny(_("This vote takes paper ballots only. Please vote at the polling place."))
    unmet = unmet_conditions(user, target, now)
    return deny(unmet[0].reason) if unmet else ALLOW


def _tie_refusal(user: Any, vote: Vote) -> Unmet | None:
    """None if one of the person's ties makes them a voter of `vote`, else what is missing."""
    place = vote.dong.name if vote.dong is not None else vote.district.name
    roll = roll_ties(user, vote.covers_dong, vote.opens_at, vote.allowed_ties)
    ties, accepted, held = roll.covering, roll.accepted, roll.held
    my_dongs = _link("accounts:profile", "ties-heading")
    action = str(_("Go to my dongs"))
    if not accepted:
        if ties:
            reason = _("Your tie to %(place)s is not one this vote accepts.") % {"place": place}
            return Unmet("tie", reason, my_dongs, action)
        reason = _(
            "Only people who live, work or study in %(place)s may vote. Add your dong in your profile."
        ) % {"place": place}
        return Unmet("tie", reason, my_dongs, action)
    if not held:
        reason = TIE_ADDED_AFTER_OPENING % {
            "place": accepted[0].dong.name,
            "time": opening_time(vote.opens_at),
        }
        return Unmet("tie", reason)
    if vote.confirmed_ties_only and not any(tie.is_confirmed for tie in held):
        return Unmet("tie", TIE_NOT_CONFIRMED % {"place": held[0].dong.name}, my_dongs, action)
    return None


_manage_vote = staff_serving(of_kind(Vote, District, Dong))


def _on_served_batch(check: Callable[[Any, PaperBatch, datetime], Decision]) -> Rule:
    """A rule for staff serving a paper batch's dong: `check` then decides on the batch."""

    def rule(user: Any, target: Model | None, now: datetime) -> Decision:
        if not isinstance(target, PaperBatch):
            return deny(STAFF_ONLY)
        if not scope_of(user).serves_row(target.dong):
            return refuse_outsider(user)
        return check(user, target, now)

    return rule


@_on_served_batch
def _enter_paper_ballot(user: Any, batch: PaperBatch, now: datetime) -> Decision:
    if batch.is_confirmed:
        return deny(_("This batch is confirmed. Start a new batch for more ballots."))
    phase = batch.vote.phase(now)
    if phase not in (Phase.OPEN, Phase.CLOSED):
        return deny(_("Paper ballots can be entered only from the opening until the count."))
    if not batch.vote.allows_channel(batch.channel):
        return deny(_("This vote does not take ballots of this kind."))
    return ALLOW


@_on_served_batch
def _confirm_paper_batch(user: Any, batch: PaperBatch, now: datetime) -> Decision:
    if batch.is_confirmed:
        return deny(_("This batch is already confirmed."))
    if batch.created_by_id == user.pk:
        # Four eyes: the person who entered the ballots does not also vouch for them.
        return deny(_("Another staff member must confirm the batch you entered."))
    return ALLOW


def _countable(user: Any, target: Model | None, now: datetime) -> Decision:
    if not isinstance(target, Vote):
        return refuse_outsider(user)
    phase = target.phase(now)
    if phase == Phase.COUNTED:
        return deny(_("This vote has already been counted."))
    if phase != Phase.CLOSED:
        return deny(_("A vote can be counted only after it closes."))
    return ALLOW


# Staff serving the vote, once it has closed and until it is counted.
_count_vote = all_of(staff_serving(of_kind(Vote)), _countable)


RULES: dict[Action, Rule] = {
    Action.CAST_BALLOT: _cast_ballot,
    Action.MANAGE_VOTE: _manage_vote,
    Action.ENTER_PAPER_BALLOT: _enter_paper_ballot,
    Action.CONFIRM_PAPER_BATCH: _confirm_paper_batch,
    Action.COUNT_VOTE: _count_vote,
}

# District staff see the votes of their district; dong staff those of their dong, and the
# district-wide ones too (they enter their dong's paper ballots in them).
register_rows(Vote, row_scope=OWN_PLACE_AND_DISTRICT_WIDE)
register_rows(PaperBatch, row_scope=IN_ITS_DONG)
