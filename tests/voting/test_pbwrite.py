"""`write_pabulib`: what it writes reads back the same through `parse_pabulib`."""

from __future__ import annotations

from fractions import Fraction

import pytest

from maeul.voting.counting import outcome
from maeul.voting.counting.pabulib import parse_pabulib
from maeul.voting.counting.pbwrite import write_pabulib

META = {
    "description": "금천구 주민참여예산; 2025년",
    "country": "Korea",
    "unit": "금천구",
    "budget": "10000000",
    "vote_type": "approval",
}
PROJECTS = [
    {"project_id": "1", "cost": "6000000", "name": '놀이터 "햇살" 그늘막; 1단계'},
    {"project_id": "2", "name": "작은 도서관 책장", "cost": "4000000", "category": "문화"},
    {"project_id": "3", "cost": "3000000", "name": "쉼터 의자\n(두 곳)"},
]
VOTES = [("v1", ["1", "2"]), ("v2", ["1"]), ("v3", ["3", "1"]), ("v4", []), ("v5", ["1"])]


def test_written_file_reads_back_the_same():
    text = write_pabulib(meta=META, projects=PROJECTS, votes=VOTES)

    election = parse_pabulib(text)

    assert election.meta == META
    assert election.budget == 10_000_000
    assert election.vote_type == "approval"
    assert {pid: project.cost for pid, project in election.projects.items()} == {
        "1": Fraction(6_000_000),
        "2": Fraction(4_000_000),
        "3": Fraction(3_000_000),
    }
    assert election.projects["1"].fields["name"] == '놀이터 "햇살" 그늘막; 1단계'
    assert election.projects["2"].fields["category"] == "문화"
    assert election.projects["3"].fields["name"] == "쉼터 의자\n(두 곳)"
    assert election.ballots == {("1", "2"): 1, ("1",): 2, ("3", "1"): 1, (): 1}
    assert election.num_voters == 5


def test_sections_and_headers_are_laid_out_as_pabulib_expects():
    lines = write_pabulib(meta=META, projects=PROJECTS, votes=VOTES).splitlines()

    assert lines[:2] == ["META", "key;value"]
    assert lines[lines.index("PROJECTS") + 1] == "project_id;cost;name;category"
    assert lines[lines.index("VOTES") + 1 :] == [
        "voter_id;vote",
        "v1;1,2",
        "v2;1",
        "v3;3,1",
        "v4;",
        "v5;1",
    ]
    assert '1;6000000;"놀이터 ""햇살"" 그늘막; 1단계";' in lines


def test_greedy_counts_what_was_written():
    text = write_pabulib(meta=META, projects=PROJECTS, votes=VOTES)

    # Approvals: 1 by four voters, 2 and 3 by one each; 1 and 2 fill the budget.
    assert outcome(parse_pabulib(text), "greedy") == ["1", "2"]


def test_unusual_line_breaks_in_a_name_do_not_split_the_row():
    projects = [{"project_id": "1", "cost": "5", "name": "첫째\u2028둘째\r\n셋째"}]
    text = write_pabulib(meta=META, projects=projects, votes=[("v1", ["1"])])

    assert parse_pabulib(text).projects["1"].fields["name"] == "첫째\n둘째\n셋째"


def test_custom_vote_column_names_are_written():
    text = write_pabulib(meta=META, projects=PROJECTS, votes=VOTES, vote_columns=("id", "vote"))

    assert "VOTES\nid;vote\n" in text
    assert parse_pabulib(text).num_voters == 5


@pytest.mark.parametrize(
    ("projects", "votes"),
    [
        ([{"project_id": "1,2", "cost": "5"}], []),
        (PROJECTS, [("votes", [])]),
    ],
    ids=["comma-in-project-id", "voter-id-like-a-section"],
)
def test_refuses_what_would_not_read_back(projects, votes):
    with pytest.raises(ValueError):
        write_pabulib(meta=META, projects=projects, votes=votes)
