"""State changes of plans: `planning` (a plan: started, from the assembly, submitted,
approved), `projects` (a plan's projects), `spending` (payments and receipts), `progress`
(progress updates). Each takes the acting staff member and `now`, checks `enforce`, and audits."""

from django.core.files.uploadedfile import UploadedFile

from maeul.core.errors import RuleViolation
from maeul.proposals.attachments import CheckedFile, check_upload


def checked_upload(upload: UploadedFile | None, *, field: str) -> CheckedFile | None:
    """`upload` judged by its content (a photo re-encoded, or a PDF), refused beside `field`."""
    if upload is None:
        return None
    try:
        return check_upload(upload)
    except RuleViolation as refusal:
        raise RuleViolation(refusal.message, code=refusal.code, field=field) from None
