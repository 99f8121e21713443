"""Experience reports: the PDF's text, the URL fetcher, the job and who may request and download."""

import datetime
import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from docx import Document
from pypdf import PdfReader

from evaluation.models import InformantGroup
from initiatives.models import ElementAssessment, Rating
from reports import services, tasks, views
from reports.models import ReportRequest, ReportText, Section
from reports.render import BASE_URL, RefusedURL, static_only_fetcher
from reports.standard_texts import standard_texts
from tests.snapshot import db_snapshot

from .. import factories


def pdf_text(path_or_bytes) -> str:
    """The text of every page in the order the PDF holds it, read in Python (a fresh machine has no poppler)."""
    data = path_or_bytes if isinstance(path_or_bytes, bytes) else Path(path_or_bytes).read_bytes()
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def pdf_metadata(path) -> str:
    """The document's XMP metadata (what ``pdfinfo -meta`` prints)."""
    return PdfReader(path).trailer["/Root"]["/Metadata"].get_data().decode()


def rate_everything(initiative) -> list[str]:
    """Rate the latest round's elements in turn on the scale; the ratings' English names in element order."""
    ratings = list(Rating.objects.order_by("order"))
    assessment_round = initiative.assessment_rounds.first()
    names = []
    for index, assessment in enumerate(ElementAssessment.objects.filter(round=assessment_round)):
        assessment.rating = ratings[index % len(ratings)]
        assessment.findings_plus = f"Plus finding {assessment.element.number}"
        assessment.findings_minus = f"Minus finding {assessment.element.number}"
        assessment.save()
        names.append(assessment.rating.name_en)
    return names


def rated_with_informants_and_words(initiative) -> list[str]:
    """A rated round (the ratings' names, in element order), 4 pupils among the informants, and an introduction
    the evaluators wrote ("Our words.")."""
    ratings = rate_everything(initiative)
    assessment_round = initiative.assessment_rounds.first()
    InformantGroup.objects.create(initiative=initiative, round=assessment_round, role="pupils", count=4, order=2)
    for report in ReportRequest.objects.filter(initiative=initiative, language="en", kind="experience"):
        ReportText.objects.update_or_create(report=report, section=Section.INTRODUCTION,
                                            defaults={"text": "Our words."})  # fmt: skip
    return ratings


@pytest.fixture
def report(world):
    return services.report_request(initiative=world.home, by=world.evaluator, language="en", enqueue=False)


def test_the_pdf_holds_the_ratings_informants_and_appendices_in_reading_order(world, report):
    # given a rated round with informants and a section the evaluators wrote
    ratings = rated_with_informants_and_words(world.home)
    # when the report is generated
    services.report_generate(report=report)
    # then it is done, with a PDF and the snapshot it was made from
    report.refresh_from_db()
    assert report.status == ReportRequest.Status.DONE
    assert report.progress == 100
    assert len(report.checksum) == 64
    assert report.snapshot["informants_total"] == 19
    text = pdf_text(report.output.path)
    # the six ratings, each after its element's name and before the next element
    table = " ".join(text[text.index("Element and criteria") :].split())
    for number, rating in enumerate(ratings, start=1):
        name_at = table.index(f"{number}. ")
        assert (
            table.index(rating, name_at)
            < table.index(f"+ Plus finding {number}")
            < table.index(f"÷ Minus finding {number}")
        )
        if number < len(ratings):
            assert table.index(f"÷ Minus finding {number}") < table.index(f"{number + 1}. ", name_at)
    assert "÷ Minus finding 6" in text
    # the informants counted
    assert "alliance members" in text
    assert "Informants in all" in text
    assert "19" in text
    # written and computed parts told apart once, by the reading guide
    assert text.count("How to read the report") == 1
    assert "Written by the evaluators" not in text
    assert "Our words." in text
    # the chapters in the order of the contents, the appendices last
    headings = ["What the assessment is based on", "Level 0: the six elements", "Level 3: population changes",
                "Appendix 1: the alliance members", "Appendix 2: the activity overview"]  # fmt: skip
    body = text[text.index("Appendix 2: the activity overview") + 40 :]  # after the contents
    found = [body.index(heading) for heading in headings]
    assert found == sorted(found)


def docx_text(path_or_bytes) -> tuple[list, list]:
    """The paragraphs (style, text) and the tables (rows of cell texts) of a Word document."""
    data = path_or_bytes if isinstance(path_or_bytes, bytes) else Path(path_or_bytes).read_bytes()
    document = Document(io.BytesIO(data))
    paragraphs = [(paragraph.style.name, paragraph.text) for paragraph in document.paragraphs]
    tables = [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]
    return paragraphs, tables


def test_the_word_document_holds_the_same_report_as_word_headings_lists_and_tables(world, report):
    ratings = rated_with_informants_and_words(world.home)
    services.report_generate(report=report)
    report.refresh_from_db()
    paragraphs, tables = docx_text(report.document.path)
    headings = [text for style, text in paragraphs if style.startswith("Heading")]
    assert (
        headings.index("Introduction")
        < headings.index("Level 0: the six elements")
        < headings.index("Appendix 2: the activity overview")
    )
    texts = [text for _, text in paragraphs]
    assert "How to read the report" in texts
    assert "Our words." in texts
    assert "Contents" not in texts  # Word makes its own table of contents
    # the informant table, with its total
    informants = next(table for table in tables if table[0] == ["Informants", "Number"])
    assert ["pupils", "4"] in informants
    assert informants[-1] == ["Informants in all", "19"]
    # the six elements: a merged heading row per element with its rating, then criteria and findings
    elements = next(table for table in tables if table[0][0].startswith("Element and criteria"))
    for number, rating in enumerate(ratings, start=1):
        head = next(row for row in elements if row[0].startswith(f"{number}. "))
        assert head[0] == head[1]  # merged across the two columns
        assert head[2] == rating
    assert any("+ Plus finding 1" in cell for row in elements for cell in row)
    # header rows repeat on every page
    document = Document(report.document.path)
    assert document.tables[0].rows[0]._tr.xpath("./w:trPr/w:tblHeader")


def test_the_word_document_is_downloaded_like_the_pdf(world, report):
    services.report_generate(report=report)
    url = reverse("reports:download_docx", kwargs={"slug": world.home.slug, "pk": report.pk})
    response = factories_client(world.evaluator).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == views.DOCX
    assert f'filename="{world.home.slug}-experience-en-{report.pk}.docx"' in response["Content-Disposition"]
    assert b"".join(response.streaming_content)[:2] == b"PK"
    assert factories_client(world.member).get(url).status_code == 404  # not shared


def test_the_report_speaks_danish_when_asked(world):
    report = services.report_request(initiative=world.home, by=world.evaluator, language="da", enqueue=False)
    services.report_generate(report=report)
    text = pdf_text(Path(ReportRequest.objects.get(pk=report.pk).output.path))
    assert "Bilag 1: alliancens medlemmer" in text
    assert "Appendix 1" not in text


def test_members_without_consent_are_shown_by_title_and_organisation_only(world, report):
    membership = world.home.memberships.first()
    membership.person.consent_named = False
    membership.person.title = "Head of school"
    membership.person.save()
    services.report_generate(report=report)
    text = pdf_text(ReportRequest.objects.get(pk=report.pk).output.path)
    assert "Head of school" in text
    assert membership.person.name not in text


def test_the_fetcher_serves_our_static_files_and_refuses_everything_else():
    fetcher = static_only_fetcher()
    css = fetcher.fetch(f"{BASE_URL}static/reports/report.css")
    assert b"@page" in css.read()
    for url in ("file:///etc/passwd", "http://169.254.169.254/latest/meta-data/", "https://example.org/x.css",
                f"{BASE_URL}static/../config/settings/base.py", f"{BASE_URL}media/reports/x.pdf",
                "data:text/css,body{}"):  # fmt: skip
        with pytest.raises(RefusedURL):
            fetcher.fetch(url)


def test_user_text_naming_a_local_file_is_not_read(world, report):
    # given a vision that tries to make the renderer read a local file
    world.home.vision = '<img src="file:///etc/hostname"> <link rel="stylesheet" href="http://127.0.0.1:1/x.css">'
    world.home.save()
    services.report_generate(report=report)
    text = pdf_text(ReportRequest.objects.get(pk=report.pk).output.path)
    # then it is printed as text, not fetched
    assert "file:///etc/hostname" in text


def test_running_twice_leaves_one_output(world, report):
    services.report_generate(report=report)
    first = Path(ReportRequest.objects.get(pk=report.pk).output.path)
    tasks.generate_report.apply(kwargs={"report_id": report.pk})  # a redelivery after it finished
    report.status = ReportRequest.Status.RUNNING  # a redelivery while it seemed to run
    services.report_generate(report=ReportRequest.objects.get(pk=report.pk))
    again = Path(ReportRequest.objects.get(pk=report.pk).output.path)
    assert again == first
    # one PDF and one Word document, each replaced whole
    made = sorted(p.name for p in first.parent.iterdir() if p.name.startswith(str(report.token)))
    assert made == sorted([first.name, first.with_suffix(".docx").name])
    assert not [p for p in first.parent.iterdir() if p.name.startswith(".tmp-")]


def test_a_failure_is_recorded_with_a_message_and_can_be_retried(
    world, report, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(snapshot, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(services, "render_pdf", broken)
    assert tasks.generate_report.apply(kwargs={"report_id": report.pk}).get() == "failed"
    report.refresh_from_db()
    assert report.status == ReportRequest.Status.FAILED
    assert "Try again" in report.error
    sent = []
    monkeypatch.setattr(tasks.generate_report, "delay", lambda **kwargs: sent.append(kwargs))
    client = factories_client(world.evaluator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:retry", kwargs={"slug": world.home.slug, "pk": report.pk}))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportRequest.Status.QUEUED
    assert report.error == ""
    assert sent == [{"report_id": report.pk}]


def factories_client(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


def test_an_evaluator_requests_a_report_and_it_is_enqueued_after_commit(
    world, monkeypatch, django_capture_on_commit_callbacks
):
    sent = []
    monkeypatch.setattr(tasks.generate_report, "delay", lambda **kwargs: sent.append(kwargs))
    client = factories_client(world.evaluator)
    url = reverse("reports:create", kwargs={"slug": world.home.slug})
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(url, {"kind": "experience", "language": "en", "sections": ["level0", "basis"],
                                     "period_from": "2018-01-01", "period_to": "2019-12-31"})  # fmt: skip
    assert response.status_code == 302
    assert sent == []  # not before the commit
    for callback in callbacks:
        callback()
    report = ReportRequest.objects.filter(initiative=world.home, requested_by=world.evaluator).get()
    assert sent == [{"report_id": report.pk}]
    assert report.sections == ["basis", "level0"]
    assert report.period_to == datetime.date(2019, 12, 31)
    # the progress fragment polls while the job is queued
    fragment = client.get(reverse("reports:progress", kwargs={"slug": world.home.slug, "pk": report.pk}))
    assert b'data-hx-trigger="every 2s"' in fragment.content
    assert b"<html" not in fragment.content


def test_members_download_shared_reports_only(world, report):
    services.report_generate(report=report)  # not shared
    client = factories_client(world.member)
    before = db_snapshot()
    unshared = reverse("reports:download", kwargs={"slug": world.home.slug, "pk": report.pk})
    assert client.get(unshared).status_code == 404
    listing = client.get(reverse("reports:list", kwargs={"slug": world.home.slug}))
    assert unshared.encode() not in listing.content
    shared = ReportRequest.objects.get(initiative=world.home, shared=True)
    response = client.get(reverse("reports:download", kwargs={"slug": world.home.slug, "pk": shared.pk}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert (
        client.post(reverse("reports:create", kwargs={"slug": world.home.slug}), {"kind": "experience"}).status_code
        == 403
    )
    assert db_snapshot() == before
    # while the evaluator downloads both
    evaluator = factories_client(world.evaluator)
    assert evaluator.get(unshared).status_code == 200


def test_evaluators_write_each_reports_own_texts(world, report):
    # a finished report: its texts can be written (not while it is being made)
    services.report_generate(report=report)
    client = factories_client(world.evaluator)
    url = reverse("reports:texts", kwargs={"slug": world.home.slug, "pk": report.pk})
    response = client.post(url, {"summary": "  What we learnt.  "})
    assert response.status_code == 302
    assert report.texts.get(section="summary").text == "What we learnt."
    assert factories_client(world.secretariat).post(url, {"summary": "x"}).status_code == 403
    # the report is made again from its own data with the new text; its checksum vouches for the new snapshot
    report.refresh_from_db()
    assert report.status == ReportRequest.Status.QUEUED
    assert report.snapshot["texts"]["summary"] == "What we learnt."
    services.report_generate(report=report)
    assert "What we learnt." in " ".join(pdf_text(report.output.path).split())
    # a new report starts from a copy: editing it never changes the first one's
    second = services.report_request(initiative=world.home, by=world.evaluator, language="en", enqueue=False)
    assert second.texts.get(section="summary").text == "What we learnt."
    services.report_generate(report=second)
    response = client.post(reverse("reports:texts", kwargs={"slug": world.home.slug, "pk": second.pk}),
                           {"summary": "Only the second one says this."})  # fmt: skip
    assert response.status_code == 302
    assert report.texts.get(section="summary").text == "What we learnt."
    # a report in another language starts from the standard texts, not from the English ones
    danish = services.report_request(initiative=world.home, by=world.evaluator, language="da", enqueue=False)
    assert danish.texts.get(section="summary").text == standard_texts("da")["summary"]


def test_a_report_being_made_keeps_its_texts(world, report):
    client = factories_client(world.evaluator)
    url = reverse("reports:texts", kwargs={"slug": world.home.slug, "pk": report.pk})
    before = db_snapshot()
    refused = client.post(url, {"summary": "Too early."})
    assert refused.status_code == 400
    assert "The report is being made." in refused.text
    assert db_snapshot() == before


def test_a_written_text_can_stand_instead_of_the_computed_part(world, report):
    services.report_generate(report=report)
    client = factories_client(world.evaluator)
    url = reverse("reports:texts", kwargs={"slug": world.home.slug, "pk": report.pk})
    # nothing to stand instead: refused, nothing saved
    before = db_snapshot()
    refused = client.post(url, {"level2__replaces": "on"})
    assert refused.status_code == 400
    assert "Write the text that is to stand instead of the computed part." in refused.text
    assert db_snapshot() == before
    # the evaluators' own account of the system changes, instead of the ledger
    response = client.post(url, {"level2": "Our account of the system changes.", "level2__replaces": "on",
                                 "level1": "A note before the figures."})  # fmt: skip
    assert response.status_code == 302
    services.report_generate(report=report)
    report.refresh_from_db()
    assert report.snapshot["replaced"] == ["level2"]
    text = " ".join(pdf_text(report.output.path).split())
    text = text[text.index("Appendix 2: the activity overview") + 40 :]  # after the contents
    level2 = text[text.index("Level 2: system changes") : text.index("Level 3: population changes")]
    assert "Our account of the system changes." in level2
    assert "What changed" not in level2  # the ledger's table is left out
    assert "System changes go further" not in level2  # the written text stands instead of the standard one
    level1 = text[text.index("Level 1: early changes") : text.index("Level 2: system changes")]
    assert level1.index("A note before the figures.") < level1.index("Collaboration in figures")  # written first


def test_the_command_writes_the_pdf_without_a_worker(world, tmp_path):
    out = tmp_path / "report.pdf"
    call_command("generate_report", world.home.slug, "--kind", "experience", "--lang", "en", "--out", str(out))
    assert "Appendix 2: the activity overview" in pdf_text(out)
    assert 'pdfuaid:part="1"' in pdf_metadata(out)  # tagged PDF/UA-1
    call_command("generate_report", world.home.slug, "--kind", "catalogue", "--lang", "da", "--pdfa", "--out", str(out))
    assert "Aktivitetskatalog" in pdf_text(out)
    assert 'pdfaid:part="3" pdfaid:conformance="A"' in pdf_metadata(out)  # PDF/A-3a for archiving
    # the Word document, and a synthesis beside the other initiative
    word = tmp_path / "synthesis.docx"
    call_command("generate_report", world.home.slug, "--kind", "synthesis", "--with", world.other.slug, "--lang", "en",
                 "--out", str(word))  # fmt: skip
    paragraphs, tables = docx_text(word)
    assert ("Heading 1", "The six elements side by side") in paragraphs
    assert tables[0][0][1:] == [world.home.name, world.other.name]
    with pytest.raises(CommandError, match="--with"):
        call_command("generate_report", world.home.slug, "--kind", "synthesis", "--out", str(word))


def test_redis_keeps_a_message_invisible_longer_than_the_hard_time_limit(settings):
    from django.conf import settings as django_settings

    options = {"visibility_timeout": 2 * 60 * 60}  # as base.py sets it for Redis
    assert tasks.generate_report.time_limit < options["visibility_timeout"]
    assert tasks.generate_report.soft_time_limit < tasks.generate_report.time_limit
    if not django_settings.CELERY_BROKER_URL.startswith("filesystem://"):
        assert django_settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] > tasks.generate_report.time_limit


__all__ = ["factories"]


def test_a_report_made_again_from_its_snapshot_shows_the_data_of_then(world, report, monkeypatch):
    services.report_generate(report=report)
    report.refresh_from_db()
    # the initiative changes after the report
    factories.ActivityFactory(initiative=world.home, title="Ungebussen")
    sent = []
    monkeypatch.setattr(tasks.generate_report, "delay", lambda **kwargs: sent.append(kwargs))
    client = factories_client(world.evaluator)
    response = client.post(reverse("reports:again", kwargs={"slug": world.home.slug, "pk": report.pk}))
    again = ReportRequest.objects.exclude(pk=report.pk).get(source=report)
    assert response.status_code == 302
    assert response["Location"] == again.get_absolute_url()
    services.report_generate(report=again)
    again.refresh_from_db()
    assert again.status == ReportRequest.Status.DONE
    assert again.checksum == report.checksum
    assert again.snapshot == report.snapshot
    assert "Ungebussen" not in pdf_text(again.output.path)
    # while a new report reads today's data
    fresh = services.report_request(initiative=world.home, by=world.evaluator, language="en", enqueue=False)
    services.report_generate(report=fresh)
    assert "Ungebussen" in pdf_text(ReportRequest.objects.get(pk=fresh.pk).output.path)
    # members may not ask for it
    assert factories_client(world.member).post(
        reverse("reports:again", kwargs={"slug": world.home.slug, "pk": report.pk})
    ).status_code in {403, 404}


def test_a_snapshot_that_no_longer_matches_its_checksum_is_not_rendered(world, report):
    services.report_generate(report=report)
    report.refresh_from_db()
    again = services.report_again(report=report, by=world.evaluator)
    ReportRequest.objects.filter(pk=again.pk).update(snapshot={**report.snapshot, "informants_total": 999})
    assert tasks.generate_report.apply(kwargs={"report_id": again.pk}).get() == "failed"
    again.refresh_from_db()
    assert again.status == ReportRequest.Status.FAILED
    assert not again.output


def test_two_reports_compared_show_what_changed_between_them(world, report):
    rate_everything(world.home)
    services.report_generate(report=report)
    # between the two reports: an activity, a new rating for element 1, a learning point
    factories.ActivityFactory(initiative=world.home, title="Læsehestene")
    first = ElementAssessment.objects.filter(round=world.home.assessment_rounds.first()).order_by("element__number")[0]
    first.rating = Rating.objects.order_by("-order").first()
    first.save()
    later = services.report_request(initiative=world.home, by=world.evaluator, language="en", enqueue=False)
    services.report_generate(report=later)
    client = factories_client(world.evaluator)
    url = reverse("reports:compare", kwargs={"slug": world.home.slug, "pk": later.pk})
    page = client.get(url)
    assert page.status_code == 200
    assert f'<option value="{report.pk}"' in page.text
    compared = client.get(url, {"other": report.pk}).text
    assert "Læsehestene" in compared
    assert f"1. {first.element.name}" in compared
    assert first.rating.name_en in compared
    assert "Both were made from the same data" not in compared
    # the same data twice: the checksums say so
    again = services.report_again(report=report, by=world.evaluator)
    services.report_generate(report=again)
    same = client.get(
        reverse("reports:compare", kwargs={"slug": world.home.slug, "pk": again.pk}), {"other": report.pk}
    )
    assert "Both were made from the same data" in same.text
    # a report of another initiative, or none at all, is refused with a message
    other = factories.ReportRequestFactory(initiative=world.other)
    refused = client.get(url, {"other": other.pk})
    assert refused.status_code == 400
    assert "Select a valid choice" in refused.text


def test_an_evaluator_in_two_initiatives_gets_them_side_by_side(world, monkeypatch):
    from initiatives.models import InitiativeRole

    InitiativeRole.objects.create(user=world.evaluator, initiative=world.other, role="evaluator")
    rate_everything(world.home)
    monkeypatch.setattr(tasks.generate_report, "delay", lambda **kwargs: None)
    client = factories_client(world.evaluator)
    create = reverse("reports:create", kwargs={"slug": world.home.slug})
    form = client.get(create).text
    assert f'value="{world.other.pk}"' in form  # the other initiative is offered
    # a synthesis of nothing, or of an initiative the evaluator has no role in, is refused and saves nothing
    stranger = factories.InitiativeFactory(name="Fremmed")
    before = db_snapshot()
    alone = client.post(create, {"kind": "synthesis", "language": "en"})
    assert "Choose at least one other initiative for the synthesis." in alone.text
    foreign = client.post(create, {"kind": "synthesis", "language": "en", "compared": [stranger.pk]})
    assert "Select a valid choice" in foreign.text
    assert db_snapshot() == before
    # the synthesis
    response = client.post(create, {"kind": "synthesis", "language": "en", "compared": [world.other.pk]})
    synthesis = ReportRequest.objects.get(kind="synthesis")
    assert response["Location"] == synthesis.get_absolute_url()
    services.report_generate(report=synthesis)
    synthesis.refresh_from_db()
    assert synthesis.status == "done", synthesis.error
    assert [i["name"] for i in synthesis.snapshot["initiatives"]] == [world.home.name, world.other.name]
    text = " ".join(pdf_text(synthesis.output.path).split())
    assert "The six elements side by side" in text
    assert world.home.name in text
    assert world.other.name in text
    assert "Keep the secretariat from becoming the executor." in text  # home's learning point
    assert synthesis.snapshot["elements"][0]["ratings"][1] == ""  # the other initiative is not rated
    # who holds no role in the other initiative does not see it, even shared
    ReportRequest.objects.filter(pk=synthesis.pk).update(shared=True)
    member = factories_client(world.member)
    assert (
        member.get(reverse("reports:download", kwargs={"slug": world.home.slug, "pk": synthesis.pk})).status_code == 404
    )
    assert (
        synthesis.get_absolute_url() not in member.get(reverse("reports:list", kwargs={"slug": world.home.slug})).text
    )
    secretariat = factories_client(world.secretariat)
    assert secretariat.get(synthesis.get_absolute_url()).status_code == 404
    assert client.get(synthesis.get_absolute_url()).status_code == 200
    assert synthesis.covered == sorted([world.home.pk, world.other.pk])


def test_a_synthesis_stays_closed_when_an_initiative_it_covers_is_deleted(world):
    from initiatives.models import InitiativeRole

    bare = factories.InitiativeFactory(name="Kortvarig", slug="kortvarig")
    InitiativeRole.objects.create(user=world.evaluator, initiative=bare, role="evaluator")
    synthesis = services.report_request(initiative=world.home, by=world.evaluator, kind="synthesis", language="en",
                                        compared=[bare], shared=True, enqueue=False)  # fmt: skip
    services.report_generate(report=synthesis)
    bare.delete()  # its link to the synthesis goes with it; the covered ids stay
    download = reverse("reports:download", kwargs={"slug": world.home.slug, "pk": synthesis.pk})
    assert factories_client(world.member).get(download).status_code == 404
    assert factories_client(world.evaluator).get(download).status_code == 404


def test_text_with_characters_xml_cannot_hold_still_makes_both_documents(world, report):
    from evaluation.models import LearningPoint

    assessment_round = world.home.assessment_rounds.first()
    LearningPoint.objects.create(initiative=world.home, round=assessment_round, order=9, text="Ring\x07 en klokke\x0c")
    services.report_generate(report=report)
    report.refresh_from_db()
    assert report.status == ReportRequest.Status.DONE
    paragraphs, _tables = docx_text(report.document.path)
    assert ("List Number", "Ring en klokke") in paragraphs


def test_a_word_document_that_cannot_be_made_leaves_the_pdf(world, report, monkeypatch):
    def broken(snapshot, **kwargs):
        raise ValueError("python-docx refused it")

    monkeypatch.setattr(services, "render_docx", broken)
    services.report_generate(report=report)
    report.refresh_from_db()
    assert report.status == ReportRequest.Status.DONE
    assert report.output
    assert not report.document
    page = factories_client(world.evaluator).get(report.get_absolute_url()).text
    assert "Download the PDF" in page
    assert "Download for Word" not in page


def test_a_synthesis_of_initiatives_with_long_names_has_its_word_document(world):
    from initiatives.models import InitiativeRole

    others = [factories.InitiativeFactory(name=f"{'Et meget langt navn på et initiativ ' * 2}{n}") for n in range(5)]
    for other in others:
        InitiativeRole.objects.create(user=world.evaluator, initiative=other, role="evaluator")
    synthesis = services.report_request(initiative=world.home, by=world.evaluator, kind="synthesis", language="en",
                                        compared=others, enqueue=False)  # fmt: skip
    services.report_generate(report=synthesis)
    synthesis.refresh_from_db()
    assert synthesis.document
    assert len(Document(synthesis.document.path).core_properties.title) == 255
    # and a synthesis is not offered for comparison (it compares initiatives already)
    client = factories_client(world.evaluator)
    assert "Compare with another report" not in client.get(synthesis.get_absolute_url()).text
    compare = reverse("reports:compare", kwargs={"slug": world.home.slug, "pk": synthesis.pk})
    assert client.get(compare).status_code == 404


def test_a_report_whose_worker_was_lost_can_be_tried_again_or_deleted(world, report):
    client = factories_client(world.evaluator)
    url = reverse("reports:detail", kwargs={"slug": world.home.slug, "pk": report.pk})
    # queued a minute ago: it is being made, nothing to do but wait
    assert "Try again" not in client.get(url).text
    assert services.report_retry(report=report).status == ReportRequest.Status.QUEUED
    # not moved for longer than a worker ever takes: the page says so and offers to try again or delete it
    ReportRequest.objects.filter(pk=report.pk).update(
        updated_at=timezone.now() - ReportRequest.STALLED_AFTER - datetime.timedelta(minutes=1)
    )
    page = client.get(url).text
    assert "The report has not moved since" in page
    assert "Try again" in page
    assert "Delete report" in page
    retried = services.report_retry(report=report)
    assert (retried.status, retried.stalled) == (ReportRequest.Status.QUEUED, False)
