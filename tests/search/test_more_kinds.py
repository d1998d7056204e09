"""Records, courses and volunteer activities join the one search through their own
`search.py`: a public row is found by an inflected word, one that is not public is not,
and a change that makes it public (or not) moves the index with it."""

import pytest

from maeul.archive.models import ArchiveRecord, RecordKind, RecordStatus, RecordTag
from maeul.search.query import parse_search
from maeul.search.results import ranked
from tests.courses.conftest import make_programme, new_course
from tests.search.conftest import NOW
from tests.volunteering.conftest import make_activity, make_camp

pytestmark = pytest.mark.django_db


def found(q: str, **filters) -> list[tuple[str, str]]:
    return [(d.kind, d.title) for d in ranked(parse_search(q=q, **filters))]


def _record(doksan1, *, status=RecordStatus.PUBLISHED) -> ArchiveRecord:
    return ArchiveRecord.objects.create(
        title="독산1동 공영주차장 벽화 그리기",
        body="주민 스무 명이 주차장 담장에 마을 지도를 그렸습니다.",
        kind=RecordKind.TEXT,
        status=status,
        district_id=doksan1.district_id,
        dong=doksan1,
        year=2026,
        created_at=NOW,
        published_at=NOW if status == RecordStatus.PUBLISHED else None,
    )


def test_a_published_record_is_found_by_an_inflected_word_and_its_tags(doksan1):
    record = _record(doksan1)
    assert found("주차장을", kind="record") == [("record", record.title)]
    RecordTag.objects.create(record=record, name="벽화마을")
    assert found("벽화마을") == [("record", record.title)]


def test_a_record_waiting_for_approval_is_not_found_until_it_is_published(doksan1):
    record = _record(doksan1, status=RecordStatus.SUBMITTED)
    assert found("벽화") == []
    record.status, record.published_at = RecordStatus.PUBLISHED, NOW
    record.save()
    assert found("벽화") == [("record", record.title)]
    record.delete()
    assert found("벽화") == []


def test_a_published_course_is_found_with_its_programme_and_year(geumcheon, doksan1):
    course = new_course(make_programme(geumcheon), doksan1, title="마을기록가 양성과정")
    assert found("양성과정에", kind="course", year="2026") == [("course", "마을기록가 양성과정")]
    course.published_at = None
    course.save()
    assert found("기록가") == []


def test_an_unpublished_course_is_not_found(geumcheon, doksan1):
    new_course(make_programme(geumcheon), doksan1, title="마을기록가 양성과정", published_at=None)
    assert found("마을기록가") == []


def test_a_volunteer_activity_is_found_in_its_dong(doksan1):
    activity = make_activity(make_camp(doksan1), title="어르신 반찬나눔 봉사")
    assert found("반찬을", dong=doksan1.code) == [("volunteer_activity", activity.title)]
    activity.delete()
    assert found("반찬") == []


def test_the_page_counts_the_new_kinds_under_their_korean_names(client, geumcheon, doksan1):
    _record(doksan1)
    new_course(make_programme(geumcheon), doksan1, title="주차장 안전 교육")
    page = client.get("/search/", {"q": "주차장"}, HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert 'kind=record">마을기록 <span class="count">1</span>' in page
    assert 'kind=course">교육 <span class="count">1</span>' in page
    assert '봉사활동 <span class="count">0</span>' in page
