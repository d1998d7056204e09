"""Grants: public calls, a representative's groups and applications, staff desks."""

from django.urls import URLPattern, path

from maeul.grants.views import (
    agreements,
    applications,
    archive,
    checks,
    groups,
    public,
    review,
    spending,
    staff,
)

app_name = "grants"

urlpatterns: list[URLPattern] = [
    path("grants/", public.call_list, name="calls"),
    path("grants/<int:pk>/", public.call_detail, name="call"),
    path("grants/archive/", archive.archive_page, name="archive"),
    path("grants/statistics/", archive.statistics_page, name="statistics"),
    path("staff/grants/<int:pk>/applications.xlsx", archive.call_xlsx, name="staff_call_xlsx"),
    path("grants/<int:pk>/apply/", applications.start, name="start"),
    path("grants/groups/", groups.group_list, name="groups"),
    path("grants/groups/<int:pk>/", groups.group_page, name="group"),
    path("grants/groups/<int:pk>/members/", groups.add_member, name="add_member"),
    path("grants/members/<int:pk>/remove/", groups.remove_member, name="remove_member"),
    path("grants/applications/<int:pk>/", applications.application_page, name="application"),
    path("grants/applications/<int:pk>/save/", applications.save, name="save"),
    path("grants/applications/<int:pk>/budget/", applications.add_line, name="add_line"),
    path("grants/applications/<int:pk>/files/", applications.attach, name="attach"),
    path("grants/applications/<int:pk>/submit/", applications.submit, name="submit"),
    path("grants/applications/<int:pk>/withdraw/", applications.withdraw, name="withdraw"),
    path("grants/budget/<int:pk>/remove/", applications.remove_line, name="remove_line"),
    path("grants/applications/<int:pk>/partners/", spending.add_partner, name="add_partner"),
    path(
        "grants/applications/<int:pk>/partners/<int:group>/remove/",
        spending.remove_partner,
        name="remove_partner",
    ),
    path("grants/applications/<int:pk>/spending/", spending.add_expense, name="add_expense"),
    path("grants/spending/<int:pk>/remove/", spending.remove_expense, name="remove_expense"),
    path("grants/spending/<int:pk>/receipt/", spending.receipt, name="receipt"),
    path(
        "grants/applications/<int:pk>/settlement/",
        spending.submit_settlement,
        name="submit_settlement",
    ),
    path("staff/grants/checks/", checks.check_list, name="staff_checks"),
    path("staff/grants/applications/<int:pk>/check/", checks.check_page, name="staff_check"),
    path(
        "staff/grants/applications/<int:pk>/settlement/approve/",
        checks.approve_settlement,
        name="staff_approve_settlement",
    ),
    path(
        "staff/grants/applications/<int:pk>/settlement/send-back/",
        checks.send_back_settlement,
        name="staff_send_back_settlement",
    ),
    path("staff/grants/applications/<int:pk>/evaluation/", checks.evaluate, name="staff_evaluate"),
    path("staff/grants/applications/<int:pk>/return/", checks.record_return, name="staff_return"),
    path("grants/files/<int:pk>/", applications.attachment_file, name="file"),
    path("grants/files/<int:pk>/remove/", applications.remove_file, name="remove_file"),
    path("grants/reviews/", review.review_list, name="reviews"),
    path("grants/reviews/applications/<int:pk>/", review.review_page, name="review"),
    path("grants/reviews/applications/<int:pk>/score/", review.score, name="review_score"),
    path(
        "grants/reviews/applications/<int:pk>/conflict/",
        review.declare_conflict,
        name="review_conflict",
    ),
    path("staff/grants/", staff.call_list, name="staff_calls"),
    path("staff/grants/<int:pk>/", staff.call_desk, name="staff_call"),
    path("staff/grants/<int:pk>/change/", staff.change_call, name="staff_change_call"),
    path("staff/grants/<int:pk>/categories/", staff.add_category, name="staff_add_category"),
    path("staff/grants/<int:pk>/publish/", staff.publish, name="staff_publish"),
    path(
        "staff/grants/categories/<int:pk>/remove/",
        staff.remove_category,
        name="staff_remove_category",
    ),
    path(
        "staff/grants/applications/<int:pk>/",
        staff.application_desk,
        name="staff_application",
    ),
    path("staff/grants/<int:pk>/criteria/", staff.set_criteria, name="staff_set_criteria"),
    path("staff/grants/<int:pk>/reviewers/", staff.add_reviewer, name="staff_add_reviewer"),
    path("staff/grants/applications/<int:pk>/decide/", staff.decide, name="staff_decide"),
    path(
        "staff/grants/applications/<int:pk>/agreement/",
        agreements.create_agreement,
        name="staff_agreement",
    ),
    path(
        "staff/grants/applications/<int:pk>/disbursements/",
        agreements.record_disbursement,
        name="staff_disburse",
    ),
    path(
        "staff/grants/applications/<int:pk>/recheck/",
        staff.recheck,
        name="staff_recheck",
    ),
]
