"""Community records in the site search: the published ones (`ArchiveRecord.objects.public()`)."""

from django.utils.translation import gettext_lazy as _

from maeul.archive.models import ArchiveRecord, RecordTag
from maeul.search.sources import Entry, Source, register


def _entry(record: ArchiveRecord) -> Entry:
    tags = " ".join(tag.name for tag in record.tags.all())
    return Entry.of(record, record.body, tags, when=record.published_at, year=record.year)


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
