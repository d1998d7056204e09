"""Attachments: judged by their bytes, images re-encoded without metadata, nothing half-stored."""

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from maeul.core.errors import RuleViolation
from maeul.proposals.attachments import MAX_BYTES, check_upload, check_uploads
from maeul.proposals.models import Attachment, Proposal
from maeul.proposals.services.writing import submit_proposal
from tests.korean import korean

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
GPS_IFD = 0x8825


def png_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (40, 30), (30, 120, 200))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (37.0, 27.0, 30.0), 3: "E", 4: (126.0, 54.0, 10.0)})
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def upload(name: str, data: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def stored_files(root: Path) -> list[Path]:
    return [path for path in root.rglob("*") if path.is_file()]


def test_the_jpeg_fixture_really_carries_gps():
    with Image.open(io.BytesIO(jpeg_with_gps())) as image:
        assert image.getexif().get_ifd(GPS_IFD)


def test_png_is_accepted_and_re_encoded():
    checked = check_upload(upload("photo.png", png_bytes(), "image/png"))

    assert checked.kind == "image"
    with Image.open(io.BytesIO(checked.content.read())) as image:
        assert image.size == (40, 30)


def test_jpeg_is_stored_without_exif(_media, proposal):
    checked = check_upload(upload("골목.jpg", jpeg_with_gps(), "image/jpeg"))
    attachment = Attachment.objects.create(
        proposal=proposal,
        file=checked.content,
        kind=checked.kind,
        original_name=checked.original_name,
        size=checked.size,
        created_at=proposal.created_at,
    )

    data = Path(attachment.file.path).read_bytes()
    assert b"PhoneMaker" not in data
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "JPEG"
        assert not image.getexif()
        assert "exif" not in image.info
    assert attachment.original_name == "골목.jpg"
    assert attachment.size == len(data)


def test_pdf_is_accepted_as_it_is():
    checked = check_upload(upload("계획서.pdf", PDF, "application/pdf"))

    assert checked.kind == "pdf"
    assert checked.content.read() == PDF
    assert checked.content.name.endswith(".pdf")


def test_an_executable_named_pdf_is_refused():
    with pytest.raises(RuleViolation) as refused:
        check_upload(upload("report.pdf", b"MZ\x90\x00" + b"\x00" * 200, "application/pdf"))

    assert refused.value.code == "bad_type"
    assert refused.value.message == korean(
        "%(name)s is not an image or a PDF file.", name="report.pdf"
    )


def test_text_named_png_is_refused():
    with pytest.raises(RuleViolation) as refused:
        check_upload(upload("photo.png", b"just some text, not a picture", "image/png"))

    assert refused.value.code == "bad_type"


def test_a_png_header_on_garbage_is_refused():
    with pytest.raises(RuleViolation) as refused:
        check_upload(upload("photo.png", b"\x89PNG\r\n\x1a\n" + b"garbage" * 10, "image/png"))

    assert refused.value.code == "bad_file"


def test_a_truncated_pdf_is_refused():
    with pytest.raises(RuleViolation) as refused:
        check_upload(upload("half.pdf", PDF[:60], "application/pdf"))

    assert refused.value.code == "bad_type"


def test_one_byte_over_ten_megabytes_is_refused():
    data = PDF[:-7] + b" " * (MAX_BYTES - len(PDF) + 1) + PDF[-7:]
    assert len(data) == MAX_BYTES + 1

    with pytest.raises(RuleViolation) as refused:
        check_upload(upload("big.pdf", data, "application/pdf"))

    assert refused.value.code == "too_big"
    assert refused.value.message == korean("%(name)s is larger than 10 MB.", name="big.pdf")


def test_exactly_ten_megabytes_is_accepted():
    data = PDF[:-7] + b" " * (MAX_BYTES - len(PDF)) + PDF[-7:]
    assert len(data) == MAX_BYTES

    assert check_upload(upload("big.pdf", data)).size == MAX_BYTES


def test_six_files_are_refused():
    with pytest.raises(RuleViolation) as refused:
        check_uploads([upload(f"{n}.pdf", PDF) for n in range(6)])

    assert refused.value.code == "too_many"
    assert refused.value.message == korean("You can attach up to 5 files.")


def test_a_file_that_was_read_before_is_checked_from_its_start():
    uploaded = upload("계획서.pdf", PDF)
    uploaded.read()  # as a form field might

    assert check_upload(uploaded).kind == "pdf"


def test_upload_name_never_becomes_the_stored_path(_media, proposal):
    checked = check_upload(upload("../../app/settings.py", PDF))
    attachment = Attachment.objects.create(
        proposal=proposal,
        file=checked.content,
        kind=checked.kind,
        original_name=checked.original_name,
        size=checked.size,
        created_at=proposal.created_at,
    )

    assert "settings" not in attachment.file.name
    assert ".." not in attachment.file.name
    assert attachment.file.name.startswith("proposals/")
    assert Path(attachment.file.path).resolve().is_relative_to(_media.resolve())
    assert "/" not in checked.original_name


@pytest.fixture
def submit(resident, geumcheon, doksan1, categories, now):
    def submit(files):
        return submit_proposal(
            author=resident,
            district=geumcheon,
            dong=doksan1,
            category=categories["환경"],
            title="하천 산책로에 쓰레기통을 놓아 주세요",
            body="주말마다 쓰레기가 쌓입니다.",
            files=files,
            now=now,
        )

    return submit


def test_proposal_with_good_files_stores_them(submit, _media):
    files = check_uploads(
        [upload("a.png", png_bytes()), upload("b.jpg", jpeg_with_gps()), upload("c.pdf", PDF)]
    )

    proposal = submit(files)

    assert [a.kind for a in proposal.attachments.all()] == ["image", "image", "pdf"]
    assert len(stored_files(_media)) == 3


def test_one_bad_file_among_good_ones_stores_nothing(submit, _media):
    uploads = [
        upload("a.png", png_bytes()),
        upload("report.pdf", b"MZ" + b"\x00" * 100),
        upload("c.pdf", PDF),
    ]

    with pytest.raises(RuleViolation):
        submit(check_uploads(uploads))

    assert not Proposal.objects.exists()
    assert not Attachment.objects.exists()
    assert stored_files(_media) == []


def test_service_refuses_more_than_five_files(submit, _media):
    files = [check_upload(upload(f"{n}.pdf", PDF)) for n in range(6)]

    with pytest.raises(RuleViolation):
        submit(files)

    assert not Proposal.objects.exists()
    assert stored_files(_media) == []


def test_a_failure_after_the_files_were_written_removes_them(submit, _media, monkeypatch):
    def broken_index(proposal):
        raise RuntimeError("search index unavailable")

    monkeypatch.setattr("maeul.proposals.services.writing.index_proposal", broken_index)
    files = check_uploads([upload("a.png", png_bytes()), upload("c.pdf", PDF)])

    with pytest.raises(RuntimeError):
        submit(files)

    assert not Proposal.objects.exists()
    assert not Attachment.objects.exists()
    assert stored_files(_media) == []
