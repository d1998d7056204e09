"""The PDF layout gives a real A4 document whose Korean text a reader can extract."""

from io import BytesIO

from PIL import Image
from pypdf import PdfReader

from maeul.core.pdf import Document


def _png() -> bytes:
    out = BytesIO()
    Image.new("RGB", (120, 60), (30, 90, 160)).save(out, "PNG")
    return out.getvalue()


def _read(data: bytes) -> PdfReader:
    assert data.startswith(b"%PDF-")
    return PdfReader(BytesIO(data))


def test_korean_text_is_embedded_and_extractable() -> None:
    document = Document(title="봉사활동 확인서", footer="금천구 자원봉사센터")
    document.heading("봉사활동 확인서")
    document.key_values([("활동", "독산1동 캠프 환경정리"), ("봉사시간", "12시간")])
    document.paragraph("위와 같이 봉사활동을 하였음을 확인합니다.")
    reader = _read(document.to_bytes())

    text = reader.pages[0].extract_text()
    for words in ("봉사활동 확인서", "독산1동 캠프 환경정리", "12시간", "확인합니다", "1 / 1"):
        assert words in text
    assert reader.metadata is not None and reader.metadata.title == "봉사활동 확인서"
    assert round(float(reader.pages[0].mediabox.width)) == 595  # A4: 210 mm in points


def test_a_long_table_repeats_its_header_on_each_page() -> None:
    document = Document(title="집행 내역")
    rows = [[f"{day}일", "마을 텃밭 가꾸기 재료 구입", f"{day * 1000:,}"] for day in range(1, 91)]
    document.table(["일자", "내역", "금액(원)"], rows, widths=(25, 110, 35), align="LLR")
    reader = _read(document.to_bytes())

    assert len(reader.pages) > 1
    for page in reader.pages:
        assert "금액(원)" in page.extract_text()
    assert "90,000" in reader.pages[-1].extract_text()


def test_an_image_is_placed_with_its_alternative_text() -> None:
    document = Document(title="사진")
    document.image(_png(), alt="독산4동 마을 텃밭의 수확 모습")
    data = document.to_bytes()

    assert b"/Subtype /Image" in data
    alt = "독산4동 마을 텃밭의 수확 모습".encode("utf-16-be").hex()
    assert f"/Alt <feff{alt}>".encode() in data  # a tagged figure that screen readers announce
