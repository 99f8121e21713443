"""The API as a program uses it: reads, writes through the services, bad input, pages and conditional requests."""

import datetime
import json

import pytest
from django.urls import reverse

from activities.models import Activity, LogEntry, Participation
from core.dates import EARLIEST, LATEST
from initiatives.models import Criterion, Rating
from measurement.models import Observation
from tests import factories
from tests.snapshot import db_snapshot

from .conftest import client_with, token_for


def _url(world, kind: str, pk: int | None = None) -> str:
    if pk is None:
        return reverse(f"api:{kind}-list", kwargs={"slug": world.home.slug})
    return reverse(f"api:{kind}-detail", kwargs={"slug": world.home.slug, "pk": pk})


@pytest.fixture
def secretariat(world):
    return client_with(token_for(world.secretariat))


def test_the_initiatives_are_those_the_caller_holds_a_role_in_with_the_role(world):
    client = client_with(token_for(world.member))
    answer = client.get(reverse("api:initiative-list")).json()
    assert [(row["slug"], row["role"]) for row in answer["results"]] == [(world.home.slug, "member")]
    assert client.get(reverse("api:initiative-detail", kwargs={"slug": world.other.slug})).status_code == 404


def test_a_new_activity_goes_through_the_service_and_its_lead_takes_part(world, secretariat):
    # given an organisation of the initiative
    lead = world.home.organisations.earliest("pk")
    # when the secretariat adds an activity it leads through the API
    response = secretariat.post(
        _url(world, "activities"), {"title": "Fællesspisning", "lead": lead.pk, "status": "planned"}, format="json"
    )
    # then it is saved as the form would save it: the lead takes part (the service's rule)
    assert response.status_code == 201, response.json()
    activity = Activity.objects.get(pk=response.json()["id"])
    assert activity.title == "Fællesspisning"
    assert activity.initiative == world.home
    assert Participation.objects.filter(activity=activity, organisation=lead).exists()
    assert response.json()["key"] == str(activity.key)


def test_a_partial_change_keeps_what_it_does_not_name(world, secretariat):
    activity = world.home.activities.earliest("pk")
    track = activity.track
    response = secretariat.patch(_url(world, "activities", activity.pk), {"title": "Nyt navn"}, format="json")
    assert response.status_code == 200, response.json()
    activity.refresh_from_db()
    assert (activity.title, activity.track) == ("Nyt navn", track)


def test_a_rule_of_the_service_refuses_with_its_message_and_saves_nothing(world, secretariat):
    # an activity that ends before it starts: the model's rule, checked by the service
    before = db_snapshot()
    response = secretariat.post(
        _url(world, "activities"),
        {"title": "Baglæns", "starts_on": "2020-05-01", "ends_on": "2020-04-01"},
        format="json",
    )
    assert response.status_code == 400
    assert any("end" in message.lower() for messages in response.json().values() for message in messages)
    assert db_snapshot() == before


@pytest.mark.parametrize(
    ("body", "content_type", "field"),
    [
        (b'{"title": "Halv', "application/json", "detail"),  # malformed JSON
        (b'["a", "list"]', "application/json", "non_field_errors"),  # not an object
        (b'{"title": "Ok", "colour": "red"}', "application/json", "colour"),  # a field it does not have
        (b'{"title": "Ok", "participants": "many"}', "application/json", "participants"),  # a wrong type
        (b'{"title": "Ok", "starts_on": "31-12-2020"}', "application/json", "starts_on"),  # not a date
        (b'{"title": "Ok", "status": "finished-ish"}', "application/json", "status"),  # not a choice
        (b'{"title": ""}', "application/json", "title"),  # required and empty
        (b"title=Ok", "application/x-www-form-urlencoded", "detail"),  # not JSON at all
    ],
)
def test_bad_input_gets_a_clear_400_and_changes_nothing(world, secretariat, body, content_type, field):
    before = db_snapshot()
    response = secretariat.generic("POST", _url(world, "activities"), body, content_type=content_type)
    assert response.status_code in {400, 415}, response.content
    assert field in response.json(), response.json()
    assert db_snapshot() == before


def test_an_id_of_another_initiative_is_not_found(world, secretariat):
    foreign = world.other.organisations.earliest("pk")
    before = db_snapshot()
    response = secretariat.post(_url(world, "activities"), {"title": "Ok", "lead": foreign.pk}, format="json")
    assert response.status_code == 400
    assert "lead" in response.json()
    assert db_snapshot() == before


@pytest.mark.parametrize("size", ["1000000000", "0", "-1", "ten", "501"])
def test_a_page_size_out_of_bounds_is_refused(world, secretariat, size):
    response = secretariat.get(_url(world, "activities") + f"?page_size={size}")
    assert response.status_code == 400
    assert "page_size" in response.json()


def test_pages_carry_every_row_once(world, secretariat):
    for number in range(5):
        factories.ActivityFactory(initiative=world.home, title=f"Række {number}")
    total = world.home.activities.count()
    seen = []
    url = _url(world, "activities") + "?page_size=2"
    while url:
        answer = secretariat.get(url).json()
        assert answer["count"] == total
        seen += [row["id"] for row in answer["results"]]
        url = answer["next"]
    assert sorted(seen) == sorted(world.home.activities.values_list("pk", flat=True))
    assert secretariat.get(_url(world, "activities") + "?page=99").status_code == 404


def test_filters_are_those_of_the_pages(world, secretariat):
    activity = world.home.activities.earliest("pk")
    factories.ActivityFactory(initiative=world.home, track=None, status="planned")
    rows = secretariat.get(_url(world, "activities") + f"?track={activity.track_id}").json()["results"]
    assert [row["id"] for row in rows] == [activity.pk]
    assert secretariat.get(_url(world, "activities") + "?status=nonsense").status_code == 400
    # a filter that matches nothing is an empty page, not an error
    assert secretariat.get(_url(world, "activities") + "?status=stopped").json()["count"] == 0


def test_a_read_answers_304_until_the_data_changes(world, secretariat):
    url = _url(world, "tracks")
    first = secretariat.get(url)
    tag = first["ETag"]
    again = secretariat.get(url, HTTP_IF_NONE_MATCH=tag)
    assert again.status_code == 304
    assert again["ETag"] == tag
    assert not again.content
    # another address has another tag
    assert secretariat.get(url + "?page_size=1")["ETag"] != tag
    # when anything of the initiative changes, the tag changes and the data comes again
    secretariat.post(url, {"name": "Ny indsats"}, format="json")
    changed = secretariat.get(url, HTTP_IF_NONE_MATCH=tag)
    assert changed.status_code == 200
    assert changed["ETag"] != tag
    assert "Ny indsats" in [row["name"] for row in changed.json()["results"]]


def test_a_member_writes_notes_only_on_activities_of_their_organisation(world):
    client = client_with(token_for(world.member))
    ours = world.home.activities.earliest("pk")  # the member's organisation takes part (tests/conftest.py)
    theirs = factories.ActivityFactory(initiative=world.home)
    note = {"activity": ours.pk, "noted_on": "2026-11-30", "text": "Vi var 14 børn."}
    response = client.post(_url(world, "log-entries"), note, format="json")
    assert response.status_code == 201, response.json()
    assert LogEntry.objects.get(pk=response.json()["id"]).author == world.member
    before = db_snapshot()
    refused = client.post(_url(world, "log-entries"), {**note, "activity": theirs.pk}, format="json")
    assert refused.status_code == 403
    assert db_snapshot() == before
    # and the member may not write what only the secretariat writes
    assert client.post(_url(world, "tracks"), {"name": "Ny"}, format="json").status_code == 403


def test_only_the_author_corrects_a_note(world):
    entry = LogEntry.objects.filter(initiative=world.home).earliest("pk")  # written by the secretariat's user
    client = client_with(token_for(world.member))
    before = db_snapshot()
    response = client.patch(_url(world, "log-entries", entry.pk), {"text": "Rettet"}, format="json")
    assert response.status_code == 403
    assert db_snapshot() == before


def test_a_knowledge_partner_feeds_survey_results_in(world, secretariat):
    indicator, wave = world.home.indicators.earliest("pk"), world.home.waves.earliest("pk")
    row = {"indicator": indicator.pk, "wave": wave.pk, "group": "Piger", "value": 0.42, "n": 230}
    response = secretariat.post(_url(world, "observations"), row, format="json")
    assert response.status_code == 201, response.json()
    assert Observation.objects.get(pk=response.json()["id"]).value == pytest.approx(0.42)
    # the same indicator, wave and group twice: the model's uniqueness, as the import has it
    again = secretariat.post(_url(world, "observations"), row, format="json")
    assert again.status_code == 400


def test_deleting_keeps_the_rows_for_restoring_and_refuses_what_is_still_needed(world, secretariat):
    from core.models import DeletedItem

    activity = world.home.activities.earliest("pk")
    response = secretariat.delete(_url(world, "activities", activity.pk))
    assert response.status_code == 204
    assert not Activity.objects.filter(pk=activity.pk).exists()
    assert DeletedItem.objects.filter(kind="activities.Activity", object_id=str(activity.pk)).exists()
    # an organisation that people belong to is protected: 409 with the reason, nothing deleted
    organisation = world.home.people.earliest("pk").organisation
    before = db_snapshot()
    refused = secretariat.delete(_url(world, "organisations", organisation.pk))
    assert refused.status_code == 409
    assert refused.json()["detail"]
    assert db_snapshot() == before


def test_an_evaluator_rates_an_element(world):
    client = client_with(token_for(world.evaluator))
    assessment = world.home.element_assessments.earliest("pk")
    rating = Rating.objects.order_by("order").last()
    body = {"findings_plus": "Fælles mål er skrevet ned.", "rating": rating.pk}
    response = client.patch(_url(world, "element-ratings", assessment.pk), body, format="json")
    assert response.status_code == 200, response.json()
    assessment.refresh_from_db()
    assert (assessment.findings_plus, assessment.rating) == ("Fælles mål er skrevet ned.", rating)
    # a criterion of another element is refused by the service
    other = Criterion.objects.exclude(element=assessment.element).first()
    refused = client.patch(_url(world, "element-ratings", assessment.pk), {"criteria_met": [other.pk]}, format="json")
    assert refused.status_code == 400
    assert "criteria_met" in refused.json()
    # the round and the element are the assessment's own: not changed through the API
    assert client.post(_url(world, "element-ratings"), {}, format="json").status_code == 405


def test_reports_members_read_only_shared_finished_ones_and_download_them(world):
    factories.ReportRequestFactory(initiative=world.home, shared=False)
    member = client_with(token_for(world.member))
    secretariat = client_with(token_for(world.secretariat))
    shared = [row["id"] for row in member.get(_url(world, "reports")).json()["results"]]
    everything = [row["id"] for row in secretariat.get(_url(world, "reports")).json()["results"]]
    assert len(shared) == 1
    assert len(everything) == 2
    report = member.get(_url(world, "reports", shared[0])).json()
    download = member.get(report["pdf"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    hidden = (set(everything) - set(shared)).pop()
    assert member.get(_url(world, "reports", hidden)).status_code == 404


def test_a_report_is_requested_through_the_service(world, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    client = client_with(token_for(world.evaluator))
    body = {"kind": "experience", "language": "da", "period_from": "2015-01-01", "period_to": "2019-12-31"}
    response = client.post(_url(world, "reports"), body, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["status"] == "queued"
    assert response.json()["pdf"] is None
    # a member may not request one
    member = client_with(token_for(world.member))
    assert member.post(_url(world, "reports"), body, format="json").status_code == 403


def test_dates_at_the_bounds(world, secretariat):
    before_first = (EARLIEST - datetime.timedelta(days=1)).isoformat()
    early = secretariat.post(_url(world, "activities"), {"title": "Tidlig", "starts_on": before_first}, format="json")
    assert early.status_code == 400
    assert "starts_on" in early.json()
    for day in (EARLIEST, LATEST):
        edge = secretariat.post(
            _url(world, "activities"), {"title": "Kant", "starts_on": day.isoformat()}, format="json"
        )
        assert edge.status_code == 201, edge.json()
        assert edge.json()["starts_on"] == day.isoformat()


def test_a_body_nested_too_deep_or_too_large_is_a_400_in_json(world, secretariat, settings):
    before = db_snapshot()
    deep = secretariat.generic("POST", _url(world, "tracks"), "[" * 100_000, content_type="application/json")
    assert deep.status_code == 400
    assert "deep" in deep.json()["detail"]
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    large = secretariat.post(_url(world, "tracks"), {"name": "x" * 5000}, format="json")
    assert large.status_code == 400
    assert large["Content-Type"] == "application/json"
    assert db_snapshot() == before


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("participants", 2**31),
        ("participants", -1),
        ("satisfaction", 10**20),
        ("title", 12),
        ("title", True),
        ("title", None),
    ],
)
def test_numbers_beyond_what_the_database_holds_and_wrong_types_are_refused(world, secretariat, field, value):
    before = db_snapshot()
    response = secretariat.post(_url(world, "activities"), {"title": "Ok", field: value}, format="json")
    assert response.status_code == 400, response.json()
    assert field in response.json()
    assert db_snapshot() == before


@pytest.mark.parametrize("value", ["NaN", "Infinity", '"NaN"', '"-Infinity"'])
def test_a_value_that_is_not_a_finite_number_is_refused(world, secretariat, value):
    indicator, wave = world.home.indicators.earliest("pk"), world.home.waves.earliest("pk")
    body = f'{{"indicator": {indicator.pk}, "wave": {wave.pk}, "group": "Piger", "value": {value}, "n": 10}}'
    before = db_snapshot()
    response = secretariat.generic("POST", _url(world, "observations"), body, content_type="application/json")
    # a bare NaN is not JSON at all; as text, it is not a number
    assert response.status_code == 400
    assert ("value" if value.startswith('"') else "detail") in response.json()
    assert db_snapshot() == before


def test_a_weak_etag_matches_and_a_method_a_route_does_not_take_is_405(world, secretariat):
    url = _url(world, "tracks")
    tag = secretariat.get(url)["ETag"]
    assert secretariat.get(url, HTTP_IF_NONE_MATCH=f"W/{tag}").status_code == 304
    member = client_with(token_for(world.member, can_write=False))
    assert member.put(url, {"name": "x"}, format="json").status_code == 405
    assert member.post(reverse("api:initiative-list"), {}, format="json").status_code == 405


def test_a_refusal_of_a_service_speaks_the_callers_language(world):
    client = client_with(token_for(world.member))
    theirs = factories.ActivityFactory(initiative=world.home)
    note = {"activity": theirs.pk, "noted_on": "2026-11-30", "text": "Hej"}
    response = client.post(_url(world, "log-entries"), note, format="json", HTTP_ACCEPT_LANGUAGE="da")
    assert response.status_code == 403
    assert "aktiviteter" in response.json()["detail"]
    missing = client.get(_url(world, "tracks", 999_999), HTTP_ACCEPT_LANGUAGE="da").json()["detail"]
    assert "StrategicTrack" not in missing


@pytest.mark.parametrize("text", ["nul\x00byte", "half \ud800 pair"])
def test_text_no_database_can_store_is_refused_in_a_body_and_in_a_filter(world, secretariat, text):
    before = db_snapshot()
    body = json.dumps({"name": text})  # (json.dumps writes the lone surrogate as its escape)
    response = secretariat.generic("POST", _url(world, "tracks"), body, content_type="application/json")
    assert response.status_code == 400
    assert "name" in response.json()
    # (an address cannot carry half a pair: percent-decoding turns invalid UTF-8 into a replacement character)
    if "\x00" in text:
        response = secretariat.get(_url(world, "observations"), {"group": text})
        assert response.status_code == 400
        assert "group" in response.json()
    assert db_snapshot() == before


def test_a_change_to_a_person_keeps_what_the_api_does_not_show(world, secretariat):
    # the member's person is linked to their login (tests/conftest.py): the link says whom they speak for
    person = world.home.people.get(user=world.member)
    response = secretariat.patch(_url(world, "people", person.pk), {"title": "Formand"}, format="json")
    assert response.status_code == 200, response.json()
    person.refresh_from_db()
    assert (person.title, person.user) == ("Formand", world.member)


def test_the_lead_keeps_its_part_and_a_part_stays_on_its_activity(world, secretariat):
    activity = world.home.activities.earliest("pk")
    lead = activity.participations.earliest("pk")
    activity.lead = lead.organisation
    activity.save()
    other = factories.ActivityFactory(initiative=world.home)
    before = db_snapshot()
    refused = secretariat.delete(_url(world, "participations", lead.pk))
    assert refused.status_code == 409
    assert "lead" in refused.json()["detail"]
    moved = secretariat.patch(_url(world, "participations", lead.pk), {"activity": other.pk}, format="json")
    assert moved.status_code == 400
    assert "activity" in moved.json()
    assert db_snapshot() == before


@pytest.mark.parametrize("size", ["²", "1" * 5000])
def test_a_page_size_that_only_looks_like_a_number_is_refused(world, secretariat, size):
    response = secretariat.get(_url(world, "activities"), {"page_size": size})
    assert response.status_code == 400
    assert "page_size" in response.json()


def test_a_filter_by_another_initiatives_row_is_as_unknown_as_a_missing_one(world, secretariat):
    foreign = world.other.organisations.earliest("pk").pk
    theirs = secretariat.get(_url(world, "activities"), {"lead": foreign})
    nothing = secretariat.get(_url(world, "activities"), {"lead": 10**9})
    assert theirs.status_code == nothing.status_code == 400
    assert theirs.json() == nothing.json()


def test_a_report_cannot_cover_a_round_held_after_its_period(world):
    client = client_with(token_for(world.evaluator))
    late = world.home.assessment_rounds.latest("held_on")
    body = {"kind": "experience", "period_to": (late.held_on - datetime.timedelta(days=1)).isoformat(),
            "assessment_round": late.pk}  # fmt: skip
    before = db_snapshot()
    response = client.post(_url(world, "reports"), body, format="json")
    assert response.status_code == 400
    assert "assessment_round" in response.json()
    assert db_snapshot() == before
