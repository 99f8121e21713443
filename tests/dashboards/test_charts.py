"""The figure builders are pure: literals in, plotly figures and tables out."""

import json

from dashboards import charts

SECTORS = [{"key": "municipality", "name": "Municipality"}, {"key": "school", "name": "School"},
           {"key": "business", "name": "Business"}]  # fmt: skip


def test_sector_colours_follow_the_order_of_every_sector_and_are_colour_blind_safe():
    colours = charts.sector_colours(["municipality", "school", "business"])
    assert colours == {"municipality": "#0072B2", "school": "#E69F00", "business": "#009E73"}
    # the same sector keeps its colour whatever else a chart shows: the colour comes from the full order
    assert charts.sector_colours(["municipality", "school", "business", "ngo"])["business"] == "#009E73"
    many = charts.sector_colours([f"s{n}" for n in range(11)])
    assert len(set(many.values())) == 11


def test_the_activities_chart_stacks_statuses_per_year_and_reads_in_plain_language():
    rows = [
        {"year": 2017, "track": 1, "status": "completed", "n": 3},
        {"year": 2018, "track": 1, "status": "anchored", "n": 1},
        {"year": 2018, "track": None, "status": "stopped", "n": 2},
    ]
    chart = charts.activities_chart(
        rows=rows, tracks={1: "Reading", None: "No track"},
        statuses={"completed": "Completed", "anchored": "Anchored", "stopped": "Stopped"},
        anchoring={"anchored": 1, "stopped": 2, "trials": 3}, illustrative=False,
    )  # fmt: skip
    by_name = {trace["name"]: trace for trace in chart.figure["data"]}
    assert by_name["Completed"]["x"] == [2017, 2018]
    assert by_name["Completed"]["y"] == [3, 0]
    assert by_name["Reading"]["visible"] is False  # the "by track" view is one button away
    assert chart.reading == "1 of 6 activities became anchored in ordinary operations and 2 stopped."
    assert chart.rows == [[2017, "Reading", "Completed", 3], [2018, "Reading", "Anchored", 1],
                          [2018, "No track", "Stopped", 2]]  # fmt: skip
    json.dumps(chart.figure)  # what json_script will serialise
    # a handful of activities: whole-number ticks, never 0.5 of an activity
    assert chart.figure["layout"]["yaxis"]["dtick"] == 1
    many = charts.activities_chart(
        rows=[{"year": 2017, "track": 1, "status": "completed", "n": 300}], tracks={1: "Reading"},
        statuses={"completed": "Completed"}, anchoring={"anchored": 0, "stopped": 0, "trials": 300},
        illustrative=False,
    )  # fmt: skip
    assert "dtick" not in many.figure["layout"]["yaxis"]
    assert many.figure["layout"]["yaxis"]["tickformat"] == ",d"
    # the value axis groups thousands (2.000 in Danish); the axis of years does not (never 2.017)
    assert many.figure["layout"]["yaxis"]["separatethousands"] is True
    assert "separatethousands" not in many.figure["layout"].get("xaxis", {})


def test_one_activity_reads_in_the_singular():
    chart = charts.activities_chart(
        rows=[{"year": 2020, "track": None, "status": "running", "n": 1}], tracks={None: "No track"},
        statuses={"running": "Running"}, anchoring={"anchored": 0, "stopped": 0, "trials": 1}, illustrative=False,
    )  # fmt: skip
    assert chart.reading == "0 of 1 activity became anchored in ordinary operations and 0 stopped."


def test_illustrative_figures_carry_a_stamp_in_the_figure_itself():
    chart = charts.leadership_chart(
        halves={(2019, 1): (3, 4), (2019, 2): (4, 5)}, threshold=50, warning=True,
        recent=(7, 10), illustrative=True,
    )  # fmt: skip
    assert chart.illustrative
    assert "Illustrative data" in [a["text"] for a in chart.figure["layout"]["annotations"]]
    assert chart.reading == "Of the last 10 activities that started, the secretariat led 7."
    assert "more than 50 %" in chart.note
    share = chart.figure["data"][2]
    assert share["y"] == [75, 80]
    assert chart.figure["layout"]["shapes"][0]["y0"] == 50  # the warning line


def test_the_network_has_a_year_slider_and_counts_new_ties_across_sectors():
    organisations = [{"id": 1, "name": "Kommune", "sector": "municipality"},
                     {"id": 2, "name": "Skole", "sector": "school"},
                     {"id": 3, "name": "Skole 2", "sector": "school"}]  # fmt: skip
    edges = [{"a": 1, "b": 2, "first": 2017, "activities": 2}, {"a": 2, "b": 3, "first": 2018, "activities": 1},
             {"a": 1, "b": 3, "first": 2018, "activities": 1}]  # fmt: skip
    network, new = charts.network_charts(organisations=organisations, edges=edges, sectors=SECTORS,
                                         illustrative=False)  # fmt: skip
    steps = network.figure["layout"]["sliders"][0]["steps"]
    assert [step["label"] for step in steps] == ["2017", "2018"]
    # up to 2017 only the edges made in 2017 show; the organisations always do
    assert steps[0]["args"][0]["visible"] == [True, False, True, True]
    nodes = [trace for trace in network.figure["data"] if trace["mode"] == "markers"]
    assert [(trace["name"], trace["marker"]["color"]) for trace in nodes] == [
        ("Municipality", "#0072B2"), ("School", "#E69F00")]  # fmt: skip
    assert network.reading == "3 organisations have 3 ties between them; 2 of the ties cross sectors."
    assert new.rows == [[2017, "Municipality – School", 1], [2018, "Municipality – School", 1],
                        [2018, "Within a sector", 1]]  # fmt: skip
    assert new.reading == "In 2018 the alliance made 1 new tie across sectors."


def test_an_indicator_shows_intervals_baseline_target_polarity_and_significance():
    chart = charts.indicator_chart(
        indicator={"id": 7, "name": "Thriving", "unit": "proportion", "unit_label": "Proportion",
                   "polarity": "higher", "target": 0.9, "illustrative": True, "percent": True,
                   "verdict": "Since the first wave: Better."},
        series=[
            {"group": "all", "label": "Everyone", "points": [
                {"wave": "2017", "value": 0.8, "low": 0.75, "high": 0.85, "n": 400, "significant": False},
                {"wave": "2018", "value": 0.86, "low": 0.82, "high": 0.9, "n": 400, "significant": True}]},
            {"group": "School A", "label": "School A", "points": [
                {"wave": "2017", "value": 0.7, "low": None, "high": None, "n": 20, "significant": False}]},
        ],
    )  # fmt: skip
    everyone = chart.figure["data"][0]
    assert everyone["y"] == [80.0, 86.0]
    assert everyone["error_y"]["array"] == [5.0, 4.0]
    assert chart.figure["data"][1]["x"] == ["2018"]  # the significance mark
    assert chart.figure["data"][2]["visible"] == "legendonly"  # groups one click away
    texts = [a["text"] for a in chart.figure["layout"]["annotations"]]
    assert {"Baseline", "Target", "▲ Higher is better", "Illustrative data"} <= set(texts)
    assert [shape["y0"] for shape in chart.figure["layout"]["shapes"]] == [80.0, 90.0]
    assert chart.key == "indicator-7"


def test_elements_show_each_round_side_by_side_on_the_rating_scale():
    ratings = [{"id": 1, "name": "To a high degree"}, {"id": 2, "name": "To some degree"},
               {"id": 3, "name": "To a lesser degree"}, {"id": 4, "name": "Not at all"}]  # fmt: skip
    elements = [{"number": 1, "name": "Common agenda"}, {"number": 2, "name": "Reinforcing activities"}]
    rounds = [{"title": "Midway", "held_on": "2017-05-01", "ratings": {1: 2, 2: 3}},
              {"title": "Final", "held_on": "2019-05-01", "ratings": {1: 1, 2: 2}}]  # fmt: skip
    chart = charts.elements_chart(elements=elements, ratings=ratings, rounds=rounds)
    assert [trace["x"] for trace in chart.figure["data"]] == [[3, 2], [4, 3]]
    assert chart.reading == "In Final, 1 of 2 rated elements were implemented “to a high degree”."


def test_empty_charts_say_so():
    chart = charts.milestones_chart(milestones=[])
    assert "No milestones yet" in [a["text"] for a in chart.figure["layout"]["annotations"]]
    assert chart.reading == "0 milestones reached so far."
    assert charts.capacity_chart(periods=[], today="2026-01-01").reading == (
        "No staffing of the secretariat recorded yet."
    )


def test_the_comparison_puts_the_initiatives_side_by_side():
    charts_ = charts.comparison_charts(
        initiatives=[
            {"name": "A", "activities": 10, "led": 7, "cross_sector_ties": 4, "pledged": 4, "delivered": 1,
             "latest": "Final", "latest_ratings": {1: 1}},
            {"name": "B", "activities": 0, "led": 0, "cross_sector_ties": 0, "pledged": 0, "delivered": 0,
             "latest": None, "latest_ratings": {}},
        ],
        elements=[{"number": 1, "name": "Common agenda"}], ratings=[{"id": 1, "name": "High"}],
    )  # fmt: skip
    by_key = {chart.key: chart for chart in charts_}
    assert by_key["compare-backbone"].figure["data"][0]["y"] == [70, None]
    assert by_key["compare-commitments"].rows == [["A", 25], ["B", None]]
    assert by_key["compare-elements"].figure["data"][0]["text"] == [["High"], ["–"]]


def test_a_figure_goes_into_the_page_as_compact_json_that_cannot_close_its_script():
    import json as json_module

    from django.utils.html import json_script

    from dashboards.templatetags.dashboards import figure_script

    figure = {"data": [{"name": "</script><script>alert(1)</script>", "y": [1.5, 2]}], "layout": {"title": "A & B"}}
    html = figure_script(figure, "figure-x")
    assert html.startswith('<script id="figure-x" type="application/json">{"data":[{"name":')
    assert "</script>" not in html.removesuffix("</script>")
    body = html.removeprefix('<script id="figure-x" type="application/json">').removesuffix("</script>")
    assert json_module.loads(body) == figure
    assert len(html) < len(json_script(figure, "figure-x"))
