"""The staff pages of proposals through the client: the queue, one proposal's desk and its
actions, offline entry and moderation.

Every desk action is answered as `maeul.core.desk.desk_action` documents: refused by the
permission → the desk again with 403 and the reason; an invalid form → 400; refused by the
service → 403 (about who) or 400, the reason beside the field it names; done → a redirect.
Another dong's proposal does not exist for a staff member (404); residents get 403.
"""

from datetime import timedelta

import pytest
from django.urls import reverse

from maeul.core.models import AuditEntry
from maeul.proposals.models import CommentReport, Proposal, Status
from tests.korean import assert_shows, korean
from tests.proposals.factories import CommentFactory, ProposalFactory


def desk_url(proposal: Proposal, action: str = "") -> str:
    if not action:
        return reverse("proposals:staff_desk", args=[proposal.pk])
    return reverse(f"proposals:staff_{action}", args=[proposal.pk])


@pytest.fixture
def gasan_proposal(gasan, categories) -> Proposal:
    return ProposalFactory(dong=gasan, category=categories["교통"], title="가산동 벤치")


@pytest.fixture
def overdue(doksan1, categories, departments, now) -> Proposal:
    return ProposalFactory(
        dong=doksan1,
        category=categories["교통"],
        title="답변이 늦은 제안",
        status=Status.REVIEWING,
        department=departments["교통행정과"],
        answer_due=now - timedelta(days=2),
    )


# --- The queue ---------------------------------------------------------------------------


def test_queue_lists_the_staff_members_proposals_by_tab(
    client, dong_staff, proposal, gasan_proposal, overdue, django_assert_max_num_queries
):
    client.force_login(dong_staff)

    with django_assert_max_num_queries(12):
        received = client.get(reverse("proposals:staff_queue"), {"tab": "new"})
    late = client.get(reverse("proposals:staff_queue"), {"tab": "overdue"})

    assert received.status_code == late.status_code == 200
    assert proposal.title in received.content.decode()
    assert gasan_proposal.title not in received.content.decode()  # another dong's
    assert received.context["counts"] == {"reviewing": 1, "overdue": 1, "new": 1, "hidden": 0}
    assert list(late.context["page"].object_list) == [overdue]
    assert_shows(late, "overdue")


def test_an_unknown_tab_shows_the_review_queue(client, district_staff, overdue):
    client.force_login(district_staff)

    response = client.get(reverse("proposals:staff_queue"), {"tab": "everything"})

    assert response.context["tab"] == "reviewing"
    assert list(response.context["page"].object_list) == [overdue]


def test_residents_get_403_and_anonymous_people_the_log_in(client, resident, proposal):
    anonymous = client.get(reverse("proposals:staff_queue"))
    client.force_login(resident)

    assert anonymous.status_code == 302
    assert client.get(reverse("proposals:staff_queue")).status_code == 403
    assert client.get(desk_url(proposal)).status_code == 403


# --- The desk ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("dong_staff", 200),
        ("district_staff", 200),
        ("site_admin", 200),
        ("other_dong_staff", 404),
        ("other_district_staff", 404),
        ("resident", 403),
    ],
)
def test_desk_opens_for_the_staff_of_the_proposal(request, client, proposal, persona, status):
    client.force_login(request.getfixturevalue(persona))

    assert client.get(desk_url(proposal)).status_code == status


def test_district_staff_assign_a_department(client, district_staff, proposal, departments):
    client.force_login(district_staff)

    response = client.post(
        desk_url(proposal, "assign"), {"department": departments["교통행정과"].pk}
    )

    assert response.status_code == 302
    assert response["Location"] == desk_url(proposal)
    proposal.refresh_from_db()
    assert (proposal.status, proposal.department) == (Status.REVIEWING, departments["교통행정과"])
    assert_shows(client.get(desk_url(proposal)), "The proposal was assigned.")


def test_an_invalid_form_shows_the_desk_again_with_400(client, district_staff, proposal):
    client.force_login(district_staff)

    response = client.post(desk_url(proposal, "assign"), {"department": ""})

    assert response.status_code == 400
    assert response.context["assign_form"].errors
    assert Proposal.objects.get(pk=proposal.pk).department is None


def test_a_permission_refusal_shows_the_desk_again_with_403(client, dong_staff, proposal):
    """Dong staff see the proposal but do not assign it: that is the district's review."""
    client.force_login(dong_staff)

    response = client.post(desk_url(proposal, "assign"), {"department": "1"})

    assert response.status_code == 403
    assert_shows(response, "This is outside the dongs and districts you are responsible for.")
    assert Proposal.objects.get(pk=proposal.pk).department is None


def test_another_dongs_proposal_is_not_found_for_actions(client, other_dong_staff, proposal):
    client.force_login(other_dong_staff)

    response = client.post(
        desk_url(proposal, "status"), {"status": Status.HIDDEN, "reason": "광고"}
    )

    assert response.status_code == 404
    assert Proposal.objects.get(pk=proposal.pk).status == Status.PUBLISHED


def test_the_assigned_department_answers(client, department_staff, overdue):
    client.force_login(department_staff)

    response = client.post(
        desk_url(overdue, "answer"), {"decision": "accepted", "body": "내년에 설치하겠습니다."}
    )

    assert response.status_code == 302
    overdue.refresh_from_db()
    assert overdue.status == Status.ANSWERED
    assert overdue.answer.body == "내년에 설치하겠습니다."


def test_an_answer_before_assignment_is_refused_with_the_reason(client, department_staff, proposal):
    client.force_login(department_staff)

    response = client.post(desk_url(proposal, "answer"), {"decision": "accepted", "body": "네"})

    assert response.status_code == 403
    assert_shows(response, "Assign the proposal to a department first.")


def test_hiding_without_a_reason_is_refused_beside_the_reason(client, dong_staff, proposal):
    client.force_login(dong_staff)

    response = client.post(desk_url(proposal, "status"), {"status": Status.HIDDEN, "reason": ""})

    assert response.status_code == 400
    reason = korean("Please give the reason for hiding. It is shown publicly.")
    assert response.context["status_form"].errors["reason"] == [reason]
    assert Proposal.objects.get(pk=proposal.pk).status == Status.PUBLISHED


def test_a_move_the_status_does_not_allow_is_the_services_refusal(client, district_staff, proposal):
    """The form offers the allowed moves; the service alone decides them."""
    client.force_login(district_staff)

    response = client.post(desk_url(proposal, "status"), {"status": Status.DONE})

    assert response.status_code == 400
    assert response.context["status_form"].errors["status"] == [
        korean("A proposal that is %(now)s cannot become %(next)s.")
        % {"now": korean("Received"), "next": korean("Done")}
    ]


def test_dong_staff_hide_with_a_public_reason(client, dong_staff, proposal):
    client.force_login(dong_staff)

    response = client.post(
        desk_url(proposal, "status"), {"status": Status.HIDDEN, "reason": "광고성 게시물"}
    )

    assert response.status_code == 302
    proposal.refresh_from_db()
    assert (proposal.status, proposal.hidden_reason) == (Status.HIDDEN, "광고성 게시물")
    assert AuditEntry.objects.filter(action="proposals.status.hidden").exists()


@pytest.mark.parametrize(("persona", "status"), [("district_staff", 302), ("dong_staff", 403)])
def test_only_district_staff_reward(request, client, proposal, persona, status):
    client.force_login(request.getfixturevalue(persona))

    response = client.post(desk_url(proposal, "reward"))

    assert response.status_code == status
    assert (Proposal.objects.get(pk=proposal.pk).excellent_until is not None) is (status == 302)


def test_merge_into_a_proposal_one_serves(client, district_staff, proposal, gasan_proposal):
    client.force_login(district_staff)

    response = client.post(desk_url(gasan_proposal, "merge"), {"target": proposal.pk})

    assert response.status_code == 302
    gasan_proposal.refresh_from_db()
    assert (gasan_proposal.status, gasan_proposal.merged_into) == (Status.MERGED, proposal)


@pytest.mark.parametrize("target", ["another district's", "itself"])
def test_merge_refusals_stand_beside_the_target(client, district_staff, proposal, dangsan1, target):
    elsewhere = ProposalFactory(dong=dangsan1)
    client.force_login(district_staff)
    number = elsewhere.pk if target == "another district's" else proposal.pk

    response = client.post(desk_url(proposal, "merge"), {"target": number})

    assert response.status_code == 400
    expected = {
        "another district's": "There is no such proposal among yours.",
        "itself": "A proposal cannot be merged into itself.",
    }[target]
    assert response.context["merge_form"].errors["target"] == [korean(expected)]
    assert Proposal.objects.get(pk=proposal.pk).status == Status.PUBLISHED


# --- Offline entry -----------------------------------------------------------------------


def test_staff_enter_an_offline_proposal(client, dong_staff, doksan1, categories):
    client.force_login(dong_staff)
    url = reverse("proposals:staff_offline")

    page = client.get(url)
    response = client.post(
        url,
        {
            "district": doksan1.district.code,
            "channel": "street_booth",
            "title": "놀이터 그늘막",
            "category": categories["환경"].pk,
            "dong": doksan1.pk,
            "body": "여름에 너무 덥습니다.",
        },
    )

    assert page.status_code == 200
    assert response.status_code == 302
    assert Proposal.objects.get(title="놀이터 그늘막").channel == "street_booth"


def test_an_offline_proposal_outside_ones_dong_is_refused(client, dong_staff, gasan, categories):
    client.force_login(dong_staff)

    response = client.post(
        reverse("proposals:staff_offline"),
        {
            "district": gasan.district.code,
            "channel": "phone",
            "title": "가산동 가로등",
            "category": categories["안전"].pk,
            "dong": gasan.pk,
            "body": "어둡습니다.",
        },
    )

    assert response.status_code == 403  # a rule about who: as on every desk
    assert_shows(response, "This is outside the dongs and districts you are responsible for.")
    assert not Proposal.objects.filter(title="가산동 가로등").exists()


# --- Moderation --------------------------------------------------------------------------


@pytest.fixture
def reported(proposal, neighbour, resident, now):
    comment = CommentFactory(
        proposal=proposal, author=neighbour, body="무례한 댓글", body_html="<p>무례한 댓글</p>"
    )
    CommentReport.objects.create(comment=comment, reporter=resident, reason="비난", created_at=now)
    return comment


@pytest.mark.parametrize(("persona", "shown"), [("dong_staff", True), ("other_dong_staff", False)])
def test_moderation_lists_reported_comments_of_ones_dongs(
    request, client, reported, persona, shown
):
    client.force_login(request.getfixturevalue(persona))

    response = client.get(reverse("proposals:staff_moderation"))

    assert response.status_code == 200
    assert ("무례한 댓글" in response.content.decode()) is shown


def test_hiding_a_comment_needs_the_services_reason(client, dong_staff, reported):
    client.force_login(dong_staff)
    url = reverse("proposals:staff_moderate_comment", args=[reported.pk])

    refused = client.post(url, {"reason": " "})
    hidden = client.post(url, {"reason": "다른 주민을 비하했습니다."})

    assert refused.status_code == 400
    assert_shows(refused, "Please give the reason for hiding. It is shown publicly.")
    assert hidden.status_code == 302
    reported.refresh_from_db()
    assert reported.is_hidden


def test_keeping_a_comment_closes_its_reports(client, dong_staff, reported):
    client.force_login(dong_staff)

    response = client.post(
        reverse("proposals:staff_moderate_comment", args=[reported.pk]), {"keep": "1"}
    )

    assert response.status_code == 302
    assert not CommentReport.objects.filter(resolved_at=None).exists()


def test_another_dongs_comment_is_not_found(client, other_dong_staff, reported):
    client.force_login(other_dong_staff)

    response = client.post(
        reverse("proposals:staff_moderate_comment", args=[reported.pk]), {"keep": "1"}
    )

    assert response.status_code == 404
    assert CommentReport.objects.filter(resolved_at=None).exists()
