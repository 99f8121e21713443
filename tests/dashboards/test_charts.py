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
    assert chart.reading == "0 of 1 activity became anchored in ordinary operations and none stopped."


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


def test_ideas_taken_on_by_partners_per_half_year_and_none_yet():
    chart = charts.ideas_chart(halves={(2016, 1): (1, 4), (2017, 2): (2, 2)}, illustrative=False)
    assert chart.reading == "Of 6 ideas collected, partners took on 3 (50 %)."
    assert chart.rows == [["2016 H1", 1, 3, 25], ["2017 H2", 2, 0, 100]]
    taken, rest = chart.figure["data"]
    assert (taken["y"], rest["y"]) == ([1, 2], [3, 0])
    # the second half of the year stands at three quarters of it
    assert taken["x"] == [2016.25, 2017.75]
    empty = charts.ideas_chart(halves={}, illustrative=False)
    assert empty.empty
    assert empty.reading == "No ideas are recorded yet."


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
    assert network.reading == "3 organisations with 3 ties between them, 2 of them across sectors."
    one, _new = charts.network_charts(organisations=organisations[:1], edges=[], sectors=SECTORS, illustrative=False)
    assert one.reading == "One organisation has taken part in the activities shown here: a tie takes two."
    assert new.rows == [[2017, "Municipality – School", 1], [2018, "Municipality – School", 1],
                        [2018, "Within a sector", 1]]  # fmt: skip
    assert new.reading == "In 2018 the alliance made 1 new tie across sectors."


def test_a_tie_made_before_the_period_shows_from_its_start_and_is_not_new_in_it():
    organisations = [{"id": 1, "name": "Kommune", "sector": "municipality"},
                     {"id": 2, "name": "Skole", "sector": "school"},
                     {"id": 3, "name": "Skole 2", "sector": "school"}]  # fmt: skip
    edges = [{"a": 1, "b": 2, "first": 2015, "activities": 1}, {"a": 1, "b": 3, "first": 2018, "activities": 1}]
    network, new = charts.network_charts(organisations=organisations, edges=edges, sectors=SECTORS,
                                         illustrative=False, since=2017)  # fmt: skip
    steps = network.figure["layout"]["sliders"][0]["steps"]
    assert [step["label"] for step in steps] == ["2017", "2018"]
    assert steps[0]["args"][0]["visible"][:2] == [True, False]  # the old tie is there from the period's start
    assert [row[2] for row in network.rows] == [2015, 2018]  # first year together: over the whole log
    assert new.rows == [[2018, "Municipality – School", 1]]
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
    assert chart.empty
    assert chart.reading == "No milestones reached yet."
    capacity = charts.capacity_chart(periods=[], today="2026-01-01")
    assert capacity.empty
    assert capacity.reading == "No staffing of the secretariat recorded yet."


def test_a_filter_that_matches_nothing_leaves_words_not_bare_axes():
    activities = charts.activities_chart(
        rows=[],
        tracks={},
        statuses={"running": "Running"},
        anchoring={"anchored": 0, "stopped": 0, "trials": 0},
        illustrative=False,
    )
    leadership = charts.leadership_chart(halves={}, threshold=50, warning=None, recent=(0, 0), illustrative=False)
    network, new = charts.network_charts(organisations=[], edges=[], sectors=SECTORS, illustrative=False)
    contributions, commitments = charts.contributions_charts(contributions=[], commitments=[], sectors=SECTORS,
                                                             illustrative=False)  # fmt: skip
    members = charts.members_chart(years=[2026], members=[0], joined=[0], left=[0], current=0, former=0, left_undated=0)
    attendance = charts.attendance_chart(meetings=[], illustrative=False)
    for chart in (activities, leadership, network, new, contributions, commitments, members, attendance):
        assert chart.empty, chart.key
    assert activities.reading == leadership.reading == "There are no activities to show here."
    assert network.reading == "No organisations have taken part in the activities shown here."
    assert commitments.reading == "No commitments recorded yet."
    assert members.reading == "No members of the alliance group recorded yet."
    # and a chart with something in it is drawn
    drawn = charts.members_chart(
        years=[2025, 2026], members=[3, 3], joined=[3, 0], left=[0, 0], current=3, former=0, left_undated=0
    )
    assert not drawn.empty
    assert drawn.reading == "The alliance group has 3 members now; 0 have left over the years."


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
    # bars across, the initiatives' names down the side (long names are wrapped there, not cut off)
    backbone = by_key["compare-backbone"].figure["data"][0]
    assert (backbone["orientation"], backbone["x"], backbone["y"]) == ("h", [70, None], ["A", "B"])
    assert by_key["compare-commitments"].rows == [["A", 25], ["B", None]]
    # the elements down the side, the initiatives across: one row per element
    heat = by_key["compare-elements"].figure["data"][0]
    assert heat["text"] == [["High", "–"]]
    assert heat["y"] == ["1. Common agenda"]
    assert not any(chart.illustrative for chart in charts_)  # no made-up activity in either


def test_the_comparison_has_a_colour_legend_whole_element_names_and_its_illustrative_stamp():
    ratings = [{"id": 1, "name": "To a high degree"}, {"id": 2, "name": "To some degree"},
               {"id": 3, "name": "To a lesser degree"}, {"id": 4, "name": "Not at all"}]  # fmt: skip
    long_name = "Continuous, open communication between every partner"
    charts_ = charts.comparison_charts(
        initiatives=[
            {"name": "A very long initiative name for a town by the sea", "activities": 10, "led": 7,
             "cross_sector_ties": 4, "pledged": 4, "delivered": 1, "latest": "Final", "latest_ratings": {4: 2},
             "illustrative": 3},
        ],
        elements=[{"number": 4, "name": long_name}], ratings=ratings,
    )  # fmt: skip
    by_key = {chart.key: chart for chart in charts_}
    heat = by_key["compare-elements"].figure["data"][0]
    # the whole name, in lines of at most 24 characters
    assert heat["y"] == ["4. Continuous, open<br>communication between<br>every partner"]
    assert all(len(line) <= 24 for line in heat["y"][0].split("<br>"))
    # a legend of the ratings' colours, highest first; each rating its own colour, the cells' colour the same
    legend = by_key["compare-elements"].figure["data"][1:]
    assert [entry["name"] for entry in legend] == [r["name"] for r in ratings]
    colours = [entry["marker"]["color"] for entry in legend]
    assert len(set(colours)) == 4
    assert heat["showscale"] is False
    level = heat["z"][0][0]  # "to some degree", the third of four levels from the bottom
    assert heat["colorscale"][2 * (level - 1)][1] == colours[1]
    assert heat["z"] == [[3]]
    # the figures count activities, three of them made up: marked in the figure and on the page
    for key in ("compare-activities", "compare-backbone", "compare-ties", "compare-commitments"):
        assert by_key[key].illustrative
        assert "Illustrative data" in [a["text"] for a in by_key[key].figure["layout"]["annotations"]]
    assert by_key["compare-activities"].figure["data"][0]["y"] == [
        "A very long<br>initiative name for<br>a town by the sea"
    ]


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


HOSTILE = '<a href="https://evil.example/">x</a>'
BOLD = "<b>Bold</b> & {x}"


def _strings(value):
    """Every string in a figure, keys and values."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def _every_chart_with(name: str) -> list:
    """Every figure builder, with ``name`` as every text a user can write (names, tracks, waves, labels)."""
    sectors = [{"key": "s1", "name": name}, {"key": "s2", "name": name + "2"}]
    ratings = [{"id": 1, "name": name}, {"id": 2, "name": name + "2"}]
    elements = [{"number": 1, "name": name}]
    built = [
        charts.activities_chart(
            rows=[{"year": 2019, "track": 1, "status": "running", "n": 2}], tracks={1: name},
            statuses={"running": name}, anchoring={"anchored": 0, "stopped": 0, "trials": 2}, illustrative=True,
        ),
        charts.leadership_chart(halves={(2019, 1): (1, 2)}, threshold=50, warning=None, recent=(1, 2),
                                illustrative=True),
        *charts.network_charts(
            organisations=[{"id": 1, "name": name, "sector": "s1"}, {"id": 2, "name": name, "sector": "s2"}],
            edges=[{"a": 1, "b": 2, "first": 2019, "activities": 1}], sectors=sectors, illustrative=True,
        ),
        *charts.contributions_charts(
            contributions=[{"sector": "s1", "hours": 3, "money": 10, "in_kind": 1}],
            commitments=[{"sector": "s1", "pledged": 2, "delivered": 1}], sectors=sectors, illustrative=True,
        ),
        charts.indicator_chart(
            indicator={"id": 1, "name": name, "unit": "mean", "unit_label": name, "polarity": "lower",
                       "target": 2.0, "illustrative": True, "percent": False, "verdict": name},
            series=[{"group": name, "label": name, "points": [
                {"wave": name, "value": 3.0, "low": 2.5, "high": 3.5, "n": 30, "significant": False},
                {"wave": name + "2", "value": 2.5, "low": 2.0, "high": 3.0, "n": 30, "significant": True}]}],
        ),
        charts.elements_chart(elements=elements, ratings=ratings,
                              rounds=[{"title": name, "held_on": "2019-05-01", "ratings": {1: 1}}]),
        charts.members_chart(years=[2019], members=[1], joined=[1], left=[0], current=1, former=0, left_undated=0),
        charts.attendance_chart(meetings=[{"held_on": "2019-05-01", "attended": 1, "expected": 2, "rate": 50}],
                                illustrative=True),
        charts.capacity_chart(periods=[{"starts_on": "2019-01-01", "ends_on": None, "hours": 30}], today="2020-01-01"),
        charts.phases_chart(phases=[{"phase": 1, "label": name, "questions": 2, "answered": 1}], current=1),
        charts.milestones_chart(milestones=[{"reached_on": "2019-05-01", "label": name}]),
        *charts.comparison_charts(
            initiatives=[{"name": name, "activities": 1, "led": 1, "cross_sector_ties": 1, "pledged": 1,
                          "delivered": 1, "latest": name, "latest_ratings": {1: 1}, "illustrative": 1}],
            elements=elements, ratings=ratings,
        ),
    ]  # fmt: skip
    return built


def test_user_text_reaches_every_figure_as_text_never_as_markup():
    # plotly reads a subset of HTML in every text of a figure: a link, bold, a line break. Ours are <br> and the
    # <extra> of a hover template; a user's name must bring none (an off-site link on an axis label was the bug).
    for name in (HOSTILE, BOLD):
        built = _every_chart_with(name)
        assert len(built) == 18
        for chart in built:
            text = json.dumps(chart.figure)
            markup = [s for s in _strings(chart.figure) if "<" in s.replace("<br>", "").replace("<extra>", "")
                      .replace("</extra>", "")]  # fmt: skip
            assert markup == [], (chart.key, markup)
            assert "evil.example" not in text or "&lt;a" in text, chart.key
            # where the chart shows the name, it is in the figure escaped, as plotly prints it back as text
            if any(name in str(cell) for row in chart.rows for cell in row):
                every = "\n".join(_strings(chart.figure))
                assert all(charts.plain(part) in every for part in name.split()), chart.key
    assert charts.plain(BOLD) == "&lt;b&gt;Bold&lt;/b&gt; &amp; &#123;x}"


def test_a_name_cannot_name_a_hover_template_variable():
    chart = charts.elements_chart(
        elements=[{"number": 1, "name": "A"}], ratings=[{"id": 1, "name": "High"}],
        rounds=[{"title": "%{x} round", "held_on": "2019-05-01", "ratings": {1: 1}}],
    )  # fmt: skip
    trace = chart.figure["data"][0]
    assert "%{x} round" not in json.dumps(chart.figure)
    assert trace["name"] == "%&#123;x} round (05/01/2019)"
    # the round's name comes into the hover label from the trace's name, not as a piece of the template
    assert trace["hovertemplate"] == "%{y}<br>%{text}<extra>%{fullData.name}</extra>"


def test_years_are_numbers_with_gaps_and_whole_year_ticks():
    chart = charts.activities_chart(
        rows=[{"year": 2019, "track": None, "status": "running", "n": 2},
              {"year": 2026, "track": None, "status": "running", "n": 1}],
        tracks={None: "No track"}, statuses={"running": "Running"},
        anchoring={"anchored": 0, "stopped": 0, "trials": 3}, illustrative=False,
    )  # fmt: skip
    axis = chart.figure["layout"]["xaxis"]
    assert axis["type"] == "linear"  # not categories: 2019 is not drawn beside 2026
    assert chart.figure["data"][0]["x"] == [2019, 2026]
    assert axis["ticktext"] == ["2019", "2020", "2021", "2022", "2023", "2024", "2025", "2026"]
    assert axis["tickvals"] == list(range(2019, 2027))
    assert axis["range"][0] < 2019
    assert axis["range"][1] > 2026
    # a long span: every fifth year back from the last, still written out whole
    members = charts.members_chart(years=list(range(2005, 2027)), members=[1] * 22, joined=[1] + [0] * 21,
                                   left=[0] * 22, current=1, former=0, left_undated=0)  # fmt: skip
    ticks = members.figure["layout"]["xaxis"]
    assert ticks["type"] == "linear"
    assert ticks["ticktext"] == ["2006", "2011", "2016", "2021", "2026"]


def test_half_years_leave_a_gap_and_the_share_line_breaks_across_it():
    chart = charts.leadership_chart(
        halves={(2019, 2): (3, 4), (2026, 1): (1, 2)}, threshold=50, warning=None, recent=(4, 6), illustrative=False
    )
    bars, _partner, share = chart.figure["data"]
    assert bars["x"] == [2019.75, 2026.25]
    assert bars["customdata"] == ["2019 H2", "2026 H1"]
    # every half-year from the first to the last, None where there were no activities: no line from 2019 to 2026
    assert share["y"][0] == 75
    assert share["y"][-1] == 50
    assert share["y"][1:-1] == [None] * 12
    assert share["connectgaps"] is False
    axis = chart.figure["layout"]["xaxis"]
    assert axis["type"] == "linear"
    assert axis["ticktext"] == ["2019", "2020", "2021", "2022", "2023", "2024", "2025", "2026"]
    assert axis["tickvals"][0] == 2019.5  # the label in the middle of its year


def test_one_meeting_does_not_zoom_the_date_axis_to_milliseconds():
    from django.utils import translation

    with translation.override("da"):
        chart = charts.attendance_chart(
            meetings=[{"held_on": "2026-03-04", "attended": 9, "expected": 12, "rate": 75}], illustrative=False
        )
    axis = chart.figure["layout"]["xaxis"]
    assert axis["type"] == "date"
    assert axis["range"] == ["2025-03-04", "2027-03-04"]  # a year on either side
    assert axis["tickformat"] == "%b %Y"  # months and years, never hours or milliseconds
    assert axis["hoverformat"] == "%-d. %B %Y"  # "4. marts 2026"
    with translation.override("en"):
        english = charts.attendance_chart(
            meetings=[{"held_on": "2026-03-04", "attended": 9, "expected": 12, "rate": 75}], illustrative=False
        )
    assert english.figure["layout"]["xaxis"]["hoverformat"] == "%b %-d, %Y"


def test_the_illustrative_stamp_has_its_own_band_at_the_top_left():
    # plotly's toolbar takes the top right corner; the stamp sits at the top left in a band of the top margin,
    # whole (not half above the figure's edge), and above the panels' titles in a figure of several panels
    for chart in _every_chart_with("Name"):
        if not chart.illustrative:
            continue
        layout = chart.figure["layout"]
        stamp = next(a for a in layout["annotations"] if a.get("name") == "illustrative")
        assert (stamp["x"], stamp["xanchor"], stamp["y"], stamp["yanchor"]) == (0, "left", 1, "bottom")
        height = 12 + 2 * 3 + 2 * 1 + 4  # font, padding, border, line spacing
        assert layout["margin"]["t"] >= stamp["yshift"] + height, chart.key
        titles = [a for a in layout["annotations"] if a.get("yref") == "paper" and a.get("y", 0) > 1]
        if titles:
            assert stamp["yshift"] >= 36, chart.key  # over the titles (two lines of 12 px at y = 1.02)


def test_amounts_in_a_csv_use_the_languages_decimal_mark_and_no_grouping():
    """Hours and kroner are sums of decimals: in Danish "1250,50", which Danish Excel reads as a number (with a
    point it would read 125.050)."""
    from decimal import Decimal

    from django.utils import translation

    from dashboards.csv import cell

    with translation.override("da"):
        assert [cell(Decimal("1250.50")), cell(Decimal("90")), cell(2019), cell(8.5)] == [
            "1250,50",
            "90",
            "2019",
            "8,5",
        ]
    with translation.override("en"):
        assert cell(Decimal("1250.50")) == "1250.50"
