"""The project rows of the accountability table, rendered once in Python.

Django's template engine costs a few microseconds per variable, filter and `{% url %}`;
a district page of 15 dongs by 100 projects has some 15,000 of them, which alone would
take most of its 200 ms budget. So each project line is formatted here with `format_html`
(every value escaped) and project links come from one reversed URL; the headings,
subtotals and totals stay in the template.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from maeul.core.money import format_rate, format_thousands
from maeul.plans.accountability import Accountability, Amounts, Group


@dataclass(frozen=True, slots=True)
class Cells:
    """One line of a table: a project, a subtotal or the total."""

    label: str
    url: str
    year: int | None
    place: str
    programme: str
    source: str
    section: str
    budget: str
    spent: str
    rate: str
    percent: str  # the <progress> value, "" without a budget
    committed: str = ""  # shown in a table as of a day (기준일) only
    forecast: str = ""

    def line(self, *, with_year: bool, with_trail: bool = False) -> SafeString:
        """The `<tr>` of a project line, every value escaped."""
        year = format_html("<td>{}</td>", self.year) if with_year else ""
        committed = format_html('<td class="num">{}</td>', self.committed) if with_trail else ""
        forecast = format_html('<td class="num">{}</td>', self.forecast) if with_trail else ""
        chart = (
            format_html(
                '<progress max="100" value="{}" aria-hidden="true"></progress>', self.percent
            )
            if self.percent
            else ""
        )
        return format_html(
            '<tr>{}<th scope="row"><a href="{}">{}</a></th><td>{}</td><td>{}</td><td>{}</td>'
            '<td>{}</td><td class="num">{}</td>{}<td class="num">{}</td><td class="num">{}</td>'
            "{}<td>{}</td></tr>",
            year,
            self.url,
            self.label,
            self.place,
            self.programme,
            self.source,
            self.section,
            self.budget,
            committed,
            self.spent,
            self.rate,
            forecast,
            chart,
        )


@dataclass(frozen=True)
class DongBlock:
    group: Group
    rows: list[Cells]
    subtotal: Cells
    with_year: bool
    with_trail: bool = False

    @property
    def lines(self) -> SafeString:
        """The block's project lines as one piece of HTML."""
        return mark_safe(  # noqa: S308 -- joined from format_html output
            "\n".join(
                row.line(with_year=self.with_year, with_trail=self.with_trail) for row in self.rows
            )
        )


def _amounts(amounts: Amounts) -> tuple[str, str, str, str, str, str]:
    percent = amounts.percent
    return (
        format_thousands(amounts.budget),
        format_thousands(amounts.spent),
        format_rate(amounts.rate),
        "" if percent is None else str(percent),
        format_thousands(amounts.committed),
        format_thousands(amounts.forecast),
    )


def total_cells(label: str, amounts: Amounts) -> Cells:
    return Cells(label, "", None, "", "", "", "", *_amounts(amounts))


def dong_blocks(
    table: Accountability, *, with_year: bool = False, with_trail: bool = False
) -> list[DongBlock]:
    """The project table by dong: each project's cells, then the dong's subtotal."""
    link = reverse("plans:project", args=[0]).removesuffix("0/")
    programmes: dict[str, str] = {}
    sources: dict[str, str] = {}
    blocks = []
    for group in table.by_dong:
        rows = []
        for row in group.rows:
            if row.programme not in programmes:
                programmes[row.programme] = row.programme_label
            if row.budget_source not in sources:
                sources[row.budget_source] = row.budget_source_label
            rows.append(
                Cells(
                    row.title,
                    f"{link}{row.pk}/",
                    row.year,
                    row.place,
                    programmes[row.programme],
                    sources[row.budget_source],
                    row.section_name or "-",
                    *_amounts(row.amounts),
                )
            )
        blocks.append(
            DongBlock(
                group,
                rows,
                total_cells(group.label, group.amounts),
                with_year=with_year,
                with_trail=with_trail,
            )
        )
    return blocks
