"""The measurement pages: status against goals by group, and editing surveys, waves and indicators."""

from measurement.models import Observation, Wave
from tests import factories
from tests.measurement.test_indicators import observe, waves


def test_status_shows_each_group_with_latest_value_target_and_verdict(world, client):
    w = waves(world.home, 2)
    breakfast = factories.IndicatorFactory(initiative=world.home, name="Morgenmad", target_value=0.8, illustrative=True)
    overweight = factories.IndicatorFactory(initiative=world.home, name="Overvægt", polarity="lower", target_value=0.15)
    observe(breakfast, w[0], 400, 300)
    observe(breakfast, w[1], 400, 340)  # 85 %: on track
    observe(breakfast, w[1], 100, 70, group="area: Vapnagård")  # 70 %: not on track
    observe(overweight, w[1], 100, 20, group="area: Vapnagård")  # 20 % > 15 %: not on track
    observe(overweight, w[1], 100, 10, group="school: X")
    client.force_login(world.member)
    page = client.get(f"/i/{world.home.slug}/indicators/status/").text
    assert "made up for the demo" in page
    assert page.index("Everyone") < page.index("area: Vapnagård") < page.index("school: X")
    everyone = page[page.index("Everyone") : page.index("area: Vapnagård")]
    assert "85 %" in everyone
    assert "on track" in everyone
    assert "not on track" not in everyone
    area = page[page.index("area: Vapnagård") : page.index("school: X")]
    assert area.count("not on track") == 2
    only_areas = client.get(f"/i/{world.home.slug}/indicators/status/?by=area").text
    assert "area: Vapnagård" in only_areas
    assert "school: X" not in only_areas


def test_status_keeps_its_query_count_flat_as_data_grows(world, client, django_assert_max_num_queries):
    client.force_login(world.member)
    url = f"/i/{world.home.slug}/indicators/status/"
    w = waves(world.home, 10)
    observe(factories.IndicatorFactory(initiative=world.home), w[0], 100, 50)
    with django_assert_max_num_queries(8) as small:
        assert client.get(url).status_code == 200
    indicators = [factories.IndicatorFactory(initiative=world.home, target_value=0.5) for _ in range(50)]
    Observation.objects.bulk_create(
        Observation(initiative=world.home, indicator=i, wave=wave, group=f"area: {g}", value=0.5, n=100, numerator=50)
        for i in indicators for wave in w for g in range(10)
    )  # fmt: skip
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert response.text.count("on track") >= 500


def test_secretariat_adds_a_wave_and_the_list_shows_its_response_rate(world, client):
    survey = world.home.surveys.get()
    client.force_login(world.secretariat)
    response = client.post(
        f"/i/{world.home.slug}/indicators/waves/new/",
        {"survey": survey.pk, "name": "2019", "held_on": "2019-03-01", "invited": "400", "responded": "300"},
    )
    assert response.status_code == 302
    assert Wave.objects.get(survey=survey, name="2019").response_rate == 0.75
    page = client.get(f"/i/{world.home.slug}/indicators/waves/").text
    assert "75%" in page


def test_a_wave_cannot_take_another_initiatives_survey(world, client):
    client.force_login(world.secretariat)
    response = client.post(
        f"/i/{world.home.slug}/indicators/waves/new/",
        {"survey": world.other.surveys.get().pk, "name": "2019", "held_on": "2019-03-01"},
    )
    assert response.status_code == 200
    assert not Wave.objects.filter(name="2019").exists()


def test_members_read_the_definitions_but_see_no_edit_links(world, client):
    client.force_login(world.member)
    page = client.get(f"/i/{world.home.slug}/indicators/definitions/").text
    assert world.home.indicators.get().name in page
    assert "/edit/" not in page
