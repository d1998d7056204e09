"""The page /search/: results, filters, counts, the header link, and bad input."""

import pytest

from tests.korean import assert_shows, korean, page_text

pytestmark = pytest.mark.django_db


def get(client, **params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response


def test_every_page_header_has_the_search_form(client, places):
    for path in ["/", "/proposals/", "/spaces/", "/search/"]:
        page = client.get(path).content.decode()
        assert 'role="search"' in page and 'action="/search/"' in page, path


def test_an_inflected_word_finds_the_proposal_with_its_snippet_marked(client, parking, project):
    response = get(client, q="주차장을")
    page = response.content.decode()
    assert "공영주차장을 늘려 주세요" in page
    assert parking.get_absolute_url() in page
    assert "<mark>주차장</mark>" in page
    assert korean("Proposals") in page and korean("Projects") in page


def test_kind_filter_and_counts(client, parking, project):
    page = page_text(get(client, q="주차장", kind="project"))
    assert "주차장 공유 사업" in page
    assert "공영주차장을 늘려 주세요" not in page


def test_content_is_escaped_never_html(client, doksan1):
    from tests.search.conftest import make_proposal

    make_proposal(doksan1, "주차장 <script>alert(1)</script>", "<b>주차장</b> <img src=x>")
    page = get(client, q="주차장").content.decode()
    assert "<script>alert(1)" not in page and "<img src=x>" not in page
    assert "&lt;script&gt;" in page


def test_a_page_of_results_takes_a_fixed_number_of_queries(
    client, parking, project, space, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        get(client, q="주차장")


def test_empty_query_asks_for_words(client, places):
    assert_shows(
        get(client, q=""),
        "Type the words you are looking for. Endings do not matter: 주차장을 finds 주차장.",
    )


@pytest.mark.parametrize("q", ["주차장" * 667, "parking " * 250])
def test_a_query_of_2000_characters_is_refused_with_a_message(client, parking, q):
    response = client.get("/search/", {"q": q[:2000]})
    if response.status_code == 414:
        # Longer than the address limit once encoded: the site's Korean answer comes first.
        assert "주소가" in page_text(response) or "검색" in page_text(response)
        return
    assert response.status_code == 200
    assert_shows(response, "Please keep the search to %(max)d characters.", max=100)
    assert "공영주차장을 늘려 주세요" not in page_text(response)


def test_symbols_only_finds_nothing_and_says_why(client, parking):
    response = get(client, q="!!! ??? ###")
    assert_shows(response, "There is no letter or number to search for. Please type a word.")


def test_control_characters_are_removed(client, parking):
    page = page_text(get(client, q="주차\x00장\x07을\u200b"))
    assert "공영주차장을 늘려 주세요" in page


@pytest.mark.parametrize(
    ("param", "value", "msgid"),
    [
        ("kind", "recipes", "There is no such kind to search. Please choose one from the list."),
        ("dong", "9999999999", "There is no such dong. Please choose one from the list."),
        ("dong", "독산1동", "There is no such dong. Please choose one from the list."),
        ("year", "20x4", "Please give the year as four digits, such as 2024."),
        ("year", "99999", "Please give the year as four digits, such as 2024."),
    ],
)
def test_an_unknown_filter_is_named_and_nothing_is_shown(client, parking, param, value, msgid):
    response = get(client, q="주차장", **{param: value})
    assert_shows(response, msgid)
    assert "공영주차장을 늘려 주세요" not in page_text(response)
