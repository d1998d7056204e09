"""Paper batches, participations (who voted) and ballots (what was chosen): see the package
docstring for why the last two share no key."""

import unicodedata
import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from maeul.core.model_parts import actor_field, optional_link
from maeul.places.models import Dong
from maeul.voting.models.choices import Channel
from maeul.voting.models.votes import Vote


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
    created_by = actor_field()
    created_at = models.DateTimeField(_("created at"))
    confirmed_by = actor_field(blank=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("paper ballot batch")
        verbose_name_plural = _("paper ballot batches")
        ordering = ["vote", "-created_at"]
        constraints = [
            models.CheckConstraint(
                name="paper_batch_is_paper",
                condition=Q(channel__in=[Channel.ON_SITE, Channel.POSTAL]),
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
    user = actor_field(blank=True)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    dong = optional_link(Dong, _("voter's dong"), related_name="+", on_delete=models.PROTECT)
    batch = optional_link(PaperBatch, related_name="participations", on_delete=models.PROTECT)
    entered_by = actor_field(blank=True)
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


RECEIPT_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
RECEIPT_LENGTH = 14  # 12 characters in three groups of four, joined by dashes


def _grouped(code: str) -> str:
    return f"{code[:4]}-{code[4:8]}-{code[8:]}"


def new_receipt() -> str:
    """A receipt code such as `K7Q2-M9XD-4HTA`: 60 random bits, no look-alike letters."""
    raw = uuid.uuid4().int
    chars = []
    for _position in range(12):
        raw, index = divmod(raw, len(RECEIPT_ALPHABET))
        chars.append(RECEIPT_ALPHABET[index])
    return _grouped("".join(chars))


def normalise_receipt(text: str) -> str:
    """A receipt code as a person may type it, in the form `new_receipt` writes.

    Lower case, spaces, missing or extra dashes and full-width characters (a Korean input
    method) are all accepted: `k7q2 m9xd4hta` gives `K7Q2-M9XD-4HTA`. Text that cannot be
    a code comes back cleaned and at most `RECEIPT_LENGTH` long, so a look-up simply
    finds nothing.
    """
    folded = unicodedata.normalize("NFKC", text).upper()
    code = "".join(char for char in folded if char.isascii() and char.isalnum())
    if len(code) == 12:
        return _grouped(code)
    return code[:RECEIPT_LENGTH]


class Ballot(models.Model):
    """What one voter chose, with nothing about who or when (see the module docstring).

    `content` is the canonical text of the choices (`voting.ballots`), so that the profile
    for counting is one GROUP BY.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="ballots")
    content = models.TextField()
    receipt = models.CharField(
        _("receipt code"), max_length=RECEIPT_LENGTH, unique=True, default=new_receipt
    )
    # The channel and batch serve the count (unconfirmed batches wait) and are blanked by
    # it: a channel or batch of few voters would otherwise point at their ballots.
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices, blank=True)
    batch = optional_link(PaperBatch, related_name="ballots", on_delete=models.PROTECT)

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        indexes = [models.Index(fields=["vote", "content"])]

    def __str__(self) -> str:
        return self.receipt
