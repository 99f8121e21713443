"""The six collective impact elements with their criteria (DOMAIN.md and seed 001) and the rating scale."""

from django.db import migrations

ELEMENTS = [
    (1, "Fælles dagsorden og fælles vision", "Common agenda and shared vision", [
        ("En fælles vision", "A shared vision"),
        ("Fælles guidende principper/værdier", "Shared guiding principles/values"),
        ("Fælles problemforståelse", "A shared understanding of the problem"),
        ("Præcise og målbare mål", "Precise, measurable goals"),
        ("Overordnede strategier, som sætter retningen for, hvordan målene nås",
         "Overall strategies that set the direction for reaching the goals"),
    ]),
    (2, "Gensidigt forpligtende aktiviteter", "Mutually reinforcing activities", [
        ("En række forskellige former for aktiviteter, der tilsammen medvirker til at nå de fælles mål",
         "Varied activities that together serve the shared goals"),
        ("Aktiviteterne er koordineret gennem en fælles og gensidigt forpligtende handleplan",
         "Activities coordinated through a shared, mutually binding action plan"),
    ]),
    (3, "Fælles målemetoder", "Shared measurement", [
        ("Der samles data og følges op på resultater på tværs af alle deltagere i initiativet",
         "Data collected and followed up across all participants"),
        ("Data guider indsatserne og fastholder det fælles fokus blandt deltagerne",
         "Data guides the work and holds the shared focus"),
        ("Der sikres læring på tværs via data", "Learning across partners through data"),
    ]),
    (4, "Hyppig og åben kommunikation", "Continuous, open communication", [
        ("Initiativets kommunikation hjælper til at opbygge tillid, sikre fælles mål og skabe fælles motivation",
         "Communication builds trust, shared goals and motivation"),
        ("Parterne er velinformede – og kommunikerer også indbyrdes for at koordinere aktiviteter og planer",
         "Partners are well informed and coordinate with each other"),
        ("Initiativet har formået at sikre opbakning udadtil gennem løbende historier i presse og andre kanaler",
         "Public support through stories in press and other channels"),
    ]),
    (5, "Fælles sekretariat (backbone)", "Backbone secretariat", [
        ("Der er etableret en effektiv sekretariatsfunktion og ledelsesstruktur",
         "An effective secretariat and governance structure"),
        ("Den fælles sekretariatsfunktion faciliterer, støtter og guider partnerne i initiativet",
         "The secretariat facilitates, supports and guides the partners"),
        ("Den fælles sekretariatsfunktion sikrer bred opbakning og støtte til initiativet fra nøgleaktører",
         "It secures broad support from key actors"),
    ]),
    (6, "Brugerinddragelse", "User (target group) involvement", [
        ("Brugernes stemmer har været inddraget i udviklingen af initiativet", "Users' voices shaped the initiative"),
        ("Brugerne har haft indflydelse på de konkrete aktiviteter", "Users influenced the concrete activities"),
        ("Brugerne har haft mulighed for at komme til orde i aktiviteter, arbejdsgrupper, styregruppe mv.",
         "Users had a say in activities, working groups, steering group"),
    ]),
]  # fmt: skip
RATINGS = [
    ("high", "I høj grad", "To a high degree"),
    ("some", "I nogen grad", "To some degree"),
    ("lesser", "I mindre grad", "To a lesser degree"),
    ("none", "Slet ikke", "Not at all"),
]


def seed(apps, schema_editor):
    element_model = apps.get_model("initiatives", "Element")
    criterion_model = apps.get_model("initiatives", "Criterion")
    rating_model = apps.get_model("initiatives", "Rating")
    for number, name_da, name_en, criteria in ELEMENTS:
        element, _ = element_model.objects.update_or_create(
            number=number, defaults={"name_da": name_da, "name_en": name_en}
        )
        for order, (text_da, text_en) in enumerate(criteria, start=1):
            criterion_model.objects.update_or_create(
                element=element, order=order, defaults={"text_da": text_da, "text_en": text_en}
            )
    for order, (key, name_da, name_en) in enumerate(RATINGS, start=1):
        rating_model.objects.update_or_create(key=key, defaults={"order": order, "name_da": name_da, "name_en": name_en})


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0005_elements_ratings_assessments")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
