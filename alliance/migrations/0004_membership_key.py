import uuid

from django.db import migrations, models


def fill_keys(apps, schema_editor):
    """Each existing membership (and its history rows) gets its own key."""
    Membership = apps.get_model("alliance", "Membership")
    HistoricalMembership = apps.get_model("alliance", "HistoricalMembership")
    for membership in Membership.objects.only("pk").iterator():
        key = uuid.uuid4()
        Membership.objects.filter(pk=membership.pk).update(key=key)
        HistoricalMembership.objects.filter(id=membership.pk).update(key=key)
    HistoricalMembership.objects.filter(key__isnull=True).update(key=uuid.uuid4())  # rows of deleted memberships


class Migration(migrations.Migration):
    dependencies = [("alliance", "0003_person_user")]

    operations = [
        migrations.AddField(
            model_name="membership", name="key", field=models.UUIDField(editable=False, null=True, verbose_name="key")
        ),
        migrations.AddField(
            model_name="historicalmembership",
            name="key",
            field=models.UUIDField(editable=False, null=True, verbose_name="key"),
        ),
        migrations.RunPython(fill_keys, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="membership",
            name="key",
            field=models.UUIDField(default=uuid.uuid4, editable=False, verbose_name="key"),
        ),
        migrations.AlterField(
            model_name="historicalmembership",
            name="key",
            field=models.UUIDField(default=uuid.uuid4, editable=False, verbose_name="key"),
        ),
        migrations.AddConstraint(
            model_name="membership",
            constraint=models.UniqueConstraint(fields=("initiative", "key"), name="membership_key_unique_per_initiative"),
        ),
    ]
