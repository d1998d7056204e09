"""Plans and accountability: public tables, files, projects and results; staff desks."""

from django.urls import URLPattern, path

from maeul.plans.views import public, staff

app_name = "plans"

urlpatterns: list[URLPattern] = [
    path("accountability/", public.accountability, name="accountability"),
    path("accountability/export.xlsx", public.export_xlsx, name="export_xlsx"),
    path("accountability/export.csv", public.export_csv, name="export_csv"),
    path("results-sharing/", public.results_sharing, name="results_sharing"),
    path("projects/<int:pk>/", public.project_detail, name="project"),
    path("staff/plans/", staff.plan_list, name="staff_plans"),
    path("staff/plans/new/", staff.plan_create, name="staff_plan_create"),
    path("staff/plans/<int:pk>/", staff.plan_desk, name="staff_plan"),
    path("staff/plans/<int:pk>/projects/", staff.add_project, name="staff_add_project"),
    path("staff/plans/<int:pk>/from-agenda/", staff.from_agenda, name="staff_from_agenda"),
    path("staff/plans/<int:pk>/submit/", staff.submit_plan, name="staff_submit_plan"),
    path("staff/plans/<int:pk>/approve/", staff.approve_plan, name="staff_approve_plan"),
    path("staff/plans/<int:pk>/return/", staff.return_plan, name="staff_return_plan"),
    path("staff/projects/<int:pk>/", staff.project_desk, name="staff_project"),
    path("staff/projects/<int:pk>/spending/", staff.add_spending, name="staff_add_spending"),
    path("staff/projects/<int:pk>/updates/", staff.add_update, name="staff_add_update"),
    path("staff/projects/<int:pk>/status/", staff.change_status, name="staff_status"),
    path("staff/projects/<int:pk>/outcome/", staff.write_outcome, name="staff_outcome"),
    path("staff/spending/<int:pk>/", staff.correct_spending, name="staff_spending"),
    path("staff/spending/<int:pk>/delete/", staff.delete_spending, name="staff_delete_spending"),
    path("staff/spending/<int:pk>/receipt/", staff.receipt, name="receipt"),
    path("staff/updates/<int:pk>/delete/", staff.delete_update, name="staff_delete_update"),
]
