"""The two initiatives of the seed reports (../shared/seeds), as far as the reports describe them."""

import datetime

from .models import Initiative


def demo_initiatives() -> list[Initiative]:
    lejre, _ = Initiative.objects.update_or_create(
        slug="lejre-dig",
        defaults={
            "name": "+DIG",
            "area": "Lejre Kommune",
            "problem": (
                "Mistrivsel og ensomhed blandt børn og unge, særligt børn, som oplever diffus mistrivsel og "
                'risikerer at "gå under radaren".'
            ),
            "vision": "Alle børn og unge skal opleve at have en plads i fællesskabet.",
            "started_on": datetime.date(2015, 1, 1),
            "planned_end_on": datetime.date(2019, 12, 31),
            "report_language": Initiative.ReportLanguage.DANISH,
        },
    )
    helsingor, _ = Initiative.objects.update_or_create(
        slug="helsingor-et-lettere-liv",
        defaults={
            "name": "Et Lettere Liv & Sund Skole",
            "area": "Helsingør Kommune",
            "problem": "En markant stigning i andelen af overvægtige børn og unge i Helsingør Kommune.",
            "vision": (
                "Med en nytænkende indsats vil vi sikre, at alle børn og unge i Helsingør Kommune "
                "trives og er sunde."
            ),
            "started_on": datetime.date(2015, 1, 1),
            "planned_end_on": datetime.date(2019, 6, 30),
            "report_language": Initiative.ReportLanguage.DANISH,
        },
    )
    return [lejre, helsingor]
