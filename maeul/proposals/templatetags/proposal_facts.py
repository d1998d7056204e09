"""A row's facts that depend on the time, for templates (which cannot pass `now`)."""

from datetime import datetime

from django import template

from maeul.proposals.models import Comment, Proposal

register = template.Library()


@register.filter
def overdue_at(proposal: Proposal, now: datetime) -> bool:
    """`{% if proposal|overdue_at:now %}`: `Proposal.is_overdue`."""
    return proposal.is_overdue(now)


@register.filter
def editable_at(comment: Comment, now: datetime) -> bool:
    """`{% if comment|editable_at:now %}`: `Comment.is_editable`."""
    return comment.is_editable(now)
