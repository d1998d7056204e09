"""Parts that many models declare alike, written once.

Each part builds exactly the field or query that its models wrote out by hand before, so
using a part changes no column, constraint or migration (`makemigrations --check` agrees).
"""

from typing import TYPE_CHECKING, Any, TypeVar

from django.conf import settings
from django.db import models

if TYPE_CHECKING:
    from maeul.accounts.models import User

_Row = TypeVar("_Row", bound=models.Model)


def actor_field(*, blank: bool = False) -> "models.ForeignKey[User | None, User | None]":
    """The account that did something to a row: created, entered, approved or closed it.

    The row outlives the account: deleting the account empties the reference
    (`SET_NULL`). No account lists the rows it touched (`related_name="+"`). `blank` lets
    a form leave it empty (a row that nobody has approved yet).
    """
    options: dict[str, Any] = {"blank": True} if blank else {}
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        **options,
    )


class PublishedQuerySet(models.QuerySet[_Row]):
    """Rows staff publish by stamping `published_at`; until then only staff see them."""

    def public(self) -> "PublishedQuerySet[_Row]":
        """The published rows: what anyone may read (and search may index)."""
        return self.filter(published_at__isnull=False)
