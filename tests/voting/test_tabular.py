"""Staff uploads of vote options and postal ballots: all rows, or a report of every bad one.

The messages are new and not yet in locale/ko, so these tests read them in English and
otherwise check the line and column of each problem.
"""

from __future__ import annotations

import datetime
import io
import zipfile
from collections.abc import Sequence

import openpyxl
import pytest
from django.utils import translation

from maeul.voting.tabular import (
    OptionRow,
    PostalRow,
    RowError,
    TableError,
    parse_option_rows,
    parse_postal_rows,
    read_table,
)

TODAY = datetime.date(2025, 5, 1)
OPTION_HEADER = ["기호", "사업명", "설명", "비용", "동", "분야", "제안자"]
POSTAL_HEADER = ["이름", "생년월일", "동", "휴대전화", "선택"]


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def xlsx(rows: Sequence[Sequence[object]]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def csv_bytes(rows: list[list[str]], encoding: str = "utf-8") -> bytes:
    return "".join(",".join(row) + "\r\n" for row in rows).encode(encoding)


def problems(call, *args, **kwargs) -> list[tuple[int, str]]:
    """The (line, column) of every problem the call reports; it must return nothing."""
    with pytest.raises(TableError) as raised:
        call(*args, **kwargs)
    return [(error.line, error.column) for error in raised.value.errors]


def file_problem(call, *args, **kwargs) -> RowError:
    with pytest.raises(TableError) as raised:
        call(*args, **kwargs)
    [error] = raised.value.errors
    assert error.line == 0
    return error


def postal(data: bytes, filename: str = "우편투표.csv", **kwargs) -> list[PostalRow]:
    kwargs.setdefault("ballot_type", "approval")
    kwargs.setdefault("option_numbers", {1, 2, 3, 7, 12})
    return parse_postal_rows(data, filename, today=TODAY, **kwargs)


# --- Vote options ------------------------------------------------------------------------


def test_options_from_excel_are_read_with_numbers_as_excel_stores_them():
    data = xlsx(
        [
            OPTION_HEADER,
            [1, " 독산천 산책로 조명 ", None, 1500000.0, "독산1동", "안전", "김주민"],
            [],
            [2.0, "작은 도서관 책장", "책장 10개", "1,500천원", None, None, None],
            [3, "경로당 안마의자", "", "2,000,000원", "가산동", "복지", ""],
        ]
    )

    assert parse_option_rows(data, "사업목록.XLSX") == [
        OptionRow(2, 1, "독산천 산책로 조명", "", 1_500_000, "독산1동", "안전", "김주민"),
        OptionRow(4, 2, "작은 도서관 책장", "책장 10개", 1_500_000, "", "", ""),
        OptionRow(5, 3, "경로당 안마의자", "", 2_000_000, "가산동", "복지", ""),
    ]


def test_options_csv_with_bom_and_english_headers():
    data = '\ufeffNumber,Title,Cost\r\n7,벽화 그리기,"1,000,000"\r\n'.encode()

    [option] = parse_option_rows(data, "options.csv")

    assert (option.line, option.number, option.title, option.cost) == (
        2,
        7,
        "벽화 그리기",
        1_000_000,
    )
    assert (option.description, option.dong_name) == ("", "")


def test_options_csv_written_by_korean_excel_in_cp949():
    data = csv_bytes([["기호", "사업명", "비용"], ["1", "골목 화단", "300000"]], encoding="cp949")

    assert [option.title for option in parse_option_rows(data, "목록.csv")] == ["골목 화단"]


@pytest.mark.parametrize(
    "cost", [-100, 10.5, "-100", "10.5", "1.2345천원", "많이", "", "1e6", "0x10"]
)
def test_a_bad_cost_is_reported_on_its_line_and_column(cost):
    data = xlsx([OPTION_HEADER, [1, "조명", "", 1000], [2, "화단", "", cost]])

    assert problems(parse_option_rows, data, "목록.xlsx") == [(3, "비용")]


@pytest.mark.parametrize("number", ["0", "-1", "1.5", "10000", "9" * 5000, "일", ""])
def test_a_bad_number_is_reported_on_its_line_and_column(number):
    data = csv_bytes([["기호", "사업명", "비용"], [number, "조명", "1000"]])

    assert problems(parse_option_rows, data, "목록.csv") == [(2, "기호")]


def test_every_bad_row_is_reported_and_nothing_is_returned():
    data = csv_bytes(
        [
            ["기호", "사업명", "비용"],
            ["1", "조명", "1000"],
            ["0", "화단", "1000"],
            ["2", "", "abc"],
            ["3", "가" * 201, "1000"],
            ["1", "벤치", "1000"],
            ["삼", "벽화", "-5"],
        ]
    )

    assert problems(parse_option_rows, data, "목록.csv") == [
        (3, "기호"),
        (4, "사업명"),
        (4, "비용"),
        (5, "사업명"),
        (6, "기호"),
        (7, "기호"),
        (7, "비용"),
    ]


def test_a_duplicate_number_names_the_first_line():
    data = csv_bytes([["기호", "사업명", "비용"], ["4", "조명", "1"], ["4", "화단", "1"]])

    with pytest.raises(TableError) as raised:
        parse_option_rows(data, "목록.csv")

    assert [str(error) for error in raised.value.errors] == [
        "Line 3 (기호): The number 4 is already used on line 2."
    ]


def test_a_title_of_200_characters_is_accepted():
    data = csv_bytes([["기호", "사업명", "비용"], ["1", "가" * 200, "0"]])

    assert parse_option_rows(data, "목록.csv")[0].title == "가" * 200


def test_missing_required_columns_are_each_named():
    data = csv_bytes([["기호", "설명"], ["1", "조명"]])

    assert problems(parse_option_rows, data, "목록.csv") == [(0, "사업명"), (0, "비용")]


def test_a_column_given_twice_is_refused():
    data = csv_bytes([["기호", "사업명", "비용", "cost"], ["1", "조명", "1", "2"]])

    assert problems(parse_option_rows, data, "목록.csv") == [(0, "비용")]


def test_a_header_only_file_has_no_options():
    data = csv_bytes([["기호", "사업명", "비용"]])

    assert read_table(data, "목록.csv") == []
    assert parse_option_rows(data, "목록.csv") == []


# --- Reading files -----------------------------------------------------------------------


def test_read_table_gives_spreadsheet_lines_and_skips_empty_rows():
    data = xlsx([["이름", "동"], ["김주민", "독산1동"], [None, "  "], ["이주민", None]])

    assert read_table(data, "a.xlsx") == [
        (2, {"이름": "김주민", "동": "독산1동"}),
        (4, {"이름": "이주민", "동": ""}),
    ]


def test_a_value_outside_the_named_columns_is_reported():
    data = csv_bytes(
        [["이름", "", "동"], ["김주민", "메모", "독산1동"], ["이주민", "", "가산동", "x"]]
    )

    assert problems(read_table, data, "a.csv") == [(2, ""), (3, "")]


def test_more_rows_than_allowed_is_a_whole_file_problem():
    data = csv_bytes([["이름"], ["가"], ["나"], ["다"]])

    assert len(read_table(data, "a.csv", max_rows=3)) == 3
    assert "more than 2 rows" in file_problem(read_table, data, "a.csv", max_rows=2).message


@pytest.mark.parametrize(
    ("data", "filename", "words"),
    [
        (b"", "a.csv", "empty"),
        (b"", "a.xlsx", "empty"),
        (b"\r\n\r\n", "a.csv", "empty"),
        (b",,\r\n1,2,3\r\n", "a.csv", "column names"),
        (b"\r\nname\r\n", "a.csv", "column names"),
        (xlsx([]), "a.xlsx", "empty"),
        (xlsx([[], ["이름"]]), "a.xlsx", "column names"),
        (b"name\r\n", "a.xls", "XLSX and CSV"),
        (b"name\r\n", "a", "XLSX and CSV"),
        (b"MZ\x90\x00\x03\x00\x00\x00", "a.xlsx", "not an XLSX file"),
        (b"PK\x03\x04 but not really a zip", "a.xlsx", "not an XLSX file"),
        (b"\xff\xfe\x80\x80", "a.csv", "neither UTF-8 nor CP949"),
    ],
)
def test_unreadable_files_are_refused_whole(data, filename, words):
    assert words in file_problem(read_table, data, filename).message


def test_a_zip_that_is_not_a_workbook_is_not_an_xlsx_file():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "안녕하세요")

    assert "not an XLSX file" in file_problem(read_table, out.getvalue(), "a.xlsx").message


def test_a_zip_of_too_many_entries_is_refused_before_opening():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for index in range(10_001):
            archive.writestr(f"{index}.xml", "")

    assert "too large" in file_problem(read_table, out.getvalue(), "a.xlsx").message


def test_a_zip_that_unpacks_past_100_mb_is_refused():
    out = io.BytesIO()
    with (
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("x.xml", "w") as entry,
    ):
        for _ in range(101):
            entry.write(bytes(1024 * 1024))

    assert "too large" in file_problem(read_table, out.getvalue(), "a.xlsx").message


def test_an_html_page_renamed_csv_lacks_the_columns():
    data = b"<!DOCTYPE html>\n<html><body><table><tr><td>1</td></tr></table></body></html>\n"

    assert problems(parse_option_rows, data, "목록.csv") == [
        (0, "기호"),
        (0, "사업명"),
        (0, "비용"),
    ]


def test_errors_read_as_a_report():
    error = TableError(
        [RowError(0, "", "Whole file."), RowError(3, "비용", "Bad."), RowError(4, "", "Odd.")]
    )

    assert str(error) == "Whole file.\nLine 3 (비용): Bad.\nLine 4: Odd."


# --- Postal ballots ----------------------------------------------------------------------


def test_postal_approval_ballots_keep_the_order_written():
    data = csv_bytes(
        [
            POSTAL_HEADER,
            ["김주민", "1960-03-15", "독산1동", "010-1234-5678", '"3, 7, 12"'],
            ["이주민", "1960.3.15", "가산동", "", "12 3"],
            ["박주민", "19600315", "독산1동", "", ""],
        ]
    )

    rows = postal(data)

    assert rows[0] == PostalRow(
        2, "김주민", datetime.date(1960, 3, 15), "독산1동", "010-1234-5678", (3, 7, 12), ()
    )
    assert [(row.line, row.choices, row.birth_date.year) for row in rows[1:]] == [
        (3, (12, 3), 1960),
        (4, (), 1960),
    ]


def test_postal_ranking_from_excel_with_a_date_cell_and_no_phone_column():
    data = xlsx(
        [
            ["이름", "생년월일", "동", "선택"],
            ["김주민", datetime.date(1955, 12, 1), "독산1동", "7,1,3"],
            ["이주민", "1955. 12. 1.", "독산1동", 2],
        ]
    )

    rows = postal(data, "우편투표.xlsx", ballot_type="ranking")

    assert [(row.birth_date, row.phone, row.choices) for row in rows] == [
        (datetime.date(1955, 12, 1), "", (7, 1, 3)),
        (datetime.date(1955, 12, 1), "", (2,)),
    ]


@pytest.mark.parametrize(
    "birth_date", ["1960-02-30", "2025-05-02", "1900-12-31", "1899-01-01", "어제", "60-3-15", ""]
)
def test_a_bad_birth_date_is_reported(birth_date):
    data = csv_bytes([POSTAL_HEADER, ["김주민", birth_date, "독산1동", "", "1"]])

    assert problems(postal, data) == [(2, "생년월일")]


def test_a_birth_date_of_today_is_accepted():
    data = csv_bytes([POSTAL_HEADER, ["김주민", "2025-05-01", "독산1동", "", "1"]])

    assert postal(data)[0].birth_date == TODAY


@pytest.mark.parametrize("choices", ["4", "1, 1", "1, 둘", "1;2", "-1", "9" * 5000])
def test_bad_choices_are_reported(choices):
    data = csv_bytes([POSTAL_HEADER, ["김주민", "1960-03-15", "독산1동", "", f'"{choices}"']])

    assert problems(postal, data, ballot_type="budget") == [(2, "선택")]


def test_every_bad_postal_row_is_reported():
    data = csv_bytes(
        [
            POSTAL_HEADER,
            ["", "1960-03-15", "독산1동", "", "1"],
            ["김주민", "1960-03-15", "", "", "99"],
            ["이주민", "1960-03-15", "가산동", "", "1 2"],
        ]
    )

    assert problems(postal, data) == [(2, "이름"), (3, "동"), (3, "선택")]


def test_postal_columns_are_required():
    data = csv_bytes([["이름", "휴대전화"], ["김주민", "010"]])

    assert problems(postal, data) == [(0, "생년월일"), (0, "동"), (0, "선택")]


YES_NO_HEADER = ["이름", "생년월일", "동", "의제 2", "1", "의제3"]


def test_yes_no_answers_are_sorted_by_item():
    data = csv_bytes(
        [
            YES_NO_HEADER,
            ["김주민", "1960-03-15", "독산1동", "반대", "찬성", "기권"],
            ["이주민", "1960-03-15", "가산동", "x", "O", "Abstain"],
        ]
    )

    rows = postal(data, ballot_type="yes_no", option_numbers={1, 2, 3})

    expected = ((1, "yes"), (2, "no"), (3, "abstain"))
    assert [(row.answers, row.choices) for row in rows] == [(expected, ()), (expected, ())]


def test_a_yes_no_ballot_must_answer_every_item():
    data = csv_bytes(
        [
            YES_NO_HEADER,
            ["김주민", "1960-03-15", "독산1동", "", "찬성", "모름"],
        ]
    )

    with pytest.raises(TableError) as raised:
        postal(data, ballot_type="yes_no", option_numbers={1, 2, 3})

    assert [(error.line, error.column) for error in raised.value.errors] == [
        (2, "의제 2"),
        (2, "의제 3"),
    ]
    assert "must answer every item" in raised.value.errors[0].message


def test_a_yes_no_file_needs_a_column_per_item():
    data = csv_bytes([YES_NO_HEADER, ["김주민", "1960-03-15", "독산1동", "찬성", "찬성", "찬성"]])

    assert problems(postal, data, ballot_type="yes_no", option_numbers={1, 2, 3, 4}) == [
        (0, "의제 4")
    ]


def test_an_unknown_ballot_type_is_a_programming_error():
    with pytest.raises(ValueError, match="ballot type"):
        postal(csv_bytes([POSTAL_HEADER]), ballot_type="stv")
