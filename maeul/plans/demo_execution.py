"""A demo project carried out through 2021 (seed 000): spending entered month by month
(some with a receipt, one project in nine under-spending, none over), a progress note with
an occasional photo, then done with its outcome. Services are called with 2021's dates."""

import io
import random
from datetime import date, datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from maeul.accounts.models import User
from maeul.core.dates import SEOUL
from maeul.core.demo_images import demo_upload, has_demo_photo
from maeul.plans.models import Project, ProjectStatus
from maeul.plans.services import progress, projects, spending

YEAR = 2021
IP = None
PAYEES = ["마을인쇄소", "동네철물점", "공유부엌 협동조합", "행사음향 업체", "문구센터", "강사료"]
PURPOSES = ["홍보물 인쇄", "재료 구입", "강사 수당", "행사 장비 대여", "현수막 제작", "소모품 구입"]


def at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=SEOUL)


def receipt_picture(rng: random.Random) -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (48, 64), (rng.randrange(200, 255),) * 3).save(out, format="PNG")
    return SimpleUploadedFile("영수증.png", out.getvalue(), content_type="image/png")


def execute(project: Project, staff: User, rng: random.Random) -> None:
    """Spending through the year (one project in nine under-spends, none over), notes, outcome."""
    end = at(date(YEAR, 12, 20))
    projects.change_project_status(
        project=project,
        status=ProjectStatus.IN_PROGRESS,
        staff=staff,
        now=at(date(YEAR, 3, 2)),
        ip=IP,
    )
    target = project.budget * (
        rng.uniform(0.35, 0.8) if rng.random() < 0.12 else rng.uniform(0.86, 1.0)
    )
    entries = rng.randint(2, 5)
    shares = [rng.random() + 0.3 for _ in range(entries)]
    for number, share in enumerate(shares):
        amount = int(target * share / sum(shares)) // 1000 * 1000
        if amount <= 0:
            continue
        spent_on = date(YEAR, 3 + number * 2, rng.randint(1, 28))
        spending.record_spending(
            project=project,
            spent_on=spent_on,
            amount=amount,
            payee=rng.choice(PAYEES),
            purpose=rng.choice(PURPOSES),
            receipt=receipt_picture(rng) if rng.random() < 0.4 else None,
            staff=staff,
            now=at(spent_on, 15),
            ip=IP,
        )
    photo, photo_alt = (
        demo_upload(project.title) if has_demo_photo(project.title, one_in=3) else (None, "")
    )
    progress.add_progress_update(
        project=project,
        body=f"{project.title}: 주민 {rng.randint(15, 120)}명이 함께했습니다.",
        photo=photo,
        photo_alt=photo_alt,
        staff=staff,
        now=at(date(YEAR, 9, 15)),
        ip=IP,
    )
    projects.change_project_status(
        project=project, status=ProjectStatus.DONE, staff=staff, now=at(date(YEAR, 11, 20)), ip=IP
    )
    projects.write_outcome(
        project=project,
        outcome=f"참여 주민 만족도 {rng.randint(82, 97)}%. 내년에도 이어 가기를 바랍니다.",
        staff=staff,
        now=end,
        ip=IP,
    )
