"""Every page the authorisation walker knows, as each role receives it in Danish, checked by the W3C Nu HTML
Checker (vnu.jar from the npm registry, a development dependency in package.json). One Java run checks them all."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.walker import html_pages, is_fragment

VNU = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
ROLES = ("secretariat", "evaluator", "member")


def vnu_command() -> list[str]:
    java = shutil.which("java")
    if java is None:
        pytest.skip("java is not installed (the Nu HTML Checker needs Java 11 or later: apt-get install default-jre)")
    if not VNU.exists():
        message = f"{VNU} is missing: `make assets` installs vnu-jar from package.json"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return [java, "-jar", str(VNU), "--errors-only", "--format", "json", "--stdout", "--exit-zero-always"]


def test_every_page_is_valid_html_for_every_role(world, tmp_path):
    # given every page each role can open, and the login page, as the server sends them in Danish
    command = vnu_command()
    files = {}
    anonymous = Client(headers={"accept-language": "da"})
    sent = {}
    for url in (
        reverse("account_login"),
        reverse("account_reset_password"),
        reverse("account_reset_password_done"),
        reverse("account_reset_password_from_key", kwargs={"uidb36": "1", "key": "not-a-valid-key"}),
        reverse("account_signup"),
        reverse("account_inactive"),
        reverse("socialaccount_login_cancelled"),
        reverse("accessibility"),
    ):
        response = anonymous.get(url)
        assert response.status_code == 200, url
        sent["anonymous", url] = response.content.decode()
    # and the login page that a wrong password sends back, with its error summary
    failed = anonymous.post(reverse("account_login"), {"login": world.member.username, "password": "wrong"})
    assert failed.status_code == 200
    sent["anonymous", "login with a wrong password"] = failed.content.decode()
    for role in ROLES:
        pages = html_pages(initiative=world.home, user=getattr(world, role))
        assert len(pages) > 20, f"the walker's pages did not open for {role}"
        sent |= {(role, url): html for url, html in pages.items()}
    for number, ((role, url), html) in enumerate(sent.items()):
        if is_fragment(html):  # a piece htmx swaps into a page: checked as the body of a document
            html = f'<!DOCTYPE html><html lang="da"><head><title>{url}</title></head><body>{html}</body></html>'
        (tmp_path / f"{number}.html").write_text(html, encoding="utf-8")
        files[f"{number}.html"] = (role, url)
    # when the Nu HTML Checker reads them all
    result = subprocess.run([*command, *map(str, tmp_path.glob("*.html"))], capture_output=True, text=True, check=True)  # noqa: S603
    # then it finds no error on any of them
    messages = json.loads(result.stdout)["messages"]
    report = []
    for message in messages:
        role, url = files.get(message.get("url", "").rsplit("/", 1)[-1], ("?", message.get("url", "?")))
        extract = message.get("extract", "").strip().replace("\n", " ")
        report.append(f"{role} {url} line {message.get('lastLine', '?')}: {message['message']}  [{extract}]")
    counts = {role: sum(1 for who, _ in sent if who == role) for role in ("anonymous", *ROLES)}
    assert not report, f"pages checked: {counts}\n" + "\n".join(report)
