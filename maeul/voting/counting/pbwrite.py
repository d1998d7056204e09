"""Write pabulib `.pb` files, the format `pabulib.py` reads and pabutools exchanges.

The file has three sections, each its name on a line of its own and then a header line:
META (`key;value`), PROJECTS (`project_id;cost;...`) and VOTES (`voter_id;vote`, the vote
being project ids joined by commas). Cells are `;`-separated CSV, quoted where needed.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from maeul.voting.counting.pabulib import SECTIONS


def write_pabulib(
    *,
    meta: dict[str, str],
    projects: list[dict[str, str]],
    votes: list[tuple[str, list[str]]],
    vote_columns: tuple[str, ...] = ("voter_id", "vote"),
) -> str:
    """The text of a pabulib file; `votes` pairs each voter id with the ids they chose.

    `vote_columns` names the two VOTES columns, voter id then vote. PROJECTS columns are
    `project_id`, `cost`, then every other key in the order first seen; a project without
    a key leaves its cell empty. Raises ValueError for what would not read back the same: a
    project id with a comma, or a row that would read as a section name.
    """
    if len(vote_columns) != 2:
        raise ValueError("vote_columns names exactly two columns: the voter id and the vote")
    columns = ["project_id", "cost"]
    columns += list(
        dict.fromkeys(key for project in projects for key in project if key not in columns)
    )
    for project_id in [project.get("project_id", "") for project in projects]:
        if "," in project_id:
            raise ValueError(f"project id {project_id!r} holds a comma, which separates votes")
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")

    def section(name: str, header: Iterable[str], rows: Iterable[list[str]]) -> None:
        writer.writerow([name.upper()])
        writer.writerow(header)
        for row in rows:
            cells = [_one_line_break(cell) for cell in row]
            if cells[0].strip().lower() in SECTIONS and not any(c.strip() for c in cells[1:]):
                raise ValueError(f"the row {cells!r} would read as the start of a section")
            writer.writerow(cells)

    section("meta", ("key", "value"), ([key, value] for key, value in meta.items()))
    section("projects", columns, ([project.get(c, "") for c in columns] for project in projects))
    section("votes", vote_columns, ([voter, ",".join(chosen)] for voter, chosen in votes))
    return out.getvalue()


def _one_line_break(cell: str) -> str:
    # The reader splits lines as str.splitlines() does (also on \x85, \u2028...), but csv
    # quotes only fields holding \r or \n: make every line break a \n, so it gets quoted.
    # A trailing break is lost, as the reader strips every cell anyway.
    return "\n".join(cell.splitlines())
