"""Demo accounts, one per role; their passwords are listed in README.md and docs/demo.md."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from allauth.account.models import EmailAddress
from django.db.models import Model

from maeul.accounts.models import DongTie, Role, RoleAssignment, TieKind, User, VerificationMethod
from maeul.accounts.person import person_hash
from maeul.places.models import District, Dong

DEMO_PASSWORD = "maeul-demo-2026"  # noqa: S105 -- a documented demo password, not a secret


@dataclass(frozen=True)
class DemoAccount:
    email: str
    display_name: str
    birth_date: date
    role: str | None
    dong: str | None  # dong name for the role scope and the resident's tie
    verified: bool
    # The (fictional) name on the identity card, kept only as person_hmac when verified.
    card_name: str = ""
    district: str = "금천구"  # the district of the role scope and of `dong`

    @property
    def birth_year(self) -> int:
        return self.birth_date.year


DEMO_ACCOUNTS = [
    DemoAccount(
        "admin@demo.maeul.kr",
        "사이트 관리자",
        date(1980, 4, 2),
        Role.SITE_ADMIN,
        None,
        True,
        "한관리",
    ),
    DemoAccount(
        "district@demo.maeul.kr",
        "금천구 마을자치과",
        date(1985, 9, 17),
        Role.DISTRICT_STAFF,
        None,
        True,
        "오구청",
    ),
    DemoAccount(
        "dong@demo.maeul.kr",
        "독산1동 주민센터",
        date(1990, 1, 23),
        Role.DONG_STAFF,
        "독산1동",
        True,
        "문동사",
    ),
    DemoAccount(
        "centre@demo.maeul.kr",
        "마을자치센터",
        date(1988, 6, 5),
        Role.SUPPORT_CENTRE_STAFF,
        None,
        True,
        "송지원",
    ),
    DemoAccount(
        "committee@demo.maeul.kr",
        "심의위원",
        date(1970, 11, 30),
        Role.COMMITTEE_MEMBER,
        None,
        True,
        "천심의",
    ),
    DemoAccount(
        "resident@demo.maeul.kr", "독산동 주민", date(1975, 3, 14), None, "독산1동", True, "윤하늘"
    ),
    DemoAccount("newcomer@demo.maeul.kr", "가산동 새내기", date(2001, 8, 8), None, "가산동", False),
    # Staff of a second dong and of another district, so that scope can be tried.
    DemoAccount(
        "dong2@demo.maeul.kr",
        "가산동 주민센터",
        date(1987, 5, 11),
        Role.DONG_STAFF,
        "가산동",
        True,
        "강가산",
    ),
    DemoAccount(
        "ydp@demo.maeul.kr",
        "영등포구 자치행정과",
        date(1983, 10, 9),
        Role.DISTRICT_STAFF,
        None,
        True,
        "여영등",
        "영등포구",
    ),
]

# Demo residents have lived in their dong for a while before any demo vote opened: the
# voter roll is frozen at a vote's opening.
DEMO_HISTORY = timedelta(days=400)

DEMO_DISTRICT_CODE = "1154500000"  # 금천구


def load_accounts(*, now: datetime) -> int:
    """Create the demo accounts that do not exist yet; existing ones are left as they are."""
    districts = {district.name: district for district in District.objects.all()}
    created = 0
    for spec in DEMO_ACCOUNTS:
        district = districts[spec.district]
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
            user.person_hmac = person_hash(spec.card_name, spec.birth_date)
            user.save(
                update_fields=["verified_at", "verification_method", "verified_by", "person_hmac"]
            )
        dong = Dong.objects.get(district=district, name=spec.dong) if spec.dong else None
        if spec.role == Role.DONG_STAFF:
            RoleAssignment.objects.create(user=user, role=spec.role, dong=dong)
        elif spec.role == Role.SITE_ADMIN:
            RoleAssignment.objects.create(user=user, role=spec.role)
        elif spec.role is not None:
            RoleAssignment.objects.create(user=user, role=spec.role, district=district)
        elif dong is not None:
            DongTie.objects.create(
                user=user, dong=dong, kind=TieKind.LIVES, started_at=now - DEMO_HISTORY
            )
        created += 1
    _confirm_demo_resident(now)
    return created


def _confirm_demo_resident(now: datetime) -> None:
    """The demo dong staff have checked the demo resident's tie at the counter."""
    staff = User.objects.filter(email="dong@demo.maeul.kr").first()
    DongTie.objects.current().filter(
        user__email="resident@demo.maeul.kr", confirmed_at__isnull=True
    ).update(confirmed_at=now - DEMO_HISTORY + timedelta(days=1), confirmed_by=staff)


def demo_resident(
    email: str,
    display_name: str,
    birth_year: int,
    dong: Dong,
    *,
    verified_at: datetime,
    lives_since: datetime,
    password: str | None = None,
) -> User:
    """The demo resident of `email`, made when missing: verified in person at `verified_at`
    and living in `dong` since `lives_since` (no password: an account that never signs in)."""
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email, password, display_name=display_name, birth_year=birth_year
        )
        user.mark_verified(method=VerificationMethod.IN_PERSON, at=verified_at)
        user.save()
        DongTie.objects.create(user=user, dong=dong, kind=TieKind.LIVES, started_at=lives_since)
    return user


def demo_residents(key: str, name: str, born: int, dongs: list[Dong], now: datetime) -> list[User]:
    """Demo residents `{key}1@demo.maeul.kr`, ... named `{name} 1`, ..., one for each of
    `dongs` in turn, the n-th born in `born + 3n`, verified 200 days before `now` and living
    in their dong for `DEMO_HISTORY` (`demo_resident`)."""
    return [
        demo_resident(
            f"{key}{n}@demo.maeul.kr",
            f"{name} {n}",
            born + 3 * n,
            dong,
            verified_at=now - timedelta(days=200),
            lives_since=now - DEMO_HISTORY,
        )
        for n, dong in enumerate(dongs, start=1)
    ]


def district_staff(district: District, *, else_admin: bool = False) -> User | None:
    """The district's first district staff, who acts in the services the loaders call (the
    site admin stands in when `else_admin` and there is none); None before `load_accounts`."""
    staff = User.objects.filter(roles__role=Role.DISTRICT_STAFF, roles__district=district).first()
    if staff is None and else_admin:
        staff = User.objects.filter(is_superuser=True).first()
    return staff


@dataclass(frozen=True)
class DemoDistrict:
    """A district as a loader fills it: the district, its staff who acts, its dongs by name."""

    district: District
    staff: User
    dongs: dict[str, Dong]


def district_to_fill(name: str, rows: type[Model]) -> DemoDistrict | None:
    """The district `name` for a loader to fill with `rows`; None when it holds some already
    (the loader has run, so loading again adds nothing) or has no district staff yet."""
    district = District.objects.get(name=name)
    if rows._default_manager.filter(district=district).exists():
        return None
    staff = district_staff(district)
    if staff is None:
        return None
    dongs = {dong.name: dong for dong in Dong.objects.filter(district=district)}
    return DemoDistrict(district=district, staff=staff, dongs=dongs)


@dataclass(frozen=True)
class DemoStaff:
    """Who acts for a district in the demo: its district staff, each dong's staff (the
    district staff where a dong has none) and a second look (the site admin, or the district
    staff without one) that confirms what another entered (four eyes)."""

    district: User
    dong: dict[str, User]
    second_look: User


def demo_staff(district: District, *, else_admin: bool = False) -> DemoStaff | None:
    """The district's `DemoStaff`; None without district staff (see `district_staff`)."""
    staff = district_staff(district, else_admin=else_admin)
    if staff is None:
        return None
    by_dong = {
        dong.name: User.objects.filter(roles__role=Role.DONG_STAFF, roles__dong=dong).first()
        or staff
        for dong in Dong.objects.filter(district=district)
    }
    admin = User.objects.filter(is_superuser=True).first() or staff
    return DemoStaff(district=staff, dong=by_dong, second_look=admin)
