"""Grant data for 내 정보 내려받기 (`privacy.export`): the groups a representative
represents, the members they listed and the group's applications with their decisions; a
reviewer's seats on committees, their scores and comments and their declared conflicts."""

from typing import Any

from django.utils.translation import gettext as _

from maeul.accounts import phone as phones
from maeul.grants.models import Application, CommunityGroup, GrantAgreement, Reviewer

Record = dict[str, Any]


def _agreement(application: Application) -> Record | None:
    """The agreement and its payments; the account number masked, as on the page."""
    agreement = GrantAgreement.objects.filter(application=application).first()
    if agreement is None:
        return None
    return {
        _("Amount agreed (won)"): agreement.amount,
        _("Signed on"): agreement.signed_at,
        _("Conditions of the agreement"): agreement.conditions,
        _("Account for the transfer"): f"{agreement.bank} {agreement.masked_account}",
        _("Disbursements"): [
            {_("Paid on"): p.paid_at, _("Amount paid (won)"): p.amount, _("Note"): p.note}
            for p in agreement.disbursements.all()
        ],
    }


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
                    _("Amount granted (won)"): application.granted_amount,
                    _("Reasons for the decision"): application.decision_reasons,
                    _("Grant agreement"): _agreement(application),
                }
                for application in group.applications.all()
            ],
        }
        for group in groups
    ]


def committee_seats(user: Any) -> list[Record]:
    """Only `user`'s own seats, scores and conflicts (every query filters on this user)."""
    seats = (
        Reviewer.objects.filter(user_id=user.pk)
        .select_related("call")
        .prefetch_related("reviews__application", "reviews__scores__criterion", "conflicts")
    )
    return [
        {
            _("Call"): seat.call.title,
            _("Added at"): seat.added_at,
            _("Reviews"): [
                {
                    _("Project title"): review.application.title,
                    _("Scores"): {s.criterion.name: s.points for s in review.scores.all()},
                    _("Reviewer's comment"): review.comment,
                    _("Scored at"): review.scored_at,
                }
                for review in seat.reviews.all()
            ],
            _("Conflicts of interest declared"): [
                conflict.declared_at for conflict in seat.conflicts.all()
            ],
        }
        for seat in seats
    ]
