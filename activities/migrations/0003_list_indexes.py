from django.db import migrations, models

# On PostgreSQL the free-text filter (title or description contains …, which Django writes as
# UPPER(col) LIKE UPPER('%…%')) is served by trigram indexes instead of reading every activity. pg_trgm is a
# trusted extension: the database's owner may create it. SQLite, the embedded default, has no such index and
# reads the table; these indexes are not in the model's Meta because SQLite cannot create them.
TRIGRAM_INDEXES = [
    ("activities_activity_title_trgm", "title"),
    ("activities_activity_description_trgm", "description"),
]


def create_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, column in TRIGRAM_INDEXES:
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{name}" ON activities_activity USING gin (UPPER("{column}") gin_trgm_ops)'
        )


def drop_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _column in TRIGRAM_INDEXES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


class Migration(migrations.Migration):
    dependencies = [
        ("activities", "0002_list_order_index"),
        ("alliance", "0003_person_user"),
        ("initiatives", "0007_evidence"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="activity",
            name="activities__initiat_1f11c2_idx",
        ),
        migrations.AddIndex(
            model_name="activity",
            index=models.Index(fields=["initiative", "status", "starts_on", "id"], name="activities__initiat_8a20f1_idx"),
        ),
        migrations.RunPython(create_trigram_indexes, drop_trigram_indexes, elidable=False),
    ]
