"""Comments: write, reply, edit within ten minutes, report."""

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maeul.core.desk import first_error, form_page
from maeul.core.errors import RuleViolation
from maeul.proposals.forms import CommentForm, ReportForm
from maeul.proposals.models import Comment
from maeul.proposals.services.comments import add_comment, edit_comment, report_comment
from maeul.proposals.views.common import visible_proposal


@login_required
@require_POST
def comment_add(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = visible_proposal(request, pk)
    form = CommentForm(request.POST)
    if not form.is_valid():
        messages.error(request, first_error(form))
        return redirect(f"{proposal.get_absolute_url()}#comments")
    parent = None
    if form.cleaned_data["parent"]:
        parent = Comment.objects.filter(pk=form.cleaned_data["parent"], proposal=proposal).first()
    try:
        comment = add_comment(
            author=request.user,
            proposal=proposal,
            body=form.cleaned_data["body"],
            parent=parent,
            now=timezone.now(),
        )
    except RuleViolation as exc:
        messages.error(request, exc.message)
        return redirect(f"{proposal.get_absolute_url()}#comments")
    messages.success(request, _("Your comment was posted."))
    return redirect(_comment_url(comment))


def _own_comment(request: HttpRequest, comment_id: int) -> Comment:
    return get_object_or_404(
        Comment.objects.select_related("proposal"), pk=comment_id, author_id=request.user.pk
    )


def _comment_url(comment: Comment) -> str:
    return f"{comment.proposal.get_absolute_url()}#comment-{comment.pk}"


def _comment_form_page(
    request: HttpRequest, comment: Comment, form: forms.Form, act: Callable[[], str], template: str
) -> HttpResponse:
    """A form about one comment; done, back to the comment on its proposal's page."""
    return form_page(
        request,
        form=form,
        act=act,
        template=template,
        context={"form": form, "comment": comment},
        done_url=_comment_url(comment),
    )


@login_required
def comment_edit(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = _own_comment(request, comment_id)
    form = CommentForm(request.POST or None, initial={"body": comment.body})

    def act() -> str:
        body = form.cleaned_data["body"]
        edit_comment(author=request.user, comment=comment, body=body, now=timezone.now())
        return _("Your comment was corrected.")

    return _comment_form_page(request, comment, form, act, "proposals/comment_edit.html")


@login_required
def comment_report(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = get_object_or_404(Comment.objects.select_related("proposal"), pk=comment_id)
    visible_proposal(request, comment.proposal_id)
    form = ReportForm(request.POST or None)

    def act() -> str:
        reason = form.cleaned_data["reason"]
        report_comment(reporter=request.user, comment=comment, reason=reason, now=timezone.now())
        return _("Thank you. Staff will review the comment.")

    return _comment_form_page(request, comment, form, act, "proposals/comment_report.html")
