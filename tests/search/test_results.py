"""Ranking, filters, counts and snippets of a search."""

from datetime import timedelta

import pytest

from maeul.search.query import parse_search
from maeul.search.results import counts, hits, ranked
from maeul.search.snippets import snippet
from tests.search.conftest import NOW, make_proposal

pytestmark = pytest.mark.django_db


def titles(q: str, **filters) -> list[str]:
    return [d.title for d in ranked(parse_search(q=q, **filters))]


def test_a_title_hit_ranks_above_a_body_hit(doksan1):
    make_proposal(doksan1, "골목 정비", "새 주차장이 필요합니다.", when=NOW)
    make_proposal(doksan1, "주차장 확충", "골목 이야기", when=NOW - timedelta(days=300))
    assert titles("주차장을") == ["주차장 확충", "골목 정비"]


def test_the_exact_phrase_ranks_above_scattered_words(doksan1):
    make_proposal(doksan1, "주차 공간과 공영 시설", "주차 공영", when=NOW)
    make_proposal(doksan1, "공영 주차 공간", "공영 주차", when=NOW - timedelta(days=30))
    assert titles("공영 주차") == ["공영 주차 공간", "주차 공간과 공영 시설"]


def test_recency_breaks_a_tie(doksan1):
    make_proposal(doksan1, "가로등 설치 (작년)", when=NOW - timedelta(days=400))
    make_proposal(doksan1, "가로등 설치 (올해)", when=NOW)
    assert titles("가로등") == ["가로등 설치 (올해)", "가로등 설치 (작년)"]


def test_every_word_must_be_found_and_a_prefix_finds_a_longer_word(doksan1):
    make_proposal(doksan1, "공영주차장을 늘려 주세요")
    make_proposal(doksan1, "주차 단속을 해 주세요")
    assert titles("주차") == ["주차 단속을 해 주세요", "공영주차장을 늘려 주세요"]
    assert titles("공영 주차장") == ["공영주차장을 늘려 주세요"]
    assert titles("공영주차장") == ["공영주차장을 늘려 주세요"]
    assert titles("주차장 도서관") == []


def test_filters_by_kind_dong_and_year_and_counts_every_kind(
    doksan1, gasan, parking, project, space
):
    make_proposal(gasan, "가산동 주차장", when=NOW - timedelta(days=800))
    search = parse_search(q="주차장")
    assert {(c.kind, c.count) for c in counts(search) if c.count} == {
        ("proposal", 2),
        ("project", 1),
        ("space", 1),
    }
    assert titles("주차장", kind="project") == ["주차장 공유 사업"]
    assert "가산동 주차장" not in titles("주차장", dong=doksan1.code)
    assert titles("주차장", dong=gasan.code) == ["가산동 주차장"]
    assert titles("주차장", year="2024") == ["가산동 주차장"]
    assert titles("주차장", year="2019") == []


def test_a_row_hidden_by_a_bulk_update_is_not_shown_before_the_index_is_rebuilt(parking):
    from maeul.proposals.models import Proposal, Status

    Proposal.objects.filter(pk=parking.pk).update(status=Status.HIDDEN, hidden_reason="광고")
    search = parse_search(q="주차장")
    assert hits(list(ranked(search)), search) == []


def test_a_snippet_marks_the_words_around_the_first_one_found():
    text = "가" * 100 + " 저녁마다 주차장이 부족합니다. " + "나" * 300
    parts = snippet(text, ["주차장"])
    assert parts[0].text == "…" and parts[-1].text == "…"
    assert [p.text for p in parts if p.marked] == ["주차장"]
    assert sum(len(p.text) for p in parts) <= 162


def test_a_snippet_is_plain_text_parts():
    parts = snippet("<script>alert(1)</script> 주차장", ["주차장"])
    assert "".join(p.text for p in parts) == "<script>alert(1)</script> 주차장"


def test_a_compound_is_found_whether_the_sentence_cut_it_or_not(doksan1):
    make_proposal(doksan1, "쓰레기 분리수거를 돕는 방법")
    make_proposal(doksan1, "분리 수거함 위치", "재활용 쓰레기")
    assert titles("쓰레기 분리수거") == ["쓰레기 분리수거를 돕는 방법", "분리 수거함 위치"]
    # A word the analyser keeps whole does not find the same word written apart.
    assert titles("분리수거") == ["쓰레기 분리수거를 돕는 방법"]
