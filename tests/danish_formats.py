"""Find English number and date formats in text a Danish reader sees.

``visible_text`` keeps what a reader sees of an HTML page: text between tags, without scripts, styles, attributes
(links, inputs' values in machine format), a textarea's contents (what a user typed), code (``<code>``, ``<pre>``:
an address or a command, as a program reads it) or text marked as English (``lang="en"``: the API's reference
quotes its English schema). ``english_formats`` lists
what in that text is written the English way: an ISO date, a decimal point, a number of five or more digits
without a thousands separator (a year has four), a per cent sign without a space before it, a year written with a
thousands separator, and the untranslated words seen in the Danish interface.
"""

import re
from html.parser import HTMLParser

SKIPPED = {"script", "style", "textarea", "template", "code", "pre"}
BLOCKS = {"p", "div", "li", "td", "th", "tr", "br", "h1", "h2", "h3", "h4", "h5", "h6", "option", "title", "section",
          "dt", "dd", "caption", "figcaption", "label", "button", "a", "span", "nav", "ul", "ol", "table"}  # fmt: skip

# Danish dates and grouped numbers, taken out before the checks for points in numbers look at the rest.
DANISH_DATE = re.compile(r"\b\d{1,2}\.\d{1,2}\.\d{4}\b")
# A numbered question or section ("1.1 Er feltets historie …") is no decimal.
SECTION_NUMBER = re.compile(r"^\d{1,2}\.\d{1,2} (?=[A-ZÆØÅ])")
GROUPED = re.compile(r"\b\d{1,3}(?:\.\d{3})+(?:,\d+)?\b")
# A Danish time of day: "kl. 14.30" (DANISH.md).
DANISH_TIME = re.compile(r"\bkl\. \d{1,2}\.\d{2}\b")

CHECKS = [
    ("ISO date", re.compile(r"\b\d{4}-\d{2}-\d{2}\b")),
    ("decimal point", re.compile(r"(?<![\d.])\d+\.\d{1,2}(?![\d.])")),
    ("number without thousands separator", re.compile(r"(?<![\d.,])\d{5,}(?![\d.,]\d)")),
    ("per cent without a space", re.compile(r"\d%")),
    ("untranslated", re.compile(r"\((?:descending|ascending)\)|\b(?:all|ratings)\b")),
]
# A year printed with a thousands separator ("2.019"): grouped numbers from 1.900 to 2.099, but for 2.000.
GROUPED_YEAR = re.compile(r"(?<![\d.,])(?:1\.9\d\d|2\.0(?:0[1-9]|[1-9]\d))(?![\d.,]\d)")


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        # the element being skipped (its tag) and how deep in elements of the same tag the parser is
        self.skipped: list[list] = []

    def handle_starttag(self, tag, attrs):
        if self.skipped and tag == self.skipped[-1][0]:
            self.skipped[-1][1] += 1
        elif not self.skipped and (tag in SKIPPED or ("lang", "en") in attrs):
            self.skipped.append([tag, 1])
        if tag in BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if self.skipped and tag == self.skipped[-1][0]:
            self.skipped[-1][1] -= 1
            if not self.skipped[-1][1]:
                self.skipped.pop()
        if tag in BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skipped:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    parser.close()
    return re.sub(r"[ \t\r\f\v]+", " ", "".join(parts for parts in parser.parts))


def english_formats(text: str) -> list[str]:
    """Each English format in ``text``, with what it is and the line it stands in."""
    found = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        for match in GROUPED_YEAR.finditer(line):
            found.append(f"year with a thousands separator {match.group()!r} in {line[:120]!r}")
        rest = GROUPED.sub("N", DANISH_DATE.sub("D", DANISH_TIME.sub("T", SECTION_NUMBER.sub("S ", line))))
        for name, pattern in CHECKS:
            for match in pattern.finditer(rest if name != "ISO date" else line):
                found.append(f"{name} {match.group()!r} in {line[:120]!r}")
    return found
