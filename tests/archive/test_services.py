"""Records, exhibitions and the resource survey: who publishes, what waits for approval,
and bad input refused with nothing stored."""

from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings

from maeul.archive.models import (
    ArchiveRecord,
    Exhibition,
    RecordDocument,
    RecordPhoto,
    RecordStatus,
    RecordTag,
    Resource,
)
from maeul.archive.services import exhibitions, records, survey
from maeul.archive.services.records import Documents
from maeul.core.errors import RuleViolation
from maeul.core.models import AuditEntry
from tests.archive.conftest import PDF, png, png_bytes, upload, write

pytestmark = pytest.mark.django_db


def _nothing_stored():
    return (
        ArchiveRecord.objects.count(),
        RecordTag.objects.count(),
        RecordPhoto.objects.count(),
        RecordDocument.objects.count(),
    ) == (0, 0, 0, 0)


def test_staff_publish_at_once(doksan1, dong_staff, now):
    record = write(doksan1, dong_staff, now)
    assert record.status == RecordStatus.PUBLISHED and record.published_at == now
    assert not record.by_recorder
    assert [t.name for t in record.tags.all()] == ["마을축제", "성과공유회"]
    assert ArchiveRecord.objects.public().get() == record
    assert AuditEntry.objects.filter(action="archive.submit_record").count() == 1


def test_a_recorders_record_waits_for_staff_approval(doksan1, recorder, dong_staff, now):
    record = write(doksan1, recorder, now)
    assert record.status == RecordStatus.SUBMITTED and record.by_recorder
    assert not ArchiveRecord.objects.public().exists()
    approved = records.approve_record(record=record, staff=dong_staff, now=now)
    assert approved.status == RecordStatus.PUBLISHED and approved.approved_by == dong_staff
    with pytest.raises(RuleViolation) as refused:
        records.approve_record(record=approved, staff=dong_staff, now=now)
    assert refused.value.code == "not_submitted"


def test_a_resident_without_the_role_may_not_publish(doksan1, resident, now):
    with pytest.raises(RuleViolation) as refused:
        write(doksan1, resident, now)
    assert refused.value.code == "forbidden"
    assert _nothing_stored()


def test_staff_of_another_dong_may_not_publish_here(doksan1, other_dong_staff, now):
    with pytest.raises(RuleViolation):
        write(doksan1, other_dong_staff, now)


def test_a_photo_is_reencoded_with_its_description(doksan1, dong_staff, now):
    record = write(
        doksan1,
        dong_staff,
        now,
        kind="photo",
        photo=png("내 사진.png"),
        photo_alt="강당에서 투표하는 주민들",
    )
    photo = record.photos.get()
    assert photo.alt == "강당에서 투표하는 주민들"
    assert photo.image.name.startswith("archive/photos/") and "내 사진" not in photo.image.name


def test_a_photo_needs_a_description(doksan1, dong_staff, now):
    with pytest.raises(RuleViolation) as refused:
        write(doksan1, dong_staff, now, kind="photo", photo=png(), photo_alt=" ")
    assert refused.value.field == "photo_alt"
    assert _nothing_stored()


def test_a_document_is_judged_by_its_content(doksan1, dong_staff, now):
    record = write(
        doksan1,
        dong_staff,
        now,
        kind="document",
        document=upload("결과보고서.pdf", PDF, "application/pdf"),
    )
    document = record.documents.get()
    assert (document.original_name, document.extension) == ("결과보고서.pdf", "pdf")


# --- Bad input ---------------------------------------------------------------------------
def test_script_is_stored_as_text(doksan1, dong_staff, now):
    record = write(doksan1, dong_staff, now, body="<script>alert('x')</script> 마을축제")
    assert record.body.startswith("<script>")  # kept as typed; pages escape it


def test_a_resident_registration_number_is_refused(doksan1, dong_staff, now):
    with pytest.raises(RuleViolation) as refused:
        write(doksan1, dong_staff, now, body="참가자 900101-1234567 김마을")
    assert refused.value.code == "resident_number" and refused.value.field == "body"
    assert _nothing_stored()


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("보고서.pdf", b"MZ\x90\x00 an executable pretending to be a PDF"),
        ("사진.png", b"<html><script>alert(1)</script></html>"),
        ("보고서.hwp", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 but no HWP header"),
    ],
)
def test_a_file_lying_about_its_type_is_refused(doksan1, dong_staff, now, name, data):
    with pytest.raises(RuleViolation) as refused:
        write(
            doksan1,
            dong_staff,
            now,
            kind="document",
            document=upload(name, data, "application/pdf"),
        )
    assert refused.value.code == "bad_type"
    assert _nothing_stored()


def test_a_save_that_fails_after_the_files_are_written_leaves_no_file(doksan1, dong_staff, now):
    with (
        mock.patch.object(records.audit, "record", side_effect=RuntimeError("disk full")),
        pytest.raises(RuntimeError),
    ):
        write(
            doksan1,
            dong_staff,
            now,
            kind="photo",
            photo=png(),
            photo_alt="골목 화분",
            document=upload("회의록.pdf", PDF, "application/pdf"),
        )
    assert _nothing_stored()
    private = Path(settings.PRIVATE_ROOT)
    assert private.exists()  # the files were written there, then deleted
    assert not [path for path in private.rglob("*") if path.is_file()]


def test_a_pdf_sent_as_a_photo_is_refused(doksan1, dong_staff, now):
    with pytest.raises(RuleViolation) as refused:
        write(
            doksan1,
            dong_staff,
            now,
            kind="photo",
            photo=upload("a.png", PDF, "image/png"),
            photo_alt="사진",
        )
    assert refused.value.code == "bad_type"
    assert _nothing_stored()


@pytest.mark.parametrize(
    "link",
    [
        "http://www.youtube.com/watch?v=abc",
        "https://evil.example.com/watch?v=abc",
        "https://www.youtube.com.evil.example/watch",
        "javascript:alert(1)",
        '<iframe src="https://www.youtube.com/embed/abc"></iframe>',
        "https://user:pw@youtu.be/abc",
    ],
)
def test_a_non_https_or_unknown_video_link_is_refused(doksan1, dong_staff, now, link):
    with pytest.raises(RuleViolation) as refused:
        write(doksan1, dong_staff, now, kind="video", video_url=link)
    assert refused.value.code == "bad_video_link" and refused.value.field == "video_url"
    assert _nothing_stored()


def test_known_video_hosts_are_accepted(doksan1, dong_staff, now):
    for link in ("https://youtu.be/abc", "https://tv.naver.com/v/123", "https://vimeo.com/1"):
        assert write(doksan1, dong_staff, now, kind="video", video_url=link).video_url == link


def test_each_kind_needs_its_part(doksan1, dong_staff, now):
    for kind, field in (("photo", "photo"), ("document", "document"), ("video", "video_url")):
        with pytest.raises(RuleViolation) as refused:
            write(doksan1, dong_staff, now, kind=kind)
        assert refused.value.field == field
    with pytest.raises(RuleViolation) as refused:
        write(doksan1, dong_staff, now, body="")
    assert refused.value.field == "body"
    assert _nothing_stored()


def test_too_many_tags_are_refused(doksan1, dong_staff, now):
    with pytest.raises(RuleViolation) as refused:
        write(doksan1, dong_staff, now, tags=",".join(f"태그{n}" for n in range(9)))
    assert refused.value.field == "tags"
    assert _nothing_stored()


def test_a_project_of_another_district_is_refused(doksan1, yeongdeungpo, dong_staff, now, project):
    project.district = yeongdeungpo
    with pytest.raises(RuleViolation) as refused:
        write(doksan1, dong_staff, now, documents=Documents(project=project))
    assert refused.value.code == "other_district"


def test_a_record_documents_its_project(doksan1, dong_staff, now, project):
    record = write(doksan1, dong_staff, now, documents=Documents(project=project))
    assert record.project == project and list(project.archive_records.all()) == [record]


# --- Exhibitions -------------------------------------------------------------------------
def test_an_exhibition_keeps_its_order(geumcheon, doksan1, gasan, district_staff, now):
    first = write(doksan1, district_staff, now, title="첫째")
    second = write(gasan, district_staff, now, title="둘째")
    exhibition = exhibitions.create_exhibition(
        place=geumcheon,
        title="소소한 마을공동체 전시",
        introduction="작은 공동체들의 이야기",
        records=[second, first],
        captions=["가산동", "독산1동"],
        staff=district_staff,
        now=now,
    )
    items = list(exhibition.items.order_by("order"))
    assert [i.record for i in items] == [second, first]
    assert [i.caption for i in items] == ["가산동", "독산1동"]


def test_an_exhibition_shows_only_published_records(
    geumcheon, doksan1, recorder, district_staff, now
):
    waiting = write(doksan1, recorder, now)
    with pytest.raises(RuleViolation) as refused:
        exhibitions.create_exhibition(
            place=geumcheon,
            title="전시",
            introduction="소개",
            records=[waiting],
            staff=district_staff,
            now=now,
        )
    assert refused.value.field == "records"
    assert not Exhibition.objects.exists()


def test_dong_staff_may_not_curate_for_the_district(geumcheon, doksan1, dong_staff, now):
    record = write(doksan1, dong_staff, now)
    with pytest.raises(RuleViolation):
        exhibitions.create_exhibition(
            place=geumcheon,
            title="전시",
            introduction="소개",
            records=[record],
            staff=dong_staff,
            now=now,
        )


# --- Resource survey ---------------------------------------------------------------------
def test_staff_record_a_resource(doksan1, dong_staff, now, today):
    resource = survey.record_resource(
        dong=doksan1,
        kind="skill",
        name="집수리 재능기부",
        description="주민 4명",
        surveyed_on=today,
        staff=dong_staff,
        now=now,
    )
    assert resource.district_id == doksan1.district_id


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"name": " "}, "empty"),
        ({"kind": "money"}, "kind"),
        ({"description": "연락처 010-1234-5678"}, "phone_number"),
        ({"description": "900101-1234567"}, "resident_number"),
    ],
)
def test_bad_survey_input_is_refused(doksan1, dong_staff, now, today, fields, code):
    values = {"kind": "person", "name": "은퇴 목수 3명", "description": ""} | fields
    with pytest.raises(RuleViolation) as refused:
        survey.record_resource(dong=doksan1, surveyed_on=today, staff=dong_staff, now=now, **values)
    assert refused.value.code == code
    assert not Resource.objects.exists()


def test_a_resident_may_not_survey(doksan1, resident, now, today):
    with pytest.raises(RuleViolation):
        survey.record_resource(
            dong=doksan1, kind="person", name="목수", surveyed_on=today, staff=resident, now=now
        )


def test_png_bytes_helper_is_a_png():
    assert png_bytes().startswith(b"\x89PNG")
