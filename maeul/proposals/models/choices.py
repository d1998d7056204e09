"""The states and kinds of a proposal, and which status may follow which."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Received")
    REVIEWING = "reviewing", _("Under review")
    ANSWERED = "answered", _("Answered")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    HIDDEN = "hidden", _("Hidden")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    MERGED = "merged", _("Merged")


# Which status may follow which, and who moves it (the services check both).
STAFF_TRANSITIONS: dict[str, set[str]] = {
    Status.PUBLISHED: {Status.REVIEWING, Status.HIDDEN},
    Status.REVIEWING: {Status.HIDDEN},
    Status.ANSWERED: {Status.IN_PROGRESS, Status.DONE, Status.HIDDEN},
    Status.IN_PROGRESS: {Status.DONE, Status.HIDDEN},
    Status.DONE: {Status.HIDDEN},
    Status.HIDDEN: {Status.PUBLISHED},
}
PUBLIC_STATUSES = [
    Status.PUBLISHED,
    Status.REVIEWING,
    Status.ANSWERED,
    Status.IN_PROGRESS,
    Status.DONE,
]


class Decision(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    PARTLY_ACCEPTED = "partly_accepted", _("Partly accepted")
    REJECTED = "rejected", _("Not accepted")
    LONG_TERM = "long_term", _("Long-term review")


class Channel(models.TextChoices):
    ONLINE = "online", _("Online")
    STREET_BOOTH = "street_booth", _("Street booth")
    WORKSHOP = "workshop", _("Workshop")
    PHONE = "phone", _("Phone")
    VISIT = "visit", _("Visit to the office")


class AnswerLevel(models.TextChoices):
    DEPARTMENT = "department", _("Department")
    HEAD = "head", _("District head")
