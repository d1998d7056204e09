"""Privacy fixtures: a resident with a footprint in every part of the site.

- `footprint`: `resident` (독산1동) with a verified phone, a proposal, a comment on and a
  support of `neighbour`'s proposal, an online ballot in a district vote (`neighbour`
  voted too), a notification, a council membership and an application for the next term,
  consents given at sign-up, and a role; `neighbour` has all of it too, as the "other
  person" whose data must never appear in the resident's export.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from maeul.accounts import phone as phones
from maeul.accounts.models import Role, User
from maeul.core.models import Notification
from maeul.councils.models import (
    CouncilMember,
    MembershipApplication,
    Recruitment,
    Term,
)
from maeul.privacy.models import ConsentKind, ConsentRecord, ConsentVia, version_of
from maeul.proposals.models import Proposal
from maeul.proposals.services.comments import add_comment
from maeul.proposals.services.support import support_proposal
from maeul.voting.ballots import Choices
from maeul.voting.models import Vote
from maeul.voting.services.casting import cast_ballot
from tests.councils.conftest import make_council, make_current_term
from tests.factories import RoleAssignmentFactory
from tests.proposals.conftest import categories, departments, policy  # noqa: F401
from tests.proposals.factories import ProposalFactory
from tests.voting.conftest import PB_OPTIONS, add_options, make_vote, option_ids

RESIDENT_PHONE = "01012345678"
NEIGHBOUR_PHONE = "01098765432"


@dataclass
class Footprint:
    proposal: Proposal
    neighbour_proposal: Proposal
    vote: Vote
    term: Term


@pytest.fixture
def now() -> datetime:
    return timezone.now()


def _give_phone(user: User, number: str) -> None:
    user.phone_enc = phones.encrypt(number)
    user.phone_hmac = phones.lookup_hash(number)
    user.save(update_fields=["phone_enc", "phone_hmac"])


def _sign_up_consents(user: User, now: datetime) -> None:
    for kind in ConsentKind:
        ConsentRecord.objects.create(
            user=user,
            kind=kind,
            version=version_of(kind),
            granted=kind != ConsentKind.SURVEY,
            via=ConsentVia.SIGNUP,
            at=now - timedelta(days=30),
        )


@pytest.fixture
def footprint(resident, neighbour, doksan1, gasan, categories, now) -> Footprint:  # noqa: F811
    _give_phone(resident, RESIDENT_PHONE)
    _give_phone(neighbour, NEIGHBOUR_PHONE)
    for person in (resident, neighbour):
        _sign_up_consents(person, now)
    RoleAssignmentFactory(user=resident, role=Role.COMMITTEE_MEMBER, district=doksan1.district)
    mine = ProposalFactory(
        district=doksan1.district,
        dong=doksan1,
        category=categories["교통"],
        title="학교 앞 횡단보도 제안",
        body="학교 앞에 횡단보도가 필요합니다.",
        author=resident,
        created_at=now - timedelta(days=2),
    )
    theirs = ProposalFactory(
        district=gasan.district,
        dong=gasan,
        category=categories["환경"],
        title="골목 화단 가꾸기",
        body="가산동 비밀 화단 이야기",
        author=neighbour,
        created_at=now - timedelta(days=2),
    )
    add_comment(author=resident, proposal=theirs, body="독산에서도 찬성합니다.", now=now)
    add_comment(author=neighbour, proposal=mine, body="가산 주민의 비밀 댓글", now=now)
    support_proposal(proposal=theirs, user=resident, now=now)
    support_proposal(proposal=mine, user=neighbour, now=now)
    vote = make_vote(doksan1.district, now)
    add_options(vote, PB_OPTIONS)
    cast_ballot(vote=vote, user=resident, choices=Choices(option_ids(vote, 1, 2)), now=now)
    cast_ballot(vote=vote, user=neighbour, choices=Choices(option_ids(vote, 3)), now=now)
    Notification.objects.create(
        recipient=resident, kind="test", message="독산 주민에게 온 알림", url="/", created_at=now
    )
    Notification.objects.create(
        recipient=neighbour,
        kind="test",
        message="가산 주민에게 온 비밀 알림",
        url="/",
        created_at=now,
    )
    council = make_council(
        district=doksan1.district,
        dong=doksan1,
        name="독산1동 주민자치회",
        sections=["자치행정분과"],
    )
    term = make_current_term(council, timezone.localdate(now))
    CouncilMember.objects.create(
        term=term, user=resident, public_name="독산 주민", joined_on=term.starts_on
    )
    next_term = Term.objects.create(
        council=council,
        number=3,
        starts_on=term.ends_on + timedelta(days=1),
        ends_on=term.ends_on + timedelta(days=730),
    )
    recruitment = Recruitment.objects.create(
        term=next_term, seats=5, opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=7)
    )
    for person, why in (
        (resident, "동네를 위해 일하고 싶습니다."),
        (neighbour, "가산 주민의 비밀 동기"),
    ):
        MembershipApplication.objects.create(
            recruitment=recruitment,
            user=person,
            public_name=person.display_name,
            motivation=why,
            created_at=now,
        )
    return Footprint(proposal=mine, neighbour_proposal=theirs, vote=vote, term=term)
