"""Participation statistics: the public page and its XLSX file (the same figures)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation

from maeul.consultations.spreadsheet import participation_csv, participation_workbook
from maeul.consultations.statistics import consultation_figures, forum_figures
from maeul.core.downloads import attachment
from maeul.core.spreadsheets import CSV_TYPE, XLSX_TYPE


def statistics_page(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "consultations/statistics.html",
        {"consultations": consultation_figures(), "forums": forum_figures()},
    )


def statistics_xlsx(request: HttpRequest) -> HttpResponse:
    with translation.override("ko"):
        content = participation_workbook()
    return attachment(content, XLSX_TYPE, "participation.xlsx")


def statistics_csv(request: HttpRequest) -> HttpResponse:
    """Respondents by dong and age group per consultation (the XLSX's second sheet)."""
    with translation.override("ko"):
        content = participation_csv()
    return attachment(content, CSV_TYPE, "participation.csv")
