"""Community groups: registered by a verified resident, who becomes the representative;
members listed by name with their tie to the area and when they agreed to be listed."""

from datetime import datetime
from typing import Any

from django.utils.translation import gettext as _

from maeul.accounts import phone
from maeul.core.errors import RuleViolation, refuse_duplicate
from maeul.core.permissions import Action, enforce
from maeul.core.privacy import refuse_resident_number
from maeul.core.texts import required_text
from maeul.grants.models import CommunityGroup, GroupKind, GroupMember, MemberTie
from maeul.places.models import Dong


def register_group(
    *, name: str, kind: str, dong: Dong, contact: str, representative: Any, now: datetime
) -> CommunityGroup:
    """A group represented by `representative`; its contact number stored encrypted."""
    enforce(representative, Action.REGISTER_GROUP, now=now)
    refuse_resident_number(name=name, contact=contact)
    if not name.strip():
        raise RuleViolation(_("Enter the group's name."), code="name", field="name")
    if kind not in GroupKind.values:
        raise RuleViolation(_("Choose the kind of group."), code="kind", field="kind")
    try:
        number = phone.normalize(contact)
    except RuleViolation as refusal:
        raise RuleViolation(refusal.message, code="contact", field="contact") from None
    with refuse_duplicate(
        _("A group of that name is already registered in this dong."),
        code="duplicate",
        field="name",
    ):
        return CommunityGroup.objects.create(
            name=name.strip()[:100],
            kind=kind,
            district_id=dong.district_id,
            dong=dong,
            representative=representative,
            contact_enc=phone.encrypt(number),
            contact_hmac=phone.lookup_hash(number),
            created_at=now,
        )


def add_member(
    *, group: CommunityGroup, name: str, tie: str, consent: bool, user: Any, now: datetime
) -> GroupMember:
    """A member listed by name; only with their consent, whose time is recorded."""
    enforce(user, Action.MANAGE_GROUP, group, now=now)
    name = required_text(
        name, field="member_name", code="name", missing=_("Enter the member's name.")
    )
    if tie not in MemberTie.values:
        raise RuleViolation(_("Choose the member's tie to the area."), code="tie", field="tie")
    if not consent:
        raise RuleViolation(
            _("A member is listed only with their consent."), code="consent", field="consent"
        )
    return GroupMember.objects.create(group=group, name=name[:50], tie=tie, consent_at=now)


def remove_member(*, member: GroupMember, user: Any, now: datetime) -> None:
    enforce(user, Action.MANAGE_GROUP, member.group, now=now)
    member.delete()
