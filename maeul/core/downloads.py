"""A file to download: ballot files, exports and the templates staff fill in."""

from django.http import HttpResponse


def attachment(body: str | bytes, content_type: str, filename: str) -> HttpResponse:
    """`body` as a download named `filename` (an ASCII name: numbers and codes, not titles)."""
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
