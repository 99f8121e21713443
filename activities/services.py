from django.core.exceptions import PermissionDenied
from django.db import transaction

from core.importing import CHANGED, NEW, Preview

from .imports import plan_activities
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


def activities_import(*, initiative, file_name: str, data: bytes, dry_run: bool = False) -> Preview:
    """Import an activity overview: rows with a known key update their activity, the rest are new.

    With ``dry_run`` nothing is written: the preview says what would happen, and lists refused rows. Otherwise
    every row is saved or none (``TableError`` lists the refused rows); importing the same file again changes
    nothing, and leaves no history.
    """
    if dry_run:
        return plan_activities(initiative=initiative, file_name=file_name, data=data)[0]
    with transaction.atomic():
        type(initiative).objects.select_for_update().filter(pk=initiative.pk).first()  # one import at a time
        preview, planned = plan_activities(initiative=initiative, file_name=file_name, data=data)
        preview.refuse_unless_clean()
        for item in planned:
            if item.plan.status not in (NEW, CHANGED):
                continue
            activity = item.activity
            if item.fields_changed:
                activity.save()
            wanted = {organisation.pk: organisation for organisation in item.organisations}
            current = {}
            if item.plan.status == CHANGED:
                current = {taking.organisation_id: taking for taking in activity.participations.all()}
            for organisation_pk, participation in current.items():
                if organisation_pk not in wanted:
                    participation.delete()
            for organisation_pk, organisation in wanted.items():
                if organisation_pk in current:
                    continue
                role = (
                    Participation.Role.CO_ORGANISER
                    if organisation_pk == activity.lead_id
                    else Participation.Role.PARTICIPANT
                )
                participation = Participation(
                    initiative=initiative, activity=activity, organisation=organisation, role=role
                )
                participation.full_clean()
                participation.save()
        preview.saved = True
    return preview
