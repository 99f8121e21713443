"""The standard texts a report's sections start from: one per section, in both languages, plain prose."""

import re

import pytest

from reports.models import Section
from reports.standard_texts import standard_texts


@pytest.mark.parametrize("language", ["da", "en"])
def test_every_section_has_a_standard_text_of_plain_paragraphs(language):
    texts = standard_texts(language)
    assert set(texts) == set(Section.values)
    for section, text in texts.items():
        paragraphs = text.split("\n\n")
        assert all(paragraph.strip() == paragraph and paragraph for paragraph in paragraphs), section
        assert "\n" not in "".join(paragraphs), section  # no line breaks inside a paragraph
        assert not re.search(r"[<>{}%]|\[|\]", text), section  # no markup, no placeholders
        assert all(paragraph.endswith(".") for paragraph in paragraphs), section


def test_the_danish_standard_texts_are_danish():
    danish, english = standard_texts("da"), standard_texts("en")
    for section in Section.values:
        assert danish[section] != english[section]
        assert danish[section].count("\n\n") == english[section].count("\n\n"), section
    assert "befolkningsforandringer" in danish[Section.FOCUS].lower()
    assert "erfaringsopsamling" in danish[Section.INTRODUCTION].lower()
