"""Where private files live: outside MEDIA_ROOT, so no URL of the web server reaches them.

Receipts and other personal documents are served only by views that check permissions.
"""

import os

from django.conf import settings

from maeul.core.disk_full import CleanFileSystemStorage


class PrivateStorage(CleanFileSystemStorage):
    """Files under settings.PRIVATE_ROOT, read when used (so tests can move the folder)."""

    @property
    def base_location(self) -> str:
        return str(settings.PRIVATE_ROOT)

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    # Receipts name people and amounts: readable by the server's own account only.
    @property
    def file_permissions_mode(self) -> int:
        return 0o600

    @property
    def directory_permissions_mode(self) -> int:
        return 0o700
