"""The Danish catalogue is complete: every translatable string in the code has a Danish translation."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.test import Client
from django.utils import translation

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "da" / "LC_MESSAGES" / "django.po"


def untranslated(po_path: Path) -> list[str]:
    with po_path.open("rb") as po_file:
        catalogue = read_po(po_file, locale="da")
    return [
        str(message.id)
        for message in catalogue
        if message.id and (message.fuzzy or not all(message.string if message.pluralizable else [message.string]))
    ]


def test_the_committed_danish_catalogue_has_no_untranslated_or_fuzzy_entries():
    assert untranslated(CATALOGUE) == []


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext (xgettext) is needed to extract strings")
def test_every_string_in_the_code_is_in_the_danish_catalogue(tmp_path):
    # given a copy of the project's code and catalogue
    source = Path(settings.BASE_DIR)
    ignored = shutil.ignore_patterns(".venv", "node_modules", "var", ".git", "static", "__pycache__", "*.mo")
    copy = tmp_path / "project"
    shutil.copytree(source, copy, ignore=ignored)
    # when the strings are extracted afresh into it
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "--locale=da", "--no-location", "--no-obsolete"],
        cwd=copy, check=True, capture_output=True,
    )  # fmt: skip
    # then each of them has a Danish translation
    assert untranslated(copy / "locale" / "da" / "LC_MESSAGES" / "django.po") == []


def test_pages_speak_danish_when_asked(world):
    client = Client(headers={"accept-language": "da"})
    client.force_login(world.member)
    response = client.get("/")
    assert response.headers["Content-Language"] == "da"
    assert "Mine initiativer" in response.text


def test_the_language_switch_remembers_the_choice(world):
    client = Client()
    client.force_login(world.member)
    response = client.post("/i18n/setlang/", {"language": "da", "next": "/"})
    assert response.status_code == 302
    assert "Mine initiativer" in client.get("/").text
    with translation.override("en"):
        assert "My initiatives" in client.post("/i18n/setlang/", {"language": "en", "next": "/"}, follow=True).text
