"""Act in the browser with the keyboard alone, as a user who cannot use a mouse: Tab (or Shift+Tab) moves the
focus, Enter follows a link or presses a button, Space ticks a box, letters are typed, the arrow keys choose in a
list. Each element reached must be one a user sees (``user.seen``) and must show that it has the focus.

Nothing is clicked and no value is set from JavaScript: if a control cannot be reached with Tab, the journey
fails, and that is the point.
"""

from playwright.sync_api import Locator, Page, expect

from tests.browser import user

# Enough for the longest page a journey walks (a dashboard's charts, their tables and downloads).
TAB_LIMIT = 400

_IS_FOCUSED = "element => element === document.activeElement"
# What focus looks like: an outline or a box shadow (Bootstrap's focus ring) that is not there without it.
_FOCUS_SHOWN = """
element => {
  const style = getComputedStyle(element);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  return outline || (style.boxShadow && style.boxShadow !== 'none');
}
"""
_FOCUSED_NAME = """
() => {
  const element = document.activeElement;
  if (!element || element === document.body) return 'the page';
  const text = (element.getAttribute('aria-label') || element.textContent || element.name || '').trim();
  return `${element.tagName.toLowerCase()} "${text.slice(0, 40)}"`;
}
"""


def focus(page: Page, target: Locator, *, backwards: bool = False) -> Locator:
    """Press Tab until ``target`` has the focus; it must then be seen and show its focus."""
    expect(target).to_be_visible()
    key = "Shift+Tab" if backwards else "Tab"
    passed = []
    for _ in range(TAB_LIMIT):
        if target.evaluate(_IS_FOCUSED):
            break
        page.keyboard.press(key)
        passed.append(page.evaluate(_FOCUSED_NAME))
    else:
        raise AssertionError(f"Tab never reached {target}; it passed {passed[:12]} … {passed[-12:]}")
    user.seen(target)
    assert target.evaluate(_FOCUS_SHOWN), f"{target} has the focus but does not show it"
    return target


def press(page: Page, target: Locator, key: str = "Enter") -> None:
    """Reach a link or button with Tab and press it (Enter; Space for a box or a ``<summary>``)."""
    focus(page, target)
    page.keyboard.press(key)


def type_into(page: Page, target: Locator, text: str) -> None:
    """Reach a field with Tab, clear what is in it and type."""
    focus(page, target)
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.press("Delete")
    page.keyboard.type(text)


def choose(page: Page, target: Locator, label: str) -> None:
    """Reach a list (``<select>``) with Tab and move through it with the arrow keys until ``label`` is chosen."""
    focus(page, target)
    chosen = "element => element.selectedOptions.length ? element.selectedOptions[0].label.trim() : ''"
    page.keyboard.press("Home")
    count = target.evaluate("element => element.options.length")
    for _ in range(count):
        if target.evaluate(chosen) == label:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"{label!r} is not among the choices of {target}")


def upload(page: Page, target: Locator, files) -> None:
    """Reach a file field with Tab and open the browser's file picker with Space, as a keyboard user does."""
    focus(page, target)
    with page.expect_file_chooser() as chooser:
        page.keyboard.press("Space")
    chooser.value.set_files(files)


def open_in_menu(page: Page, link: str, *, group: str | None = None) -> None:
    """Open a page through the initiative's menu with the keyboard: the group's button (Enter opens it), then the
    link."""
    menu = page.get_by_role("navigation", name="Initiativets sider")
    if group:
        button = menu.get_by_role("button", name=group)
        press(page, button)
        expect(button).to_have_attribute("aria-expanded", "true")
    press(page, menu.get_by_role("link", name=link, exact=True))


def log_in(page: Page, base_url: str, username: str, password: str) -> None:
    """Log in through the login page with the keyboard: the fields by Tab, the form sent with Enter."""
    page.goto(f"{base_url}/")
    type_into(page, page.get_by_label("Brugernavn eller e-mail"), username)
    type_into(page, page.get_by_label("Adgangskode", exact=True), password)
    page.keyboard.press("Enter")
    expect(page.get_by_label("Adgangskode", exact=True)).to_have_count(0)
