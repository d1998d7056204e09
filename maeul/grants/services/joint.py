"""Joint applications of trade associations (직능단체 공동 신청).

Where a call admits trade associations, one association may name others of its district as
joint applicants on its draft. A group applies once per call, alone or jointly: an
association whose own application is handed in, or that is named on another handed-in
application to the call, cannot be named again; this is checked once more when a draft is
submitted, so the first handed in wins.
"""

from datetime import datetime
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from maeul.core.errors import RuleViolation
from maeul.core.permissions import Action, enforce
from maeul.grants.models import HANDED_IN, Application, CommunityGroup, GroupKind


def joint_candidates(application: Application) -> list[CommunityGroup]:
    """Trade associations of the call's district that could be named on `application`."""
    named = application.partners.values_list("pk", flat=True)
    return list(
        CommunityGroup.objects.filter(
            district_id=application.call.district_id, kind=GroupKind.TRADE
        )
        .exclude(pk=application.group_id)
        .exclude(pk__in=named)
        .order_by("name")
    )


def _applying_elsewhere(application: Application, group: CommunityGroup) -> bool:
    others = Application.objects.filter(call_id=application.call_id, status__in=HANDED_IN).exclude(
        pk=application.pk
    )
    return others.filter(Q(group=group) | Q(partners=group)).exists()


def check_partners(application: Application) -> None:
    """Refuse when the group or a joint applicant already applies to the call otherwise."""
    for group in [application.group, *application.partners.all()]:
        if _applying_elsewhere(application, group):
            raise RuleViolation(
                _("%(group)s already applies to this call, alone or jointly.")
                % {"group": group.name},
                code="joint",
            )


def add_partner(
    *, application: Application, partner_id: int | None, user: Any, now: datetime
) -> CommunityGroup:
    enforce(user, Action.WRITE_APPLICATION, application, now=now)
    if not application.is_draft:
        raise RuleViolation(_("The application has been submitted: it can no longer change."))
    if not application.call.trade_groups_allowed:
        raise RuleViolation(_("This call does not take joint applications."), field="partner_id")
    if application.group.kind != GroupKind.TRADE:
        raise RuleViolation(_("Only trade associations apply jointly."), field="partner_id")
    partner = next((g for g in joint_candidates(application) if g.pk == partner_id), None)
    if partner is None:
        raise RuleViolation(_("Choose a trade association of the district."), field="partner_id")
    if _applying_elsewhere(application, partner):
        raise RuleViolation(
            _("%(group)s already applies to this call, alone or jointly.")
            % {"group": partner.name},
            field="partner_id",
        )
    application.partners.add(partner)
    return partner


def remove_partner(*, application: Application, partner_id: int, user: Any, now: datetime) -> None:
    enforce(user, Action.WRITE_APPLICATION, application, now=now)
    if not application.is_draft:
        raise RuleViolation(_("The application has been submitted: it can no longer change."))
    application.partners.remove(partner_id)
