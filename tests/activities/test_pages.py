import csv
import datetime
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from activities.exports import COLUMNS, neutralise
from activities.models import Activity, Attachment, LogEntry, Participation
from activities.views import ActivityList
from tests import factories
from tests.snapshot import db_snapshot

HEADER = ";".join(column.key for column in COLUMNS if column.key != "key")  # a file written by hand has no keys


def base(world):
    return f"/i/{world.home.slug}/activities"


def form_data(world, **extra):
    track = world.home.tracks.first()
    data = {
        "title": "Girlpower", "track": track.pk, "kind": "course", "status": "running", "starts_on": "2018-09-01",
        "involvement": "co_designed", "participations-TOTAL_FORMS": 0, "participations-INITIAL_FORMS": 0,
    }  # fmt: skip
    return {**data, **extra}


def participation_rows(*rows):
    data = {"participations-TOTAL_FORMS": len(rows), "participations-INITIAL_FORMS": 0}
    for index, row in enumerate(rows):
        data.update({f"participations-{index}-{key}": value for key, value in row.items()})
    return data


def test_the_secretariat_records_an_activity_with_partners_and_their_contributions(world, client):
    client.force_login(world.secretariat)
    school = factories.OrganisationFactory(initiative=world.home, sector=factories.SectorLookup.get("school"))
    club = factories.OrganisationFactory(initiative=world.home, sector=factories.SectorLookup.get("association"))
    rows = participation_rows(
        {"organisation": school.pk, "role": "host", "hours": "12", "in_kind": "gymnastiksal"},
        {"organisation": club.pk, "role": "contributor", "money": "5000"},
    )
    response = client.post(f"{base(world)}/new/", form_data(world, lead=club.pk, **rows))
    activity = Activity.objects.get(initiative=world.home, title="Girlpower")
    assert response["Location"] == activity.get_absolute_url()
    assert {(p.organisation, p.role) for p in activity.participations.all()} == {
        (school, "host"),
        (club, "contributor"),
    }
    page = client.get(activity.get_absolute_url()).text
    assert "gymnastiksal" in page
    assert "5,000 DKK" in page  # English; 5.000 kr. in Danish


def test_a_lead_organisation_is_added_as_co_organiser(world, client):
    client.force_login(world.secretariat)
    lead = factories.OrganisationFactory(initiative=world.home)
    client.post(f"{base(world)}/new/", form_data(world, lead=lead.pk))
    activity = Activity.objects.get(title="Girlpower")
    assert list(activity.participations.values_list("organisation", "role")) == [(lead.pk, "co_organiser")]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"ends_on": "2018-01-01"}, "An activity cannot end before it starts."),
        ({"participants": 10, "participants_target_group": 20}, "More from the target group than participants in all."),
        ({"status": "stopped"}, "Say why the activity stopped."),
        ({"satisfaction": 6}, "Ensure this value is less than or equal to 5."),
        ({"title": ""}, "This field is required."),
    ],
)
def test_bad_activity_input_is_refused_and_nothing_is_saved(world, client, extra, message):
    client.force_login(world.secretariat)
    before = db_snapshot()
    response = client.post(f"{base(world)}/new/", form_data(world, **extra))
    assert response.status_code == 400
    assert message in response.text
    assert db_snapshot() == before


def test_a_bad_participation_row_saves_neither_the_activity_nor_the_rows(world, client):
    client.force_login(world.secretariat)
    school = factories.OrganisationFactory(initiative=world.home)
    foreign = factories.OrganisationFactory(initiative=world.other)
    rows = participation_rows(
        {"organisation": school.pk, "role": "host", "hours": "-3"},
        {"organisation": foreign.pk, "role": "host"},
        {"organisation": school.pk, "role": "host"},
    )
    before = db_snapshot()
    response = client.post(f"{base(world)}/new/", form_data(world, **rows))
    assert response.status_code == 400
    assert "Ensure this value is greater than or equal to 0." in response.text
    assert "Select a valid choice. That choice is not one of the available choices." in response.text
    assert db_snapshot() == before


def test_a_track_of_another_initiative_is_refused(world, client):
    client.force_login(world.secretariat)
    before = db_snapshot()
    response = client.post(f"{base(world)}/new/", form_data(world, track=world.other.tracks.first().pk))
    assert "Select a valid choice. That choice is not one of the available choices." in response.text
    assert db_snapshot() == before


def test_adding_to_the_log_with_htmx_returns_the_log_only(world, client):
    client.force_login(world.secretariat)
    activity = Activity.objects.filter(initiative=world.home).first()
    response = client.post(
        f"{base(world)}/{activity.pk}/log/", {"noted_on": "2018-10-01", "text": "Tolv piger mødte op."},
        headers={"HX-Request": "true"},
    )  # fmt: skip
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<section id="log"')
    assert "Tolv piger mødte op." in response.text
    assert "<html" not in response.text
    entry = LogEntry.objects.get(text="Tolv piger mødte op.")
    assert (entry.author, entry.activity) == (world.secretariat, activity)


def test_an_empty_log_note_is_refused_in_place(world, client):
    client.force_login(world.secretariat)
    activity = Activity.objects.filter(initiative=world.home).first()
    before = db_snapshot()
    response = client.post(
        f"{base(world)}/{activity.pk}/log/", {"noted_on": "", "text": ""}, headers={"HX-Request": "true"}
    )
    assert "This field is required." in response.text
    assert db_snapshot() == before


def test_attachments_are_checked_and_served_only_through_the_initiative(world, client):
    client.force_login(world.secretariat)
    activity = Activity.objects.filter(initiative=world.home).first()
    url = f"{base(world)}/{activity.pk}/attachments/"
    before = db_snapshot()
    for upload, message in (
        (SimpleUploadedFile("virus.exe", b"MZ..."), "not “virus.exe”"),
        (SimpleUploadedFile("fake.pdf", b"<html>"), "does not match its name “fake.pdf”"),
        (SimpleUploadedFile("big.txt", b"x" * (10 * 1024 * 1024 + 1)), "larger than 10 MB"),
    ):
        response = client.post(url, {"file": upload})
        assert response.status_code == 400
        assert message in response.text
    assert db_snapshot() == before
    assert client.post(url, {"file": SimpleUploadedFile("plan.pdf", b"%PDF-1.7 plan")}).status_code == 302
    attachment = Attachment.objects.get(activity=activity, name="plan.pdf")
    download = client.get(attachment.get_absolute_url())
    assert download["Content-Disposition"] == 'attachment; filename="plan.pdf"'
    assert b"".join(download.streaming_content) == b"%PDF-1.7 plan"


def test_the_list_filters_sorts_and_counts(world, client, django_assert_max_num_queries, monkeypatch):
    client.force_login(world.member)
    club = factories.OrganisationFactory(initiative=world.home, sector=factories.SectorLookup.get("association"))
    led = factories.ActivityFactory(initiative=world.home, title="Trænerspirer", lead=club, status="anchored")
    factories.ParticipationFactory(activity=led, organisation=club, hours=10)
    factories.ActivityFactory(initiative=world.home, title="Idéværksted", status="idea")
    for query, expected in (
        ("status=anchored", ["Trænerspirer"]),
        (f"lead={club.pk}", ["Trænerspirer"]),
        ("q=værksted", ["Idéværksted"]),
        (f"organisation={club.pk}", ["Trænerspirer"]),
        ("sector=" + str(club.sector_id), ["Trænerspirer"]),
    ):
        with django_assert_max_num_queries(12):
            response = client.get(f"{base(world)}/?{query}")
        assert [a.title for a in response.context["object_list"]] == expected, query
    titles = [a.title for a in client.get(f"{base(world)}/?order=title").context["object_list"]]
    assert titles == sorted(titles)
    assert {"Idéværksted", "Trænerspirer"} <= set(titles)
    assert client.get(f"{base(world)}/?lead=secretariat").context["object_list"][0].lead is None
    # a page number out of range shows the last page, one that is no number the first (one activity a page here)
    monkeypatch.setattr(ActivityList, "paginate_by", 1)
    for page, number in (("9999", len(titles)), ("abc", 1), ("2", 2)):
        response = client.get(f"{base(world)}/?page={page}")
        assert response.status_code == 200, page
        assert response.context["page_obj"].number == number, page
        assert len(response.context["object_list"]) == 1, page
    monkeypatch.undo()
    # every row links to its activity (the address reversed once for the page)
    listed = client.get(f"{base(world)}/")
    links = re.findall(r'<td><a href="([^"]+)">', listed.text)
    assert links == [activity.get_absolute_url() for activity in listed.context["object_list"]]
    assert len(links) >= 2


def test_the_filter_bar_follows_the_alliance_and_is_not_read_again_when_an_activity_is_recorded(world, client):
    client.force_login(world.member)
    client.get(f"{base(world)}/")
    club = factories.OrganisationFactory(initiative=world.home, name="Hvalsø Ungdomsklub")
    assert "Hvalsø Ungdomsklub" in client.get(f"{base(world)}/").text  # a new organisation is offered at once
    factories.ActivityFactory(initiative=world.home, title="Ungebussen")
    with CaptureQueriesContext(connection) as captured:
        page = client.get(f"{base(world)}/").text
    assert "Ungebussen" in page
    assert "Hvalsø Ungdomsklub" in page
    # the tracks, organisations and sectors the filter offers come from the cache: the log alone changed
    tables = ("alliance_organisation", "initiatives_strategictrack", "alliance_sector")
    choices = [f'FROM "{table}"' for table in tables]
    assert not [query for query in captured if any(table in query["sql"] for table in choices)]
    # an organisation of another initiative is no choice here: the filter says so and lists nothing
    other = factories.OrganisationFactory(initiative=world.other)
    response = client.get(f"{base(world)}/?organisation={other.pk}")
    assert list(response.context["object_list"]) == []
    assert "Select a valid choice. That choice is not one of the available choices." in response.text
    assert [a.title for a in client.get(f"{base(world)}/?organisation={club.pk}").context["object_list"]] == []


def test_the_export_neutralises_formulas_and_round_trips_through_the_import(world, client):
    client.force_login(world.secretariat)
    club = factories.OrganisationFactory(initiative=world.home, name="=Klubben")
    made = factories.ActivityFactory(
        initiative=world.home, title='=HYPERLINK("x")', lead=club, starts_on=datetime.date(2017, 5, 1)
    )
    factories.ParticipationFactory(activity=made, organisation=club)
    exported = client.get(f"{base(world)}/export.csv?q=HYPERLINK")
    text = exported.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[1][:2] == [str(made.key), '\'=HYPERLINK("x")']
    assert rows[1][7] == "'=Klubben"
    workbook = load_workbook(io.BytesIO(client.get(f"{base(world)}/export.xlsx?q=HYPERLINK").content))
    assert workbook.active["B2"].value == '\'=HYPERLINK("x")'
    # the exported file goes back in as the same activity, unchanged (the import undoes the guard)
    before = db_snapshot()
    response = client.post(f"{base(world)}/import/", {"file": SimpleUploadedFile("a.csv", exported.content)})
    assert "0 new, 0 changed, 1 unchanged, 0 refused." in response.text
    assert "Nothing to import: every row is already as the file says." in response.text
    assert db_snapshot() == before


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx"])
def test_formula_like_cells_are_neutralised(value):
    assert neutralise(value) == "'" + value
    assert neutralise("Girlpower") == "Girlpower"
    assert neutralise(12) == 12


def test_an_import_with_unknown_names_saves_nothing_and_names_them(world, client):
    client.force_login(world.secretariat)
    header = HEADER
    data = "\n".join(
        [
            header,
            "Ok;;event;planned;2018-01-01;;;;;;;;;no",
            "Ny;Spor X;event;planned;2018-01-01;;Ukendt;A | Ingen;;;;;;no",
            "Dårlig;;dans;færdig;2018-31-01;;;;ti;;;;;måske",
        ]
    ).encode()
    before = db_snapshot()
    response = client.post(f"{base(world)}/import/", {"file": SimpleUploadedFile("a.csv", data)})
    assert response.status_code == 400
    for text in ("Unknown track “Spor X”", "Unknown organisation “Ukendt”", "Unknown organisation “A”",
                 "Unknown organisation “Ingen”", "Unknown value “dans”", "Unknown value “færdig”",
                 "is not a date", "Write a whole number, not “ti”", "Write yes or no, not “måske”"):  # fmt: skip
        assert text in response.text, text
    assert db_snapshot() == before


def test_the_import_command(world, tmp_path, capsys):
    path = tmp_path / "a.csv"
    header = HEADER
    path.write_text(header + "\nLæsehestene;;offer;anchored;2016-01-01;;;;30;30;consulted;5;;no\n", encoding="utf-8")
    call_command("import_activities", world.home.slug, str(path))
    assert capsys.readouterr().out == f"Imported into {world.home.slug}: 1 new, 0 changed, 0 unchanged, 0 refused.\n"
    assert Activity.objects.get(title="Læsehestene").status == "anchored"
    path.write_text(header + "\nX;;nope;planned;;;;;;;;;;\n", encoding="utf-8")
    with pytest.raises(CommandError, match="line 2, column Kind"):
        call_command("import_activities", world.home.slug, str(path))


def test_the_catalogue_groups_by_track_and_leaves_out_ideas(world, client):
    client.force_login(world.member)
    factories.ActivityFactory(initiative=world.home, title="Kun en idé", status="idea")
    page = client.get(f"{base(world)}/catalogue/").text
    assert world.home.tracks.first().name in page
    assert "Kun en idé" not in page


def test_the_overview_warns_when_the_secretariat_leads_too_much(world, client):
    client.force_login(world.member)
    Participation.objects.all().delete()
    Activity.objects.filter(initiative=world.home).delete()
    for month in range(1, 5):
        factories.ActivityFactory(initiative=world.home, starts_on=datetime.date(2018, month, 1))
    # four activities are too few to warn about
    assert "The secretariat is becoming the executor." not in client.get(f"/i/{world.home.slug}/").text
    factories.ActivityFactory(initiative=world.home, starts_on=datetime.date(2018, 5, 1), illustrative=True)
    page = client.get(f"/i/{world.home.slug}/").text
    assert "The secretariat is becoming the executor." in page
    assert "Of the last 5 activities that started, the secretariat led 5 itself: more than 50 %" in page
    assert "1 of them is an illustrative demo activity" in page


def test_members_see_their_own_organisations_commitments_on_their_start_page(world, client):
    person = world.home.people.first()
    person.user = world.member
    person.save()
    mine = factories.CommitmentFactory(
        initiative=world.home, organisation=person.organisation, what="Lokaler hver tirsdag"
    )
    others = factories.CommitmentFactory(initiative=world.home, what="Andres løfte")
    elsewhere = factories.CommitmentFactory(
        initiative=world.other, organisation=world.other.organisations.first(), what="Fremmed"
    )
    client.force_login(world.member)
    page = client.get("/").text
    assert mine.what in page
    assert others.what not in page
    assert elsewhere.what not in page


def test_a_person_can_only_be_linked_to_a_login_of_the_initiative(world, client):
    client.force_login(world.secretariat)
    person = world.home.people.first()
    data = {"name": person.name, "title": person.title, "organisation": person.organisation_id}
    refused = client.post(
        f"/i/{world.home.slug}/alliance/people/{person.pk}/edit/", {**data, "user": world.outsider.pk}
    )
    assert "Select a valid choice" in refused.text
    accepted = client.post(f"/i/{world.home.slug}/alliance/people/{person.pk}/edit/", {**data, "user": world.member.pk})
    assert accepted.status_code == 302


def test_a_long_non_latin_file_name_is_stored_under_a_safe_name(world, client):
    client.force_login(world.secretariat)
    activity = Activity.objects.filter(initiative=world.home).first()
    name = "æ" * 200 + ".txt"
    response = client.post(f"{base(world)}/{activity.pk}/attachments/", {"file": SimpleUploadedFile(name, b"hej")})
    assert response.status_code == 302
    attachment = Attachment.objects.get(activity=activity, name__endswith=".txt", size=3)
    assert len(attachment.file.name.rsplit("/", 1)[-1]) == 36  # a uuid and the suffix


def test_an_export_with_a_bad_filter_says_so_instead_of_an_empty_file(world, client):
    client.force_login(world.member)
    response = client.get(f"{base(world)}/export.csv?starts_from=notadate")
    assert response.status_code == 400
    assert "The filter is not valid" in response.text


def test_numbers_that_only_look_like_digits_are_a_row_error(world, client):
    client.force_login(world.secretariat)
    data = (HEADER + "\nX;;event;planned;;;;;²;;;;;no\n").encode()
    response = client.post(f"{base(world)}/import/", {"file": SimpleUploadedFile("a.csv", data)})
    assert response.status_code == 400
    assert "Write a whole number, not “²”" in response.text


def test_the_figures_say_when_they_are_built_on_illustrative_activities(world, client):
    client.force_login(world.member)
    assert "made-up demo values" not in client.get(f"{base(world)}/figures/").text
    factories.ActivityFactory(initiative=world.home, illustrative=True)
    assert "1 of the activities counted here holds made-up demo values" in client.get(f"{base(world)}/figures/").text


def test_an_oversized_import_is_refused_before_it_is_read(world, client):
    client.force_login(world.secretariat)
    big = SimpleUploadedFile("a.csv", b"x" * (5 * 1024 * 1024 + 1))
    response = client.post(f"{base(world)}/import/", {"file": big})
    assert response.status_code == 400
    assert "The file is larger than 5 MB." in response.text
