"""Writing proposals: online by residents, offline by staff, and withdrawal by the author."""

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from maeul.core import audit
from maeul.core.errors import RuleViolation
from maeul.core.markup import render_markdown
from maeul.core.permissions import Action, enforce
from maeul.core.privacy import refuse_resident_number
from maeul.core.ratelimit import refuse_over_limit
from maeul.core.stored_files import new_files
from maeul.places.models import District, Dong
from maeul.proposals.attachments import MAX_FILES, CheckedFile
from maeul.proposals.models import (
    Attachment,
    Category,
    Channel,
    Proposal,
    ProposalPolicy,
    Status,
)
from maeul.proposals.search import index_proposal

PROPOSALS_PER_HOUR = 5
TITLE_MAX = 100
PLACE_MAX = 200
NAME_MAX = 30


def policy_of(district: District) -> ProposalPolicy:
    policy, _created = ProposalPolicy.objects.get_or_create(district=district)
    return policy


def _written(
    *,
    district: District,
    dong: Dong | None,
    category: Category,
    title: str,
    body: str,
    place: str = "",
    author_name: str = "",
    now: datetime,
) -> Proposal:
    """An unsaved proposal of checked content; RuleViolation names the field at fault."""
    if not title.strip():
        raise RuleViolation(_("Please write a title."), code="title", field="title")
    if len(title) > TITLE_MAX:
        raise RuleViolation(
            _("The title can be at most 100 characters."), code="title", field="title"
        )
    if not body.strip():
        raise RuleViolation(_("Please write what you propose."), code="body", field="body")
    if len(place.strip()) > PLACE_MAX:
        raise RuleViolation(
            _("The place can be at most 200 characters."), code="place", field="place"
        )
    if len(author_name.strip()) > NAME_MAX:
        raise RuleViolation(
            _("The name can be at most 30 characters."), code="author_name", field="author_name"
        )
    if dong is not None and dong.district_id != district.pk:
        raise RuleViolation(_("The dong is not in this district."), code="dong", field="dong")
    if category.district_id != district.pk:
        raise RuleViolation(
            _("The category is not one of this district's."), code="category", field="category"
        )
    refuse_resident_number(title=title, body=body, place=place, author_name=author_name)
    return Proposal(
        district=district,
        dong=dong,
        category=category,
        title=title.strip(),
        body=body,
        body_html=render_markdown(body),
        place=place.strip(),
        author_name=author_name.strip(),
        created_at=now,
    )


def _publish(proposal: Proposal, now: datetime) -> None:
    proposal.status = Status.PUBLISHED
    proposal.published_at = now
    proposal.support_until = policy_of(proposal.district).support_deadline(now)


def submit_proposal(
    *,
    author: Any,
    district: District,
    dong: Dong | None,
    category: Category,
    title: str,
    body: str,
    place: str = "",
    files: list[CheckedFile] | None = None,
    publish: bool = True,
    now: datetime,
) -> Proposal:
    """A resident's proposal, published at once (or kept as a draft).

    Raises RuleViolation for bad content or when the author wrote 5 proposals this hour.
    """
    enforce(author, Action.CREATE_PROPOSAL, now=now)
    proposal = _written(
        district=district,
        dong=dong,
        category=category,
        title=title,
        body=body,
        place=place,
        now=now,
    )
    proposal.author = author
    if len(files or []) > MAX_FILES:
        raise RuleViolation(
            _("You can attach up to 5 files."), code="too_many", field="attachments"
        )
    refuse_over_limit(
        f"proposal:{author.pk}",
        allowed=PROPOSALS_PER_HOUR,
        message=_("You can write up to 5 proposals an hour. Please try again later."),
    )
    with new_files() as written, transaction.atomic():
        if publish:
            _publish(proposal, now)
        proposal.save()
        for checked in files or []:
            attachment = Attachment(
                proposal=proposal,
                kind=checked.kind,
                original_name=checked.original_name,
                size=checked.size,
                created_at=now,
            )
            written.save(attachment.file, checked.content, default_name="file")
            attachment.save()
        index_proposal(proposal)
    return proposal


def enter_offline_proposal(
    *,
    staff: Any,
    district: District,
    dong: Dong | None,
    category: Category,
    title: str,
    body: str,
    channel: str,
    author_name: str = "",
    place: str = "",
    ip: str | None,
    now: datetime,
) -> Proposal:
    """A proposal collected at a street booth, a workshop or by phone, entered by staff."""
    enforce(staff, Action.ENTER_OFFLINE_PROPOSAL, dong or district, now=now)
    if channel == Channel.ONLINE or channel not in Channel.values:
        raise RuleViolation(
            _("Choose where the proposal was collected."), code="channel", field="channel"
        )
    proposal = _written(
        district=district,
        dong=dong,
        category=category,
        title=title,
        body=body,
        place=place,
        author_name=author_name,
        now=now,
    )
    proposal.channel, proposal.entered_by = channel, staff
    with transaction.atomic():
        _publish(proposal, now)
        proposal.save()
        index_proposal(proposal)
        audit.record_created(
            proposal,
            ["channel", "title"],
            actor=staff,
            action="proposals.enter_offline",
            ip=ip,
            now=now,
        )
    return proposal


def withdraw_proposal(*, author: Any, proposal: Proposal, now: datetime) -> Proposal:
    """The author takes a proposal back (철회), possible only before it is answered."""
    enforce(author, Action.WITHDRAW_PROPOSAL, proposal, now=now)
    proposal.status = Status.WITHDRAWN
    proposal.save(update_fields=["status"])
    return proposal
