from django.core.exceptions import PermissionDenied
from django.db import transaction

from .models import Activity, Attachment, LogEntry, Participation


@transaction.atomic
def activity_save(*, form, participations) -> Activity:
    """Save an activity and its participating organisations together, or neither.

    An organisation that leads the activity takes part in it: it is added as co-organiser when missing, so that
    the collaboration figures see it.
    """
    activity = form.save()
    participations.instance = activity
    participations.save()
    if activity.lead_id and not activity.participations.filter(organisation_id=activity.lead_id).exists():
        lead = Participation(
            initiative=activity.initiative,
            activity=activity,
            organisation_id=activity.lead_id,
            role=Participation.Role.CO_ORGANISER,
        )
        lead.full_clean()
        lead.save()
    return activity


@transaction.atomic
def log_entry_add(*, activity: Activity, by, noted_on, text: str) -> LogEntry:
    entry = LogEntry(initiative=activity.initiative, activity=activity, author=by, noted_on=noted_on, text=text)
    entry.full_clean()
    entry.save()
    return entry


@transaction.atomic
def log_entry_update(*, entry: LogEntry, by, noted_on, text: str) -> LogEntry:
    """Correct a note: only its author may (another user may delete it instead)."""
    if entry.author_id is None or entry.author_id != by.pk:
        raise PermissionDenied("Only the author of a log entry may change it.")
    entry.noted_on, entry.text = noted_on, text
    entry.full_clean()
    entry.save()
    return entry


@transaction.atomic
def attachment_add(*, activity: Activity, by, upload) -> Attachment:
    attachment = Attachment(
        initiative=activity.initiative, activity=activity, name=upload.name[-200:], size=upload.size, uploaded_by=by
    )
    attachment.file.save(upload.name, upload, save=False)
    attachment.full_clean()
    attachment.save()
    return attachment
