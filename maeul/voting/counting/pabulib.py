"""Read pabulib `.pb` files: META, PROJECTS and VOTES sections of `;`-separated CSV.

Each section starts with its name on a line of its own, followed by a header line naming the
columns. The parser checks what counting depends on (costs, budget, the projects a vote names)
and reports the first problem with its 1-based line number.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

SECTIONS = ("meta", "projects", "votes")


class PbFormatError(ValueError):
    """A malformed pabulib file: `line` is 1-based, `message` is Korean and user-facing."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"{line}번째 줄: {message}")
        self.line = line
        self.message = message


@dataclass(frozen=True, slots=True)
class PbProject:
    """One row of PROJECTS: the id, the exact cost, and every other column as text."""

    project_id: str
    cost: Fraction
    fields: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class PbElection:
    """A parsed file.

    `ballots` maps each distinct vote (the project ids in the order written, duplicates
    dropped) to the number of voters who cast it; an empty tuple is a voter who chose nothing
    and still counts as a voter. Points of cumulative or scoring files are not kept.
    """

    meta: dict[str, str]
    projects: dict[str, PbProject]
    budget: Fraction
    vote_type: str
    ballots: dict[tuple[str, ...], int]

    @property
    def num_voters(self) -> int:
        return sum(self.ballots.values())


def parse_pabulib_file(path: str | Path) -> PbElection:
    """Parse the file at `path`; raises PbFormatError for a malformed file."""
    return parse_pabulib(Path(path).read_bytes())


def parse_pabulib(data: bytes | str) -> PbElection:
    """Parse the content of a pabulib file; raises PbFormatError for a malformed file."""
    text = _decode(data) if isinstance(data, bytes) else data.removeprefix("\ufeff")
    return _Parser().parse(text)


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise PbFormatError(line, "UTF-8로 읽을 수 없는 글자가 있습니다.") from error


def parse_number(text: str) -> Fraction:
    """An exact number from pabulib text; a decimal comma is accepted, as pabutools does."""
    text = text.strip().replace(",", ".")
    if text.isdigit():
        return Fraction(int(text))
    return Fraction(text)  # raises ValueError, also for "nan" and "inf"


class _Parser:
    def __init__(self) -> None:
        self.meta: dict[str, str] = {}
        self.meta_line = 0
        self.projects: dict[str, PbProject] = {}
        self.vote_counts: dict[str, int] = {}
        self.vote_first_line: dict[str, int] = {}
        self.seen: set[str] = set()

    def parse(self, text: str) -> PbElection:
        rows = _numbered_rows(text)
        section = ""
        header: list[str] = []
        vote_column = columns = 0
        for line, row in rows:
            if section == "votes" and len(row) == columns:
                # The hot path: one line per voter.
                vote = row[vote_column].strip()
                count = self.vote_counts.get(vote)
                if count is not None:
                    self.vote_counts[vote] = count + 1
                    continue
            name = row[0].strip().lower()
            if name in SECTIONS and not any(cell.strip() for cell in row[1:]):
                if name in self.seen:
                    raise PbFormatError(line, f"{name.upper()} 구역이 두 번 나옵니다.")
                self.seen.add(name)
                section = name
                header = self._header(rows, line, section)
                if section == "votes":
                    # A one-column header would let a later section line pass for a vote.
                    vote_column, columns = header.index("vote"), max(len(header), 2)
            elif section == "meta":
                self._meta_row(line, row)
            elif section == "projects":
                self._project_row(line, row, header)
            elif section == "votes":
                self._vote_row(line, row, columns, vote_column)
            else:
                raise PbFormatError(line, "META, PROJECTS, VOTES 구역 밖에 내용이 있습니다.")
        return self._election(text)

    def _header(self, rows: Iterator[tuple[int, list[str]]], line: int, section: str) -> list[str]:
        try:
            header_line, header = next(rows)
        except StopIteration:
            raise PbFormatError(line, f"{section.upper()} 구역에 머리글 줄이 없습니다.") from None
        header = [column.strip() for column in header]
        if section == "meta":
            self.meta_line = line
        required = {"projects": ("project_id", "cost"), "votes": ("vote",)}.get(section, ())
        for column in required:
            if column not in header:
                raise PbFormatError(
                    header_line, f"{section.upper()} 머리글에 {column} 열이 없습니다."
                )
        return header

    def _meta_row(self, line: int, row: list[str]) -> None:
        if len(row) < 2:
            raise PbFormatError(line, "META 줄은 '이름;값' 형식이어야 합니다.")
        self.meta[row[0].strip()] = row[1].strip()

    def _project_row(self, line: int, row: list[str], header: list[str]) -> None:
        if len(row) > len(header):
            raise PbFormatError(line, "프로젝트 줄의 칸 수가 머리글보다 많습니다.")
        values = {column: value.strip() for column, value in zip(header, row, strict=False)}
        project_id = values.get("project_id", "")
        if not project_id:
            raise PbFormatError(line, "프로젝트 번호가 비어 있습니다.")
        if project_id in self.projects:
            raise PbFormatError(line, f"프로젝트 번호 '{project_id}'가 두 번 나옵니다.")
        try:
            cost = parse_number(values.get("cost", ""))
        except ValueError:
            raise PbFormatError(line, "프로젝트 비용이 숫자가 아닙니다.") from None
        if cost < 0:
            raise PbFormatError(line, "프로젝트 비용이 음수입니다.")
        self.projects[project_id] = PbProject(project_id, cost, values)

    def _vote_row(self, line: int, row: list[str], columns: int, column: int) -> None:
        if len(row) > columns:
            raise PbFormatError(line, "투표 줄의 칸 수가 머리글보다 많습니다.")
        vote = row[column].strip() if column < len(row) else ""
        count = self.vote_counts.get(vote)
        if count is None:
            self.vote_counts[vote] = 1
            self.vote_first_line[vote] = line
        else:
            self.vote_counts[vote] = count + 1

    def _election(self, text: str) -> PbElection:
        last_line = text.count("\n") + 1
        for name in SECTIONS:
            if name not in self.seen:
                raise PbFormatError(last_line, f"{name.upper()} 구역이 없습니다.")
        budget_text = self.meta.get("budget")
        if budget_text is None:
            raise PbFormatError(self.meta_line, "META에 budget(예산)이 없습니다.")
        try:
            budget = parse_number(budget_text)
        except ValueError:
            raise PbFormatError(self.meta_line, "META의 budget(예산)이 숫자가 아닙니다.") from None
        if budget < 0:
            raise PbFormatError(self.meta_line, "META의 budget(예산)이 음수입니다.")
        vote_type = self.meta.get("vote_type")
        if not vote_type:
            raise PbFormatError(self.meta_line, "META에 vote_type(투표 방식)이 없습니다.")
        return PbElection(
            meta=self.meta,
            projects=self.projects,
            budget=budget,
            vote_type=vote_type,
            ballots=self._ballots(),
        )

    def _ballots(self) -> dict[tuple[str, ...], int]:
        ballots: dict[tuple[str, ...], int] = {}
        for vote, count in self.vote_counts.items():
            chosen: dict[str, None] = {}
            if vote.lower() != "none":
                for entry in vote.split(","):
                    project_id = entry.strip()
                    if not project_id:
                        continue
                    if project_id not in self.projects:
                        raise PbFormatError(
                            self.vote_first_line[vote],
                            f"투표에 없는 프로젝트 번호 '{project_id}'가 있습니다.",
                        )
                    chosen[project_id] = None
            ballot = tuple(chosen)
            ballots[ballot] = ballots.get(ballot, 0) + count
        return ballots


def _numbered_rows(text: str) -> Iterator[tuple[int, list[str]]]:
    """Non-blank rows with the 1-based line on which each starts.

    Most lines hold no quotes and are split directly, which is several times faster than
    the csv module on files of 100,000 votes; a line with quotes goes through csv, joined
    with the following lines while a quoted field is still open.
    """
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        start = index
        line = lines[index]
        index += 1
        if '"' in line:
            while line.count('"') % 2 and index < len(lines):
                line += "\n" + lines[index]
                index += 1
            row = next(csv.reader([line], delimiter=";"), [])
            if any(cell.strip() for cell in row):
                yield start + 1, row
        elif line.replace(";", "").strip():
            yield start + 1, line.split(";")
