"""Dates from 01.01.1990 to 31.12.2100: refused outside in forms, services (full_clean), imports and the database."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from activities.exports import COLUMNS
from activities.forms import ActivityForm
from activities.models import Activity
from activities.services import activities_import
from alliance import services as alliance_services
from alliance.models import Meeting
from core.dates import EARLIEST, LATEST
from core.tabular import TableError
from tests import factories
from tests.snapshot import db_snapshot

BEFORE = EARLIEST - datetime.timedelta(days=1)
AFTER = LATEST + datetime.timedelta(days=1)
MESSAGE = "Enter a date from 01/01/1990 to 12/31/2100."


@pytest.fixture(autouse=True)
def _english():
    """The messages below are the English ones, whatever language an earlier test left active in this thread."""
    with translation.override("en"):
        yield


def _form(initiative, day: datetime.date) -> ActivityForm:
    data = {
        "title": "Læsecafé",
        "kind": "event",
        "status": "running",
        "involvement": "none",
        "starts_on": day.isoformat(),
    }
    form = ActivityForm(data, initiative=initiative)
    form.is_valid()
    return form


@pytest.mark.parametrize("day", [BEFORE, AFTER, datetime.date(9999, 12, 31)])
def test_the_form_refuses_a_date_outside_the_range_once(db, day):
    form = _form(factories.InitiativeFactory(), day)
    assert form.errors == {"starts_on": [MESSAGE]}


@pytest.mark.parametrize("day", [EARLIEST, LATEST])
def test_the_form_takes_the_first_and_the_last_day(db, day):
    assert _form(factories.InitiativeFactory(), day).errors == {}


def test_the_message_is_danish_in_danish(db):
    with translation.override("da"):
        form = _form(factories.InitiativeFactory(), AFTER)
        assert form.errors == {"starts_on": ["Angiv en dato fra 01.01.1990 til 31.12.2100."]}


def test_full_clean_refuses_it_for_every_service(db):
    initiative = factories.InitiativeFactory()
    activity = Activity(initiative=initiative, title="For tidligt", starts_on=BEFORE)
    with pytest.raises(ValidationError) as refused:
        activity.full_clean()
    assert refused.value.message_dict == {"starts_on": [MESSAGE]}
    with pytest.raises(ValidationError) as refused:
        alliance_services.meeting_save(initiative=initiative, held_on=AFTER, attendees=[])
    assert refused.value.message_dict == {"held_on": [MESSAGE]}
    assert not Meeting.objects.exists()


@pytest.mark.parametrize(
    ("factory", "field"),
    [
        (factories.ActivityFactory, "starts_on"),
        (factories.ActivityFactory, "ends_on"),
        (factories.MeetingFactory, "held_on"),
        (factories.MembershipFactory, "joined_on"),
        (factories.CommunicationFactory, "published_on"),
        (factories.MilestoneFactory, "reached_on"),
    ],
)
def test_the_database_refuses_it_when_validation_is_skipped(db, factory, field):
    row = factory()
    with pytest.raises(IntegrityError), transaction.atomic():
        type(row).objects.filter(pk=row.pk).update(**{field: AFTER})
    with pytest.raises(IntegrityError), transaction.atomic():
        type(row).objects.filter(pk=row.pk).update(**{field: BEFORE})
    type(row).objects.filter(pk=row.pk).update(**{field: LATEST})  # the bound itself is allowed


def test_an_import_names_the_line_and_column_of_a_date_outside_the_range(db):
    initiative = factories.InitiativeFactory()
    common = {"kind": "event", "status": "running", "involvement": "none"}
    rows = [
        {**common, "title": "Læsecafé", "starts_on": "2016-03-01"},
        {**common, "title": "Sommerskole", "starts_on": "31-12-9999"},
    ]
    names = [column.key for column in COLUMNS]
    lines = [";".join(names), *(";".join(row.get(name, "") for name in names) for row in rows)]
    data = "\n".join(lines).encode()
    before = db_snapshot()
    with pytest.raises(TableError) as refused:
        activities_import(initiative=initiative, file_name="aktiviteter.csv", data=data)
    assert [(error.line, error.column, error.message) for error in refused.value.errors] == [(3, "starts_on", MESSAGE)]
    assert db_snapshot() == before
