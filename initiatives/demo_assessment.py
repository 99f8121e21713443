"""Helsingør's assessment of the six elements exactly as seed 001 gives it: findings and overall ratings.

Lejre's report (seeds 000/002) gives narrative without ratings: its round is in evaluation/demo.py, unrated.
"""

import datetime

from core.upsert import upsert_through

from .assessments import assessment_round_create, assessment_round_update
from .models import AssessmentRound, Initiative, Rating
from .services import element_assessment_save

HELSINGOR = {
    1: ("high", [
        "Der er etableret en tværgående alliance med en fælles vision og målsætning om at mindske overvægt og "
        "fremme trivslen blandt børn og unge.",
        "Der er udarbejdet et målhierarki og mål dækkende alle indsatsområder og etableret et særligt område på "
        "Talkilden til initiativet.",
        "Der eksisterer en fælles problemforståelse, hvor afsættet er at der skal sættes ind med kost, bevægelse og "
        "trivsel for at lykkes",
    ], [
        "Der blev ikke i initiativets første fase opnået tilstrækkelig opbakning om tydelige overordnede strategier "
        "og en fælles handleplan for hvordan mål/delmål opnås.",
    ]),
    2: ("some", [
        "Der har været mange forskellige aktiviteter med en høj grad af tilfredshed og effekt isoleret set",
    ], [
        "Aktiviteterne har ikke systematisk været koordineret mellem alle aktører mhp at bidrage på forskellig måde "
        "ind i målene",
        "Der har været begrænset villighed til reelt at forpligte egen organisation for at nå de fælles mål,",
        "Det har i høj grad været sekretariatet der har været drivende på aktiviteter og indsatser.",
    ]),
    3: ("some", [
        "Der er udarbejdet fælles målbare mål og mulighed for at følge dem.",
        "Data er samlet på talkilden, der giver geografisk overblik og aktuel status på mål",
        "Data var medvirkende til indkredse mål, da initiativet blev fokuseret om sund skole",
        "Der er gennemført surveyundersøgelser mhp løbende opfølgning på trivsel og bevægelse",
    ], [
        "Det er ikke blevet meningsfuldt og naturligt for alle involverede aktører løbende at anvende de data, der "
        "er tilgængelige, til at guide indsatser og til fælles refleksion og læring.",
    ]),
    4: ("high", [
        "Der er høj grad af succes med kommunikation både internt og eksternt via mange forskellige kanaler og "
        "platforme.",
        "De involverede oplever sig velorienterede om aktiviteter og fremdriften i dem",
        "Initiativet har fået synlighed i kommunen generelt.",
    ], []),
    5: ("high", [
        "Initiativet har været drevet af en sekretariatsleder forankret i Dagtilbud og Skoler med supplerende "
        "ressourcer til kommunikation, facilitering og analyse på ugebasis og løbende praktikanter.",
        "Ansættelse af en ny sekretariatsleder et år inde i indsatsen førte til et sekretariat, der opfattes som "
        "kompetent og tilgængeligt.",
        "Sekretariatet har fungeret som en samlende faktor og været central for at få aktiviteter og tiltag i gang "
        "og hurtigt ud over rampen.",
    ], [
        "Sekretariatet har måttet fungere som udførende på flere aktiviteter, hvilket har taget ressourcer fra mere "
        "strategiske opgaver og funktioner",
    ]),
    6: ("some", [
        "Der har været en høj grad af brugerinddragelse på konkret plan både i den indledende fase med afdækkende "
        "interviews, film, besøg i alliancegruppe mv. og i planlægningen af de mange aktiviteter, hvor "
        "skoleelevers madvaner bl.a. er blevet observeret og de har været med på råd om indholdet af diverse "
        "aktiviteter.",
    ], [
        "Ambitionen om at inddrage brugerne mere strategisk i at udstikke initiativets retning er dog ikke blevet "
        "indfriet.",
    ]),
}  # fmt: skip


def demo_assessment(initiatives) -> None:
    helsingor = initiatives["helsingor-et-lettere-liv"]
    assessment_round = demo_round(
        initiative=helsingor, title="Erfaringsopsamling (SUS)", held_on=datetime.date(2019, 5, 1)
    )
    ratings = {rating.key: rating for rating in Rating.objects.all()}
    for assessment in assessment_round.element_assessments.select_related("element"):
        rating, plus, minus = HELSINGOR[assessment.element.number]
        upsert_through(
            element_assessment_save, existing=assessment, name="elementassessment", rating=ratings[rating],
            findings_plus="\n".join(plus), findings_minus="\n".join(minus),
        )  # fmt: skip


def demo_round(*, initiative: Initiative, title: str, held_on: datetime.date) -> AssessmentRound:
    """The demo's round of that title, opened (with an assessment of every element) when missing, else dated as the
    seeds date it; the evaluators someone gave it stay."""
    existing = initiative.assessment_rounds.filter(title=title).first()
    if existing is None:
        return assessment_round_create(initiative=initiative, title=title, held_on=held_on)
    assessment_round, _ = upsert_through(
        assessment_round_update, existing=existing, name="assessmentround", initiative=initiative, title=title,
        held_on=held_on, evaluators=list(existing.evaluators.all()),
    )  # fmt: skip
    return assessment_round
