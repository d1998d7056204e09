"""A vote (투표), its options (기호) and the key that links voters to ballots until the count."""

from collections.abc import Collection
from datetime import datetime
from typing import TYPE_CHECKING

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from maeul.accounts.models import TieKind
from maeul.core.model_parts import (
    PeriodQuerySet,
    actor_field,
    dong_or_whole_district,
    ends_after,
    optional_link,
    period_phase,
)
from maeul.places.models import District, Dong
from maeul.voting.models.choices import BallotType, Channel, CountingRule, Phase, VoteStatus

if TYPE_CHECKING:
    from maeul.councils.models import AgendaItem
    from maeul.proposals.models import Proposal
    from maeul.voting.models.ballots import Participation

# The fields of the settings' check constraints (see `Vote.validate_constraints`).
SETTINGS_CHECKED = (
    "opens_at",
    "closes_at",
    "max_choices",
    "min_choices",
    "ballot_type",
    "budget",
    "online",
    "on_site",
    "postal",
)


class VoteQuerySet(PeriodQuerySet["Vote"]):
    def public(self) -> "VoteQuerySet":
        """Published and counted votes, simulations too (read by their id)."""
        return self.exclude(status=VoteStatus.DRAFT)

    def listed(self) -> "VoteQuerySet":
        """The public votes that lists show: not drafts, not simulations."""
        return self.public().filter(is_simulation=False)

    def open_at(self, now: datetime) -> "VoteQuerySet":
        return self.public().in_period(Phase.OPEN, now)

    def in_phase(self, phase: str | None, now: datetime) -> "VoteQuerySet":
        """Votes in `phase` at `now` (as `Vote.phase` decides); all of them for no phase."""
        if phase in (Phase.UPCOMING, Phase.OPEN, Phase.CLOSED):
            return self.filter(status=VoteStatus.PUBLISHED).in_period(phase, now)
        if phase == Phase.COUNTED:
            return self.filter(status=VoteStatus.COUNTED)
        if phase == Phase.DRAFT:
            return self.filter(status=VoteStatus.DRAFT)
        return self


class Vote(models.Model):
    """One vote event: its scope, period, channels, eligibility, ballot type and rule."""

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="votes")
    dong = dong_or_whole_district(
        related_name="votes", help_text=_("Leave empty for a vote of the whole district.")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    ballot_type = models.CharField(
        _("ballot type"), max_length=20, choices=BallotType.choices, default=BallotType.APPROVAL
    )
    max_choices = models.PositiveSmallIntegerField(
        _("most choices"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    min_choices = models.PositiveSmallIntegerField(_("fewest choices"), default=0)
    budget = models.PositiveBigIntegerField(
        _("budget (won)"), null=True, blank=True, help_text=_("The money the vote spends.")
    )
    rule = models.CharField(
        _("counting rule"), max_length=20, choices=CountingRule.choices, default=CountingRule.GREEDY
    )
    quorum = models.PositiveIntegerField(
        _("quorum (ballots)"),
        default=0,
        help_text=_("Yes/no items pass only when at least this many ballots were cast."),
    )
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    online = models.BooleanField(_("online ballots"), default=True)
    on_site = models.BooleanField(_("on-site ballots"), default=False)
    postal = models.BooleanField(_("postal ballots"), default=False)
    allow_lives = models.BooleanField(_("people who live there may vote"), default=True)
    allow_works = models.BooleanField(_("people who work there may vote"), default=True)
    allow_studies = models.BooleanField(_("people who study there may vote"), default=True)
    min_age = models.PositiveSmallIntegerField(_("minimum age"), default=14)
    require_verified = models.BooleanField(_("verified accounts only"), default=True)
    confirmed_ties_only = models.BooleanField(
        _("ties confirmed at the dong office only"),
        default=False,
        help_text=_(
            "For resident assemblies: only ties that dong staff have checked in person count."
        ),
    )
    allow_change = models.BooleanField(
        _("voters may change their online ballot until the close"), default=False
    )
    on_site_replaces_online = models.BooleanField(
        _("an on-site ballot replaces an online one"), default=False
    )
    status = models.CharField(
        _("status"), max_length=20, choices=VoteStatus.choices, default=VoteStatus.DRAFT
    )
    is_simulation = models.BooleanField(
        _("simulation"),
        default=False,
        help_text=_("Imported from a pabulib file to try counting rules; not a real vote."),
    )
    created_by = actor_field()
    created_at = models.DateTimeField(_("created at"))

    objects = VoteQuerySet.as_manager()

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        ordering = ["-opens_at", "-id"]
        constraints = [
            ends_after("opens_at", "closes_at", name="vote_closes_after_opening"),
            models.CheckConstraint(
                name="vote_min_not_above_max",
                condition=Q(max_choices__isnull=True) | Q(min_choices__lte=F("max_choices")),
            ),
            models.CheckConstraint(
                name="vote_budget_type_has_budget",
                condition=~Q(ballot_type=BallotType.BUDGET) | Q(budget__isnull=False),
            ),
            models.CheckConstraint(
                name="vote_has_a_channel",
                condition=Q(online=True) | Q(on_site=True) | Q(postal=True),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("voting:detail", kwargs={"pk": self.pk})

    def validate_constraints(self, exclude: Collection[str] | None = None) -> None:
        """Leave the settings' check constraints to `services.setup.check_settings`.

        They are the database's last word; the service explains each one beside the field
        it is about, so a settings form must not refuse them first in the words of the
        constraint's name.
        """
        super().validate_constraints(exclude={*(exclude or ()), *SETTINGS_CHECKED})

    def phase(self, now: datetime) -> Phase:
        if self.status == VoteStatus.DRAFT:
            return Phase.DRAFT
        if self.status == VoteStatus.COUNTED:
            return Phase.COUNTED
        return Phase(period_phase(self.opens_at, self.closes_at, now))

    def is_open(self, now: datetime) -> bool:
        return self.phase(now) == Phase.OPEN

    def allows_channel(self, channel: str) -> bool:
        return bool(getattr(self, channel, False))

    @property
    def channels(self) -> list[Channel]:
        return [channel for channel in Channel if self.allows_channel(channel)]

    @property
    def allowed_ties(self) -> list[str]:
        ties = (
            (TieKind.LIVES, self.allow_lives),
            (TieKind.WORKS, self.allow_works),
            (TieKind.STUDIES, self.allow_studies),
        )
        return [kind for kind, allowed in ties if allowed]

    @property
    def spends_budget(self) -> bool:
        """A participatory budget: options cost money and a rule picks the winners."""
        return (
            self.ballot_type in (BallotType.APPROVAL, BallotType.BUDGET) and self.budget is not None
        )

    def covers_dong(self, dong: Dong) -> bool:
        return dong.pk == self.dong_id if self.dong_id else dong.district_id == self.district_id

    def may_replace(self, previous_channel: str, channel: str) -> bool:
        """May a ballot of `channel` replace this person's earlier ballot of `previous_channel`?

        Online, only where voters may change their ballot; on site, only where the vote lets
        the assembly-day ballot replace an online one. Every other second ballot is refused.
        """
        if channel == Channel.ONLINE:
            return self.allow_change and previous_channel == Channel.ONLINE
        if channel == Channel.ON_SITE:
            return self.on_site_replaces_online and previous_channel == Channel.ONLINE
        return False

    def may_change_ballot(self, participation: "Participation | None") -> bool:
        """May the person who has this participation cast a new online ballot?"""
        return participation is not None and self.may_replace(participation.channel, Channel.ONLINE)


class Option(models.Model):
    """A project or agenda item on the ballot, with its ballot number (기호)."""

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="options")
    number = models.PositiveSmallIntegerField(_("ballot number"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    cost = models.PositiveBigIntegerField(_("cost (won)"), default=0)
    dong = dong_or_whole_district()
    category = models.CharField(_("category"), max_length=30, blank=True)
    proposer = models.CharField(_("proposer"), max_length=100, blank=True)
    image = models.ImageField(_("image"), upload_to="votes/options/", blank=True)
    proposal: "models.ForeignKey[Proposal | None, Proposal | None]" = optional_link(
        "proposals.Proposal", _("origin proposal"), related_name="vote_options"
    )
    agenda_item: "models.ForeignKey[AgendaItem | None, AgendaItem | None]" = optional_link(
        "councils.AgendaItem",
        _("agenda item"),
        related_name="vote_options",
        help_text=_("On an assembly's vote: the agenda item this option decides."),
    )

    class Meta:
        verbose_name = _("option")
        verbose_name_plural = _("options")
        ordering = ["vote", "number"]
        constraints = [
            models.UniqueConstraint(fields=["vote", "number"], name="option_number_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class VoteKey(models.Model):
    """The secret that links a participation to its ballot while the vote is open.

    Only a salt is stored; the key is derived from it and the site's data key, so a copy
    of the database alone opens no link. Counting deletes this row.
    """

    vote = models.OneToOneField(Vote, on_delete=models.CASCADE, related_name="key")
    salt = models.BinaryField(max_length=32)

    class Meta:
        verbose_name = _("vote key")
        verbose_name_plural = _("vote keys")

    def __str__(self) -> str:
        return f"VoteKey #{self.vote_id}"
