"""The evaluations of seeds 001 (Helsingør) and 000 (Lejre): informants, quotes, the change levels, the system
changes and the learning points, in the reports' own words. Nothing here is invented, except that the reports do
not date their interviews, so the demo records none."""

import datetime
from typing import Any

from core.upsert import upsert_through
from initiatives.demo_assessment import demo_round
from initiatives.models import AssessmentRound, Element
from initiatives.services import element_assessment_save

from .models import Level, LevelAssessment, LevelQuestion
from .services import (
    informant_group_save,
    learning_point_save,
    level_answer_save,
    level_assessment_save,
    quote_save,
    system_change_save,
)  # fmt: skip

HELSINGOR_INFORMANTS = [
    ("medlemmer af alliancegruppen", 15),
    ("medarbejdere i sekretariatet (backbone)", 3),
    ("leder i sekretariatet", 1),
    ("øvrige centrale kommunale medarbejdere", 6),
    ("øvrige eksterne aktører", 3),
    ("lærere på Skolen ved Rønnebær Allé", 2),
    ("elever fra Skolen ved Rønnebær Allé", 4),
]
LEJRE_INFORMANTS = [
    ("medlemmer af alliancegruppen", 9),
    ("medarbejdere i sekretariatet", 2),
    ("ansvarlig leder for sekretariatet", 1),
    ("kommunaldirektøren", 1),
    ("kommunale ledere fra Center for Børn og Læring", 2),
    ("eksterne samarbejdspartnere fra foreningslivet", 2),
]

# (text, speaker's role, element number or None, level or "")
HELSINGOR_QUOTES = [
    ("Det har været lidt skørt på den gode måde. Fordi vi har været drevet af collective impact, er vi gået "
     "målrettet efter at inddrage nye typer aktører, hvor man måske andre steder ville springe det over. Vi har "
     "erfaret, at det faktisk ikke er så svært.", "sekretariatet", 2, ""),
    ("Vi er blevet mere eksperimentelle med det vi gør og inddrager flere eksterne parter nu.", "skolelederen",
     None, Level.EARLY),
    ("Relationerne har åbnet nogen døre for ting vi kan gøre sammen udover Et Lettere Liv.",
     "et alliancegruppemedlem", None, Level.EARLY),
    ("Før følte sundhedspersonalet at de stod lidt alene med overvægtproblematikken, nu føler jeg ikke at vi står "
     "alene længere. Mange bakker op og tager problemet alvorligt.", "lederen af sundhedsplejerskerne", None,
     Level.EARLY),
    ("Det er min opfattelse, at man tænker mere helhedsorienteret nu og ser på, hvordan andre aktører kan være med "
     "til at understøtte barnet og familien. Men om det lykkes at få indlejret det som noget, man altid gør, må "
     "tiden vise.", "sekretariatet", None, Level.SYSTEM),
    ("Det tværfaglige samarbejde og de relationer, vi har styrket med det her, har været med til, at vi hver især "
     "har fået adgang til målgruppen på en ny måde, og det har åbnet dørene for, hvordan vi kan bruge vores "
     "kompetencer sammen. Der er så mange ting, vi ikke kan gøre alene.", "en SSP-medarbejder", None, Level.SYSTEM),
    ("Det er dejligt at vi har fået gratis mad og noget som smager godt, som har været sundt, og som vi godt har "
     "kunnet lide. Det er super rart at have den mulighed.", "en elev", None, Level.POPULATION),
]  # fmt: skip
LEJRE_QUOTES = [
    ("En læring er at flere skal kunne se og mærke udfordringerne i deres dagligdag og kunne hægte sig på den vej "
     "rundt. En anden gang bør man være meget mere opmærksomme på det i opstarten", "kommunal leder", 1, ""),
    ("Mange har med +DIG positivt fået noget ud af at blive rykket ud af deres komfort zone. Læsehestene fx er et "
     "fantastisk eksempel på, at vi vitterligt kan få en konkret værdi ud af at samarbejde med frivillige på en "
     "anden måde.", "kommunal leder", None, Level.EARLY),
    ("Tak +DIG for at give os lov til at fejle og lære af det. Det har været en interessant rejse. Det er ikke mange "
     "steder man får lov til det. Det håber jeg vi fortsætter med.", "medlem af alliancegruppen fra forening",
     None, Level.EARLY),
    ("Alene det at der er bygget noget tillid og erfaring med samarbejde har en værdi i sig selv. Processer på tværs "
     "kører simpelthen utrolig meget nemmere med dem, der har været med.", "kommunal leder", None, Level.SYSTEM),
    ("Jeg tænker, at det er nu, vi begynder at kunne høste noget på noget af alt det, der er sat i gang.",
     "ekstern samarbejdspartner fra forening", None, Level.POPULATION),
]  # fmt: skip

HELSINGOR_SUMMARIES = {
    Level.IMPLEMENTATION: "Collective impact rammen er implementeret i et vist omfang.",
    Level.EARLY: "Der er tidlige forandringer.",
    Level.SYSTEM: "Der er nogen men få systemforandringer.",
    Level.POPULATION: "Der er begyndende tegn på forandringer i målgruppen "
    "(endelige resultater foreligger endnu ikke).",
}
LEJRE_SUMMARIES = {
    Level.IMPLEMENTATION: "Collective impact rammen er implementeret i et vist omfang i Lejre.",
    Level.EARLY: "Der er tidlige forandringer.",
    Level.SYSTEM: "Der er enkelte systemforandringer.",
    Level.POPULATION: "Der er ingen dokumenterede befolkningsforandringer, men dog vurderer aktører at der er skabt "
    "grundlag for forandringer i målgruppen på sigt.",
}

# Answers to the early-change questions, in order, shortened from the report's own words
HELSINGOR_EARLY = [
    "Initiativet har bidraget til at styrke og udbygge samarbejder om trivsel og sundhed. Der er arbejdet tæt sammen "
    "på tværs af kommunale områder, og de der har mødt hinanden på kryds og tværs er begyndt at danne relationer uden "
    "om sekretariatet.",
    "Trivsel og sundhedsproblematikker er for de involverede blevet mere tydelige og mere et fælles anliggende.",
    "Initiativet har fået sit eget område på Talkilden. Data er blevet delt og brugt til at guide mål og strategier, "
    "men kun i begrænset omfang til løbende fælles opfølgning.",
    "Initiativet har fået meget omtale i de lokale medier og internt i kommunen.",
]

HELSINGOR_LEARNING = [
    "Det er vigtigt og giver værdi at inddrage både målgruppen selv og andre typer aktører.",
    "Der bør være et sekretariat (eller anden ansvarlig enhed), som har den koordinerende funktion og får ting til at "
    "ske. For at fremme gensidigt forpligtende aktiviteter skal sekretariatsfunktionen dog ikke være udførende.",
    "Der bør være ressourcer til kommunikation, som kan øge fokus på problematikken og gøre arbejdsopgaver til et "
    "fælles anliggende for mange forskellige aktører.",
    "Relationerne og netværkene, som alliancen medvirker til at opbygge, er centrale for at udvikle og udføre "
    "aktiviteter koordineret og gensidigt understøttende.",
    "En ramme, som opfordrer og har ressourcer til at eksperimentere og understøtter relationer og uformelle "
    "netværk, kan være en direkte vej til resultater.",
]

# (what, institution, kind, formal or informal, anchored, activity title or "")
HELSINGOR_SYSTEM_CHANGES = [
    ("Nye kompetencer i lærergruppen", "Skolen ved Rønnebær Allé", "competencies", "informal", False,
     "DGI-forløb for lærere"),
    ("Sundhedsplejersker uddannet i Holbæk-modellen; ændrede opsporingsinitiativer", "Sundhedsplejen",
     "detection", "informal", False, "Holbæk-modellen for sundhedsplejersker"),
    ("Input til ny sundhedspolitik med fokus på sammenhæng mellem sundhed, trivsel og læring",
     "Helsingør Kommune, Sundhed og Omsorg", "policy", "formal", False, ""),
    ("Blivende samarbejde mellem sekretariatet, den boligsociale helhedsplan i Vapnagaard og Nøjsomhed og SSP",
     "Dagtilbud & Skoler, boligsocial helhedsplan, SSP", "collaboration", "informal", True, ""),
]  # fmt: skip
LEJRE_SYSTEM_CHANGES = [
    ("Læsehestene: frivillige læsere som blivende tilbud i dagtilbud", "Lejre Kommunes dagtilbud", "practice",
     "formal", True, "Læsehestene"),
    ("En gensidigt forpligtende, koordineret indsats mod begyndende mistrivsel på tværs af forvaltningsområder",
     "Lejre Kommune, børneområdet", "collaboration", "formal", True, ""),
]  # fmt: skip

LEJRE_ELEMENT_3: dict[str, Any] = {
    "promoted": "De gennemførte surveyundersøgelser udgjorde rammen for årlig fælles refleksion og læring. Lejre "
    "Kommune har valgt at fortsætte den årlige survey udover +DIG.",
    "hindered": "At omfanget af data omkring ensomhed og fællesskab bredt set er sparsomt var fra starten hæmmende "
    "for brugen af data som rettesnor for indsatser. Surveyundersøgelserne viste relativt små udslag og forandringer.",
}


def demo_evaluation(initiatives) -> None:
    helsingor = initiatives["helsingor-et-lettere-liv"]
    lejre = initiatives["lejre-dig"]
    helsingor_round = AssessmentRound.objects.get(initiative=helsingor, title="Erfaringsopsamling (SUS)")
    _round(helsingor_round, HELSINGOR_INFORMANTS, HELSINGOR_QUOTES, HELSINGOR_SUMMARIES, HELSINGOR_LEARNING)
    _early_answers(helsingor_round, HELSINGOR_EARLY)
    _system_changes(helsingor, HELSINGOR_SYSTEM_CHANGES)
    lejre_round = _lejre_round(lejre)
    _round(lejre_round, LEJRE_INFORMANTS, LEJRE_QUOTES, LEJRE_SUMMARIES, [])
    _system_changes(lejre, LEJRE_SYSTEM_CHANGES)


def _lejre_round(lejre) -> AssessmentRound:
    """Seed 000 gives narrative only: every element stays unrated; element 3 has its promoting and hindering text."""
    assessment_round = demo_round(initiative=lejre, title="Erfaringsopsamling (SUS)", held_on=datetime.date(2020, 6, 1))
    third = assessment_round.element_assessments.get(element__number=3)
    upsert_through(element_assessment_save, existing=third, name="elementassessment", **LEJRE_ELEMENT_3)
    return assessment_round


def _round(assessment_round, informants, quotes, summaries, learning) -> None:
    common = {"initiative": assessment_round.initiative, "round": assessment_round}
    for order, (role, count) in enumerate(informants, start=1):
        upsert_through(
            informant_group_save, existing=assessment_round.informant_groups.filter(role=role).first(),
            name="informantgroup", **common, role=role, count=count, order=order,
        )  # fmt: skip
    elements = {element.number: element for element in Element.objects.all()}
    for text, role, element, level in quotes:
        upsert_through(
            quote_save, existing=assessment_round.quotes.filter(text=text).first(), name="quote", **common,
            text=text, speaker_role=role, element=elements.get(element), level=level, anonymous=True,
        )  # fmt: skip
    for level, summary in summaries.items():
        upsert_through(
            level_assessment_save, existing=assessment_round.level_assessments.filter(level=level).first(),
            name="levelassessment", **common, level=level, summary=summary,
        )  # fmt: skip
    for order, text in enumerate(learning, start=1):
        upsert_through(
            learning_point_save, existing=assessment_round.learning_points.filter(order=order).first(),
            name="learningpoint", **common, order=order, text=text,
        )  # fmt: skip


def _early_answers(assessment_round, answers) -> None:
    """The answers to the early-change questions; the first cites the round's early-change quotes as evidence."""
    assessment = LevelAssessment.objects.get(round=assessment_round, level=Level.EARLY)
    questions = LevelQuestion.objects.filter(level=Level.EARLY)
    quotes = list(assessment_round.quotes.filter(level=Level.EARLY))
    for question, answer in zip(questions, answers, strict=True):
        evidence: dict[str, Any] = {"quotes": quotes} if question.order == 1 else {}
        upsert_through(
            level_answer_save, existing=assessment.answers.filter(question=question).first(), name="levelanswer",
            initiative=assessment_round.initiative, assessment=assessment, question=question, answer=answer,
            **evidence,
        )  # fmt: skip


def _system_changes(initiative, changes) -> None:
    for what, institution, area, formality, anchored, activity_title in changes:
        activity = initiative.activities.filter(title=activity_title).first() if activity_title else None
        upsert_through(
            system_change_save, existing=initiative.system_changes.filter(what=what).first(), name="systemchange",
            initiative=initiative, what=what, institution=institution, area=area, formality=formality,
            anchored=anchored, activity=activity,
        )  # fmt: skip
