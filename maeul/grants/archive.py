"""The grants archive (공모사업 DB) and its statistics: every published call and the public
parts of every handed-in application, searchable and filterable, and the figures per
programme, dong and year.

Public parts of an application: title, group name, dong, programme, year, amount asked and
status. Never the contact, the members, the files, the description or a draft; a withdrawn
application is left out (the group took it back).

Search uses the terms stored at each save (`ApplicationTerm`, cut by the same Korean
analyser as duplicate detection), so "텃밭을 가꾸는" finds "텃밭 가꾸기"; every term of the
query must be present. A query made only of words every application uses (마을, 주민 …)
falls back to the title and the group's name containing it.

`statistics` is the ONE function behind the statistics page, the API and the staff file.
"Granted" is the amount of the selected applications until the decision records its own
amount.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from maeul.core.narrowing import narrowed
from maeul.core.query import as_params
from maeul.core.subqueries import count_of_each
from maeul.grants.duplicates import term_counts
from maeul.grants.models import (
    HANDED_IN,
    Application,
    ApplicationStatus,
    ApplicationTerm,
    GrantCall,
    Programme,
)
from maeul.places.models import Dong

MAX_QUERY = 100
MAX_TERMS = 8
YEAR_RANGE = range(1990, 2101)


@dataclass(frozen=True)
class ArchiveFilter:
    """What a reader asked for; values not understood are dropped with a message."""

    programme: str = ""
    dong: str = ""
    year: int | None = None
    status: str = ""
    q: str = ""
    problems: tuple[str, ...] = field(default=())

    def as_query(self) -> dict[str, str]:
        """The understood filters as query parameters (for pages and links)."""
        return as_params(
            {
                "programme": self.programme,
                "dong": self.dong,
                "year": self.year,
                "status": self.status,
                "q": self.q,
            }
        )


def parse_filter(params: Mapping[str, Any]) -> ArchiveFilter:
    """Read `programme`, `dong` (administrative code), `year`, `status` and `q`. A value
    that is not understood is ignored and named in `problems` (in Korean for a Korean
    reader); nothing ever fails."""
    problems: list[str] = []

    def text(name: str) -> str:
        value = params.get(name) or ""
        return value.strip() if isinstance(value, str) else ""

    programme = text("programme")
    if programme and programme not in Programme.values:
        problems.append(_("The programme was not understood and is ignored."))
        programme = ""
    status = text("status")
    if status and status not in HANDED_IN:
        problems.append(_("The status was not understood and is ignored."))
        status = ""
    year: int | None = None
    raw_year = text("year")
    if raw_year:
        if raw_year.isdigit() and int(raw_year) in YEAR_RANGE:
            year = int(raw_year)
        else:
            problems.append(_("The year must be four digits, such as 2020; it is ignored."))
    dong = text("dong")
    if dong and not Dong.objects.filter(code=dong).exists():
        problems.append(_("The dong was not understood and is ignored."))
        dong = ""
    return ArchiveFilter(
        programme=programme,
        dong=dong,
        year=year,
        status=status,
        q=text("q")[:MAX_QUERY],
        problems=tuple(problems),
    )


def public_applications() -> QuerySet[Application]:
    """Handed-in applications to published calls, with what their public parts need."""
    return Application.objects.filter(
        status__in=HANDED_IN, call__published_at__isnull=False
    ).select_related("call", "group", "dong", "settlement")


def search_terms(query: str) -> list[str]:
    """The query's content terms as stored for applications (at most `MAX_TERMS`)."""
    return list(term_counts(query, ""))[:MAX_TERMS]


def archive(wanted: ArchiveFilter) -> QuerySet[Application]:
    """The archive's applications for `wanted`: newest year first."""
    rows = narrowed(
        public_applications(),
        call__programme=wanted.programme,
        dong__code=wanted.dong,
        call__year=wanted.year,
        status=wanted.status,
    )
    if wanted.q:
        terms = search_terms(wanted.q)
        if terms:
            for term in terms:
                rows = rows.filter(
                    pk__in=ApplicationTerm.objects.filter(term=term).values("application_id")
                )
        else:
            rows = rows.filter(Q(title__icontains=wanted.q) | Q(group__name__icontains=wanted.q))
    return rows.order_by("-call__year", "-submitted_at", "-pk")


def archive_calls(wanted: ArchiveFilter) -> QuerySet[GrantCall]:
    """The published calls for `wanted`'s programme and year (a dong's own calls and the
    district-wide ones when a dong is asked for)."""
    calls = narrowed(
        GrantCall.objects.public().select_related("district", "dong"),
        programme=wanted.programme,
        year=wanted.year,
    )
    if wanted.dong:
        calls = calls.filter(Q(dong__code=wanted.dong) | Q(dong__isnull=True))
    return calls.order_by("-year", "-opens_at", "pk")


# --- Statistics ---------------------------------------------------------------------------
@dataclass
class StatRow:
    """One line of a statistics table; amounts are whole won."""

    key: str
    label: str
    calls: int = 0
    applications: int = 0
    selected: int = 0
    asked: int = 0
    granted: int = 0


@dataclass
class Statistics:
    by_programme: list[StatRow]
    by_dong: list[StatRow]
    by_year: list[StatRow]
    total: StatRow


_FIGURES = {
    "applications": Count("pk"),
    "selected": Count("pk", filter=Q(status=ApplicationStatus.SELECTED)),
    "asked": Sum("amount"),
    "granted": Sum("granted_amount", filter=Q(status=ApplicationStatus.SELECTED)),
    "calls": Count("call_id", distinct=True),
}


def _rows(
    applications: QuerySet[Application],
    group_by: str,
    labels: Mapping[str, str],
    calls: Mapping[str, int],
) -> list[StatRow]:
    rows: dict[str, StatRow] = {
        key: StatRow(key=key, label=label, calls=calls.get(key, 0)) for key, label in labels.items()
    }
    for line in applications.values(group_by).annotate(**_FIGURES).order_by(group_by):
        key = str(line[group_by])
        row = rows.setdefault(key, StatRow(key=key, label=key))
        row.applications = line["applications"]
        row.selected = line["selected"]
        row.asked = line["asked"] or 0
        row.granted = line["granted"] or 0
        row.calls = max(row.calls, line["calls"])
    return list(rows.values())


def statistics(call: GrantCall | None = None) -> Statistics:
    """Calls, applications, selected, amount asked and granted per programme, dong and year
    (of every published call, or of `call` alone).

    Calls per programme and year count every published call; per dong, the calls the dong's
    groups applied to (most calls are district-wide), at least the dong's own calls."""
    published = GrantCall.objects.public()
    applications = public_applications()
    if call is not None:
        published = published.filter(pk=call.pk)
        applications = applications.filter(call=call)
    by_programme_calls = count_of_each(published, "programme")
    by_year_calls = {str(year): n for year, n in count_of_each(published, "year").items()}
    by_dong_calls = count_of_each(published.filter(dong__isnull=False), "dong__code")
    programmes = {
        value: str(label) for value, label in Programme.choices if value in by_programme_calls
    }
    years = {key: key for key in sorted(by_year_calls, reverse=True)}
    used_dongs = set(by_dong_calls) | set(
        applications.values_list("dong__code", flat=True).distinct()
    )
    dongs = {
        dong.code: f"{dong.district.name} {dong.name}"
        for dong in Dong.objects.filter(code__in=used_dongs)
        .select_related("district")
        .order_by("code")
    }
    by_programme = _rows(applications, "call__programme", programmes, by_programme_calls)
    for row in by_programme:
        if row.key in Programme.values:
            row.label = str(Programme(row.key).label)
    by_year = sorted(
        _rows(applications, "call__year", years, by_year_calls),
        key=lambda row: row.key,
        reverse=True,
    )
    by_dong = _rows(applications, "dong__code", dongs, by_dong_calls)
    everything = applications.aggregate(**_FIGURES)
    total = StatRow(
        key="total",
        label=_("Total"),
        calls=published.count(),
        applications=everything["applications"],
        selected=everything["selected"],
        asked=everything["asked"] or 0,
        granted=everything["granted"] or 0,
    )
    return Statistics(by_programme=by_programme, by_dong=by_dong, by_year=by_year, total=total)
