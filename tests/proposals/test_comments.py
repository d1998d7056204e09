"""Comments: one level of replies, ten minutes to edit, reports, moderation, inert markup."""

from datetime import timedelta

import pytest

from maeul.core.errors import RuleViolation
from maeul.core.models import AuditEntry
from maeul.proposals.models import Comment, CommentReport
from maeul.proposals.services.comments import (
    add_comment,
    edit_comment,
    hide_comment,
    report_comment,
)
from tests.korean import korean
from tests.proposals.factories import CommentFactory, ProposalFactory

IP = "192.0.2.33"


@pytest.fixture
def comment(proposal, neighbour, now):
    return add_comment(author=neighbour, proposal=proposal, body="저도 찬성합니다.", now=now)


def test_resident_comments(proposal, neighbour, now):
    comment = add_comment(author=neighbour, proposal=proposal, body="저도 **찬성**합니다.", now=now)

    assert comment.body_html == "<p>저도 <strong>찬성</strong>합니다.</p>"
    proposal.refresh_from_db()
    assert proposal.comment_count == 1


def test_reply_to_a_comment(comment, proposal, resident, now):
    reply = add_comment(
        author=resident, proposal=proposal, body="감사합니다.", parent=comment, now=now
    )

    assert reply.parent == comment
    assert list(comment.replies.all()) == [reply]


def test_reply_to_a_reply_is_refused(comment, proposal, resident, neighbour, now):
    reply = add_comment(
        author=resident, proposal=proposal, body="감사합니다.", parent=comment, now=now
    )

    with pytest.raises(RuleViolation) as refused:
        add_comment(author=neighbour, proposal=proposal, body="천만에요.", parent=reply, now=now)

    assert refused.value.code == "parent"
    assert refused.value.message == korean("You can reply only to a comment on this proposal.")
    assert Comment.objects.count() == 2


def test_reply_to_a_comment_of_another_proposal_is_refused(
    comment, doksan1, categories, resident, now
):
    other = ProposalFactory(district=doksan1.district, dong=doksan1, category=categories["안전"])

    with pytest.raises(RuleViolation):
        add_comment(author=resident, proposal=other, body="답글", parent=comment, now=now)


def test_empty_comment_is_refused(proposal, neighbour, now):
    with pytest.raises(RuleViolation) as refused:
        add_comment(author=neighbour, proposal=proposal, body="  ", now=now)

    assert refused.value.message == korean("Please write a comment.")


def test_comment_with_a_resident_number_is_refused(proposal, neighbour, now):
    with pytest.raises(RuleViolation) as refused:
        add_comment(author=neighbour, proposal=proposal, body="제 번호 900101-1234567", now=now)

    assert refused.value.code == "resident_number"
    assert not Comment.objects.exists()


def test_author_edits_within_ten_minutes(comment, neighbour, now):
    edit_comment(
        author=neighbour, comment=comment, body="고쳐 씁니다.", now=now + timedelta(minutes=10)
    )

    comment.refresh_from_db()
    assert comment.body == "고쳐 씁니다."
    assert comment.body_html == "<p>고쳐 씁니다.</p>"
    assert comment.edited_at == now + timedelta(minutes=10)


def test_author_cannot_edit_after_ten_minutes(comment, neighbour, now):
    with pytest.raises(RuleViolation) as refused:
        edit_comment(
            author=neighbour,
            comment=comment,
            body="늦은 수정",
            now=now + timedelta(minutes=10, seconds=1),
        )

    assert refused.value.message == korean("A comment can be edited only within 10 minutes.")
    comment.refresh_from_db()
    assert comment.body == "저도 찬성합니다."


@pytest.mark.parametrize("persona", ["resident", "dong_staff", "anonymous"])
def test_nobody_else_edits_a_comment(request, comment, persona, now):
    with pytest.raises(RuleViolation):
        edit_comment(
            author=request.getfixturevalue(persona), comment=comment, body="남의 글", now=now
        )

    comment.refresh_from_db()
    assert comment.body == "저도 찬성합니다."


def test_anonymous_cannot_edit_a_comment_whose_author_left(comment, anonymous, now):
    Comment.objects.filter(pk=comment.pk).update(author=None)
    comment.refresh_from_db()

    with pytest.raises(RuleViolation):
        edit_comment(author=anonymous, comment=comment, body="남의 글", now=now)


def test_report_once(comment, resident, now):
    report_comment(reporter=resident, comment=comment, reason="욕설", now=now)

    with pytest.raises(RuleViolation) as refused:
        report_comment(reporter=resident, comment=comment, reason="또 신고", now=now)

    assert refused.value.message == korean("You have already reported this comment.")
    comment.refresh_from_db()
    assert comment.report_count == 1
    assert CommentReport.objects.count() == 1


def test_own_comment_cannot_be_reported(comment, neighbour, now):
    with pytest.raises(RuleViolation) as refused:
        report_comment(reporter=neighbour, comment=comment, reason="실수", now=now)

    assert refused.value.message == korean("You cannot report your own comment.")
    assert not CommentReport.objects.exists()


def test_dong_staff_hides_a_comment_of_their_dong(comment, resident, dong_staff, now):
    report_comment(reporter=resident, comment=comment, reason="욕설", now=now)

    hide_comment(
        staff=dong_staff, comment=comment, reason="욕설이 포함되어 가렸습니다.", ip=IP, now=now
    )

    comment.refresh_from_db()
    assert comment.is_hidden
    assert comment.hidden_reason == "욕설이 포함되어 가렸습니다."
    assert comment.hidden_by == dong_staff
    assert not CommentReport.objects.filter(resolved_at=None).exists()
    entry = AuditEntry.objects.get(action="proposals.comment.hide")
    assert entry.actor == dong_staff
    assert entry.ip_address == IP
    assert entry.target_id == str(comment.pk)


def test_hiding_a_comment_needs_a_reason(comment, dong_staff, now):
    with pytest.raises(RuleViolation):
        hide_comment(staff=dong_staff, comment=comment, reason="", ip=IP, now=now)

    comment.refresh_from_db()
    assert not comment.is_hidden


def test_staff_of_another_dong_cannot_moderate(comment, resident, other_dong_staff, now):
    report_comment(reporter=resident, comment=comment, reason="욕설", now=now)

    with pytest.raises(RuleViolation) as refused:
        hide_comment(staff=other_dong_staff, comment=comment, reason="욕설", ip=IP, now=now)

    assert refused.value.message == korean(
        "This is outside the dongs and districts you are responsible for."
    )
    comment.refresh_from_db()
    assert not comment.is_hidden
    assert CommentReport.objects.filter(resolved_at=None).count() == 1
    assert not AuditEntry.objects.exists()


def test_district_staff_moderates_every_dong(comment, district_staff, now):
    hide_comment(staff=district_staff, comment=comment, reason="개인정보 노출", ip=IP, now=now)

    comment.refresh_from_db()
    assert comment.is_hidden


def test_thirty_first_comment_in_an_hour_is_refused(proposal, neighbour, now):
    for n in range(30):
        add_comment(
            author=neighbour, proposal=proposal, body=f"댓글 {n}", now=now + timedelta(minutes=n)
        )

    with pytest.raises(RuleViolation) as refused:
        add_comment(
            author=neighbour, proposal=proposal, body="서른한 번째", now=now + timedelta(minutes=40)
        )

    assert refused.value.code == "rate_limited"
    assert refused.value.message == korean(
        "You can write up to 30 comments an hour. Please try again later."
    )
    assert Comment.objects.count() == 30


def test_hidden_proposal_takes_no_comments(proposal, neighbour, now):
    proposal.status = "hidden"
    proposal.hidden_reason = "광고"
    proposal.save()

    with pytest.raises(RuleViolation):
        add_comment(author=neighbour, proposal=proposal, body="댓글", now=now)


XSS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "<svg onload=alert(1)></svg>",
    "[x](javascript:alert(1))",
    '<a href="javascript:alert(1)" style="position:fixed" onclick="alert(1)">click</a>',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<p style="color:red" onmouseover="alert(1)">hi</p>',
    "[y](JaVaScRiPt:alert(1))",
]


@pytest.mark.parametrize("payload", XSS)
def test_script_in_a_comment_renders_inert(proposal, neighbour, now, payload):
    comment = add_comment(author=neighbour, proposal=proposal, body=payload, now=now)

    html = comment.body_html.lower()
    for bad in (
        "<script",
        "onerror",
        "onload",
        "onclick",
        "onmouseover",
        "javascript:",
        "style=",
        "<iframe",
        "<svg",
        "<img",
    ):
        assert bad not in html, (payload, comment.body_html)


def test_safe_links_survive_with_rel(proposal, neighbour, now):
    comment = add_comment(
        author=neighbour, proposal=proposal, body="[구청](https://www.geumcheon.go.kr)", now=now
    )

    assert 'href="https://www.geumcheon.go.kr"' in comment.body_html
    assert "nofollow" in comment.body_html


def test_comment_factory_makes_a_comment(db, doksan1, categories):
    assert CommentFactory(
        proposal=ProposalFactory(district=doksan1.district, category=categories["기타"])
    ).pk
