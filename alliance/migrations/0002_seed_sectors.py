from django.db import migrations

SECTORS = [
    ("municipality", "Kommune", "Municipality"),
    ("school", "Skole / dagtilbud", "School / day care"),
    ("association", "Forening / frivillige", "Association / volunteers"),
    ("business", "Virksomhed", "Business"),
    ("foundation", "Fond", "Foundation"),
    ("national-ngo", "Landsdækkende organisation", "National NGO"),
    ("housing", "Boligforening", "Housing association"),
    ("knowledge", "Viden / forskning", "Knowledge / research"),
    ("citizens", "Borgere / unge", "Citizens / young people"),
]


def seed_sectors(apps, schema_editor):
    sector_model = apps.get_model("alliance", "Sector")
    for order, (key, name_da, name_en) in enumerate(SECTORS, start=1):
        sector_model.objects.update_or_create(
            key=key, defaults={"name_da": name_da, "name_en": name_en, "order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("alliance", "0001_organisations_people_memberships_meetings")]
    operations = [migrations.RunPython(seed_sectors, migrations.RunPython.noop)]
