"""A record's photos and documents, kept in private storage and served only here.

Anyone may have a published record's files; a record awaiting approval, or taken off, shows
its files to the people who may see it (`Action.READ_RECORD_FILES`: its author while it
waits, the staff who may approve it). Everyone else gets a 404, the same as for a file that
does not exist, so not even the existence of a file leaks.
"""

import mimetypes

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from maeul.archive.models import ArchiveRecord, RecordDocument, RecordPhoto
from maeul.core.media import INLINE_TYPES, private_file
from maeul.core.permissions.archive import may_read_record

# A published record's files may be kept a little by browsers and shared caches: short, so a
# record taken off stops being served soon after.
PUBLIC_CACHE = "public, max-age=300"


def _serve(
    request: HttpRequest, record: ArchiveRecord, stored: FieldFile, filename: str
) -> FileResponse:
    name = stored.name or ""
    if not name or not may_read_record(request.user, record):
        raise Http404
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = private_file(
        stored.storage,
        name,
        content_type=content_type,
        filename=filename,
        download=content_type not in INLINE_TYPES,
    )
    if record.is_public:
        response["Cache-Control"] = PUBLIC_CACHE
    return response


@require_safe
def photo(request: HttpRequest, pk: int) -> FileResponse:
    row = get_object_or_404(RecordPhoto.objects.select_related("record"), pk=pk)
    return _serve(request, row.record, row.image, (row.image.name or "").rsplit("/", 1)[-1])


@require_safe
def document(request: HttpRequest, pk: int) -> FileResponse:
    row = get_object_or_404(RecordDocument.objects.select_related("record"), pk=pk)
    return _serve(request, row.record, row.file, row.original_name)
