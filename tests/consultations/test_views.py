"""Consultation pages through the client: the list, the page with its survey, answering
(refusals beside the question, nothing stored), the debate, the staff desk, the proposal's
page and the moderation queue. Each path once."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from maeul.consultations.models import Argument, Consultation, Forum, Participation, Response
from maeul.consultations.services import debate
from maeul.proposals.models import Proposal
from tests.consultations.conftest import answers, field, open_consultation
from tests.consultations.test_setup_forms import _new_forum
from tests.korean import assert_shows, korean, page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def live(geumcheon, district_staff):
    return open_consultation(geumcheon, district_staff)


def _answer_url(consultation):
    return reverse("consultations:answer", args=[consultation.pk])


def test_list_and_page_render(client, live, django_assert_max_num_queries):
    assert live.title in client.get(reverse("consultations:list")).content.decode()

    with django_assert_max_num_queries(20):
        response = client.get(live.get_absolute_url())

    assert response.status_code == 200
    assert_shows(response, "Log in to answer.")
    assert_shows(response, "Results are published after the consultation closes.")


def test_drafts_are_not_public(client, geumcheon, district_staff):
    draft = open_consultation(geumcheon, district_staff, publish=False)

    assert client.get(draft.get_absolute_url()).status_code == 404


def test_resident_answers_through_the_page(client, live, resident):
    client.force_login(resident)
    page = client.get(live.get_absolute_url())
    assert f'name="{field(live, 0)}"' in page.content.decode()

    response = client.post(_answer_url(live), answers(live))

    assert response.status_code == 302
    assert Participation.objects.filter(user=resident).count() == 1
    assert_shows(
        client.get(live.get_absolute_url()), "You have answered this consultation. Thank you."
    )


def test_a_bad_answer_is_shown_beside_its_question_and_kept(client, live, resident):
    client.force_login(resident)
    data = answers(live, **{field(live, 2): ["9"], field(live, 5): ["<b>그대로</b>"]})

    response = client.post(_answer_url(live), data)

    assert response.status_code == 400
    assert f'id="{field(live, 2)}-error"' in response.content.decode()
    assert_shows(response, "Choose a number from 1 to 5.")
    assert "&lt;b&gt;그대로&lt;/b&gt;" in response.content.decode()
    assert Response.objects.count() == 0


def test_a_second_answer_is_refused_with_the_reason(client, live, resident):
    client.force_login(resident)
    client.post(_answer_url(live), answers(live))

    response = client.post(_answer_url(live), answers(live))

    assert response.status_code == 400
    assert_shows(response, "You have already answered this consultation.")
    assert Response.objects.count() == 1


def test_someone_outside_the_audience_sees_why(
    client, geumcheon, doksan1, district_staff, neighbour
):
    consultation = open_consultation(geumcheon, district_staff, audience_dongs=[doksan1])
    client.force_login(neighbour)

    page = client.get(consultation.get_absolute_url())
    refused = client.post(_answer_url(consultation), answers(consultation))

    reason = korean(
        "Only people who live, work or study in the dongs asked may answer (%(place)s).",
        place="금천구",
    )
    assert reason in page_text(page)
    assert refused.status_code == 403
    assert Participation.objects.count() == 0


def test_answers_after_the_close_are_refused(client, live, resident):
    Consultation.objects.filter(pk=live.pk).update(
        opens_at=timezone.now() - timedelta(days=9), closes_at=timezone.now() - timedelta(days=1)
    )
    client.force_login(resident)

    response = client.post(_answer_url(live), answers(live))

    assert response.status_code == 403
    assert_shows(response, "This consultation has closed.")
    assert Participation.objects.count() == 0


def test_arguments_show_script_as_text(client, live, resident, neighbour):
    client.force_login(resident)
    response = client.post(
        reverse("consultations:argue", args=[live.pk]),
        {"stance": "against", "body": "<script>alert(1)</script>"},
    )
    assert response.status_code == 302
    argument = Argument.objects.get()
    client.force_login(neighbour)
    client.post(reverse("consultations:support", args=[argument.pk]))
    client.post(reverse("consultations:reply", args=[argument.pk]), {"body": "동의합니다"})

    body = client.get(live.get_absolute_url()).content.decode()

    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert argument.replies.count() == 1
    argument.refresh_from_db()
    assert argument.support_count == 1


def test_an_argument_with_a_resident_number_is_refused(client, live, resident):
    client.force_login(resident)

    response = client.post(
        reverse("consultations:argue", args=[live.pk]),
        {"stance": "for", "body": "제 번호 900101-1234567"},
        follow=True,
    )

    assert_shows(
        response, "Please remove the resident registration number. Maeul must not store it."
    )
    assert Argument.objects.count() == 0


def test_reported_arguments_join_the_moderation_queue(
    client, live, resident, neighbour, district_staff, dong_staff
):
    argument = debate.add_argument(
        author=resident, consultation=live, stance="for", body="욕설", now=timezone.now()
    )
    client.force_login(neighbour)
    client.post(reverse("consultations:report", args=[argument.pk]), {"reason": "욕설"})

    client.force_login(district_staff)
    queue = client.get(reverse("proposals:staff_moderation"))
    assert "욕설" in queue.content.decode()
    hidden = client.post(
        reverse("consultations:staff_moderate_argument", args=[argument.pk]),
        {"reason": "욕설이 있어 가립니다."},
    )
    assert hidden.status_code == 302
    argument.refresh_from_db()
    assert argument.is_hidden
    # Dong staff do not serve a district-wide consultation's arguments.
    client.force_login(dong_staff)
    other = client.post(
        reverse("consultations:staff_moderate_argument", args=[argument.pk]), {"keep": "1"}
    )
    assert other.status_code == 404


def test_staff_desk_publishes_results_and_response_after_the_close(client, live, district_staff):
    client.force_login(district_staff)
    desk = reverse("consultations:staff_desk", args=[live.pk])
    assert client.get(desk).status_code == 200
    early = client.post(reverse("consultations:staff_results", args=[live.pk]))
    assert early.status_code == 403
    Consultation.objects.filter(pk=live.pk).update(
        opens_at=timezone.now() - timedelta(days=9), closes_at=timezone.now() - timedelta(days=1)
    )

    done = client.post(reverse("consultations:staff_results", args=[live.pk]))
    answered = client.post(
        reverse("consultations:staff_respond", args=[live.pk]), {"text": "반영하겠습니다."}
    )
    empty = client.post(reverse("consultations:staff_summarise", args=[live.pk]), {"text": ""})

    assert (done.status_code, answered.status_code, empty.status_code) == (302, 302, 400)
    page = client.get(live.get_absolute_url())
    assert "반영하겠습니다." in page.content.decode()
    assert_shows(page, "Respondents by dong")


def test_staff_elsewhere_get_404(client, live, other_district_staff, resident):
    client.force_login(other_district_staff)
    assert client.get(reverse("consultations:staff_desk", args=[live.pk])).status_code == 404
    client.force_login(resident)
    assert client.get(reverse("consultations:staff_desk", args=[live.pk])).status_code == 403


def test_the_proposal_page_links_its_consultation(client, geumcheon, district_staff, resident):
    from tests.proposals.factories import ProposalFactory

    proposal = ProposalFactory(district=geumcheon, author=resident)
    consultation = open_consultation(geumcheon, district_staff, proposal=proposal)

    page = client.get(proposal.get_absolute_url())

    assert consultation.title in page.content.decode()
    assert isinstance(proposal, Proposal)


def _new(client, **overrides):
    now = timezone.localtime()
    data = {
        "title": "금나래가 묻습니다: 골목 주차",
        "question": "골목 주차를 어떻게 할까요?",
        "opens_at": (now + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
        "closes_at": (now + timedelta(days=10)).strftime("%Y-%m-%dT%H:%M"),
        "questions": "하나: 거주자 우선주차에 찬성하십니까? = 찬성 / 반대\n척도: 주차가 얼마나 불편하십니까?",
    }
    data.update(overrides)
    return client.post(reverse("consultations:staff_new"), data)


def test_staff_set_up_and_publish_a_consultation(client, district_staff):
    client.force_login(district_staff)
    assert client.get(reverse("consultations:staff_new")).status_code == 200

    response = _new(client)

    consultation = Consultation.objects.get()
    assert response.status_code == 302
    assert [q.kind for q in consultation.questions.all()] == ["single", "scale"]
    published = client.post(reverse("consultations:staff_publish", args=[consultation.pk]))
    assert published.status_code == 302
    consultation.refresh_from_db()
    assert consultation.status == "published"


def test_a_question_line_that_does_not_read_is_refused(client, district_staff):
    client.force_login(district_staff)

    response = _new(client, questions="찬성하십니까?")

    assert response.status_code == 400
    assert_shows(response, "Line %(number)d does not read as a question.", number=1)
    assert Consultation.objects.count() == 0


@pytest.mark.parametrize(("post", "model"), [(_new, Consultation), (_new_forum, Forum)])
def test_dong_staff_set_up_only_their_dongs(client, dong_staff, doksan1, post, model):
    client.force_login(dong_staff)

    refused = post(client)
    done = post(client, dong=doksan1.pk)

    assert (refused.status_code, done.status_code) == (403, 302)
    assert model.objects.get().dong == doksan1
