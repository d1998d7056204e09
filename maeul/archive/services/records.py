"""Records of the archive: staff publish them at once; a community recorder's (마을기록가)
record waits for staff approval (`approve_record`), so that what a resident writes about
others is read by the dong before the public sees it.

Every refusal comes before anything is stored: the texts are checked for resident
registration numbers, the video link for its host, each file by its bytes (a photo is
re-encoded without EXIF; a document must really be the kind it claims to be).
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from maeul.archive.models import (
    MAX_TAGS,
    ArchiveRecord,
    RecordDocument,
    RecordKind,
    RecordPhoto,
    RecordStatus,
    RecordTag,
)
from maeul.archive.video import check_video_link
from maeul.core import audit
from maeul.core.errors import RuleViolation
from maeul.core.permissions import Action, enforce
from maeul.core.permissions.archive import publishes_at_once
from maeul.core.privacy import refuse_resident_number
from maeul.core.stored_files import NewFiles, new_files
from maeul.councils.models import CouncilEvent
from maeul.grants.attachments import CheckedDocument, check_document
from maeul.grants.models import CommunityGroup
from maeul.places.models import District, Dong
from maeul.plans.models import Project
from maeul.proposals.attachments import CheckedFile, check_photo, photo_description

TAG_MAX = 30
FIRST_YEAR = 1990


@dataclass(frozen=True)
class Documents:
    """What a record documents: a community group, a project, a council event (all optional)."""

    group: CommunityGroup | None = None
    project: Project | None = None
    event: CouncilEvent | None = None


def parse_tags(text: str) -> list[str]:
    """Tags from '마을축제, #공동체, 마을축제': trimmed, without '#', each once, in order."""
    tags: list[str] = []
    for part in text.replace("#", " ").replace("\n", ",").split(","):
        tag = " ".join(part.split())
        if tag and tag not in tags:
            tags.append(tag)
    if len(tags) > MAX_TAGS:
        raise RuleViolation(
            _("A record can have up to %(most)d tags.") % {"most": MAX_TAGS},
            code="too_many_tags",
            field="tags",
        )
    if any(len(tag) > TAG_MAX for tag in tags):
        raise RuleViolation(
            _("A tag can be up to %(most)d characters.") % {"most": TAG_MAX},
            code="tag_too_long",
            field="tags",
        )
    return tags


def _check_links(district_id: int, documents: Documents) -> None:
    """The group, project and event must be of the record's district."""
    wrong = (
        (documents.group is not None and documents.group.district_id != district_id)
        or (documents.project is not None and documents.project.district_id != district_id)
        or (documents.event is not None and documents.event.council.district_id != district_id)
    )
    if wrong:
        raise RuleViolation(
            _("The group, project or event must be of the same district."), code="other_district"
        )


def _checked_photo(upload: UploadedFile, alt: str) -> tuple[CheckedFile, str]:
    """A photo judged by its bytes (re-encoded without EXIF) and its required description."""
    alt = photo_description(alt, field="photo_alt")
    return check_photo(upload, field="photo"), alt


def _required_part(
    kind: str, *, body: str, photo: Any, document: Any, video_url: str
) -> RuleViolation | None:
    if kind == RecordKind.TEXT and not body:
        return RuleViolation(_("Write the text of the record."), code="empty", field="body")
    if kind == RecordKind.PHOTO and photo is None:
        return RuleViolation(_("Choose a photo to upload."), code="no_file", field="photo")
    if kind == RecordKind.DOCUMENT and document is None:
        return RuleViolation(_("Choose a document to upload."), code="no_file", field="document")
    if kind == RecordKind.VIDEO and not video_url:
        return RuleViolation(_("Give the link to the video."), code="no_link", field="video_url")
    return None


def submit_record(
    *,
    place: Dong | District,
    title: str,
    body: str,
    kind: str,
    year: int,
    tags: str = "",
    documents: Documents | None = None,
    video_url: str = "",
    photo: UploadedFile | None = None,
    photo_alt: str = "",
    document: UploadedFile | None = None,
    author: Any,
    now: datetime,
    ip: str | None = None,
) -> ArchiveRecord:
    """Store a record of `place`: published at once by staff serving it, awaiting approval
    from a community recorder. Raises RuleViolation, storing nothing, for any refusal."""
    enforce(author, Action.PUBLISH_RECORD, place, now=now)
    documents = documents or Documents()
    title, body = " ".join(title.split()), body.strip()
    if not title:
        raise RuleViolation(_("Give the record a title."), code="empty", field="title")
    if kind not in RecordKind.values:
        raise RuleViolation(_("Choose what kind of record this is."), code="kind", field="kind")
    if not FIRST_YEAR <= year <= now.year + 1:
        raise RuleViolation(
            _("Give a year between %(first)d and %(last)d.")
            % {"first": FIRST_YEAR, "last": now.year + 1},
            code="year",
            field="year",
        )
    refuse_resident_number(title=title, body=body, tags=tags)
    tag_names = parse_tags(tags)
    video_url = check_video_link(video_url)
    missing = _required_part(kind, body=body, photo=photo, document=document, video_url=video_url)
    if missing is not None:
        raise missing
    district = place if isinstance(place, District) else place.district
    _check_links(district.pk, documents)
    checked_photo = _checked_photo(photo, photo_alt) if photo is not None else None
    checked_document = check_document(document, field="document") if document else None
    at_once = publishes_at_once(author, place)
    with new_files() as written, transaction.atomic():
        record = ArchiveRecord.objects.create(
            title=title[:200],
            body=body,
            kind=kind,
            status=RecordStatus.PUBLISHED if at_once else RecordStatus.SUBMITTED,
            district=district,
            dong=place if isinstance(place, Dong) else None,
            year=year,
            group=documents.group,
            project=documents.project,
            event=documents.event,
            video_url=video_url,
            author=author,
            by_recorder=not at_once,
            created_at=now,
            published_at=now if at_once else None,
        )
        RecordTag.objects.bulk_create(RecordTag(record=record, name=tag) for tag in tag_names)
        if checked_photo is not None:
            store_photo(record, *checked_photo, files=written, now=now)
        if checked_document is not None:
            store_document(record, checked_document, files=written, now=now)
        audit.record(
            actor=author,
            action="archive.submit_record",
            target=record,
            changes={"status": ["", record.status]},
            ip=ip,
            now=now,
        )
    return record


def store_photo(
    record: ArchiveRecord, checked: CheckedFile, alt: str, *, files: NewFiles, now: datetime
) -> None:
    """Save a checked photo under the record (inside the caller's transaction and `files`)."""
    photo = RecordPhoto(record=record, alt=alt, order=record.photos.count(), uploaded_at=now)
    files.save(photo.image, checked.content, default_name="photo")
    photo.save()


def store_document(
    record: ArchiveRecord, checked: CheckedDocument, *, files: NewFiles, now: datetime
) -> None:
    """Save a checked document under the record (inside the caller's transaction and `files`)."""
    document = RecordDocument(
        record=record,
        original_name=checked.original_name,
        extension=checked.extension,
        size=checked.size,
        uploaded_at=now,
    )
    files.save(document.file, checked.content, default_name="document")
    document.save()


def approve_record(
    *, record: ArchiveRecord, staff: Any, now: datetime, ip: str | None = None
) -> ArchiveRecord:
    """Publish a community recorder's record. Raises RuleViolation unless it awaits approval."""
    enforce(staff, Action.APPROVE_RECORD, record, now=now)
    with transaction.atomic():
        locked = ArchiveRecord.objects.select_for_update().get(pk=record.pk)
        if locked.status != RecordStatus.SUBMITTED:
            raise RuleViolation(_("This record is not awaiting approval."), code="not_submitted")
        locked.status, locked.published_at, locked.approved_by = RecordStatus.PUBLISHED, now, staff
        locked.save(update_fields=["status", "published_at", "approved_by"])
        audit.record(
            actor=staff,
            action="archive.approve_record",
            target=locked,
            changes={"status": [RecordStatus.SUBMITTED, locked.status]},
            ip=ip,
            now=now,
        )
    return locked


def withdraw_record(
    *, record: ArchiveRecord, staff: Any, now: datetime, ip: str | None = None
) -> ArchiveRecord:
    """Take a record off the public archive (its files stay for the audit trail)."""
    enforce(staff, Action.APPROVE_RECORD, record, now=now)
    with transaction.atomic():
        before = record.status
        record.status = RecordStatus.WITHDRAWN
        record.save(update_fields=["status"])
        audit.record(
            actor=staff,
            action="archive.withdraw_record",
            target=record,
            changes={"status": [before, record.status]},
            ip=ip,
            now=now,
        )
    return record
