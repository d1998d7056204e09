"""The index follows the public rows of every kind: a new public row is found, a row that
becomes hidden or is deleted disappears, and `reindex_search` rebuilds the same index."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from maeul.consultations.models import ConsultationStatus
from maeul.grants.models import GrantCall
from maeul.plans.models import PlanStatus
from maeul.proposals.models import Status
from maeul.search.models import Document
from maeul.search.query import parse_search
from maeul.search.results import ranked
from maeul.voting.models import VoteStatus

pytestmark = pytest.mark.django_db


def found(q: str, **filters) -> list[tuple[str, str]]:
    return [(d.kind, d.title) for d in ranked(parse_search(q=q, **filters))]


def indexed() -> set[tuple[str, int]]:
    return set(Document.objects.values_list("kind", "object_id"))


def test_a_new_public_proposal_is_found_by_an_inflected_word(parking):
    assert found("주차장을") == [("proposal", "공영주차장을 늘려 주세요")]


def test_a_hidden_proposal_is_never_indexed(hidden_proposal):
    assert found("주차장") == []
    assert ("proposal", hidden_proposal.pk) not in indexed()


def test_hiding_a_proposal_removes_it_and_publishing_it_again_brings_it_back(parking):
    parking.status, parking.hidden_reason = Status.HIDDEN, "광고"
    parking.save()
    assert found("주차장") == []
    parking.status, parking.hidden_reason = Status.PUBLISHED, ""
    parking.save()
    assert found("주차장") == [("proposal", "공영주차장을 늘려 주세요")]


def test_a_deleted_row_disappears(parking, space):
    pk = parking.pk
    parking.delete()
    space.delete()
    assert ("proposal", pk) not in indexed()
    assert not Document.objects.filter(kind="space").exists()


def test_an_edited_title_is_found_by_its_new_words_only(parking):
    parking.title = "도서관 개방 시간을 늘려 주세요"
    parking.body = "주말에도 열어 주세요."
    parking.save()
    assert found("주차장") == []
    assert found("도서관") == [("proposal", "도서관 개방 시간을 늘려 주세요")]


def test_a_project_follows_its_plan_status(draft_project, project):
    assert found("주차장") == [("project", "주차장 공유 사업")]
    plan = draft_project.plan
    plan.status = PlanStatus.SUBMITTED
    plan.save()
    assert {t for _k, t in found("주차장")} == {"주차장 공유 사업", "주차장 안내판 설치"}
    plan.status = PlanStatus.DRAFT
    plan.save()
    assert found("주차장") == [("project", "주차장 공유 사업")]


def test_a_draft_vote_is_not_found_until_published(vote, draft_vote):
    assert found("참여예산") == [("vote", "2026 금천구 참여예산 주민투표")]
    draft_vote.status = VoteStatus.PUBLISHED
    draft_vote.save()
    assert len(found("참여예산")) == 2


def test_an_unpublished_call_is_not_found(call, unpublished_call):
    assert found("이웃만들기") == [("grant_call", "2026 마을공동체 통합공모 이웃만들기")]
    GrantCall.objects.filter(pk=call.pk).delete()
    assert found("이웃만들기") == []


def test_a_draft_consultation_disappears(consultation):
    assert found("공원") == [("consultation", "동네 공원 리모델링")]
    consultation.status = ConsultationStatus.DRAFT
    consultation.save()
    assert found("공원") == []


def test_councils_agenda_items_and_spaces_are_found(council, agenda_item, space):
    assert found("주민자치회", kind="council") == [("council", "독산1동 주민자치회")]
    assert ("agenda", "어린이 보호구역 주차 단속") in found("단속")
    assert found("마을활력소") == [("space", "독산1동 마을활력소")]


def test_renaming_a_council_reindexes_its_agenda_items(council, agenda_item):
    council.name = "독산일동 주민자치회"
    council.save()
    assert found("독산일동", kind="agenda") == [("agenda", "어린이 보호구역 주차 단속")]


def test_reindex_rebuilds_the_same_documents_and_drops_stale_ones(
    parking, hidden_proposal, project, draft_project, vote, call, space, consultation, agenda_item
):
    before = indexed()
    # A bulk update bypasses the signals; the command repairs the index.
    type(parking).objects.filter(pk=parking.pk).update(status=Status.HIDDEN, hidden_reason="광고")
    Document.objects.create(
        kind="proposal",
        object_id=999_999,
        title="stale",
        terms=" stale ",
        title_terms=" ",
        url="/",
        updated=None,
    )
    call_command("reindex_search", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert indexed() == before - {("proposal", parking.pk)}


def test_reindex_refuses_an_unknown_kind():
    with pytest.raises(CommandError, match="unknown kind"):
        call_command("reindex_search", kind=["nope"])
