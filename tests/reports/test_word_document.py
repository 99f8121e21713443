"""The Word copy of a report: every figure's numbers as a Word table, the report's language, and properties that
name the report, its author and when it was made."""

import datetime
import io
import zipfile

import pytest
from django.utils import timezone
from docx import Document
from docx.oxml.ns import qn
from lxml import etree, html

from measurement.models import Indicator, Observation
from reports import services
from reports.models import ReportRequest
from reports.render import render_html

from .. import factories
from .test_reports import docx_text

NBSP = "\u00a0"


def indicator_in_two_waves(initiative) -> Indicator:
    """A proportion with a target of 60 %, measured in 2017 and 2019 for everyone and for one school."""
    survey = factories.SurveyFactory(initiative=initiative, name="Trivselsmåling")
    first = factories.WaveFactory(survey=survey, name="2017")
    second = factories.WaveFactory(survey=survey, name="2019")
    indicator = factories.IndicatorFactory(
        initiative=initiative, survey=survey, name="Elever der trives", unit="proportion", target_value=0.6
    )
    rows = [(first, "all", 0.5123, 1234, 632), (second, "all", 0.6, 1250, 750),
            (first, "skole: Bakkeskolen", 0.455, 211, 96), (second, "skole: Bakkeskolen", 0.5, 198, 99)]  # fmt: skip
    for wave, group, value, n, numerator in rows:
        Observation.objects.create(initiative=initiative, indicator=indicator, wave=wave, group=group, value=value,
                                   n=n, numerator=numerator)  # fmt: skip
    return indicator


@pytest.fixture
def danish_report(world):
    indicator_in_two_waves(world.home)
    world.evaluator.first_name, world.evaluator.last_name = "Karen", "Holm"
    world.evaluator.save()
    report = services.report_request(initiative=world.home, by=world.evaluator, language="da", enqueue=False)
    services.report_generate(report=report)
    return ReportRequest.objects.get(pk=report.pk)


def paragraphs_and_tables(document):
    """The body's paragraphs (style, text) and tables (rows of cell texts), in the order the document holds them."""
    body = []
    for block in document.element.body.iterchildren():
        if block.tag == qn("w:p"):
            body.append(("p", "".join(node.text or "" for node in block.iter(qn("w:t")))))
        elif block.tag == qn("w:tbl"):
            rows = [["".join(t.text or "" for t in cell.iter(qn("w:t"))) for cell in row.iter(qn("w:tc"))]
                    for row in block.iter(qn("w:tr"))]  # fmt: skip
            body.append(("table", rows))
    return body


def test_level_3_holds_each_indicator_value_per_wave_with_n_target_and_verdict_in_danish(danish_report):
    document = Document(danish_report.document.path)
    body = paragraphs_and_tables(document)
    level3 = body.index(("p", "Niveau 3: befolkningsforandringer"))
    figures = [
        (text, body[index + 1][1])
        for index, (kind, text) in enumerate(body[level3:], start=level3)
        if kind == "p" and text.startswith("Figur: Elever der trives")
    ]
    # a figure per series: its caption, then the table of its numbers
    assert figures == [
        ("Figur: Elever der trives", [
            ["Runde", "Andel", "Besvarelser (n)"],
            ["2017", f"51,2{NBSP}%", "1.234"],
            ["2019", f"60,0{NBSP}%", "1.250"],
            ["Mål", f"60,0{NBSP}%", ""],
        ]),
        ("Figur: Elever der trives · skole: Bakkeskolen", [
            ["Runde", "Andel", "Besvarelser (n)"],
            ["2017", f"45,5{NBSP}%", "211"],
            ["2019", f"50,0{NBSP}%", "198"],
            ["Mål", f"60,0{NBSP}%", ""],
        ]),
    ]  # fmt: skip
    # each with the verdict the snapshot holds
    verdicts = [series["verdict_label"] for series in danish_report.snapshot["indicators"]]
    assert len(verdicts) == 2
    for verdict in verdicts:
        assert any(kind == "p" and verdict in text for kind, text in body[level3:])
    # the header row is marked as a header that repeats on every page
    captions = [p for p in document.paragraphs if p.text.startswith("Figur: Elever der trives")]
    assert [p.style.name for p in captions] == ["Caption", "Caption"]
    tables = [t for t in document.tables if t.rows[0].cells[0].text == "Runde"]
    assert len(tables) == 2
    for table in tables:
        assert table.rows[0]._tr.xpath("./w:trPr/w:tblHeader")
        assert not table.rows[1]._tr.xpath("./w:trPr/w:tblHeader")


def test_every_figure_is_a_caption_and_a_table_never_a_note_about_the_pdf(danish_report):
    paragraphs, tables = docx_text(danish_report.document.path)
    assert not [text for _, text in paragraphs if "tegnet i PDF" in text or "PDF-udgaven" in text]
    # the four levels of change, as a table of the levels
    body = paragraphs_and_tables(Document(danish_report.document.path))
    caption = body.index(("p", "Figur: De fire forandringsniveauer"))
    assert body[caption + 1] == ("table", [
        ["Niveau", "Beskrivelse"],
        ["Niveau 0", "Implementering af de seks elementer"],
        ["Niveau 1", "Tidlige forandringer"],
        ["Niveau 2", "Systemforandringer"],
        ["Niveau 3", "Befolkningsforandringer"],
    ])  # fmt: skip


def test_every_chart_of_the_report_carries_the_numbers_word_shows(danish_report):
    # Declared once: a chart added to the PDF without its numbers would leave the Word copy without them
    page = html.document_fromstring(render_html(danish_report.snapshot))
    charts = page.xpath("//svg | //img")
    assert len(charts) == 3  # the four levels and the two indicator series
    assert [chart.get("aria-label") or chart.get("alt") for chart in charts if not chart.get("data-numbers")] == []


def test_the_document_speaks_danish_and_names_the_report_its_author_and_today(danish_report):
    document = Document(danish_report.document.path)
    properties = document.core_properties
    assert properties.title == "Erfaringsopsamling: +DIG"
    assert properties.author == "Karen Holm"
    assert properties.language == "da-DK"
    assert properties.comments == ""
    made = properties.created.replace(tzinfo=datetime.UTC)
    assert abs(timezone.now() - made) < datetime.timedelta(minutes=5)
    assert properties.modified == properties.created
    # Word's defaults, every style and every run say Danish
    styles = document.styles.element
    default = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    assert default.get(qn("w:val")) == "da-DK"
    runs = list(document.element.body.iter(qn("w:r")))
    assert runs
    assert {run.find(f"{qn('w:rPr')}/{qn('w:lang')}").get(qn("w:val")) for run in runs} == {"da-DK"}
    # and no part of the package says American English any more
    with zipfile.ZipFile(danish_report.document.path) as package:
        for name in package.namelist():
            if name.endswith(".xml"):
                marks = etree.fromstring(package.read(name)).iter(qn("w:lang"), qn("w:themeFontLang"))
                assert {mark.get(qn("w:val")) for mark in marks} <= {"da-DK"}, name


def test_an_english_report_is_british_english_with_english_numbers(world):
    indicator_in_two_waves(world.home)
    report = services.report_request(initiative=world.home, by=None, language="en", enqueue=False)
    services.report_generate(report=report)
    document = Document(io.BytesIO(ReportRequest.objects.get(pk=report.pk).document.read()))
    assert document.core_properties.language == "en-GB"
    assert document.core_properties.author == "+DIG"  # no one asked (the command line): the initiative
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Wave")
    assert [[cell.text for cell in row.cells] for row in table.rows][:2] == [
        ["Wave", "Proportion", "Answers (n)"],
        ["2017", "51.2%", "1,234"],
    ]


def test_a_count_in_whole_numbers_keeps_no_decimals_and_danish_thousands(world):
    survey = factories.SurveyFactory(initiative=world.home)
    indicator = factories.IndicatorFactory(initiative=world.home, survey=survey, name="Deltagere i idræt",
                                           unit="count", target_value=1500)  # fmt: skip
    for name, value in (("2017", 1200), ("2019", 1350)):
        wave = factories.WaveFactory(survey=survey, name=name)
        Observation.objects.create(initiative=world.home, indicator=indicator, wave=wave, value=value, n=2400)
    report = services.report_request(initiative=world.home, by=world.evaluator, language="da", enqueue=False)
    services.report_generate(report=report)
    body = paragraphs_and_tables(Document(ReportRequest.objects.get(pk=report.pk).document.path))
    caption = body.index(("p", "Figur: Deltagere i idræt"))
    assert body[caption + 1] == ("table", [
        ["Runde", "Antal", "Besvarelser (n)"],
        ["2017", "1.200", "2.400"],
        ["2019", "1.350", "2.400"],
        ["Mål", "1.500", ""],
    ])  # fmt: skip


def test_each_figure_s_table_is_titled_by_its_caption_and_described_by_the_chart_s_text_alternative(danish_report):
    document = Document(danish_report.document.path)
    page = html.document_fromstring(render_html(danish_report.snapshot))
    described = [svg.findtext("title") for svg in page.iter("svg")]
    figures = []
    for table in document.tables:
        properties = table._tbl.tblPr
        caption, description = properties.find(qn("w:tblCaption")), properties.find(qn("w:tblDescription"))
        if caption is not None:
            figures.append((caption.get(qn("w:val")), description.get(qn("w:val"))))
    # Word's "Alt Text" of a table: the figure's caption as its title, the text the PDF gives its figure as /Alt
    assert figures == [
        ("De fire forandringsniveauer", described[0]),
        ("Elever der trives", described[1]),
        ("Elever der trives · skole: Bakkeskolen", described[2]),
    ]
    assert described[2].startswith("Elever der trives · skole: Bakkeskolen: søjlediagram med værdien i hver runde.")
    # the elements sit where Word's schema has them: last in the table's properties, after w:tblLook
    tags = [etree.QName(child).localname for child in document.tables[0]._tbl.tblPr]
    assert tags[-3:] == ["tblLook", "tblCaption", "tblDescription"]
