import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from measurement.models import Observation
from tests import factories
from tests.snapshot import db_snapshot


@pytest.fixture
def setup(world):
    survey = factories.SurveyFactory(initiative=world.home)
    for year in ("2017", "2018"):
        factories.WaveFactory(survey=survey, name=year)
    factories.IndicatorFactory(initiative=world.home, name="Morgenmad", survey=survey)
    return world


def upload(text: str, name="results.csv"):
    return SimpleUploadedFile(name, ("\ufeff" + text).encode())


def test_aggregated_results_with_decimal_commas_are_imported_once(setup, client):
    client.force_login(setup.secretariat)
    data = "indicator;wave;group;value;n\nMorgenmad;2017;;0,74;410\nMorgenmad;2018;skole: X;0,79;95\n"
    url = f"/i/{setup.home.slug}/indicators/import/"
    preview = client.post(url, {"file": upload(data)})
    assert "2 new, 0 changed, 0 unchanged, 0 refused." in preview.text
    assert not Observation.objects.exists()
    assert "Imported: 2 new" in client.post(url, {"token": preview.context["token"]}, follow=True).text
    everyone = Observation.objects.get(indicator__name="Morgenmad", wave__name="2017", group="all")
    assert (everyone.value, everyone.n, everyone.numerator) == (0.74, 410, 303)
    before = db_snapshot()
    again = client.post(url, {"file": upload(data)})
    assert "0 new, 0 changed, 2 unchanged, 0 refused." in again.text
    assert again.context["token"] == ""  # nothing to confirm
    assert db_snapshot() == before


def test_bad_rows_are_listed_and_nothing_is_saved(setup, client):
    client.force_login(setup.secretariat)
    data = "\n".join(
        [
            "indicator;wave;group;value;n",
            "Morgenmad;2017;;0,74;410",
            "Frokost;2017;;0,5;100",
            "Morgenmad;2030;;0,5;100",
            "Morgenmad;2018;;74;100",
            "Morgenmad;2018;x;mange;0",
            "Morgenmad;2017;;0,7;400",
        ]
    )
    before = db_snapshot()
    response = client.post(f"/i/{setup.home.slug}/indicators/import/", {"file": upload(data)})
    assert response.status_code == 400
    expected = [
        "Unknown indicator “Frokost”",
        "Unknown wave “2030”",
        "A proportion lies between 0 and 1",
        "“mange” is not a number",
        "n must be at least 1",
        "The same indicator, wave and group as on line 2",
    ]
    for text in expected:
        assert text in response.text, text
    assert db_snapshot() == before


def test_the_import_command(setup, tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("indicator,wave,group,value,n\nMorgenmad,2017,,0.5,100\n", encoding="utf-8")
    call_command("import_survey", setup.home.slug, str(path))
    assert Observation.objects.filter(indicator__name="Morgenmad").count() == 1
    path.write_text("indicator,wave,group,value,n\nUkendt,2017,,0.5,100\n", encoding="utf-8")
    with pytest.raises(CommandError, match="line 2, column Indicator"):
        call_command("import_survey", setup.home.slug, str(path))
