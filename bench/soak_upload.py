"""A full disk during an upload, in the fault mode of the soak.

MEDIA_ROOT of the hosts is a 256 KB tmpfs (root only; else the check is skipped and says
so). A verified resident sends proposals with a 400 KB attachment while ballots go on:
each must be answered 507 with the Korean message, and no proposal and no file may be
left. Import after `django.setup()`.
"""

import http.client
import os
import subprocess
import uuid
from pathlib import Path
from typing import Any

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bench.bare_insert.server import HOST
from bench.soak_load import csrf_form
from maeul.accounts.models import DongTie, TieKind, User, VerificationMethod
from maeul.places.models import Department, District, Dong
from maeul.proposals.models import Category, Proposal, ProposalPolicy

TMPFS_SIZE = "256k"
MESSAGE = "저장할 공간이 없어"
PDF_HEAD = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
PDF_TAIL = b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def mount_small_disk(folder: Path) -> str | None:
    """Mount a tmpfs of TMPFS_SIZE on `folder`; None when done, else why not."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        return "not root: cannot mount a small tmpfs for MEDIA_ROOT"
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={TMPFS_SIZE}", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    return None if result.returncode == 0 else f"mount failed: {result.stderr.strip()}"


def unmount(folder: Path) -> None:
    subprocess.run(["umount", str(folder)], capture_output=True, check=False)


def prepare_uploader() -> tuple[str, int, int, int]:
    """(session, district code, category, dong) for a verified 금천구 resident who may propose."""
    district = District.objects.get(code="1154500000")
    department = Department.objects.create(
        district=district, name="기획예산과", is_head_office=True
    )
    ProposalPolicy.objects.get_or_create(
        district=district, defaults={"default_department": department}
    )
    category = Category.objects.create(
        district=district, name="기타", order=1, department=department
    )
    now = timezone.now()
    user = User.objects.create_user(
        email="uploader@bench.maeul.kr",
        password=None,
        display_name="사진 올리는 주민",
        verified_at=now,
        verification_method=VerificationMethod.IN_PERSON,
        person_hmac=uuid.uuid4().hex * 2,
        birth_year=1980,
    )
    dong = Dong.objects.filter(district=district).order_by("pk")[0]
    DongTie.objects.create(user=user, dong=dong, kind=TieKind.LIVES, started_at=now)
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value, int(district.code), category.pk, dong.pk


def upload_once(
    port: int, session: str, district: int, category: int, dong: int
) -> tuple[int, bool]:
    """(status, whether the Korean message was shown) for one proposal with a 400 KB file."""
    path = reverse("proposals:create")
    state = csrf_form(path, port, {"sessionid": session})
    boundary = uuid.uuid4().hex
    fields = {
        "csrfmiddlewaretoken": state.pop("_token"),
        "district": str(district),
        "title": "놀이터 그늘막 설치를 제안합니다",
        "category": str(category),
        "dong": str(dong),
        "body": "여름에 아이들이 뜨거운 햇볕 아래에서 놉니다.",
    }
    parts: list[bytes] = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        )
    attachment = PDF_HEAD + b"%" + b"0" * 400_000 + b"\n" + PDF_TAIL
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="attachments"; '
        f'filename="plan.pdf"\r\nContent-Type: application/pdf\r\n\r\n'.encode()
        + attachment
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    body = b"".join(parts)
    headers: dict[str, Any] = {
        "Content-Type": f"multipart/form-data; boundary={boundary}",
        "Cookie": "; ".join(f"{k}={v}" for k, v in state.items()),
        "Referer": f"http://{HOST}:{port}{path}",
    }
    conn = http.client.HTTPConnection(HOST, port, timeout=60)
    try:
        conn.request("POST", path, body=body, headers=headers)
        response = conn.getresponse()
        text = response.read().decode(errors="replace")
        return response.status, MESSAGE in text
    finally:
        conn.close()


def leftovers(media: Path) -> dict[str, int]:
    return {
        "proposals_stored": Proposal.objects.count(),
        "files_left": sum(1 for p in media.rglob("*") if p.is_file()),
    }
