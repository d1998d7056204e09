"""Council pages (namespace `councils`): public pages first, then the staff desks."""

from django.urls import URLPattern, path

from maeul.councils.views import (
    agenda,
    public,
    roster,
    staff,
    staff_agenda,
    staff_events,
    staff_members,
)

app_name = "councils"

urlpatterns: list[URLPattern] = [
    path("councils/", public.council_list, name="list"),
    path("councils/<int:pk>/", public.council_detail, name="detail"),
    path("councils/<int:pk>/recruitment/", public.recruitment, name="recruitment"),
    path("councils/<int:pk>/recruitment/apply/", public.apply, name="apply"),
    path("councils/<int:pk>/agenda/", agenda.agenda, name="agenda"),
    path("councils/<int:pk>/agenda/new/", agenda.agenda_write, name="agenda_write"),
    path("councils/agenda/<int:pk>/", agenda.agenda_item, name="agenda_item"),
    path("councils/meetings/<int:pk>/", agenda.meeting, name="meeting"),
    path("councils/events/<int:pk>/", agenda.event, name="event"),
    # The council's desk: terms, sections, members, the call for members, the cycle.
    path("staff/councils/", staff.council_list, name="staff_list"),
    path("staff/councils/<int:pk>/", staff.desk, name="staff_desk"),
    path("staff/councils/<int:pk>/terms/", staff.start_term, name="staff_start_term"),
    path("staff/councils/<int:pk>/sections/", staff.add_section, name="staff_add_section"),
    path("staff/councils/<int:pk>/members/", staff.add_member, name="staff_add_member"),
    path(
        "staff/councils/<int:pk>/recruitment/",
        staff_members.open_recruitment,
        name="staff_open_recruitment",
    ),
    path("staff/councils/<int:pk>/cycle/", staff.plan_cycle, name="staff_plan_cycle"),
    path("staff/councils/<int:pk>/roster.xlsx", roster.export_roster, name="staff_export_roster"),
    path("staff/councils/members/<int:member_pk>/", staff_members.member, name="staff_member"),
    path(
        "staff/councils/members/<int:member_pk>/end/",
        staff_members.end_member,
        name="staff_end_member",
    ),
    path(
        "staff/councils/recruitments/<int:pk>/close/",
        staff_members.close_recruitment,
        name="staff_close_recruitment",
    ),
    path(
        "staff/councils/recruitments/<int:pk>/select/",
        staff_members.select_members,
        name="staff_select_members",
    ),
    path("staff/councils/steps/<int:pk>/", staff.step, name="staff_step"),
    # The agenda desk: items, proposals taken up, meetings, events.
    path("staff/councils/<int:pk>/agenda/", staff_agenda.staff_agenda, name="staff_agenda"),
    path(
        "staff/councils/<int:pk>/agenda/promote/",
        staff_agenda.staff_promote,
        name="staff_promote",
    ),
    path(
        "staff/councils/agenda/<int:pk>/status/",
        staff_agenda.staff_agenda_status,
        name="staff_agenda_status",
    ),
    path("staff/councils/<int:pk>/meetings/", staff_agenda.staff_meeting, name="staff_meeting"),
    path(
        "staff/councils/<int:pk>/events/",
        staff_agenda.staff_event_schedule,
        name="staff_event_schedule",
    ),
    # The event desk: the assembly's vote and result, the minutes.
    path("staff/councils/events/<int:pk>/", staff_events.staff_event, name="staff_event"),
    path(
        "staff/councils/events/<int:pk>/vote/",
        staff_events.staff_event_vote,
        name="staff_event_vote",
    ),
    path(
        "staff/councils/events/<int:pk>/result/",
        staff_events.staff_event_result,
        name="staff_event_result",
    ),
    path(
        "staff/councils/events/<int:pk>/minutes/",
        staff_events.staff_event_minutes,
        name="staff_event_minutes",
    ),
]
