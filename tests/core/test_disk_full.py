"""A full disk during an upload: a clear Korean message, nothing stored, no partial file."""

import errno
import json
import os

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import reverse

from maeul.core.disk_full import CleanFileSystemStorage, DiskFullMiddleware
from maeul.core.storage import PrivateStorage
from maeul.proposals.models import Attachment, Proposal
from tests.korean import korean
from tests.proposals.conftest import categories, departments, policy  # noqa: F401
from tests.proposals.test_attachments import PDF

MESSAGE = (
    "There was no room left on the server to store your file, so it was not "
    "uploaded. Please try again later or tell your dong office."
)


@pytest.fixture
def full_disk(monkeypatch):
    """The disk fills up after the first bytes of any file are written."""

    def write_a_little_then_fail(self, name, content):
        os.makedirs(os.path.dirname(self.path(name)), exist_ok=True)
        with open(self.path(name), "wb") as handle:
            handle.write(b"first bytes")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(FileSystemStorage, "_save", write_a_little_then_fail)


@pytest.fixture(autouse=True)
def _folders(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT.mkdir()
    settings.PRIVATE_ROOT.mkdir()
    return settings


def _files(root):
    return [path for path in root.rglob("*") if path.is_file()]


def test_a_proposal_with_a_file_on_a_full_disk_fails_plainly(
    client,
    resident,
    doksan1,
    categories,  # noqa: F811 -- the fixture imported above
    full_disk,
    _folders,
):
    client.force_login(resident)
    response = client.post(
        reverse("proposals:create"),
        {
            "district": doksan1.district.code,
            "title": "버스정류장에 의자를 놓아 주세요",
            "category": categories["교통"].pk,
            "dong": doksan1.pk,
            "body": "어르신들이 오래 서서 기다립니다.",
            "attachments": [SimpleUploadedFile("plan.pdf", PDF)],
        },
    )

    assert response.status_code == 507
    assert korean(MESSAGE) in response.content.decode()
    assert "저장할 공간이 없어" in response.content.decode()
    assert not Proposal.objects.exists()
    assert not Attachment.objects.exists()
    assert _files(_folders.MEDIA_ROOT) == []


def test_the_api_answers_json_with_a_code(rf: RequestFactory):
    def view(request):
        raise AssertionError("not called")

    request = rf.post("/api/votes/1/ballot")
    response = DiskFullMiddleware(view).process_exception(
        request, OSError(errno.ENOSPC, "No space left on device")
    )

    assert response is not None and response.status_code == 507
    body = json.loads(response.content)
    assert body["code"] == "storage_full"
    assert body["detail"] == korean(MESSAGE)


def test_other_errors_are_left_alone(rf: RequestFactory):
    middleware = DiskFullMiddleware(lambda request: None)  # type: ignore[arg-type,return-value]
    assert middleware.process_exception(rf.get("/"), OSError(errno.EACCES, "denied")) is None
    assert middleware.process_exception(rf.get("/"), ValueError("x")) is None


@pytest.mark.parametrize("storage", [CleanFileSystemStorage, PrivateStorage])
def test_the_partly_written_file_is_removed(storage, full_disk, _folders):
    with pytest.raises(OSError, match=os.strerror(errno.ENOSPC)):
        storage().save("grants/receipts/r.pdf", ContentFile(b"%PDF receipt"))

    assert _files(_folders.MEDIA_ROOT) == []
    assert _files(_folders.PRIVATE_ROOT) == []
