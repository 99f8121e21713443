"""What the API serves: each kind of data an initiative keeps, who may write it and through which service.

A kind's rows are read by every role that may read the pages (``Action.VIEW``); they are written only by a role
whose pages write them (``write``), and only through the app's own service (``save``), called as the pages call
it: ``save(initiative=…, <model name>=the row or None, **values)``. So every rule of the services holds for the
API as for the forms, the imports and the admin. A kind without ``save`` is read-only here.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext as _

from activities import services as activities
from activities.models import Activity, Commitment, Communication, Idea, IdeaOffer, LogEntry, Participation
from alliance import services as alliance
from alliance.models import Meeting, Membership, Organisation, Partner, Person
from core.services import DeletionRefused, object_delete
from initiatives import services as initiatives
from initiatives.models import AssessmentRound, ElementAssessment, Goal, StrategicTrack
from initiatives.permissions import Action
from measurement import services as measurement
from measurement.models import Indicator, Observation, Survey, Wave
from reports import services as reports
from reports.models import ReportRequest


@dataclass(frozen=True)
class Kind:
    path: str  # its place in the address: /api/v1/initiatives/<slug>/<path>/
    model: type[models.Model]
    fields: tuple[str, ...]  # what a row shows (besides its id and times)
    read_only: tuple[str, ...] = ()  # shown, never written through the API
    write: Action | None = None  # who may write; None: read-only
    save: Callable[..., models.Model] | None = None
    # the service's argument that names the user who writes ("by"), when it takes one
    by: str = ""
    create: bool = True  # False: rows are made elsewhere (an element's assessment comes with its round)
    update: bool = True  # False: a row, once made, is not changed through the API (a report request)
    fixed: tuple[str, ...] = ()  # given when a row is made, never changed (a note's activity)
    delete: Callable[..., object] | None = None  # delete(obj=…, by=…); None: not deleted through the API
    filters: tuple[str, ...] = ()
    # the data version moves with every change of the kind (initiatives/versioning.py): answers carry an ETag
    versioned: bool = True

    @property
    def name(self) -> str:
        return self.model._meta.model_name  # type: ignore[return-value]  # always set on a concrete model

    @property
    def writable(self) -> tuple[str, ...]:
        return tuple(name for name in self.fields if name not in self.read_only)


def _log_entry_save(*, initiative, logentry=None, by, activity, noted_on, text):
    """A note is added by ``log_entry_add`` and corrected by ``log_entry_update`` (its author only)."""
    if logentry is None:
        return activities.log_entry_add(activity=activity, by=by, noted_on=noted_on, text=text)
    return activities.log_entry_update(entry=logentry, by=by, noted_on=noted_on, text=text)


def _element_assessment_save(*, initiative, elementassessment, **values):
    return initiatives.element_assessment_save(elementassessment=elementassessment, **values)


def _report_request(*, initiative, reportrequest=None, by, **values):
    return reports.report_request(initiative=initiative, by=by, **values)


def _participation_delete(*, obj, by):
    """The organisation that leads an activity takes part in it (activity_save's rule): its part stays."""
    if obj.activity.lead_id == obj.organisation_id:
        raise DeletionRefused(
            _("The organisation that leads the activity takes part in it. Choose another lead first.")
        )
    return object_delete(obj=obj, by=by)


def _report_delete(*, obj, by):
    return reports.report_delete(report=obj, by=by)


KINDS: tuple[Kind, ...] = (
    Kind(
        "tracks", StrategicTrack, ("name", "description", "order"),
        write=Action.EDIT, save=initiatives.track_save, delete=object_delete,
    ),
    Kind(
        "goals", Goal, ("title", "description", "parent", "track", "order"),
        write=Action.EDIT, save=initiatives.goal_save, delete=object_delete, filters=("track", "parent"),
    ),
    Kind(
        "organisations", Organisation, ("name", "sector"),
        write=Action.EDIT, save=alliance.organisation_save, delete=object_delete, filters=("sector",),
    ),
    Kind(
        "partners", Partner, ("organisation", "part"),
        write=Action.EDIT, save=alliance.partner_save, delete=object_delete, filters=("organisation", "part"),
    ),
    Kind(
        "people", Person, ("name", "title", "organisation", "email", "consent_named"),
        write=Action.EDIT, save=alliance.person_save, delete=object_delete, filters=("organisation",),
    ),
    Kind(
        "memberships", Membership, ("person", "role", "joined_on", "left_on", "left_reason"),
        write=Action.EDIT, save=alliance.membership_save, delete=object_delete, filters=("person", "role"),
    ),
    Kind(
        "meetings", Meeting, ("held_on", "agenda", "decisions", "attendees"),
        write=Action.EDIT, save=alliance.meeting_save, delete=object_delete, filters=("held_on",),
    ),
    Kind(
        "activities", Activity,
        ("key", "title", "track", "kind", "status", "stopped_reason", "starts_on", "ends_on", "lead", "description",
         "participants", "participants_target_group", "involvement", "satisfaction", "what_worked", "what_did_not",
         "illustrative"),
        read_only=("key",),
        write=Action.EDIT, save=activities.activity_save, delete=object_delete,
        filters=("track", "status", "kind", "lead", "illustrative"),
    ),
    Kind(
        "participations", Participation,
        ("activity", "organisation", "role", "hours", "money", "in_kind", "description"),
        write=Action.EDIT, save=activities.participation_save, delete=_participation_delete, fixed=("activity",),
        filters=("activity", "organisation", "role"),
    ),
    Kind(
        "log-entries", LogEntry, ("activity", "noted_on", "text"),
        write=Action.CONTRIBUTE, save=_log_entry_save, by="by", delete=None, fixed=("activity",),
        filters=("activity", "noted_on"),
    ),
    Kind(
        "commitments", Commitment,
        ("organisation", "what", "resources", "due_on", "status", "closed_on", "closing_note"),
        read_only=("closed_on", "closing_note"),
        write=Action.EDIT, save=activities.commitment_save, delete=object_delete, filters=("organisation", "status"),
    ),
    Kind(
        "ideas", Idea,
        ("title", "description", "ask", "source", "collected_on", "track", "proposing_organisation", "status",
         "closed_reason", "lead", "activity", "taken_on"),
        read_only=("status", "closed_reason", "lead", "activity", "taken_on"),
        write=Action.CONTRIBUTE, save=activities.idea_save, by="by", filters=("status", "track", "lead"),
    ),
    Kind("idea-offers", IdeaOffer, ("idea", "organisation", "part", "note"), filters=("idea", "organisation")),
    Kind(
        "communication", Communication,
        ("published_on", "channel", "title", "audience", "reach", "link", "activity", "track"),
        write=Action.EDIT, save=activities.communication_save, delete=object_delete,
        filters=("channel", "activity", "track"),
    ),
    Kind(
        "surveys", Survey, ("name", "owner"),
        write=Action.EDIT, save=measurement.survey_save, delete=object_delete,
    ),
    Kind(
        "waves", Wave, ("survey", "name", "held_on", "invited", "responded"),
        write=Action.EDIT, save=measurement.wave_save, delete=object_delete, filters=("survey",),
    ),
    Kind(
        "indicators", Indicator,
        ("name", "definition", "goal", "survey", "unit", "polarity", "kind", "data_source", "baseline_wave",
         "target_value", "target_year", "breakdowns", "question", "yes_answers", "missing_answers", "illustrative"),
        write=Action.EDIT, save=measurement.indicator_save, delete=object_delete,
        filters=("goal", "survey", "kind", "illustrative"),
    ),
    Kind(
        "observations", Observation, ("indicator", "wave", "group", "value", "n", "numerator", "sd"),
        write=Action.EDIT, save=measurement.observation_save, delete=object_delete,
        filters=("indicator", "wave", "group"),
    ),
    Kind("assessment-rounds", AssessmentRound, ("held_on", "title")),
    Kind(
        "element-ratings", ElementAssessment,
        ("round", "element", "rating", "criteria_met", "findings_plus", "findings_minus", "promoted", "hindered",
         "activities", "indicators"),
        read_only=("round", "element"),
        write=Action.ASSESS, save=_element_assessment_save, create=False, filters=("round", "element", "rating"),
    ),
    Kind(
        "reports", ReportRequest,
        ("kind", "language", "period_from", "period_to", "tracks", "assessment_round", "sections", "shared",
         "archival", "status", "progress", "error", "started_at", "finished_at"),
        read_only=("status", "progress", "error", "started_at", "finished_at"),
        write=Action.REPORT, save=_report_request, by="by", update=False, delete=_report_delete,
        filters=("status", "kind"),
        versioned=False,
    ),
)  # fmt: skip

BY_PATH = {kind.path: kind for kind in KINDS}
