"""The accessibility statement: public, in Danish and English, in the sections the Danish Agency for Digital
Government asks for, with the known exceptions of core/accessibility.py and the contact from the settings."""

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from lxml import html

from core.accessibility import KNOWN_EXCEPTIONS

SECTIONS = {
    "da": ["Overholdelsesstatus", "Ikke-tilgængeligt indhold", "Udarbejdelse af tilgængelighedserklæringen",
           "Feedback og kontaktoplysninger", "Håndhævelsesprocedure"],
    "en": ["Compliance status", "Non-accessible content", "Preparation of this accessibility statement",
           "Feedback and contact information", "Enforcement procedure"],
}  # fmt: skip
TITLE = {"da": "Tilgængelighedserklæring", "en": "Accessibility statement"}


def page_of(response):
    return html.fromstring(response.content)


def texts(document, path: str) -> list[str]:
    return [" ".join(element.text_content().split()) for element in document.xpath(path)]


def client_in(language: str, user=None) -> Client:
    client = Client(headers={"accept-language": language})
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize("logged_in", [False, True], ids=["logged-out", "logged-in"])
def test_the_statement_opens_for_anyone_in_both_languages(world, language, logged_in):
    # given a visitor, logged in or not, who reads the language
    client = client_in(language, world.member if logged_in else None)
    # when they open the statement
    response = client.get(reverse("accessibility"))
    # then it answers in that language, with one h1 and the agency's sections in order
    assert response.status_code == 200
    assert response.headers["Content-Language"] == language
    document = page_of(response)
    assert texts(document, "//h1") == [TITLE[language]]
    assert texts(document, "//main//h2") == SECTIONS[language]
    assert texts(document, "//title")[0].startswith(TITLE[language])


def test_the_statement_names_the_law_the_standard_the_status_and_the_dates_in_danish(world):
    text = " ".join(page_of(client_in("da").get(reverse("accessibility"))).text_content().split())
    assert "lov om tilgængelighed af offentlige organers websteder og mobilapplikationer" in text
    assert "WCAG 2.1 niveau AA (EN 301 549)" in text
    assert "overholder delvist" in text
    assert "Erklæringen blev udarbejdet den 1. december 2026. Den blev senest gennemgået den 1. december 2026." in text
    assert "axe-core" in text
    assert "Nu HTML Checker" in text
    assert "Digitaliseringsstyrelsen" in text


def test_the_known_exceptions_are_rendered_from_their_declaration(world):
    document = page_of(client_in("en").get(reverse("accessibility")))
    assert texts(document, "//section[@aria-labelledby='non-accessible']//h3") == [
        str(exception.what) for exception in KNOWN_EXCEPTIONS
    ]
    assert len(KNOWN_EXCEPTIONS) == 3
    danish = page_of(client_in("da").get(reverse("accessibility")))
    assert texts(danish, "//section[@aria-labelledby='non-accessible']//h3") == [
        "Diagrammer på en mobiltelefon", "PDF-rapporter", "Vedhæftede filer",
    ]  # fmt: skip


def test_the_complaint_goes_to_the_agency_for_digital_government(world):
    document = page_of(client_in("da").get(reverse("accessibility")))
    section = document.xpath("//section[@aria-labelledby='enforcement']")[0]
    assert section.xpath(".//a/@href") == ["https://www.was.digst.dk/"]
    assert "klage til Digitaliseringsstyrelsen" in section.text_content()


@override_settings(
    ACCESSIBILITY_ORGANISATION="Lejre Kommune",
    ACCESSIBILITY_CONTACT_EMAIL="tilgaengelighed@lejre.dk",
    ACCESSIBILITY_CONTACT_PHONE="46 46 46 46",
)
def test_the_contact_comes_from_the_settings(world):
    # given an operating organisation with an email address and a phone number in the settings
    document = page_of(client_in("da").get(reverse("accessibility")))
    # then the statement names it, and links to both
    section = document.xpath("//section[@aria-labelledby='feedback']")[0]
    assert section.xpath(".//a/@href") == ["mailto:tilgaengelighed@lejre.dk", "tel:46464646"]
    assert texts(section, ".//li") == ["Lejre Kommune", "E-mail: tilgaengelighed@lejre.dk", "Telefon: 46 46 46 46"]
    assert texts(document, "//p[@class='lead']")[0].startswith("Lejre Kommune er forpligtet til at gøre")
    assert "sekretariatet" not in section.text_content()


@override_settings(ACCESSIBILITY_ORGANISATION="", ACCESSIBILITY_CONTACT_EMAIL="", ACCESSIBILITY_CONTACT_PHONE="")
def test_without_a_contact_in_the_settings_it_says_whom_to_ask_instead(world):
    document = page_of(client_in("da").get(reverse("accessibility")))
    section = document.xpath("//section[@aria-labelledby='feedback']")[0]
    # no made-up address: the reader is sent to their initiative's secretariat
    assert section.xpath(".//a") == []
    assert "kontakte sekretariatet for det initiativ, du deltager i" in " ".join(section.text_content().split())
    assert texts(document, "//p[@class='lead']")[0].startswith("Den organisation, der driver Allianceplatformen")


def test_the_footer_links_to_the_statement_on_the_login_page_and_an_initiative_page(world):
    # the login page, logged out
    login = page_of(client_in("da").get(reverse("account_login")))
    assert login.xpath("//footer//a/@href") == [reverse("accessibility")]
    assert texts(login, "//footer//a") == ["Tilgængelighedserklæring"]
    # an initiative's home, logged in, in English
    response = client_in("en", world.member).get(world.home.get_absolute_url())
    assert response.status_code == 200
    assert texts(page_of(response), "//footer//a") == ["Accessibility statement"]
    assert page_of(response).xpath("//footer//a/@href") == [reverse("accessibility")]
