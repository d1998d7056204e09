"""Korean PDF documents: certificates, booklets and other papers residents take away.

One small layout API over fpdf2, so every document Maeul prints looks the same: A4,
NanumSquare embedded as a subset (`core/fonts/`, so Korean renders on any machine), a
title, headings, paragraphs, label-value rows, tables with a header row that repeats
on each page, images with their alternative text, and page numbers.

    document = Document(title="봉사활동 확인서", subject="...")
    document.heading("봉사활동 확인서")
    document.key_values([("성명", "김마을"), ("봉사시간", "12시간")])
    document.table(["일자", "활동", "시간"], rows, widths=(30, 120, 30), align="LLR")
    return attachment(document.to_bytes(), PDF_TYPE, "VC-2026-7KQ4M2XA.pdf")

Text is laid out as given: the caller formats amounts and dates (`core/templatetags`
filters, `core/dates`). Nothing here reads a request or the database.
"""

import logging
from collections.abc import Sequence
from io import BytesIO
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import Align, TableBordersLayout, XPos, YPos
from fpdf.fonts import FontFace

PDF_TYPE = "application/pdf"

# fontTools reports every subsetting step at INFO; a served document is not news.
logging.getLogger("fontTools").setLevel(logging.WARNING)

_FONT_DIR = Path(__file__).resolve().parent / "fonts" / "nanum-square" / "20200506"
_FAMILY = "NanumSquare"
_TEXT_SIZE = 10.5
_HEADING_SIZES = {1: 18.0, 2: 14.0, 3: 12.0}
_LINE = 6.0  # mm per line of body text
_GREY = (90, 90, 90)


class _Pages(FPDF):
    footer_text = ""

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font(_FAMILY, "", 8.5)
        self.set_text_color(*_GREY)
        self.cell(0, 5, self.footer_text, align=Align.L)
        self.set_x(self.l_margin)
        self.cell(0, 5, f"{self.page_no()} / {{nb}}", align=Align.R)
        self.set_text_color(0, 0, 0)


class Document:
    """An A4 document laid out top to bottom; `to_bytes()` gives the finished PDF."""

    def __init__(self, *, title: str, subject: str = "", footer: str = "") -> None:
        pdf = _Pages(format="A4", unit="mm")
        pdf.footer_text = footer
        pdf.set_margins(20, 20, 20)
        pdf.set_auto_page_break(auto=True, margin=20)
        pdf.add_font(_FAMILY, "", str(_FONT_DIR / "NanumSquareR.ttf"))
        pdf.add_font(_FAMILY, "B", str(_FONT_DIR / "NanumSquareB.ttf"))
        pdf.set_title(title)
        pdf.set_subject(subject)
        pdf.set_author("마을")
        pdf.set_creator("Maeul")
        pdf.set_lang("ko")
        pdf.add_page()
        pdf.set_font(_FAMILY, "", _TEXT_SIZE)
        self._pdf = pdf

    @property
    def width(self) -> float:
        """The width of the text column in millimetres."""
        return float(self._pdf.epw)

    def heading(self, text: str, *, level: int = 1) -> None:
        pdf = self._pdf
        size = _HEADING_SIZES.get(level, _HEADING_SIZES[3])
        pdf.ln(2 if level > 1 else 0)
        pdf.set_font(_FAMILY, "B", size)
        pdf.multi_cell(0, size * 0.5, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(2)
        pdf.set_font(_FAMILY, "", _TEXT_SIZE)

    def paragraph(self, text: str, *, align: str = "J", small: bool = False) -> None:
        pdf = self._pdf
        if small:
            pdf.set_font(_FAMILY, "", 9)
            pdf.set_text_color(*_GREY)
        pdf.multi_cell(0, _LINE, text, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(1.5)
        pdf.set_font(_FAMILY, "", _TEXT_SIZE)
        pdf.set_text_color(0, 0, 0)

    def key_values(self, rows: Sequence[tuple[str, str]], *, label_width: float = 40) -> None:
        """Label-value rows without borders, as on a certificate."""
        with self._pdf.table(
            col_widths=(label_width, self.width - label_width),
            first_row_as_headings=False,
            borders_layout=TableBordersLayout.HORIZONTAL_LINES,
            line_height=_LINE + 1,
            padding=1.5,
        ) as table:
            for label, value in rows:
                row = table.row()
                row.cell(label, style=_bold())
                row.cell(value)
        self._pdf.ln(3)

    def table(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[str]],
        *,
        widths: Sequence[float] | None = None,
        align: str = "",
    ) -> None:
        """A table whose header row repeats on every page; `align` is one letter (L, C, R)
        per column, numbers right-aligned as officials read them."""
        aligns = tuple(align.ljust(len(header), "L")[: len(header)])
        with self._pdf.table(
            col_widths=tuple(widths) if widths else None,
            text_align=aligns,
            line_height=_LINE,
            padding=1.2,
            repeat_headings=1,
            headings_style=_bold(fill=(236, 240, 246)),
        ) as table:
            heading = table.row()
            for title in header:
                heading.cell(title)
            for values in rows:
                row = table.row()
                for value in values:
                    row.cell(value)
        self._pdf.ln(3)

    def image(self, data: bytes, *, alt: str, width: float | None = None) -> None:
        """A photo at most the column wide (or `width` mm), with its alternative text."""
        self._pdf.image(BytesIO(data), w=width or self.width * 0.8, x=Align.C, alt_text=alt)
        self._pdf.ln(3)

    def space(self, millimetres: float = 4) -> None:
        self._pdf.ln(millimetres)

    def page_break(self) -> None:
        self._pdf.add_page()

    def to_bytes(self) -> bytes:
        return bytes(self._pdf.output())


def _bold(fill: tuple[int, int, int] | None = None) -> FontFace:
    return FontFace(family=_FAMILY, emphasis="BOLD", fill_color=fill)
