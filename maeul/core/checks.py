"""Deploy checks (`manage.py check --deploy`, and `serve` at start-up) for Maeul's files.

maeul.W001: the data key file sits in the SQLite database's folder, so one copied folder
(a backup, a stolen disk image) holds both the encrypted phone numbers and their key.
maeul.W002: the var folder, the database or the data key can be read by other accounts.
maeul.W003: no MAEUL_SOURCE_URL, so the footer offers no source code, which the AGPL-3.0
(section 13) asks of a site that runs a modified Maeul for others.
"""

import stat
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core.checks import CheckMessage, Tags, Warning, register

TAG = "maeul_files"


def _sqlite_file() -> Path | None:
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.sqlite3" or database["NAME"] == ":memory:":
        return None
    return Path(database["NAME"]).resolve()


@register(Tags.security, TAG, deploy=True)
def check_private_files(
    app_configs: Sequence[AppConfig] | None = None, **kwargs: Any
) -> list[CheckMessage]:
    if settings.DEBUG:
        return []
    found: list[CheckMessage] = []
    database = _sqlite_file()
    key: Path | None = settings.MAEUL_DATA_KEY_PATH
    if database is not None and key is not None and key.resolve().parent == database.parent:
        found.append(
            Warning(
                "데이터 키 파일이 데이터베이스와 같은 폴더에 있습니다. "
                "The data key file is in the same folder as the SQLite database.",
                hint=(
                    "MAEUL_DATA_KEY_FILE로 키를 데이터베이스 밖(예: /etc/maeul/data_key)에 "
                    "두고 따로 백업하세요. Keep the key elsewhere with MAEUL_DATA_KEY_FILE "
                    "and back it up separately."
                ),
                id="maeul.W001",
            )
        )
    found.extend(
        Warning(
            f"다른 계정이 읽을 수 있습니다: {path}. Readable by other accounts: {path}.",
            hint="chmod 700 (폴더/folder) 또는/or chmod 600 (파일/file).",
            id="maeul.W002",
        )
        for path in (Path(settings.VAR_DIR), database, key)
        if path is not None and path.exists() and _open_to_others(path)
    )
    return found


def _open_to_others(path: Path) -> bool:
    return bool(path.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO))


@register(Tags.security, "maeul_licence", deploy=True)
def check_source_offer(
    app_configs: Sequence[AppConfig] | None = None, **kwargs: Any
) -> list[CheckMessage]:
    if settings.DEBUG or settings.MAEUL_SOURCE_URL:
        return []
    return [
        Warning(
            "소스 코드를 받을 주소가 없습니다. No address where users can get the source code.",
            hint=(
                "수정한 Maeul을 운영하면 AGPL-3.0 제13조에 따라 이용자에게 소스 코드를 "
                "제공해야 합니다. MAEUL_SOURCE_URL에 저장소 주소를 정하세요. Set "
                "MAEUL_SOURCE_URL to the repository of the code this site runs (AGPL-3.0 s. 13)."
            ),
            id="maeul.W003",
        )
    ]
