"""The dashboard is declared once (``dashboards.panels.PANELS``): its sections, CSV downloads and tables follow, and
its cache is keyed by the filter as the form understands it."""

import dataclasses
import datetime
import re

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from activities.models import Activity
from activities.selectors import EVERYTHING, Scope
from alliance.models import Sector
from dashboards import panels, services
from dashboards.charts import Chart
from initiatives import versioning
from tests import factories
from tests.dashboards.test_pages import grow

CHART_LINK = re.compile(r"/dashboard/([\w-]+)\.(csv|table)")


def _extra_read(context) -> list[list[int]]:
    return [[2020, 1], [2021, 2]]


def _extra(rows) -> list[Chart]:
    return [Chart("extra-counts", "Extra counts", "Two rows.", {"data": [], "layout": {}}, ["Year", "Count"], rows)]


def test_a_panel_declared_once_gets_its_section_its_csv_and_its_table(world, client, monkeypatch):
    # given one more panel, declared and nothing else
    extra = panels.Panel("extra", "Extra panel", _extra_read, _extra, charts=("extra-counts",))
    monkeypatch.setattr(panels, "PANELS", (*panels.PANELS, extra))
    client.force_login(world.member)
    slug = world.home.slug
    # then the page has its section, with its CSV link
    html = client.get(reverse("dashboards:initiative", kwargs={"slug": slug})).text
    assert '<section id="panel-extra"' in html
    assert '<a href="#panel-extra" class="me-3">9. Extra panel</a>' in html
    csv_url = reverse("dashboards:csv", kwargs={"slug": slug, "chart": "extra-counts"})
    assert f'href="{csv_url}"' in html
    # and its CSV and its table answer
    csv = client.get(csv_url)
    assert csv.status_code == 200
    assert csv.content.decode("utf-8-sig").splitlines() == ["Year;Count", "2020;1", "2021;2"]
    table = client.get(reverse("dashboards:table", kwargs={"slug": slug, "chart": "extra-counts"}))
    assert table.status_code == 200
    assert '<th scope="col">Count</th>' in table.text


def test_every_chart_the_page_links_to_is_declared_and_answers(world, client):
    grow(world.home, activities=8, organisations=4, waves=3)
    client.force_login(world.member)
    html = client.get(reverse("dashboards:initiative", kwargs={"slug": world.home.slug})).text
    linked = {key for key, _kind in CHART_LINK.findall(html)}
    drawn = set(re.findall(r'data-figure="figure-([\w-]+)"', html))
    assert drawn <= linked
    assert {"activities", "network", "new-ties", "members", "milestones"} <= linked
    assert any(key.startswith("indicator-") for key in linked)
    undeclared = sorted(key for key in linked if panels.panel_for(key) is None)
    assert undeclared == []
    for key in sorted(linked):
        for kind in ("csv", "table"):
            url = reverse(f"dashboards:{kind}", kwargs={"slug": world.home.slug, "chart": key})
            assert client.get(url).status_code == 200, url


def test_each_panel_draws_only_the_charts_it_declares(world):
    grow(world.home, activities=8, organisations=4, waves=3)
    built = panels.dashboard(initiative=world.home, scope=Scope())
    assert [panel.key for panel, _charts in built] == [panel.key for panel in panels.PANELS]
    strays = [(panel.key, chart.key) for panel, charts in built for chart in charts if not panel.draws(chart.key)]
    assert strays == []
    # and no two panels claim one chart (the CSV of a chart builds the first panel that declares it)
    keys = [chart.key for _panel, charts in built for chart in charts]
    assert [sum(panel.draws(key) for panel in panels.PANELS) for key in keys] == [1] * len(keys)


def _body(response) -> str:
    """The page without the layout, whose CSRF token differs each time."""
    text = response.text
    return text[text.index("<h1>") : text.index("</main>")]


def _refuse(**kwargs):
    pytest.fail("computed again: the cache was missed")


def test_parameters_the_filter_does_not_know_read_the_same_cache_entry(world, client, monkeypatch):
    track = factories.TrackFactory(initiative=world.home, name="Reading")
    client.force_login(world.member)
    url = reverse("dashboards:initiative", kwargs={"slug": world.home.slug})
    csv = reverse("dashboards:csv", kwargs={"slug": world.home.slug, "chart": "activities"})
    # given the unfiltered and the track's dashboard and CSV, computed once
    plain, by_track = _body(client.get(url)), _body(client.get(url, {"track": track.pk}))
    client.get(csv, {"track": track.pk})
    # when the same is asked with parameters the filter does not know, nothing is computed again
    monkeypatch.setattr(panels, "sections", _refuse)
    monkeypatch.setattr(panels, "chart", _refuse)
    assert _body(client.get(url, {"junk": "1"})) == plain
    assert _body(client.get(url, {"track": track.pk, "utm": "x"})) == by_track
    # the form as submitted (the empty fields too) is the same filter as the link with the track alone
    assert _body(client.get(url, {"first_year": "", "last_year": "", "track": track.pk})) == by_track
    assert client.get(csv, {"track": track.pk, "utm": "x"}).status_code == 200
    # and the cached page carries no one's junk into its links
    assert "utm" not in by_track
    assert f'.csv?track={track.pk}"' in by_track


def test_an_invalid_filter_value_is_keyed_as_the_form_treats_it(world, client, monkeypatch):
    client.force_login(world.member)
    url = reverse("dashboards:initiative", kwargs={"slug": world.home.slug})
    # given a track that is no longer there: the form refuses it and the page counts everything
    refused = _body(client.get(url, {"track": "999999"}))
    assert "Clear" in refused
    monkeypatch.setattr(panels, "sections", _refuse)
    # another refused value of the same field is the same page, from the same entry
    assert _body(client.get(url, {"track": "nonsense", "junk": "1"})) == refused


def test_the_warm_up_fills_the_entry_the_page_reads(world, client, monkeypatch):
    world.home.refresh_from_db()  # at its current data version, as the worker loads it
    services.dashboard_warm(initiative=world.home)
    monkeypatch.setattr(panels, "sections", _refuse)
    client.force_login(world.member)
    for language in ("da", "en"):
        client.cookies["django_language"] = language
        assert client.get(reverse("dashboards:initiative", kwargs={"slug": world.home.slug})).status_code == 200


@pytest.mark.parametrize("panel", panels.PANELS, ids=lambda p: p.key)
def test_a_panel_reads_no_table_of_an_app_it_does_not_name(world, panel):
    # one that reads nothing of the log is kept under the versions of the apps it names, which a change elsewhere
    # leaves: it must read no data of another app (the shared reference data and the initiative itself move every
    # version)
    grow(world.home, activities=3, organisations=3, waves=2)
    world.home.refresh_from_db()
    with CaptureQueriesContext(connection) as captured:
        panel.build(panels.Context(world.home, EVERYTHING))
    assert captured.captured_queries  # it reads something
    read = {app for query in captured for table, owners in _kept().items() if f'"{table}"' in query["sql"]
            for app in owners}  # fmt: skip
    assert read  # of the initiative's own data
    assert read <= set(panel.reads)


def _kept() -> dict[str, set[str]]:
    """Each table of an initiative's data with the apps whose versions a change of it moves."""
    kept = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.app_label not in versioning.DATA_APPS or hasattr(model, "instance_type"):  # a history
            continue
        if meta.auto_created:  # the link rows of a many-to-many relation: both sides' apps
            kept[meta.db_table] = {field.related_model._meta.app_label for field in meta.concrete_fields
                                   if field.is_relation} & versioning.DATA_APPS  # fmt: skip
        elif versioning._kind(model) == "initiative" or meta.label in versioning.IGNORED:  # the rollups: the log
            kept[meta.db_table] = {meta.app_label}
    return kept


def test_a_change_to_one_app_builds_again_only_the_panels_that_read_it(world, client, monkeypatch):
    client.force_login(world.member)
    page = reverse("dashboards:initiative", kwargs={"slug": world.home.slug})
    assert client.get(page).status_code == 200
    built: list[str] = []
    monkeypatch.setattr(panels, "PANELS", tuple(_noting(built, panel) for panel in panels.PANELS))

    def after(change) -> set[str]:
        built.clear()
        change()
        assert client.get(page).status_code == 200
        return set(built)

    log_panels = {panel.key for panel in panels.PANELS if panel.reads_log}
    assert after(lambda: factories.ActivityFactory(initiative=world.home)) == log_panels
    assert after(lambda: factories.MembershipFactory(initiative=world.home)) == log_panels | {"alliance"}
    assert after(lambda: factories.MilestoneFactory(initiative=world.home)) == log_panels | {"elements", "phases"}
    every = {panel.key for panel in panels.PANELS}
    assert after(lambda: versioning.bump(world.home.pk)) == every  # a change of no known kind: the whole


def _noting(built: list[str], panel: panels.Panel) -> panels.Panel:
    def read(context):
        built.append(panel.key)
        return panel.read(context)

    return dataclasses.replace(panel, read=read)


def test_a_panel_is_drawn_again_only_when_its_numbers_changed(world, client, monkeypatch):
    grow(world.home, activities=4, organisations=3, waves=2)
    client.force_login(world.member)
    page = reverse("dashboards:initiative", kwargs={"slug": world.home.slug})
    assert client.get(page).status_code == 200
    drawn: list[str] = []
    monkeypatch.setattr(panels, "PANELS", tuple(_drawing(drawn, panel) for panel in panels.PANELS))

    def after(change) -> tuple[set[str], str]:
        drawn.clear()
        change()
        answer = client.get(page)
        assert answer.status_code == 200
        return set(drawn), answer.text

    activity = Activity.objects.filter(initiative=world.home).order_by("pk").first()
    # a number no panel shows: every panel read again (the log's), none drawn again
    found, _html = after(lambda: Activity.objects.filter(pk=activity.pk).update(participants=99) or
                         versioning.bump(world.home.pk))  # fmt: skip
    assert found == set()
    # a new activity in a year of its own: the panels that count it are drawn again, and show it
    found, html = after(lambda: factories.ActivityFactory(initiative=world.home, starts_on=datetime.date(2024, 3, 1),
                                                          status="running"))  # fmt: skip
    assert {"activities", "leadership"} <= found
    assert not found & {"indicators", "elements", "alliance", "phases"}
    assert "2024" in _section(html, "activities")
    # the initiative's settings saved (every version moves): nothing it shows changed, nothing is drawn again
    found, _html = after(lambda: world.home.save())
    assert found == set()


def _drawing(drawn: list[str], panel: panels.Panel) -> panels.Panel:
    def draw(data):
        drawn.append(panel.key)
        return panel.draw(data)

    return dataclasses.replace(panel, draw=draw)


def _section(html: str, key: str) -> str:
    start = html.index(f'<section id="panel-{key}"')
    return html[start : html.index("</section>", start)]


def test_the_shared_reference_data_is_read_again_when_it_changes_not_when_an_initiative_does(world, client):
    grow(world.home, activities=4, organisations=4, waves=1)
    client.force_login(world.member)
    page = reverse("dashboards:initiative", kwargs={"slug": world.home.slug})
    assert client.get(page).status_code == 200

    def sectors_read(change) -> tuple[bool, str]:
        change()
        with CaptureQueriesContext(connection) as captured:
            html = client.get(page).text
        return any('FROM "alliance_sector" ORDER BY' in query["sql"] for query in captured), html

    # the initiative's own settings: every panel is read again, the sectors come from the cache
    read, _html = sectors_read(lambda: world.home.save())
    assert not read
    # a sector renamed: read again, and the network's legend and the contributions name it so
    sector = Sector.objects.get(key="school")
    sector.name_en = sector.name_da = "Schools and day care"
    read, html = sectors_read(sector.save)
    assert read
    assert "Schools and day care" in _section(html, "network")
