"""A full disk during an upload: that request fails with a plain Korean message, nothing else.

`DiskFullMiddleware` answers an `OSError` ENOSPC (or EDQUOT: the account's quota) raised by
any view with 507 and the message "파일을 저장할 공간이 없어 올리지 못했습니다 …" (a page,
or JSON under /api/), and logs it for the operator. The view's own transaction has rolled
back by then (services write inside `transaction.atomic`), and `CleanFileSystemStorage`
removes the part of the file written before the disk filled, so no half-written file stays
behind. Other requests (a ballot, a page) go on as before: they write no files.
"""

import errno
import logging
import os
from collections.abc import Callable
from typing import Any

from django.core.files.storage import FileSystemStorage
from django.http import HttpRequest, HttpResponse

logger = logging.getLogger(__name__)

FULL = {errno.ENOSPC, errno.EDQUOT}


def is_disk_full(exc: BaseException) -> bool:
    return isinstance(exc, OSError) and exc.errno in FULL


class CleanFileSystemStorage(FileSystemStorage):
    """FileSystemStorage that removes its partly written file when the disk fills up."""

    def _save(self, name: str, content: Any) -> str:
        path = self.path(name)
        existed = os.path.exists(path)
        try:
            return str(super()._save(name, content))  # type: ignore[misc]
        except OSError as exc:
            if is_disk_full(exc) and not existed and os.path.exists(path):
                os.remove(path)
            raise


class DiskFullMiddleware:
    """507 with a plain message when a view ran out of disk space (see the module doc)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not is_disk_full(exception):
            return None
        from maeul.core.error_pages import error_response

        logger.error("disk full while answering %s %s", request.method, request.path)
        return error_response(request, 507)
