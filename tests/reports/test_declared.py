"""What the reports declare once and read by version: the sections (reports/sections.py), the snapshot's shape and
version (reports/snapshot.py), the list page's queries, and reports reading through the owning apps only."""

import copy
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from reports import services
from reports.compare import compare
from reports.forms import ReportRequestForm, SectionTextsForm
from reports.models import ReportRequest, Section
from reports.render import render_html
from reports.sections import KEYS, SECTIONS, WRITTEN
from reports.snapshot import SNAPSHOT_VERSION, SnapshotTooNew, checksum, snapshot_current
from reports.standard_texts import STANDARD_TEXTS, standard_texts
from tests import factories
from tests.reports.test_compare import snapshot

TEMPLATES = Path(settings.BASE_DIR) / "templates" / "reports"
# the ways a template names a section: whether it is shown or replaced, its text, its partial, its anchor
SECTION_USES = [
    re.compile(r'"(\w+)" (?:not )?in (?:show|replaced)'),
    re.compile(r"prose\.(\w+)"),
    re.compile(r'href="#(\w+)"'),
]
# the report's template: each of its partials is the computed part of a section
PARTIAL = re.compile(r"\{% partialdef (\w+)")


def test_every_section_a_report_template_names_is_declared():
    used = {
        (path.name, key)
        for path in TEMPLATES.glob("*.html")
        for pattern in SECTION_USES
        for key in pattern.findall(path.read_text())
    }
    used |= {("experience.html", key) for key in PARTIAL.findall((TEMPLATES / "experience.html").read_text())}
    assert {key for _name, key in used} >= {"appendix_members", "appendix_activities", "level0", "introduction"}
    assert sorted((name, key) for name, key in used if key not in KEYS) == []


def test_every_declared_section_prints_its_computed_part():
    # given a snapshot with something in every part, each section's partial prints something of its own
    context = {"s": snapshot(), "show": set(KEYS), "levels": {}, "indicators": [], "four_levels": "<svg></svg>",
               "current_members": snapshot()["members"], "former_members": []}  # fmt: skip
    with translation.override("en"):
        printed = {section.key: render_to_string(section.partial, context).strip() for section in SECTIONS}
    assert [key for key, html in printed.items() if not html] == []


def test_the_report_prints_the_declared_sections_in_their_order_with_their_titles():
    html = render_html(snapshot(sections=[]))
    assert re.findall(r'<section id="(\w+)" class="chapter', html) == list(KEYS)
    assert re.findall(r'<li><a href="#(\w+)">', html) == list(KEYS)
    for section in SECTIONS:
        assert f"<h2>{section.title}</h2>" in html
        assert (f'<section id="{section.key}" class="chapter new-page">' in html) is section.new_page
    # only the chosen ones, in the report's order whatever the order chosen
    chosen = render_html(snapshot(sections=["summary", "basis"]))
    assert re.findall(r'<section id="(\w+)" class="chapter', chosen) == ["basis", "summary"]


def test_the_forms_and_the_standard_texts_follow_the_declaration(world):
    request_form = ReportRequestForm(others=world.home.__class__.objects.none(), initiative=world.home)
    assert [value for value, _label in request_form.fields["sections"].choices] == list(KEYS)
    texts_form = SectionTextsForm(texts={}, replaced=set())
    assert [name for name in texts_form.fields if not name.endswith("__replaces")] == list(WRITTEN)
    assert sorted(STANDARD_TEXTS) == sorted(WRITTEN)
    assert list(standard_texts("da")) == list(WRITTEN)
    assert set(Section.values) == set(KEYS)


# --- the snapshot's version --------------------------------------------------------------------------------------


def version_1() -> dict:
    """A snapshot as version 1 stored it: no scope, no replaced texts, no intervals on the waves."""
    old = copy.deepcopy(snapshot())
    for key in ("scope", "replaced"):
        del old[key]
    for series in old["indicators"]:
        for wave in series["waves"]:
            wave.pop("low", None)
            wave.pop("high", None)
    old["version"] = 1
    return old


def test_an_older_snapshot_is_converted_when_read_and_the_stored_one_is_left_alone():
    old = version_1()
    stored = copy.deepcopy(old)
    current = snapshot_current(old)
    assert old == stored
    assert current["version"] == SNAPSHOT_VERSION
    assert current["scope"] == {"from": "2017-01-01", "to": "2019-12-31", "tracks": [],
                                "round": {"title": "Midterm", "held_on": "2019-05-01"}}  # fmt: skip
    assert current["replaced"] == []
    assert current["indicators"][0]["waves"][0] == {"wave": "2017", "value": 0.7, "n": 300, "low": None, "high": None}
    # today's version is read as it is
    today = {**snapshot(), "version": SNAPSHOT_VERSION}
    assert snapshot_current(today) is today


def test_a_snapshot_of_a_newer_version_is_refused():
    with pytest.raises(SnapshotTooNew):
        snapshot_current({**snapshot(), "version": SNAPSHOT_VERSION + 1})


def test_an_older_snapshot_renders_as_its_conversion():
    assert render_html(version_1()) == render_html(snapshot_current(version_1()))


def test_comparing_an_older_snapshot_with_its_conversion_finds_nothing_changed():
    comparison = compare(version_1(), dict(snapshot_current(version_1())))
    assert comparison.identical


def made(world, data: dict) -> ReportRequest:
    return factories.ReportRequestFactory(initiative=world.home, snapshot=data, checksum=checksum(data))


def test_a_report_made_again_from_an_older_snapshot_stores_it_converted(world, django_capture_on_commit_callbacks):
    old = made(world, version_1())
    with django_capture_on_commit_callbacks(execute=False):
        again = services.report_again(report=old, by=world.evaluator)
    again.refresh_from_db()
    assert again.snapshot == snapshot_current(version_1())
    assert again.checksum == checksum(again.snapshot) != old.checksum
    # the report it was made from keeps its own
    old.refresh_from_db()
    assert old.snapshot == version_1()


def test_a_report_of_a_newer_snapshot_or_a_changed_one_is_not_made_again(world, client):
    newer = made(world, {**snapshot(), "version": SNAPSHOT_VERSION + 1})
    with pytest.raises(ValidationError, match="newer version"):
        services.report_again(report=newer, by=world.evaluator)
    changed = made(world, version_1())
    ReportRequest.objects.filter(pk=changed.pk).update(snapshot={**version_1(), "interviews": 99})
    changed.refresh_from_db()
    with pytest.raises(ValidationError, match="checksum"):
        services.report_again(report=changed, by=world.evaluator)
    # the page says so and makes nothing
    client.force_login(world.evaluator)
    response = client.post(reverse("reports:again", kwargs={"slug": world.home.slug, "pk": newer.pk}), follow=True)
    assert "newer version of the platform" in response.text
    assert not ReportRequest.objects.filter(source__in=[newer, changed]).exists()


def test_a_report_without_a_snapshot_is_not_made_again(world):
    unfinished = factories.ReportRequestFactory(initiative=world.home, snapshot=None)
    with pytest.raises(ValidationError, match="no stored data"):
        services.report_again(report=unfinished, by=world.evaluator)
    assert not ReportRequest.objects.filter(source=unfinished).exists()


# --- the list page and the imports -------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 8])
def test_the_list_of_reports_costs_the_same_queries_for_any_number(world, client, django_assert_max_num_queries,
                                                                     count):  # fmt: skip
    for _n in range(count):
        report = factories.ReportRequestFactory(initiative=world.home, requested_by=world.evaluator)
        report.tracks.add(factories.TrackFactory(initiative=world.home))
    client.force_login(world.evaluator)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("reports:list", kwargs={"slug": world.home.slug}))
    assert response.text.count("/download") >= count


def test_reports_import_nothing_from_the_dashboards():
    reports = Path(settings.BASE_DIR) / "reports"
    importing = [path.name for path in reports.rglob("*.py") if re.search(r"^\s*(from|import) dashboards",
                                                                             path.read_text(), re.M)]  # fmt: skip
    assert importing == []
