"""Progress updates of a project: a note with an optional photo (re-encoded: no EXIF, no
location), shown on the project's page and at the results sharing."""

from datetime import datetime
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from maeul.core import audit
from maeul.core.errors import RuleViolation
from maeul.core.permissions import Action, enforce
from maeul.core.privacy import refuse_resident_number
from maeul.core.stored_files import delete_file_later, new_files
from maeul.plans.models import ProgressUpdate, Project
from maeul.plans.services import checked_upload


def add_progress_update(
    *,
    project: Project,
    body: str,
    photo: UploadedFile | None,
    photo_alt: str,
    staff: Any,
    now: datetime,
    ip: str | None,
) -> ProgressUpdate:
    """A progress note with an optional photo (re-encoded: no EXIF, no location)."""
    enforce(staff, Action.RECORD_SPENDING, project, now=now)
    body, photo_alt = body.strip(), photo_alt.strip()
    refuse_resident_number(body=body, photo_alt=photo_alt)
    if not body:
        raise RuleViolation(_("Write what happened."), code="body", field="body")
    checked = checked_upload(photo, field="photo")
    if checked is not None and checked.kind != "image":
        raise RuleViolation(
            _("%(name)s is not a photo. Attach a JPEG, PNG, GIF or WebP image.")
            % {"name": checked.original_name},
            code="bad_type",
            field="photo",
        )
    if checked is not None and not photo_alt:
        raise RuleViolation(
            _("Describe the photo for people who cannot see it."),
            code="photo_alt",
            field="photo_alt",
        )
    update = ProgressUpdate(
        project=project,
        body=body,
        photo_alt=photo_alt[:200] if checked is not None else "",
        written_by=staff,
        created_at=now,
    )
    with new_files() as written, transaction.atomic():
        if checked is not None:
            written.save(update.photo, checked.content, default_name="photo")
        update.save()
        audit.record(
            actor=staff,
            action="plans.progress_add",
            target=project,
            changes={"update": [None, update.pk], "photo": [None, update.photo.name or None]},
            ip=ip,
            now=now,
        )
    return update


def delete_progress_update(
    *, update: ProgressUpdate, staff: Any, now: datetime, ip: str | None
) -> None:
    """Remove a progress update and its photo."""
    project = update.project
    enforce(staff, Action.RECORD_SPENDING, project, now=now)
    with transaction.atomic():
        audit.record(
            actor=staff,
            action="plans.progress_delete",
            target=project,
            changes={"update": [update.pk, None], "body": [update.body, None]},
            ip=ip,
            now=now,
        )
        delete_file_later(update.photo)
        update.delete()
