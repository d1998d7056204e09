"""Plans and accountability: public tables, files, projects and results; staff desks."""

from django.urls import URLPattern, URLResolver, include, path

from maeul.plans.views import public
from maeul.plans.views.staff import budget, from_vote, plans, progress, projects, spending

app_name = "plans"

one_plan: list[URLPattern] = [
    path("", plans.plan_desk, name="staff_plan"),
    path("projects/", plans.add_project, name="staff_add_project"),
    path("from-agenda/", plans.from_agenda, name="staff_from_agenda"),
    # One view moves a plan along: the step is fixed by the address.
    *(
        path(f"{step}/", plans.move_plan, {"step": step}, name=f"staff_{step}_plan")
        for step in ("submit", "approve", "return")
    ),
]

one_project: list[URLPattern] = [
    path("", projects.project_desk, name="staff_project"),
    path("spending/", spending.add_spending, name="staff_add_spending"),
    path("updates/", progress.add_update, name="staff_add_update"),
    path("status/", projects.change_status, name="staff_status"),
    path("outcome/", projects.write_outcome, name="staff_outcome"),
    path("split/", budget.split_budget, name="staff_split_budget"),
    path("carry-over/", budget.carry_over, name="staff_carry_over"),
    path("close/", budget.close_accounts, name="staff_close_accounts"),
]

urlpatterns: list[URLPattern | URLResolver] = [
    path("accountability/", public.accountability, name="accountability"),
    path("accountability/export.xlsx", public.export_xlsx, name="export_xlsx"),
    path("accountability/export.csv", public.export_csv, name="export_csv"),
    path("results-sharing/", public.results_sharing, name="results_sharing"),
    path("projects/<int:pk>/", public.project_detail, name="project"),
    path("staff/plans/", plans.plan_list, name="staff_plans"),
    path("staff/plans/new/", plans.plan_create, name="staff_plan_create"),
    path("staff/plans/<int:pk>/", include(one_plan)),
    path("staff/projects/<int:pk>/", include(one_project)),
    path("staff/votes/<int:pk>/projects/", from_vote.projects_from_vote, name="staff_from_vote"),
    path("staff/spending/<int:pk>/", spending.correct_spending, name="staff_spending"),
    path("staff/spending/<int:pk>/delete/", spending.delete_spending, name="staff_delete_spending"),
    path("staff/spending/<int:pk>/receipt/", spending.receipt, name="receipt"),
    path("staff/updates/<int:pk>/delete/", progress.delete_update, name="staff_delete_update"),
]
