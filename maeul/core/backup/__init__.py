"""Encrypted backups of the database and the uploaded files, and their restore.

`manage.py backup` and `manage.py restore` are thin shells around `archive.make_backup` and
`archive.restore_backup`. The pieces: `crypto.py` (the backup key, streaming AES-GCM),
`snapshot.py` (a consistent dump of the database with per-table row counts and checksums),
`archive.py` (the tar inside, its manifest, and putting everything back). See
docs/deployment.md#backups.
"""

from maeul.core.backup.crypto import BackupError

__all__ = ["BackupError"]
