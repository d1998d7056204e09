"""What a valid ballot is, and its canonical text (`Ballot.content`).

One canonical form per choice set makes counting a GROUP BY and the ballot hash stable:
- approval and budget: option ids ascending, comma-separated (`"3,7,12"`; `""` is empty);
- yes/no: `id:answer` for every item, ids ascending (`"4:yes,5:abstain"`);
- ranking: option ids in rank order joined by `>` (`"7>3>12"`).
Every check runs before anything is stored, and each refusal says what is wrong.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from maeul.core.errors import RuleViolation
from maeul.core.money import format_won
from maeul.voting.models import Answer, BallotType, Option, Vote


@dataclass(frozen=True)
class Choices:
    """A voter's raw choices: option ids (in rank order for rankings), or yes/no answers."""

    option_ids: tuple[int, ...] = ()
    answers: tuple[tuple[int, str], ...] = ()


def _refuse(message: str) -> RuleViolation:
    return RuleViolation(message, code="invalid_ballot")


def encode(vote: Vote, options: Sequence[Option], choices: Choices) -> str:
    """The canonical content of a valid ballot; raises RuleViolation for any invalid one."""
    by_id = {option.pk: option for option in options}
    if vote.ballot_type == BallotType.YES_NO:
        return _encode_answers(vote, by_id, choices.answers)
    chosen = list(choices.option_ids)
    if len(set(chosen)) != len(chosen):
        raise _refuse(_("The same option was chosen more than once."))
    if any(option_id not in by_id for option_id in chosen):
        raise _refuse(_("The ballot names an option that is not in this vote."))
    if vote.max_choices is not None and len(chosen) > vote.max_choices:
        raise _refuse(
            ngettext(
                "You may choose at most %(count)d option. You chose %(chosen)d.",
                "You may choose at most %(count)d options. You chose %(chosen)d.",
                vote.max_choices,
            )
            % {"count": vote.max_choices, "chosen": len(chosen)}
        )
    if len(chosen) < max(vote.min_choices, 1 if vote.ballot_type == BallotType.RANKING else 0):
        fewest = max(vote.min_choices, 1)
        raise _refuse(
            ngettext(
                "Choose at least %(count)d option.", "Choose at least %(count)d options.", fewest
            )
            % {"count": fewest}
        )
    if vote.ballot_type == BallotType.BUDGET and vote.budget is not None:
        total = sum(by_id[option_id].cost for option_id in chosen)
        if total > vote.budget:
            raise _refuse(
                _(
                    "The chosen projects go over the budget of %(budget)s. "
                    "Together they cost %(total)s."
                )
                % {"total": format_won(total), "budget": format_won(vote.budget)}
            )
    if vote.ballot_type == BallotType.RANKING:
        return ">".join(str(option_id) for option_id in chosen)
    return ",".join(str(option_id) for option_id in sorted(chosen))


def _encode_answers(
    vote: Vote, by_id: Mapping[int, Option], answers: Iterable[tuple[int, str]]
) -> str:
    given: dict[int, str] = {}
    for option_id, answer in answers:
        if option_id not in by_id:
            raise _refuse(_("The ballot names an item that is not in this vote."))
        if option_id in given:
            raise _refuse(_("The same item was answered more than once."))
        if answer not in Answer.values:
            raise _refuse(_("Answer each item with yes, no or abstain."))
        given[option_id] = answer
    missing = [by_id[option_id] for option_id in sorted(by_id) if option_id not in given]
    if missing:
        raise _refuse(
            _("Answer every item. Not answered: %(items)s.")
            % {"items": ", ".join(str(option.number) for option in missing)}
        )
    return ",".join(f"{option_id}:{given[option_id]}" for option_id in sorted(given))


def choice_rows(options: Sequence[Option], chosen: Choices) -> list[dict[str, Any]]:
    """Each option with what was marked on it, to show a ballot form again as it was filled."""
    ranks = {option_id: rank for rank, option_id in enumerate(chosen.option_ids, start=1)}
    answers = dict(chosen.answers)
    return [
        {
            "option": option,
            "checked": option.pk in ranks,
            "rank": ranks.get(option.pk, ""),
            "answer": answers.get(option.pk, ""),
        }
        for option in options
    ]


def decode(ballot_type: str, content: str) -> Choices:
    """The choices a canonical content holds (the inverse of `encode`)."""
    if not content:
        return Choices()
    if ballot_type == BallotType.YES_NO:
        pairs = (part.split(":", 1) for part in content.split(","))
        return Choices(answers=tuple((int(option_id), answer) for option_id, answer in pairs))
    separator = ">" if ballot_type == BallotType.RANKING else ","
    return Choices(option_ids=tuple(map(int, content.split(separator))))


def choices_from_form(vote: Vote, data: Mapping[str, object]) -> Choices:
    """Read choices from a submitted form or JSON body; unreadable values are refused.

    Form fields: `option` (repeated, approval and budget), `rank_<id>` (ranking: the rank
    number given to each option), `answer_<id>` (yes/no).
    """
    getlist = getattr(data, "getlist", None)
    if vote.ballot_type == BallotType.YES_NO:
        answers = []
        for key, value in data.items():
            if key.startswith("answer_"):
                answers.append((_as_id(key.removeprefix("answer_")), str(value)))
        return Choices(answers=tuple(answers))
    if vote.ballot_type == BallotType.RANKING:
        ranked: list[tuple[int, int]] = []
        for key, value in data.items():
            if key.startswith("rank_") and str(value).strip():
                ranked.append((_as_id(str(value)), _as_id(key.removeprefix("rank_"))))
        ranks = [rank for rank, _option in ranked]
        if len(set(ranks)) != len(ranks):
            raise _refuse(_("Two options were given the same rank."))
        if sorted(ranks) != list(range(1, len(ranks) + 1)):
            raise _refuse(_("Give ranks 1, 2, 3 … in order, without gaps."))
        return Choices(option_ids=tuple(option for _rank, option in sorted(ranked)))
    values = getlist("option") if getlist else data.get("option", [])
    if not isinstance(values, list | tuple):
        values = [values]
    return Choices(option_ids=tuple(_as_id(str(value)) for value in values))


def _as_id(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        raise _refuse(_("The ballot could not be read. Please choose again.")) from None
    if number <= 0:
        raise _refuse(_("The ballot could not be read. Please choose again."))
    return number
