"""The alliances of the seed reports: real organisations, titles, roles and reasons for leaving, made-up names.

The demo must not spread real people's names: every person here has an invented name. Where the seeds do not
say something (a date, a member's hours), it is left out rather than invented, except the meetings, which are
labelled as illustrative wherever they are shown.
"""

import datetime
from decimal import Decimal

from core.upsert import upsert_through
from initiatives.models import Initiative

from . import selectors, services
from .models import Organisation, Person, Sector

ILLUSTRATIVE = "Illustrativt eksempel – ikke fra erfaringsopsamlingen."

FIRST = ["Anne", "Bo", "Camilla", "Dennis", "Emma", "Frederik", "Gitte", "Henrik", "Ida", "Jonas", "Karen",
         "Lars", "Mette", "Niels", "Pia", "Rasmus", "Sofie", "Thomas", "Ulla", "Vibeke"]  # fmt: skip
LAST = [
    "Holm",
    "Krogh",
    "Lund",
    "Mortensen",
    "Dahl",
    "Bak",
    "Winther",
    "Skov",
    "Brandt",
    "Kjær",
    "Vestergaard",
]


def invented_name(index: int) -> str:
    return f"{FIRST[index % len(FIRST)]} {LAST[(index * 7) % len(LAST)]}"


# (title, organisation, sector key, alliance role, left on, reason for leaving): Appendix 1 of seed 001.
HELSINGOR = [
    ("Direktør", "Center for Borgerservice, IT og Digitalisering", "municipality", "member", None, ""),
    ("Direktør", "Center for Dagtilbud og Skoler", "municipality", "member", None, "other"),
    ("Leder", "Sundhedsplejen", "municipality", "member", None, ""),
    ("Leder", "Snekkersten Skole", "school", "member", None, ""),
    ("Leder", "Dagtilbud inkl. specialbørnehaver", "school", "member", None, ""),
    ("Centerchef", "Center for Sundhed og Omsorg", "municipality", "member", None, ""),
    ("Strategikonsulent", "Center for Kultur og Turisme, Idræt og Medborgerskab", "municipality", "member", None, ""),
    ("Fritidskoordinator", "Ungdomsskolen", "school", "member", None, "new_job"),
    ("Direktør", "Helsingør Kommune", "municipality", "member", datetime.date(2016, 6, 30), ""),
    ("Direktør", "Helsefonden", "foundation", "member", None, ""),
    ("Direktør", "Socialt Udviklingscenter SUS", "knowledge", "member", None, ""),
    ("Projektchef", "Socialt Udviklingscenter SUS", "knowledge", "member", None, ""),
    ("Chefkonsulent", "Socialt Udviklingscenter SUS", "knowledge", "member", None, ""),
    ("Områdesekretariatsleder, de boligsociale helhedsplaner", "Boliggården", "housing", "member", None, ""),
    ("Direktør", "Boliggården", "housing", "member", None, "retired"),
    ("Næstformand", "Snekkersten IF", "association", "member", None, ""),
    ("Varehuschef", "COOP", "business", "member", None, "new_job"),
    ("Varehuschef", "COOP", "business", "member", None, "other"),
    ("Account manager", "Dose Systeme", "business", "member", None, "other"),
    ("Direktør", "Meyers Madhus", "business", "member", None, "other"),
    ("Ejer", "Zetmind", "business", "member", None, ""),
    ("Personlig træner, næstformand i bestyrelsen", "Adipositasforeningen", "association", "member", None, ""),
    ("Selvstændig miljø- og sundhedsformidler", "Freelancer (bl.a. SOPU Nordsjælland)", "business", "member", None,
     ""),
    ("Formand", "DGI Nordsjælland", "association", "member", None, ""),
    ("Afdelingsleder, Projekt og Udvikling", "DGI Nordsjælland", "association", "member", None, ""),
    ("Projektchef", "Haver til maver", "national-ngo", "member", None, "new_job"),
    ("National konsulent", "Ungdommens Røde Kors", "national-ngo", "member", None, "new_job"),
    ("Leder", "Frivilligcenter Helsingør", "association", "member", None, ""),
    ("Projektleder", "Et Lettere Liv, Helsingør Kommune", "municipality", "secretariat", None, ""),
    ("Projektleder", "Et Lettere Liv, Helsingør Kommune", "municipality", "secretariat", None, "other"),
    ("Kommunikationskonsulent", "Center for Erhverv, Politik og Organisation", "municipality", "member", None, ""),
    ("Udviklingskonsulent", "Center for Erhverv, Politik og Organisation", "municipality", "member", None, "new_job"),
    ("Udviklingskonsulent", "Center for Erhverv, Politik og Organisation", "municipality", "member", None, ""),
    ("Projektleder", "Headspace", "national-ngo", "member", None, ""),
    ("Børne- og familieteamet", "LKT-vejledernetværket", "municipality", "member", None, ""),
    ("Lærer, Ungdomsskolen", "LKT-vejledernetværket", "school", "member", None, ""),
    ("Koordinator", "Homestart", "association", "member", None, "project_closed"),
    ("Sundhedskonsulent", "Center for Sundhed og Omsorg", "municipality", "member", None, ""),
    ("Projektleder, SMIL", "Frivillighedscenteret", "association", "member", None, ""),
]  # fmt: skip

# Seed 000: the chair was a young local enthusiast, the vice-chair chaired the role-play association Rollo; the
# secretariat was one person at 30 hours a week and a development consultant at a third of their time.
LEJRE = [
    ("Ung ildsjæl", "Lokale unge i Lejre", "citizens", "chair", None, ""),
    ("Formand", "Rollespilsforeningen Rollo", "association", "vice_chair", None, ""),
    ("Projektleder, +DIG-sekretariatet", "Lejre Kommune", "municipality", "secretariat", None, ""),
    ("Udviklingskonsulent", "Lejre Kommune", "municipality", "secretariat", None, ""),
    ("Leder på børneområdet", "Lejre Kommune", "municipality", "member", None, ""),
    ("Chefkonsulent", "Socialt Udviklingscenter SUS", "knowledge", "member", None, ""),
    ("Repræsentant", "Headspace", "national-ngo", "member", None, ""),
    ("Repræsentant", "Ungdommens Røde Kors", "national-ngo", "member", None, ""),
    ("Frivillig koordinator", "Læsehestene", "association", "member", None, ""),
    ("Repræsentant for erhvervslivet", "Lokal virksomhed", "business", "member", None, "other"),
]  # fmt: skip

PARTNERS = {
    "lejre-dig": [("Lejre Kommune", "municipality", "host")],
    "helsingor-et-lettere-liv": [("Helsingør Kommune", "municipality", "host")],
}
COMMON_PARTNERS = [
    ("Helsefonden", "foundation", "funder"),
    ("Socialt Udviklingscenter SUS", "knowledge", "knowledge"),
]

# Organisations that lead or take part in the demo's activities (activities/demo.py), with no one in the group.
EXTRA_ORGANISATIONS = {
    "lejre-dig": [("Ungdomsskolen Lejre", "school"), ("Kr. Såby Skole", "school"), ("SUMH", "national-ngo")],
    "helsingor-et-lettere-liv": [("Skolen ved Rønnebær Allé", "school"), ("Job & Oplevelse", "business")],
}


def demo_alliance(initiatives: dict[str, Initiative]) -> None:
    sectors = {sector.key: sector for sector in Sector.objects.all()}
    name_index = 0
    for slug, rows in (("helsingor-et-lettere-liv", HELSINGOR), ("lejre-dig", LEJRE)):
        initiative = initiatives[slug]
        for title, organisation_name, sector_key, role, left_on, reason in rows:
            organisation = _organisation(initiative, organisation_name, sectors[sector_key])
            name = invented_name(name_index)
            name_index += 1
            person, _ = upsert_through(
                services.person_save,
                existing=initiative.people.filter(name=name, organisation=organisation).first(),
                name="person",
                fields={"name": name},
                initiative=initiative,
                organisation=organisation,
                title=title,
                consent_named=False,
            )
            upsert_through(
                services.membership_save,
                existing=initiative.memberships.filter(person=person).first(),
                name="membership",
                initiative=initiative,
                person=person,
                role=role,
                left_on=left_on,
                left_reason=reason,
            )
        for organisation_name, sector_key, part in PARTNERS[slug] + COMMON_PARTNERS:
            organisation = _organisation(initiative, organisation_name, sectors[sector_key])
            if not initiative.partners.filter(organisation=organisation, part=part).exists():
                services.partner_save(initiative=initiative, organisation=organisation, part=part)
        for organisation_name, sector_key in EXTRA_ORGANISATIONS[slug]:
            _organisation(initiative, organisation_name, sectors[sector_key])
    _lejre_secretariat(initiatives["lejre-dig"])
    _illustrative_meetings(initiatives["lejre-dig"])


def _organisation(initiative: Initiative, name: str, sector: Sector) -> Organisation:
    organisation = initiative.organisations.filter(name=name).first()
    return organisation or services.organisation_save(initiative=initiative, name=name, sector=sector)


def _lejre_secretariat(lejre: Initiative) -> None:
    project_lead = Person.objects.get(initiative=lejre, title="Projektleder, +DIG-sekretariatet")
    consultant = Person.objects.get(initiative=lejre, title="Udviklingskonsulent")
    start, end = datetime.date(2015, 1, 1), datetime.date(2019, 12, 31)
    for person, hours in ((project_lead, Decimal("30.0")), (consultant, Decimal("12.3"))):
        upsert_through(
            services.staffing_save,
            existing=lejre.staffing.filter(person=person, starts_on=start).first(),
            name="staffing",
            initiative=lejre,
            person=person,
            starts_on=start,
            hours_per_week=hours,
            ends_on=end,
        )


def _illustrative_meetings(lejre: Initiative) -> None:
    members = list(lejre.memberships.exclude(selectors.marked_left()).order_by("pk"))
    for held_on, agenda, present in (
        (datetime.date(2017, 3, 14), "Status på de fem spor. Ideer til nye prøvehandlinger.", members[:6]),
        (datetime.date(2017, 9, 5), "Hvem tager ejerskab for de næste aktiviteter?", members[:4]),
    ):
        if not lejre.meetings.filter(held_on=held_on).exists():
            services.meeting_save(
                initiative=lejre,
                held_on=held_on,
                agenda=f"{ILLUSTRATIVE} {agenda}",
                decisions=ILLUSTRATIVE,
                attendees=present,
            )
