import uuid

from django.db import migrations, models


def fill_keys(apps, schema_editor):
    """Each existing activity (and its history rows) gets its own key."""
    Activity = apps.get_model("activities", "Activity")
    HistoricalActivity = apps.get_model("activities", "HistoricalActivity")
    for activity in Activity.objects.only("pk").iterator():
        key = uuid.uuid4()
        Activity.objects.filter(pk=activity.pk).update(key=key)
        HistoricalActivity.objects.filter(id=activity.pk).update(key=key)
    HistoricalActivity.objects.filter(key__isnull=True).update(key=uuid.uuid4())  # rows of deleted activities


class Migration(migrations.Migration):
    dependencies = [("activities", "0004_participation_money_in_ore")]

    operations = [
        migrations.AddField(
            model_name="activity", name="key", field=models.UUIDField(editable=False, null=True, verbose_name="key")
        ),
        migrations.AddField(
            model_name="historicalactivity",
            name="key",
            field=models.UUIDField(editable=False, null=True, verbose_name="key"),
        ),
        migrations.RunPython(fill_keys, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="activity",
            name="key",
            field=models.UUIDField(default=uuid.uuid4, editable=False, verbose_name="key"),
        ),
        migrations.AlterField(
            model_name="historicalactivity",
            name="key",
            field=models.UUIDField(default=uuid.uuid4, editable=False, verbose_name="key"),
        ),
        migrations.AddConstraint(
            model_name="activity",
            constraint=models.UniqueConstraint(fields=("initiative", "key"), name="activity_key_unique_per_initiative"),
        ),
    ]
