"""Accountability tables (예산액 / 집행액 / 집행률): computed rates, subtotals by dong and programme,
filters, a fixed number of queries however many projects, and exports whose totals agree."""

import csv
import io
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse
from django.utils import translation

from maeul.core.spreadsheets import BOM
from maeul.councils.models import Council, CouncilKind
from maeul.places.models import Dong
from maeul.plans.accountability import AccountabilityFilter, accountability_table, parse_filter
from maeul.plans.exports import PROJECT_COLUMNS
from maeul.plans.models import (
    AutonomyPlan,
    BudgetSource,
    PlanStatus,
    Programme,
    Project,
    ProjectStatus,
)
from tests.plans.conftest import make_plan, make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def district_projects(doksan1_plan, gasan_council, governance_council, year):
    """독산1동: 2,000,000 of which 1,234,000 spent, and 1,000,000 untouched (동단위 시민참여예산);
    가산동: 3,000,000 with 3,000,000 spent; 협치회의: 10,000,000 with 2,500,000 spent."""
    festival = make_project(doksan1_plan, "마을 축제", 2_000_000, 1_234_000)
    garden = make_project(
        doksan1_plan, "골목 화단", 1_000_000, programme=Programme.DONG_PARTICIPATORY_BUDGET
    )
    gasan = make_project(make_plan(gasan_council, year), "가산 벽화", 3_000_000, 3_000_000)
    fair = make_project(
        make_plan(governance_council, year),
        "청년 일자리 박람회",
        10_000_000,
        2_500_000,
        programme=Programme.COMMUNITY_INNOVATION,
    )
    return {"festival": festival, "garden": garden, "gasan": gasan, "fair": fair}


def page(client, **params):
    return client.get(reverse("plans:accountability"), params)


# --- Rows and totals ------------------------------------------------------------------------
def test_the_execution_rate_is_computed_from_the_spending(client, district_projects, geumcheon):
    response = page(client, district=geumcheon.code)

    assert response.status_code == 200
    table = response.context["table"]
    row = next(r for r in table.rows if r.title == "마을 축제")
    assert (row.budget, row.spent, row.percent) == (2_000_000, 1_234_000, Decimal("61.7"))
    html = response.content.decode()
    assert "61.7%" in html and "1,234" in html and "2,000" in html


def test_totals_at_each_level(district_projects, geumcheon, doksan1):
    with translation.override("en"):
        table = accountability_table(AccountabilityFilter(district=geumcheon.code))

    assert (table.total.budget, table.total.spent, table.total.projects) == (
        16_000_000,
        6_734_000,
        4,
    )
    assert table.total.percent == Decimal("42.1")  # 6,734,000 / 16,000,000 = 42.0875 %
    by_dong = {
        g.label: (g.amounts.budget, g.amounts.spent, g.amounts.projects) for g in table.by_dong
    }
    assert by_dong == {
        "독산1동": (3_000_000, 1_234_000, 2),
        "가산동": (3_000_000, 3_000_000, 1),
        "Whole district": (10_000_000, 2_500_000, 1),
    }
    assert [g.key for g in table.by_dong][-1] == ""  # district-wide last
    by_programme = {g.key: g.amounts.budget for g in table.by_programme}
    assert by_programme == {
        "resident_activity": 5_000_000,
        "dong_pb": 1_000_000,
        "community_innovation": 10_000_000,
    }


def test_filters_narrow_the_table(district_projects, geumcheon, doksan1, doksan1_council, year):
    def titles(**fields):
        return sorted(r.title for r in accountability_table(AccountabilityFilter(**fields)).rows)

    assert titles(dong=doksan1.code) == ["골목 화단", "마을 축제"]
    assert titles(council=doksan1_council.pk) == ["골목 화단", "마을 축제"]
    assert titles(district=geumcheon.code, programme="dong_pb") == ["골목 화단"]
    assert titles(district=geumcheon.code, year=year - 1) == []
    assert len(titles(district=geumcheon.code, year=year)) == 4


def test_a_budget_of_zero_has_no_rate(doksan1_plan, geumcheon, client):
    make_project(doksan1_plan, "재능기부", 0)

    response = page(client, district=geumcheon.code)

    row = response.context["table"].rows[0]
    assert row.rate is None and row.percent is None
    assert response.status_code == 200


def test_projects_of_plans_being_written_are_not_public(doksan1_council, geumcheon, year, client):
    draft = make_plan(doksan1_council, year + 1, status=PlanStatus.DRAFT)
    make_project(draft, "작성 중 사업", 1_000_000)

    response = page(client, district=geumcheon.code)

    assert response.context["table"].rows == []
    assert client.get(reverse("plans:project", args=[Project.objects.get().pk])).status_code == 404


def test_unknown_filter_values_are_dropped():
    assert (
        parse_filter(
            {
                "district": "'; drop",
                "dong": "1" * 30,
                "council": "-1",
                "year": "1850",
                "programme": "x",
            }
        )
        == AccountabilityFilter()
    )
    assert parse_filter({"year": "2021", "programme": "dong_pb"}) == AccountabilityFilter(
        year=2021, programme="dong_pb"
    )


def test_the_page_shows_subtotals_and_a_chart_readable_as_a_table(
    client, district_projects, geumcheon
):
    html = page(client, district=geumcheon.code).content.decode()

    assert 'aria-hidden="true"' in html and "<progress" in html
    assert 'role="region"' in html and "<caption" in html
    assert html.count('class="subtotal"') == 3
    assert 'value="61.7"' in html


def test_an_unknown_district_is_404(client, places):
    assert page(client, district="9999999999").status_code == 404


def test_the_default_district_is_the_sites(client, district_projects, settings, geumcheon):
    settings.MAEUL_DEFAULT_DISTRICT = geumcheon.code
    response = client.get(reverse("plans:accountability"))
    assert response.context["place"].district == geumcheon


def test_a_dong_implies_its_district(client, district_projects, doksan1, geumcheon):
    response = page(client, dong=doksan1.code)
    assert response.context["place"].district == geumcheon
    assert len(response.context["table"].rows) == 2


def test_the_filter_form_keeps_what_was_chosen(client, district_projects, doksan1, geumcheon, year):
    response = page(
        client, dong=doksan1.code, year=year, programme=Programme.DONG_PARTICIPATORY_BUDGET
    )

    page_html = response.content.decode()
    html = page_html[page_html.index('class="filters"') :]
    html = html[: html.index("</form>")]
    assert f'<option value="{geumcheon.code}" selected>' in html
    assert f'<option value="{doksan1.code}" selected>' in html
    assert f'<option value="{year}" selected>{year}</option>' in html
    assert f'<option value="{Programme.DONG_PARTICIPATORY_BUDGET}" selected>' in html
    assert html.count(" selected>") == 4  # the council stays "All"


# --- Speed: a fixed number of queries -------------------------------------------------------
def _fill_district(district, *, dongs: int, projects: int, year: int) -> None:
    councils = [
        Council.objects.get_or_create(
            dong=dong,
            defaults={
                "kind": CouncilKind.RESIDENT,
                "district": district,
                "name": f"{dong.name} 주민자치회",
            },
        )[0]
        for dong in Dong.objects.filter(district=district).order_by("code")[:dongs]
    ]
    rows = []
    for council in councils:
        plan = AutonomyPlan.objects.create(council=council, year=year, status=PlanStatus.APPROVED)
        rows += [
            Project(
                plan=plan,
                district=district,
                dong_id=council.dong_id,
                year=year,
                title=f"{council.name} 사업 {n}",
                programme=Programme.RESIDENT_ACTIVITY
                if n % 2
                else Programme.DONG_PARTICIPATORY_BUDGET,
                budget_source=BudgetSource.DISTRICT,
                budget=1_000_000 + n,
                spent=n * 1000,
                starts_on=date(year, 3, 1),
                ends_on=date(year, 11, 30),
                status=ProjectStatus.IN_PROGRESS,
            )
            for n in range(projects)
        ]
    Project.objects.bulk_create(rows)


@pytest.mark.parametrize(("dongs", "projects"), [(2, 3), (10, 40)])
def test_the_district_page_runs_a_fixed_number_of_queries(
    client, geumcheon, year, dongs, projects, django_assert_num_queries
):
    _fill_district(geumcheon, dongs=dongs, projects=projects, year=year)

    with django_assert_num_queries(6):
        response = page(client, district=geumcheon.code, year=year)

    assert len(response.context["table"].rows) == dongs * projects


@pytest.mark.parametrize(("dongs", "projects"), [(2, 3), (10, 40)])
def test_the_exports_run_a_fixed_number_of_queries(
    client, geumcheon, year, dongs, projects, django_assert_num_queries
):
    _fill_district(geumcheon, dongs=dongs, projects=projects, year=year)

    with django_assert_num_queries(2):
        client.get(reverse("plans:export_xlsx"), {"district": geumcheon.code, "year": year})
    with django_assert_num_queries(2):
        client.get(reverse("plans:export_csv"), {"district": geumcheon.code, "year": year})


# --- Exports --------------------------------------------------------------------------------
def _workbook(response):
    return openpyxl.load_workbook(io.BytesIO(response.content))


def test_the_xlsx_opens_and_its_totals_equal_the_pages(client, district_projects, geumcheon):
    params = {"district": geumcheon.code}
    shown = page(client, **params).context["table"]

    response = client.get(reverse("plans:export_xlsx"), params)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Content-Disposition"].startswith("attachment;")
    workbook = _workbook(response)
    assert workbook.sheetnames[:3] == ["사업별", "동별", "사업유형별"]
    sheet = workbook["사업별"]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == list(PROJECT_COLUMNS)
    assert len(rows) == 1 + len(shown.rows) + 1
    total = dict(zip(PROJECT_COLUMNS, rows[-1], strict=True))
    assert total["연도"] == "합계"
    assert total["예산액(천원)"] == 16_000 and total["집행액(천원)"] == 6_734
    assert total["예산액(원)"] == shown.total.budget and total["집행액(원)"] == shown.total.spent
    assert Decimal(str(total["집행률(%)"])) == shown.total.percent
    festival = next(dict(zip(PROJECT_COLUMNS, r, strict=True)) for r in rows if r[3] == "마을 축제")
    assert (festival["예산액(천원)"], festival["집행액(천원)"], festival["집행률(%)"]) == (
        2_000,
        1_234,
        61.7,
    )
    assert (festival["사업유형"], festival["재원"], festival["동"]) == (
        "주민자치활동 지원사업",
        "구비",
        "독산1동",
    )
    assert (
        sheet.cell(row=2, column=PROJECT_COLUMNS.index("예산액(원)") + 1).number_format == "#,##0"
    )
    dongs = list(workbook["동별"].iter_rows(values_only=True))
    assert dongs[0][0] == "동" and dongs[-1][0] == "합계" and dongs[-1][-2] == 16_000_000


def test_the_csv_opens_with_korean_and_the_same_totals(client, district_projects, geumcheon):
    response = client.get(reverse("plans:export_csv"), {"district": geumcheon.code})

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = response.content.decode("utf-8")
    assert body.startswith(BOM)
    lines = list(csv.reader(io.StringIO(body.removeprefix(BOM))))
    assert lines[0] == list(PROJECT_COLUMNS)
    assert any("마을 축제" in line for line in lines)
    total = dict(zip(PROJECT_COLUMNS, lines[-1], strict=True))
    assert (total["연도"], total["예산액(원)"], total["집행액(원)"], total["집행률(%)"]) == (
        "합계",
        "16000000",
        "6734000",
        "42.1",
    )


def test_exports_follow_the_filters(client, district_projects, doksan1):
    response = client.get(
        reverse("plans:export_csv"), {"dong": doksan1.code, "programme": "dong_pb"}
    )
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [line[3] for line in lines[1:-1]] == ["골목 화단"]


def test_cells_that_look_like_formulas_are_written_as_text(client, doksan1_plan, geumcheon):
    make_project(doksan1_plan, '=HYPERLINK("http://evil.example")', 1_000)

    sheet = _workbook(client.get(reverse("plans:export_xlsx"), {"district": geumcheon.code}))[
        "사업별"
    ]
    csv_body = client.get(
        reverse("plans:export_csv"), {"district": geumcheon.code}
    ).content.decode()

    assert sheet.cell(row=2, column=4).value.startswith("'=")
    assert sheet.cell(row=2, column=4).data_type == "s"
    assert "'=HYPERLINK" in csv_body


def test_a_file_name_says_what_it_holds(client, district_projects, geumcheon, year):
    response = client.get(reverse("plans:export_xlsx"), {"district": geumcheon.code, "year": year})
    assert (
        f'filename="accountability-{geumcheon.code}-{year}.xlsx"' in response["Content-Disposition"]
    )


def test_an_empty_table_exports_a_header_and_a_zero_total(client, places, geumcheon):
    lines = list(
        csv.reader(
            io.StringIO(
                client.get(
                    reverse("plans:export_csv"), {"district": geumcheon.code}
                ).content.decode("utf-8-sig")
            )
        )
    )
    assert lines[0] == list(PROJECT_COLUMNS) and lines[-1][0] == "합계" and lines[-1][-1] == "0"


def test_the_files_are_korean_for_an_english_reader(client, district_projects, geumcheon, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    params = {"district": geumcheon.code}

    body = client.get(reverse("plans:export_csv"), params).content.decode("utf-8-sig")
    sheet = _workbook(client.get(reverse("plans:export_xlsx"), params))["사업별"]

    with translation.override("ko"):
        in_progress = str(ProjectStatus.IN_PROGRESS.label)
    assert in_progress in body and "In progress" not in body
    assert sheet.cell(row=2, column=PROJECT_COLUMNS.index("진행 상태") + 1).value == in_progress
    page_html = client.get(reverse("plans:project", args=[district_projects["festival"].pk]))
    assert "In progress" in page_html.content.decode()  # the page itself follows the reader
