"""The questions the experience reports ask of each change level (seeds 000 and 001, DOMAIN.md)."""

from django.db import migrations

QUESTIONS = {
    "early": [
        ("Er det muligt at identificere ændrede og styrkede samarbejdsrelationer mellem aktører på området?",
         "Can changed and strengthened collaboration relationships between actors be identified?"),
        ("Er der en øget forståelse for eller øget viden om problematikken blandt centrale aktører?",
         "Is there more understanding or knowledge of the problem among key actors?"),
        ("Er der øget data-tilgængelighed og brug af data?", "Are more data available, and are they used?"),
        ("Er der øget omtale af problematikken i offentligheden?", "Is there more public attention to the problem?"),
    ],
    "system": [
        ("Er der sket en ændring i den måde, problematikken håndteres og prioriteres på blandt nøgleinstitutioner og "
         "aktører på området?",
         "Has the way key institutions and actors handle and prioritise the problem changed?"),
        ("Er der sket forandringer i kompetencerne blandt medarbejderne på området?",
         "Have the competencies of the staff in the field changed?"),
        ("Er der etableret nye rammer for arbejdet med problemstillingerne (fx nye politikker, ændret "
         "ressourceallokering, datasystemer, opsporingsinitiativer)?",
         "Have new frameworks for the work been established (new policies, resource allocation, data systems, "
         "detection initiatives)?"),
    ],
    "population": [
        ("Er der målbare forandringer i initiativets indikatorer for målgruppen?",
         "Are there measurable changes in the initiative's indicators for the target group?"),
        ("Oplever aktørerne begyndende tegn på forandringer i målgruppen?",
         "Do the actors see early signs of change in the target group?"),
    ],
}


def seed(apps, schema_editor):
    LevelQuestion = apps.get_model("evaluation", "LevelQuestion")
    for level, questions in QUESTIONS.items():
        for order, (text_da, text_en) in enumerate(questions, start=1):
            LevelQuestion.objects.update_or_create(
                level=level, order=order, defaults={"text_da": text_da, "text_en": text_en}
            )


class Migration(migrations.Migration):
    dependencies = [("evaluation", "0001_informants_quotes_levels_ledger")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
