"""The report as a Word document, for evaluators who edit their reports in Word.

It is made from the same HTML as the PDF (``render.render_html``), so the two never drift apart. Headings,
paragraphs, lists, quotes and tables become Word's own (tables keep their merged cells and repeat their header
row on every page); a figure (our SVG) becomes its caption with a note that the PDF holds the drawing. Word
cannot show our SVG and the text stays the part evaluators edit.
"""

import io
import re

from django.utils import translation
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from lxml import html as lxml_html

from .render import render_html

BLOCKS = {"p", "h1", "h2", "h3", "h4", "ul", "ol", "table", "blockquote", "figure", "section", "div", "nav", "svg"}
GREY = RGBColor(0x55, 0x55, 0x55)


def render_docx(snapshot: dict) -> bytes:
    """The Word document of a snapshot."""
    page = lxml_html.document_fromstring(render_html(snapshot))
    document = Document()
    document.styles["Normal"].font.size = Pt(10.5)
    # Word keeps at most 255 characters here (a synthesis of several long names would be refused)
    document.core_properties.title = _clean(page.findtext(".//title") or "")[:255]
    document.core_properties.author = _clean(page.xpath("string(//meta[@name='author']/@content)"))[:255]
    document.core_properties.language = snapshot["language"]
    with translation.override(snapshot["language"]):
        _Writer(document).blocks(page.body)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


class _Writer:
    def __init__(self, document):
        self.document = document

    def blocks(self, element) -> None:
        """Write the children of a block element; loose text and inline runs between blocks become paragraphs."""
        loose = []
        for child in _children(element):
            if isinstance(child, str) or child.tag not in BLOCKS:
                loose.append(child)
                continue
            self._loose(loose)
            loose = []
            self.block(child)
        self._loose(loose)

    def block(self, element) -> None:
        tag, classes = element.tag, set(element.get("class", "").split())
        if tag == "nav":
            return  # the table of contents: Word makes its own from the headings
        if tag in {"h1", "h2", "h3", "h4"}:
            level = 0 if "cover-title" in classes else int(tag[1]) - 1
            self.document.add_heading(_text(element), level=level)
        elif tag == "p":
            paragraph = self.document.add_paragraph()
            self.inline(paragraph, element)
            if "mark" in classes:  # "computed" or "written": keep the reader told which is which
                for run in paragraph.runs:
                    run.italic, run.font.color.rgb = True, GREY
        elif tag in {"ul", "ol"}:
            style = "List Number" if tag == "ol" else "List Bullet"
            for item in element.iterchildren("li"):
                self.inline(self.document.add_paragraph(style=style), item)
        elif tag == "blockquote":
            paragraph = self.document.add_paragraph(style="Quote")
            self.inline(paragraph, element)
        elif tag == "table":
            self.table(element)
        elif tag == "figure":
            caption = element.find(".//figcaption")
            label = _text(caption) if caption is not None else _("Figure")
            paragraph = self.document.add_paragraph()
            paragraph.add_run(_("Figure: %(caption)s (drawn in the PDF version)") % {"caption": label}).italic = True
        elif tag == "svg":
            paragraph = self.document.add_paragraph()
            label = _clean(element.get("aria-label") or "") or _("Figure")
            paragraph.add_run(_("Figure: %(caption)s (drawn in the PDF version)") % {"caption": label}).italic = True
        else:  # section, div: their children
            self.blocks(element)
        if tag == "section" and "cover" in classes:
            self.document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def _loose(self, parts) -> None:
        if any(part.strip() if isinstance(part, str) else _text(part) for part in parts):
            paragraph = self.document.add_paragraph()
            for part in parts:
                if isinstance(part, str):
                    paragraph.add_run(_squash(part))
                else:
                    self._run(paragraph, part, bold=False, italic=False)

    def inline(self, paragraph, element) -> None:
        if element.text:
            paragraph.add_run(_squash(element.text))
        for child in element:
            self._run(paragraph, child, bold=False, italic=False)
            if child.tail:
                paragraph.add_run(_squash(child.tail))

    def _run(self, paragraph, element, *, bold: bool, italic: bool) -> None:
        if not isinstance(element.tag, str):
            return  # a comment
        if element.tag == "br":
            paragraph.add_run().add_break()
            return
        if element.tag in {"ul", "ol", "svg"}:
            return  # nested lists and figures in a cell: rare in our templates, and never the text that matters
        bold = bold or element.tag in {"strong", "b", "th"}
        italic = italic or element.tag in {"em", "i"} or "illustrative" in element.get("class", "")
        if element.text:
            run = paragraph.add_run(_squash(element.text))
            run.bold, run.italic = bold or None, italic or None
        for child in element:
            self._run(paragraph, child, bold=bold, italic=italic)
            if child.tail:
                run = paragraph.add_run(_squash(child.tail))
                run.bold, run.italic = bold or None, italic or None

    def cell(self, target, cell) -> None:
        """A table cell: its paragraphs and list items as paragraphs of the cell, or its inline text."""
        bold = cell.tag == "th"
        blocks = [child for child in cell if child.tag in {"p", "ul", "ol", "blockquote"}]
        if not blocks:
            self.inline(target.paragraphs[0], cell)
            if bold:
                for run in target.paragraphs[0].runs:
                    run.bold = True
            return
        paragraphs = iter([target.paragraphs[0]])

        def next_paragraph():
            return next(paragraphs, None) or target.add_paragraph()

        for block in blocks:
            if block.tag in {"ul", "ol"}:
                for number, item in enumerate(block.iterchildren("li"), start=1):
                    paragraph = next_paragraph()
                    paragraph.add_run(f"{number}. " if block.tag == "ol" else "• ")
                    self._run(paragraph, item, bold=bold, italic=False)
            else:
                self._run(next_paragraph(), block, bold=bold, italic=False)

    def table(self, element) -> None:
        rows = list(element.iter("tr"))
        if not rows:
            return
        width = max(sum(int(cell.get("colspan", 1)) for cell in row if cell.tag in {"td", "th"}) for row in rows)
        table = self.document.add_table(rows=0, cols=width)
        table.style = "Table Grid"
        for row in rows:
            # row by row: python-docx's table.cell() lays out the whole table again on every call
            cells = table.add_row().cells
            column = 0
            for cell in row:
                if cell.tag not in {"td", "th"}:
                    continue
                span = int(cell.get("colspan", 1))
                target = cells[column] if span == 1 else cells[column].merge(cells[column + span - 1])
                self.cell(target, cell)
                column += span
        header = element.find("thead")
        if header is not None:
            for r in range(len(header.findall("tr"))):
                _repeat_as_header(table.rows[r])


def _repeat_as_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    properties.append(marker)


def _children(element):
    if element.text and element.text.strip():
        yield element.text
    for child in element:
        if isinstance(child.tag, str):
            yield child
        if child.tail and child.tail.strip():
            yield child.tail


def _text(element) -> str:
    return _squash(element.text_content()).strip()


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", _clean(text))


# Characters XML cannot hold (a bell or a form feed pasted into a text): Word's XML would be refused whole.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return NOT_XML.sub("", text)
