"""Residents' proposal pages through the client: a service's refusal stands beside the field
it names, and nothing is stored; the forms do not check the services' rules again."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from maeul.proposals.models import Comment, CommentReport, Proposal, Status
from tests.korean import assert_shows, korean
from tests.proposals.factories import CommentFactory
from tests.proposals.test_attachments import PDF

RRN = "900101-1234567"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _proposal_data(doksan1, categories, **changes):
    return {
        "district": doksan1.district.code,
        "title": "버스정류장에 의자를 놓아 주세요",
        "category": categories["교통"].pk,
        "dong": doksan1.pk,
        "body": "어르신들이 오래 서서 기다립니다.",
        **changes,
    }


def test_a_resident_writes_a_proposal(client, resident, doksan1, categories):
    client.force_login(resident)

    response = client.post(reverse("proposals:create"), _proposal_data(doksan1, categories))

    proposal = Proposal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == proposal.get_absolute_url()
    assert proposal.status == Status.PUBLISHED


def test_a_resident_number_is_refused_beside_the_title(client, resident, doksan1, categories):
    client.force_login(resident)

    response = client.post(
        reverse("proposals:create"), _proposal_data(doksan1, categories, title=f"연락 {RRN}")
    )

    assert response.status_code == 400
    assert response.context["form"].errors["title"] == [
        korean("Please remove the resident registration number. Maeul must not store it.")
    ]
    assert not Proposal.objects.exists()


def test_six_files_are_refused_beside_the_attachments(client, resident, doksan1, categories):
    client.force_login(resident)
    files = [SimpleUploadedFile(f"{n}.pdf", PDF) for n in range(6)]

    response = client.post(
        reverse("proposals:create"), {**_proposal_data(doksan1, categories), "attachments": files}
    )

    assert response.status_code == 400
    assert response.context["form"].errors["attachments"] == [
        korean("You can attach up to 5 files.")
    ]
    assert not Proposal.objects.exists()


def test_an_empty_comment_is_the_services_refusal(client, neighbour, proposal):
    client.force_login(neighbour)

    response = client.post(reverse("proposals:comment_add", args=[proposal.pk]), {"body": " "})

    assert response.status_code == 302
    assert_shows(client.get(response["Location"]), "Please write a comment.")
    assert not Comment.objects.exists()


def test_a_late_edit_is_refused_on_the_form(client, neighbour, proposal, now):
    comment = CommentFactory(
        proposal=proposal, author=neighbour, created_at=now - timedelta(minutes=11)
    )
    client.force_login(neighbour)

    response = client.post(
        reverse("proposals:comment_edit", args=[comment.pk]), {"body": "고쳐 씁니다."}
    )

    assert response.status_code == 400
    assert_shows(response, "A comment can be edited only within 10 minutes.")
    assert Comment.objects.get(pk=comment.pk).body != "고쳐 씁니다."


def test_a_report_without_a_reason_is_refused_beside_it(client, resident, proposal, neighbour):
    comment = CommentFactory(proposal=proposal, author=neighbour)
    client.force_login(resident)

    response = client.post(reverse("proposals:comment_report", args=[comment.pk]), {"reason": "  "})

    assert response.status_code == 400
    assert response.context["form"].errors["reason"] == [
        korean("Please say why you report this comment.")
    ]
    assert not CommentReport.objects.exists()


def test_a_hidden_proposal_shows_its_reason_and_not_its_body(client, proposal):
    Proposal.objects.filter(pk=proposal.pk).update(status=Status.HIDDEN, hidden_reason="광고")

    response = client.get(proposal.get_absolute_url())

    assert_shows(response, "This proposal was hidden by staff. Reason: %(reason)s", reason="광고")
    assert proposal.body not in response.content.decode()
