"""A file to download: the public ballot files, and the templates staff fill in."""

from django.http import HttpResponse


def attachment(body: str | bytes, content_type: str, filename: str) -> HttpResponse:
    """`body` as a download named `filename` (an ASCII name: the vote's number, not its title)."""
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
