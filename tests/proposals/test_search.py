"""Korean search over the SearchTerm table: the same results on SQLite and PostgreSQL."""

import pytest

from maeul.proposals.models import Proposal, SearchTerm
from maeul.proposals.search import index_proposal, matching, similar_to
from tests.proposals.factories import ProposalFactory


@pytest.fixture
def indexed(doksan1, categories):
    def make(title, body="자세한 내용은 본문에 적었습니다.", category="교통"):
        proposal = ProposalFactory(
            district=doksan1.district,
            dong=doksan1,
            category=categories[category],
            title=title,
            body=body,
        )
        index_proposal(proposal)
        return proposal

    return make


@pytest.fixture
def parking(indexed):
    return indexed("공영주차장을 늘려 주세요", "저녁마다 골목에 차를 세울 곳이 없습니다.")


@pytest.fixture
def others(indexed):
    return [
        indexed("놀이터에 그늘막을 설치해 주세요", "여름에 아이들이 더위에 지칩니다.", "복지"),
        indexed("하천 산책로 가로등 교체", "밤에 산책로가 어둡습니다.", "안전"),
    ]


def search(query):
    return list(matching(Proposal.objects.all(), query))


@pytest.mark.parametrize(
    "query", ["주차장", "주차", "주차장을", "공영주차장", "공영 주차장", "주차장 늘려"]
)
def test_parking_queries_find_the_parking_proposal(parking, others, query):
    assert search(query) == [parking]


def test_every_word_of_the_query_must_match(parking, others):
    assert search("주차장 그늘막") == []
    assert search("놀이터 그늘막") == [others[0]]


def test_body_words_are_found_too(parking, others):
    assert search("골목") == [parking]


@pytest.mark.parametrize("query", ["도서관", "지하철역", "xyzzy"])
def test_unrelated_words_find_nothing(parking, others, query):
    assert search(query) == []


@pytest.mark.parametrize(
    "query", ["' OR 1=1 --", "%", "_", "'; DROP TABLE proposals_proposal; --", '") OR ("1"="1']
)
def test_sql_like_input_finds_nothing_and_breaks_nothing(parking, others, query):
    assert search(query) == []
    assert Proposal.objects.count() == 3


def test_an_empty_query_leaves_the_list_alone(parking, others):
    assert len(search("  ")) == 3


def test_reindexing_replaces_the_terms(parking):
    parking.title = "버스 정류장에 의자를 놓아 주세요"
    parking.body = "어르신들이 서서 기다립니다."
    parking.save()
    index_proposal(parking)

    assert search("주차장") == []
    assert search("정류장") == [parking]
    assert not SearchTerm.objects.filter(proposal=parking, term="주차장").exists()


def test_similar_titles_come_first(parking, others, indexed):
    near = indexed("공영주차장 확충 요청", "주차할 곳이 부족합니다.")

    found = similar_to("공영주차장을 더 늘려 주세요", Proposal.objects.exclude(pk=parking.pk))

    assert found[0] == near
    assert others[0] not in found
    assert others[1] not in found


def test_similar_to_an_unrelated_title_finds_nothing(parking, others):
    assert similar_to("도서관 운영 시간 연장", Proposal.objects.all()) == []
