"""The registry of searchable kinds: each app registers its public rows once, in its own
`search.py` (found by `SearchConfig.ready`), and the index follows every save and delete.

A `Source` names the kind, the app's own query for what the public may see (`public`, the
same QuerySet its pages use, so no visibility rule is written twice), how one row reads as a
document (`entry`) and which other models change that (`related`: a plan's status decides
whether its projects are public). The index keeps itself in step through model signals
(`connect`): it is a copy of public text, not a business effect, and every path that saves a
row (services, admin, `load_demo`, the shell) must keep it; a bulk `update()` that bypasses
them is healed by the check of every shown hit against `public` and by `reindex_search`.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Model, QuerySet
from django.db.models.signals import post_delete, post_save
from django.utils.functional import Promise

from maeul.core.dates import seoul_year


@dataclass(frozen=True)
class Entry:
    """What one public row shows in search: its text, place, year and address."""

    title: str
    body: str
    url: str
    updated: datetime | None = None  # the row's own date, for recency (None: undated)
    district_id: int | None = None
    dong_id: int | None = None
    year: int | None = None

    @classmethod
    def of(
        cls,
        row: Any,
        *texts: str | None,
        when: datetime | None = None,
        year: int | None = None,
        title: str | None = None,
        url: str | None = None,
        place: Any = None,
    ) -> "Entry":
        """The entry of `row`: its `texts` (the body, one a line, empty ones left out) and
        its own date `when`, with what every row gives alike taken from the row: its title,
        its address (`get_absolute_url()`), its district and dong (those of `place`, when
        another row says where it is) and its year (the Seoul year of `when`). A source
        passes only what differs: `title`, `url` or `year` when its row keeps them otherwise.
        """
        where = row if place is None else place
        if year is None and when is not None:
            year = seoul_year(when)
        return cls(
            title=row.title if title is None else title,
            body="\n".join(filter(None, texts)),
            url=row.get_absolute_url() if url is None else url,
            updated=when,
            district_id=where.district_id,
            dong_id=where.dong_id,
            year=year,
        )


@dataclass(frozen=True)
class Source:
    """One searchable kind (`proposal`, `project`, ...)."""

    kind: str
    label: Promise  # the kind as a reader calls it, plural ("Proposals")
    model: type[Model]
    public: Callable[[], QuerySet[Any]]
    entry: Callable[[Any], Entry]
    # Another model whose change alters rows of this kind -> the ids of those rows.
    related: dict[type[Model], Callable[[Any], Iterable[int]]] = field(default_factory=dict)
    order: int = 100  # place among the kinds on the page

    def public_rows(self, ids: Iterable[int]) -> QuerySet[Any]:
        return self.public().filter(pk__in=list(ids))


_SOURCES: dict[str, Source] = {}


def register(source: Source) -> Source:
    """Add a kind to the search and keep its documents in step with its rows."""
    _SOURCES[source.kind] = source
    connect(source)
    return source


def sources() -> list[Source]:
    """Every registered kind, in page order."""
    return sorted(_SOURCES.values(), key=lambda s: (s.order, s.kind))


def source_of(kind: str) -> Source | None:
    return _SOURCES.get(kind)


def connect(source: Source) -> None:
    def saved(sender: type[Model], instance: Model, raw: bool = False, **kwargs: Any) -> None:
        if not raw:  # fixtures load rows before the rows they refer to
            _sync(source, [instance.pk])

    def deleted(sender: type[Model], instance: Model, **kwargs: Any) -> None:
        _sync(source, [instance.pk])

    post_save.connect(saved, sender=source.model, weak=False, dispatch_uid=f"search-{source.kind}")
    post_delete.connect(
        deleted, sender=source.model, weak=False, dispatch_uid=f"search-{source.kind}-delete"
    )
    for model, ids_of in source.related.items():

        def related_saved(
            sender: type[Model],
            instance: Model,
            raw: bool = False,
            ids_of: Callable[[Any], Iterable[int]] = ids_of,
            **kwargs: Any,
        ) -> None:
            if not raw:
                _sync(source, list(ids_of(instance)))

        post_save.connect(
            related_saved,
            sender=model,
            weak=False,
            dispatch_uid=f"search-{source.kind}-{model._meta.label}",
        )


def _sync(source: Source, ids: list[int]) -> None:
    from maeul.search.index import sync

    sync(source, ids)
