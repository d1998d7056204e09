"""Who may answer a consultation (its audience, with the reason), take part in its debate,
and run it.

The audience is a roll frozen at the opening, by the rule votes use (`permissions.roll`): a verified
account, a current tie to an asked dong held since the opening, and, where age groups are
asked, a birth year not changed since the opening. Staff who serve the consultation run
it: district staff of its district, dong staff of its dong (a district-wide consultation
is the district's). Results, the official response and the debate's summary are published
after the close.
"""

from datetime import datetime
from typing import Any

from django.conf import settings
from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from maeul.consultations.models import (
    AgeGroup,
    Argument,
    Consultation,
    ConsultationPhase,
    FieldSuggestion,
    Forum,
    Process,
    age_group_of,
)
from maeul.core.permissions.base import (
    ALLOW,
    NOT_VERIFIED,
    Action,
    Decision,
    Rule,
    all_of,
    deny,
    district_staff,
    follow,
    of_kind,
    reportable,
    staff_serving,
    verified,
)
from maeul.core.permissions.roll import RollTies, opening_time, roll_age, roll_ties
from maeul.core.permissions.scope import register_rows, through
from maeul.places.models import District, Dong
from maeul.proposals.models import Proposal

register_rows(Consultation, Forum, Process, FieldSuggestion)
register_rows(Argument, row_scope=through("consultation"))

NOT_OPEN = _("This consultation is not open for answers.")
CLOSED = _("This consultation has closed.")


def audience_dongs(consultation: Consultation) -> list[int]:
    """The ids of the dongs asked (empty: the whole area), loaded once per consultation."""
    cached: list[int] | None = getattr(consultation, "_audience_ids", None)
    if cached is None:
        cached = list(consultation.audience_dongs.values_list("pk", flat=True))
        consultation._audience_ids = cached  # type: ignore[attr-defined]
    return cached


def _roll(user: Any, consultation: Consultation) -> RollTies:
    asked = audience_dongs(consultation)
    return roll_ties(
        user, lambda dong: consultation.covers_dong(dong, asked), consultation.opens_at, None
    )


def respondent_dong(user: Any, consultation: Consultation) -> Dong | None:
    """The asked dong of the person's first tie held since the opening (living first)."""
    held = sorted(
        _roll(user, consultation).held, key=lambda tie: (tie.kind != "lives", tie.dong.code)
    )
    return held[0].dong if held else None


def audience_refusal(user: Any, consultation: Consultation, now: datetime) -> str | None:
    """Why a signed-in person is not asked by `consultation`, or None when they are.

    The roll is frozen at the opening as a vote's is (`core.permissions.roll`).
    """
    if not user.is_verified:
        return str(NOT_VERIFIED)
    place = consultation.dong.name if consultation.dong is not None else consultation.district.name
    roll = _roll(user, consultation)
    if not roll.held:
        if roll.covering:
            return str(
                _(
                    "Your tie to %(place)s was added after this consultation opened "
                    "(%(time)s). Ties added after the opening do not count for it."
                )
                % {"place": place, "time": opening_time(consultation.opens_at)}
            )
        return str(
            _("Only people who live, work or study in the dongs asked may answer (%(place)s).")
            % {"place": place}
        )
    groups = consultation.audience_age_groups
    if groups:
        age = roll_age(user, consultation.opens_at, now)
        if age.age is None:
            return str(_("Add your birth year to your profile: this consultation asks some ages."))
        if age.changed_since_opening:
            return str(
                _(
                    "Your birth year changed after this consultation opened (%(time)s), so it "
                    "cannot be used for its age groups."
                )
                % {"time": opening_time(consultation.opens_at)}
            )
        if age_group_of(age.age) not in groups:
            labels = ", ".join(str(AgeGroup(group).label) for group in groups)
            return str(
                _("This consultation asks only these age groups: %(groups)s.") % {"groups": labels}
            )
    return None


def _phase_refusal(consultation: Consultation, now: datetime) -> Decision | None:
    phase = consultation.phase(now)
    if phase == ConsultationPhase.CLOSED:
        return deny(CLOSED)
    if phase != ConsultationPhase.OPEN:
        return deny(NOT_OPEN)
    return None


def _answer(user: Any, target: Model | None, now: datetime) -> Decision:
    if not isinstance(target, Consultation):
        return deny(NOT_OPEN)
    refusal = _phase_refusal(target, now)
    if refusal is not None:
        return refusal
    reason = audience_refusal(user, target, now)
    return deny(reason) if reason else ALLOW


_consultation_of = follow({Argument: "consultation", Consultation: ""})


def _argue(user: Any, target: Model | None, now: datetime) -> Decision:
    """A verified person, while the consultation is open (an argument or a reply to one)."""
    consultation = _consultation_of(target)
    if consultation is None:
        return deny(NOT_OPEN)
    if isinstance(target, Argument) and (target.is_hidden or target.parent_id is not None):
        return deny(_("You can reply only to a visible argument."))
    refusal = _phase_refusal(consultation, now)
    if refusal is not None:
        return refusal
    return verified(user, target, now)


def _support_argument(user: Any, target: Model | None, now: datetime) -> Decision:
    if not isinstance(target, Argument) or target.is_hidden:
        return deny(_("This argument cannot be supported."))
    if target.author_id == user.pk:
        return deny(_("You cannot support your own argument."))
    refusal = _phase_refusal(target.consultation, now)
    if refusal is not None:
        return refusal
    return verified(user, target, now)


_manage = staff_serving(of_kind(Consultation, Dong, District))
_moderate_argument = staff_serving(_consultation_of)


def _closed(user: Any, target: Model | None, now: datetime) -> Decision:
    if not isinstance(target, Consultation) or not target.is_closed(now):
        return deny(_("This can be published only after the consultation closes."))
    return ALLOW


# Staff who serve the consultation, once it has closed.
_after_close = all_of(_manage, _closed)


def _register_for_forum(user: Any, target: Model | None, now: datetime) -> Decision:
    """A verified person, for a published forum that has not started."""
    if not isinstance(target, Forum) or target.published_at is None:
        return deny(_("This forum does not take registrations."))
    if now >= target.starts_at:
        return deny(_("Registration has closed: the forum has started."))
    return verified(user, target, now)


_manage_forum = staff_serving(of_kind(Forum, Dong, District))


def _forum_started(user: Any, target: Model | None, now: datetime) -> Decision:
    if not isinstance(target, Forum) or now < target.starts_at:
        return deny(_("Attendance, notes and the outcome are recorded once the forum starts."))
    return ALLOW


# Staff who serve the forum, once it has started (attendance, notes, outcome).
_record_forum = all_of(_manage_forum, _forum_started)


def _workshop_ready(user: Any, target: Model | None, now: datetime) -> Decision:
    if not isinstance(target, Proposal) or not target.is_public:
        return deny(_("A workshop can be opened only on a public proposal."))
    needed = settings.MAEUL_WORKSHOP_SUPPORTS
    if target.support_count < needed:
        return deny(
            _(
                "A workshop can be opened on a proposal with at least %(needed)d supports; "
                "this one has %(count)d."
            )
            % {"needed": needed, "count": target.support_count}
        )
    return ALLOW


# 구민제안 발굴 워크숍: staff who serve a public proposal with enough 공감 (a setting).
_open_workshop = all_of(staff_serving(of_kind(Proposal)), _workshop_ready)


# 건의: staff of the dong (or district) record what they heard; the district routes it to a
# department and answers it in public, or turns it into a proposal.
_record_suggestion = staff_serving(of_kind(FieldSuggestion, Dong, District))


_answer_suggestion = district_staff(
    of_kind(FieldSuggestion), _("Only district staff route and answer suggestions.")
)


RULES: dict[Action, Rule] = {
    Action.ANSWER_CONSULTATION: _answer,
    Action.MANAGE_CONSULTATION: _manage,
    Action.PUBLISH_CONSULTATION_RESULTS: _after_close,
    Action.RESPOND_CONSULTATION: _after_close,
    Action.SUMMARISE_DEBATE: _after_close,
    Action.ARGUE: _argue,
    Action.SUPPORT_ARGUMENT: _support_argument,
    Action.REPORT_ARGUMENT: reportable(
        Argument,
        _("This argument cannot be reported."),
        _("You cannot report your own argument."),
    ),
    Action.MODERATE_ARGUMENT: _moderate_argument,
    Action.REGISTER_FOR_FORUM: _register_for_forum,
    Action.MANAGE_FORUM: _manage_forum,
    Action.RECORD_FORUM: _record_forum,
    Action.RECORD_SUGGESTION: _record_suggestion,
    Action.ANSWER_SUGGESTION: _answer_suggestion,
    # A staged process is run by the staff of its place (its district, or its dong).
    Action.MANAGE_PROCESS: staff_serving(of_kind(Process, Dong, District)),
    Action.OPEN_WORKSHOP: _open_workshop,
}
