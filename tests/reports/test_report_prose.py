"""The experience report reads like the seed reports: each section opens with its prose, what is missing is said
once in a sentence, written and computed parts are told apart once, and the chapters flow without orphans."""

import copy
import io
import re

import pytest
from django.utils import translation
from django.utils.html import escape
from pypdf import PdfReader

from home.demo import demo_load
from initiatives.models import Initiative
from reports import services
from reports.models import Section
from reports.render import render_html, render_pdf
from reports.snapshot import experience_snapshot
from reports.standard_texts import standard_texts


def html_text(html: str) -> str:
    """The words of the HTML as a reader meets them (tags and line breaks gone)."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.fixture
def snapshot(world):
    report = services.report_request(initiative=world.home, by=world.evaluator, language="en", enqueue=False)
    return experience_snapshot(report=report)


def test_a_snapshot_without_texts_opens_every_section_with_its_standard_text_once(snapshot):
    snapshot = {**snapshot, "texts": {}}
    html = render_html(snapshot)
    for section, text in standard_texts("en").items():
        for paragraph in text.split("\n\n"):
            assert html.count(f"<p>{escape(paragraph)}</p>") == 1, section


def test_the_report_prints_its_own_texts_as_paragraphs_and_an_emptied_text_not_at_all(snapshot):
    texts = dict.fromkeys(Section.values, "")
    texts[Section.FOCUS] = "Our focus.\n\nA second paragraph."
    html = render_html({**snapshot, "texts": texts})
    assert html.count("<p>Our focus.</p>") == 1
    assert html.count("<p>A second paragraph.</p>") == 1
    for text in standard_texts("en").values():  # a text cleared on purpose does not come back
        assert text.split("\n\n")[0] not in html


def test_a_written_text_stands_instead_of_the_computed_part_when_asked(snapshot):
    html = render_html({**snapshot, "texts": {"level2": "Our own account."}, "replaced": ["level2"]})
    level2 = html[html.index('id="level2"') : html.index('id="level3"')]
    assert "Our own account." in level2
    assert "Volunteer readers" not in level2  # the ledger of system changes
    assert "Volunteer readers" in render_html({**snapshot, "replaced": []})


def test_written_and_computed_parts_are_told_apart_once(snapshot):
    html = render_html(snapshot)
    text = html_text(html)
    assert text.count("How to read the report") == 1
    assert text.count("thin blue line") == 1
    assert "Computed from the platform's data" not in text
    assert "Written by the evaluators" not in text
    assert html.count('class="computed"') > 1  # the marking itself, on each computed part


def test_unanswered_questions_are_named_once_in_one_sentence(snapshot):
    early = next(level for level in snapshot["levels"] if level["level"] == "early")
    answered = [answer for answer in early["answers"] if answer["answer"]]
    unanswered = [answer["question"] for answer in early["answers"] if not answer["answer"]]
    assert answered
    assert len(unanswered) >= 2  # the world's level has open questions beside its answer
    text = html_text(render_html(snapshot))
    assert "Not answered" not in text
    sentence = "The evaluators have not yet answered these questions: " + " ".join(unanswered)
    assert text.count(sentence) == 1
    assert text.count(answered[0]["question"]) == 1  # as the heading of its answer, not among the open ones


def test_a_level_without_a_single_answer_names_its_questions_and_one_never_assessed_says_so(snapshot):
    snapshot = copy.deepcopy(snapshot)
    for level in snapshot["levels"]:
        for answer in level["answers"]:
            answer["answer"] = ""
    snapshot["levels"] = [level for level in snapshot["levels"] if level["level"] != "population"]
    text = html_text(render_html(snapshot))
    assert text.count("which the evaluators have not yet answered:") == 2  # early and system changes
    assert text.count("The evaluators have not yet assessed this level.") == 1  # population changes


def test_empty_lists_are_said_in_a_sentence_not_as_a_numbered_item(snapshot):
    empty = {
        **snapshot,
        "learning_points": [],
        "system_changes": [],
        "tracks": [],
        "informants": [],
        "collaboration": {**snapshot["collaboration"], "ties": [], "reinforcing": [], "communication_reach": 0},
    }
    html = render_html(empty)
    text = html_text(html)
    assert "The evaluators have not recorded any learning points yet." in text
    assert "No system changes have been recorded yet." in text
    assert "No strategic tracks have been recorded yet." in text
    assert "No informants have been recorded for the assessment yet." in text
    assert "No reach of the communication has been recorded." in text
    assert not re.search(r"<li>\s*No ", html)
    assert "<td colspan" not in html  # no table with a single row saying it is empty


def test_the_danish_report_says_missing_answers_once_and_has_no_numbered_none(snapshot):
    with translation.override("da"):
        html = render_html({**snapshot, "language": "da", "learning_points": []})
    text = html_text(html)
    assert text.count("Ikke besvaret") == 0
    assert "1. Ingen" not in text
    assert text.count("Evaluatorerne har endnu ikke besvaret disse spørgsmål:") == 1
    assert "Evaluatorerne har endnu ikke registreret læringspunkter." in text


def page_bodies(pdf: bytes, running_head: str) -> list[list[str]]:
    """Each page's lines, without the running head and the page number."""
    pages = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        lines = [line.strip() for line in page.extract_text().splitlines() if line.strip()]
        lines = [line for line in lines if line != running_head and not re.fullmatch(r"\d+ / \d+", line)]
        pages.append(lines)
    return pages


@pytest.fixture
def helsingor_pdf(db):
    demo_load()
    initiative = Initiative.objects.get(slug="helsingor-et-lettere-liv")
    report = services.report_request(initiative=initiative, by=None, language="da", enqueue=False)
    snapshot = experience_snapshot(report=report)
    return snapshot, render_pdf(snapshot)


def test_the_helsingor_report_flows_without_orphans(helsingor_pdf):
    snapshot, pdf = helsingor_pdf
    pages = page_bodies(pdf, snapshot["initiative"]["name"])
    with translation.override("da"):
        headings = [str(label) for label in Section.labels]
    # no page holds a lone sentence or a few words (the cover, page 1, is short by design)
    for number, lines in enumerate(pages[1:], start=2):
        body = " ".join(lines)
        assert len(body) > 200 or len(re.findall(r"[.!?](?:\s|$)", body)) > 1, (number, body)
    # no heading is left at the foot of a page; each chapter's page, after the contents
    where = {}
    for number, lines in enumerate(pages[2:], start=3):
        assert lines[-1] not in headings, number
        for heading in headings:
            if heading in lines:
                where.setdefault(heading, number)  # the chapter (the summary names the levels again)
    assert list(where) == headings
    # short chapters flow one after another; level 0, the summary and each appendix turn the page
    assert where[headings[0]] == where[headings[1]] == 3  # the introduction and the focus share a page
    for turns in (Section.LEVEL0, Section.SUMMARY, Section.APPENDIX_MEMBERS, Section.APPENDIX_ACTIVITIES):
        heading = headings[Section.values.index(turns)]
        assert pages[where[heading] - 1][0] == heading  # first on its page
    text = " ".join(" ".join(lines) for lines in pages)
    assert "Ikke besvaret" not in text
    assert "1. Ingen" not in text
    assert "Beregnet ud fra platformens data" not in text
    assert text.count("Sådan læser du rapporten") == 1
