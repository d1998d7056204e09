"""The two uploads staff make: a vote's options, and a batch of postal ballots."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from maeul.voting.models import BallotType
from maeul.voting.tabular import cells
from maeul.voting.tabular.files import MAX_ROWS, Row, locate, raise_if_any, read

# The headers are the file format, the same whatever language the page is in; each Korean
# name also accepts the English aliases after it.
OPTION_COLUMNS: dict[str, tuple[str, ...]] = {
    "기호": ("number",),
    "사업명": ("title",),
    "설명": ("description",),
    "비용": ("cost",),
    "동": ("dong",),
    "분야": ("category",),
    "제안자": ("proposer",),
}
POSTAL_COLUMNS: dict[str, tuple[str, ...]] = {
    "이름": ("name",),
    "생년월일": ("birth_date", "birthdate"),
    "동": ("dong",),
    "휴대전화": ("phone", "mobile"),
}
CHOICES = "선택"


@dataclass(frozen=True)
class OptionRow:
    line: int
    number: int
    title: str
    description: str
    cost: int
    dong_name: str
    category: str
    proposer: str


@dataclass(frozen=True)
class PostalRow:
    line: int
    name: str
    birth_date: datetime.date
    dong_name: str
    phone: str
    choices: tuple[int, ...]
    answers: tuple[tuple[int, str], ...]


def postal_item_column(number: int) -> str:
    """The header of a yes/no postal file's column for agenda item `number`."""
    return f"의제 {number}"


def parse_option_rows(data: bytes, filename: str) -> list[OptionRow]:
    """Every vote option in the upload; raises TableError listing every problem."""
    header, rows, errors = read(data, filename, MAX_ROWS)
    columns = locate(header, OPTION_COLUMNS, required=("기호", "사업명", "비용"))
    options: list[OptionRow] = []
    first_line: dict[int, int] = {}
    for line, record in rows:
        row = Row(line, record, columns, errors)
        number = row.check("기호", cells.option_number)
        title = row.check("사업명", cells.title)
        cost = row.check("비용", cells.won)
        if number in first_line:
            message = _("The number %(number)d is already used on line %(line)d.")
            row.fail("기호", message % {"number": number, "line": first_line[number]})
        elif number is not None:
            first_line[number] = line
        if row.ok and number is not None and title is not None and cost is not None:
            options.append(
                OptionRow(
                    line=line,
                    number=number,
                    title=title,
                    description=row.get("설명"),
                    cost=cost,
                    dong_name=row.get("동"),
                    category=row.get("분야"),
                    proposer=row.get("제안자"),
                )
            )
    raise_if_any(errors)
    return options


def parse_postal_rows(
    data: bytes,
    filename: str,
    *,
    ballot_type: str,
    option_numbers: set[int],
    today: datetime.date | None = None,
) -> list[PostalRow]:
    """Every postal ballot in the upload; raises TableError listing every problem.

    Approval, budget and ranking files hold the chosen option numbers in one column 선택 (in
    rank order for ranking); yes/no files hold one column per item, "의제 N" or "N". `today`
    (by default today in Asia/Seoul) bounds the birth dates. Raises ValueError for an unknown
    `ballot_type`.
    """
    if ballot_type not in BallotType.values:
        raise ValueError(f"unknown ballot type {ballot_type!r}")
    born_by = today or timezone.localdate()
    header, rows, errors = read(data, filename, MAX_ROWS)
    items = {number: postal_item_column(number) for number in sorted(option_numbers)}
    known = dict(POSTAL_COLUMNS)
    if ballot_type == BallotType.YES_NO:
        known.update({column: (str(number), f"item{number}") for number, column in items.items()})
        required = ("이름", "생년월일", "동", *items.values())
    else:
        known[CHOICES] = ("choices",)
        required, items = ("이름", "생년월일", "동", CHOICES), {}
    columns = locate(header, known, required=required)
    ballots: list[PostalRow] = []
    for line, record in rows:
        row = Row(line, record, columns, errors)
        name, dong_name = row.check("이름", cells.required), row.check("동", cells.required)
        birth_date = row.check("생년월일", lambda text: cells.birth_date(text, born_by))
        choices = (
            row.check(CHOICES, lambda text: cells.chosen_numbers(text, option_numbers))
            if not items
            else ()
        )
        answers = [(n, row.check(column, cells.answer) or "") for n, column in items.items()]
        if row.ok and name and dong_name and birth_date and choices is not None:
            ballots.append(
                PostalRow(
                    line=line,
                    name=name,
                    birth_date=birth_date,
                    dong_name=dong_name,
                    phone=row.get("휴대전화"),
                    choices=choices,
                    answers=tuple(answers),
                )
            )
    raise_if_any(errors)
    return ballots
