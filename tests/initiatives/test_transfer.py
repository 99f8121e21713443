"""The whole initiative as a package (home/transfer.py): exported, imported with new ids and the same content, and
refused whole when it has been changed."""

import dataclasses
import hashlib
import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import models
from django.test import Client
from django.urls import reverse

from activities.models import Activity, Attachment
from activities.selectors import Scope
from dashboards import panels
from home.transfer import KINDS, MANIFEST, REFERENCE, SKIPPED
from initiatives.models import AssessmentRound, Initiative, InitiativeRole, Role
from reports.models import ReportRequest
from reports.snapshot import experience_snapshot
from tests import factories
from tests.snapshot import db_snapshot

HELSINGOR = "helsingor-et-lettere-liv"


def export(slug: str, path: Path) -> Path:
    call_command("export_initiative", slug, str(path), stdout=io.StringIO())
    return path


def import_(path: Path, *args: str) -> str:
    out = io.StringIO()
    call_command("import_initiative", str(path), *args, stdout=out)
    return out.getvalue()


def media_files() -> set[str]:
    root = Path(default_storage.location)
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()} if root.exists() else set()


def repack(source: Path, target: Path, *, change=None, manifest=None, checksums: bool = False) -> Path:
    """A copy of the package with its members changed (``change(members)``), its manifest changed
    (``manifest(manifest)``), and with ``checksums`` the manifest's checksums made to match again."""
    with zipfile.ZipFile(source) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    found = json.loads(members.pop(MANIFEST))
    if change:
        change(members)
    if checksums:
        found["files"] = {
            name: {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)} for name, data in members.items()
        }
    if manifest:
        manifest(found)
    with zipfile.ZipFile(target, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
        archive.writestr(MANIFEST, json.dumps(found))
    return target


def figures(initiative: Initiative) -> str:
    """Every figure of the dashboard: each panel's charts, with their data, readings and tables. An indicator's chart
    is keyed by the indicator's id, which an import renews: it is named by the indicator's name here."""
    names = dict(initiative.indicators.values_list("pk", "name"))
    built = [
        (panel.key, [dataclasses.asdict(chart) for chart in charts])
        for panel, charts in panels.dashboard(initiative=initiative, scope=Scope())
    ]
    text = json.dumps(built, sort_keys=True, ensure_ascii=False, default=str)
    assert text.count("indicator-") >= len(names) > 0
    return re.sub(r"indicator-(\d+)", lambda found: f"indicator-{names[int(found[1])]}", text)


def report_snapshot(initiative: Initiative) -> dict:
    latest = AssessmentRound.objects.filter(initiative=initiative).order_by("-held_on").first()
    report = ReportRequest(initiative=initiative, kind="experience", language="da", assessment_round=latest)
    return experience_snapshot(report=report)


@pytest.fixture(autouse=True)
def _own_media(settings, tmp_path):
    """Files of this test only: a refused import must leave the storage as it was."""
    settings.MEDIA_ROOT = tmp_path / "media"


# The declaration


def test_every_model_that_keeps_an_initiative_is_exported_or_skipped_with_a_reason():
    declared = [kind.label for kind in KINDS]
    assert len(declared) == len(set(declared))
    for model in apps.get_models():
        if hasattr(model, "instance_type"):  # simple-history's tables: not exported
            continue
        refers = any(f.is_relation and f.related_model is Initiative for f in model._meta.concrete_fields)
        if refers:
            assert (model._meta.label in declared) != (model._meta.label in SKIPPED), model._meta.label


def test_each_kind_refers_only_to_kinds_created_before_it_to_reference_data_or_to_users():
    seen: set[str] = set()
    for kind in KINDS:
        model = kind.model
        for f in [*model._meta.concrete_fields, *model._meta.many_to_many]:
            if not f.is_relation or f.primary_key:
                continue
            target = f.related_model._meta.label
            assert target in seen | {kind.label, "auth.User", *REFERENCE} or target == "initiatives.Initiative", (
                kind.label,
                f.name,
                target,
            )
        seen.add(kind.label)


# The round trip


@pytest.fixture
def helsingor(db):
    call_command("loaddemo", force=True)
    initiative = Initiative.objects.get(slug=HELSINGOR)
    # a file of each kind: an attachment and a finished report with its PDF and Word document
    activity = initiative.activities.order_by("pk").first()
    factories.AttachmentFactory(activity=activity)
    factories.ReportRequestFactory(initiative=initiative, assessment_round=initiative.assessment_rounds.first())
    return initiative


def test_the_helsingor_demo_comes_back_with_new_ids_and_every_figure_equal(helsingor, tmp_path):
    # given the Helsingør demo, its dashboard and the data of its experience report
    before_figures, before_snapshot = figures(helsingor), report_snapshot(helsingor)
    old_activities = set(helsingor.activities.values_list("pk", flat=True))
    package = export(HELSINGOR, tmp_path / "helsingor.zip")
    # when it is imported under another short name
    out = import_(package, "--slug", "helsingor-kopi", "--secretariat", "helsingor@example.org")
    # then it is a new initiative with new ids
    copy = Initiative.objects.get(slug="helsingor-kopi")
    assert "Imported helsingor-kopi" in out
    assert copy.pk != helsingor.pk
    new_activities = set(copy.activities.values_list("pk", flat=True))
    assert len(new_activities) == len(old_activities) > 0
    assert not new_activities & old_activities
    # and every figure of the dashboard and of the report's data is the same
    assert figures(copy) == before_figures
    assert report_snapshot(copy) == before_snapshot
    # the demo users hold their roles there too, found by their addresses
    roles = dict(InitiativeRole.objects.filter(initiative=copy).values_list("user__username", "role"))
    assert roles == dict(InitiativeRole.objects.filter(initiative=helsingor).values_list("user__username", "role"))


def test_an_imported_initiative_has_the_same_rows_links_and_files(world, tmp_path):
    # given an initiative with one of everything, whose users have addresses
    source = world.home
    for user in (world.secretariat, world.member, world.evaluator):
        user.email = f"{user.username}@example.org"
        user.save()
    counts = {kind.label: kind.rows(kind.model._default_manager, source).count() for kind in KINDS}
    attachment = Attachment.objects.get(initiative=source)
    report = ReportRequest.objects.get(initiative=source)
    files = {
        "attachment": attachment.file.read(),
        "output": report.output.read(),
        "document": report.document.read(),
    }
    keys = set(Activity.objects.filter(initiative=source).values_list("key", flat=True))
    attendees = source.meetings.get().attendees.count()
    package = export(source.slug, tmp_path / "home.zip")
    # when it is imported under another short name
    import_(package, "--slug", "kopi")
    copy = Initiative.objects.get(slug="kopi")
    # then each kind has as many rows, the links and the keys are there, and the files have the same bytes
    assert {kind.label: kind.rows(kind.model._default_manager, copy).count() for kind in KINDS} == counts
    assert set(Activity.objects.filter(initiative=copy).values_list("key", flat=True)) == keys
    assert copy.meetings.get().attendees.count() == attendees
    new_attachment = Attachment.objects.get(initiative=copy)
    new_report = ReportRequest.objects.get(initiative=copy)
    assert new_attachment.file.name != attachment.file.name
    assert new_attachment.file.read() == files["attachment"]
    assert new_report.output.read() == files["output"]
    assert new_report.document.read() == files["document"]
    assert new_report.token != report.token
    assert new_report.created_at == report.created_at
    # the log entry's author is the same user, found by the address
    assert copy.log_entries.get().author == source.log_entries.get().author


def test_a_user_unknown_here_is_left_out_and_the_secretariat_named_gets_its_role(world, tmp_path):
    # given a package whose users have addresses, one of which this installation does not know
    world.secretariat.email = "secretariat@home.example"
    world.secretariat.save()
    world.member.email = "member@home.example"
    world.member.save()
    package = export(world.home.slug, tmp_path / "home.zip")
    get_user_model().objects.filter(pk=world.member.pk).update(email="moved@elsewhere.example")
    # when it is imported with a secretariat named by address
    out = import_(package, "--slug", "kopi", "--secretariat", "SECRETARIAT@home.example")
    copy = Initiative.objects.get(slug="kopi")
    # then the member's references are empty, and the secretariat holds its role
    assert not InitiativeRole.objects.filter(initiative=copy, user=world.member).exists()
    assert copy.roles.get(user=world.secretariat).role == Role.SECRETARIAT
    assert "member@home.example" in out


# Refused packages


@pytest.fixture
def package(world, tmp_path):
    return export(world.home.slug, tmp_path / "home.zip")


def assert_refused(path: Path, message: str, *args: str) -> None:
    before, files = db_snapshot(), media_files()
    with pytest.raises(CommandError, match=message):
        import_(path, "--slug", "kopi", *args)
    assert db_snapshot() == before
    assert media_files() == files


def _change_a_byte(members):
    name = "data/activities.Activity.json"
    data = bytearray(members[name])
    data[10] ^= 1
    members[name] = bytes(data)


def test_a_changed_byte_is_refused(package, tmp_path):
    assert_refused(repack(package, tmp_path / "t.zip", change=_change_a_byte), "does not match its SHA-256")


def test_a_changed_size_is_refused(package, tmp_path):
    def longer(members):
        members["csv/activities.csv"] += b"\n"

    assert_refused(repack(package, tmp_path / "t.zip", change=longer), "csv/activities.csv has .* bytes")


def test_a_removed_file_is_refused(package, tmp_path):
    def remove(members):
        del members[next(name for name in members if name.startswith("files/"))]

    assert_refused(repack(package, tmp_path / "t.zip", change=remove), "missing from the package")


def test_an_extra_file_is_refused(package, tmp_path):
    def add(members):
        members["files/extra.txt"] = b"extra"

    assert_refused(repack(package, tmp_path / "t.zip", change=add), "the manifest does not list: files/extra.txt")


def test_an_unknown_format_version_is_refused(package, tmp_path):
    def newer(manifest):
        manifest["format_version"] = 99

    assert_refused(repack(package, tmp_path / "t.zip", manifest=newer), "Unknown format version 99")


def test_an_edited_manifest_is_refused(package, tmp_path):
    def edited(manifest):
        manifest["files"]["data/alliance.Person.json"]["sha256"] = "0" * 64

    assert_refused(repack(package, tmp_path / "t.zip", manifest=edited), "does not match its SHA-256")


def test_malformed_json_is_refused_even_with_matching_checksums(package, tmp_path):
    def broken(members):
        members["data/evaluation.Quote.json"] = b'[{"id": 1, "fields": {'

    # the first kinds are valid and would be created: the whole import is rolled back, files and all
    path = repack(package, tmp_path / "t.zip", change=broken, checksums=True)
    assert_refused(path, "data/evaluation.Quote.json is not valid JSON")


def test_a_wrong_type_is_refused(package, tmp_path):
    def wrong(members):
        rows = json.loads(members["data/activities.Activity.json"])
        rows[0]["fields"]["starts_on"] = "not a date"
        members["data/activities.Activity.json"] = json.dumps(rows).encode()

    assert_refused(repack(package, tmp_path / "t.zip", change=wrong, checksums=True), "starts_on")


@pytest.mark.parametrize(
    "change",
    [{"kind": "synthesis"}, {"compared": ["helsingor"]}, {"status": "queued"}],
    ids=["synthesis", "compared", "queued"],
)
def test_a_report_the_export_never_holds_is_refused(package, tmp_path, change):
    # a synthesis made again would read this installation's other initiatives; a queued one would never be made
    def crafted(members):
        rows = json.loads(members["data/reports.ReportRequest.json"])
        rows[0]["fields"].update(change)
        members["data/reports.ReportRequest.json"] = json.dumps(rows).encode()

    assert_refused(repack(package, tmp_path / "t.zip", change=crafted, checksums=True), "only finished reports")


def test_reference_data_this_installation_lacks_is_refused(package, tmp_path):
    def unknown_sector(members):
        rows = json.loads(members["data/alliance.Organisation.json"])
        rows[0]["fields"]["sector"] = ["no-such-sector"]
        members["data/alliance.Organisation.json"] = json.dumps(rows).encode()

    path = repack(package, tmp_path / "t.zip", change=unknown_sector, checksums=True)
    assert_refused(path, r"no alliance.Sector with the key \['no-such-sector'\]")


def test_a_short_name_that_exists_is_refused(package, world):
    before = db_snapshot()
    with pytest.raises(CommandError, match="exists already"):
        import_(package)  # the package's own short name: the initiative is still here
    assert db_snapshot() == before


def test_a_file_that_is_no_zip_is_refused(tmp_path, db):
    path = tmp_path / "not.zip"
    path.write_bytes(b"not a zip")
    assert_refused(path, "Not a readable ZIP file")


# The page


def client_for(user) -> Client:
    client = Client(headers={"accept-language": "da"})
    client.force_login(user)
    return client


def test_the_secretariat_downloads_the_package_from_the_page(world):
    url = reverse("initiatives:export", kwargs={"slug": world.home.slug})
    client = client_for(world.secretariat)
    # the page is linked from the initiative's overview and edit page, and says what the file holds
    assert url in client.get(reverse("initiatives:home", kwargs={"slug": world.home.slug})).text
    assert url in client.get(reverse("initiatives:edit", kwargs={"slug": world.home.slug})).text
    page = client.get(url)
    assert "Hent eksporten (ZIP)" in page.text
    # when it posts the form, it gets the package
    response = client.post(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith(f'attachment; filename="{world.home.slug}-eksport-')
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    manifest = json.loads(archive.read(MANIFEST))
    assert manifest["initiative"] == world.home.slug
    assert set(manifest["files"]) == set(archive.namelist()) - {MANIFEST}


@pytest.mark.parametrize(("who", "status"), [("member", 403), ("evaluator", 403), ("outsider", 404)])
def test_others_cannot_export(world, who, status):
    url = reverse("initiatives:export", kwargs={"slug": world.home.slug})
    client = client_for(getattr(world, who))
    assert client.get(url).status_code == status
    assert client.post(url).status_code == status


def test_model_fields_are_all_in_the_package(package):
    # every concrete field of each kind is written (or deliberately left to the database)
    with zipfile.ZipFile(package) as archive:
        rows = json.loads(archive.read("data/activities.Activity.json"))
    names = {f.name for f in Activity._meta.concrete_fields if not isinstance(f, models.AutoField)}
    assert set(rows[0]["fields"]) == names - {"initiative"}
