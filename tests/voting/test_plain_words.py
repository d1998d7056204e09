"""Residents read counting rules and file formats in plain Korean, with a link to the method."""

import re
from datetime import timedelta

import pytest

from maeul.voting.ballots import Choices
from maeul.voting.models import CountingRule
from maeul.voting.services.casting import cast_ballot
from maeul.voting.services.counting import count_vote
from tests.voting.conftest import option_ids

JARGON = ["greedy", "Equal Shares", "add-one", "(.pb)"]


def _text(page: str) -> str:
    """What a reader sees: the page without its tags (ids and links may name the rule)."""
    return re.sub(r"<[^>]+>", " ", page)


def test_the_counting_help_page_explains_each_rule_in_plain_korean(client, db):
    response = client.get("/votes/how-counting-works/")

    assert response.status_code == 200
    page = response.content.decode()
    for rule in CountingRule:
        assert f'id="{rule.value}"' in page  # the anchor each "자세히" link points to
    assert 'id="recount"' in page
    assert "득표순 선정(예산 범위 안에서)" in page
    assert "균등 배분 방식(MES)" in page
    assert "greedy" not in _text(page)


@pytest.mark.parametrize(
    ("rule", "label"),
    [
        (CountingRule.GREEDY, "득표순 선정(예산 범위 안에서)"),
        (CountingRule.MES, "균등 배분 방식(MES)"),
        (CountingRule.MES_ADD1, "균등 배분 방식(남는 예산까지 쓰기)"),
    ],
)
def test_the_vote_page_names_its_rule_plainly_with_a_link(client, pb_vote, rule, label):
    pb_vote.rule = rule
    pb_vote.save(update_fields=["rule"])

    page = client.get(pb_vote.get_absolute_url()).content.decode()

    assert label in page
    assert f'href="/votes/how-counting-works/#{rule.value}"' in page
    assert "자세히" in page
    for word in JARGON:
        assert word not in _text(page)


def test_the_result_page_has_no_jargon(client, resident, pb_vote, district_staff, now):
    cast_ballot(vote=pb_vote, user=resident, choices=Choices(option_ids(pb_vote, 1)), now=now)
    count_vote(
        vote=pb_vote, staff=district_staff, now=pb_vote.closes_at + timedelta(seconds=1), ip=None
    )

    page = client.get(f"/votes/{pb_vote.pk}/result/").content.decode()

    assert "득표순 선정(예산 범위 안에서)" in page
    assert 'href="/votes/how-counting-works/#recount"' in page
    assert "투표지 내려받기(다시 세기용 파일)" in page
    for word in [*JARGON, "pabulib"]:
        assert word not in _text(page)
