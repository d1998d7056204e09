"""Plans and accountability: public tables, files, projects and results; staff desks."""

from django.urls import URLPattern, path

from maeul.plans.views import public
from maeul.plans.views.staff import budget, from_vote, plans, progress, projects, spending

app_name = "plans"

urlpatterns: list[URLPattern] = [
    path("accountability/", public.accountability, name="accountability"),
    path("accountability/export.xlsx", public.export_xlsx, name="export_xlsx"),
    path("accountability/export.csv", public.export_csv, name="export_csv"),
    path("results-sharing/", public.results_sharing, name="results_sharing"),
    path("projects/<int:pk>/", public.project_detail, name="project"),
    path("staff/plans/", plans.plan_list, name="staff_plans"),
    path("staff/plans/new/", plans.plan_create, name="staff_plan_create"),
    path("staff/plans/<int:pk>/", plans.plan_desk, name="staff_plan"),
    path("staff/plans/<int:pk>/projects/", plans.add_project, name="staff_add_project"),
    path("staff/plans/<int:pk>/from-agenda/", plans.from_agenda, name="staff_from_agenda"),
    path(
        "staff/plans/<int:pk>/submit/",
        plans.move_plan,
        {"step": "submit"},
        name="staff_submit_plan",
    ),
    path(
        "staff/plans/<int:pk>/approve/",
        plans.move_plan,
        {"step": "approve"},
        name="staff_approve_plan",
    ),
    path(
        "staff/plans/<int:pk>/return/",
        plans.move_plan,
        {"step": "return"},
        name="staff_return_plan",
    ),
    path("staff/projects/<int:pk>/", projects.project_desk, name="staff_project"),
    path("staff/projects/<int:pk>/spending/", spending.add_spending, name="staff_add_spending"),
    path("staff/projects/<int:pk>/updates/", progress.add_update, name="staff_add_update"),
    path("staff/projects/<int:pk>/status/", projects.change_status, name="staff_status"),
    path("staff/projects/<int:pk>/outcome/", projects.write_outcome, name="staff_outcome"),
    path("staff/projects/<int:pk>/split/", budget.split_budget, name="staff_split_budget"),
    path("staff/projects/<int:pk>/carry-over/", budget.carry_over, name="staff_carry_over"),
    path("staff/projects/<int:pk>/close/", budget.close_accounts, name="staff_close_accounts"),
    path("staff/votes/<int:pk>/projects/", from_vote.projects_from_vote, name="staff_from_vote"),
    path("staff/spending/<int:pk>/", spending.correct_spending, name="staff_spending"),
    path("staff/spending/<int:pk>/delete/", spending.delete_spending, name="staff_delete_spending"),
    path("staff/spending/<int:pk>/receipt/", spending.receipt, name="receipt"),
    path("staff/updates/<int:pk>/delete/", progress.delete_update, name="staff_delete_update"),
]
