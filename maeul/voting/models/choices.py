"""The fixed lists of voting: ballot types, counting rules, channels, statuses, phases, answers."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from maeul.accounts.models import TieKind


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


# The lists as templates compare with them (`{% if vote.ballot_type == BallotType.YES_NO %}`):
# every voting page that compares a value passes these in its context.
TEMPLATE_CHOICES = {
    "Answer": Answer,
    "BallotType": BallotType,
    "Channel": Channel,
    "Phase": Phase,
    "TieKind": TieKind,
    "VoteStatus": VoteStatus,
}
