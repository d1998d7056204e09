"""Comments on proposals: write, edit for ten minutes, report, and moderate."""

from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from maeul.core import moderation
from maeul.core.errors import RuleViolation
from maeul.core.markup import render_markdown
from maeul.core.permissions import Action, enforce
from maeul.core.privacy import refuse_resident_number
from maeul.core.ratelimit import refuse_over_limit
from maeul.proposals.models import Comment, CommentReport, Proposal

COMMENTS_PER_HOUR = 30
COMMENT_MAX = 2000

COMMENTS = moderation.Moderated(
    report_action=Action.REPORT_COMMENT,
    moderate_action=Action.MODERATE_COMMENT,
    audit_name="proposals.comment",
    missing=gettext_lazy("Please say why you report this comment."),
    already=gettext_lazy("You have already reported this comment."),
)


def _check_body(body: str) -> str:
    body = body.strip()
    if not body:
        raise RuleViolation(_("Please write a comment."), code="body", field="body")
    if len(body) > COMMENT_MAX:
        raise RuleViolation(
            _("A comment can be at most 2,000 characters."), code="body", field="body"
        )
    refuse_resident_number(body=body)
    return body


def add_comment(
    *, author: Any, proposal: Proposal, body: str, parent: Comment | None = None, now: datetime
) -> Comment:
    """A comment, or a reply to a top-level comment (replies go one level deep)."""
    enforce(author, Action.COMMENT_PROPOSAL, proposal, now=now)
    body = _check_body(body)
    if parent is not None and (parent.proposal_id != proposal.pk or parent.parent_id is not None):
        raise RuleViolation(
            _("You can reply only to a comment on this proposal."), code="parent", field="parent"
        )
    refuse_over_limit(
        f"comment:{author.pk}",
        allowed=COMMENTS_PER_HOUR,
        message=_("You can write up to 30 comments an hour. Please try again later."),
    )
    with transaction.atomic():
        comment = Comment.objects.create(
            proposal=proposal,
            author=author,
            parent=parent,
            body=body,
            body_html=render_markdown(body),
            created_at=now,
        )
        Proposal.objects.filter(pk=proposal.pk).update(comment_count=F("comment_count") + 1)
    return comment


def edit_comment(*, author: Any, comment: Comment, body: str, now: datetime) -> Comment:
    """The author corrects a comment within ten minutes of writing it."""
    if not getattr(author, "is_authenticated", False) or comment.author_id != author.pk:
        raise RuleViolation(_("You can edit only your own comments."), code="forbidden")
    if comment.is_hidden:
        raise RuleViolation(_("A hidden comment cannot be edited."), code="hidden")
    if not comment.is_editable(now):
        raise RuleViolation(_("A comment can be edited only within 10 minutes."), code="too_late")
    body = _check_body(body)
    comment.body = body
    comment.body_html = render_markdown(body)
    comment.edited_at = now
    comment.save(update_fields=["body", "body_html", "edited_at"])
    return comment


def report_comment(*, reporter: Any, comment: Comment, reason: str, now: datetime) -> CommentReport:
    """Anyone signed in may report a comment once; it then waits in the moderation queue."""
    report: CommentReport = COMMENTS.report(
        reporter=reporter, target=comment, reason=reason, now=now
    )
    return report


def hide_comment(
    *, staff: Any, comment: Comment, reason: str, ip: str | None, now: datetime
) -> Comment:
    """Hide a comment; the reason is shown in its place, and its reports are resolved."""
    COMMENTS.hide(staff=staff, target=comment, reason=reason, ip=ip, now=now)
    return comment


def dismiss_reports(*, staff: Any, comment: Comment, ip: str | None, now: datetime) -> int:
    """Keep a reported comment visible and close its reports."""
    return COMMENTS.keep(staff=staff, target=comment, ip=ip, now=now)
