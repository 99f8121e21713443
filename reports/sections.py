"""The chapters of an experience report, declared once: the rest follows from ``SECTIONS``.

``Section`` (models.py) is the vocabulary: each chapter's key, as stored with a report's texts, and its title.
``SECTIONS`` says how each one is printed: the template partial of its computed part (``experience.html#<key>``),
whether it opens a new page and whether the evaluators write a text for it. The table of contents, the chapters
of the report (PDF and Word), the request form's choices, the text boxes of the texts page, the standard texts and
the comparison's sections all follow from it. tests/reports/test_sections.py fails on a key used in a template or a
form that is not declared here, and on a declared one whose partial prints nothing.
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ImproperlyConfigured

from .models import Section

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise  # a development dependency: for the type checker only

TEMPLATE = "reports/experience.html"


@dataclass(frozen=True)
class ReportSection:
    section: Section
    new_page: bool = False  # the chapter starts on a page of its own
    written: bool = True  # the evaluators write its opening text (starting from a standard text)

    @property
    def key(self) -> str:
        return self.section.value

    @property
    def title(self) -> "StrOrPromise":  # lazy: translated where the report or the form renders it
        return self.section.label

    @property
    def partial(self) -> str:
        """The template partial that prints the computed part of the chapter."""
        return f"{TEMPLATE}#{self.key}"


SECTIONS: tuple[ReportSection, ...] = (
    ReportSection(Section.INTRODUCTION),
    ReportSection(Section.FOCUS),
    ReportSection(Section.BASIS),
    ReportSection(Section.INITIATIVE),
    ReportSection(Section.LEVEL0, new_page=True),
    ReportSection(Section.LEVEL1),
    ReportSection(Section.LEVEL2),
    ReportSection(Section.LEVEL3),
    ReportSection(Section.SUMMARY, new_page=True),
    ReportSection(Section.APPENDIX_MEMBERS, new_page=True),
    ReportSection(Section.APPENDIX_ACTIVITIES, new_page=True),
)
KEYS: tuple[str, ...] = tuple(section.key for section in SECTIONS)
WRITTEN: tuple[str, ...] = tuple(section.key for section in SECTIONS if section.written)

if list(KEYS) != list(Section.values):  # a chapter added to the vocabulary and not declared, or out of order
    raise ImproperlyConfigured(f"reports.sections.SECTIONS {KEYS} must declare every Section, in its order")


def choices() -> list[tuple[str, "StrOrPromise"]]:
    """The sections as form choices, in the report's order."""
    return [(section.key, section.title) for section in SECTIONS]


@dataclass(frozen=True)
class Chapter:
    """One section as one report prints it: its opening ``text`` and whether that text stands ``instead`` of the
    computed part."""

    section: ReportSection
    text: str
    instead: bool

    @property
    def key(self) -> str:
        return self.section.key

    @property
    def title(self) -> "StrOrPromise":
        return self.section.title

    @property
    def new_page(self) -> bool:
        return self.section.new_page

    @property
    def partial(self) -> str:
        return self.section.partial


def chapters(*, shown: set[str], prose: dict[str, str], replaced: set[str]) -> list[Chapter]:
    """The chapters a report prints, in the report's order."""
    return [
        Chapter(section, prose.get(section.key, ""), section.key in replaced)
        for section in SECTIONS
        if section.key in shown
    ]
