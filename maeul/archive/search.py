"""Community records in the site search: the published ones (`ArchiveRecord.objects.public()`)."""

from django.utils.translation import gettext_lazy as _

from maeul.archive.models import ArchiveRecord, RecordTag
from maeul.search.sources import Entry, Source, register


def _entry(record: ArchiveRecord) -> Entry:
    tags = " ".join(tag.name for tag in record.tags.all())
    return Entry(
        title=record.title,
        body="\n".join(filter(None, [record.body, tags])),
        url=record.get_absolute_url(),
        updated=record.published_at,
        district_id=record.district_id,
        dong_id=record.dong_id,
        year=record.year,
    )


register(
    Source(
        kind="record",
        label=_("Community records"),
        model=ArchiveRecord,
        public=ArchiveRecord.objects.public,
        entry=_entry,
        related={RecordTag: lambda tag: [tag.record_id]},
        order=90,
    )
)
