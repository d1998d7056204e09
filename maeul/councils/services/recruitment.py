"""Recruitment of a term's members (위원 모집): the open call, applications, the selection.

The selection is documented so that anyone can check it:

- If there are no more applications than places, every applicant is selected; there is
  no lottery and no seed.
- Otherwise a public lottery (공개추첨) decides. Its seed is published on the results page:
  either the text staff type in (for example the numbers drawn at the public draw), or by
  default the SHA-256 hex digest of the sorted application ids and the closing time in
  Seoul time (`"3,5,8|2026-12-15T18:00:00+09:00"`). Every application's lottery rank is its position
  when the applications are sorted by `sha256(f"{seed}:{application.pk}")` (hex, ascending;
  rank 1 first). See `lottery_order`.
- Recommendations (추천, route `recommendation`) take priority for at most half of the
  places (rounded down): the best-ranked recommended applicants fill those places first.
  The remaining places go to everyone else still waiting, recommended or not, in rank
  order. Whoever is not selected is on the reserve list (예비), in rank order.

Selected applicants become members of the term (route `lottery` for a lottery winner from
the open call, `recommendation` for a recommendation, `open_call` when there was no
lottery), each applicant is told the outcome, and the draw is audited.
"""

import hashlib
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from maeul.core import audit
from maeul.core.dates import SEOUL, seoul_minute
from maeul.core.errors import RuleViolation, refuse_duplicate
from maeul.core.notifications import notify
from maeul.core.permissions import Action, enforce
from maeul.core.privacy import refuse_resident_number
from maeul.councils.models import (
    ApplicationStatus,
    Council,
    CouncilMember,
    MemberRole,
    MembershipApplication,
    Recruitment,
    RecruitmentStatus,
    Section,
    SelectionRoute,
    Term,
)
from maeul.councils.services.members import _insert_member, check_section
from maeul.courses.completion import school_refusal

SEED_MAX = 64  # Recruitment.lottery_seed
NOTIFY_KIND = "council_selection"
OPENING_FIELDS = ["seats", "opens_at", "closes_at"]


def recruitment_of(council: Council) -> Recruitment | None:
    """The council's latest recruitment (that of its newest term with one)."""
    return (
        Recruitment.objects.filter(term__council=council)
        .select_related("term__council")
        .order_by("-term__number")
        .first()
    )


def open_recruitment(
    *,
    term: Term,
    seats: int,
    opens_at: datetime,
    closes_at: datetime,
    staff: Any,
    now: datetime,
    ip: str | None,
) -> Recruitment:
    """Open the call for a term's members: `seats` places, applications in [opens_at, closes_at)."""
    council = term.council
    enforce(staff, Action.MANAGE_COUNCIL, council, now=now)
    if seats < 1:
        raise RuleViolation(_("There must be at least one place."), code="seats", field="seats")
    if seats > council.max_members:
        raise RuleViolation(
            _("The council has at most %(most)d members.") % {"most": council.max_members},
            code="seats",
            field="seats",
        )
    if closes_at <= opens_at:
        raise RuleViolation(
            _("The call must close after it opens."), code="dates", field="closes_at"
        )
    if closes_at <= now:
        raise RuleViolation(
            _("The closing time has already passed."), code="dates", field="closes_at"
        )
    with refuse_duplicate(
        _("Term %(number)d already has a recruitment.") % {"number": term.number},
        code="recruitment_exists",
        field="term",
    ):
        recruitment = Recruitment.objects.create(
            term=term, seats=seats, opens_at=opens_at, closes_at=closes_at
        )
        audit.record_created(
            recruitment,
            OPENING_FIELDS,
            actor=staff,
            action="councils.recruitment.open",
            ip=ip,
            now=now,
        )
    return recruitment


def close_recruitment(
    *, recruitment: Recruitment, staff: Any, now: datetime, ip: str | None
) -> Recruitment:
    """Stop taking applications now (or record that the call has closed)."""
    enforce(staff, Action.MANAGE_COUNCIL, recruitment.term.council, now=now)
    with transaction.atomic():
        locked = Recruitment.objects.select_for_update().get(pk=recruitment.pk)
        if not locked.may_close:
            raise RuleViolation(_("The call is not open."), code="not_open")
        audit.save_changed(
            locked,
            {"status": RecruitmentStatus.CLOSED, "closes_at": min(locked.closes_at, now)},
            actor=staff,
            action="councils.recruitment.close",
            ip=ip,
            now=now,
        )
    return locked


def apply(
    *,
    recruitment: Recruitment,
    user: Any,
    public_name: str,
    motivation: str,
    now: datetime,
    wanted_section: Section | None = None,
    route: str = SelectionRoute.OPEN_CALL,
    recommended_by: str = "",
) -> MembershipApplication:
    """Apply to the open call (or be recommended by an organisation), once per person.

    Raises RuleViolation with the reason when the person may not apply (not verified, no
    tie to the dong or district, the call closed), has already applied, or the input is
    incomplete, or the council asks for a completed 주민자치학교 the person has not completed
    (`courses.completion.school_refusal`).
    """
    enforce(user, Action.APPLY_TO_COUNCIL, recruitment, now=now)
    missing_school = school_refusal(user, recruitment.term.council)
    if missing_school is not None:
        raise RuleViolation(missing_school, code="school_required")
    public_name = public_name.strip()
    motivation = motivation.strip()
    recommended_by = recommended_by.strip()
    refuse_resident_number(public_name, motivation, recommended_by)
    if not public_name:
        raise RuleViolation(
            _("Enter the name to be shown."), code="application", field="public_name"
        )
    if not motivation:
        raise RuleViolation(_("Write why you apply."), code="application", field="motivation")
    if route not in (SelectionRoute.OPEN_CALL, SelectionRoute.RECOMMENDATION):
        raise RuleViolation(_("Choose how you apply."), code="application", field="route")
    if route == SelectionRoute.RECOMMENDATION and not recommended_by:
        raise RuleViolation(
            _("Name the organisation that recommends you."),
            code="application",
            field="recommended_by",
        )
    check_section(recruitment.term.council, wanted_section, field="wanted_section")
    with refuse_duplicate(_("You have already applied to this call."), code="already_applied"):
        locked = Recruitment.objects.select_for_update().get(pk=recruitment.pk)
        if not locked.is_open(now):
            raise RuleViolation(_("The council is not taking applications now."), code="forbidden")
        application = MembershipApplication.objects.create(
            recruitment=locked,
            user=user,
            public_name=public_name[:30],
            motivation=motivation[:2000],
            wanted_section=wanted_section,
            route=route,
            recommended_by=recommended_by[:100] if route == SelectionRoute.RECOMMENDATION else "",
            created_at=now,
        )
    return application


# --- The selection -------------------------------------------------------------------------
def default_seed(application_ids: Iterable[int], closes_at: datetime) -> str:
    """The seed used when staff type none: fixed by the applications and the closing time."""
    ids = ",".join(str(pk) for pk in sorted(application_ids))
    text = f"{ids}|{closes_at.astimezone(SEOUL).isoformat()}"
    return hashlib.sha256(text.encode()).hexdigest()


def checked_seed(seed: str) -> str:
    """The seed staff typed, trimmed; refused when longer than a stored seed may be."""
    seed = seed.strip()
    if len(seed) > SEED_MAX:
        raise RuleViolation(
            _("The seed can be at most %(most)d characters.") % {"most": SEED_MAX},
            code="seed",
            field="seed",
        )
    return seed


def lottery_key(seed: str, application_id: int) -> str:
    return hashlib.sha256(f"{seed}:{application_id}".encode()).hexdigest()


def lottery_order(seed: str, application_ids: Iterable[int]) -> list[int]:
    """The application ids in lottery order (rank 1 first): anyone can recompute it."""
    return sorted(application_ids, key=lambda pk: (lottery_key(seed, pk), pk))


def recommended_places(seats: int) -> int:
    """Places recommendations may fill first: at most half, rounded down."""
    return seats // 2


def choose(
    ranked: list[MembershipApplication], places: int
) -> tuple[list[MembershipApplication], list[MembershipApplication]]:
    """Split applications in rank order into (selected, reserve) by the module's rule."""
    recommended = [a for a in ranked if a.route == SelectionRoute.RECOMMENDATION]
    first = recommended[: min(recommended_places(places), places)]
    chosen = {a.pk for a in first}
    rest = [a for a in ranked if a.pk not in chosen]
    chosen.update(a.pk for a in rest[: places - len(first)])
    selected = [a for a in ranked if a.pk in chosen]
    reserve = [a for a in ranked if a.pk not in chosen]
    return selected, reserve


def select_members(
    *,
    recruitment: Recruitment,
    staff: Any,
    now: datetime,
    ip: str | None,
    seed: str | None = None,
) -> list[MembershipApplication]:
    """Select the term's members from the applications, after the call has closed.

    The places are the call's `seats`, or fewer if the term has fewer free places left.
    Returns the applications in rank order (or application order without a lottery).
    Raises RuleViolation before the close, after a selection, or for a seed too long.
    """
    term = recruitment.term
    council = term.council
    enforce(staff, Action.MANAGE_COUNCIL, council, now=now)
    if seed is not None:
        seed = checked_seed(seed)
    with transaction.atomic():
        locked = Recruitment.objects.select_for_update().get(pk=recruitment.pk)
        if locked.is_selected:
            raise RuleViolation(_("The members have already been selected."), code="selected")
        if now < locked.closes_at:
            closes = seoul_minute(locked.closes_at)
            raise RuleViolation(
                _("Members can be selected only after the call closes at %(time)s.")
                % {"time": closes},
                code="not_closed",
            )
        applications = list(locked.applications.select_related("user").order_by("created_at", "pk"))
        current = CouncilMember.objects.filter(term=term).current().count()
        places = max(0, min(locked.seats, council.max_members - current))
        lottery = len(applications) > places
        if lottery:
            locked.lottery_seed = seed or default_seed(
                (a.pk for a in applications), locked.closes_at
            )
            by_pk = {a.pk: a for a in applications}
            ranked = [by_pk[pk] for pk in lottery_order(locked.lottery_seed, by_pk)]
            for rank, application in enumerate(ranked, start=1):
                application.lottery_rank = rank
            selected, reserve = choose(ranked, places)
        else:
            locked.lottery_seed = ""
            ranked, selected, reserve = applications, applications, []
        for application in selected:
            application.status = ApplicationStatus.SELECTED
        for application in reserve:
            application.status = ApplicationStatus.RESERVE
        MembershipApplication.objects.bulk_update(ranked, ["status", "lottery_rank"])
        for application in selected:
            if application.route == SelectionRoute.RECOMMENDATION:
                route = SelectionRoute.RECOMMENDATION
            else:
                route = SelectionRoute.LOTTERY if lottery else SelectionRoute.OPEN_CALL
            if CouncilMember.objects.filter(term=term, user=application.user).exists():
                continue  # already a member (added by hand before the selection)
            _insert_member(
                CouncilMember(
                    term=term,
                    public_name=application.public_name,
                    role=MemberRole.MEMBER,
                    section=application.wanted_section,
                    route=route,
                    joined_on=term.starts_on,
                    user=application.user,
                )
            )
        locked.status = RecruitmentStatus.SELECTED
        locked.selected_at = now
        locked.save(update_fields=["status", "selected_at", "lottery_seed"])
        audit.record(
            actor=staff,
            action="councils.recruitment.select",
            target=locked,
            changes={
                "status": [recruitment.status, locked.status],
                "lottery_seed": ["", locked.lottery_seed],
                "selected": [None, [a.pk for a in selected]],
                "reserve": [None, [a.pk for a in reserve]],
            },
            ip=ip,
            now=now,
        )
        _tell_applicants(council, selected, reserve, now)
    recruitment.refresh_from_db()
    return ranked


def _tell_applicants(
    council: Council,
    selected: list[MembershipApplication],
    reserve: list[MembershipApplication],
    now: datetime,
) -> None:
    url = reverse("councils:recruitment", kwargs={"pk": council.pk})
    notify(
        recipients=[a.user for a in selected],
        kind=NOTIFY_KIND,
        message=_("You have been selected as a member of %(council)s.") % {"council": council.name},
        url=url,
        now=now,
    )
    for application in reserve:
        notify(
            recipients=[application.user],
            kind=NOTIFY_KIND,
            message=_("You are on the reserve list of %(council)s (lottery rank %(rank)d).")
            % {"council": council.name, "rank": application.lottery_rank or 0},
            url=url,
            now=now,
        )


def results(recruitment: Recruitment) -> list[MembershipApplication]:
    """The applications in published order: by lottery rank, or by application time."""
    rows = recruitment.applications.select_related("wanted_section")
    if recruitment.lottery_seed:
        return list(rows.order_by("lottery_rank", "pk"))
    return list(rows.order_by("created_at", "pk"))
