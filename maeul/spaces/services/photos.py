"""Photos of a space: staff of the space add them (judged by their bytes and re-encoded
without EXIF by the proposals' `check_photo`; a PDF is refused) with a required alt text,
and remove them (the file goes with the row)."""

from datetime import datetime
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from maeul.core import audit
from maeul.core.errors import RuleViolation
from maeul.core.permissions import Action, enforce
from maeul.core.stored_files import delete_file_later, new_files
from maeul.proposals.attachments import check_photo, photo_description
from maeul.spaces.models import MAX_PHOTOS, Space, SpacePhoto


def add_photo(
    *,
    space: Space,
    upload: UploadedFile | None,
    alt: str,
    staff: Any,
    now: datetime,
    ip: str | None = None,
) -> SpacePhoto:
    enforce(staff, Action.MANAGE_SPACE, space, now=now)
    alt = photo_description(alt, field="alt")
    if upload is None:
        raise RuleViolation(_("Choose a photo to upload."), code="no_file", field="image")
    if SpacePhoto.objects.filter(space=space).count() >= MAX_PHOTOS:
        raise RuleViolation(
            _("A space can show up to %(most)d photos. Remove one first.") % {"most": MAX_PHOTOS},
            code="too_many",
            field="image",
        )
    checked = check_photo(upload, field="image")
    with new_files() as written, transaction.atomic():
        photo = SpacePhoto(space=space, alt=alt, uploaded_by=staff, uploaded_at=now)
        written.save(photo.image, checked.content, default_name="photo")
        photo.save()
        audit.record(
            actor=staff,
            action="spaces.add_photo",
            target=photo,
            changes={"alt": ["", photo.alt]},
            ip=ip,
            now=now,
        )
    return photo


def remove_photo(*, photo: SpacePhoto, staff: Any, now: datetime, ip: str | None = None) -> None:
    enforce(staff, Action.MANAGE_SPACE, photo, now=now)
    with transaction.atomic():
        audit.record(
            actor=staff,
            action="spaces.remove_photo",
            target=photo.space,
            changes={"alt": [photo.alt, ""]},
            ip=ip,
            now=now,
        )
        delete_file_later(photo.image)
        photo.delete()
