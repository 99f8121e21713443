"""Importing activities: an export goes back in as no change, a changed row updates its activity, a preview
saves nothing, the confirmation checks the file again, and the template is a valid file."""

import csv
import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import translation
from openpyxl import load_workbook

from activities.models import Activity, Participation
from activities.services import activities_import
from core.tabular import TableError
from tests import factories
from tests.snapshot import db_snapshot


@pytest.fixture(autouse=True)
def _english():
    """Each test starts in English: a Danish request leaves its language active in the thread."""
    translation.activate("en")
    yield
    translation.activate("en")


def base(world):
    return f"/i/{world.home.slug}/activities"


@pytest.fixture
def danish(client):
    client.cookies["django_language"] = "da"
    return client


@pytest.fixture
def staged(settings, tmp_path):
    settings.IMPORT_STAGING_DIR = tmp_path / "staged"
    return settings.IMPORT_STAGING_DIR


def with_partners(world):
    """An activity with a lead, another organisation taking part and a contribution, and one led by nobody."""
    club, school = world.home.organisations.all()[:2]
    activity = factories.ActivityFactory(
        initiative=world.home, title="Åben skolegård", lead=club, starts_on=datetime.date(2018, 5, 1),
        status=Activity.Status.COMPLETED, participants=40, participants_target_group=12,
    )  # fmt: skip
    factories.ParticipationFactory(activity=activity, organisation=club, role=Participation.Role.CO_ORGANISER)
    factories.ParticipationFactory(activity=activity, organisation=school, hours=6)
    factories.ActivityFactory(initiative=world.home, title="'=1+1 er to", description="-- en note")
    return activity


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_importing_an_export_again_changes_nothing(world, danish, staged, fmt):
    danish.force_login(world.secretariat)
    with_partners(world)
    exported = danish.get(f"{base(world)}/export.{fmt}")
    assert exported.status_code == 200
    before = db_snapshot()
    count = Activity.objects.filter(initiative=world.home).count()
    response = danish.post(f"{base(world)}/import/", {"file": SimpleUploadedFile(f"a.{fmt}", exported.content)})
    assert response.status_code == 200
    assert f"0 nye, 0 ændrede, {count} uændrede, 0 afviste." in response.text
    assert "Der er intet at importere: alle rækker stemmer allerede med filen." in response.text
    assert response.context["token"] == ""
    assert db_snapshot() == before


def test_the_danish_export_is_headed_in_danish_with_a_key_per_row(world, danish):
    danish.force_login(world.secretariat)
    activity = with_partners(world)
    text = danish.get(f"{base(world)}/export.csv?q=skolegård").content.decode("utf-8-sig")
    header, row = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert header[:5] == ["Nøgle", "Titel", "Spor", "Type", "Status"]
    assert row[0] == str(activity.key)
    assert row[4] == "Gennemført"


def test_a_changed_row_updates_its_activity_and_the_preview_says_what_changes(world, client, staged):
    client.force_login(world.secretariat)
    activity = with_partners(world)
    club, school = world.home.organisations.all()[:2]
    text = client.get(f"{base(world)}/export.csv?q=skolegård").content.decode("utf-8-sig")
    header, row = list(csv.reader(io.StringIO(text), delimiter=";"))
    row[header.index("Participants")] = "45"
    row[header.index("Organisations taking part")] = club.name  # the school no longer takes part
    edited = ("\ufeff" + ";".join(header) + "\n" + ";".join(row) + "\n").encode()
    before = db_snapshot()
    response = client.post(f"{base(world)}/import/", {"file": SimpleUploadedFile("a.csv", edited)})
    assert "0 new, 1 changed, 0 unchanged, 0 refused." in response.text
    changes = [(c.column, c.before, c.after) for c in response.context["preview"].rows[0].changes]
    assert changes == [
        ("Participants", "40", "45"),
        ("Organisations taking part", " | ".join(sorted([club.name, school.name])), club.name),
    ]
    assert db_snapshot() == before
    client.post(f"{base(world)}/import/", {"token": response.context["token"]})
    activity.refresh_from_db()
    assert activity.participants == 45
    assert list(activity.participations.values_list("organisation__name", "role")) == [(club.name, "co_organiser")]
    assert Activity.objects.filter(initiative=world.home, title="Åben skolegård").count() == 1
    # the history names who imported, as a save on a page does, with the values the row now holds
    entry = activity.history.latest()
    assert (entry.history_type, entry.history_user, entry.participants) == ("~", world.secretariat, 45)


def test_the_confirmation_checks_the_file_again_and_saves_nothing_when_it_no_longer_fits(world, client, staged):
    client.force_login(world.secretariat)
    track = factories.TrackFactory(initiative=world.home, name="Spor 9")
    data = "title;track;kind;status;starts_on;ends_on;lead;organisations;participants;participants_target_group;"
    data += "involvement;satisfaction;description;illustrative\nNyt;Spor 9;event;planned;;;;;;;;;;no\n"
    response = client.post(f"{base(world)}/import/", {"file": SimpleUploadedFile("a.csv", data.encode())})
    assert "1 new, 0 changed, 0 unchanged, 0 refused." in response.text
    track.delete()  # between the preview and the confirmation
    before = db_snapshot()
    response = client.post(f"{base(world)}/import/", {"token": response.context["token"]})
    assert response.status_code == 400
    assert "Unknown track “Spor 9”" in response.text
    assert db_snapshot() == before


def test_a_key_from_another_initiative_makes_a_new_activity_that_a_second_import_finds(world):
    elsewhere = factories.ActivityFactory(initiative=world.other, title="Lånt")
    data = "key;title;track;kind;status;starts_on;ends_on;lead;organisations;participants;participants_target_group;"
    data += f"involvement;satisfaction;description;illustrative\n{elsewhere.key};Lånt;;event;planned;;;;;;;;;;no\n"
    first = activities_import(initiative=world.home, file_name="a.csv", data=data.encode())
    assert (first.new, first.saved) == (1, True)
    copy = Activity.objects.get(initiative=world.home, title="Lånt")
    assert copy.key == elsewhere.key
    before = db_snapshot()
    second = activities_import(initiative=world.home, file_name="a.csv", data=data.encode())
    assert (second.new, second.changed, second.unchanged) == (0, 0, 1)
    assert db_snapshot() == before


def test_an_unknown_choice_lists_the_valid_values_in_the_users_language(world, danish):
    danish.force_login(world.secretariat)
    data = "Titel;Spor;Type;Status;Start;Slut;Ledet af;Deltagende organisationer;Deltagere;Heraf fra målgruppen;"
    data += "Inddragelse af målgruppen;Tilfredshed (1–5);Beskrivelse;Illustrativ\nX;;Dans;Planlagt;;;;;;;;;;nej\n"
    response = danish.post(f"{base(world)}/import/", {"file": SimpleUploadedFile("a.csv", data.encode())})
    assert response.status_code == 400
    assert (
        "Ukendt værdi “Dans”. Gyldige værdier: arrangement, kursus / kompetenceudvikling, prøvehandling, kampagne, "
        "netværksmøde, fast tilbud."
    ) in response.text


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_template_is_headed_in_danish_and_imports_as_one_new_row(world, danish, fmt):
    danish.force_login(world.secretariat)
    response = danish.get(f"{base(world)}/import/template.{fmt}")
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="aktivitetsskabelon.{fmt}"'
    if fmt == "xlsx":
        header = [cell.value for cell in next(load_workbook(io.BytesIO(response.content)).active.iter_rows())]
    else:
        header = response.content.decode("utf-8-sig").splitlines()[0].split(";")
    assert header[:4] == ["Nøgle", "Titel", "Spor", "Type"]
    before = db_snapshot()
    preview = activities_import(initiative=world.home, file_name=f"t.{fmt}", data=response.content, dry_run=True)
    assert (preview.new, preview.changed, preview.unchanged, preview.refused, preview.saved) == (1, 0, 0, 0, False)
    assert db_snapshot() == before


def test_the_import_page_links_the_templates(world, danish):
    danish.force_login(world.secretariat)
    page = danish.get(f"{base(world)}/import/").text
    assert f'href="{base(world)}/import/template.csv"' in page
    assert f'href="{base(world)}/import/template.xlsx"' in page
    assert "Kontrollér filen" in page


def test_the_command_previews_with_dry_run_and_saves_nothing(world, tmp_path, capsys):
    activity = with_partners(world)
    path = tmp_path / "a.csv"
    with translation.override("en"):
        from activities.exports import as_csv

        content, _ = as_csv(Activity.objects.filter(pk=activity.pk))
    text = content.decode("utf-8-sig").replace(";40;", ";41;")
    text += "\n;Ny aktivitet;;event;planned;;;;;;;;;;no\n"
    path.write_text(text, encoding="utf-8")
    before = db_snapshot()
    call_command("import_activities", world.home.slug, str(path), "--dry-run")
    out = capsys.readouterr().out
    assert out.splitlines()[:4] == [
        f"Dry run: nothing was saved in {world.home.slug}.",
        "1 new, 1 changed, 0 unchanged, 0 refused.",
        "line 2: changed: Åben skolegård: Participants: 40 → 41",
        "line 4: new: Ny aktivitet",
    ]
    assert db_snapshot() == before
    call_command("import_activities", world.home.slug, str(path))
    assert capsys.readouterr().out == f"Imported into {world.home.slug}: 1 new, 1 changed, 0 unchanged, 0 refused.\n"
    assert Activity.objects.get(pk=activity.pk).participants == 41


def test_the_import_page_names_the_columns_as_the_user_reads_them(world, danish):
    danish.force_login(world.secretariat)
    page = danish.get(f"{base(world)}/import/").text
    assert "kolonnerne Nøgle, Titel, Spor, Type, Status, Start, Slut, Ledet af, Deltagende organisationer," in page
    assert "TableColumn" not in page


HEADER_EN = ("key;title;track;kind;status;starts_on;ends_on;lead;organisations;participants;participants_target_group;"
             "involvement;satisfaction;description;illustrative\n")  # fmt: skip


def test_an_import_in_bulk_keeps_history_roles_and_the_rules_of_activity_save(world):
    club, school = world.home.organisations.all()[:2]
    kept = factories.ActivityFactory(initiative=world.home, title="Kept", lead=club)
    factories.ParticipationFactory(activity=kept, organisation=school)
    data = HEADER_EN + (
        f"{kept.key};Kept, renamed;;event;stopped;2019-01-01;;;{club.name};;;;;;no\n"  # school leaves, club stays
        f";New;;event;running;2019-02-01;;{club.name};{school.name};;;;;;no\n"
    )
    preview = activities_import(initiative=world.home, file_name="a.csv", data=data.encode())
    assert (preview.new, preview.changed, preview.saved) == (1, 1, True)
    kept.refresh_from_db()
    assert (kept.title, kept.stopped_reason, kept.lead) == ("Kept, renamed", "Imported", None)
    assert set(kept.participations.values_list("organisation__name", "role")) == {
        (club.name, "co_organiser")
    }  # kept as it was
    new = Activity.objects.get(initiative=world.home, title="New")
    # the lead takes part as co-organiser, the others as participants (activity_save's rule)
    assert set(new.participations.values_list("organisation", "role")) == {
        (club.pk, Participation.Role.CO_ORGANISER),
        (school.pk, Participation.Role.PARTICIPANT),
    }
    # each row's history, as a save one by one leaves it: the new activity, the change, the part that went
    created = new.history.get()
    assert (created.history_type, created.title, created.lead_id, created.history_user) == ("+", "New", club.pk, None)
    assert kept.history.filter(history_type="~", title="Kept, renamed").count() == 1
    assert Participation.history.filter(activity_id=kept.pk, organisation_id=school.pk, history_type="-").exists()


def test_a_row_the_database_refuses_is_named_and_nothing_is_saved(world):
    before = db_snapshot()
    # ends before it starts: a check constraint of the database, which the bulk write meets; then row by row
    data = (
        HEADER_EN
        + ";Fine;;event;running;2019-02-01;;;;;;;;;no\n;Backwards;;event;running;2019-02-01;2019-01-01;;;;;;;;no\n"
    )
    with pytest.raises(TableError) as refused:
        activities_import(initiative=world.home, file_name="a.csv", data=data.encode())
    assert [(error.line, str(error.message)) for error in refused.value.errors] == [
        (3, "An activity cannot end before it starts.")
    ]
    assert db_snapshot() == before


KEYLESS = HEADER_EN.removeprefix("key;")


def test_a_sheet_without_keys_imported_twice_is_saved_once(world):
    club = world.home.organisations.first()
    data = KEYLESS + (
        f"Fællesspisning;;event;completed;2019-03-01;;{club.name};;30;;;;;no\n"
        "Fællesspisning;;event;completed;2019-03-01;;;;12;;;;;no\n"  # another lead: another activity
        "Fællesspisning;;event;completed;2019-04-01;;;;12;;;;;no\n"  # another day: another activity
        "Gåtur;;event;planned;;;;;;;;;;no\n"
    )
    first = activities_import(initiative=world.home, file_name="a.csv", data=data.encode())
    assert (first.new, first.saved) == (4, True)
    before = db_snapshot()
    second = activities_import(initiative=world.home, file_name="a.csv", data=data.encode())
    assert (second.new, second.changed, second.unchanged) == (0, 0, 4)
    assert db_snapshot() == before


def test_two_rows_without_a_key_alike_in_title_start_and_lead_are_refused_in_the_users_language(world, danish):
    """The next import could not tell which activity each is: as two rows with the same key, the second is refused."""
    danish.force_login(world.secretariat)
    before = db_snapshot()
    data = (
        KEYLESS
        + "Gåtur;;event;planned;;;;;;;;;;no\nGåtur;;event;planned;;;;;;;;;;no\n"
        + "Gåtur;;event;planned;2020-05-01;;;;;;;;;no\n"  # another start: another activity
    )
    with pytest.raises(TableError) as refused:
        activities_import(initiative=world.home, file_name="a.csv", data=data.encode())
    assert [(error.line, str(error.message)) for error in refused.value.errors] == [
        (3, "The same title, start and “Led by” as line 2: change one of them, or give each row a key.")
    ]
    response = danish.post(f"{base(world)}/import/", {"file": SimpleUploadedFile("a.csv", data.encode())})
    assert response.status_code == 400
    assert (
        "Samme titel, start og “Ledet af” som linje 2: ret en af dem, eller giv hver række en nøgle." in response.text
    )
    assert db_snapshot() == before


def test_a_row_without_a_key_updates_the_activity_with_its_title_start_and_lead(world):
    club = world.home.organisations.first()
    activity = factories.ActivityFactory(
        initiative=world.home, title="Åben skolegård", lead=club, starts_on=datetime.date(2018, 5, 1), participants=40
    )
    count = Activity.objects.filter(initiative=world.home).count()
    data = KEYLESS + f"  åben  SKOLEGÅRD ;;event;completed;01-05-2018;;{club.name};;45;;;;;no\n"
    preview = activities_import(initiative=world.home, file_name="a.csv", data=data.encode(), dry_run=True)
    assert (preview.new, preview.changed) == (0, 1)
    assert ("Participants", "40", "45") in [(c.column, c.before, c.after) for c in preview.rows[0].changes]
    activities_import(initiative=world.home, file_name="a.csv", data=data.encode())
    activity.refresh_from_db()
    assert activity.participants == 45
    assert Activity.objects.filter(initiative=world.home).count() == count


def test_an_activity_named_by_key_in_the_file_is_not_also_taken_by_a_row_without_one(world):
    activity = factories.ActivityFactory(initiative=world.home, title="Gåtur", lead=None, starts_on=None)
    data = KEYLESS.replace("title;", "key;title;", 1) + (
        f"{activity.key};Gåtur;;event;planned;;;;;5;;;;;no\n;Gåtur;;event;planned;;;;;;;;;;no\n"
    )
    preview = activities_import(initiative=world.home, file_name="a.csv", data=data.encode())
    assert (preview.new, preview.changed) == (1, 1)
    assert Activity.objects.filter(initiative=world.home, title="Gåtur").count() == 2


def test_two_previews_of_a_sheet_without_keys_confirmed_one_after_the_other_save_it_once(world, client, staged):
    """Two tabs: each uploads the same sheet and sees "1 new"; both confirm. The second finds the first's, says
    that the data changed since its preview, and that there is nothing left to import."""
    client.force_login(world.secretariat)
    data = (KEYLESS + "Nyt;;event;planned;2020-01-01;;;;;;;;;no\n").encode()
    tabs = [client.post(f"{base(world)}/import/", {"file": SimpleUploadedFile("a.csv", data)}) for _ in range(2)]
    assert all("1 new, 0 changed, 0 unchanged, 0 refused." in tab.text for tab in tabs)
    assert client.post(f"{base(world)}/import/", {"token": tabs[0].context["token"]}).status_code == 302
    second = client.post(f"{base(world)}/import/", {"token": tabs[1].context["token"]})
    assert second.status_code == 200
    assert "The data changed after you checked the file" in second.text
    assert "0 new, 0 changed, 1 unchanged, 0 refused." in second.text
    assert second.context["token"] == ""  # nothing left to import
    assert Activity.objects.filter(initiative=world.home, title="Nyt").count() == 1


def test_a_confirmation_after_the_log_changed_shows_what_the_import_would_now_do_and_saves_nothing(
    world, danish, staged
):
    danish.force_login(world.secretariat)
    activity = factories.ActivityFactory(
        initiative=world.home, title="Gåtur", lead=None, starts_on=None, participants=30
    )

    def sheet(participants):
        row = f"{activity.key};Gåtur;;event;{activity.status};;;;;{participants};;;;;no\n"
        return SimpleUploadedFile("a.csv", (HEADER_EN + row).encode())

    tabs = [danish.post(f"{base(world)}/import/", {"file": sheet(n)}) for n in (31, 32)]
    assert danish.post(f"{base(world)}/import/", {"token": tabs[0].context["token"]}).status_code == 302
    before = db_snapshot()
    second = danish.post(f"{base(world)}/import/", {"token": tabs[1].context["token"]})
    assert "Data er ændret, efter du kontrollerede filen" in second.text
    assert [(c.before, c.after) for c in second.context["preview"].rows[0].changes] == [("31", "32")]
    assert db_snapshot() == before  # nothing saved: the user sees the change from 31 first
    assert danish.post(f"{base(world)}/import/", {"token": second.context["token"]}).status_code == 302
    activity.refresh_from_db()
    assert activity.participants == 32
