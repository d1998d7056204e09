import pytest


def test_directory_lists_geumcheon_dongs(client, places, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        response = client.get("/districts/")
    assert response.status_code == 200
    page = response.content.decode()
    for name in [
        "가산동",
        "독산1동",
        "독산2동",
        "독산3동",
        "독산4동",
        "시흥1동",
        "시흥2동",
        "시흥3동",
        "시흥4동",
        "시흥5동",
    ]:
        assert name in page
    assert 'lang="ko"' in page


def test_district_page_lists_its_dongs_and_offices(client, places, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        response = client.get("/districts/1156000000/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "서울특별시 영등포구" in page
    assert "당산1동" in page
    assert "여의동" in page
    assert "가산동" not in page


def test_district_page_shows_the_district_office(client, places):
    response = client.get("/districts/1154500000/")

    assert response.status_code == 200
    assert "서울특별시 금천구 시흥대로73길 70" in response.content.decode()


@pytest.mark.parametrize("code", ["0000000000", "1154551000", "금천구"])
def test_unknown_district_is_not_found(client, places, code):
    assert client.get(f"/districts/{code}/").status_code == 404
