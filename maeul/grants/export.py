"""A representative's grant data for 내 정보 내려받기 (`privacy.export`): the groups they
represent, the members they listed and the group's applications."""

from typing import Any

from django.utils.translation import gettext as _

from maeul.accounts import phone as phones
from maeul.grants.models import CommunityGroup

Record = dict[str, Any]


def represented_groups(user: Any) -> list[Record]:
    """Only the groups `user` represents (every query filters on this user)."""
    groups = (
        CommunityGroup.objects.filter(representative_id=user.pk)
        .select_related("dong")
        .prefetch_related("members", "applications__call")
    )
    return [
        {
            _("Group name"): group.name,
            _("Kind"): group.get_kind_display(),
            _("Dong"): group.dong.name,
            _("Contact number"): phones.decrypt(group.contact_enc) if group.contact_enc else None,
            _("Group members"): [
                {
                    _("Name"): member.name,
                    _("Tie to the area"): member.get_tie_display(),
                    _("Consent given at"): member.consent_at,
                }
                for member in group.members.all()
            ],
            _("Grant applications"): [
                {
                    _("Call"): application.call.title,
                    _("Project title"): application.title,
                    _("Status"): application.get_status_display(),
                    _("Amount asked (won)"): application.amount,
                    _("Submitted at"): application.submitted_at,
                }
                for application in group.applications.all()
            ],
        }
        for group in groups
    ]
