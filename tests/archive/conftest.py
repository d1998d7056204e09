"""Archive fixtures (금천구), relative to the councils' clock `now`.

- `recorder`: a community recorder (마을기록가) of 금천구, a verified resident of 독산1동;
- `doksan1_council`, `project`, `gasan_project`: the plans' fixtures (독산1동 주민자치회, its
  approved plan's 「마을 축제」 of 2,000,000원);
- `upload(name, data)`, `png()`, `PDF`: files as a form would send them;
- `write(...)`: `submit_record` with sensible defaults.
"""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from maeul.accounts.models import Role, TieKind
from maeul.archive.services import records
from tests.conftest import _verified
from tests.factories import DongTieFactory, RoleAssignmentFactory, UserFactory
from tests.plans import conftest as plans

now = plans.now
today = plans.today
doksan1_council = plans.doksan1_council
doksan1_sections = plans.doksan1_sections
gasan_council = plans.gasan_council
doksan1_plan = plans.doksan1_plan
year = plans.year
project = plans.project
gasan_project = plans.gasan_project
make_project = plans.make_project
PDF = plans.PDF


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_ROOT = tmp_path / "private"


def png_bytes(colour=(200, 30, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(out, format="PNG")
    return out.getvalue()


def upload(name: str, data: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def png(name: str = "photo.png"):
    return upload(name, png_bytes(), "image/png")


@pytest.fixture
def recorder(geumcheon, doksan1):
    user = _verified(UserFactory(email="recorder@example.kr", display_name="마을기록가"))
    DongTieFactory(user=user, dong=doksan1, kind=TieKind.LIVES)
    RoleAssignmentFactory(user=user, role=Role.RECORDER, district=geumcheon)
    return user


def write(place, author, now, **fields):
    values = {
        "title": "독산1동 성과공유회",
        "body": "11월 마을축제와 함께 성과공유회를 열었습니다.",
        "kind": "text",
        "year": now.year,
        "tags": "성과공유회, 마을축제",
    }
    values.update(fields)
    return records.submit_record(place=place, author=author, now=now, **values)
