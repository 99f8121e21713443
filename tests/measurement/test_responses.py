"""Raw anonymous responses: the observations computed by hand from a small file, the refusals, and that no row stays."""

import math

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.tabular import TableError
from measurement.models import Indicator, Observation
from measurement.responses import MAX_ROWS
from measurement.services import responses_import
from tests import factories
from tests.snapshot import db_snapshot

# 12 pupils of wave 2019. Trives: "Ja" and "Ja, ofte" count as yes (any case), "Ved ikke" and blank are left out.
RESPONSES = """\ufeffWave;Skole;Køn;Klasse;q1;q2
2019;A;dreng;6;Ja;3,5
2019;A;pige;6;Ja, ofte;4
2019;A;dreng;7;Nej;2,5
2019;A;pige;7;Ved ikke;
2019;A;dreng;6;Ja;5
2019;A;pige;7;Nej;3
2019;B;dreng;6;Ja;4
2019;B;pige;6;;4,5
2019;B;dreng;7;Nej;2
2019;B;pige;7;Ja;3,5
2019;B;dreng;6;ja;1
2019;B;pige;6;Ja;4
"""
SCORES_A = [3.5, 4, 2.5, 5, 3]
SCORES_B = [4, 4.5, 2, 3.5, 1, 4]


@pytest.fixture
def survey(world):
    survey = factories.SurveyFactory(initiative=world.home, name="Trivsel")
    for year in ("2018", "2019"):
        factories.WaveFactory(survey=survey, name=year)
    factories.IndicatorFactory(
        initiative=world.home, survey=survey, name="Trives", unit="proportion", question="Q1",
        yes_answers="Ja | Ja, ofte", missing_answers="Ved ikke", breakdowns="skole, køn",
    )  # fmt: skip
    factories.IndicatorFactory(
        initiative=world.home, survey=survey, name="Trivselsscore", unit="mean", question="q2", breakdowns="Skole"
    )
    return survey


def run(survey, text=RESPONSES, name="responses.csv", wave=None):
    return responses_import(initiative=survey.initiative, survey=survey, file_name=name, data=text.encode(), wave=wave)


def observed(name):
    rows = Observation.objects.filter(indicator__name=name).select_related("wave")
    return {(o.wave.name, o.group): (o.n, o.numerator, o.value, o.sd) for o in rows}


def sd(values):
    mean = sum(values) / len(values)
    return math.sqrt(sum((v - mean) ** 2 for v in values) / (len(values) - 1))


def test_observations_are_computed_for_everyone_and_each_group(survey):
    result = run(survey)
    assert (result.respondents, result.observations, result.left_out) == (12, 7, 1)  # køn: pige has 4 answers
    assert observed("Trives") == {
        ("2019", "all"): (10, 7, 0.7, None),
        ("2019", "skole: A"): (5, 3, 0.6, None),
        ("2019", "skole: B"): (5, 4, 0.8, None),
        ("2019", "køn: dreng"): (6, 4, 4 / 6, None),
    }
    scores = observed("Trivselsscore")
    assert set(scores) == {("2019", "all"), ("2019", "skole: A"), ("2019", "skole: B")}
    for group, values in (("all", SCORES_A + SCORES_B), ("skole: A", SCORES_A), ("skole: B", SCORES_B)):
        n, numerator, mean, spread = scores[("2019", group)]
        assert (n, numerator) == (len(values), None)
        assert mean == pytest.approx(sum(values) / len(values))
        assert spread == pytest.approx(sd(values))
    assert scores[("2019", "skole: A")][2:] == pytest.approx((3.6, math.sqrt(0.925)))


def test_importing_the_same_file_again_changes_nothing(survey):
    run(survey)
    before = db_snapshot()
    assert not run(survey).changes_anything
    assert db_snapshot() == before


def test_a_new_file_for_the_wave_replaces_its_results(survey):
    run(survey)
    only_school_a = "\n".join(line for line in RESPONSES.splitlines() if ";B;" not in line)
    result = run(survey, only_school_a)
    assert ("2019", "skole: B") not in observed("Trives")
    assert observed("Trives")[("2019", "all")] == (5, 3, 0.6, None)
    # both "all" updated; both "skole: B" removed; "køn: dreng" removed, as it now has 3 answers; "skole: A" as it was
    assert (result.new, result.changed, result.unchanged, result.removed) == (0, 2, 2, 3)
    assert set(observed("Trives")) == {("2019", "all"), ("2019", "skole: A")}


def test_no_response_row_is_stored(survey):
    tables = set(connection.introspection.table_names())
    before = {table: _count(table) for table in tables}
    run(survey)
    after = {table: _count(table) for table in tables}
    grown = {table for table in tables if after[table] != before[table]}
    assert grown == {"measurement_observation"}


def _count(table):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608 - our own table names
        return cursor.fetchone()[0]


def errors_of(survey, text, **kwargs):
    before = db_snapshot()
    with pytest.raises(TableError) as raised:
        run(survey, text, **kwargs)
    assert db_snapshot() == before
    return [(e.line, e.column, e.message) for e in raised.value.errors]


def test_bad_rows_are_named_by_line_and_column_and_nothing_is_saved(survey):
    text = RESPONSES + "2030;A;dreng;6;Ja;3\n2019;A;dreng;6;Ja;mange\n;B;pige;6;Nej;2\n"
    assert errors_of(survey, text) == [
        (14, "wave", "Unknown wave “2030” of the survey."),
        (15, "q2", "“mange” is not a number."),
        (16, "wave", "This value is required."),
    ]


def test_columns_a_rule_names_must_be_there(survey):
    text = "wave;skole;q1;q2\n2019;A;Ja;3\n"
    assert errors_of(survey, text) == [(1, "køn", "Missing column, named by the indicator “Trives”.")]


def test_personal_identifiers_are_refused(survey):
    text = "wave;Navn;E-mail;skole;køn;q1;q2\n2019;Anna;a@example.org;A;pige;Ja;3\n"
    ((line, column, message),) = errors_of(survey, text)
    assert line == 1
    assert "The columns e-mail, navn look like personal identifiers" in message


IDENTIFIER_COLUMNS = [
    "elevnavn", "Elev navn", "elev_navn", "barnets navn", "Elevens navn", "navn på elev", "fulde navn", "fornavn",
    "efternavn", "brugernavn", "name", "first name", "Full_Name", "CPR", "cpr.nr.", "CPR-nummer", "personnummer",
    "e-mail", "E-mail adresse", "email_address", "mailadresse", "telefonnummer", "tlf.nr", "mobilnummer", "Mobil",
    "phone number", "e-post", "postadresse", "adresse", "fødselsdato", "Fodselsdato", "birth date", "date of birth",
    "UNI-login", "unilogin",
]  # fmt: skip
REFUSED = (
    "look like personal identifiers. Remove them: the import needs only anonymous answers, and nothing that "
    "identifies a respondent may be uploaded."
)


def test_columns_named_by_pattern_as_personal_identifiers_are_refused(survey):
    refused = {}
    for name in IDENTIFIER_COLUMNS:
        text = f"wave;skole;køn;q1;q2;{name}\n2019;A;pige;Ja;3;x\n"
        refused[name] = errors_of(survey, text)
    assert refused == {name: [(1, "", f"The columns {name.strip().lower()} {REFUSED}")] for name in IDENTIFIER_COLUMNS}


def with_columns(names, values):
    """RESPONSES with more columns: ``values(k)`` gives the cells of its k-th respondent (k from 0)."""
    header, *rows = RESPONSES.splitlines()
    lines = [f"{header};{';'.join(names)}"] + [f"{row};{';'.join(values(k))}" for k, row in enumerate(rows)]
    return "\n".join(lines) + "\n"


def test_columns_that_name_no_person_and_ordinary_numbers_are_accepted(survey):
    # a school's name, not a person's; an answer column of counts with one eight-digit number; dates; a school year
    names = ["Skolenavn", "School name", "Skolens navn", "navn på skolen", "Klassenavn", "Navnløs", "Område", "Trives",
             "Fødselsår", "Smartphone", "Antal venner", "Besvaret", "Dato", "Skoleår", "Kommentar"]  # fmt: skip

    def values(k):
        friends = "20123456" if k == 3 else str(k % 11)
        return ["Skole A", "School A", "Skole A", "Skole A", "6.A", "x", "Nord", "ja", "2008", "ja", friends,
                f"2019-03-0{k % 9 + 1} 10:3{k % 10}", "20190301", "2018 2019", "Jeg @ skolen, 3 gange"]  # fmt: skip

    result = run(survey, with_columns(names, values))
    assert (result.respondents, result.observations) == (12, 7)
    assert result.new == 7


def test_a_value_that_identifies_someone_refuses_its_column_by_line_and_nothing_is_saved(survey):
    run(survey)
    remedy = "Remove the column: nothing that identifies a respondent may be uploaded."
    cases = {
        "010203-1234": "Line 7 of column “id” holds what looks like a CPR number.",
        "0102031234": "Line 7 of column “id” holds what looks like a CPR number.",
        "skriv til anna.b@example.org": "Line 7 of column “id” holds what looks like an e-mail address.",
        "+45 20 12 34 56": "Line 7 of column “id” holds what looks like a phone number.",
        "004520123456": "Line 7 of column “id” holds what looks like a phone number.",
        "20 12 34 56": "Line 7 of column “id” holds what looks like a phone number.",
    }
    for value, message in cases.items():
        text = with_columns(["id"], lambda k, value=value: [value if k == 5 else str(k)])
        assert errors_of(survey, text) == [(7, "id", f"{message} {remedy}")]
    assert observed("Trives")[("2019", "all")] == (10, 7, 0.7, None)


def test_a_column_mostly_of_eight_digit_numbers_is_refused_as_phone_numbers(survey):
    text = with_columns(["Forælder", "kontakt"], lambda k: ["mor", "" if k < 2 else f"{20123456 + k}"])
    assert errors_of(survey, text) == [
        (4, "kontakt", "Column “kontakt” holds eight-digit numbers that look like phone numbers, the first on line 4. "
                       "Remove the column: nothing that identifies a respondent may be uploaded."),
    ]  # fmt: skip


def test_personal_values_are_listed_for_every_column_and_never_echoed(survey):
    # the CPR number in q2, a mean question, is not quoted back as "… is not a number"; the wave's row error waits
    lines = RESPONSES.splitlines()
    lines[3] = lines[3].replace(";2,5", ";311299-4321")
    lines[5] = "2030" + lines[5][4:] + ";lise@example.dk"
    lines[0] += ";kommentar"
    text = "\n".join(lines) + "\n"
    errors = errors_of(survey, text)
    assert [(line, column) for line, column, _message in errors] == [(4, "q2"), (6, "kommentar")]
    assert all("311299" not in message and "lise" not in message and "2030" not in message for *_, message in errors)


def test_a_file_without_its_header_row_is_not_echoed(survey):
    text = "2019;A;pige;Ja;010203-1234\n2019;A;dreng;Ja;3\n"
    assert errors_of(survey, text) == [
        (1, "no. 5", "Line 1 of column “no. 5” holds what looks like a CPR number. Remove the column: nothing that "
                     "identifies a respondent may be uploaded."),
    ]  # fmt: skip


def test_limits_and_file_shapes_have_clear_messages(survey):
    too_many = "wave;skole;køn;q1;q2\n" + "2019;A;pige;Ja;3\n" * (MAX_ROWS + 1)
    assert errors_of(survey, too_many) == [(0, "", f"The file has more than {MAX_ROWS} respondents.")]
    assert "save the sheet as" in errors_of(survey, RESPONSES, name="responses.xlsx")[0][2]
    assert "not UTF-8" in _raw_errors(survey, "wave;q1\n2019;Kø".encode("latin-1"))[0][2]
    assert errors_of(survey, "wave;skole;køn;q1;q2\n") == [(0, "", "The file has no rows below the column names.")]


def _raw_errors(survey, data):
    with pytest.raises(TableError) as raised:
        responses_import(initiative=survey.initiative, survey=survey, file_name="r.csv", data=data)
    return [(e.line, e.column, e.message) for e in raised.value.errors]


def test_commas_and_a_chosen_wave(survey):
    text = 'skole,køn,q1,q2\nA,dreng,"Ja, ofte","3,5"\n' + "A,dreng,Nej,4\n" * 4
    result = run(survey, text, wave=survey.waves.get(name="2018"))
    assert result.observations == 5  # all and skole: A and køn: dreng for Trives, all and skole: A for the mean
    assert observed("Trives")[("2018", "køn: dreng")] == (5, 1, 0.2, None)
    assert observed("Trivselsscore")[("2018", "all")][2] == pytest.approx(3.9)


def test_the_rules_live_on_the_indicator_form(world, client):
    survey = factories.SurveyFactory(initiative=world.home)
    client.force_login(world.secretariat)
    url = f"/i/{world.home.slug}/indicators/definitions/new/"
    data = {"name": "Trives", "unit": "proportion", "polarity": "higher", "kind": "population",
            "survey": survey.pk, "question": "q1"}  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Give the answers that count as yes." in response.text
    response = client.post(url, {**data, "yes_answers": "Ja | Ja, ofte"})
    assert response.status_code == 302
    indicator = Indicator.objects.get(initiative=world.home, name="Trives")
    assert Indicator.answers(indicator.yes_answers) == {"ja", "ja, ofte"}


def test_the_import_page_and_command(survey, world, client, tmp_path):
    client.force_login(world.secretariat)
    url = f"/i/{survey.initiative.slug}/indicators/import/responses/"
    upload = SimpleUploadedFile("svar.csv", RESPONSES.encode())
    response = client.post(url, {"survey": survey.pk, "file": upload})
    assert response.status_code == 200
    assert "7 new, 0 changed, 0 unchanged, 0 refused." in response.text
    assert "7 results computed from 12 respondents." in response.text
    assert "1 group was left out: fewer than 5 answers." in response.text
    assert not Observation.objects.exists()
    response = client.post(url, {"token": response.context["token"]}, follow=True)
    assert "Imported: 7 new, 0 changed, 0 unchanged, 0 refused." in response.text
    assert Observation.objects.count() == 7
    bad = SimpleUploadedFile("svar.csv", (RESPONSES + "2030;A;dreng;6;Ja;3\n").encode())
    response = client.post(url, {"survey": survey.pk, "file": bad})
    assert response.status_code == 400
    assert "Unknown wave “2030” of the survey." in response.text
    personal = SimpleUploadedFile("svar.csv", (RESPONSES + "2019;A;dreng;6;Ja;3;anna@example.org\n").encode())
    response = client.post(url, {"survey": survey.pk, "file": personal})
    assert response.status_code == 400
    assert "Line 14 of column “no. 7” holds what looks like an e-mail address." in response.text
    assert "anna@example.org" not in response.text
    assert Observation.objects.count() == 7
    path = tmp_path / "svar.csv"
    path.write_text("skole;køn;q1;q2\n" + "A;pige;Ja;2\n" * 5, encoding="utf-8")
    call_command("import_responses", survey.initiative.slug, str(path), "--survey", "trivsel", "--wave", "2018")
    assert observed("Trives")[("2018", "all")] == (5, 5, 1.0, None)
    with pytest.raises(CommandError, match="line 1, column wave"):
        call_command("import_responses", survey.initiative.slug, str(path), "--survey", "Trivsel")


def test_the_import_reads_and_writes_in_a_constant_number_of_queries(survey):
    with CaptureQueriesContext(connection) as small:
        run(survey)
    Observation.objects.all().delete()
    schools = "\n".join(f"2019;School {k};{g};6;Ja;{k % 5}" for k in range(40) for g in ("dreng", "pige") * 3)
    with CaptureQueriesContext(connection) as large:
        result = run(survey, "wave;skole;køn;klasse;q1;q2\n" + schools + "\n")
    assert result.observations == 2 * (1 + 40) + 2
    assert len(small) == len(large)
