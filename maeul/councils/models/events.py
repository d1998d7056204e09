"""Council events: the policy sharing session (정책공유회), the general assembly (주민총회) and
the results sharing session (성과공유회), each public from its announcement (공고)."""

from datetime import date, datetime, timedelta

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maeul.core.model_parts import optional_link
from maeul.councils.models.agenda import AgendaItem, AgendaStatus
from maeul.councils.models.councils import Council
from maeul.voting.models import Vote, VoteStatus


class EventKind(models.TextChoices):
    POLICY_SHARING = "policy_sharing", _("Policy sharing session")
    ASSEMBLY = "assembly", _("General assembly")
    RESULTS_SHARING = "results_sharing", _("Results sharing session")


class CouncilEventQuerySet(models.QuerySet["CouncilEvent"]):
    def upcoming(self, now: datetime) -> "CouncilEventQuerySet":
        """Events that have not started yet, soonest first.

        Whether residents may see one yet depends on its own announcement day
        (`announced_on`): check `is_announced` on each row.
        """
        return self.filter(starts_at__gte=now).order_by("starts_at", "pk")


class CouncilEvent(models.Model):
    """정책공유회, 주민총회 or 성과공유회: date, place, online link, the announcement (공고)."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    place = models.CharField(_("place"), max_length=200)
    online_link = models.URLField(_("online link"), blank=True)
    announce_days = models.PositiveSmallIntegerField(
        _("days of announcement"),
        default=14,
        help_text=_("The announcement (공고) is public this many days before the event."),
    )
    agenda_items = models.ManyToManyField(
        AgendaItem, verbose_name=_("agenda"), blank=True, related_name="events"
    )
    vote = optional_link(Vote, _("vote"), related_name="assembly", one_to_one=True)
    attendance_on_site = models.PositiveIntegerField(_("people present"), default=0)
    attendance_online = models.PositiveIntegerField(_("people online"), default=0)
    minutes = models.TextField(_("minutes"), blank=True)
    minutes_html = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(_("created at"))

    objects = CouncilEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("council event")
        verbose_name_plural = _("council events")
        ordering = ["council", "-starts_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "year"],
                condition=Q(kind=EventKind.ASSEMBLY),
                name="one_assembly_a_year",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("councils:event", kwargs={"pk": self.pk})

    @property
    def is_assembly(self) -> bool:
        return self.kind == EventKind.ASSEMBLY

    def announced_on(self) -> date:
        """The day the announcement (공고) goes public, by the Seoul calendar."""
        return timezone.localdate(self.starts_at) - timedelta(days=self.announce_days)

    def is_announced(self, now: datetime) -> bool:
        """Is the event public? From its announcement day (공고일) on, by the Seoul calendar."""
        return timezone.localdate(now) >= self.announced_on()

    @property
    def public_vote(self) -> Vote | None:
        """The assembly's vote once it is published (a draft is staff's business)."""
        vote = self.vote
        return vote if vote is not None and vote.status != VoteStatus.DRAFT else None

    def is_result_applied(self) -> bool:
        """No agenda item is waiting on the assembly any more."""
        return not self.agenda_items.filter(status=AgendaStatus.ON_ASSEMBLY).exists()
