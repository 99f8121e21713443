"""The accessibility statement's facts, declared once: the page (``core.views.accessibility_statement``) renders
them in the shape the Danish Agency for Digital Government (Digitaliseringsstyrelsen) asks for.

Update ``REVIEWED_ON`` when the statement has been checked again (the law asks for once a year at least), and
``KNOWN_EXCEPTIONS`` when something is fixed or found. Whom to contact comes from the settings
(``ACCESSIBILITY_ORGANISATION``, ``ACCESSIBILITY_CONTACT_EMAIL``, ``ACCESSIBILITY_CONTACT_PHONE``): it is the
operating organisation's, not the code's.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

PREPARED_ON = datetime.date(2026, 12, 1)
REVIEWED_ON = datetime.date(2026, 12, 1)
COMPLAINTS_URL = "https://www.was.digst.dk/"


@dataclass(frozen=True)
class KnownException:
    """Content that is not accessible: what it is, why, and how to get at it anyway."""

    what: Promise
    why: Promise
    instead: Promise


KNOWN_EXCEPTIONS = [
    KnownException(
        what=_("Charts on a phone"),
        why=_(
            "On a screen 320 pixels wide, the charts on the dashboards are small and hard to read "
            "(WCAG 2.1, success criterion 1.4.10)."
        ),
        instead=_("Every chart can show its numbers as a table and download them as a CSV file."),
    ),
    KnownException(
        what=_("PDF reports"),
        why=_(
            "The PDF reports are tagged for screen readers (PDF/UA). Our own tests check their headings, "
            "reading order and tables, but the reports have not been checked with veraPDF or PAC."
        ),
        instead=_("Contact us if you cannot read a report, and we will help you get its content in another way."),
    ),
    KnownException(
        what=_("Attached files"),
        why=_(
            "Files that users attach to activities, for example minutes and presentations, are not checked "
            "for accessibility."
        ),
        instead=_("Ask the person who attached the file for an accessible version, or contact us."),
    ),
]


@dataclass(frozen=True)
class Contact:
    """Whom to contact about accessibility, as the settings name them; empty where nothing is configured."""

    organisation: str
    email: str
    phone: str

    @property
    def configured(self) -> bool:
        return bool(self.email or self.phone)

    @property
    def phone_link(self) -> str:
        """The number for a ``tel:`` link: "+45 33 66 33 66" → "+4533663366"."""
        return "".join(character for character in self.phone if character.isdigit() or character == "+")


def contact() -> Contact:
    return Contact(
        organisation=settings.ACCESSIBILITY_ORGANISATION.strip(),
        email=settings.ACCESSIBILITY_CONTACT_EMAIL.strip(),
        phone=settings.ACCESSIBILITY_CONTACT_PHONE.strip(),
    )
