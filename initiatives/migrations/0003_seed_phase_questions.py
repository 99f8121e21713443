"""The guiding questions of the four start-up phases, from seed 004 (Danish) with English translations.

Seed 004 lists questions for phases 1 to 3; for phase 4 it describes the focus (anchor, improve, collect and
report change) without listing questions, so the questions for phase 4 here follow that description.
"""

from django.db import migrations

QUESTIONS = {
    1: [
        (
            "Er feltets/lokalområdets historie præget af positive eller negative erfaringer med samarbejde? "
            "Hvordan kan begge situationer bruges til vores fordel?",
            "Is the history of the field or local area marked by positive or negative experiences of "
            "collaboration? How can either be used to our advantage?",
        ),
        (
            "Hvordan passer det identificerede problem ind i en bredere samfundsmæssig kontekst? Er der muligheder "
            "for partnerskaber med eksisterende samarbejder? På hvilken måde kan vores samarbejde bidrage til "
            "eksisterende indsatser eller samarbejder?",
            "How does the identified problem fit into a wider societal context? Are there opportunities for "
            "partnerships with existing collaborations? How can our collaboration contribute to existing "
            "efforts or collaborations?",
        ),
        (
            "Hvordan kan vi opbygge samarbejdsrelationer på tværs, der kan hjælpe os med at forstå problemet og "
            "skabe den nødvendige støtte til at kunne gennemføre initiativet?",
            "How can we build collaborative relationships across sectors that help us understand the problem and "
            "create the support needed to carry out the initiative?",
        ),
    ],
    2: [
        (
            "Hvilken gruppe skal samles for at skabe de nødvendige forandringer på dette tidspunkt i forløbet?",
            "Which group must come together to create the necessary changes at this point?",
        ),
        (
            "Hvad ved vi allerede om problemstillingen? Hvilke data eksisterer i forvejen, der kan hjælpe os med at "
            "få en større forståelse for problemet?",
            "What do we already know about the problem? What existing data can help us understand it better?",
        ),
        (
            "Er problemet så vigtigt, at det kan tiltrække ressourcer fra dedikerede samarbejdspartnere og andre "
            "vigtige aktører?",
            "Is the problem important enough to attract resources from dedicated partners and other key actors?",
        ),
        (
            "Er der en tillidsvækkende, neutral og indflydelsesrig leder – måske i form af en organisation, som "
            "nyder opbakning på feltet – der kan koordinere og facilitere samarbejdet?",
            "Is there a trusted, neutral and influential leader – perhaps an organisation with support in the "
            "field – who can coordinate and facilitate the collaboration?",
        ),
    ],
    3: [
        (
            "Sidder de rette personer med ved bordet? Hvilke aktiver og perspektiver kan de enkelte bidrage med "
            "til samarbejdet?",
            "Are the right people at the table? What assets and perspectives can each bring to the collaboration?",
        ),
        (
            "Hvilke præcise mål fastsættes der for det videre samarbejde? Hvordan måles fremgang? Hvordan "
            "indsamles data? Er der tilstrækkelige ressourcer tilgængelige til at analysere data?",
            "Which precise goals are set for the collaboration? How is progress measured? How are data "
            "collected? Are there enough resources to analyse the data?",
        ),
        (
            "Hvilke roller er der brug for i samarbejdet? Har vi ressourcerne til at udfylde disse roller? Er der "
            "tilstrækkelige økonomiske ressourcer til at implementere initiativets indsatser?",
            "Which roles does the collaboration need? Do we have the resources to fill them? Are there enough "
            "funds to implement the initiative's activities?",
        ),
        (
            "Hvad er samarbejdets styrker og svagheder? Hvilke skridt skal der tages for at adressere svaghederne?",
            "What are the collaboration's strengths and weaknesses? What steps must be taken to address the "
            "weaknesses?",
        ),
    ],
    4: [
        (
            "Hvilke af de igangsatte indsatser er forankret, så de lever videre uden sekretariatet?",
            "Which of the activities started are anchored, so that they live on without the secretariat?",
        ),
        (
            "Hvordan faciliteres og forbedres indsatserne, så de fælles mål nås, og det lokale engagement "
            "fastholdes?",
            "How are the activities facilitated and improved so that the shared goals are reached and local "
            "engagement is kept?",
        ),
        (
            "Hvordan indsamles og rapporteres forandringerne, så de giver fælles læring og justering af "
            "indsatserne?",
            "How are changes collected and reported so that they give shared learning and adjust the activities?",
        ),
    ],
}


def seed_questions(apps, schema_editor):
    question_model = apps.get_model("initiatives", "PhaseQuestion")
    for phase, questions in QUESTIONS.items():
        for order, (text_da, text_en) in enumerate(questions, start=1):
            question_model.objects.update_or_create(
                phase=phase, order=order, defaults={"text_da": text_da, "text_en": text_en}
            )


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0002_tracks_goals_phases_and_history")]
    operations = [migrations.RunPython(seed_questions, migrations.RunPython.noop)]
