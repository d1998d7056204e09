"""Checking and storing proposal attachments: images and PDFs, judged by content.

The file's name and the browser's Content-Type are not trusted: the first bytes decide
what a file is. Images are decoded and re-encoded, which drops EXIF data (location,
camera) and anything hidden after the picture; files get random names.
"""

import io
import os
import uuid
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from maeul.core.errors import RuleViolation
from maeul.core.privacy import refuse_resident_number

MAX_BYTES = 10 * 1024 * 1024
MAX_FILES = 5
MAX_PIXELS = 40_000_000  # a 40-megapixel photo; larger is a decompression bomb, not a photo
IMAGE_SIGNATURES = {
    b"\xff\xd8\xff": "JPEG",
    b"\x89PNG\r\n\x1a\n": "PNG",
    b"GIF87a": "GIF",
    b"GIF89a": "GIF",
}


@dataclass(frozen=True)
class CheckedFile:
    kind: str  # "image" or "pdf"
    content: ContentFile[bytes]
    original_name: str
    size: int


def _sniff(head: bytes) -> str | None:
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image"
    if any(head.startswith(signature) for signature in IMAGE_SIGNATURES):
        return "image"
    return None


def _reencode_image(data: bytes, field: str | None) -> tuple[bytes, str]:
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            has_alpha = image.mode in ("RGBA", "LA", "P")
            # Turn the pixels upright first: the orientation tag goes with the rest of EXIF.
            upright = ImageOps.exif_transpose(image) or image
            clean = upright.convert("RGBA" if has_alpha else "RGB")
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, ValueError):
        raise RuleViolation(
            _("The image cannot be read. Please attach another file."),
            code="bad_file",
            field=field,
        ) from None
    out = io.BytesIO()
    if has_alpha:
        clean.save(out, format="PNG", optimize=True)
        return out.getvalue(), "png"
    clean.save(out, format="JPEG", quality=88, optimize=True)
    return out.getvalue(), "jpg"


def check_upload(upload: UploadedFile, *, field: str | None = None) -> CheckedFile:
    """Refuse what is too big or not an image/PDF; return a clean file with a random name.

    A refusal names `field`, the form field the file came in, so a form shows it there.
    """
    # Only the last part of the name is kept, and only to show it; the file is stored
    # under a random name.
    name = os.path.basename((upload.name or "").replace("\\", "/"))[-200:] or "file"
    if field:
        refuse_resident_number(**{field: upload.name})
    else:
        refuse_resident_number(upload.name)
    if upload.size is None or upload.size > MAX_BYTES:
        raise RuleViolation(
            _("%(name)s is larger than 10 MB.") % {"name": name}, code="too_big", field=field
        )
    upload.seek(0)  # a form field may have read it already
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise RuleViolation(
            _("%(name)s is larger than 10 MB.") % {"name": name}, code="too_big", field=field
        )
    kind = _sniff(data[:16])
    if kind is None:
        raise RuleViolation(
            _("%(name)s is not an image or a PDF file.") % {"name": name},
            code="bad_type",
            field=field,
        )
    if kind == "pdf":
        if b"%%EOF" not in data[-1024:]:
            raise RuleViolation(
                _("%(name)s is not a complete PDF file.") % {"name": name},
                code="bad_type",
                field=field,
            )
        content, extension = data, "pdf"
    else:
        content, extension = _reencode_image(data, field)
    return CheckedFile(
        kind=kind,
        content=ContentFile(content, name=f"{uuid.uuid4().hex}.{extension}"),
        original_name=name,
        size=len(content),
    )


def check_photo(upload: UploadedFile, *, field: str) -> CheckedFile:
    """An upload that must be a photo: checked like any file (`check_upload`), a PDF refused."""
    checked = check_upload(upload, field=field)
    if checked.kind != "image":
        raise RuleViolation(
            _("%(name)s is not a photo (JPEG, PNG, GIF or WebP).")
            % {"name": checked.original_name},
            code="bad_type",
            field=field,
        )
    return checked


def photo_description(alt: str, *, field: str) -> str:
    """A photo's required description for people who cannot see it (its alt text): spaces
    collapsed, refused when empty or carrying a resident registration number, cut to the
    200 characters it is stored in."""
    alt = " ".join(alt.split())
    if not alt:
        raise RuleViolation(
            _("Describe the photo for people who cannot see it."), code="alt", field=field
        )
    refuse_resident_number(**{field: alt})
    return alt[:200]


def check_uploads(uploads: list[UploadedFile], *, field: str | None = None) -> list[CheckedFile]:
    """Check every file first, so that one bad file means none is stored."""
    if len(uploads) > MAX_FILES:
        raise RuleViolation(_("You can attach up to 5 files."), code="too_many", field=field)
    return [check_upload(upload, field=field) for upload in uploads]
