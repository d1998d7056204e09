"""Who may configure grant calls, register a group, write and submit its applications, read
them, screen them for duplicates, review them in committee and decide on them.

District staff configure their district's calls. A verified resident registers a group and,
as its representative, writes and submits the group's applications; nobody else reads a
draft. Staff of the call's district, and of the application's dong, read handed-in
applications and their similar matches. Which rows staff serve: a call by its district (dong
staff see their district's calls too), a group by its dong, an application by its call's
district and its own dong.

The review (심의): district staff of the call's district form its committee and decide on
each application (선정 / 미선정); a member of the call's committee scores its handed-in
applications, except those on which they declared a conflict of interest, and reads their
project plans and budget sheets (never member lists, consent forms or bankbooks).

The agreement and its payments (협약·교부): district staff of the call's district record the
agreement of a selected application, then its disbursements.

After the money (집행·중간점검·정산·평가): the representative records the group's spending
once money has been paid, until the settlement is handed in (or sent back); support-centre
staff (마을지원활동가) of the call's district, dong staff of the application's dong and
district staff check the spending and record interim checks until the settlement is
approved; district staff approve or send back the settlement, then evaluate the project and
record the money returned.
"""

from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.db.models import Model, Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from maeul.core.permissions.base import (
    ALLOW,
    NOT_VERIFIED,
    STAFF_ONLY,
    Action,
    Decision,
    Rule,
    deny,
    district_staff,
    follow,
    of_kind,
    refuse_outsider,
    scope_of,
    verified,
)
from maeul.core.permissions.scope import OWN_PLACE_AND_DISTRICT_WIDE, RowScope, register_rows
from maeul.grants.models import (
    HANDED_IN,
    Application,
    ApplicationAttachment,
    ApplicationStatus,
    AttachmentKind,
    CommunityGroup,
    Conflict,
    GrantAgreement,
    GrantCall,
    Reviewer,
    Settlement,
    SettlementStatus,
)
from maeul.places.models import District

register_rows(GrantCall, row_scope=OWN_PLACE_AND_DISTRICT_WIDE)
register_rows(CommunityGroup)
register_rows(Application, row_scope=RowScope(district="call__district_id", dong="dong_id"))

NOT_REPRESENTATIVE = _("Only the group's representative may do this.")


# District staff of the call's district (a new call: of the district it is for).
_manage_call = district_staff(
    of_kind(GrantCall, District), _("Only district staff may configure grant calls.")
)
_group_of = follow({CommunityGroup: "", Application: "group"})


def _representative(user: Any, target: Model | None, now: datetime) -> Decision:
    """The group's representative, verified."""
    group = _group_of(target)
    if group is None or group.representative_id != user.pk:
        return deny(NOT_REPRESENTATIVE)
    if not user.is_verified:
        return deny(NOT_VERIFIED)
    return ALLOW


def _serves(user: Any, application: Application) -> bool:
    return scope_of(user).serves(application.call.district_id, application.dong_id)


def _screen(user: Any, target: Model | None, now: datetime) -> Decision:
    """Staff of the call's district or the application's dong, once it is handed in."""
    if not isinstance(target, Application) or not _serves(user, target):
        return refuse_outsider(user)
    if target.is_draft:
        return deny(_("The application has not been submitted yet."))
    return ALLOW


def _view_application(user: Any, target: Model | None, now: datetime) -> Decision:
    """The representative always; staff who serve it once it is handed in."""
    group = _group_of(target)
    if group is not None and group.representative_id == user.pk:
        return ALLOW
    return _screen(user, target, now)


def _review(user: Any, target: Model | None, now: datetime) -> Decision:
    """A member of the call's committee, on a handed-in application, without a conflict."""
    if not isinstance(target, Application) or not getattr(user, "is_authenticated", False):
        return deny(_("Only members of the call's review committee may do this."))
    reviewer = Reviewer.objects.filter(call_id=target.call_id, user_id=user.pk).first()
    if reviewer is None:
        return deny(_("Only members of the call's review committee may do this."))
    if target.status not in HANDED_IN:
        return deny(_("The application is not under review."))
    if Conflict.objects.filter(reviewer=reviewer, application=target).exists():
        return deny(
            _("You declared a conflict of interest on this application: you may not review it.")
        )
    return ALLOW


REVIEW_FILE_KINDS = {AttachmentKind.PLAN, AttachmentKind.BUDGET}


def _read_review_file(user: Any, target: Model | None, now: datetime) -> Decision:
    """A reviewer of the application, for its project plan and budget sheet only."""
    if not isinstance(target, ApplicationAttachment) or target.kind not in REVIEW_FILE_KINDS:
        return deny(_("Reviewers read only the project plan and the budget sheet."))
    return _review(user, target.application, now)


def _district_staff_when(ready: Callable[[Application], bool], refusal: str | Promise) -> Rule:
    """District staff of the call's district, on an application in the state `ready` asks
    for; otherwise `refusal`."""

    def rule(user: Any, target: Model | None, now: datetime) -> Decision:
        if not isinstance(target, Application):
            return deny(STAFF_ONLY)
        decision = _manage_call(user, target.call, now)
        if not decision:
            return decision
        return ALLOW if ready(target) else deny(refusal)

    return rule


_decide = _district_staff_when(
    lambda application: (
        application.status in (ApplicationStatus.SUBMITTED, ApplicationStatus.UNDER_REVIEW)
    ),
    _("A decision can only be made on a submitted application under review."),
)
# 협약: on a selected application.
_manage_agreement = _district_staff_when(
    lambda application: application.status == ApplicationStatus.SELECTED,
    _("Only a selected application gets a grant agreement."),
)


def _record_disbursement(user: Any, target: Model | None, now: datetime) -> Decision:
    """As the agreement, once it is recorded (교부)."""
    decision = _manage_agreement(user, target, now)
    if not decision:
        return decision
    if (
        isinstance(target, Application)
        and not GrantAgreement.objects.filter(application=target).exists()
    ):
        return deny(_("Record the grant agreement first."))
    return ALLOW


def _settlement(application: Application) -> Settlement | None:
    return Settlement.objects.filter(application=application).first()


def _paid(application: Application) -> bool:
    agreement = GrantAgreement.objects.filter(application=application).first()
    return agreement is not None and agreement.disbursed > 0


def _group_may_report(user: Any, target: Model | None, now: datetime) -> Decision:
    """The representative of a selected, paid application whose settlement is not in."""
    decision = _representative(user, target, now)
    if not decision or not isinstance(target, Application):
        return decision
    if target.status != ApplicationStatus.SELECTED or not _paid(target):
        return deny(_("Spending is recorded once the grant has been paid."))
    settlement = _settlement(target)
    if settlement is not None and not settlement.is_open_to_changes:
        return deny(_("The settlement has been handed in: the spending can no longer change."))
    return ALLOW


def checks_spending(user: Any, application: Application) -> bool:
    """Support-centre staff of the call's district, or staff who serve the application."""
    return _serves(user, application) or (
        application.call.district_id in scope_of(user).support_district_ids
    )


def spending_rows(user: Any, queryset: QuerySet[Application]) -> QuerySet[Application]:
    """The applications whose spending `user` checks: `checks_spending` as a filter."""
    scope = scope_of(user)
    if scope.site_admin:
        return queryset
    return queryset.filter(
        Q(call__district_id__in=scope.district_ids | scope.support_district_ids)
        | Q(dong_id__in=scope.dong_ids)
    )


def _check_spending(user: Any, target: Model | None, now: datetime) -> Decision:
    """Support-centre, dong or district staff, from the agreement until the settlement."""
    if not isinstance(target, Application) or not checks_spending(user, target):
        return refuse_outsider(user)
    if not GrantAgreement.objects.filter(application=target).exists():
        return deny(_("There is no grant agreement to check yet."))
    settlement = _settlement(target)
    if settlement is not None and settlement.is_approved:
        return deny(_("The settlement has been approved: the checks are closed."))
    return ALLOW


# 정산 승인: on a settlement handed in; 평가 and 반납: once it is approved.
_settle = _district_staff_when(
    lambda application: (
        (settlement := _settlement(application)) is not None
        and settlement.status == SettlementStatus.SUBMITTED
    ),
    _("No settlement is waiting for approval."),
)
_evaluate = _district_staff_when(
    lambda application: (
        (settlement := _settlement(application)) is not None and settlement.is_approved
    ),
    _("The project is evaluated after its settlement is approved."),
)


RULES: dict[Action, Rule] = {
    Action.MANAGE_GRANT_CALL: _manage_call,
    Action.REGISTER_GROUP: verified,
    Action.MANAGE_GROUP: _representative,
    Action.WRITE_APPLICATION: _representative,
    Action.VIEW_APPLICATION: _view_application,
    Action.SCREEN_APPLICATION: _screen,
    Action.MANAGE_COMMITTEE: _manage_call,
    Action.REVIEW_APPLICATION: _review,
    Action.DECIDE_APPLICATION: _decide,
    Action.READ_REVIEW_FILE: _read_review_file,
    Action.MANAGE_AGREEMENT: _manage_agreement,
    Action.RECORD_DISBURSEMENT: _record_disbursement,
    Action.RECORD_EXPENSE: _group_may_report,
    Action.CHECK_SPENDING: _check_spending,
    Action.SUBMIT_SETTLEMENT: _group_may_report,
    Action.SETTLE_GRANT: _settle,
    Action.EVALUATE_GRANT: _evaluate,
}
