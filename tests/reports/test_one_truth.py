"""One definition per figure, one scope per report: each figure computed through every surface that shows it.

The demo's two initiatives, as an evaluator (a role in both) reads them: the overview, the dashboard's charts, the
collaboration figures page, the comparison page and an experience report's snapshot must give the same numbers.
A report for a period holds nothing from outside it, however much was recorded since.
"""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation

from activities.models import Activity, Communication, Participation
from alliance.models import Organisation
from home.demo import DEMO_PASSWORD
from initiatives.models import AssessmentRound, Initiative
from reports import services
from reports.models import ReportRequest
from tests.reports.test_reports import pdf_text

SLUGS = ["lejre-dig", "helsingor-et-lettere-liv"]


@pytest.fixture
def demo(db):
    call_command("loaddemo", force=True)
    client = Client()
    assert client.login(username="evaluator", password=DEMO_PASSWORD)
    return client


def _chart(client, slug, key):
    response = client.get(reverse("dashboards:table", kwargs={"slug": slug, "chart": key}))
    assert response.status_code == 200
    return response.context["chart"]


def _compare_row(client, key, name):
    charts = {chart.key: chart for chart in client.get(reverse("dashboards:compare")).context["charts"]}
    return dict(charts[key].rows)[name]


@pytest.mark.parametrize("slug", SLUGS)
def test_every_surface_shows_the_same_figures(demo, slug):
    translation.activate("en")
    initiative = Initiative.objects.get(slug=slug)
    _add_same_sector_pair(initiative)
    overview = demo.get(reverse("initiatives:home", kwargs={"slug": slug})).context
    figures = demo.get(reverse("activities:figures", kwargs={"slug": slug})).context
    report = services.report_request(initiative=initiative, by=None, language="en", enqueue=False)
    services.report_generate(report=report)
    report.refresh_from_db()
    snapshot = report.snapshot

    # members now and former: the overview, the dashboard's chart and the report
    current, former = overview["alliance"]["current"], overview["alliance"]["former"]
    members = _chart(demo, slug, "members")
    assert members.reading.startswith(f"The alliance group has {current} members now; {former} have left")
    assert (snapshot["alliance"]["current"], snapshot["alliance"]["former"]) == (current, former)
    assert sum(m["current"] for m in snapshot["members"]) == current
    assert sum(not m["current"] for m in snapshot["members"]) == former

    # the share the secretariat led, in all: the figures page, the comparison and the report
    led = figures["share"]["overall"]
    assert (snapshot["collaboration"]["backbone_led"]["part"], snapshot["collaboration"]["backbone_led"]["total"]) == (
        led.part,
        led.total,
    )
    assert _compare_row(demo, "compare-backbone", initiative.name) == led.percent
    assert _compare_row(demo, "compare-activities", initiative.name) == led.total == len(snapshot["activities"])

    # the last activities and the warning's rule: the figures page, the dashboard, the overview and the report
    recent = figures["recent"]
    leadership = _chart(demo, slug, "leadership")
    assert f"Of the last {recent.total} activities that started, the secretariat led {recent.part}." in (
        leadership.reading
    )
    recent_led = snapshot["collaboration"]["recent_led"]
    assert (recent_led["part"], recent_led["total"]) == (recent.part, recent.total)
    warned = figures["warning"] is not None
    assert (overview["warning"] is not None) == warned == recent_led["warning"] == bool(leadership.note)
    if warned:
        # illustrative exactly when an illustrative activity was counted
        assert overview["warning"].illustrative == recent.illustrative == recent_led["illustrative"]

    # ties across sectors: the comparison and the report's yearly new ties
    assert _compare_row(demo, "compare-ties", initiative.name) == sum(
        row["new_across_sectors"] for row in snapshot["collaboration"]["ties"]
    )


def test_lejre_where_the_secretariat_led_most_is_warned(demo):
    # Lejre: the secretariat led most of its activities (seed 000); the warning's rule says so on every page
    figures = demo.get(reverse("activities:figures", kwargs={"slug": "lejre-dig"})).context
    assert figures["share"]["overall"].above(50)
    assert figures["warning"] is not None
    overview = demo.get(reverse("initiatives:home", kwargs={"slug": "lejre-dig"}), HTTP_ACCEPT_LANGUAGE="da")
    assert "Af de seneste" in overview.text


def _add_same_sector_pair(initiative: Initiative) -> None:
    """An activity where two organisations of one sector work with one of another: one tie within a sector, two
    across (a comparison once counted all three as across)."""
    by_sector = {}
    for organisation in Organisation.objects.filter(initiative=initiative).order_by("pk"):
        by_sector.setdefault(organisation.sector_id, []).append(organisation)
    pair = next(group[:2] for group in by_sector.values() if len(group) >= 2)
    other = next(group[0] for sector, group in by_sector.items() if sector != pair[0].sector_id)
    activity = Activity.objects.create(initiative=initiative, title="Fælles", starts_on=datetime.date(2020, 3, 1),
                                       status=Activity.Status.COMPLETED, lead=pair[0])  # fmt: skip
    for organisation in (*pair, other):
        Participation.objects.create(initiative=initiative, activity=activity, organisation=organisation, hours=1)


def _add_2026(initiative: Initiative) -> None:
    """A 2026 activity with distinctive numbers, a 2026 press item and a 2026 assessment round."""
    track = initiative.tracks.first()
    activity = Activity.objects.create(
        initiative=initiative, title="Zebraløbet 2026", starts_on=datetime.date(2026, 9, 1),
        status=Activity.Status.COMPLETED, track=track, participants=4321,
    )  # fmt: skip
    organisations = list(Organisation.objects.filter(initiative=initiative).order_by("sector", "pk"))
    by_sector = {}
    for organisation in organisations:
        by_sector.setdefault(organisation.sector_id, organisation)
    for organisation in list(by_sector.values())[:3]:
        Participation.objects.create(
            initiative=initiative, activity=activity, organisation=organisation, hours=777
        )  # fmt: skip
    Communication.objects.create(
        initiative=initiative, published_on=datetime.date(2026, 10, 1), title="Zebra i avisen", reach=98765,
        channel=Communication._meta.get_field("channel").choices[0][0],
    )  # fmt: skip
    AssessmentRound.objects.create(initiative=initiative, title="Opfølgning 2026", held_on=datetime.date(2026, 11, 1))


def test_a_report_for_2015_to_2019_holds_nothing_recorded_after_it(demo, tmp_path):
    initiative = Initiative.objects.get(slug="helsingor-et-lettere-liv")
    _add_2026(initiative)
    whole = services.report_request(initiative=initiative, by=None, language="da", enqueue=False)
    period = services.report_request(
        initiative=initiative, by=None, language="da", enqueue=False,
        period_from=datetime.date(2015, 1, 1), period_to=datetime.date(2019, 12, 31),
    )  # fmt: skip
    for report in (whole, period):
        services.report_generate(report=report)
        report.refresh_from_db()
    # the whole report counts 2026; the period's does not, in any part
    assert whole.assessment_round.title == "Opfølgning 2026"
    assert period.assessment_round.held_on.year <= 2019
    assert period.snapshot["scope"]["round"]["held_on"] <= "2019-12-31"
    assert any(a["title"] == "Zebraløbet 2026" for a in whole.snapshot["activities"])
    collaboration = period.snapshot["collaboration"]
    assert all(row["year"] <= 2019 for row in collaboration["ties"] + collaboration["reinforcing"])
    assert collaboration["communication_reach"] < whole.snapshot["collaboration"]["communication_reach"]
    assert collaboration["backbone_led"]["total"] == len(period.snapshot["activities"])
    assert all(a["starts_on"] <= "2019-12-31" for a in period.snapshot["activities"])
    # nor in the PDF or the Word document
    text = pdf_text(period.output.path)
    for distinctive in ("Zebra", "4321", "4.321", "98765", "98.765", "Opfølgning 2026"):
        assert distinctive not in text
    assert "Zebraløbet 2026" in pdf_text(whole.output.path)
    from docx import Document

    with period.document.open("rb") as handle:
        document = Document(io.BytesIO(handle.read()))
    words = "\n".join(p.text for p in document.paragraphs) + "\n".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    )
    for distinctive in ("Zebra", "4.321", "98.765", "Opfølgning 2026"):
        assert distinctive not in words


def test_the_request_form_names_the_round_and_refuses_one_after_the_period(demo):
    client = Client()
    assert client.login(username="evaluator", password=DEMO_PASSWORD)
    initiative = Initiative.objects.get(slug="helsingor-et-lettere-liv")
    latest = initiative.assessment_rounds.order_by("-held_on").first()
    url = reverse("reports:create", kwargs={"slug": initiative.slug})
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="da")
    assert latest.title in page.text  # the default says which round it is now
    before = ReportRequest.objects.count()
    refused = client.post(url, {"kind": "experience", "language": "da", "period_from": "1.1.2015",
                                "period_to": "31.12.2015", "assessment_round": latest.pk,
                                "sections": ["introduction"]}, HTTP_ACCEPT_LANGUAGE="da")  # fmt: skip
    assert refused.status_code == 200
    assert "Runden blev holdt efter periodens slutning" in refused.text
    assert ReportRequest.objects.count() == before


def test_the_command_takes_every_choice_the_form_offers(demo, tmp_path):
    initiative = Initiative.objects.get(slug="helsingor-et-lettere-liv")
    first_round = initiative.assessment_rounds.order_by("held_on").first()
    track = initiative.tracks.order_by("name").first()
    out = tmp_path / "report.pdf"
    call_command("generate_report", initiative.slug, "--lang", "da", "--from", "2015-01-01", "--to", "2019-12-31",
                 "--round", first_round.title, "--track", track.name, "--out", str(out))  # fmt: skip
    report = ReportRequest.objects.latest("pk")
    assert (report.period_from, report.period_to) == (datetime.date(2015, 1, 1), datetime.date(2019, 12, 31))
    assert report.assessment_round == first_round
    assert list(report.tracks.all()) == [track]
    assert report.snapshot["scope"]["tracks"] == [track.name]
    assert {a["track"] for a in report.snapshot["activities"]} <= {track.name}
    # bad choices are refused with a clear message, and nothing is asked for
    before = ReportRequest.objects.count()
    for wrong in (
        ["--round", "Ingen sådan runde"],
        ["--track", "Intet spor"],
        ["--from", "2019-01-01", "--to", "2015-01-01"],
    ):
        with pytest.raises(CommandError):
            call_command("generate_report", initiative.slug, *wrong, "--out", str(out))
    assert ReportRequest.objects.count() == before
