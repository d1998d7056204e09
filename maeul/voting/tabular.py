"""Read staff uploads (XLSX or CSV) of vote options and postal ballots, all or nothing.

Officials keep these lists in Excel. An upload is imported whole or not at all: a parser
either returns every row or raises TableError naming each bad line, numbered as the
spreadsheet shows it (the header is line 1), and its column. Nothing here touches the
database: how many choices a ballot may hold, budgets, eligibility and a person voting twice
are for the services to check.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import PurePath
from typing import TypeVar

import openpyxl
from django.utils import timezone
from django.utils.translation import gettext as _

from maeul.core.privacy import RESIDENT_NUMBER

MAX_ROWS = 20_000
MAX_ZIP_ENTRIES = 10_000
MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
MAX_TITLE_LENGTH = 200
MAX_OPTION_NUMBER = 9999
MAX_COST = 10**15  # 1,000조 원: beyond any budget, and safely inside a database bigint
BALLOT_TYPES = ("approval", "budget", "yes_no", "ranking")

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
ANSWERS = {
    **dict.fromkeys(("찬성", "yes", "o", "\u25cb"), "yes"),  # also a drawn circle
    **dict.fromkeys(("반대", "no", "x", "\u00d7"), "no"),  # also the multiplication sign
    **dict.fromkeys(("기권", "abstain"), "abstain"),
}
DATE_FORMS = (
    re.compile(r"([0-9]{4})\s*[-./]\s*([0-9]{1,2})\s*[-./]\s*([0-9]{1,2})\.?"),
    re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})"),
)


def _resident_number_message() -> str:
    return _("Please remove the resident registration number. Maeul must not store it.")


T = TypeVar("T")
Record = dict[str, str]
Rows = list[tuple[int, Record]]


@dataclass(frozen=True)
class RowError:
    """One problem in an upload: `line` as the spreadsheet numbers it, 0 for the whole file."""

    line: int
    column: str
    message: str

    def __str__(self) -> str:
        values = {"line": self.line, "column": self.column, "message": self.message}
        if not self.line:
            return self.message
        if self.column:
            return _("Line %(line)d (%(column)s): %(message)s") % values
        return _("Line %(line)d: %(message)s") % values


class TableError(Exception):
    """An upload that cannot be imported; `errors` lists every problem found, by line."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(errors)
        self.errors = errors

    def __str__(self) -> str:
        return "\n".join(str(error) for error in self.errors)


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


def read_table(data: bytes, filename: str, *, max_rows: int = MAX_ROWS) -> Rows:
    """(line, {header: cell text}) for every non-empty data row; raises TableError."""
    _header, rows, errors = _read(data, filename, max_rows)
    _raise_if_any(errors)
    return rows


def parse_option_rows(data: bytes, filename: str) -> list[OptionRow]:
    """Every vote option in the upload; raises TableError listing every problem."""
    header, rows, errors = _read(data, filename, MAX_ROWS)
    columns = _locate(header, OPTION_COLUMNS, required=("기호", "사업명", "비용"))
    options: list[OptionRow] = []
    first_line: dict[int, int] = {}
    for line, record in rows:
        row = _Row(line, record, columns, errors)
        number = row.check("기호", _number)
        title = row.check("사업명", _title)
        cost = row.check("비용", _won)
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
    _raise_if_any(errors)
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
    if ballot_type not in BALLOT_TYPES:
        raise ValueError(f"unknown ballot type {ballot_type!r}")
    born_by = today or timezone.localdate()
    header, rows, errors = _read(data, filename, MAX_ROWS)
    items = {number: postal_item_column(number) for number in sorted(option_numbers)}
    known = dict(POSTAL_COLUMNS)
    if ballot_type == "yes_no":
        known.update({column: (str(number), f"item{number}") for number, column in items.items()})
        required = ("이름", "생년월일", "동", *items.values())
    else:
        known[CHOICES] = ("choices",)
        required, items = ("이름", "생년월일", "동", CHOICES), {}
    columns = _locate(header, known, required=required)
    ballots: list[PostalRow] = []
    for line, record in rows:
        row = _Row(line, record, columns, errors)
        name, dong_name = row.check("이름", _required), row.check("동", _required)
        birth_date = row.check("생년월일", lambda text: _birth_date(text, born_by))
        choices = (
            row.check(CHOICES, lambda text: _choices(text, option_numbers)) if not items else ()
        )
        answers = [(number, row.check(column, _answer) or "") for number, column in items.items()]
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
    _raise_if_any(errors)
    return ballots


class _CellError(Exception):
    """A cell that cannot be read; the message is translated and user-facing."""


class _Row:
    """One data row, read by the Korean column name, adding its errors to the file's list."""

    def __init__(self, line: int, record: Record, columns: dict[str, str], errors: list[RowError]):
        self.line, self.record, self.columns, self.errors = line, record, columns, errors
        self.ok = True

    def get(self, column: str) -> str:
        return self.record.get(self.columns.get(column, ""), "")

    def fail(self, column: str, message: str) -> None:
        self.errors.append(RowError(self.line, column, message))
        self.ok = False

    def check(self, column: str, parse: Callable[[str], T]) -> T | None:
        try:
            return parse(self.get(column))
        except _CellError as error:
            self.fail(column, str(error))
            return None


def _raise_if_any(errors: list[RowError]) -> None:
    if errors:
        raise TableError(sorted(errors, key=lambda error: error.line))


def _file_error(message: str) -> TableError:
    return TableError([RowError(0, "", message)])


def _read(data: bytes, filename: str, max_rows: int) -> tuple[list[str], Rows, list[RowError]]:
    """The header, the non-empty rows and the per-row problems; whole-file problems raise."""
    suffix = PurePath(filename).suffix.lower()
    if RESIDENT_NUMBER.search(filename):
        raise _file_error(_resident_number_message())
    if suffix not in (".xlsx", ".csv"):
        raise _file_error(_("Only XLSX and CSV files can be read."))
    if not data:
        raise _file_error(_("The file is empty."))
    lines = enumerate(_xlsx_lines(data) if suffix == ".xlsx" else _csv_lines(data), start=1)
    header = next(lines, (0, []))[1]
    if not any(header):
        if any(any(cells) for _line, cells in lines):
            raise _file_error(_("The first line must hold the column names."))
        raise _file_error(_("The file is empty."))
    rows: Rows = []
    errors: list[RowError] = []
    for line, cells in lines:
        if not any(cells):
            continue
        if len(rows) == max_rows:
            message = _("The file has more than %(count)d rows; split it into smaller files.")
            raise _file_error(message % {"count": max_rows})
        if any(cell and (i >= len(header) or not header[i]) for i, cell in enumerate(cells)):
            message = _("This line has a value in a column that has no name in the first line.")
            errors.append(RowError(line, "", message))
        # Nothing holding a resident registration number is read, whatever its column.
        for name, cell in zip(header, cells, strict=False):
            if RESIDENT_NUMBER.search(cell):
                errors.append(RowError(line, name, _resident_number_message()))
        padded = cells + [""] * (len(header) - len(cells))
        rows.append(
            (line, {name: cell for name, cell in zip(header, padded, strict=False) if name})
        )
    return header, rows, errors


def _xlsx_lines(data: bytes) -> Iterator[list[str]]:
    not_xlsx = _("This is not an XLSX file. Save it from Excel as an Excel workbook (.xlsx).")
    if not data.startswith(b"PK\x03\x04"):
        raise _file_error(not_xlsx)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, EOFError, OSError, ValueError):
        raise _file_error(not_xlsx) from None
    # zipfile stops inflating an entry at its declared size, so the declared sizes bound the
    # memory a crafted file can make openpyxl use.
    unpacked = sum(entry.file_size for entry in entries)
    if len(entries) > MAX_ZIP_ENTRIES or unpacked > MAX_UNCOMPRESSED_BYTES:
        raise _file_error(_("The XLSX file is too large once unpacked."))
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # a broken workbook raises KeyError, ValueError, XML errors and more
        raise _file_error(not_xlsx) from None
    try:
        sheet = workbook.worksheets[0]
        # Some writers record a wrong sheet size; without this, cells beyond it are dropped.
        sheet.reset_dimensions()
        for values in sheet.iter_rows(values_only=True):
            yield [_text(value) for value in values]
    except Exception:  # as above: the sheet itself is parsed only while it is read
        raise _file_error(_("The XLSX file is damaged and cannot be read.")) from None
    finally:
        workbook.close()


def _csv_lines(data: bytes) -> Iterator[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp949")  # what Korean Excel writes for "CSV (쉼표로 분리)"
        except UnicodeDecodeError:
            raise _file_error(_("The CSV file is neither UTF-8 nor CP949 text.")) from None
    try:
        for cells in csv.reader(io.StringIO(text, newline="")):
            yield [cell.strip() for cell in cells]
    except csv.Error:
        raise _file_error(_("The CSV file is malformed and cannot be read.")) from None


def _text(value: object) -> str:
    """A cell as text: Excel numbers without a needless '.0', dates as ISO dates."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return str(value).strip()


def _key(header: str) -> str:
    return re.sub(r"\s+", "", header).casefold()


def _locate(
    header: list[str], known: dict[str, tuple[str, ...]], *, required: Iterable[str]
) -> dict[str, str]:
    """Map each known column's Korean name to its header as written, in Korean or an alias."""
    keys = {_key(name): korean for korean, aliases in known.items() for name in (korean, *aliases)}
    found: dict[str, str] = {}
    errors: list[RowError] = []
    for written in header:
        korean = keys.get(_key(written))
        if korean in found:
            message = _("The column %(column)s appears more than once.")
            errors.append(RowError(0, korean, message % {"column": korean}))
        elif korean:
            found[korean] = written
    for korean in required:
        if korean not in found:
            message = _("The column %(column)s is missing.")
            errors.append(RowError(0, korean, message % {"column": korean}))
    _raise_if_any(errors)
    return found


def _required(text: str) -> str:
    if not text:
        raise _CellError(_("This cell must not be empty."))
    return text


def _number(text: str) -> int:
    if not re.fullmatch(r"[0-9]{1,4}", text) or not 1 <= int(text) <= MAX_OPTION_NUMBER:
        message = _("The number must be a whole number from 1 to %(max)d.")
        raise _CellError(message % {"max": MAX_OPTION_NUMBER})
    return int(text)


def _title(text: str) -> str:
    if len(_required(text)) > MAX_TITLE_LENGTH:
        message = _("The title is longer than %(max)d characters.")
        raise _CellError(message % {"max": MAX_TITLE_LENGTH})
    return text


def _won(text: str) -> int:
    """A cost in 원: "1500000", "1,500,000", "1500000원", or "1,500천원" (a thousand times)."""
    amount = re.sub(r"[\s,]", "", _required(text)).removeprefix("₩")
    scale = 1000 if amount.endswith("천원") else 1
    amount = amount.removesuffix("천원").removesuffix("원")
    if not re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", amount):
        raise _CellError(_("The cost is not a number."))
    won = Decimal(amount) * scale
    if won < 0:
        raise _CellError(_("The cost cannot be negative."))
    if won != won.to_integral_value():
        raise _CellError(_("The cost is not a whole number of won."))
    if won > MAX_COST:
        raise _CellError(_("The cost is too large."))
    return int(won)


def _birth_date(text: str, today: datetime.date) -> datetime.date:
    match = next(filter(None, (form.fullmatch(_required(text)) for form in DATE_FORMS)), None)
    if match is None:
        raise _CellError(_("Write the birth date like 1960-03-15, 1960.3.15 or 19600315."))
    try:
        born = datetime.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        raise _CellError(_("The birth date is not a real date.")) from None
    if born > today:
        raise _CellError(_("The birth date is in the future."))
    if born.year <= 1900:
        raise _CellError(_("The birth date must be after 1900."))
    return born


def _choices(text: str, option_numbers: set[int]) -> tuple[int, ...]:
    """Option numbers in the order written, separated by commas or spaces."""
    chosen: list[int] = []
    for token in filter(None, re.split(r"[\s,]+", text)):
        # A length bound, as int() refuses strings of thousands of digits.
        number = int(token) if re.fullmatch(r"[0-9]{1,9}", token) else None
        if number is None:
            raise _CellError(_('"%(value)s" is not an option number.') % {"value": token})
        if number not in option_numbers:
            raise _CellError(_("There is no option number %(number)d.") % {"number": number})
        if number in chosen:
            message = _("The option number %(number)d is written twice.")
            raise _CellError(message % {"number": number})
        chosen.append(number)
    return tuple(chosen)


def _answer(text: str) -> str:
    if not text:
        raise _CellError(_("A postal ballot must answer every item, and this answer is empty."))
    answer = ANSWERS.get(text.casefold())
    if answer is None:
        message = _('"%(value)s" is not an answer: write 찬성, 반대 or 기권.')
        raise _CellError(message % {"value": text})
    return answer
