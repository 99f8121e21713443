import datetime
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.utils import translation
from openpyxl import Workbook

from alliance.models import Membership, Organisation, Person, Sector
from alliance.roster import MAX_ROWS, RosterError
from alliance.services import roster_import
from initiatives.models import Role
from tests import factories
from tests.snapshot import db_snapshot

HEADER = "name;title;organisation;sector;role;joined;left;left_reason;consent_named"
GOOD_ROWS = [
    "Anne Holm;Direktør;Boliggården;Boligforening;member;01-01-2015;30-06-2018;pension;nej",
    "Bo Krogh;Formand;DGI Nordsjælland;association;chair;2015-03-01;;;ja",
    "Camilla Lund;Lærer;Snekkersten Skole;School / day care;Næstformand;;;;",
]


@pytest.fixture(autouse=True)
def _english():
    """Each test starts in English: a Danish request leaves its language active in the thread."""
    translation.activate("en")
    yield
    translation.activate("en")


def csv_bytes(*rows, header=HEADER, bom=True, delimiter=";") -> bytes:
    text = "\r\n".join([header, *rows]).replace(";", delimiter) + "\r\n"
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode()


def xlsx_bytes(rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_a_danish_excel_csv_with_bom_and_semicolons_is_imported(world):
    result = roster_import(initiative=world.home, file_name="roster.csv", data=csv_bytes(*GOOD_ROWS))
    assert (result.new, result.changed, result.unchanged, result.refused, result.saved) == (3, 0, 0, 0, True)
    assert result.notes == ["3 new organisations: Boliggården, DGI Nordsjælland, Snekkersten Skole."]
    assert Organisation.objects.filter(initiative=world.home, name__in=["Boliggården", "DGI Nordsjælland"]).count() == 2
    anne = Membership.objects.get(initiative=world.home, person__name="Anne Holm")
    assert (anne.role, str(anne.joined_on), str(anne.left_on), anne.left_reason) == (
        "member", "2015-01-01", "2018-06-30", "retired"
    )  # fmt: skip
    assert not anne.is_current
    bo = Person.objects.get(initiative=world.home, name="Bo Krogh")
    assert bo.consent_named is True
    assert bo.organisation.sector.key == "association"
    assert Membership.objects.get(person__name="Camilla Lund").role == "vice_chair"


def test_a_comma_separated_csv_without_bom_is_imported(world):
    rows = [row.replace(";", ",") for row in GOOD_ROWS]
    result = roster_import(initiative=world.home, file_name="R.CSV", data=csv_bytes(*rows, bom=False, delimiter=","))
    assert result.new == 3


def test_an_xlsx_roster_is_imported_with_real_dates(world):
    excel_date = datetime.datetime(2015, 1, 1)  # noqa: DTZ001 - Excel cells hold naive date-times
    rows = [
        HEADER.split(";"),
        ["Anne Holm", "Direktør", "Boliggården", "housing", "member", excel_date, None, None, "yes"],
    ]
    result = roster_import(initiative=world.home, file_name="roster.xlsx", data=xlsx_bytes(rows))
    assert result.new == 1
    assert str(Membership.objects.get(person__name="Anne Holm").joined_on) == "2015-01-01"


def test_importing_the_same_file_twice_changes_nothing(world):
    data = csv_bytes(*GOOD_ROWS)
    roster_import(initiative=world.home, file_name="roster.csv", data=data)
    before = db_snapshot()
    result = roster_import(initiative=world.home, file_name="roster.csv", data=data)
    assert not result.changes_anything
    assert (result.new, result.changed, result.unchanged) == (0, 0, 3)
    assert db_snapshot() == before


def test_a_changed_row_updates_the_person_and_membership(world):
    roster_import(initiative=world.home, file_name="roster.csv", data=csv_bytes(*GOOD_ROWS))
    changed = GOOD_ROWS[1].replace(";;;ja", ";31-12-2019;nyt job;ja")
    result = roster_import(initiative=world.home, file_name="roster.csv", data=csv_bytes(changed))
    assert (result.new, result.changed, result.unchanged) == (0, 1, 0)
    assert [(c.column, c.before, c.after) for c in result.rows[0].changes] == [
        ("Left", "", "31.12.2019"), ("Reason for leaving", "", "New job"),
    ]  # fmt: skip
    assert Membership.objects.get(person__name="Bo Krogh").left_reason == "new_job"
    assert Membership.objects.get(person__name="Bo Krogh").history.count() == 2


def test_any_bad_row_saves_nothing_and_every_bad_row_is_listed(world):
    before = db_snapshot()
    rows = [
        GOOD_ROWS[0],
        "Dennis Dahl;Leder;Ny Forening;Rumfart;member;;;;",  # unknown sector
        "Emma Bak;Leder;COOP;business;king;;;;",  # unknown role
        "Frederik Skov;Leder;COOP;business;member;2019-01-01;2018-01-01;;",  # leaves before joining
        ";Leder;COOP;business;member;32-13-2015;;;maybe",  # no name, bad date, bad consent
        GOOD_ROWS[0],  # the same person twice
    ]
    with pytest.raises(RosterError) as raised:
        roster_import(initiative=world.home, file_name="roster.csv", data=csv_bytes(*rows))
    errors = [(error.line, error.column) for error in raised.value.errors]
    assert errors == [
        (3, "sector"), (4, "role"), (5, "left"), (6, "name"), (6, "joined"), (6, "consent_named"), (7, "name"),
    ]  # fmt: skip
    assert "Rumfart" in raised.value.errors[0].message
    assert "line 2" in raised.value.errors[-1].message
    assert db_snapshot() == before
    assert not Organisation.objects.filter(name="Ny Forening").exists()


@pytest.mark.parametrize(
    ("file_name", "data", "message"),
    [
        ("roster.pdf", b"%PDF-1.4", "Upload a .csv or .xlsx file."),
        ("roster.csv", "name;title\n".encode("utf-16"), "not UTF-8"),
        ("roster.csv", b"", "The file is empty."),
        ("roster.csv", b"name;title\nAnne;Leder\n", "Missing columns: Organisation, Sector, Role"),
        ("roster.csv", csv_bytes(), "no rows below the column names"),
        ("roster.xlsx", b"PK\x03\x04 not really a workbook", "not a valid XLSX workbook"),
        ("roster.csv", b"x" * (2 * 1024 * 1024 + 1), "larger than 2 MB"),
    ],
)
def test_files_that_are_not_rosters_get_a_clear_message(world, file_name, data, message):
    before = db_snapshot()
    with pytest.raises(RosterError) as raised:
        roster_import(initiative=world.home, file_name=file_name, data=data)
    assert message in raised.value.errors[0].message
    assert db_snapshot() == before


def test_too_many_rows_are_refused(world):
    rows = [f"Person {n};Leder;COOP;business;member;;;;" for n in range(MAX_ROWS + 1)]
    with pytest.raises(RosterError) as raised:
        roster_import(initiative=world.home, file_name="roster.csv", data=csv_bytes(*rows))
    assert raised.value.errors[0].message == f"The file has more than {MAX_ROWS} rows."


def test_the_page_previews_saves_nothing_and_imports_on_confirmation(world, client, settings, tmp_path):
    settings.IMPORT_STAGING_DIR = tmp_path
    client.force_login(world.secretariat)
    url = f"/i/{world.home.slug}/alliance/members/import/"
    before = db_snapshot()
    # when the file is uploaded, the page shows what it would do and saves nothing
    upload = SimpleUploadedFile("roster.csv", csv_bytes(*GOOD_ROWS), content_type="text/csv")
    response = client.post(url, {"file": upload})
    assert response.status_code == 200
    assert "3 new, 0 changed, 0 unchanged, 0 refused." in response.text
    assert "3 new organisations: Boliggården, DGI Nordsjælland, Snekkersten Skole." in response.text
    assert db_snapshot() == before
    token = response.context["token"]
    assert sorted(path.suffix for path in tmp_path.iterdir()) == [".bin", ".json"]
    # when the user confirms, the file kept on the server is imported
    response = client.post(url, {"token": token}, follow=True)
    assert response.redirect_chain[-1][0] == f"/i/{world.home.slug}/alliance/members/"
    assert "Imported: 3 new, 0 changed, 0 unchanged, 0 refused." in response.text
    assert Membership.objects.filter(initiative=world.home, person__name="Bo Krogh").exists()
    assert list(tmp_path.iterdir()) == []
    # and the same token cannot import twice
    after = db_snapshot()
    response = client.post(url, {"token": token})
    assert response.status_code == 400
    assert "This preview has expired or was already imported" in response.text
    assert db_snapshot() == after


def test_the_confirmation_checks_the_file_again(world, client, settings, tmp_path):
    settings.IMPORT_STAGING_DIR = tmp_path
    client.force_login(world.secretariat)
    url = f"/i/{world.home.slug}/alliance/members/import/"
    response = client.post(url, {"file": SimpleUploadedFile("roster.csv", csv_bytes(GOOD_ROWS[1]))})
    token = response.context["token"]
    # given the sector the file names is renamed between the preview and the confirmation
    Sector.objects.filter(key="association").update(key="club", name_da="Klub", name_en="Club")
    before = db_snapshot()
    response = client.post(url, {"token": token})
    assert response.status_code == 400
    assert "Unknown sector “association”." in response.text
    assert db_snapshot() == before


def test_a_token_of_another_user_or_a_made_up_one_imports_nothing(world, client, settings, tmp_path):
    settings.IMPORT_STAGING_DIR = tmp_path
    client.force_login(world.secretariat)
    url = f"/i/{world.home.slug}/alliance/members/import/"
    response = client.post(url, {"file": SimpleUploadedFile("roster.csv", csv_bytes(*GOOD_ROWS))})
    token = response.context["token"]
    other = factories.InitiativeRoleFactory(initiative=world.home, role=Role.SECRETARIAT).user
    client.force_login(other)
    before = db_snapshot()
    for made_up in (token, "../../etc/passwd", "x" * 43):
        assert client.post(url, {"token": made_up}).status_code == 400
    assert db_snapshot() == before


def test_the_page_lists_every_bad_row_and_saves_nothing(world, client):
    client.force_login(world.secretariat)
    before = db_snapshot()
    bad = csv_bytes(GOOD_ROWS[0], "Emma Bak;Leder;COOP;business;king;;;;")
    response = client.post(
        f"/i/{world.home.slug}/alliance/members/import/", {"file": SimpleUploadedFile("roster.csv", bad)}
    )
    assert response.status_code == 400
    assert "1 new, 0 changed, 0 unchanged, 1 refused." in response.text
    assert (
        "<td>3</td><td>Emma Bak, COOP</td><td>Role</td><td>Unknown role “king”. Valid values: chair, vice-chair, "
        "member, youth representative, secretariat.</td>"
    ) in response.text
    assert response.context["token"] == ""
    assert db_snapshot() == before


def test_the_page_refuses_an_upload_without_a_file(world, client):
    client.force_login(world.secretariat)
    response = client.post(f"/i/{world.home.slug}/alliance/members/import/", {})
    assert response.status_code == 200
    assert "This field is required." in response.text


def test_the_command_imports_and_fails_clearly(world, tmp_path, capsys):
    good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"
    good.write_bytes(csv_bytes(*GOOD_ROWS))
    bad.write_bytes(csv_bytes("Emma Bak;Leder;COOP;business;king;;;;"))
    call_command("import_roster", world.home.slug, str(good))
    assert capsys.readouterr().out == f"Imported into {world.home.slug}: 3 new, 0 changed, 0 unchanged, 0 refused.\n"
    before = db_snapshot()
    with pytest.raises(CommandError, match=r"line 2, column Role: Unknown role “king”"):
        call_command("import_roster", world.home.slug, str(bad))
    with pytest.raises(CommandError, match="No initiative with the slug 'nowhere'"):
        call_command("import_roster", "nowhere", str(good))
    assert db_snapshot() == before


def rezip(data: bytes, replace: dict[str, bytes]) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            target.writestr(entry.filename, replace.get(entry.filename, source.read(entry.filename)))
        for name, content in replace.items():
            if name not in source.namelist():
                target.writestr(name, content)
    return buffer.getvalue()


def test_a_workbook_that_unpacks_to_gigabytes_is_refused_before_it_is_read(world):
    # given a small file holding 21 MB of zeros
    bomb = rezip(xlsx_bytes([HEADER.split(";")]), {"xl/padding.bin": b"\0" * (21 * 1024 * 1024)})
    assert len(bomb) < 2 * 1024 * 1024
    with pytest.raises(RosterError) as raised:
        roster_import(initiative=world.home, file_name="roster.xlsx", data=bomb)
    assert "unpacks to more than 20 MB" in raised.value.errors[0].message


def test_a_workbook_with_broken_xml_gets_a_message_not_a_crash(world):
    good = xlsx_bytes([HEADER.split(";"), ["Anne Holm", "Leder", "COOP", "business", "member"]])
    broken = rezip(good, {"xl/worksheets/sheet1.xml": b"<worksheet><sheetData><row><c"})
    with pytest.raises(RosterError) as raised:
        roster_import(initiative=world.home, file_name="roster.xlsx", data=broken)
    assert raised.value.errors[0].message == "The file is not a valid XLSX workbook."


def test_control_characters_are_a_row_error(world):
    with pytest.raises(RosterError) as raised:
        roster_import(
            initiative=world.home, file_name="r.csv", data=csv_bytes("Anne\x00Holm;Leder;COOP;business;member;;;;")
        )
    assert [(e.line, e.column, e.message) for e in raised.value.errors] == [
        (2, "name", "The value contains control characters.")
    ]


def test_a_column_named_twice_is_refused(world):
    with pytest.raises(RosterError) as raised:
        roster_import(
            initiative=world.home, file_name="r.csv", data=csv_bytes(GOOD_ROWS[0] + ";", header=HEADER + ";title")
        )
    assert raised.value.errors[0].message == "These columns appear more than once: Title."


def test_blank_rows_in_a_workbook_neither_count_nor_shift_line_numbers(world):
    rows = [HEADER.split(";"), *[[None] * 9] * 10, ["Anne Holm", "Leder", "COOP", "business", "king"]]
    with pytest.raises(RosterError) as raised:
        roster_import(initiative=world.home, file_name="roster.xlsx", data=xlsx_bytes(rows))
    assert (raised.value.errors[0].line, raised.value.errors[0].column) == (12, "role")


def test_a_quoted_cell_over_two_lines_keeps_later_line_numbers_right(world):
    data = csv_bytes(
        'Anne Holm;"Leder,\nog meget mere";COOP;business;member;;;;', "Bo Krogh;Leder;COOP;business;king;;;;"
    )
    with pytest.raises(RosterError) as raised:
        roster_import(initiative=world.home, file_name="r.csv", data=data)
    assert (raised.value.errors[0].line, raised.value.errors[0].column) == (4, "role")


def test_a_name_in_other_letter_case_is_the_same_person(world):
    roster_import(initiative=world.home, file_name="r.csv", data=csv_bytes(GOOD_ROWS[1]))
    result = roster_import(
        initiative=world.home, file_name="r.csv", data=csv_bytes(GOOD_ROWS[1].replace("Bo Krogh", "bo krogh"))
    )
    assert not result.changes_anything
    assert Person.objects.filter(initiative=world.home, name__iexact="bo krogh").count() == 1


def test_excel_dates_stored_as_numbers_are_read_as_dates(world):
    rows = [HEADER.split(";"), ["Anne Holm", "Leder", "COOP", "business", "member", 42370, None, None, "nej"]]
    roster_import(initiative=world.home, file_name="roster.xlsx", data=xlsx_bytes(rows))
    assert str(Membership.objects.get(person__name="Anne Holm").joined_on) == "2016-01-01"


DANISH_HEADER = (
    "Navn;Titel;Organisation;Sektor;Rolle;Indtrådt;Udtrådt;Årsag til udtræden;Må nævnes ved navn i rapporter"
)


@pytest.fixture
def danish(client, settings, tmp_path):
    settings.IMPORT_STAGING_DIR = tmp_path / "staged"
    client.cookies["django_language"] = "da"
    return client


def test_danish_headings_are_read_in_the_danish_interface(world, danish):
    danish.force_login(world.secretariat)
    data = csv_bytes("Anne Holm;Skoleleder;Snekkersten Skole;Skole / dagtilbud;medlem;15.01.2026;;;ja",
                     header=DANISH_HEADER)  # fmt: skip
    url = f"/i/{world.home.slug}/alliance/members/import/"
    response = danish.post(url, {"file": SimpleUploadedFile("medlemmer.csv", data)})
    assert response.status_code == 200
    assert "1 ny, 0 ændrede, 0 uændrede, 0 afviste." in response.text
    assert "1 ny organisation: Snekkersten Skole." in response.text
    response = danish.post(url, {"token": response.context["token"]}, follow=True)
    assert "Importeret: 1 ny, 0 ændrede, 0 uændrede, 0 afviste." in response.text
    anne = Membership.objects.get(initiative=world.home, person__name="Anne Holm")
    assert (str(anne.joined_on), anne.person.consent_named, anne.person.organisation.sector.key) == (
        "2026-01-15", True, "school"
    )  # fmt: skip


def test_an_unknown_sector_lists_the_valid_ones_in_the_users_language(world):
    with translation.override("da"), pytest.raises(RosterError) as raised:
        roster_import(initiative=world.home, file_name="r.csv", data=csv_bytes("Bo;;COOP;Rumfart;medlem;;;;"))
    names = ", ".join(sector.name_da for sector in Sector.objects.all())
    assert raised.value.errors[0].message == f"Ukendt sektor “Rumfart”. Gyldige værdier: {names}."
    assert raised.value.errors[0].shown == "Sektor"


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_roster_export_imports_again_as_no_change(world, danish, fmt):
    roster_import(initiative=world.home, file_name="roster.csv", data=csv_bytes(*GOOD_ROWS))
    danish.force_login(world.secretariat)
    exported = danish.get(f"/i/{world.home.slug}/alliance/members/export.{fmt}")
    assert exported.status_code == 200
    before = db_snapshot()
    count = Membership.objects.filter(initiative=world.home).count()
    response = danish.post(
        f"/i/{world.home.slug}/alliance/members/import/", {"file": SimpleUploadedFile(f"m.{fmt}", exported.content)}
    )
    assert f"0 nye, 0 ændrede, {count} uændrede, 0 afviste." in response.text
    assert db_snapshot() == before


def test_a_renamed_member_in_the_export_is_renamed_not_added(world):
    roster_import(initiative=world.home, file_name="roster.csv", data=csv_bytes(GOOD_ROWS[1]))
    membership = Membership.objects.get(initiative=world.home, person__name="Bo Krogh")
    row = f"{membership.key};Bo Krogh-Hansen;Formand;DGI Nordsjælland;association;chair;2015-03-01;;;ja"
    result = roster_import(initiative=world.home, file_name="r.csv", data=csv_bytes(row, header="key;" + HEADER))
    assert (result.new, result.changed) == (0, 1)
    assert [(c.column, c.before, c.after) for c in result.rows[0].changes] == [("Name", "Bo Krogh", "Bo Krogh-Hansen")]
    membership.refresh_from_db()
    assert membership.person.name == "Bo Krogh-Hansen"
    assert not Person.objects.filter(initiative=world.home, name="Bo Krogh").exists()


def test_the_import_refuses_dates_that_leave_out_meetings_the_member_attended(world):
    membership = world.home.memberships.select_related("person__organisation").first()
    meeting = membership.meetings.order_by("held_on").first()
    person = membership.person
    row = (f"{membership.key};{person.name};{person.title};{person.organisation.name};"
           f"{person.organisation.sector.key};member;2099-01-01;;;")  # fmt: skip
    before = db_snapshot()
    with pytest.raises(RosterError) as raised:
        roster_import(initiative=world.home, file_name="r.csv", data=csv_bytes(row, header="key;" + HEADER))
    assert meeting.held_on == datetime.date(2016, 3, 1)
    assert [(error.column, error.message) for error in raised.value.errors] == [
        ("joined", "The member attended a meeting before the day they joined: March 1, 2016.")
    ]
    assert db_snapshot() == before


def test_the_import_refuses_a_leave_date_before_an_attended_meeting_in_the_preview_too(world):
    membership = world.home.memberships.select_related("person__organisation").first()
    person = membership.person
    row = (f"{membership.key};{person.name};{person.title};{person.organisation.name};"
           f"{person.organisation.sector.key};member;2015-01-01;2016-02-01;new_job;")  # fmt: skip
    data = csv_bytes(row, header="key;" + HEADER)
    before = db_snapshot()
    preview = roster_import(initiative=world.home, file_name="r.csv", data=data, dry_run=True)
    assert (preview.refused, preview.new, preview.changed) == (1, 0, 0)
    assert [(error.line, error.column, error.message) for error in preview.errors] == [
        (2, "left", "The member attended a meeting after the day they left: March 1, 2016.")
    ]
    with pytest.raises(RosterError):
        roster_import(initiative=world.home, file_name="r.csv", data=data)
    assert db_snapshot() == before


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_template_is_danish_and_a_valid_roster_of_one_row(world, danish, fmt):
    danish.force_login(world.secretariat)
    response = danish.get(f"/i/{world.home.slug}/alliance/members/import/template.{fmt}")
    assert response["Content-Disposition"] == f'attachment; filename="medlemsskabelon.{fmt}"'
    if fmt == "csv":
        assert response.content.decode("utf-8-sig").splitlines()[0] == "Nøgle;" + DANISH_HEADER
    before = db_snapshot()
    with translation.override("da"):
        preview = roster_import(initiative=world.home, file_name=f"t.{fmt}", data=response.content, dry_run=True)
    assert (preview.new, preview.refused, preview.saved) == (1, 0, False)
    assert db_snapshot() == before
    page = danish.get(f"/i/{world.home.slug}/alliance/members/import/").text
    assert f'href="/i/{world.home.slug}/alliance/members/import/template.{fmt}"' in page


def test_the_command_prints_the_preview_with_dry_run(world, tmp_path, capsys):
    path = tmp_path / "r.csv"
    path.write_bytes(csv_bytes(GOOD_ROWS[0], "Emma Bak;Leder;COOP;business;king;;;;"))
    before = db_snapshot()
    call_command("import_roster", world.home.slug, str(path), "--dry-run")
    assert capsys.readouterr().out.splitlines() == [
        f"Dry run: nothing was saved in {world.home.slug}.",
        "1 new, 0 changed, 0 unchanged, 1 refused.",
        "line 2: new: Anne Holm, Boliggården",
        "line 3, column Role: Unknown role “king”. Valid values: chair, vice-chair, member, youth representative, "
        "secretariat.",
        "1 new organisation: Boliggården.",
    ]
    assert db_snapshot() == before


def test_a_sector_may_be_named_by_one_part_of_its_name(world):
    # "Skole" for "Skole / dagtilbud", "Volunteers" for "Association / volunteers": what people write in a list
    rows = ("Anne Holm;;Lindebjergskolen;Skole;medlem;;;;", "Bo Krogh;;Roklubben;Volunteers;medlem;;;;")
    roster_import(initiative=world.home, file_name="r.csv", data=csv_bytes(*rows))
    sectors = dict(
        Membership.objects.filter(initiative=world.home, person__name__in=["Anne Holm", "Bo Krogh"]).values_list(
            "person__name", "person__organisation__sector__key"
        )
    )
    assert sectors == {"Anne Holm": "school", "Bo Krogh": "association"}
