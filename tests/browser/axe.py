"""axe-core, run on a page in Chromium: what it finds against WCAG 2.0 and 2.1, levels A and AA."""

import os
from pathlib import Path

import pytest
from django.conf import settings

from tests.browser import user

# axe-core from the npm registry (a development dependency in package.json, never served from static/)
AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Runs axe on the page and keeps what a report needs: each broken rule, its impact and where on the page.
AXE_RUN = """
async tags => {
  const results = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return results.violations.map(violation => ({
    id: violation.id,
    impact: violation.impact,
    help: violation.help,
    targets: violation.nodes.map(node => node.target.join(' ')),
  }));
}
"""


def axe_source() -> str:
    if not AXE.exists():
        message = f"{AXE} is missing: `make assets` installs axe-core from package.json"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return AXE.read_text()


def axe_violations(page, source: str) -> list[str]:
    """What axe-core finds wrong on the page, one line per rule and element (empty when all is well). axe is
    evaluated through Playwright, which the page's Content-Security-Policy does not govern: the policy stays on."""
    page.evaluate(source)
    user.charts_drawn(page)
    found = page.evaluate(AXE_RUN, AXE_TAGS)
    return [
        f"{violation['id']} ({violation['impact']}: {violation['help']}) at {target}"
        for violation in found
        for target in violation["targets"]
    ]
