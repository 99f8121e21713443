"""Act in the browser only as a user can: the one helper every browser test fills, clicks and ticks through.

Playwright's own actionability checks do not see clipping by an ancestor: ``fill()`` typed into inputs inside a
``.table-responsive`` that rendered 0 px wide, and a test passed while users saw nothing. So before any action
the element is scrolled into view and must be visible, inside the viewport, and not cut away by an ancestor that
clips its overflow. No ``force=True``, no values set from JavaScript.
"""

import re

from playwright.sync_api import Locator, Page, expect

# What an element is made of on screen: its box, and the boxes of every ancestor that clips what overflows it.
_CLIPPING = """
element => {
  const box = element.getBoundingClientRect();
  const problems = [];
  if (box.width < 2 || box.height < 2) problems.push(`the element is ${box.width}×${box.height} px`);
  for (let node = element.parentElement; node && node !== document.documentElement; node = node.parentElement) {
    const style = getComputedStyle(node);
    if (style.display === 'contents') continue;
    const clips = [style.overflowX, style.overflowY].some(value => value !== 'visible');
    if (!clips) continue;
    const outer = node.getBoundingClientRect();
    const name = node.tagName.toLowerCase() + (node.id ? '#' + node.id : '') +
      (node.className && typeof node.className === 'string' ? '.' + node.className.trim().split(/\\s+/).join('.') : '');
    if (outer.width < 2 || outer.height < 2) {
      problems.push(`${name} around it is ${outer.width}×${outer.height} px`);
      continue;
    }
    const overlapX = Math.min(box.right, outer.right) - Math.max(box.left, outer.left);
    const overlapY = Math.min(box.bottom, outer.bottom) - Math.max(box.top, outer.top);
    if (overlapX < Math.min(2, box.width) || overlapY < Math.min(2, box.height)) {
      problems.push(`${name} around it clips it away`);
    }
  }
  return problems;
}
"""

# Every control a keyboard reaches that a sighted user could not see: the check each page gets in Chromium.
_INVISIBLE_FOCUSABLES = (
    """
() => {
  const clipping = """
    + _CLIPPING
    + """;
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, [tabindex]:not([tabindex="-1"])';
  const found = [];
  for (const element of document.querySelectorAll(selector)) {
    const closed = '[hidden], [inert], .d-none, .collapse:not(.show), details:not([open]), ' +
      '.dropdown-menu:not(.show), .modal:not(.show), .visually-hidden-focusable';
    if (element.disabled || element.closest(closed)) continue;
    if (element.matches('.visually-hidden-focusable')) continue;
    const style = getComputedStyle(element);
    if (style.display === 'none' || style.visibility === 'hidden') continue;
    if (element.getClientRects().length === 0) {
      // not rendered: display:none somewhere up the tree, so not focusable either
      continue;
    }
    element.scrollIntoView({block: 'center', inline: 'center', behavior: 'instant'});  // Bootstrap scrolls smoothly
    const problems = clipping(element);
    const box = element.getBoundingClientRect();
    if (box.right <= 0 || box.bottom <= 0 || box.left >= innerWidth || box.top >= innerHeight) {
      problems.push('it cannot be scrolled into the viewport');
    }
    if (problems.length) {
      const label = element.getAttribute('aria-label') || element.id || element.name ||
        element.textContent.trim().slice(0, 40);
      found.push(`${element.tagName.toLowerCase()} “${label}”: ${problems.join('; ')}`);
    }
  }
  window.scrollTo({top: 0, left: 0, behavior: 'instant'});
  return found;
}
"""
)


def seen(locator: Locator) -> Locator:
    """The element, scrolled into view, once a user could see it: visible, in the viewport, not clipped."""
    expect(locator).to_be_visible()
    locator.scroll_into_view_if_needed()
    expect(locator).to_be_in_viewport()
    problems = locator.evaluate(_CLIPPING)
    assert problems == [], f"a user cannot see {locator}: {'; '.join(problems)}"
    return locator


def fill(locator: Locator, value: str) -> None:
    seen(locator).fill(value)


def type_text(locator: Locator, value: str) -> None:
    """Typed key by key, as a user types (for inputs that react to each key)."""
    seen(locator).press_sequentially(value)


def click(locator: Locator) -> None:
    seen(locator).click()


def press(locator: Locator, key: str) -> None:
    """A key pressed on a control a user can see, with keyboard focus on it (as Tab brings it there)."""
    seen(locator).press(key)


def check(locator: Locator) -> None:
    seen(locator).check()


def uncheck(locator: Locator) -> None:
    seen(locator).uncheck()


def select(locator: Locator, **option) -> None:
    """Pick an option: ``select(box, label="…")`` or ``select(box, value="…")``."""
    seen(locator).select_option(**option)


def upload(locator: Locator, files) -> None:
    """Choose a file. A file input styled by Bootstrap is visible as the browser's own picker."""
    seen(locator).set_input_files(files)


# plotly's bundle is 4 MB: on a busy two-core machine running the suite in parallel, parsing it and drawing a
# dozen charts has taken longer than Playwright's 5 s. A user waits for the charts; so does a test.
CHARTS_TIMEOUT_MS = 30_000


def charts_drawn(page: Page) -> int:
    """Wait until plotly has drawn every chart container on the page; the number of charts."""
    count = page.locator("[data-figure]").count()
    expect(page.locator("[data-figure].js-plotly-plot")).to_have_count(count, timeout=CHARTS_TIMEOUT_MS)
    return count


def invisible_focusables(page: Page) -> list[str]:
    """The controls on the page that keyboard focus reaches but that no one could see (empty when all is well)."""
    return page.evaluate(_INVISIBLE_FOCUSABLES)


def open_in_menu(page: Page, link: str, *, group: str | None = None) -> None:
    """Open a page through the initiative's menu, as a user does: on a phone its "Menu" button first, then the
    group (if the link is in one), then the link."""
    menu = page.get_by_role("navigation", name="Initiativets sider")
    # is_visible() does not wait: right after a click on a link the previous page, without this menu, may still be
    # shown, and the phone's "Menu" button would be taken for absent. A user waits for the page first.
    expect(menu).to_be_visible()
    toggle = menu.get_by_role("button", name="Menu")
    if toggle.is_visible():
        click(toggle)
        # Bootstrap slides the menu open: a user waits until it stands still before choosing in it
        expect(menu.locator("#initiative-menu")).to_have_class(re.compile(r"(^|\s)show(\s|$)"))
    if group:
        button = menu.get_by_role("button", name=group)
        click(button)
        expect(button).to_have_attribute("aria-expanded", "true")
    target = menu.get_by_role("link", name=link, exact=True)
    href = target.get_attribute("href")
    click(target)
    expect(page).to_have_url(re.compile(re.escape(href) + "$"))
