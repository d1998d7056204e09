"""Application files, judged by their content: PDF, HWP, HWPX, XLSX, PNG and JPEG.

PDFs and pictures go through the proposals' check (`proposals.attachments.check_upload`:
a complete PDF; pictures decoded and re-encoded without EXIF). Office files are checked
here: an HWP is an OLE compound file (D0 CF 11 E0) holding the HWP file header; an HWPX is a
ZIP whose `mimetype` entry says `application/hwp+zip`; an XLSX is a ZIP with
`[Content_Types].xml` and `xl/workbook.xml`. A ZIP of more than 10,000 entries or 500 MB
unpacked is refused (a zip bomb). The name and the browser's content type decide nothing;
files are stored under random names.
"""

import io
import os
import uuid
import zipfile
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from maeul.core.errors import RuleViolation
from maeul.core.privacy import refuse_resident_number
from maeul.proposals.attachments import MAX_BYTES, check_upload

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
HWP_HEADER = b"HWP Document File"
ZIP_MAGIC = b"PK\x03\x04"
MAX_ZIP_ENTRIES = 10_000
MAX_UNPACKED = 500 * 1024 * 1024
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "hwp": "application/x-hwp",
    "hwpx": "application/hwp+zip",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "png": "image/png",
    "jpg": "image/jpeg",
}


@dataclass(frozen=True)
class CheckedDocument:
    extension: str
    content: ContentFile[bytes]
    original_name: str
    size: int

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.extension]


def _refuse(name: str, field: str | None) -> RuleViolation:
    return RuleViolation(
        _("%(name)s is not a PDF, HWP, HWPX, XLSX, PNG or JPEG file.") % {"name": name},
        code="bad_type",
        field=field,
    )


def _zip_kind(data: bytes) -> str | None:
    """ "hwpx" or "xlsx" for a sound ZIP of that kind; None for any other or a bomb."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ZIP_ENTRIES:
                return None
            if sum(entry.file_size for entry in entries) > MAX_UNPACKED:
                return None
            names = {entry.filename for entry in entries}
            if "mimetype" in names:
                mimetype = archive.read("mimetype")[:64].strip()
                if mimetype == b"application/hwp+zip":
                    return "hwpx"
            if {"[Content_Types].xml", "xl/workbook.xml"} <= names:
                return "xlsx"
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError):
        return None
    return None


def check_document(upload: UploadedFile, *, field: str | None = None) -> CheckedDocument:
    """Refuse what is too big or not one of the accepted kinds; a clean, randomly named file."""
    name = os.path.basename((upload.name or "").replace("\\", "/"))[-200:] or "file"
    refuse_resident_number(**{field or "file": upload.name})
    if upload.size is None or upload.size > MAX_BYTES:
        raise RuleViolation(
            _("%(name)s is larger than 10 MB.") % {"name": name}, code="too_big", field=field
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if head.startswith((b"%PDF-", b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")):
        checked = check_upload(upload, field=field)
        extension = os.path.splitext(checked.content.name or "")[1].lstrip(".")
        return CheckedDocument(extension, checked.content, checked.original_name, checked.size)
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise RuleViolation(
            _("%(name)s is larger than 10 MB.") % {"name": name}, code="too_big", field=field
        )
    if data.startswith(OLE_MAGIC) and HWP_HEADER in data:
        extension = "hwp"
    elif data.startswith(ZIP_MAGIC) and (kind := _zip_kind(data)) is not None:
        extension = kind
    else:
        raise _refuse(name, field)
    return CheckedDocument(
        extension=extension,
        content=ContentFile(data, name=f"{uuid.uuid4().hex}.{extension}"),
        original_name=name,
        size=len(data),
    )
