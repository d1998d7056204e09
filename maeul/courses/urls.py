"""Courses: the public list and course pages, a resident's courses, the staff desk."""

from django.urls import URLPattern, path

from maeul.courses.views import public, resident, staff

app_name = "courses"

urlpatterns: list[URLPattern] = [
    path("courses/", public.course_list, name="list"),
    path("courses/<int:pk>/", public.course_detail, name="course"),
    path("courses/programmes/<int:pk>/figures.xlsx", public.figures_xlsx, name="xlsx"),
    path("courses/<int:pk>/register/", resident.register, name="register"),
    path("courses/mine/", resident.my_courses, name="mine"),
    path("courses/registrations/<int:pk>/cancel/", resident.cancel, name="cancel"),
    path("courses/registrations/<int:pk>/work/", resident.submit_work, name="work"),
    path("courses/sessions/<int:pk>/rate/", resident.rate, name="rate"),
    path(
        "courses/registrations/<int:pk>/certificate/", resident.certificate, name="certificate_pdf"
    ),
    path("courses/certificates/", public.certificate_check, name="certificate_check"),
    path("courses/certificates/<str:number>/", public.certificate_check, name="certificate"),
    path("staff/courses/", staff.course_list, name="staff_list"),
    path("staff/courses/<int:pk>/", staff.course_desk, name="staff_desk"),
    path("staff/courses/<int:pk>/sessions/", staff.add_session, name="staff_add_session"),
    path("staff/courses/sessions/<int:pk>/attendance/", staff.attendance, name="staff_attendance"),
    path("staff/courses/<int:pk>/completion/", staff.complete, name="staff_complete"),
    path("staff/courses/registrations/<int:pk>/accept/", staff.accept_work, name="staff_accept"),
    path(
        "staff/courses/registrations/<int:pk>/certificate/",
        staff.certificate,
        name="staff_certificate",
    ),
]
