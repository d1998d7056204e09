"""Consultations: the public list and page, answering, the debate, and staff desks."""

from django.urls import URLPattern, path

from maeul.consultations.views import (
    debate,
    forums,
    processes,
    public,
    setup,
    staff,
    statistics,
    suggestions,
)

app_name = "consultations"

urlpatterns: list[URLPattern] = [
    path("consultations/", public.consultation_list, name="list"),
    path("consultations/<int:pk>/", public.consultation_detail, name="detail"),
    path("consultations/statistics/", statistics.statistics_page, name="statistics"),
    path("consultations/statistics.xlsx", statistics.statistics_xlsx, name="statistics_xlsx"),
    path("consultations/statistics.csv", statistics.statistics_csv, name="statistics_csv"),
    path("consultations/<int:pk>/answer/", public.answer, name="answer"),
    path("consultations/<int:pk>/arguments/", debate.add_argument, name="argue"),
    path("consultations/arguments/<int:pk>/reply/", debate.reply, name="reply"),
    path("consultations/arguments/<int:pk>/support/", debate.support, name="support"),
    path("consultations/arguments/<int:pk>/report/", debate.report, name="report"),
    path("forums/", forums.forum_list, name="forums"),
    path("forums/<int:pk>/", forums.forum_detail, name="forum"),
    path("forums/<int:pk>/register/", forums.register, name="forum_register"),
    path("forums/registrations/<int:pk>/cancel/", forums.cancel, name="forum_cancel"),
    path("staff/forums/", forums.staff_forums, name="staff_forums"),
    path("staff/forums/new/", setup.new_forum, name="staff_new_forum"),
    path("staff/forums/<int:pk>/", forums.forum_desk, name="staff_forum"),
    path("staff/forums/<int:pk>/attendance/", forums.attendance, name="staff_forum_attendance"),
    path("staff/forums/<int:pk>/notes/", forums.table_note, name="staff_forum_note"),
    path("staff/forums/<int:pk>/outcome/", forums.outcome, name="staff_forum_outcome"),
    path("processes/", processes.process_list, name="processes"),
    path("processes/<int:pk>/", processes.process_detail, name="process"),
    path("staff/processes/new/", setup.new_process, name="staff_new_process"),
    path("staff/processes/<int:pk>/decision/", processes.decide, name="process_decide"),
    path("suggestions/", suggestions.suggestion_list, name="suggestions"),
    path("staff/suggestions/", suggestions.staff_suggestions, name="staff_suggestions"),
    path("staff/suggestions/record/", suggestions.record, name="staff_record_suggestion"),
    path("staff/suggestions/<int:pk>/", suggestions.desk, name="staff_suggestion"),
    path(
        "staff/suggestions/<int:pk>/<str:step>/",
        suggestions.act_on,
        name="staff_suggestion_step",
    ),
    path("staff/consultations/", staff.consultation_list, name="staff_list"),
    path("staff/consultations/new/", staff.new_consultation, name="staff_new"),
    path("staff/consultations/<int:pk>/", staff.desk, name="staff_desk"),
    path("staff/consultations/<int:pk>/publish/", staff.publish, name="staff_publish"),
    path("staff/consultations/<int:pk>/results/", staff.publish_results, name="staff_results"),
    path("staff/consultations/<int:pk>/response/", staff.respond, name="staff_respond"),
    path("staff/consultations/<int:pk>/summary/", staff.summarise, name="staff_summarise"),
    path(
        "staff/consultations/arguments/<int:pk>/moderate/",
        staff.moderate_argument,
        name="staff_moderate_argument",
    ),
]
