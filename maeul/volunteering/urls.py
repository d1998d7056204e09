"""Volunteering: public activities, camps and clubs; a volunteer's own page; the shift desk
of staff and leaders; the staff desks and the 1365 export."""

from django.urls import URLPattern, path

from maeul.volunteering.views import desk, public, resident, staff

app_name = "volunteering"

urlpatterns: list[URLPattern] = [
    path("volunteering/", public.activity_list, name="list"),
    path("volunteering/camps/", public.camp_list, name="camps"),
    path("volunteering/camps/<int:pk>/", public.camp_detail, name="camp"),
    path("volunteering/camps/<int:pk>/propose/", resident.propose_work, name="propose"),
    path("volunteering/clubs/<int:pk>/", public.club_detail, name="club"),
    path("volunteering/activities/<int:pk>/", public.activity_detail, name="activity"),
    path("volunteering/shifts/<int:pk>/sign-up/", resident.sign_up, name="sign_up"),
    path(
        "volunteering/shifts/<int:pk>/wait/", resident.join_waiting_list, name="join_waiting_list"
    ),
    path("volunteering/activities/<int:pk>/group/", resident.sign_up_group, name="sign_up_group"),
    path("volunteering/sign-ups/<int:pk>/cancel/", resident.cancel, name="cancel"),
    path("volunteering/mine/", resident.mine, name="mine"),
    path("volunteering/mine/portal-id/", resident.set_portal_id, name="portal_id"),
    path("volunteering/mine/consent/", resident.record_consent, name="consent"),
    path("volunteering/mine/certificate/", resident.certificate, name="certificate"),
    path("volunteering/certificates/check/", public.certificate_check, name="certificate_check"),
    path("volunteering/shifts/<int:pk>/desk/", desk.shift_desk, name="shift_desk"),
    path("volunteering/shifts/<int:pk>/confirm/", desk.confirm, name="confirm"),
    path("volunteering/groups/<int:pk>/confirm/", desk.confirm_group, name="confirm_group"),
    path("staff/volunteering/", staff.desk, name="staff_desk"),
    path("staff/volunteering/activities/new/", staff.create_activity, name="staff_new_activity"),
    path("staff/volunteering/activities/<int:pk>/", staff.activity_desk, name="staff_activity"),
    path("staff/volunteering/activities/<int:pk>/shifts/", staff.add_shift, name="staff_add_shift"),
    path("staff/volunteering/activities/<int:pk>/close/", staff.close, name="staff_close"),
    path(
        "staff/volunteering/proposals/<int:pk>/accept/", staff.accept_proposal, name="staff_accept"
    ),
    path(
        "staff/volunteering/proposals/<int:pk>/decline/",
        staff.decline_proposal,
        name="staff_decline",
    ),
    path("staff/volunteering/export.xlsx", staff.export_hours, name="staff_export"),
]
