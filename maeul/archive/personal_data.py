"""Archive data for 내 정보 내려받기 (`privacy.export`): the community records (마을기록) a
person wrote, whatever their status, with the descriptions of their photos and the names of
their documents (the files stay on the record's page). Every query filters on the one
person."""

from datetime import datetime
from typing import Any

from django.utils.translation import gettext as _

from maeul.archive.models import ArchiveRecord, RecordStatus
from maeul.core.stored_files import delete_file_later

Record = dict[str, Any]


def records(user: Any) -> list[Record]:
    """The records `user` wrote: submitted, published or withdrawn."""
    rows = (
        ArchiveRecord.objects.filter(author_id=user.pk)
        .select_related("dong")
        .prefetch_related("photos", "documents")
    )
    return [
        {
            _("Title"): record.title,
            _("Text"): record.body,
            _("Kind"): record.get_kind_display(),
            _("Dong"): record.dong.name if record.dong else "",
            _("Year"): record.year,
            _("Status"): record.get_status_display(),
            _("Written at"): record.created_at,
            _("Published at"): record.published_at,
            _("Photos"): [photo.alt for photo in record.photos.all()],
            _("Documents"): [document.original_name for document in record.documents.all()],
        }
        for record in rows.order_by("created_at", "pk")
    ]


def erase(user: Any, *, now: datetime) -> None:
    """On erasure (`privacy.services.erase_account`): what becomes of `user`'s records.

    - published records: kept, a public contribution to the village's memory, shown as
      탈퇴한 회원 like a proposal (the account row no longer holds a name);
    - records awaiting approval or withdrawn: deleted with their photos and documents (the
      files too, once the erasure commits): never published, the person's own.
    """
    unpublished = ArchiveRecord.objects.filter(author_id=user.pk).exclude(
        status=RecordStatus.PUBLISHED
    )
    for record in unpublished.prefetch_related("photos", "documents"):
        for photo in record.photos.all():
            delete_file_later(photo.image)
        for document in record.documents.all():
            delete_file_later(document.file)
    unpublished.delete()
