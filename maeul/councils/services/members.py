"""Councils, their terms (기수), sections (분과) and members (위원): every change audited.

A council's current members are the members of a term who have not left (`left_on` is
empty). A term holds at most `council.max_members` of them (50 for a 주민자치회); the count
is taken under a lock on the term row, so two staff adding the 50th member at once cannot
both succeed (on SQLite the IMMEDIATE transaction serialises writers instead). One chair
per term is a database constraint; its refusal is turned into a sentence a person reads.
"""

from datetime import date, datetime, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.utils.translation import gettext as _

from maeul.core import audit
from maeul.core.errors import RuleViolation, refuse_duplicate
from maeul.core.permissions import Action, enforce
from maeul.core.privacy import refuse_resident_number
from maeul.councils.models import (
    Council,
    CouncilKind,
    CouncilMember,
    MemberRole,
    Section,
    SelectionRoute,
    Term,
)
from maeul.places.models import District, Dong

# Official names, as the district writes them (data, not interface text).
RESIDENT_COUNCIL_NAME = "{dong} 주민자치회"
GOVERNANCE_COUNCIL_NAME = "{district} 협치회의"

TERM_FIELDS = ["number", "starts_on", "ends_on"]
MEMBER_FIELDS = ["public_name", "role", "section", "route", "user", "joined_on", "left_on"]


# --- Councils ------------------------------------------------------------------------------
def ensure_council(*, dong: Dong) -> Council:
    """The dong's resident council (주민자치회), created with its official name if missing."""
    council, _created = Council.objects.get_or_create(
        dong=dong,
        defaults={
            "kind": CouncilKind.RESIDENT,
            "district_id": dong.district_id,
            "name": RESIDENT_COUNCIL_NAME.format(dong=dong.name),
        },
    )
    return council


def ensure_governance_council(*, district: District) -> Council:
    """The district's governance council (협치회의), created if missing."""
    council, _created = Council.objects.get_or_create(
        district=district,
        kind=CouncilKind.GOVERNANCE,
        defaults={"name": GOVERNANCE_COUNCIL_NAME.format(district=district.name)},
    )
    return council


# --- Terms ---------------------------------------------------------------------------------
def term_end(starts_on: date, years: int) -> date:
    """The last day of a term of `years` starting on `starts_on` (a 29 February start
    ends on 28 February)."""
    try:
        anniversary = starts_on.replace(year=starts_on.year + years)
    except ValueError:  # 29 February into a common year
        anniversary = date(starts_on.year + years, 3, 1)
    return anniversary - timedelta(days=1)


def current_term(council: Council, today: date) -> Term | None:
    """The term in force on `today`, if any."""
    return council.terms.running_on(today).first()


def start_term(
    *, council: Council, number: int, starts_on: date, staff: Any, now: datetime, ip: str | None
) -> Term:
    """Record a new term (기수) of `council.term_years` years starting on `starts_on`.

    Raises RuleViolation if the number is taken or the dates overlap another term.
    """
    enforce(staff, Action.MANAGE_COUNCIL, council, now=now)
    if number < 1:
        raise RuleViolation(_("The term number must be 1 or more."), code="term", field="number")
    ends_on = term_end(starts_on, council.term_years)
    with refuse_duplicate(
        _("The council already has a term %(number)d.") % {"number": number},
        code="term_number_taken",
        field="number",
    ):
        Council.objects.select_for_update().get(pk=council.pk)
        overlapping = council.terms.filter(starts_on__lte=ends_on, ends_on__gte=starts_on).first()
        if overlapping is not None:
            raise RuleViolation(
                _("The term overlaps term %(number)d (%(starts)s to %(ends)s).")
                % {
                    "number": overlapping.number,
                    "starts": overlapping.starts_on.isoformat(),
                    "ends": overlapping.ends_on.isoformat(),
                },
                code="term_overlap",
                field="starts_on",
            )
        term = Term.objects.create(
            council=council, number=number, starts_on=starts_on, ends_on=ends_on
        )
        audit.record_created(
            term, TERM_FIELDS, actor=staff, action="councils.term.start", ip=ip, now=now
        )
    return term


# --- Sections ------------------------------------------------------------------------------
def add_section(
    *,
    council: Council,
    name: str,
    staff: Any,
    now: datetime,
    ip: str | None,
    order: int | None = None,
) -> Section:
    """Add a section (분과) to the council, last unless `order` is given."""
    enforce(staff, Action.MANAGE_COUNCIL, council, now=now)
    name = name.strip()
    refuse_resident_number(name)
    if not name:
        raise RuleViolation(_("Enter the section's name."), code="section", field="name")
    with refuse_duplicate(
        _("The council already has a section named %(name)s.") % {"name": name},
        code="section_taken",
        field="name",
    ):
        if order is None:
            last = council.sections.order_by("-order").values_list("order", flat=True).first()
            order = (last or 0) + 1
        section = Section.objects.create(council=council, name=name[:50], order=order)
        audit.record_created(
            section, ["name", "order"], actor=staff, action="councils.section.add", ip=ip, now=now
        )
    return section


# --- Members -------------------------------------------------------------------------------
def check_section(council: Council, section: Section | None, *, field: str = "section") -> None:
    """A section chosen for a member (or wanted by an applicant) must be one of the council's."""
    if section is not None and section.council_id != council.pk:
        raise RuleViolation(
            _("The section belongs to another council."),
            code="section_of_other_council",
            field=field,
        )


def _explain_integrity(term: Term, role: str, user: Any, exclude_pk: int | None) -> RuleViolation:
    """Which constraint refused the row: the database decides, this names it for people."""
    others = CouncilMember.objects.filter(term=term)
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    if role == MemberRole.CHAIR and others.current().filter(role=MemberRole.CHAIR).exists():
        return RuleViolation(
            _("The term already has a chair. Change the current chair's role first."),
            code="second_chair",
            field="role",
        )
    if user is not None and others.filter(user=user).exists():
        return RuleViolation(
            _("This person is already a member of the term."),
            code="already_member",
            field="user",
        )
    return RuleViolation(_("The member could not be saved. Please try again."), code="conflict")


def add_member(
    *,
    term: Term,
    public_name: str,
    role: str,
    section: Section | None,
    route: str,
    joined_on: date,
    staff: Any,
    now: datetime,
    ip: str | None,
    user: Any = None,
) -> CouncilMember:
    """Add a member to a term.

    Raises RuleViolation when the term is full (`council.max_members` current members),
    when it already has a chair, when the section is of another council, when the person
    is already a member, or when `joined_on` is outside the term.
    """
    council = term.council
    enforce(staff, Action.MANAGE_COUNCIL, council, now=now)
    public_name = public_name.strip()
    refuse_resident_number(public_name)
    if not public_name:
        raise RuleViolation(
            _("Enter the name shown for the member."), code="member", field="public_name"
        )
    if role not in MemberRole.values or route not in SelectionRoute.values:
        raise RuleViolation(_("Choose a role and a route from the list."), code="member")
    check_section(council, section)
    if not term.starts_on <= joined_on <= term.ends_on:
        raise RuleViolation(
            _("The joining date must be within the term (%(starts)s to %(ends)s).")
            % {"starts": term.starts_on.isoformat(), "ends": term.ends_on.isoformat()},
            code="joined_on",
            field="joined_on",
        )
    try:
        with transaction.atomic():
            member = _insert_member(
                CouncilMember(
                    term=term,
                    public_name=public_name[:30],
                    role=role,
                    section=section,
                    route=route,
                    joined_on=joined_on,
                    user=user,
                )
            )
            audit.record_created(
                member, MEMBER_FIELDS, actor=staff, action="councils.member.add", ip=ip, now=now
            )
    except IntegrityError:
        raise _explain_integrity(term, role, user, None) from None
    return member


def _insert_member(member: CouncilMember) -> CouncilMember:
    """Save the new `member` under the lock of its term, while the term has a free place;
    call inside a transaction."""
    term = member.term
    Term.objects.select_for_update().get(pk=term.pk)
    current = CouncilMember.objects.filter(term=term).current().count()
    most = term.council.max_members
    if current >= most:
        raise RuleViolation(
            _("The term already has %(most)d members, the most the council may have.")
            % {"most": most},
            code="council_full",
        )
    member.save(force_insert=True)
    return member


def change_member(
    *,
    member: CouncilMember,
    public_name: str,
    role: str,
    section: Section | None,
    staff: Any,
    now: datetime,
    ip: str | None,
) -> CouncilMember:
    """Change a current member's name shown, role or section."""
    term = member.term
    enforce(staff, Action.MANAGE_COUNCIL, term.council, now=now)
    if member.left_on is not None:
        raise RuleViolation(_("This person has left the council."), code="member_left")
    public_name = public_name.strip()
    refuse_resident_number(public_name)
    if not public_name:
        raise RuleViolation(
            _("Enter the name shown for the member."), code="member", field="public_name"
        )
    if role not in MemberRole.values:
        raise RuleViolation(_("Choose a role and a route from the list."), code="member")
    check_section(term.council, section)
    try:
        with transaction.atomic():
            audit.save_changed(
                member,
                {"public_name": public_name[:30], "role": role, "section": section},
                audited=MEMBER_FIELDS,
                actor=staff,
                action="councils.member.change",
                ip=ip,
                now=now,
            )
    except IntegrityError:
        member.refresh_from_db()
        raise _explain_integrity(term, role, None, member.pk) from None
    return member


def end_membership(
    *, member: CouncilMember, left_on: date, staff: Any, now: datetime, ip: str | None
) -> CouncilMember:
    """Record that a member left on `left_on`; the place becomes free for someone else."""
    enforce(staff, Action.MANAGE_COUNCIL, member.term.council, now=now)
    if member.left_on is not None:
        raise RuleViolation(_("This person has left the council."), code="member_left")
    if left_on < member.joined_on:
        raise RuleViolation(
            _("The leaving date cannot be before the joining date (%(joined)s).")
            % {"joined": member.joined_on.isoformat()},
            code="left_on",
            field="left_on",
        )
    with (
        transaction.atomic(),
        audit.changing(
            member, MEMBER_FIELDS, actor=staff, action="councils.member.end", ip=ip, now=now
        ),
    ):
        member.left_on = left_on
        member.save(update_fields=["left_on"])
    return member


def role_rank() -> Case:
    """An ordering expression: chair, vice-chair, secretary, section heads, members."""
    return Case(
        *[When(role=role, then=Value(rank)) for rank, role in enumerate(MemberRole.values)],
        default=Value(len(MemberRole.values)),
        output_field=IntegerField(),
    )


def current_members(term: Term) -> QuerySet[CouncilMember]:
    """The term's members who have not left, chair first, then by role and name."""
    return (
        term.members.current().select_related("section").order_by(role_rank(), "public_name", "pk")
    )
