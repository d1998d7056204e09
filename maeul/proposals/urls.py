from django.urls import URLPattern, URLResolver, include, path

from maeul.proposals.views import comments, public, staff

app_name = "proposals"

one_proposal: list[URLPattern] = [
    path("", public.proposal_detail, name="detail"),
    path("support/", public.toggle_support, name="support"),
    path("withdraw/", public.proposal_withdraw, name="withdraw"),
    path("comments/", comments.comment_add, name="comment_add"),
]

one_proposal_desk: list[URLPattern] = [
    path("", staff.desk, name="staff_desk"),
    path("assign/", staff.assign, name="staff_assign"),
    path("answer/", staff.answer, name="staff_answer"),
    path("status/", staff.change_status, name="staff_status"),
    path("reward/", staff.reward, name="staff_reward"),
    path("merge/", staff.merge, name="staff_merge"),
]

urlpatterns: list[URLPattern | URLResolver] = [
    path("proposals/", public.proposal_list, name="list"),
    path("proposals/new/", public.proposal_create, name="create"),
    path("proposals/similar/", public.similar_proposals, name="similar"),
    path("proposals/excellent/", public.excellent_list, name="excellent"),
    path("proposals/<int:pk>/", include(one_proposal)),
    path("proposals/comments/<int:comment_id>/edit/", comments.comment_edit, name="comment_edit"),
    path(
        "proposals/comments/<int:comment_id>/report/",
        comments.comment_report,
        name="comment_report",
    ),
    path("staff/proposals/", staff.queue, name="staff_queue"),
    path("staff/proposals/new/", staff.offline_new, name="staff_offline"),
    path("staff/proposals/<int:pk>/", include(one_proposal_desk)),
    path("staff/moderation/", staff.moderation, name="staff_moderation"),
    path(
        "staff/moderation/<int:comment_id>/", staff.moderate_comment, name="staff_moderate_comment"
    ),
]
