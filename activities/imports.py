"""Importing an existing activity overview (CSV or XLSX, the columns of the export): every row or none.

An unknown organisation or track is a row error that names it: add it to the alliance first.
"""

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.tabular import TableError, lookup, parse_count, parse_date, parse_yes_no, read_table

from .exports import COLUMNS
from .models import Activity, Participation

REQUIRED = {"title", "kind", "status"}
MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
SIZE_MESSAGE = gettext_lazy("The file is larger than 5 MB.")
SECRETARIAT_WORDS = {"", "secretariat", "sekretariat", "sekretariatet", "the secretariat"}
ImportError_ = TableError

KIND_WORDS = {
    Activity.Kind.EVENT: {"arrangement", "begivenhed"},
    Activity.Kind.COURSE: {"kursus", "kompetenceudvikling", "kursus / kompetenceudvikling"},
    Activity.Kind.TRIAL: {"prøvehandling"},
    Activity.Kind.CAMPAIGN: {"kampagne"},
    Activity.Kind.NETWORK: {"netværksmøde"},
    Activity.Kind.OFFER: {"fast tilbud", "løbende tilbud"},
}
STATUS_WORDS = {
    Activity.Status.IDEA: {"idé", "ide"},
    Activity.Status.PLANNED: {"planlagt"},
    Activity.Status.RUNNING: {"i gang", "kører"},
    Activity.Status.COMPLETED: {"gennemført", "afsluttet"},
    Activity.Status.ANCHORED: {"forankret"},
    Activity.Status.STOPPED: {"stoppet"},
}
INVOLVEMENT_WORDS = {
    Activity.Involvement.NONE: {"", "ikke inddraget", "ingen"},
    Activity.Involvement.CONSULTED: {"hørt"},
    Activity.Involvement.CO_DESIGNED: {"medudviklet", "co-designet"},
    Activity.Involvement.CO_LED: {"medledet"},
}


def unguard(value: str) -> str:
    """Undo the export's guard against formulas (a ' before = + - @), so that an export imports as it was."""
    if value.startswith("'") and value[1:2] in {"=", "+", "-", "@", "\t"}:
        return value[1:]
    return value


def activities_import(*, initiative, file_name: str, data: bytes) -> int:
    """Import the rows as new activities; returns how many. Raises ``TableError`` listing every bad row."""
    table = read_table(
        file_name=file_name, data=data, columns=COLUMNS, max_rows=MAX_ROWS, max_bytes=MAX_BYTES,
        size_message=SIZE_MESSAGE,
    )  # fmt: skip
    for row in table:
        row.values = {column: unguard(value) for column, value in row.values.items()}
    tracks = {track.name.lower(): track for track in initiative.tracks.all()}
    organisations = {organisation.name.lower(): organisation for organisation in initiative.organisations.all()}
    errors, planned = [], []
    for row in table:
        values = row.values
        row.require(REQUIRED)
        track = tracks.get(values["track"].lower()) if values["track"] else None
        if values["track"] and track is None:
            row.fail(
                "track", _("Unknown track “%(value)s”: add it to the initiative first.") % {"value": values["track"]}
            )
        choices = {}
        for column, words in (("kind", KIND_WORDS), ("status", STATUS_WORDS), ("involvement", INVOLVEMENT_WORDS)):
            choices[column] = lookup(words, values[column])
            if values[column] and choices[column] is None:
                row.fail(column, _("Unknown value “%(value)s”.") % {"value": values[column]})
        lead = None
        if values["lead"].lower() not in SECRETARIAT_WORDS:
            lead = organisations.get(values["lead"].lower())
            if lead is None:
                row.fail("lead", _("Unknown organisation “%(value)s”.") % {"value": values["lead"]})
        taking_part = []
        for name in filter(None, (part.strip() for part in values["organisations"].split("|"))):
            organisation = organisations.get(name.lower())
            if organisation is None:
                row.fail("organisations", _("Unknown organisation “%(value)s”.") % {"value": name})
            elif organisation not in taking_part:
                taking_part.append(organisation)
        activity = Activity(
            initiative=initiative,
            track=track,
            title=values["title"][:200],
            description=values["description"],
            kind=choices["kind"] or Activity.Kind.EVENT,
            status=choices["status"] or Activity.Status.PLANNED,
            starts_on=parse_date(row, "starts_on"),
            ends_on=parse_date(row, "ends_on"),
            lead=lead,
            participants=parse_count(row, "participants"),
            participants_target_group=parse_count(row, "participants_target_group"),
            involvement=choices["involvement"] or Activity.Involvement.NONE,
            satisfaction=parse_count(row, "satisfaction"),
            illustrative=parse_yes_no(row, "illustrative"),
            stopped_reason=_("Imported") if choices["status"] == Activity.Status.STOPPED else "",
        )
        if not row.errors:
            try:
                activity.full_clean()
            except Exception as error:  # noqa: BLE001 - a ValidationError: each message becomes a row error
                for column, messages in getattr(error, "message_dict", {"": error.messages}).items():
                    for message in messages:
                        row.fail(column if column != "__all__" else "", message)
        if row.errors:
            errors.extend(row.errors)
        else:
            planned.append((activity, lead, taking_part))
    if errors:
        raise TableError(errors)
    with transaction.atomic():
        for activity, lead, taking_part in planned:
            activity.save()
            if lead and lead not in taking_part:
                taking_part.insert(0, lead)
            for organisation in taking_part:
                role = Participation.Role.CO_ORGANISER if organisation == lead else Participation.Role.PARTICIPANT
                Participation.objects.create(
                    initiative=initiative, activity=activity, organisation=organisation, role=role
                )
    return len(planned)
