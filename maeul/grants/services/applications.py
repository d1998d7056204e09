"""Applications: a group's representative writes a draft (text, budget rows, files), submits
it within the call's period and may withdraw it before the deadline.

What submission checks: the period, the group's eligibility, the amount within the call's
range and equal to the budget rows, each expense category within its cap, and every required
file. The text is analysed at each save; on submission the similar applications are found
and stored (the applicant is told how many, not whose).
"""

from datetime import datetime
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from maeul.core.errors import RuleViolation, refuse_duplicate
from maeul.core.permissions import Action, enforce
from maeul.core.privacy import refuse_resident_number
from maeul.core.stored_files import delete_file_later, new_files
from maeul.grants import duplicates
from maeul.grants.attachments import check_document
from maeul.grants.models import (
    Application,
    ApplicationAttachment,
    ApplicationStatus,
    AttachmentKind,
    BudgetLine,
    CommunityGroup,
    DuplicateMatch,
    ExpenseCategory,
    GrantCall,
    GroupKind,
    MemberTie,
)
from maeul.grants.services import joint
from maeul.places.models import Dong

TEXT_FIELDS = ["title", "description", "place"]
DESCRIPTION_MAX = 5000


def _require_draft(application: Application) -> None:
    if not application.is_draft:
        raise RuleViolation(
            _("The application has been submitted: it can no longer change."), code="frozen"
        )


def _require_before_deadline(call: GrantCall, now: datetime) -> None:
    if not call.is_published:
        raise RuleViolation(_("The call is not published."), code="not_found")
    if now >= call.closes_at:
        raise RuleViolation(_("The application period of this call has ended."), code="closed")


def _check_text(*, title: str, description: str, place: str, dong: Dong, call: GrantCall) -> None:
    refuse_resident_number(title=title, description=description, place=place)
    if not title.strip():
        raise RuleViolation(_("Enter the project's title."), code="title", field="title")
    if len(description) > DESCRIPTION_MAX:
        raise RuleViolation(
            _("Write the description in at most 5,000 characters."),
            code="description",
            field="description",
        )
    if dong.district_id != call.district_id or (call.dong_id and dong.pk != call.dong_id):
        raise RuleViolation(
            _("The project's dong is outside the call's area."), code="dong", field="dong"
        )


def start_application(
    *,
    call: GrantCall,
    group: CommunityGroup,
    title: str,
    description: str,
    place: str,
    dong: Dong,
    amount: int,
    user: Any,
    now: datetime,
) -> Application:
    """A draft of `group` for `call`, written by its representative (one per call)."""
    enforce(user, Action.WRITE_APPLICATION, group, now=now)
    _require_before_deadline(call, now)
    _check_text(title=title, description=description, place=place, dong=dong, call=call)
    with refuse_duplicate(
        _("The group already has an application for this call."), code="duplicate"
    ):
        application = Application.objects.create(
            call=call,
            group=group,
            title=title.strip()[:200],
            description=description.strip(),
            place=place.strip()[:200],
            place_key=duplicates.place_key(place),
            dong=dong,
            amount=amount,
            representative=user,
            contact_hmac=group.contact_hmac,
            created_at=now,
            updated_at=now,
        )
        duplicates.index_application(application)
    return application


def change_draft(
    *, application: Application, user: Any, now: datetime, **fields: Any
) -> Application:
    """Change a draft's title, description, place, dong or amount asked."""
    enforce(user, Action.WRITE_APPLICATION, application, now=now)
    _require_draft(application)
    unknown = set(fields) - {*TEXT_FIELDS, "dong", "amount"}
    if unknown:
        raise ValueError(f"not an application field: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(application, name, value.strip() if isinstance(value, str) else value)
    _check_text(
        title=application.title,
        description=application.description,
        place=application.place,
        dong=application.dong,
        call=application.call,
    )
    application.place_key = duplicates.place_key(application.place)
    application.updated_at = now
    with transaction.atomic():
        application.save()
        if set(fields) & {"title", "description"}:
            duplicates.index_application(application)
    return application


def _category_total(application: Application, category: ExpenseCategory) -> int:
    total = application.budget_lines.filter(category=category).aggregate(total=Sum("amount"))
    return int(total["total"] or 0)


def _over_cap(category: ExpenseCategory, spent: int, asked: int) -> RuleViolation | None:
    cap = category.cap_for(asked)
    if cap is None or spent <= cap:
        return None
    return RuleViolation(
        _("“%(category)s” may hold at most %(cap)s won; the budget puts %(amount)s won in it.")
        % {"category": category.name, "cap": f"{cap:,}", "amount": f"{spent:,}"},
        code="over_cap",
        field="amount",
    )


def add_budget_line(
    *,
    application: Application,
    category: ExpenseCategory,
    item: str,
    amount: int,
    user: Any,
    now: datetime,
) -> BudgetLine:
    """A row of the budget table, refused when it takes its category over the cap."""
    enforce(user, Action.WRITE_APPLICATION, application, now=now)
    _require_draft(application)
    refuse_resident_number(item=item)
    if category.call_id != application.call_id:
        raise RuleViolation(_("Choose a category of this call."), code="category", field="category")
    if not item.strip():
        raise RuleViolation(_("Enter the item."), code="item", field="item")
    if isinstance(amount, bool) or amount <= 0:
        raise RuleViolation(
            _("The amount must be a whole number of won above 0."), code="amount", field="amount"
        )
    refusal = _over_cap(
        category, _category_total(application, category) + amount, application.amount
    )
    if refusal is not None:
        raise refusal
    return BudgetLine.objects.create(
        application=application, category=category, item=item.strip()[:100], amount=amount
    )


def remove_budget_line(*, line: BudgetLine, user: Any, now: datetime) -> None:
    enforce(user, Action.WRITE_APPLICATION, line.application, now=now)
    _require_draft(line.application)
    line.delete()


def attach_file(
    *, application: Application, kind: str, upload: UploadedFile, user: Any, now: datetime
) -> ApplicationAttachment:
    """A file of the application, judged by its content and kept in private storage."""
    enforce(user, Action.WRITE_APPLICATION, application, now=now)
    _require_draft(application)
    if kind not in AttachmentKind.values:
        raise RuleViolation(_("Choose what the file is."), code="kind", field="kind")
    checked = check_document(upload, field="file")
    attachment = ApplicationAttachment(
        application=application,
        kind=kind,
        original_name=checked.original_name,
        content_type=checked.content_type,
        size=checked.size,
        uploaded_at=now,
    )
    with new_files() as written:
        written.save(attachment.file, checked.content, default_name="file")
        attachment.save()
    return attachment


def remove_attachment(*, attachment: ApplicationAttachment, user: Any, now: datetime) -> None:
    enforce(user, Action.WRITE_APPLICATION, attachment.application, now=now)
    _require_draft(attachment.application)
    with transaction.atomic():
        delete_file_later(attachment.file)
        attachment.delete()


def _check_eligible(call: GrantCall, group: CommunityGroup) -> None:
    ties = (
        [MemberTie.RESIDENT, MemberTie.LIVING_AREA]
        if call.count_living_area
        else [MemberTie.RESIDENT]
    )
    members = group.members.filter(tie__in=ties).count()
    if members < call.min_members:
        raise RuleViolation(
            _("The call needs at least %(least)d members; the group lists %(count)d.")
            % {"least": call.min_members, "count": members},
            code="not_eligible",
        )
    if call.nonprofit_required and group.kind != GroupKind.NONPROFIT:
        raise RuleViolation(
            _("Only registered nonprofit organisations may apply to this call."),
            code="not_eligible",
        )
    if not call.trade_groups_allowed and group.kind == GroupKind.TRADE:
        raise RuleViolation(
            _("Trade associations may not apply to this call."), code="not_eligible"
        )


def _check_budget(application: Application) -> None:
    call = application.call
    if not call.min_amount <= application.amount <= call.max_amount:
        raise RuleViolation(
            _("A project may ask between %(least)s and %(most)s won.")
            % {"least": f"{call.min_amount:,}", "most": f"{call.max_amount:,}"},
            code="amount",
            field="amount",
        )
    lines = list(application.budget_lines.select_related("category"))
    total = sum(line.amount for line in lines)
    if total != application.amount:
        raise RuleViolation(
            _("The budget rows add up to %(total)s won, not the %(amount)s won asked.")
            % {"total": f"{total:,}", "amount": f"{application.amount:,}"},
            code="budget_total",
            field="amount",
        )
    by_category: dict[ExpenseCategory, int] = {}
    for line in lines:
        by_category[line.category] = by_category.get(line.category, 0) + line.amount
    for category, spent in by_category.items():
        refusal = _over_cap(category, spent, application.amount)
        if refusal is not None:
            raise refusal


def submit_application(
    *, application: Application, user: Any, now: datetime
) -> list[DuplicateMatch]:
    """Hand the draft in (접수) within the call's period; returns the similar applications."""
    enforce(user, Action.WRITE_APPLICATION, application, now=now)
    _require_draft(application)
    call = application.call
    if not call.is_published or now < call.opens_at:
        raise RuleViolation(_("Applications for this call have not opened yet."), code="closed")
    _require_before_deadline(call, now)
    _check_eligible(call, application.group)
    joint.check_partners(application)
    _check_budget(application)
    handed = set(application.attachments.values_list("kind", flat=True))
    missing = [kind for kind in call.required_attachments if kind not in handed]
    if missing:
        raise RuleViolation(
            _("Attach these files first: %(kinds)s.")
            % {"kinds": ", ".join(str(AttachmentKind(kind).label) for kind in missing)},
            code="attachments",
        )
    with transaction.atomic():
        application.status = ApplicationStatus.SUBMITTED
        application.submitted_at = application.updated_at = now
        application.representative = user
        application.contact_hmac = application.group.contact_hmac
        application.save(
            update_fields=["status", "submitted_at", "updated_at", "representative", "contact_hmac"]
        )
        return duplicates.record_matches(application, now=now)


def withdraw_application(*, application: Application, user: Any, now: datetime) -> Application:
    """Take a submitted application back (철회), before the deadline only."""
    enforce(user, Action.WRITE_APPLICATION, application, now=now)
    if application.status != ApplicationStatus.SUBMITTED:
        raise RuleViolation(
            _("Only a submitted application that is not under review can be withdrawn."),
            code="status",
        )
    if now >= application.call.closes_at:
        raise RuleViolation(
            _("The deadline has passed: the application can no longer be withdrawn."),
            code="closed",
        )
    with transaction.atomic():
        application.status = ApplicationStatus.WITHDRAWN
        application.withdrawn_at = application.updated_at = now
        application.save(update_fields=["status", "withdrawn_at", "updated_at"])
        DuplicateMatch.objects.filter(other=application).delete()
        application.duplicate_matches.all().delete()
    return application
