"""Reading a form page as its user does: the error summary above the form lists every error."""

import html
import re


def summary_errors(response) -> list[str]:
    """The messages of the page's error summary, in order: the form's own errors, then each field's (without the
    field's label, which the summary puts in front of it)."""
    summary = re.search(r"data-error-summary>(.*?)</div>", response.content.decode(), re.S)
    if summary is None:
        return []
    messages = []
    for item in re.findall(r"<li>(.*?)</li>", summary.group(1), re.S):
        linked = re.fullmatch(r'<a href="#[^"]+" class="alert-link">[^:<]*: (.*)</a>', item.strip(), re.S)
        messages.append(html.unescape(linked.group(1) if linked else item.strip()))
    return messages
