"""Spaces: public spaces and room calendars, a resident's bookings and loans, staff desks."""

from django.urls import URLPattern, path

from maeul.spaces.views import policy, public, resident, staff

app_name = "spaces"

urlpatterns: list[URLPattern] = [
    path("spaces/", public.space_list, name="list"),
    path("spaces/<int:pk>/", public.space_detail, name="detail"),
    path("spaces/rooms/<int:pk>/", public.room_calendar, name="room"),
    path("spaces/rooms/<int:pk>/calendar.ics", public.room_ical, name="ical"),
    path("spaces/rooms/<int:pk>/book/", resident.book, name="book"),
    path("spaces/mine/", resident.my_bookings, name="my_bookings"),
    path("spaces/bookings/<int:pk>/cancel/", resident.cancel, name="cancel"),
    path("spaces/bookings/<int:pk>/survey/", resident.survey, name="survey"),
    path("spaces/items/<int:pk>/borrow/", resident.borrow, name="borrow"),
    path("staff/spaces/", staff.space_list, name="staff_spaces"),
    path("staff/spaces/<int:pk>/", staff.space_desk, name="staff_desk"),
    path("staff/spaces/<int:pk>/check-in/", staff.check_in, name="staff_check_in"),
    path("staff/spaces/<int:pk>/visitors/", staff.count_visitors, name="staff_visitors"),
    path("staff/spaces/bookings/<int:pk>/approve/", staff.approve, name="staff_approve"),
    path("staff/spaces/bookings/<int:pk>/refuse/", staff.refuse, name="staff_refuse"),
    path("staff/spaces/bookings/<int:pk>/mark/", staff.mark, name="staff_mark"),
    path("staff/spaces/loans/<int:pk>/hand-out/", staff.hand_out, name="staff_hand_out"),
    path("staff/spaces/loans/<int:pk>/return/", staff.take_back, name="staff_take_back"),
    path("staff/spaces/policy/<int:pk>/", policy.policy_page, name="staff_policy"),
    path("staff/spaces/policy/<int:pk>/set/", policy.set_policy, name="staff_set_policy"),
    path("staff/spaces/statistics/", policy.statistics_page, name="staff_statistics"),
    path("staff/spaces/statistics.xlsx", policy.statistics_xlsx, name="staff_statistics_xlsx"),
]
