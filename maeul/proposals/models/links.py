"""What a proposal leads to elsewhere, and the terms it is found by."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from maeul.proposals.models.proposal import Proposal


class ProposalLink(models.Model):
    """A proposal as the origin of something later (an agenda item, a vote option …).

    Generic on purpose: later capabilities point here without this app knowing them.
    """

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="links")
    target_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    target_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_type", "target_id")
    relation = models.CharField(max_length=30, default="origin")
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("proposal link")
        verbose_name_plural = _("proposal links")
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "target_type", "target_id", "relation"],
                name="proposal_link_unique",
            ),
        ]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.proposal_id} → {self.target_type_id}:{self.target_id}"


class SearchTerm(models.Model):
    """A morpheme of a proposal's title or body (or a prefix of one), for Korean search.

    One table and plain equality look-ups give the same results on SQLite and PostgreSQL.
    """

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="search_terms")
    term = models.CharField(max_length=40)
    in_title = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["term", "proposal"], name="search_term_unique"),
        ]

    def __str__(self) -> str:
        return self.term
