"""Council pages (namespace `councils`): public pages first, then the staff desks."""

from django.urls import URLPattern, URLResolver, include, path

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

one_council: list[URLPattern] = [
    path("", public.council_detail, name="detail"),
    path("recruitment/", public.recruitment, name="recruitment"),
    path("recruitment/apply/", public.apply, name="apply"),
    path("agenda/", agenda.agenda, name="agenda"),
    path("agenda/new/", agenda.agenda_write, name="agenda_write"),
]

# The council's desk: terms, sections, members, the call for members, the cycle; the
# agenda desk: items, proposals taken up, meetings, events.
council_desk: list[URLPattern] = [
    path("", staff.desk, name="staff_desk"),
    path("terms/", staff.start_term, name="staff_start_term"),
    path("sections/", staff.add_section, name="staff_add_section"),
    path("members/", staff.add_member, name="staff_add_member"),
    path("recruitment/", staff_members.open_recruitment, name="staff_open_recruitment"),
    path("cycle/", staff.plan_cycle, name="staff_plan_cycle"),
    path("roster.xlsx", roster.export_roster, name="staff_export_roster"),
    path("agenda/", staff_agenda.staff_agenda, name="staff_agenda"),
    path("agenda/promote/", staff_agenda.staff_promote, name="staff_promote"),
    path("meetings/", staff_agenda.staff_meeting, name="staff_meeting"),
    path("events/", staff_agenda.staff_event_schedule, name="staff_event_schedule"),
]

# The event desk: the assembly's vote and result, the minutes.
event_desk: list[URLPattern] = [
    path("", staff_events.staff_event, name="staff_event"),
    path("vote/", staff_events.staff_event_vote, name="staff_event_vote"),
    path("result/", staff_events.staff_event_result, name="staff_event_result"),
    path("minutes/", staff_events.staff_event_minutes, name="staff_event_minutes"),
]

urlpatterns: list[URLPattern | URLResolver] = [
    path("councils/", public.council_list, name="list"),
    path("councils/<int:pk>/", include(one_council)),
    path("councils/agenda/<int:pk>/", agenda.agenda_item, name="agenda_item"),
    path("councils/meetings/<int:pk>/", agenda.meeting, name="meeting"),
    path("councils/events/<int:pk>/", agenda.event, name="event"),
    path("staff/councils/", staff.council_list, name="staff_list"),
    path("staff/councils/<int:pk>/", include(council_desk)),
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
    path(
        "staff/councils/agenda/<int:pk>/status/",
        staff_agenda.staff_agenda_status,
        name="staff_agenda_status",
    ),
    path("staff/councils/events/<int:pk>/", include(event_desk)),
]
