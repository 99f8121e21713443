"""The report PDF's structure tree, as a screen reader meets it (PDF/UA-1, and the same tags in PDF/A-3a): every
figure has its text alternative, the running header and page numbers are page furniture (artifacts), and every
table header cell says what it heads. Read with pypdf, walking the tree from the catalogue as a validator does."""

import io
import re
from dataclasses import dataclass, field

import pytest
from lxml import html
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from reports import services
from reports.models import ReportRequest
from reports.render import render_html, render_pdf

from .test_word_document import indicator_in_two_waves


@dataclass
class Element:
    role: str
    attributes: dict
    alt: str | None
    mcids: list[tuple[int, int]] = field(default_factory=list)  # (page, MCID) of its own content
    kids: list["Element"] = field(default_factory=list)

    def walk(self):
        yield self
        for kid in self.kids:
            yield from kid.walk()

    def all_mcids(self):
        return [mcid for element in self.walk() for mcid in element.mcids]


def structure(data: bytes) -> tuple[Element, PdfReader]:
    """The structure tree from the catalogue's StructTreeRoot down, each element's MCIDs with their page."""
    reader = PdfReader(io.BytesIO(data))
    pages = {page.indirect_reference.idnum: number for number, page in enumerate(reader.pages)}

    def kids_of(node) -> list:
        kids = node.get("/K")
        if kids is None:
            return []
        kids = kids.get_object()
        return list(kids) if isinstance(kids, ArrayObject) else [kids]

    def build(node, page) -> Element:
        node = node.get_object()
        page = pages[node.raw_get("/Pg").idnum] if "/Pg" in node else page
        attributes = node.get("/A")
        element = Element(
            role=str(node.get("/S")),
            attributes=dict(attributes.get_object()) if attributes else {},
            alt=str(node["/Alt"]) if "/Alt" in node else None,
        )
        for kid in kids_of(node):
            target = kid.get_object() if isinstance(kid, IndirectObject) else kid
            if isinstance(target, int):
                element.mcids.append((page, int(target)))
            elif isinstance(target, DictionaryObject) and target.get("/Type") == "/MCR":
                on = pages[target.raw_get("/Pg").idnum] if "/Pg" in target else page
                element.mcids.append((on, int(target["/MCID"])))
            elif isinstance(target, DictionaryObject) and "/S" in target:
                element.kids.append(build(kid, page))
        return element

    root = reader.trailer["/Root"]["/StructTreeRoot"]
    return Element("Root", {}, None, kids=[build(kid, None) for kid in kids_of(root)]), reader


def marked_runs(reader: PdfReader, number: int) -> list[tuple[str, list[tuple[str, dict]]]]:
    """The page's text runs, each with the marked-content sequences it is drawn in (tag, properties)."""
    stack: list[tuple[str, dict]] = []
    runs = []

    def before(operator, operands, cm, tm):
        if operator == b"BDC":
            properties = operands[1].get_object() if len(operands) > 1 else {}
            stack.append((str(operands[0]), dict(properties) if isinstance(properties, DictionaryObject) else {}))
        elif operator == b"BMC":
            stack.append((str(operands[0]), {}))
        elif operator == b"EMC":
            stack.pop()

    def text(content, cm, tm, font, size):
        if content.strip():
            runs.append((content.strip(), list(stack)))

    reader.pages[number].extract_text(visitor_operand_before=before, visitor_text=text)
    return runs


def mcid_texts(reader: PdfReader) -> dict[tuple[int, int], str]:
    texts: dict[tuple[int, int], str] = {}
    for number in range(len(reader.pages)):
        for content, stack in marked_runs(reader, number):
            mcid = next((properties["/MCID"] for _tag, properties in reversed(stack) if "/MCID" in properties), None)
            if mcid is not None:
                texts[(number, int(mcid))] = (texts.get((number, int(mcid)), "") + " " + content).strip()
    return texts


@pytest.fixture
def report(world):
    indicator_in_two_waves(world.home)
    report = services.report_request(initiative=world.home, by=world.evaluator, language="da", enqueue=False)
    services.report_generate(report=report)
    return ReportRequest.objects.get(pk=report.pk)


@pytest.fixture
def pdf(report) -> bytes:
    """The report's PDF as the service wrote it: PDF/UA-1."""
    with report.output.open("rb") as output:
        return output.read()


def test_every_figure_carries_its_chart_s_text_alternative_and_the_caption_is_one(report, pdf):
    tree, reader = structure(pdf)
    figures = [element for element in tree.walk() if element.role == "/Figure"]
    # the four levels and the two indicator series, each with the <title> its SVG has, in the order of the report
    assert [figure.alt for figure in figures] == figure_descriptions(report)
    assert figures[0].alt.startswith("De fire forandringsniveauer, fra venstre mod højre")
    assert figures[1].alt.startswith("Elever der trives: søjlediagram med værdien i hver runde. 2017: 51,2\u00a0%")
    assert figures[1].alt.endswith("Mål: 60,0\u00a0%.")
    # the four levels' caption is tagged as one
    texts = mcid_texts(reader)
    captions = [" ".join(texts[mcid] for mcid in element.all_mcids()) for element in tree.walk()
                if element.role == "/Caption"]  # fmt: skip
    assert captions == ["De fire forandringsniveauer"]


def figure_descriptions(report) -> list[str]:
    page = html.document_fromstring(render_html(report.snapshot))
    described = [svg.findtext("title") for svg in page.iter("svg")]
    assert len(described) == 3
    return described


def test_running_header_and_page_numbers_are_pagination_artifacts_not_tagged_text(pdf):
    tree, reader = structure(pdf)
    assert_furniture_is_artifacts(tree, reader)


def assert_furniture_is_artifacts(tree: Element, reader: PdfReader) -> None:
    pages = len(reader.pages)
    for number in range(1, pages):  # the cover has no running header
        runs = marked_runs(reader, number)
        furniture = [(text, stack) for text, stack in runs if text in ("+DIG", f"{number + 1} / {pages}")]
        assert [text for text, _stack in furniture] == ["+DIG", f"{number + 1} / {pages}"], number
        for text, stack in furniture:
            assert stack == [("/Artifact", {"/Type": "/Pagination"})], (number, text)
    # every tagged sequence belongs to an element of the tree, once, and the parent tree lists exactly those
    tagged = tree.all_mcids()
    assert len(tagged) == len(set(tagged))
    assert set(mcid_texts(reader)) <= set(tagged)
    parent_tree = reader.trailer["/Root"]["/StructTreeRoot"]["/ParentTree"].get_object()["/Nums"]
    for key, parents in zip(parent_tree[::2], parent_tree[1::2], strict=True):
        if key < pages:
            assert len(parents.get_object()) == len([mcid for mcid in tagged if mcid[0] == key]), key


def test_every_table_header_cell_says_whether_it_heads_a_column_or_a_row(report, pdf):
    tree, reader = structure(pdf)
    texts = mcid_texts(reader)
    headers = [(element.attributes.get("/O"), element.attributes.get("/Scope"),
                " ".join(texts.get(mcid, "") for mcid in element.all_mcids()))
               for element in tree.walk() if element.role == "/TH"]  # fmt: skip
    assert {(owner, scope) for owner, scope, _text in headers} == {("/Table", "/Column"), ("/Table", "/Row")}
    rows = [text for _owner, scope, text in headers if scope == "/Row"]
    assert "Informanter i alt" in rows
    # the six elements each head their row
    elements = [f"{element['number']}. {element['name']}" for element in report.snapshot["elements"]]
    assert len(elements) == 6
    assert [text for text in rows if re.match(r"\d\. ", text)] == elements
    columns = [text for _owner, scope, text in headers if scope == "/Column"]
    assert "Informanter" in columns


def test_the_archival_pdf_a_3a_has_the_same_tags(report):
    tree, reader = structure(render_pdf(report.snapshot, archival=True))
    assert [element.alt for element in tree.walk() if element.role == "/Figure"] == figure_descriptions(report)
    assert_furniture_is_artifacts(tree, reader)
    assert all("/Scope" in element.attributes for element in tree.walk() if element.role == "/TH")
