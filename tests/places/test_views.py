def test_home_lists_geumcheon_dongs(client, places, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        response = client.get("/")
    assert response.status_code == 200
    page = response.content.decode()
    for name in ["가산동", "독산1동", "독산2동", "독산3동", "독산4동",
                 "시흥1동", "시흥2동", "시흥3동", "시흥4동", "시흥5동"]:
        assert name in page
    assert 'lang="ko"' in page
