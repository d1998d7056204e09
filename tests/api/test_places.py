"""The open-data API for districts and dongs, and its OpenAPI schema."""


def test_districts_lists_each_district_with_its_dong_count(client, places):
    response = client.get("/api/districts")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    rows = response.json()
    assert [(row["code"], row["name"], row["dong_count"]) for row in rows] == [
        ("1154500000", "금천구", 10),
        ("1156000000", "영등포구", 18),
    ]
    geumcheon = rows[0]
    assert geumcheon["city"] == "서울특별시"
    assert geumcheon["office_address"] == "서울특별시 금천구 시흥대로73길 70"
    assert geumcheon["office_phone"] == "02-2627-2114"


def test_districts_is_empty_before_any_place_is_loaded(client, db):
    response = client.get("/api/districts")

    assert response.status_code == 200
    assert response.json() == []


def test_dongs_of_a_district(client, places):
    response = client.get("/api/districts/1154500000/dongs")

    assert response.status_code == 200
    rows = response.json()
    assert len(rows) == 10
    assert rows[0] == {
        "code": "1154551000",
        "name": "가산동",
        "district_code": "1154500000",
        "office_address": "서울특별시 금천구 가산로 129",
        "office_phone": "",
    }
    assert [row["code"] for row in rows] == sorted(row["code"] for row in rows)
    assert {row["district_code"] for row in rows} == {"1154500000"}


def test_dongs_of_an_unknown_district_is_not_found(client, places):
    response = client.get("/api/districts/0000000000/dongs")

    assert response.status_code == 404


def test_api_lists_are_cheap(client, places, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        client.get("/api/districts")
    with django_assert_max_num_queries(3):
        client.get("/api/districts/1156000000/dongs")


def test_openapi_schema_lists_both_paths(client, db):
    response = client.get("/api/openapi.json")

    assert response.status_code == 200
    schema = response.json()
    assert schema["info"]["title"] == "Maeul API"
    assert "/api/districts" in schema["paths"]
    assert "/api/districts/{code}/dongs" in schema["paths"]
    assert "get" in schema["paths"]["/api/districts/{code}/dongs"]
