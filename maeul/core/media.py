"""Serving public uploads (MEDIA_ROOT) when no reverse proxy does it (MAEUL_SERVE_MEDIA).

Only regular files inside MEDIA_ROOT are served: no directory listings, no hidden files, no
path or symbolic link that leads outside. Images are shown inline; anything else (a PDF) is
a download, and every answer carries nosniff, so an upload can never run as a page. Private
files (receipts) are not under MEDIA_ROOT at all: only their own views serve them.
"""

import mimetypes
from pathlib import Path

from django.conf import settings
from django.core.files.storage import Storage
from django.http import FileResponse, Http404, HttpRequest
from django.utils.http import http_date
from django.views.decorators.http import require_safe

INLINE_TYPES = {"image/jpeg", "image/png", "image/gif", "image/webp"}


def public_file(relative: str) -> Path:
    """The file under MEDIA_ROOT that `relative` names; Http404 for anything else."""
    root = Path(settings.MEDIA_ROOT).resolve()
    parts = Path(relative).parts
    if not parts or any(part.startswith(".") or part == "/" for part in parts):
        raise Http404
    candidate = (root / relative).resolve()
    if not candidate.is_relative_to(root) or not candidate.is_file():
        raise Http404
    return candidate


@require_safe
def serve_public(request: HttpRequest, path: str) -> FileResponse:
    file = public_file(path)
    content_type = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
    inline = content_type in INLINE_TYPES
    response = FileResponse(
        file.open("rb"),
        content_type=content_type,
        as_attachment=not inline,
        filename=file.name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Last-Modified"] = http_date(file.stat().st_mtime)
    # Upload names are random, so a name never comes back with other content.
    response["Cache-Control"] = "public, max-age=86400"
    return response


def private_file(
    storage: Storage, name: str, *, content_type: str, filename: str, download: bool = True
) -> FileResponse:
    """A private upload (a receipt, an application's file) for the one view that checked who
    may read it: never cached, never sniffed, never run as a page; 404 if the file is gone."""
    try:
        handle = storage.open(name, "rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle, content_type=content_type, as_attachment=download, filename=filename
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response
