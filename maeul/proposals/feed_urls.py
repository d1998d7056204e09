"""Atom feeds of proposals, included at /proposals/feeds/."""

from django.urls import path

from maeul.proposals.feeds import AnswersFeed, NewProposalsFeed

app_name = "proposal_feeds"

urlpatterns = [
    path("new/", NewProposalsFeed(), name="new"),
    path("answers/", AnswersFeed(), name="answers"),
]
