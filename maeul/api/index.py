"""GET /api/: what the API is and where its parts are, for a person or a program exploring it."""

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Router, Schema

router = Router(tags=["index"])

# (path under /api/, name, what it holds)
GROUPS = [
    ("districts", "places", gettext_lazy("Districts and their dongs")),
    ("proposals", "proposals", gettext_lazy("Residents' proposals, supports and answers")),
    ("votes", "votes", gettext_lazy("Votes, their options, receipts and results")),
    ("councils", "councils", gettext_lazy("Resident councils, members and sections")),
    ("agenda-items", "agenda", gettext_lazy("Agenda items of the councils")),
    ("projects", "projects", gettext_lazy("Projects with budget, spending and execution rate")),
    ("grant-calls", "grant-calls", gettext_lazy("Grant calls with budget, timeline and caps")),
    (
        "grant-applications",
        "grant-applications",
        gettext_lazy("Archive of submitted grant applications (public parts)"),
    ),
    (
        "grant-statistics",
        "grant-statistics",
        gettext_lazy("Grant statistics by programme, dong and year"),
    ),
    ("spaces", "spaces", gettext_lazy("Community spaces, rooms, free slots and usage")),
    (
        "consultations",
        "consultations",
        gettext_lazy("Consultations with their questions, results and responses"),
    ),
]


class Link(Schema):
    name: str
    href: str
    description: str


class ApiIndex(Schema):
    name: str
    version: str
    description: str
    openapi: str
    docs: str
    endpoints: list[Link]


@router.get("/", response=ApiIndex, summary="What this API offers", url_name="index")
def index(request: HttpRequest) -> ApiIndex:
    root = reverse("api:api-root")
    return ApiIndex(
        name="Maeul API",
        version="1",
        description=_("Open data of Maeul: districts and dongs, proposals, votes and projects."),
        openapi=reverse("api:openapi-json"),
        docs=reverse("api:openapi-view"),
        endpoints=[
            Link(name=name, href=f"{root}{path}", description=str(description))
            for path, name, description in GROUPS
        ],
    )
