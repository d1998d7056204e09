"""Consultation data for 내 정보 내려받기 (`privacy.export`): the consultations a person
answered (which one and on which day, never the answers: a `Response` has no link to anyone,
see docs/consultations.md), their arguments, the arguments they supported or reported, and
their registrations for forums. Every query filters on the one person."""

from datetime import datetime
from typing import Any

from django.utils.translation import gettext as _

from maeul.consultations.models import (
    Argument,
    ArgumentReport,
    ArgumentSupport,
    Forum,
    Participation,
    Registration,
)

Record = dict[str, Any]


def participations(user: Any) -> list[Record]:
    """Which consultations `user` answered, and the day: what they answered is not theirs to
    look up (nor anyone's), as a ballot is not."""
    rows = Participation.objects.filter(user_id=user.pk).select_related("consultation")
    return [
        {_("Consultation"): row.consultation.title, _("Answered on"): row.answered_on}
        for row in rows.order_by("answered_on", "pk")
    ]


def arguments(user: Any) -> list[Record]:
    """The arguments and replies `user` wrote in a consultation's debate, hidden ones too."""
    rows = Argument.objects.filter(author_id=user.pk).select_related("consultation")
    return [
        {
            _("Consultation"): argument.consultation.title,
            _("Stance"): argument.get_stance_display(),
            _("Reply"): argument.parent_id is not None,
            _("Text"): argument.body,
            _("Written at"): argument.created_at,
            _("Hidden at"): argument.hidden_at,
            _("Reason for hiding"): argument.hidden_reason,
        }
        for argument in rows.order_by("created_at", "pk")
    ]


def argument_supports(user: Any) -> list[Record]:
    """The arguments `user` supported (공감): the consultation and when, not the argument,
    which is someone else's writing."""
    rows = ArgumentSupport.objects.filter(user_id=user.pk).select_related("argument__consultation")
    return [
        {_("Consultation"): row.argument.consultation.title, _("When"): row.created_at}
        for row in rows.order_by("created_at", "pk")
    ]


def argument_reports(user: Any) -> list[Record]:
    """The arguments `user` reported (신고), with their reason."""
    rows = ArgumentReport.objects.filter(reporter_id=user.pk).select_related(
        "argument__consultation"
    )
    return [
        {
            _("Consultation"): row.argument.consultation.title,
            _("Reason"): row.reason,
            _("When"): row.created_at,
            _("Dealt with at"): row.resolved_at,
        }
        for row in rows.order_by("created_at", "pk")
    ]


def forum_registrations(user: Any) -> list[Record]:
    """The forums `user` registered for, every status, and whether they came."""
    rows = Registration.objects.filter(user_id=user.pk).select_related("forum")
    return [
        {
            _("Forum"): row.forum.title,
            _("Starts at"): row.forum.starts_at,
            _("Place"): row.forum.place,
            _("Groups invited"): row.get_target_group_display(),
            _("Status"): row.get_status_display(),
            _("Applied at"): row.created_at,
            _("Came"): row.attended,
        }
        for row in rows.order_by("created_at", "pk")
    ]


def erase(user: Any, *, now: datetime) -> None:
    """On erasure (`privacy.services.erase_account`): what becomes of `user`'s consultation
    rows.

    - registrations for a forum still to come: cancelled (the first one waiting moves up),
      then deleted: nobody will come;
    - registrations for past forums: kept as the forum's record (the group invited and
      whether someone came count towards attendance; no text about the person);
    - participations: kept, they count towards turnout (which consultation and the day only;
      the answers never named anyone);
    - arguments and replies: kept, a public contribution to the debate, shown as 탈퇴한 회원
      like a proposal's comments; supports stay counted like a proposal's supports;
    - reports: kept as the moderation record (the reason is about the argument reported).
    """
    from maeul.consultations.services.forums import SEATS, seats_of

    upcoming = Registration.objects.filter(
        user_id=user.pk, forum__starts_at__gt=now, status__in=[SEATS.placed, SEATS.waiting]
    ).select_related("forum")
    for registration in upcoming.order_by("pk"):
        forum = Forum.objects.select_for_update().get(pk=registration.forum_id)
        SEATS.cancel(registration, forum.registrations.all(), capacity=seats_of(forum).capacity)
        registration.delete()
