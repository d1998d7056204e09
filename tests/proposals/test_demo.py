"""`load_demo` for proposals: about a hundred realistic 금천구 proposals, loaded once, lawful.

The full demo takes a few seconds (morphological indexing, ~4,000 supports); one module
fixture loads it for every test here and the tests only read.
"""

import hashlib
import json
import re

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, F

from maeul.accounts.models import RoleAssignment, User
from maeul.core.privacy import RESIDENT_NUMBER
from maeul.places.demo import DATA_FILE as PLACES_FILE
from maeul.places.demo_departments import GEUMCHEON_DEPARTMENTS
from maeul.places.models import Department, Dong
from maeul.proposals.demo import data
from maeul.proposals.models import (
    Answer,
    Category,
    Channel,
    Comment,
    CommentReport,
    Decision,
    Proposal,
    ProposalPolicy,
    Status,
    Support,
)

PHONE = re.compile(r"(?<!\d)0\d{1,2}[-. ]?\d{3,4}[-. ]?\d{4}(?!\d)")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
DEMO_MODELS = [Proposal, Support, Comment, CommentReport, Answer, Category, Department, User]


def _checksum() -> str:
    digest = hashlib.sha256()
    for model in (Proposal, Support, Comment, Answer, CommentReport):
        rows = list(model._default_manager.order_by("pk").values())
        digest.update(json.dumps(rows, default=str, ensure_ascii=False).encode())
    return digest.hexdigest()


def _counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in DEMO_MODELS}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Load the demo once for the module, run it a second time, and remember both states.

    Everything happens in one transaction that is rolled back after the module, so the
    tests' own transactions nest inside it and other modules see an empty database.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", verbosity=0)
        first = (_counts(), _checksum())
        call_command("load_demo", verbosity=0)
        second = (_counts(), _checksum())
        yield {"first": first, "second": second}
        transaction.set_rollback(True)


pytestmark = pytest.mark.django_db


def test_second_run_creates_and_changes_nothing(demo):
    assert demo["second"][0] == demo["first"][0]
    assert demo["second"][1] == demo["first"][1]


def test_about_a_hundred_proposals_in_every_dong_of_geumcheon(demo):
    proposals = Proposal.objects.filter(district__name="금천구")
    assert proposals.count() >= 90
    dongs = set(proposals.exclude(dong=None).values_list("dong__name", flat=True))
    assert dongs == set(Dong.objects.filter(district__name="금천구").values_list("name", flat=True))
    assert proposals.filter(dong=None).exists()  # district-wide ones too


def test_every_status_channel_and_decision_is_represented(demo):
    assert set(Proposal.objects.values_list("status", flat=True)) == set(Status.values)
    assert set(Proposal.objects.values_list("channel", flat=True)) == set(Channel.values)
    assert set(Answer.objects.values_list("decision", flat=True)) == set(Decision.values)
    assert Proposal.objects.filter(excellent_from__isnull=False).count() >= 2
    assert not Proposal.objects.filter(status=Status.HIDDEN, hidden_reason="").exists()


def test_thresholds_were_crossed_as_in_real_use(demo):
    policy = ProposalPolicy.objects.get(district__name="금천구")
    assert (policy.support_days, policy.review_threshold, policy.head_answer_threshold) == (
        30,
        50,
        500,
    )
    reviewed = Proposal.objects.filter(support_count__gte=50).exclude(status=Status.MERGED)
    assert reviewed.count() >= 10
    assert not reviewed.filter(department=None).exists()
    head = Proposal.objects.filter(support_count__gte=500)
    assert head.count() >= 2
    assert set(head.values_list("answer_level", flat=True)) == {"head"}


def test_counts_equal_rows(demo):
    wrong_supports = Proposal.objects.annotate(n=Count("supports", distinct=True)).exclude(
        support_count=F("n")
    )
    assert not wrong_supports.exists()
    wrong_comments = Proposal.objects.annotate(n=Count("comments", distinct=True)).exclude(
        comment_count=F("n")
    )
    assert not wrong_comments.exists()
    wrong_reports = Comment.objects.annotate(n=Count("reports")).exclude(report_count=F("n"))
    assert not wrong_reports.exists()


def test_comments_have_replies_and_a_moderation_queue(demo):
    assert Comment.objects.count() >= 150
    assert Comment.objects.filter(parent__isnull=False).exists()
    assert not Comment.objects.filter(parent__parent__isnull=False).exists()  # one level
    assert CommentReport.objects.filter(resolved_at=None).exists()
    assert Comment.objects.exclude(hidden_at=None).exclude(hidden_reason="").exists()


def test_comments_come_after_their_proposal_and_replies_after_their_parent(demo):
    comments = Comment.objects.select_related("proposal", "parent")
    assert comments.exists()
    for comment in comments:
        proposal = comment.proposal
        assert comment.created_at > proposal.created_at, comment.pk
        if proposal.published_at is not None:
            assert comment.created_at > proposal.published_at, comment.pk
        if comment.parent is not None:
            assert comment.created_at > comment.parent.created_at, comment.pk


def test_categories_departments_and_the_demo_staff_desk(demo):
    categories = dict(
        Category.objects.filter(district__name="금천구").values_list("name", "department__name")
    )
    assert set(categories) == {
        "안전",
        "환경",
        "복지",
        "교통",
        "문화",
        "교육",
        "청년",
        "경제",
        "기타",
    }
    assert all(categories.values())
    assert Department.objects.get(district__name="금천구", is_head_office=True).name == "기획예산과"
    role = RoleAssignment.objects.get(user__email="district@demo.maeul.kr")
    assert role.department is not None and role.department.name == "교통행정과"


def test_published_over_2026_in_seoul_time(demo):
    years = {
        p.published_at.year for p in Proposal.objects.exclude(published_at=None) if p.published_at
    }
    assert years == {2026}
    assert Proposal.objects.filter(status=Status.DRAFT, published_at=None).exists()


def test_no_real_looking_personal_data(demo):
    names = list(User.objects.values_list("display_name", flat=True))
    names += list(Proposal.objects.values_list("author_name", flat=True))
    assert not [n for n in names if EMAIL.search(n) or PHONE.search(n)]
    flat = [t for row in Proposal.objects.values_list("title", "body", "place") for t in row]
    flat += list(Comment.objects.values_list("body", flat=True))
    flat += list(Answer.objects.values_list("body", flat=True))
    assert not [t for t in flat if PHONE.search(t) or EMAIL.search(t) or RESIDENT_NUMBER.search(t)]
    residents = User.objects.filter(email__startswith="resident", email__endswith="@demo.maeul.kr")
    assert residents.count() > 500
    assert not residents.filter(verified_at=None).exists()
    assert not residents.filter(dong_ties=None).exists()


def test_some_proposals_carry_a_drawn_picture_that_is_served(demo, client):
    from maeul.proposals.models import Attachment

    pictures = Attachment.objects.filter(kind="image")
    assert 5 <= pictures.count() <= 40
    picture = pictures.first()
    assert picture.original_name.endswith("그림.jpg")  # says what it shows: read as alt text

    response = client.get(picture.file.url)

    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"


def test_the_demo_texts_refer_only_to_what_the_demo_makes():
    """The data file names categories, departments and dongs that `load_demo` creates."""
    departments = {name for name, _head in GEUMCHEON_DEPARTMENTS}
    places = json.loads(PLACES_FILE.read_text(encoding="utf-8"))
    (geumcheon,) = [d for d in places["districts"] if d["name"] == "금천구"]
    dongs = {dong["name"] for dong in geumcheon["dongs"]}
    written = [*data.OFFLINE, *data.HIDDEN, data.DUPLICATE, data.DRAFT]

    assert set(data.CATEGORIES.values()) <= departments
    assert {t.department for t in data.TOPICS if t.department} <= departments
    assert {t.category for t in [*data.TOPICS, *written]} <= set(data.CATEGORIES)
    assert {d for t in data.TOPICS for d in t.dongs if d} <= dongs
    assert {w.dong for w in written if w.dong} <= dongs
    assert set(data.ANSWERS) == set(Decision.values)
    assert data.MERGE_TARGET in {t.title.format(dong=d) for t in data.TOPICS for d in t.dongs}
