"""The organisations taking part in an activity: added in rows, typed the Danish way, kept in the history."""

import re
from decimal import Decimal

import pytest
from django.utils import translation

from activities.models import Activity, Participation
from core.numbers import format_decimal
from tests import factories
from tests.snapshot import db_snapshot


@pytest.fixture
def danish(client, world):
    client.force_login(world.secretariat)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "da"
    return client


def base(world):
    return f"/i/{world.home.slug}/activities"


def activity_data(world, *rows, initial=0, **extra):
    """The activity form as a browser sends it: the activity's fields, then one numbered set per partner row."""
    data = {
        "title": "Girlpower", "track": world.home.tracks.first().pk, "kind": "course", "status": "running",
        "starts_on": "2018-09-01", "involvement": "co_designed",
        "participations-TOTAL_FORMS": len(rows), "participations-INITIAL_FORMS": initial, **extra,
    }  # fmt: skip
    for index, row in enumerate(rows):
        data.update({f"participations-{index}-{key}": value for key, value in row.items()})
    return data


def saved_row(participation, **changes):
    """A saved partner row as the Danish edit form sends it back, with ``changes``."""

    def shown(value):
        with translation.override("da"):
            return "" if value is None else format_decimal(value)

    row = {
        "id": participation.pk, "activity": participation.activity_id, "organisation": participation.organisation_id,
        "role": participation.role, "hours": shown(participation.hours), "money": shown(participation.money),
        "in_kind": participation.in_kind, "description": participation.description,
    }  # fmt: skip
    return {**row, **changes}


def test_contributions_typed_the_danish_way_are_saved_and_shown_the_danish_way(world, danish):
    school, club = (factories.OrganisationFactory(initiative=world.home) for _ in range(2))
    # given hours and kroner written the Danish way
    rows = (
        {"organisation": school.pk, "role": "host", "hours": "8,5", "money": "1.250,50"},
        {"organisation": club.pk, "role": "contributor", "hours": "12", "money": "12.000"},
    )
    # when the secretariat saves the activity
    response = danish.post(f"{base(world)}/new/", activity_data(world, *rows))
    # then they are stored as the numbers meant
    activity = Activity.objects.get(initiative=world.home, title="Girlpower")
    assert response["Location"] == activity.get_absolute_url()
    stored = {(p.organisation, p.hours, p.money) for p in activity.participations.all()}
    assert stored == {(school, Decimal("8.5"), Decimal("1250.50")), (club, Decimal("12"), Decimal("12000"))}
    # and shown in Danish on the activity and again in its edit form
    page = danish.get(activity.get_absolute_url()).text
    assert "8,5 timer · 1.250,50 kr." in page
    assert "12 timer · 12.000 kr." in page
    form = danish.get(f"{base(world)}/{activity.pk}/edit/").text
    assert re.search(r'name="participations-\d-hours" value="8,5"', form)
    assert re.search(r'name="participations-\d-money" value="1.250,50"', form)


def test_a_number_that_is_not_one_gets_a_danish_message_and_nothing_is_saved(world, danish):
    school = factories.OrganisationFactory(initiative=world.home)
    before = db_snapshot()
    response = danish.post(
        f"{base(world)}/new/", activity_data(world, {"organisation": school.pk, "role": "host", "hours": "8,5,5"})
    )
    assert response.status_code == 400
    assert "Skriv et tal, fx 8,5 eller 1.250,50." in response.text
    assert 'value="8,5,5"' in response.text  # what was typed is kept for correcting
    assert db_snapshot() == before


def test_the_form_offers_empty_rows_and_a_template_for_more(world, danish):
    page = danish.get(f"{base(world)}/new/").text
    # two empty rows work without JavaScript; app.js adds more from the template
    assert 'name="participations-TOTAL_FORMS" value="2"' in page
    assert 'name="participations-1-organisation"' in page
    assert 'name="participations-2-organisation"' not in page
    template = re.search(r"<template data-formset-template>(.*?)</template>", page, re.DOTALL).group(1)
    assert 'name="participations-__prefix__-organisation"' in template
    assert 'name="participations-__prefix__-hours"' in template
    assert 'inputmode="decimal"' in template
    assert "Tilføj organisation" in page
    assert "Gem for at få flere tomme rækker" not in page


def test_rows_added_beyond_those_the_page_was_sent_with_are_all_saved(world, danish):
    organisations = [factories.OrganisationFactory(initiative=world.home) for _ in range(4)]
    # given a form whose rows were added in the browser: four, where the page was sent with two
    rows = [{"organisation": organisation.pk, "role": "contributor", "hours": "1,5"} for organisation in organisations]
    danish.post(f"{base(world)}/new/", activity_data(world, *rows))
    # then every row is saved
    activity = Activity.objects.get(initiative=world.home, title="Girlpower")
    assert sorted(activity.participations.values_list("organisation", "hours")) == sorted(
        (organisation.pk, Decimal("1.5")) for organisation in organisations
    )


def test_rows_are_added_to_and_removed_from_a_saved_activity(world, danish):
    activity = factories.ActivityFactory(initiative=world.home, title="Girlpower")
    kept, gone = (factories.ParticipationFactory(activity=activity, hours=Decimal("2")) for _ in range(2))
    new, dropped = (factories.OrganisationFactory(initiative=world.home) for _ in range(2))
    rows = (
        saved_row(kept),
        saved_row(gone, DELETE="on"),  # ticked "Fjern fra aktiviteten"
        {"organisation": new.pk, "role": "host", "hours": "3", "DELETE": ""},
        {"organisation": dropped.pk, "role": "host", "DELETE": "on"},  # a row added, then removed in the browser
    )
    response = danish.post(f"{base(world)}/{activity.pk}/edit/", activity_data(world, *rows, initial=2))
    assert response.status_code == 302
    assert set(activity.participations.values_list("organisation", flat=True)) == {kept.organisation_id, new.pk}


def test_the_stopped_reason_is_tied_to_the_status_and_the_lead_help_names_its_empty_choice(world, danish):
    page = danish.get(f"{base(world)}/new/").text
    assert re.search(r'<input type="text" name="stopped_reason"[^>]*data-shown-when="status=stopped"', page)
    assert '<option value="" selected>Sekretariatet</option>' in page
    assert "Vælg “Sekretariatet”, når sekretariatet selv leder aktiviteten." in page


def test_the_history_shows_partners_added_changed_and_removed(world, danish):
    school, club = (factories.OrganisationFactory(initiative=world.home, name=name) for name in ("Skolen", "Klubben"))
    # given an activity saved with one partner
    danish.post(f"{base(world)}/new/", activity_data(world, {"organisation": school.pk, "role": "host", "hours": "10"}))
    activity = Activity.objects.get(initiative=world.home, title="Girlpower")
    school_row = activity.participations.get()
    # when its hours change, a second partner is added, and then the first is removed
    edit = f"{base(world)}/{activity.pk}/edit/"
    added = {"organisation": club.pk, "role": "contributor", "money": "1.250,50"}
    danish.post(edit, activity_data(world, saved_row(school_row, hours="8,5"), added, initial=1))
    club_row = activity.participations.get(organisation=club)
    school_row.refresh_from_db()
    removed = saved_row(school_row, hours="99", DELETE="on")  # what is typed into a removed row is not kept
    danish.post(edit, activity_data(world, removed, saved_row(club_row), initial=2))
    assert list(activity.participations.values_list("organisation", flat=True)) == [club.pk]
    # then the activity's history tells each step, newest first, with Danish numbers
    response = danish.get(f"{base(world)}/{activity.pk}/history/")
    entries = [
        (entry.get("name") and str(entry["name"]), entry["record"].history_type, entry["changes"])
        for entry in response.context["changes"]
    ]
    assert entries == [
        ("Skolen", "-", [{"field": "rolle", "old": "Vært", "new": None},
                         {"field": "timer", "old": "8,5", "new": None}]),
        ("Klubben", "+", [{"field": "rolle", "old": None, "new": "Bidragyder"},
                          {"field": "kr.", "old": None, "new": "1.250,50"}]),
        ("Skolen", "~", [{"field": "timer", "old": "10", "new": "8,5"}]),
        ("Skolen", "+", [{"field": "rolle", "old": None, "new": "Vært"}, {"field": "timer", "old": None, "new": "10"}]),
        (None, "+", []),
    ]  # fmt: skip
    text = response.text
    for line in ("Deltagende organisation “Skolen” fjernet", "Deltagende organisation “Klubben” tilføjet",
                 "Deltagende organisation “Skolen” ændret", "Deltagende organisation “Skolen” tilføjet"):  # fmt: skip
        assert line in text, line


def test_an_unchanged_partner_row_leaves_no_history(world, danish):
    activity = factories.ActivityFactory(initiative=world.home, title="Girlpower", track=world.home.tracks.first())
    row = factories.ParticipationFactory(activity=activity, hours=Decimal("8.5"))
    # the form sends "8,5" back: the same number, so no change is recorded
    danish.post(f"{base(world)}/{activity.pk}/edit/", activity_data(world, saved_row(row, hours="8,5"), initial=1))
    assert Participation.history.filter(id=row.pk).count() == 1
