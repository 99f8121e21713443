"""A new initiative, and one holding edge data: every page the walker knows answers, and says what to do next.

The pages come from ``tests.walker`` (every URL pattern of the project); a page whose address needs an object the
initiative does not have is skipped with the reason.
"""

import datetime

import pytest
from django.core.exceptions import ObjectDoesNotExist
from django.test import Client

from activities.models import Activity
from core.dates import EARLIEST, LATEST
from initiatives.models import Initiative, Role
from initiatives.permissions import ROLE_ACTIONS
from tests import factories
from tests.walker import initiative_pages

PAGES = initiative_pages()


def _users(initiative: Initiative) -> dict[Role, object]:
    users = {}
    for role in Role:
        users[role] = factories.UserFactory(username=f"{initiative.slug}-{role.value}")
        factories.InitiativeRoleFactory(user=users[role], initiative=initiative, role=role)
    return users


def empty_initiative() -> Initiative:
    """No activities, no members, no indicators, no tracks, no rounds."""
    return factories.InitiativeFactory(name="Ny begyndelse", slug="ny-begyndelse")


def edge_initiative() -> Initiative:
    """One track, one member, one meeting, and an activity on each of the first and the last day allowed."""
    initiative = factories.InitiativeFactory(name="Yderpunkter", slug="yderpunkter")
    track = factories.TrackFactory(initiative=initiative)
    membership = factories.MembershipFactory(initiative=initiative, joined_on=EARLIEST)
    meeting = factories.MeetingFactory(initiative=initiative, held_on=LATEST)
    meeting.attendees.add(membership)
    for day in (EARLIEST, LATEST):
        activity = factories.ActivityFactory(
            initiative=initiative, track=track, starts_on=day, ends_on=day, status=Activity.Status.RUNNING
        )
        factories.ParticipationFactory(activity=activity, organisation=membership.person.organisation, hours=1)
    return initiative


def _walk(page, initiative: Initiative):
    """Every role's answer to the page, or a skip when its address needs an object the initiative lacks."""
    try:
        url = page.url(slug_from=initiative)
    except ObjectDoesNotExist:
        pytest.skip(f"{page.name} needs an object ({', '.join(page.arguments)}) that {initiative.name} does not have")
    users = _users(initiative)
    for role, user in users.items():
        client = Client(raise_request_exception=False)
        client.force_login(user)
        response = client.get(url)
        allowed = page.access in ROLE_ACTIONS[role]
        expected = {200, 405} if allowed else {403, 404}
        assert response.status_code in expected, (page.name, url, role, response.status_code)


@pytest.mark.parametrize("page", PAGES, ids=[page.name for page in PAGES])
def test_every_page_of_an_empty_initiative_answers(page, db):
    _walk(page, empty_initiative())


@pytest.mark.parametrize("page", PAGES, ids=[page.name for page in PAGES])
def test_every_page_of_an_initiative_with_edge_data_answers(page, db):
    _walk(page, edge_initiative())


def _client(initiative, role: Role) -> Client:
    client = Client()
    client.force_login(_users(initiative)[role])
    return client


def test_the_secretariat_is_told_how_to_begin(db):
    initiative = empty_initiative()
    client = _client(initiative, Role.SECRETARIAT)
    base = f"/i/{initiative.slug}"
    overview = client.get(f"{base}/").text
    assert "Getting started" in overview
    assert f'<a href="{base}/tracks/new/">Create your tracks</a>' in overview
    assert f'<a href="{base}/alliance/members/import/">Import your member list</a>' in overview
    assert f'<a href="{base}/activities/new/">Create the first activity</a>' in overview
    activities = client.get(f"{base}/activities/").text
    assert (
        f'There are no activities yet. <a href="{base}/activities/new/">Create the first one</a>, or '
        f'<a href="{base}/activities/import/">import your activity overview</a>.'
    ) in activities
    roster = client.get(f"{base}/alliance/members/").text
    assert (
        f'The alliance group has no members yet. <a href="{base}/alliance/members/import/">Import your member '
        f'list</a>, or <a href="{base}/alliance/members/new/">add the first member</a>.'
    ) in roster
    tracks = client.get(f"{base}/tracks/").text
    assert f'There are no strategic tracks yet.\n  <a href="{base}/tracks/new/">Create your tracks</a>.' in tracks
    indicators = client.get(f"{base}/indicators/").text
    assert f'<a href="{base}/indicators/definitions/new/">Create your indicators</a>' in indicators
    dashboard = client.get(f"{base}/dashboard/").text
    assert "There are no activities yet, so the activity panels are empty." in dashboard
    assert f'<a href="{base}/activities/import/">import your activity overview</a>' in dashboard


def test_a_member_reads_a_neutral_sentence_without_links_to_pages_it_may_not_use(db):
    initiative = empty_initiative()
    client = _client(initiative, Role.MEMBER)
    base = f"/i/{initiative.slug}"
    overview = client.get(f"{base}/").text
    assert "A new initiative" in overview
    assert "Getting started" not in overview
    assert "the secretariat is adding its tracks, members and activities" in overview
    activities = client.get(f"{base}/activities/").text
    assert "There are no activities yet. The secretariat records them here." in activities
    roster = client.get(f"{base}/alliance/members/").text
    assert "The alliance group has no members yet. The secretariat records them here." in roster
    tracks = client.get(f"{base}/tracks/").text
    assert "There are no strategic tracks yet.\n  The secretariat describes them here." in tracks
    for page in (overview, activities, roster, tracks):
        assert "/new/" not in page
        assert "/import/" not in page


def test_the_empty_pages_speak_danish(db):
    initiative = empty_initiative()
    client = _client(initiative, Role.SECRETARIAT)
    base = f"/i/{initiative.slug}"
    activities = client.get(f"{base}/activities/", HTTP_ACCEPT_LANGUAGE="da").text
    assert (
        f'Der er ingen aktiviteter endnu. <a href="{base}/activities/new/">Opret den første</a>, eller '
        f'<a href="{base}/activities/import/">importér jeres aktivitetsoversigt</a>.'
    ) in activities
    overview = client.get(f"{base}/", HTTP_ACCEPT_LANGUAGE="da").text
    assert "Importér jeres medlemsliste" in overview
    assert "Opret jeres spor" in overview


@pytest.fixture
def lejre(db):
    """Activities on one track in 2016 and 2018, and a second track without any."""
    initiative = factories.InitiativeFactory(slug="lejre-dig")
    busy = factories.TrackFactory(initiative=initiative, name="Skole")
    idle = factories.TrackFactory(initiative=initiative, name="Fritid")
    for year in (2016, 2018):
        factories.ActivityFactory(initiative=initiative, track=busy, starts_on=datetime.date(year, 3, 1))
    return initiative, idle


def test_the_dashboard_of_a_track_without_activities_says_so(lejre):
    initiative, idle = lejre
    response = _client(initiative, Role.MEMBER).get(f"/i/{initiative.slug}/dashboard/", {"track": idle.pk})
    assert response.status_code == 200
    assert "No activities match this track and period, so the activity panels are empty." in response.text


def test_the_dashboard_of_a_period_without_activities_says_so(lejre):
    initiative, idle = lejre
    client = _client(initiative, Role.MEMBER)
    response = client.get(f"/i/{initiative.slug}/dashboard/", {"first_year": 2017, "last_year": 2017})
    assert response.status_code == 200
    assert "No activities match this track and period" in response.text
    for chart in ("activities", "leadership", "network"):
        assert client.get(f"/i/{initiative.slug}/dashboard/{chart}.csv", {"track": idle.pk}).status_code == 200


def test_the_dashboard_with_activities_in_the_filter_shows_no_such_note(lejre):
    initiative, _idle = lejre
    response = _client(initiative, Role.MEMBER).get(f"/i/{initiative.slug}/dashboard/", {"first_year": 2016})
    assert response.status_code == 200
    assert "No activities match" not in response.text
    assert "There are no activities yet" not in response.text


def test_a_report_of_an_initiative_without_a_round_is_made_and_says_what_is_missing(db):
    from reports.models import ReportRequest
    from reports.render import render_html
    from reports.services import report_generate, report_request

    initiative = empty_initiative()
    users = _users(initiative)
    form = Client()
    form.force_login(users[Role.EVALUATOR])
    page = form.get(f"/i/{initiative.slug}/reports/new/").text
    assert "The initiative has no assessment round yet." in page
    report = report_request(initiative=initiative, by=users[Role.EVALUATOR], sections=["level0"], language="en",
                            enqueue=False)  # fmt: skip
    report_generate(report=report)
    report.refresh_from_db()
    assert report.status == ReportRequest.Status.DONE
    assert report.error == ""
    assert "the six elements have not been rated" in render_html(report.snapshot)
