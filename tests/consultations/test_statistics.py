"""Participation statistics: by dong and age group with small groups hidden, the same on
the page and in the XLSX file; forum attendance by invited group."""

import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from maeul.consultations.statistics import consultation_figures
from tests.consultations.conftest import answer_as, open_consultation, respondent

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(geumcheon, doksan1, gasan, district_staff):
    consultation = open_consultation(geumcheon, district_staff)
    now = timezone.now()
    for _n in range(5):
        answer_as(consultation, respondent(doksan1), now=now)
    for _n in range(6):
        answer_as(consultation, respondent(gasan, birth_year=1995), now=now)
    answer_as(consultation, respondent(gasan, birth_year=1950), now=now)
    return consultation


def test_figures_hide_small_groups(answered):
    figures = consultation_figures()[0]

    assert figures.participation.respondents == 12
    assert figures.participation.by_dong == [("가산동", 7), ("독산1동", 5)]
    # One person in their 70s: hidden, and the 40s (five, the next smallest) with them.
    by_age = dict(figures.participation.by_age_group)
    assert by_age["70세 이상"] is None
    assert sorted(n for n in by_age.values() if n is not None) == [6]


def test_the_xlsx_has_the_same_figures(client, answered):
    response = client.get(reverse("consultations:statistics_xlsx"))

    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    rows = list(workbook["동·연령대별"].iter_rows(min_row=2, values_only=True))
    assert rows[0][1:] == ("동", "가산동", 7)
    assert [row[1:] for row in rows if row[2] == "70세 이상"] == [
        ("연령대", "70세 이상", "5명 미만")
    ]
    assert next(iter(workbook["여론수렴 참여"].iter_rows(min_row=2, values_only=True)))[3] == 12


def test_the_page_renders(client, answered):
    page = client.get(reverse("consultations:statistics"))

    assert page.status_code == 200
    assert answered.title in page.content.decode()


def test_the_csv_has_the_same_groups(client, answered):
    response = client.get(reverse("consultations:statistics_csv"))

    text = response.content.decode("utf-8-sig")
    assert text.splitlines()[0] == "여론수렴,구분,집단,응답자 수"
    assert ",동,가산동,7" in text
    assert ",연령대,70세 이상,5명 미만" in text
