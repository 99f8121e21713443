"""The dashboard and the comparison page: who sees them, what they hold, and queries that stay flat."""

import datetime
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dashboards import services, views
from initiatives.models import Role
from measurement.models import ALL, Observation
from tests import factories
from tests.factories import InitiativeFactory, InitiativeRoleFactory


def grow(initiative, *, activities: int, organisations: int, waves: int):
    """More of everything the dashboard aggregates: activities with partners, a survey with waves and groups."""
    sectors = ["municipality", "school", "association", "business"]
    orgs = [
        factories.OrganisationFactory(initiative=initiative, sector=factories.SectorLookup.get(sectors[n % 4]))
        for n in range(organisations)
    ]
    track = factories.TrackFactory(initiative=initiative)
    for n in range(activities):
        activity = factories.ActivityFactory(
            initiative=initiative, track=track if n % 2 else None, starts_on=datetime.date(2015 + n % 5, 1 + n % 12, 1),
            status=["planned", "running", "completed", "anchored"][n % 4], lead=orgs[n % len(orgs)] if n % 3 else None,
            illustrative=True,
        )  # fmt: skip
        for org in (orgs[n % len(orgs)], orgs[(n + 1) % len(orgs)]):
            factories.ParticipationFactory(activity=activity, organisation=org, hours=2, money=100)
        factories.CommitmentFactory(initiative=initiative, organisation=orgs[n % len(orgs)])
    survey = factories.SurveyFactory(initiative=initiative)
    indicator = factories.IndicatorFactory(initiative=initiative, survey=survey, illustrative=True, target_value=0.9)
    for w in range(waves):
        wave = factories.WaveFactory(survey=survey, name=str(2010 + w))
        for group in (ALL, "School A", "School B"):
            Observation.objects.create(initiative=initiative, indicator=indicator, wave=wave, group=group,
                                       value=0.5 + w / 100, n=400, numerator=200 + 4 * w)  # fmt: skip


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_the_dashboard_runs_the_same_number_of_queries_at_any_size(world, client):
    client.force_login(world.member)
    url = reverse("dashboards:initiative", kwargs={"slug": world.home.slug})
    # the shared reference data (sectors, elements, ratings) is read by the first page any initiative shows and then
    # kept until it changes: read here, so that both counts below are of a page after a change to the log alone
    queries_for(client, url)
    grow(world.home, activities=3, organisations=3, waves=2)
    small = queries_for(client, url)
    grow(world.home, activities=60, organisations=12, waves=6)
    large = queries_for(client, url)
    assert small == large
    assert large <= 40


def test_a_member_sees_every_panel_with_tables_csv_links_and_figures(world, client):
    grow(world.home, activities=8, organisations=4, waves=3)
    client.force_login(world.member)
    response = client.get(reverse("dashboards:initiative", kwargs={"slug": world.home.slug}))
    html = response.content.decode()
    for panel in ("activities", "leadership", "network", "contributions", "indicators", "elements", "alliance",
                  "phases"):  # fmt: skip
        assert f'id="panel-{panel}"' in html
    for key in ("activities", "leadership", "network", "new-ties", "contributions", "commitments", "members",
                "attendance", "capacity", "phases", "milestones"):  # fmt: skip
        assert f'<script id="figure-{key}" type="application/json">' in html
        assert f"/dashboard/{key}.csv" in html
    # no round has rated the elements here: the chart says so in words instead of drawing bare axes
    assert '<script id="figure-elements"' not in html
    assert '<p class="chart-empty">No assessment round has rated the elements yet.</p>' in html
    assert html.count("<details") == html.count("data-figure=")
    assert "illustrative" in html
    # nothing inline: no script without a src except the JSON figures, no style attributes
    assert "<script>" not in html
    assert " style=" not in html
    assert "vendor/plotly/plotly-strict.min.js" in html
    assert "js/charts.js" in html


def test_the_csv_of_a_chart_is_its_table_with_formulas_neutralised(world, client):
    track = factories.TrackFactory(initiative=world.home, name="=HYPERLINK(1)")
    factories.ActivityFactory(initiative=world.home, track=track, starts_on=datetime.date(2019, 1, 1))
    client.force_login(world.member)
    response = client.get(reverse("dashboards:csv", kwargs={"slug": world.home.slug, "chart": "activities"}))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="lejre-dig-activities.csv"' in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    assert text.splitlines()[0] == "Year;Track;Status;Activities"
    assert "2019;'=HYPERLINK(1);Running;1" in text.splitlines()


def test_a_chart_no_one_has_is_not_found(world, client):
    client.force_login(world.member)
    url = reverse("dashboards:csv", kwargs={"slug": world.home.slug, "chart": "nothing"})
    assert client.get(url).status_code == 404


def test_a_long_table_comes_when_opened_and_has_a_page_of_its_own(world, client, monkeypatch):
    monkeypatch.setattr(views, "LAZY_ROWS", 1)
    grow(world.home, activities=8, organisations=4, waves=3)
    client.force_login(world.member)
    html = client.get(reverse("dashboards:initiative", kwargs={"slug": world.home.slug})).text
    table_url = reverse("dashboards:table", kwargs={"slug": world.home.slug, "chart": "activities"})
    assert f'data-hx-get="{table_url}"' in html
    assert 'data-hx-trigger="toggle once"' in html
    assert f'<a href="{table_url}">Open the table (' in html  # without JavaScript: a link
    # asked by htmx: the table alone, to go into the dashboard
    fragment = client.get(table_url, headers={"HX-Request": "true"}).text
    assert fragment.lstrip().startswith("<table")
    assert '<th scope="col">Activities</th>' in fragment
    # followed as a link: a page with the layout, the chart's title and a way back
    page = client.get(table_url).text
    assert "<!doctype html>" in page
    assert "Back to the dashboard" in page
    assert '<th scope="col">Activities</th>' in page
    missing = reverse("dashboards:table", kwargs={"slug": world.home.slug, "chart": "nothing"})
    assert client.get(missing).status_code == 404


def test_a_cached_dashboard_shows_a_change_at_once(world, client):
    client.force_login(world.member)
    url = reverse("dashboards:initiative", kwargs={"slug": world.home.slug})

    def body() -> str:  # the page without the layout, whose CSRF token differs each time
        text = client.get(url).text
        return text[text.index("<h1>") : text.index("</main>")]

    before = body()
    assert body() == before  # from the cache
    factories.ActivityFactory(initiative=world.home, title="Ungebussen", starts_on=datetime.date(2031, 3, 1))
    assert "2031" not in before
    assert "2031" in body()


def test_recording_an_activity_recomputes_the_panels_that_count_activities_and_no_others(world, client):
    client.force_login(world.member)
    url = reverse("dashboards:initiative", kwargs={"slug": world.home.slug})
    grow(world.home, activities=3, organisations=3, waves=2)
    client.get(url)
    factories.ActivityFactory(initiative=world.home, title="Ungebussen", starts_on=datetime.date(2031, 3, 1))
    with CaptureQueriesContext(connection) as captured:
        assert "2031" in client.get(url).text  # the activity panels count it
    # the indicators, elements, alliance and phase panels come from the cache
    kept = ("measurement_observation", "alliance_meeting", "initiatives_milestone")
    assert not [query for query in captured if any(table in query["sql"] for table in kept)]
    # a change beyond the log recomputes them: a meeting is drawn at once
    factories.MeetingFactory(initiative=world.home, held_on=datetime.date(2030, 5, 4))
    with CaptureQueriesContext(connection) as captured:
        page = client.get(url).text
    assert "2030-05-04" in page
    assert [query for query in captured if "alliance_meeting" in query["sql"]]


def test_the_period_and_track_narrow_the_activity_panels(world, client):
    track = factories.TrackFactory(initiative=world.home, name="Reading")
    factories.ActivityFactory(initiative=world.home, track=track, starts_on=datetime.date(2018, 5, 1))
    factories.ActivityFactory(initiative=world.home, starts_on=datetime.date(2019, 5, 1))
    client.force_login(world.member)
    url = reverse("dashboards:csv", kwargs={"slug": world.home.slug, "chart": "activities"})
    rows = client.get(url, {"first_year": 2018, "last_year": 2018}).content.decode("utf-8-sig").splitlines()
    assert rows[1:] == ["2018;Reading;Running;1"]
    rows = client.get(url, {"track": track.pk}).content.decode("utf-8-sig").splitlines()
    assert rows[1:] == ["2018;Reading;Running;1"]
    page = client.get(reverse("dashboards:initiative", kwargs={"slug": world.home.slug}),
                      {"first_year": 2019, "last_year": 2018})  # fmt: skip
    assert "The period must start before it ends. The panels show every year." in page.content.decode()
    # a year the initiative has no activity in (an old bookmark, say): left out, and the page says so
    page = client.get(reverse("dashboards:initiative", kwargs={"slug": world.home.slug}),
                      {"first_year": 2018, "last_year": 2031})  # fmt: skip
    assert (
        "The address asks for a year or a track this initiative does not have: the filter leaves it out."
    ) in page.content.decode()
    rows = client.get(url, {"first_year": 2018, "last_year": 2031}).content.decode("utf-8-sig").splitlines()
    assert rows == client.get(url, {"first_year": 2018}).content.decode("utf-8-sig").splitlines()
    assert rows != client.get(url).content.decode("utf-8-sig").splitlines()  # the world has an earlier activity


def test_the_partner_network_draws_the_organisations_that_took_part_in_the_activities_shown(world, client):
    track = factories.TrackFactory(initiative=world.home, name="Reading")
    school = factories.OrganisationFactory(initiative=world.home, name="Skolen")
    club = factories.OrganisationFactory(initiative=world.home, name="Klubben")
    factories.OrganisationFactory(initiative=world.home, name="Fonden")  # on the roster, in no activity
    activity = factories.ActivityFactory(initiative=world.home, track=track, starts_on=datetime.date(2018, 5, 1))
    factories.ParticipationFactory(activity=activity, organisation=school)
    factories.ParticipationFactory(activity=activity, organisation=club)
    client.force_login(world.member)
    url = reverse("dashboards:csv", kwargs={"slug": world.home.slug, "chart": "network"})

    def drawn(**params) -> set[str]:
        world.home.refresh_from_db()  # at its current versions, as a request reads it
        chart = services.dashboard_chart(initiative=world.home, params=QueryDict(urlencode(params)), key="network")
        return {name for trace in chart.figure["data"] if trace["mode"] == "markers" for name in trace["text"]}

    assert {"Skolen", "Klubben"} <= drawn()
    assert "Fonden" not in drawn()
    assert drawn(track=track.pk) == {"Skolen", "Klubben"}
    quiet = factories.TrackFactory(initiative=world.home, name="Quiet")  # an activity nobody took part in
    factories.ActivityFactory(initiative=world.home, track=quiet, starts_on=datetime.date(2018, 6, 1))
    assert drawn(track=quiet.pk) == set()
    assert client.get(url, {"track": track.pk}).status_code == 200


def test_danish_readers_get_danish_numbers(world, client):
    factories.ParticipationFactory(activity=world.home.activities.first(), hours=12345.5)
    client.force_login(world.member)
    client.cookies["django_language"] = "da"
    html = client.get(reverse("dashboards:initiative", kwargs={"slug": world.home.slug})).content.decode()
    assert '<html lang="da">' in html
    assert "12.349,5" in html  # 4 + 12345.5 hours in the data table, grouped with a point and a decimal comma
    # a year is a year, not a number to group: never "2.019"
    year = world.home.activities.first().starts_on.year
    assert f"<td>{year}</td>" in html or f'<td class="text-end">{year}</td>' in html
    assert f"{str(year)[0]}.{str(year)[1:]}" not in html


def test_the_comparison_lists_only_the_initiatives_the_user_holds_a_role_in(world, client):
    third = InitiativeFactory(name="Tredje")
    InitiativeRoleFactory(user=world.member, initiative=third, role=Role.EVALUATOR)
    client.force_login(world.member)
    html = client.get(reverse("dashboards:compare")).content.decode()
    assert "+DIG" in html
    assert "Tredje" in html
    assert world.other.name not in html
    csv = client.get(reverse("dashboards:compare_csv", kwargs={"chart": "compare-activities"}))
    assert csv.content.decode("utf-8-sig").splitlines() == [
        "Initiative;Activities",
        "'+DIG;1",
        "Tredje;0",
    ]  # + starts a formula


@pytest.mark.parametrize("count", [1, 6])
def test_the_comparison_runs_the_same_queries_for_any_number_of_initiatives(world, client, count):
    for _n in range(count):
        initiative = InitiativeFactory()
        InitiativeRoleFactory(user=world.member, initiative=initiative)
        factories.ActivityFactory(initiative=initiative)
    client.force_login(world.member)
    assert queries_for(client, reverse("dashboards:compare")) <= 12


def test_a_change_queues_one_warm_up_that_fills_the_dashboard_cache(
    world, client, monkeypatch, django_capture_on_commit_callbacks, settings
):
    from django.db import transaction

    from dashboards import tasks

    settings.DASHBOARD_WARM_UP = True
    queued = []
    monkeypatch.setattr(tasks.warm_dashboard, "apply_async", lambda kwargs, **options: queued.append(kwargs))
    # a new initiative and three activities, in one transaction: one warm-up, for the version they leave behind
    # (a new initiative: the test's own transaction has the world's warm-ups pending, to run at its commit)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        fresh = InitiativeFactory(name="Frisk", slug="frisk")
        for n in range(3):
            factories.ActivityFactory(initiative=fresh, title=f"Aktivitet {n}")
    fresh.refresh_from_db()
    assert queued == [{"initiative_id": fresh.pk, "version": fresh.data_version}]
    # the worker computes both languages; then a member's request reads the cache: no panel query
    assert tasks.warm_dashboard(**queued[0]) == "warm"
    InitiativeRoleFactory(user=world.member, initiative=fresh, role=Role.MEMBER)
    client.force_login(world.member)
    url = reverse("dashboards:initiative", kwargs={"slug": fresh.slug})
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    assert len(captured) == 3  # session, user, role (with the initiative), nothing else
    # a warm-up overtaken by a later change does nothing (the later change has its own)
    factories.ActivityFactory(initiative=fresh, title="Senere")
    assert tasks.warm_dashboard(**queued[0]) == "superseded"


def test_a_change_is_saved_even_when_the_warm_up_cannot_be_queued(
    world, monkeypatch, django_capture_on_commit_callbacks, settings
):
    from dashboards import tasks

    settings.DASHBOARD_WARM_UP = True
    tried = []

    def broker_down(**kwargs):
        tried.append(kwargs)
        raise ConnectionError("the broker is down")

    monkeypatch.setattr(tasks.warm_dashboard, "apply_async", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        fresh = InitiativeFactory(name="Frisk", slug="frisk")
        activity = factories.ActivityFactory(initiative=fresh, title="Gemt alligevel")
    assert len(tried) == 1
    assert fresh.activities.filter(pk=activity.pk).exists()


def test_danish_tables_group_four_digit_values_but_not_the_years_that_label_rows(world, client):
    # given 4 + 1,996 hours in the year of the activity
    factories.ParticipationFactory(activity=world.home.activities.first(), hours=1996)
    client.force_login(world.member)
    client.cookies["django_language"] = "da"
    html = client.get(reverse("dashboards:initiative", kwargs={"slug": world.home.slug})).content.decode()
    year = world.home.activities.first().starts_on.year
    assert '<td class="text-end">2.000</td>' in html
    assert f'<td class="text-end">{year}</td>' in html or f"<td>{year}</td>" in html
