"""The activities the seed reports name. Their titles and what they were come from the seeds; dates, reach and
contributions do not, so every activity here is marked illustrative, and pages show that label.
"""

import datetime
from decimal import Decimal

from core.upsert import upsert_through

from .models import Activity, Participation
from .services import activity_save, commitment_save, participation_save

A = Activity
# (title, description from the seed, track or None, kind, status, start, lead or None for the secretariat,
#  [(organisation, hours, DKK, in kind)], participants, of whom target group, involvement)
LEJRE = [
    ("Ungebussen", "Var rundt på alle skoler og skabte bred dialog om ungeliv i Lejre.", None, A.Kind.CAMPAIGN,
     A.Status.COMPLETED, "2016-09-01", None, [("Lokale unge i Lejre", 20, 0, "")], 400, 380, A.Involvement.CO_DESIGNED),
    ("Online inspirationskatalog om trivsel", "Alle dagtilbud og skoler har adgang til det.", None, A.Kind.OFFER,
     A.Status.COMPLETED, "2017-02-01", None, [("Lejre Kommune", 10, 0, "")], None, None, A.Involvement.NONE),
    ("Ungemøder på Ungdomsskolen", "De unge sætter dagsordenen for aktiviteter.", None, A.Kind.NETWORK,
     A.Status.COMPLETED, "2017-04-01", None, [("Ungdomsskolen Lejre", 15, 0, "lokaler")], 40, 40,
     A.Involvement.CO_LED),
    ("Hackathon på Kr. Såby Skole", "Hele udskolingen 'hackede' fællesskabet og kom med over 100 idéer til bedre "
     "trivsel.", None, A.Kind.EVENT, A.Status.COMPLETED, "2017-11-01", None,
     [("Kr. Såby Skole", 30, 0, "en skoledag"), ("Lokal virksomhed", 4, 2000, "")], 120, 120,
     A.Involvement.CO_DESIGNED),
    ("Læsehestene", "Frivillige oplæsere i dagtilbud: ugentlig højtlæsning, rim og leg. I dag et blivende tilbud.",
     "En ekstra hånd", A.Kind.OFFER, A.Status.ANCHORED, "2018-01-15", "Læsehestene",
     [("Læsehestene", 300, 0, "frivillige"), ("Lejre Kommune", 40, 0, "koordinering")], 150, 150, A.Involvement.NONE),
    ("Inspirationsaften med SUMH", "For foreninger, om unge med handicap i foreningslivet.", None, A.Kind.EVENT,
     A.Status.COMPLETED, "2018-03-01", None, [("SUMH", 6, 0, "oplæg"), ("Rollespilsforeningen Rollo", 3, 0, "")],
     35, 5, A.Involvement.CONSULTED),
    ("Boost trivslen", "Kompetenceudviklingsforløb sammen med foreningslivet.", None, A.Kind.COURSE,
     A.Status.COMPLETED, "2018-09-01", None, [("Rollespilsforeningen Rollo", 10, 0, "")], 25, 0, A.Involvement.NONE),
    ("Visionsworkshop", "Unge og andre aktører i dialog om, hvad +DIG skulle tage fat på.", None, A.Kind.EVENT,
     A.Status.COMPLETED, "2015-06-01", None, [("Lokale unge i Lejre", 6, 0, "")], 45, 15, A.Involvement.CONSULTED),
]  # fmt: skip
HELSINGOR = [
    ("Girlpower", "Trivselsforløb for tweenpiger.", "Trivsel", A.Kind.COURSE, A.Status.COMPLETED, "2018-02-01", None,
     [("Frivilligcenter Helsingør", 12, 0, "")], 14, 14, A.Involvement.CO_DESIGNED),
    ("Grøntsagsworkshops i Vapnagaard", "Madlavning med grøntsager i boligområdet.", "Kost", A.Kind.EVENT,
     A.Status.COMPLETED, "2018-04-01", None, [("Boliggården", 20, 3000, "køkken")], 30, 25, A.Involvement.CONSULTED),
    ("Bevægelsesdag", "En dag med bevægelse for hele skolen.", "Bevægelse", A.Kind.EVENT, A.Status.COMPLETED,
     "2018-05-15", None, [("DGI Nordsjælland", 16, 0, "instruktører"), ("Skolen ved Rønnebær Allé", 40, 0, "")],
     300, 300, A.Involvement.NONE),
    ("Trænerspirer", "Brobygning til lokale idrætsforeninger; elever uddannes som hjælpetrænere.", "Bevægelse",
     A.Kind.TRIAL, A.Status.RUNNING, "2018-09-01", "Snekkersten IF",
     [("Snekkersten IF", 60, 0, "trænere"), ("Skolen ved Rønnebær Allé", 10, 0, "")], 12, 12, A.Involvement.CO_LED),
    ("Trivselsforløb med Headspace", "Forløb for klasser.", "Trivsel", A.Kind.COURSE, A.Status.COMPLETED,
     "2018-10-01", None, [("Headspace", 24, 0, ""), ("Skolen ved Rønnebær Allé", 8, 0, "")], 75, 75,
     A.Involvement.CONSULTED),
    ("Holbæk-modellen for sundhedsplejersker", "Kompetenceudvikling af sundhedsplejersker mod overvægt.", "Kost",
     A.Kind.COURSE, A.Status.ANCHORED, "2017-03-01", None, [("Sundhedsplejen", 80, 0, "")], 20, 0,
     A.Involvement.NONE),
    ("10'er-snack", "Sund formiddagssnack leveret i fælleslokalet.", "Kost", A.Kind.TRIAL, A.Status.RUNNING,
     "2018-11-01", None, [("Job & Oplevelse", 50, 0, "snacks"), ("Skolen ved Rønnebær Allé", 5, 0, "")], 150, 150,
     A.Involvement.CONSULTED),
    ("DGI-forløb for lærere", "Nye kompetencer til lærergruppen om bevægelse i undervisningen.", "Bevægelse",
     A.Kind.COURSE, A.Status.COMPLETED, "2018-08-01", "DGI Nordsjælland",
     [("DGI Nordsjælland", 30, 0, ""), ("Skolen ved Rønnebær Allé", 30, 0, "")], 25, 0, A.Involvement.NONE),
    ("Istandsættelse af fælleslokalet", "Kælderen blev et fælleslokale, hvor de yngste bliver og hygger.", "Trivsel",
     A.Kind.TRIAL, A.Status.COMPLETED, "2019-01-15", None, [("Skolen ved Rønnebær Allé", 20, 10000, "")], 200, 200,
     A.Involvement.CO_DESIGNED),
]  # fmt: skip
COMMITMENTS = {
    "lejre-dig": [("Læsehestene", "Frivillige oplæsere i alle dagtilbud", "frivillige timer", "delivered")],
    "helsingor-et-lettere-liv": [
        ("Snekkersten IF", "Trænerspirer-forløb hvert efterår", "trænere", "in_progress"),
        ("DGI Nordsjælland", "Kursus for lærere i bevægelse", "instruktører", "delivered"),
        ("COOP", "Frugt til 10'er-snack", "varer", "dropped"),
    ],
}


def demo_activities(initiatives) -> None:
    """Load the demo activities through the services, writing only what differs (twice: nothing the second time)."""
    for slug, rows in (("lejre-dig", LEJRE), ("helsingor-et-lettere-liv", HELSINGOR)):
        initiative = initiatives[slug]
        organisations = {organisation.name: organisation for organisation in initiative.organisations.all()}
        tracks = {track.name: track for track in initiative.tracks.all()}
        for title, description, track, kind, status, start, lead, given, reach, target, involvement in rows:
            activity, _ = upsert_through(
                activity_save, existing=initiative.activities.filter(title=title).first(), name="activity",
                initiative=initiative, title=title, description=description, track=tracks.get(track), kind=kind,
                status=status, starts_on=datetime.date.fromisoformat(start), lead=organisations.get(lead),
                participants=reach, participants_target_group=target, involvement=involvement, illustrative=True,
            )  # fmt: skip
            for name, hours, money, in_kind in given:
                taking = activity.participations.filter(organisation=organisations[name]).first()
                upsert_through(
                    participation_save, existing=taking, name="participation", initiative=initiative,
                    activity=activity, organisation=organisations[name],
                    role=Participation.Role.CO_ORGANISER if name == lead else Participation.Role.CONTRIBUTOR,
                    hours=Decimal(hours) if hours else None, money=Decimal(money) if money else None, in_kind=in_kind,
                )  # fmt: skip
        for name, what, resources, progress in COMMITMENTS[slug]:
            pledged = initiative.commitments.filter(organisation=organisations[name], what=what).first()
            upsert_through(
                commitment_save, existing=pledged, name="commitment", initiative=initiative,
                organisation=organisations[name], what=what, resources=resources, status=progress,
            )  # fmt: skip
