"""The demo's people and the district's set-up: departments, categories, the staff who
answer, and the verified residents who write, support and comment."""

import random
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from typing import Any

from django.contrib.auth.hashers import make_password

from maeul.accounts.models import DongTie, Role, RoleAssignment, TieKind, User, VerificationMethod
from maeul.accounts.person import person_hash
from maeul.core.dates import SEOUL
from maeul.places.demo_departments import load_departments
from maeul.places.models import Department, District, Dong
from maeul.proposals.demo.data import (
    CARD_GIVEN_NAMES,
    CARD_SURNAMES,
    CATEGORIES,
    NICKNAME_PREFIXES,
    NICKNAME_SUFFIXES,
)
from maeul.proposals.models import Category, ProposalPolicy

# The demo's year: proposals are received from early January to mid-November 2026.
TIMELINE_START = datetime(2026, 1, 5, 9, 0, tzinfo=SEOUL)
TIMELINE_END = datetime(2026, 11, 18, 18, 0, tzinfo=SEOUL)
RESIDENT_EMAIL = "resident{:03d}@demo.maeul.kr"
DEPARTMENT_STAFF_EMAIL = "dept{:02d}@demo.maeul.kr"
DISTRICT_STAFF_EMAIL = "district@demo.maeul.kr"
DONG_STAFF_EMAIL = "dong@demo.maeul.kr"
DEMO_RESIDENT_EMAIL = "resident@demo.maeul.kr"


@contextmanager
def demo_mail_muted() -> Iterator[None]:
    """Keep site notifications for demo accounts but queue no e-mail to their made-up inboxes.

    Wrap the whole transaction that loads the demo, since e-mails are queued on commit.
    """
    from maeul.core import notifications

    class _Muted:
        @staticmethod
        def enqueue(**kwargs: Any) -> None:
            return None

    real = notifications.__dict__["send_notification_email"]
    setattr(notifications, "send_notification_email", _Muted())  # noqa: B010
    try:
        yield
    finally:
        setattr(notifications, "send_notification_email", real)  # noqa: B010


def set_up_district(
    district: District,
) -> tuple[dict[str, Category], dict[str, Department], int]:
    """The district's departments, proposal policy and categories (created once)."""
    created = load_departments(district)
    departments = {d.name: d for d in Department.objects.filter(district=district)}
    _policy, made = ProposalPolicy.objects.get_or_create(
        district=district,
        defaults={
            "support_days": 30,
            "review_threshold": 50,
            "head_answer_threshold": 500,
            "answer_days": 30,
            "default_department": departments["마을자치과"],
        },
    )
    created += made
    categories = {}
    for order, (name, department) in enumerate(CATEGORIES.items()):
        category, made = Category.objects.get_or_create(
            district=district,
            name=name,
            defaults={"order": order, "department": departments[department]},
        )
        categories[name] = category
        created += made
    # The demo district staff works in 교통행정과, so the demo can answer traffic proposals.
    created += RoleAssignment.objects.filter(
        user__email=DISTRICT_STAFF_EMAIL,
        role=Role.DISTRICT_STAFF,
        district=district,
        department__isnull=True,
    ).update(department=departments["교통행정과"])
    return categories, departments, created


def department_staff(district: District, departments: dict[str, Department]) -> dict[int, User]:
    """One staff account per department (with no password: the demo signs in as district@)."""
    staff: dict[int, User] = {}
    for index, name in enumerate(sorted(departments), start=1):
        department = departments[name]
        if name == "교통행정과" and User.objects.filter(email=DISTRICT_STAFF_EMAIL).exists():
            staff[department.pk] = User.objects.get(email=DISTRICT_STAFF_EMAIL)
            continue
        user, made = User.objects.get_or_create(
            email=DEPARTMENT_STAFF_EMAIL.format(index),
            defaults={
                "display_name": f"금천구 {name}",
                "password": make_password(None),
                "date_joined": TIMELINE_START - timedelta(days=30),
            },
        )
        if made:
            RoleAssignment.objects.create(
                user=user, role=Role.DISTRICT_STAFF, district=district, department=department
            )
        staff[department.pk] = user
    return staff


def _nicknames(count: int, rng: random.Random) -> list[str]:
    combos = [f"{p} {s}" for p in NICKNAME_PREFIXES for s in NICKNAME_SUFFIXES]
    rng.shuffle(combos)
    names = combos[:count]
    for extra in range(len(names), count):  # more residents than combinations
        names.append(f"{combos[extra % len(combos)]} {extra // len(combos) + 1}")
    return names


def _card_identity(index: int, birth_year: int) -> str:
    """A fictional name and birth date for demo resident `index` (no draw from the rng)."""
    name = (
        CARD_SURNAMES[index % len(CARD_SURNAMES)]
        + CARD_GIVEN_NAMES[(index * 7) % len(CARD_GIVEN_NAMES)]
    )
    return person_hash(name, date(birth_year, 1 + index % 12, 1 + (index * 3) % 28))


def verified_residents(district: District, count: int, rng: random.Random) -> list[User]:
    """Verified residents, each living in one dong since they joined; every third of them
    had the tie confirmed at the dong office."""
    emails = [RESIDENT_EMAIL.format(n) for n in range(1, count + 1)]
    existing = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
    names = _nicknames(count, rng)
    dongs = list(Dong.objects.filter(district=district).order_by("code"))
    confirmer = User.objects.filter(email=DISTRICT_STAFF_EMAIL).first()
    new_users, ties = [], []
    for index, email in enumerate(emails):
        joined = datetime(2025, 10, 1, 10, tzinfo=SEOUL) + timedelta(hours=rng.randrange(24 * 90))
        birth = rng.randrange(1942, 2007)
        dong = dongs[rng.randrange(len(dongs))]
        if email in existing:
            continue
        user = User(
            email=email,
            display_name=names[index],
            birth_year=birth,
            password=make_password(None),
            date_joined=joined,
            verified_at=joined,
            verification_method=VerificationMethod.IN_PERSON,
            person_hmac=_card_identity(index, birth),
        )
        new_users.append(user)
        ties.append((user, dong, joined, joined + timedelta(days=3) if index % 3 == 0 else None))
    User.objects.bulk_create(new_users)
    DongTie.objects.bulk_create(
        [
            DongTie(
                user=user,
                dong=dong,
                kind=TieKind.LIVES,
                started_at=joined,
                confirmed_at=confirmed,
                confirmed_by=confirmer if confirmed else None,
            )
            for user, dong, joined, confirmed in ties
        ]
    )
    return list(User.objects.filter(email__in=emails).order_by("email"))
