"""Demo accounts, one per role; their passwords are listed in README.md and docs/demo.md."""

from dataclasses import dataclass
from datetime import datetime

from allauth.account.models import EmailAddress

from maeul.accounts.models import DongTie, Role, RoleAssignment, TieKind, User, VerificationMethod
from maeul.places.models import District, Dong

DEMO_PASSWORD = "maeul-demo-2026"  # noqa: S105 -- a documented demo password, not a secret


@dataclass(frozen=True)
class DemoAccount:
    email: str
    display_name: str
    birth_year: int
    role: str | None
    dong: str | None  # dong name (금천구) for the role scope and the resident's tie
    verified: bool


DEMO_ACCOUNTS = [
    DemoAccount("admin@demo.maeul.kr", "사이트 관리자", 1980, Role.SITE_ADMIN, None, True),
    DemoAccount(
        "district@demo.maeul.kr", "금천구 마을자치과", 1985, Role.DISTRICT_STAFF, None, True
    ),
    DemoAccount("dong@demo.maeul.kr", "독산1동 주민센터", 1990, Role.DONG_STAFF, "독산1동", True),
    DemoAccount(
        "centre@demo.maeul.kr", "마을자치센터", 1988, Role.SUPPORT_CENTRE_STAFF, None, True
    ),
    DemoAccount("committee@demo.maeul.kr", "심의위원", 1970, Role.COMMITTEE_MEMBER, None, True),
    DemoAccount("resident@demo.maeul.kr", "독산동 주민", 1975, None, "독산1동", True),
    DemoAccount("newcomer@demo.maeul.kr", "가산동 새내기", 2001, None, "가산동", False),
]

DEMO_DISTRICT_CODE = "1154500000"  # 금천구


def load_accounts(*, now: datetime) -> int:
    """Create the demo accounts that do not exist yet; existing ones are left as they are."""
    district = District.objects.get(code=DEMO_DISTRICT_CODE)
    created = 0
    for spec in DEMO_ACCOUNTS:
        if User.objects.filter(email=spec.email).exists():
            continue
        user = User.objects.create_user(
            spec.email,
            DEMO_PASSWORD,
            display_name=spec.display_name,
            birth_year=spec.birth_year,
            is_superuser=spec.role == Role.SITE_ADMIN,
            is_staff=spec.role == Role.SITE_ADMIN,
        )
        EmailAddress.objects.create(user=user, email=spec.email, verified=True, primary=True)
        if spec.verified:
            user.mark_verified(method=VerificationMethod.IN_PERSON, at=now)
            user.save(update_fields=["verified_at", "verification_method", "verified_by"])
        dong = Dong.objects.get(district=district, name=spec.dong) if spec.dong else None
        if spec.role == Role.DONG_STAFF:
            RoleAssignment.objects.create(user=user, role=spec.role, dong=dong)
        elif spec.role == Role.SITE_ADMIN:
            RoleAssignment.objects.create(user=user, role=spec.role)
        elif spec.role is not None:
            RoleAssignment.objects.create(user=user, role=spec.role, district=district)
        elif dong is not None:
            DongTie.objects.create(user=user, dong=dong, kind=TieKind.LIVES)
        created += 1
    return created
