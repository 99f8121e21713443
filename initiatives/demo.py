"""The two initiatives of the seed reports (../shared/seeds), as far as the reports describe them."""

import datetime
from functools import partial

from core.upsert import upsert_through

from .models import Initiative, Milestone, Phase, StrategicTrack
from .services import goal_save, initiative_create, initiative_update, milestone_save, track_save


def demo_initiatives() -> list[Initiative]:
    lejre = _initiative(
        slug="lejre-dig",
        name="+DIG",
        area="Lejre Kommune",
        problem=(
            "Mistrivsel og ensomhed blandt børn og unge, særligt børn, som oplever diffus mistrivsel og "
            'risikerer at "gå under radaren".'
        ),
        vision="Alle børn og unge skal opleve at have en plads i fællesskabet.",
        started_on=datetime.date(2015, 1, 1),
        planned_end_on=datetime.date(2019, 12, 31),
        report_language=Initiative.ReportLanguage.DANISH,
        knowledge_base=(
            "Et skriftligt vidensgrundlag om koblingen mellem ensomhed og trivsel, som alle aktører kunne bakke "
            "op om, blev initiativets vidensmæssige grundlag."
        ),
        current_phase=Phase.SUSTAIN,
    )
    helsingor = _initiative(
        slug="helsingor-et-lettere-liv",
        name="Et Lettere Liv & Sund Skole",
        area="Helsingør Kommune",
        problem="En markant stigning i andelen af overvægtige børn og unge i Helsingør Kommune.",
        vision=("Med en nytænkende indsats vil vi sikre, at alle børn og unge i Helsingør Kommune trives og er sunde."),
        started_on=datetime.date(2015, 1, 1),
        planned_end_on=datetime.date(2019, 6, 30),
        report_language=Initiative.ReportLanguage.DANISH,
        knowledge_base=(
            "Overvægt er en kompleks problematik med social slagside: øget risiko for mobning, social isolation, "
            "lavt selvværd og skolefravær. Afsættet er, at der skal sættes ind med kost, bevægelse og trivsel."
        ),
        current_phase=Phase.SUSTAIN,
    )
    _tracks(lejre, LEJRE_TRACKS)
    _tracks(helsingor, HELSINGOR_TRACKS)
    _helsingor_goals(helsingor)
    # once made, the milestone is the secretariat's: loading the demo again leaves it as it is
    if not helsingor.milestones.filter(kind=Milestone.Kind.OTHER).exists():
        milestone_save(
            initiative=helsingor,
            kind=Milestone.Kind.OTHER,
            reached_on=datetime.date(2017, 12, 1),
            note="Indsatsen fokuseres: Sund Skole på Skolen ved Rønnebær Allé (dato omtrentlig)",
        )
    return [lejre, helsingor]


def _initiative(*, slug: str, **values) -> Initiative:
    """The demo initiative of that address: made when missing, else changed where it differs from the seeds.

    Compared here rather than by ``upsert_through``: its own ``name`` keyword would clash with the initiative's name,
    which (unlike a track's) is not what the initiative is found by, so it must be compared too."""
    existing = Initiative.objects.filter(slug=slug).first()
    if existing is None:
        return initiative_create(slug=slug, **values)
    if any(getattr(existing, key) != value for key, value in values.items()):
        return initiative_update(initiative=existing, **values)
    return existing


# Seed 000 names five tracks without listing them (the figure is lost); one is the cross-cutting "en ekstra
# hånd". The others are shown as numbered tracks rather than invented.
LEJRE_TRACKS = [
    ("En ekstra hånd", "Det tværgående spor, koblet til idéen om frivillige som en ekstra hånd."),
    *[(f"Spor {number}", "Sporets navn er ikke gengivet i erfaringsopsamlingen (seed 000).") for number in range(2, 6)],
]
HELSINGOR_TRACKS = [
    ("Kost", "Sunde madvaner, fx morgenmad og kost i dagtilbud."),
    ("Bevægelse", "Mere bevægelse i hverdagen, i skolen og i foreningslivet."),
    ("Trivsel", "Trivsel, selvværd og fællesskab for børn og unge."),
]


def _tracks(initiative, tracks):
    for order, (name, description) in enumerate(tracks, start=1):
        # upsert_through's own ``name`` keyword names the object: the track's name, by which it is found, is bound
        # to the service beforehand
        upsert_through(
            partial(track_save, name=name),
            existing=initiative.tracks.filter(name=name).first(),
            name="strategictrack",
            initiative=initiative,
            description=description,
            order=order,
        )


def _helsingor_goals(helsingor):
    # once made, a goal is the secretariat's: loading the demo again leaves it as it is
    title = "Alle børn og unge i Helsingør Kommune trives og er sunde"
    overall = helsingor.goals.filter(title=title).first() or goal_save(initiative=helsingor, title=title, order=1)
    for order, (track_name, title) in enumerate(
        [
            ("Kost", "Flere elever spiser morgenmad"),
            ("Bevægelse", "Flere elever bevæger sig regelmæssigt"),
            ("Trivsel", "Flere elever trives"),
        ],
        start=1,
    ):
        track = StrategicTrack.objects.get(initiative=helsingor, name=track_name)
        if not helsingor.goals.filter(title=title).exists():
            goal_save(initiative=helsingor, title=title, parent=overall, track=track, order=order)
