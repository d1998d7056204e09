from django.urls import path

from maeul.proposals.views import comments, public, staff

app_name = "proposals"

urlpatterns = [
    path("proposals/", public.proposal_list, name="list"),
    path("proposals/new/", public.proposal_create, name="create"),
    path("proposals/similar/", public.similar_proposals, name="similar"),
    path("proposals/excellent/", public.excellent_list, name="excellent"),
    path("proposals/<int:pk>/", public.proposal_detail, name="detail"),
    path("proposals/<int:pk>/support/", public.toggle_support, name="support"),
    path("proposals/<int:pk>/withdraw/", public.proposal_withdraw, name="withdraw"),
    path("proposals/<int:pk>/comments/", comments.comment_add, name="comment_add"),
    path("proposals/comments/<int:comment_id>/edit/", comments.comment_edit, name="comment_edit"),
    path(
        "proposals/comments/<int:comment_id>/report/",
        comments.comment_report,
        name="comment_report",
    ),
    path("staff/proposals/", staff.queue, name="staff_queue"),
    path("staff/proposals/new/", staff.offline_new, name="staff_offline"),
    path("staff/proposals/<int:pk>/", staff.desk, name="staff_desk"),
    path("staff/proposals/<int:pk>/assign/", staff.assign, name="staff_assign"),
    path("staff/proposals/<int:pk>/answer/", staff.answer, name="staff_answer"),
    path("staff/proposals/<int:pk>/status/", staff.change_status, name="staff_status"),
    path("staff/proposals/<int:pk>/reward/", staff.reward, name="staff_reward"),
    path("staff/proposals/<int:pk>/merge/", staff.merge, name="staff_merge"),
    path("staff/moderation/", staff.moderation, name="staff_moderation"),
    path(
        "staff/moderation/<int:comment_id>/", staff.moderate_comment, name="staff_moderate_comment"
    ),
]
