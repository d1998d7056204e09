"""Parts that many models declare alike, written once.

Each part builds exactly the field or query that its models wrote out by hand before, so
using a part changes no column, constraint or migration (`makemigrations --check` agrees).
"""

import operator
from collections.abc import Callable
from datetime import datetime
from functools import reduce
from typing import TYPE_CHECKING, Final, Self, TypeVar

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

    from maeul.accounts.models import User
    from maeul.places.models import Dong

_Row = TypeVar("_Row", bound=models.Model)

# Where a moment stands in a period; each app's phase choices use these values.
UPCOMING: Final = "upcoming"
OPEN: Final = "open"
CLOSED: Final = "closed"


def actor_field(*, blank: bool = False) -> "models.ForeignKey[User | None, User | None]":
    """The account that did something to a row: created, entered, approved or closed it.

    The row outlives the account: deleting the account empties the reference
    (`SET_NULL`). No account lists the rows it touched (`related_name="+"`). `blank` lets
    a form leave it empty (a row that nobody has approved yet).
    """
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=blank,
        on_delete=models.SET_NULL,
        related_name="+",
    )


def optional_link(
    to: "type[_Row] | str",
    verbose_name: "str | _StrPromise | None" = None,
    *,
    related_name: str | None = None,
    help_text: "str | _StrPromise" = "",
    on_delete: Callable[..., None] = models.SET_NULL,
    one_to_one: bool = False,
) -> "models.ForeignKey[_Row | None, _Row | None]":
    """A link a row may go without (`null`, and `blank` in forms), to one `to` row.

    Deleting the target empties the link (`SET_NULL`) unless `on_delete` says otherwise.
    `one_to_one`: the target has at most one such row (a `OneToOneField`, a kind of
    `ForeignKey`). A model named by its label ("voting.Vote", "self") gives its type in
    the field's annotation.
    """
    field = models.OneToOneField if one_to_one else models.ForeignKey
    return field(
        to,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=on_delete,
        related_name=related_name,
        help_text=help_text,
    )


def dong_or_whole_district(
    *, related_name: str = "+", help_text: "str | _StrPromise" = ""
) -> "models.ForeignKey[Dong | None, Dong | None]":
    """The dong a row of a district is about, or empty when it is about the whole district.

    A dong with such rows is never deleted (`PROTECT`).
    """
    return models.ForeignKey(
        "places.Dong",
        verbose_name=_("dong"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name=related_name,
        help_text=help_text,
    )


class PublishedQuerySet(models.QuerySet[_Row]):
    """Rows staff publish by stamping `published_at`; until then only staff see them."""

    def public(self) -> Self:
        """The published rows: what anyone may read (and search may index)."""
        return self.filter(published_at__isnull=False)


class PeriodQuerySet(models.QuerySet[_Row]):
    """Rows open for a period, from `opens_at` until (not at) `closes_at`."""

    def in_period(self, phase: str | None, now: datetime) -> Self:
        """The rows in `phase` (`UPCOMING`, `OPEN` or `CLOSED`) at `now`; all of them for
        any other phase or none."""
        if phase not in (UPCOMING, OPEN, CLOSED):
            return self
        return self.filter(period_is(phase, now))


class ReportedQuerySet(models.QuerySet[_Row]):
    """Rows residents wrote that staff moderate (see `core.moderation`)."""

    def reported(self) -> Self:
        """Visible rows with a report not yet dealt with: the moderation queue."""
        return self.filter(reports__resolved_at__isnull=True, hidden_at__isnull=True).distinct()


class Report(models.Model):
    """A person's report (신고) of something written; open reports make the moderation queue.

    Each kind of report adds its `ForeignKey` to the reported row (`related_name="reports"`)
    and the constraint that a person reports a row once (see `core.moderation`).
    """

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=300)
    created_at = models.DateTimeField()
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True


def ends_after(start: str, end: str, *, name: str, or_same: bool = False) -> models.CheckConstraint:
    """A period's `end` comes after its `start` (`or_same`: or on it, for days).

    The database refuses a row whose period runs backwards, whichever code wrote it.
    """
    lookup = "gte" if or_same else "gt"
    return models.CheckConstraint(name=name, condition=Q(**{f"{end}__{lookup}": F(start)}))


def links_exactly_one(*links: str, name: str) -> models.CheckConstraint:
    """The row links to exactly one of `links`: that one is set and every other one is empty."""
    return models.CheckConstraint(
        name=name,
        condition=reduce(
            operator.or_,
            (
                Q(**{f"{link}__isnull": False}, **{other: None for other in links if other != link})
                for link in links
            ),
        ),
    )


def period_phase(opens_at: datetime, closes_at: datetime, now: datetime) -> str:
    """Where `now` stands in a period open from `opens_at` until (not at) `closes_at`:
    `UPCOMING`, `OPEN` or `CLOSED`."""
    if now < opens_at:
        return UPCOMING
    if now < closes_at:
        return OPEN
    return CLOSED


def period_is(phase: str, now: datetime) -> Q:
    """The rows whose period, from `opens_at` until (not at) `closes_at`, is in `phase`
    (`UPCOMING`, `OPEN` or `CLOSED`) at `now`, as `period_phase` decides it for one row."""
    if phase == UPCOMING:
        return Q(opens_at__gt=now)
    if phase == OPEN:
        return Q(opens_at__lte=now, closes_at__gt=now)
    return Q(closes_at__lte=now)
