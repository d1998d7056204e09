"""A dong's yearly booklet (동단위 기록물) handed out at the 성과공유회: the year's plan
(its projects), the results shared (each project's outcome), spending (the 집행률 table of the
plans app, in 천원) and the records of the year with their photos.

Korean whatever the reader's language (the view sets it), laid out by `core/pdf.py`.
"""

from datetime import datetime

from django.utils import timezone

from maeul.archive.dong_page import booklet_records, dong_overview
from maeul.archive.models import RecordPhoto
from maeul.core.money import format_rate, format_thousands
from maeul.core.pdf import Document
from maeul.places.models import Dong
from maeul.plans.accountability import public_projects

PHOTOS_PER_RECORD = 2
MAX_PHOTO_BYTES = 10 * 1024 * 1024


def _photo_bytes(photo: RecordPhoto) -> bytes | None:
    """The stored photo's bytes (private storage: the booklet holds published records only),
    or None when the file is missing (the booklet goes on)."""
    try:
        with photo.image.storage.open(photo.image.name, "rb") as handle:
            data: bytes = handle.read(MAX_PHOTO_BYTES)
            return data
    except OSError:
        return None


def booklet_pdf(dong: Dong, *, year: int, now: datetime) -> bytes:
    overview = dong_overview(dong, now=now, year=year)
    table = overview.projects
    rows = table.rows if table else []
    place = f"{dong.district.name} {dong.name}"
    document = Document(
        title=f"{place} {year} 마을 기록집",
        subject=f"{year} 성과공유회",
        footer=f"{place} · {year} 성과공유회",
    )
    document.heading(f"{place} {year} 마을 기록집")
    document.paragraph(
        f"{year}년 {dong.name} 주민들이 함께 계획하고 실행한 일, 나눈 성과, 쓴 예산과 "
        "남긴 마을기록을 한데 모았습니다.",
    )
    council = overview.council
    if council is not None:
        document.heading("주민자치회", level=2)
        facts = [("이름", council.name), ("위원 수", f"{len(overview.members)}명")]
        if overview.sections:
            facts.append(("분과", ", ".join(section.name for section in overview.sections)))
        document.key_values(facts)

    document.heading("자치계획: 실행사업", level=2)
    if rows:
        document.table(
            ["사업명", "분과", "상태"],
            [[row.title, row.section_name or "-", row.status_label] for row in rows],
            widths=(100, 35, 35),
        )
    else:
        document.paragraph("이 해의 공개된 실행사업이 없습니다.")

    outcomes = dict(
        public_projects()
        .filter(dong=dong, year=year)
        .exclude(outcome="")
        .values_list("pk", "outcome")
    )
    document.heading("성과공유", level=2)
    shared = [row for row in rows if row.pk in outcomes]
    for row in shared:
        document.heading(row.title, level=3)
        document.paragraph(outcomes[row.pk])
    if not shared:
        document.paragraph("아직 정리된 성과가 없습니다.")

    document.heading("예산 집행 (단위: 천원)", level=2)
    if rows and table is not None:
        body = [
            [
                row.title,
                format_thousands(row.budget),
                format_thousands(row.spent),
                format_rate(row.rate),
            ]
            for row in rows
        ]
        total = table.total
        body.append(
            [
                "합계",
                format_thousands(total.budget),
                format_thousands(total.spent),
                format_rate(total.rate),
            ]
        )
        document.table(
            ["사업명", "예산액", "집행액", "집행률"], body, widths=(85, 30, 30, 25), align="LRRR"
        )
    else:
        document.paragraph("집행 내역이 없습니다.")

    records = booklet_records(dong, year)
    document.heading("마을기록", level=2)
    if not records:
        document.paragraph("이 해의 마을기록이 없습니다.")
    for record in records:
        document.heading(record.title, level=3)
        if record.body:
            document.paragraph(record.body)
        for photo in list(record.photos.all())[:PHOTOS_PER_RECORD]:
            data = _photo_bytes(photo)
            if data is not None:
                document.image(data, alt=photo.alt, width=document.width * 0.6)
                document.paragraph(photo.alt, align="C", small=True)
        if record.video_url:
            document.paragraph(f"영상: {record.video_url}", small=True)
    made = timezone.localdate(now)
    document.paragraph(f"{made:%Y. %m. %d.} 마을 누리집에서 만들었습니다.", small=True)
    return document.to_bytes()
