"""Votes (투표): participatory budgets, district votes and assembly agenda votes.

Who voted (`Participation`) and what they chose (`Ballot`) are two tables with no key in
common: a ballot has no voter, no timestamp and a random primary key, so neither a join
nor the ids link a person to a choice. While a vote is open, the participation row keeps
the id of its ballot encrypted with a key of the vote (`VoteKey`), so that a voter may
replace their ballot and a retried submission finds its receipt; counting destroys the
key and rewrites the ballots in random order (services/secrecy.py), since until then the
order of rows in storage pairs them. See docs/voting.md.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from maeul.core.disclosure import suppress_small
from maeul.places.models import District, Dong


class BallotType(models.TextChoices):
    APPROVAL = "approval", _("Choose up to k options")
    BUDGET = "budget", _("Choose options within the budget")
    YES_NO = "yes_no", _("Yes, no or abstain on each item")
    RANKING = "ranking", _("Rank up to k options")


class CountingRule(models.TextChoices):
    GREEDY = "greedy", _("Most votes first, within the budget (greedy)")
    MES = "mes", _("Method of Equal Shares")
    MES_ADD1 = "mes-add1", _("Method of Equal Shares with add-one completion")


class Channel(models.TextChoices):
    ONLINE = "online", _("Online")
    ON_SITE = "on_site", _("On-site ballot")
    POSTAL = "postal", _("Unattended postal ballot")


PAPER_CHANNELS = (Channel.ON_SITE, Channel.POSTAL)


class VoteStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    COUNTED = "counted", _("Counted")


class Phase(models.TextChoices):
    """Where a vote stands at a moment; the opening and closing times decide, not staff."""

    DRAFT = "draft", _("Draft")
    UPCOMING = "upcoming", _("Not open yet")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed, being counted")
    COUNTED = "counted", _("Result published")


class Answer(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    ABSTAIN = "abstain", _("Abstain")


class VoteQuerySet(models.QuerySet["Vote"]):
    def public(self) -> "VoteQuerySet":
        return self.exclude(status=VoteStatus.DRAFT)

    def open_at(self, now: datetime) -> "VoteQuerySet":
        return self.public().filter(opens_at__lte=now, closes_at__gt=now)


class Vote(models.Model):
    """One vote event: its scope, period, channels, eligibility, ballot type and rule."""

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="votes")
    dong = models.ForeignKey(
        Dong,
        verbose_name=_("dong"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="votes",
        help_text=_("Leave empty for a vote of the whole district."),
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
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"))

    objects = VoteQuerySet.as_manager()

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        ordering = ["-opens_at", "-id"]
        constraints = [
            models.CheckConstraint(
                name="vote_closes_after_opening", condition=Q(closes_at__gt=F("opens_at"))
            ),
            models.CheckConstraint(
                name="vote_min_not_above_max",
                condition=Q(max_choices__isnull=True) | Q(min_choices__lte=F("max_choices")),
            ),
            models.CheckConstraint(
                name="vote_budget_type_has_budget",
                condition=~Q(ballot_type="budget") | Q(budget__isnull=False),
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

    def phase(self, now: datetime) -> Phase:
        if self.status == VoteStatus.DRAFT:
            return Phase.DRAFT
        if self.status == VoteStatus.COUNTED:
            return Phase.COUNTED
        if now < self.opens_at:
            return Phase.UPCOMING
        if now < self.closes_at:
            return Phase.OPEN
        return Phase.CLOSED

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
            ("lives", self.allow_lives),
            ("works", self.allow_works),
            ("studies", self.allow_studies),
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
    dong = models.ForeignKey(
        Dong,
        verbose_name=_("dong"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    category = models.CharField(_("category"), max_length=30, blank=True)
    proposer = models.CharField(_("proposer"), max_length=100, blank=True)
    image = models.ImageField(_("image"), upload_to="votes/options/", blank=True)
    proposal = models.ForeignKey(
        "proposals.Proposal",
        verbose_name=_("origin proposal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="vote_options",
    )
    agenda_item = models.ForeignKey(
        "councils.AgendaItem",
        verbose_name=_("agenda item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
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


class PaperBatch(models.Model):
    """A batch of paper ballots (one ballot box, one sitting of entry, one uploaded file).

    Its ballots are counted only after a second look confirms the batch.
    """

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="paper_batches")
    dong = models.ForeignKey(
        Dong, verbose_name=_("dong"), on_delete=models.PROTECT, related_name="+"
    )
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    label = models.CharField(_("label"), max_length=100)
    source_name = models.CharField(_("uploaded file"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"))
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("paper ballot batch")
        verbose_name_plural = _("paper ballot batches")
        ordering = ["vote", "-created_at"]
        constraints = [
            models.CheckConstraint(
                name="paper_batch_is_paper", condition=Q(channel__in=["on_site", "postal"])
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class ParticipationQuerySet(models.QuerySet["Participation"]):
    def matching(self, vote: "Vote", keys: dict[str, str | None]) -> "ParticipationQuerySet":
        """Participations in `vote` that share any of the person's keys (see `identity`)."""
        match = Q()
        for field, value in keys.items():
            if value:
                match |= Q(**{field: value})
        return self.filter(vote=vote).filter(match) if match else self.none()


class Participation(models.Model):
    """That a person voted, by which channel and when; never what they chose.

    A person is known by up to three keys, each a keyed hash specific to the vote (see
    `voting.identity`): their account, their phone number, and their name, birth date and
    dong as an identity card shows them. Each key is unique within a vote, so whichever
    identifier staff type, and whichever channel came first, an earlier ballot is found.
    """

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="participations")
    # NULL, not "", for an unknown key: each unique constraint must allow many of them.
    account_key = models.CharField(max_length=64, null=True, blank=True)  # noqa: DJ001
    phone_key = models.CharField(max_length=64, null=True, blank=True)  # noqa: DJ001
    person_key = models.CharField(max_length=64, null=True, blank=True)  # noqa: DJ001
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    dong = models.ForeignKey(
        Dong,
        verbose_name=_("voter's dong"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    batch = models.ForeignKey(
        PaperBatch, null=True, blank=True, on_delete=models.PROTECT, related_name="participations"
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # To the microsecond while the vote is open; the day only once it is counted.
    created_at = models.DateTimeField(_("voted at"))
    ballot_link = models.TextField(blank=True, editable=False)
    idempotency_key = models.CharField(max_length=64, blank=True, editable=False)

    objects = ParticipationQuerySet.as_manager()

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            models.UniqueConstraint(
                fields=["vote", key],
                condition=Q(**{f"{key}__isnull": False}),
                name=f"participation_one_per_{key}",
            )
            for key in ("account_key", "phone_key", "person_key")
        ]
        indexes = [models.Index(fields=["vote", "channel"])]

    def __str__(self) -> str:
        return f"Participation #{self.pk}"

    @property
    def keys(self) -> dict[str, str | None]:
        return {
            "account_key": self.account_key,
            "phone_key": self.phone_key,
            "person_key": self.person_key,
        }


def new_receipt() -> str:
    """A receipt code such as `K7Q2-M9XD-4HTA`: 60 random bits, no look-alike letters."""
    alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
    raw = uuid.uuid4().int
    chars = []
    for _position in range(12):
        raw, index = divmod(raw, len(alphabet))
        chars.append(alphabet[index])
    code = "".join(chars)
    return f"{code[:4]}-{code[4:8]}-{code[8:]}"


class Ballot(models.Model):
    """What one voter chose, with nothing about who or when (see the module docstring).

    `content` is the canonical text of the choices (`voting.ballots`), so that the profile
    for counting is one GROUP BY.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="ballots")
    content = models.TextField()
    receipt = models.CharField(_("receipt code"), max_length=14, unique=True, default=new_receipt)
    # The channel and batch serve the count (unconfirmed batches wait) and are blanked by
    # it: a channel or batch of few voters would otherwise point at their ballots.
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices, blank=True)
    batch = models.ForeignKey(
        PaperBatch, null=True, blank=True, on_delete=models.PROTECT, related_name="ballots"
    )

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        indexes = [models.Index(fields=["vote", "content"])]

    def __str__(self) -> str:
        return self.receipt


class VoteResult(models.Model):
    """The count frozen at the close: the tallies, the winners and a hash of the ballot set."""

    vote = models.OneToOneField(Vote, on_delete=models.CASCADE, related_name="result")
    counted_at = models.DateTimeField(_("counted at"))
    counted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
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
