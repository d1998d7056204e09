"""Plan fixtures (금천구), relative to the clock `now` of the councils' fixtures.

- `doksan1_plan`: 독산1동 주민자치회's approved plan for this year;
- `project`: its project 「마을 축제」, budget 2,000,000원, in progress, nothing spent yet;
- `gasan_project`: a project of 가산동 주민자치회 (approved plan), for "another dong" cases;
- `governance_project`: a project of 금천구 협치회의 (no dong);
- `make_project(plan, title, budget, spent=0)`: a project, with `spent` as one entry;
- `png()`, `PDF`: a small photo and a small PDF, as uploads.
"""

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from maeul.councils.models import Council
from maeul.plans.models import (
    AutonomyPlan,
    BudgetSource,
    PlanStatus,
    Programme,
    Project,
    ProjectStatus,
    SpendingEntry,
)
from tests.councils import conftest as councils

# The councils' fixtures, shared by name (pytest finds fixtures among a conftest's globals).
now = councils.now
today = councils.today
doksan1_council = councils.doksan1_council
doksan1_sections = councils.doksan1_sections
gasan_council = councils.gasan_council
governance_council = councils.governance_council

IP = "203.0.113.9"
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def png_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


def png(name: str = "receipt.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, png_bytes(), content_type="image/png")


def pdf(name: str = "receipt.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """Uploads go to a temporary directory: photos to media, receipts to private storage.

    Returns the private directory, where the receipts the tests look for are kept.
    """
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_ROOT = tmp_path / "private"
    return tmp_path / "private"


def make_plan(council: Council, year: int, status: str = PlanStatus.APPROVED) -> AutonomyPlan:
    return AutonomyPlan.objects.create(council=council, year=year, status=status)


def make_project(
    plan: AutonomyPlan,
    title: str,
    budget: int,
    spent: int = 0,
    *,
    programme: str = Programme.RESIDENT_ACTIVITY,
    status: str = ProjectStatus.IN_PROGRESS,
    **fields,
) -> Project:
    council = plan.council
    project = Project.objects.create(
        plan=plan,
        district_id=council.district_id,
        dong_id=council.dong_id,
        year=plan.year,
        title=title,
        programme=programme,
        budget_source=fields.pop("budget_source", BudgetSource.DISTRICT),
        budget=budget,
        starts_on=date(plan.year, 3, 1),
        ends_on=date(plan.year, 11, 30),
        status=status,
        **fields,
    )
    if spent:
        SpendingEntry.objects.create(
            project=project,
            spent_on=date(plan.year, 1, 1),
            amount=spent,
            payee="마을인쇄소",
            purpose="홍보물 인쇄",
            created_at=timezone.now(),
        )
        Project.objects.filter(pk=project.pk).update(spent=spent)
        project.refresh_from_db()
    return project


@pytest.fixture
def year(today) -> int:
    return today.year


@pytest.fixture
def doksan1_plan(doksan1_council, year) -> AutonomyPlan:
    return make_plan(doksan1_council, year)


@pytest.fixture
def project(doksan1_plan) -> Project:
    return make_project(doksan1_plan, "마을 축제", 2_000_000)


@pytest.fixture
def gasan_project(gasan_council, year) -> Project:
    return make_project(make_plan(gasan_council, year), "가산 골목 화단", 3_000_000)


@pytest.fixture
def governance_project(governance_council, year) -> Project:
    return make_project(
        make_plan(governance_council, year),
        "청년 일자리 박람회",
        10_000_000,
        programme=Programme.COMMUNITY_INNOVATION,
    )
