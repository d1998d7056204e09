"""Every response and query schema of the API has its own name in the published description.

The OpenAPI description keys schemas by class name: two classes with one name leave one of
them described with the other's fields (as a grant category and a proposal category once were).
"""

from collections import defaultdict

from django.test import Client
from ninja import Schema

import maeul.api.root  # noqa: F401  (imports every router and so every schema)


def _api_schemas() -> list[type[Schema]]:
    found, todo = [], list(Schema.__subclasses__())
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__module__.startswith("maeul.api"):
            found.append(cls)
    return found


def test_no_two_api_schemas_share_a_name() -> None:
    by_name: dict[str, set[str]] = defaultdict(set)
    for cls in _api_schemas():
        by_name[cls.__name__].add(f"{cls.__module__}.{cls.__qualname__}")
    assert {name: where for name, where in by_name.items() if len(where) > 1} == {}


def test_the_described_fields_are_each_schemas_own(client: Client) -> None:
    components = client.get("/api/openapi.json").json()["components"]["schemas"]
    assert set(components["GrantCategoryOut"]["properties"]) == {
        "kind",
        "name",
        "cap_percent",
        "cap_won",
    }
    assert set(components["CategoryOut"]["properties"]) == {"id", "name"}
    assert set(components["QuestionOptionOut"]["properties"]) == {"id", "label"}
    assert "cost" in components["OptionOut"]["properties"]
    assert set(components["CouncilRef"]["properties"]) == {"id", "name"}
    assert set(components["CouncilWithKind"]["properties"]) == {"id", "name", "kind"}
    assert "joined_on" in components["MemberOut"]["properties"]
    assert set(components["DongCouncilMember"]["properties"]) == {"name", "role", "section"}
    assert "by_dong" in components["GrantStatisticsOut"]["properties"]
    assert set(components["SpaceStatisticsOut"]["properties"]) == {"month", "spaces"}
