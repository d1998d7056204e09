"""Agenda items, meetings and events (included into the `councils` namespace)."""

from django.urls import URLPattern, path

from maeul.councils.views import agenda

urlpatterns: list[URLPattern] = [
    path("councils/<int:pk>/agenda/", agenda.agenda, name="agenda"),
    path("councils/<int:pk>/agenda/new/", agenda.agenda_write, name="agenda_write"),
    path("councils/agenda/<int:pk>/", agenda.agenda_item, name="agenda_item"),
    path("councils/meetings/<int:pk>/", agenda.meeting, name="meeting"),
    path("councils/events/<int:pk>/", agenda.event, name="event"),
    path("staff/councils/<int:pk>/agenda/", agenda.staff_agenda, name="staff_agenda"),
    path("staff/councils/<int:pk>/agenda/promote/", agenda.staff_promote, name="staff_promote"),
    path(
        "staff/councils/agenda/<int:pk>/status/",
        agenda.staff_agenda_status,
        name="staff_agenda_status",
    ),
    path("staff/councils/<int:pk>/meetings/", agenda.staff_meeting, name="staff_meeting"),
    path(
        "staff/councils/<int:pk>/events/",
        agenda.staff_event_schedule,
        name="staff_event_schedule",
    ),
    path("staff/councils/events/<int:pk>/", agenda.staff_event, name="staff_event"),
    path("staff/councils/events/<int:pk>/vote/", agenda.staff_event_vote, name="staff_event_vote"),
    path(
        "staff/councils/events/<int:pk>/result/",
        agenda.staff_event_result,
        name="staff_event_result",
    ),
    path(
        "staff/councils/events/<int:pk>/minutes/",
        agenda.staff_event_minutes,
        name="staff_event_minutes",
    ),
]
