"""The frozen result of a counted vote, read through typed accessors.

`VoteResult` keeps the count as JSON (the figures differ by ballot type); nothing outside
this module reads that JSON: the result page, the API, the ballot file and the councils'
assembly outcome ask `option_results()`, `standings()` and `public_turnout()`.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from maeul.core.disclosure import suppress_small
from maeul.core.model_parts import actor_field
from maeul.voting.models.choices import BallotType
from maeul.voting.models.votes import Option, Vote


class VoteResult(models.Model):
    """The count frozen at the close: the tallies, the winners and a hash of the ballot set."""

    vote = models.OneToOneField(Vote, on_delete=models.CASCADE, related_name="result")
    counted_at = models.DateTimeField(_("counted at"))
    counted_by = actor_field()
    rule = models.CharField(_("counting rule"), max_length=20)
    ballot_count = models.PositiveIntegerField(_("ballots"))
    ballots_hash = models.CharField(_("hash of the ballots"), max_length=64)
    tie_seed = models.CharField(_("lottery seed for ties"), max_length=64, blank=True)
    selected = models.JSONField(_("selected options"), default=list)
    tallies = models.JSONField(default=dict)
    turnout = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("vote result")
        verbose_name_plural = _("vote results")

    def __str__(self) -> str:
        return f"{self.vote} ({self.ballot_count})"

    def option_results(self, options: Iterable[Option] | None = None) -> list["OptionResult"]:
        """Each option's figures, by ballot number (or in the order of `options` given)."""
        if options is None:
            options = self.vote.options.order_by("number")
        selected = set(self.selected)
        return [self._option_result(option, option.pk in selected) for option in options]

    def standings(self, options: Iterable[Option] | None = None) -> list["OptionResult"]:
        """The options as the result page lists them: most votes (approval, budget) or points
        (ranking) first, ties by ballot number; yes/no items by ballot number."""
        rows = self.option_results(options)
        if self.vote.ballot_type == BallotType.YES_NO:
            return sorted(rows, key=lambda row: row.option.number)
        return sorted(rows, key=lambda row: (-row.score, row.option.number))

    def _option_result(self, option: Option, selected: bool) -> "OptionResult":
        figures: dict[str, Any] = (self.tallies or {}).get(str(option.pk), {})
        if self.vote.ballot_type == BallotType.YES_NO:
            return OptionResult(
                option=option,
                yes=int(figures.get("yes", 0)),
                no=int(figures.get("no", 0)),
                abstain=int(figures.get("abstain", 0)),
                passed=bool(figures.get("passed", False)),
                quorum_met=bool(figures.get("quorum_met", False)),
            )
        if self.vote.ballot_type == BallotType.RANKING:
            return OptionResult(
                option=option,
                first=int(figures.get("first", 0)),
                points=int(figures.get("points", 0)),
            )
        return OptionResult(option=option, selected=selected, votes=int(figures.get("votes", 0)))

    def public_turnout(self) -> "PublicTurnout":
        """Turnout as the public may see it: by channel, and by dong with small groups hidden."""
        turnout = self.turnout or {}
        return PublicTurnout(
            by_channel=sorted(turnout.get("by_channel", {}).items()),
            by_dong=suppress_small(turnout.get("by_dong", {})),
            total=turnout.get("total", 0),
        )


@dataclass(frozen=True)
class PublicTurnout:
    by_channel: list[tuple[str, int]]
    by_dong: list[tuple[str, int | None]]  # None: fewer than five people, not published
    total: int


@dataclass(frozen=True)
class OptionResult:
    """One option of a counted vote with the figures of its ballot type (None: not counted
    for this type): votes (approval, budget), yes/no/abstain with passed and quorum_met
    (yes/no), first choices and Borda points (ranking). `selected`: within the budget."""

    option: Option
    selected: bool = False
    votes: int | None = None
    yes: int | None = None
    no: int | None = None
    abstain: int | None = None
    passed: bool | None = None
    quorum_met: bool | None = None
    first: int | None = None
    points: int | None = None

    @property
    def score(self) -> int:
        """The figure the option is ranked and charted by: votes, points, or yes answers."""
        for figure in (self.votes, self.points, self.yes):
            if figure is not None:
                return figure
        return 0

    def figures(self) -> dict[str, int | bool]:
        """The figures this ballot type counts, by name (with the cost beside the votes)."""
        names = ("votes", "yes", "no", "abstain", "passed", "quorum_met", "first", "points")
        counted: dict[str, int | bool] = {
            name: value for name in names if (value := getattr(self, name)) is not None
        }
        if self.votes is not None:
            counted["cost"] = self.option.cost
        return counted
