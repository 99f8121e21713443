"""Comparing two reports' snapshots: every section, each change in the section that prints it, changed words."""

import copy

import pytest
from django.urls import reverse
from django.utils import translation

from reports import services
from reports.compare import DELETED, INSERTED, SAME, Change, compare, word_diff
from reports.models import ReportRequest, Section


def snapshot(**changes) -> dict:
    """An experience report's snapshot of today's shape (with its ``scope``), with ``changes`` on top."""
    data = {
        "version": 1,
        "kind": "experience",
        "language": "en",
        "sections": [],
        "period": {"from": "2017-01-01", "to": "2019-12-31"},
        "scope": {"from": "2017-01-01", "to": "2019-12-31", "round": {"title": "Midterm", "held_on": "2019-05-01"},
                  "tracks": []},
        "initiative": {"name": "Et Lettere Liv", "area": "Helsingør", "problem": "Overweight among children.",
                       "vision": "All children thrive.", "knowledge_base": "", "started_on": "2016-01-01",
                       "planned_end_on": "2020-12-31"},
        "round": {"title": "Midterm", "held_on": "2019-05-01"},
        "elements": [
            {"number": 1, "name": "Common agenda", "description": "", "criteria": [], "rating": "To a high degree",
             "plus": ["A shared vision", "Measurable goals"], "minus": ["No strategy"], "promoted": "The chair.",
             "hindered": "", "quotes": [{"text": "We agree.", "by": "alliance member"}]},
            {"number": 2, "name": "Mutually reinforcing activities", "description": "", "criteria": [],
             "rating": "To some degree", "plus": [], "minus": [], "promoted": "", "hindered": "", "quotes": []},
        ],
        "informants": [{"role": "alliance members", "count": 15}, {"role": "pupils", "count": 4}],
        "informants_total": 19,
        "interviews": 6,
        "tracks": [{"name": "Food", "description": "Healthy food at school."}],
        "alliance": {"current": 12, "former": 3, "chairs": [{"name": "Anne", "role": "Chair"}],
                     "sectors": [{"name": "Municipality", "members": 5}]},
        "backbone": [{"from": "2016-01-01", "to": None, "fte": "1.3"}],
        "levels": [
            {"level": "early", "label": "Level 1: early changes", "summary": "There are early changes.",
             "answers": [{"question": "Are the collaboration relationships changed?",
                          "answer": "The schools work with the clubs.", "quotes": []},
                         {"question": "Is more data available?", "answer": "", "quotes": []}],
             "quotes": []},
            {"level": "system", "label": "Level 2: system changes", "summary": "A few system changes.",
             "answers": [], "quotes": []},
        ],
        "collaboration": {"ties": [{"year": 2018, "ties": 10, "new": 4, "new_across_sectors": 2}],
                          "reinforcing": [{"year": 2018, "part": 3, "total": 10, "percent": 30}],
                          "backbone_led": {"part": 2, "total": 10, "percent": 20}, "communication_reach": 1200},
        "system_changes": [{"what": "Breakfast club", "institution": "School", "area": "Practice",
                            "formality": "Formal", "anchored": False, "since": "2018-08-01"}],
        "indicators": [{"name": "Thriving", "group": "all", "unit": "share", "proportion": True, "illustrative": True,
                        "target": 0.8, "verdict": "better", "verdict_label": "Better",
                        "waves": [{"wave": "2017", "value": 0.7, "n": 300},
                                  {"wave": "2019", "value": 0.75, "n": 310}]}],
        "learning_points": ["Start small.", "Share the data."],
        "members": [
            {"name": "Anne", "title": "Head", "organisation": "School", "sector": "Municipality", "role": "Chair",
             "current": True, "left_on": None, "left_reason": ""},
            {"name": "Bo", "title": "Coach", "organisation": "Club", "sector": "Associations", "role": "Member",
             "current": True, "left_on": None, "left_reason": ""},
        ],
        "activities": [{"title": "Breakfast club", "track": "Food", "kind": "Activity", "status": "Running",
                        "starts_on": "2018-08-01", "lead": "School", "participants": 40, "illustrative": False}],
        "texts": {"introduction": "The alliance met four times."},
        "replaced": [],
    }  # fmt: skip
    data.update(changes)
    return data


def changed(base: dict, edit) -> dict:
    """A deep copy of ``base`` that ``edit`` has changed in place."""
    copied = copy.deepcopy(base)
    edit(copied)
    return copied


def section(comparison, key: str) -> list[Change]:
    return next(s for s in comparison.sections if s.key == key).changes


def test_word_diff_gives_the_changed_words_with_their_whitespace():
    tokens = word_diff("The alliance met four times.", "The alliance met six times this year.")
    assert tokens == [
        (SAME, "The alliance met "),
        (DELETED, "four"),
        (INSERTED, "six"),
        (SAME, " times"),
        (INSERTED, " this year"),
        (SAME, "."),
    ]


def test_word_diff_joins_changed_words_separated_by_whitespace_alone_and_keeps_line_breaks():
    assert word_diff("the quick brown fox", "a slow brown fox") == [
        (DELETED, "the quick"),
        (INSERTED, "a slow"),
        (SAME, " brown fox"),
    ]
    before, after = "First line.\n\nSecond line.", "First line.\n\nThird line.\nMore"
    tokens = word_diff(before, after)
    assert tokens == [(SAME, "First line.\n\n"), (DELETED, "Second"), (INSERTED, "Third"), (SAME, " line."),
                      (INSERTED, "\nMore")]  # fmt: skip
    # the old text is the unchanged and deleted words, the new one the unchanged and inserted words
    assert "".join(text for op, text in tokens if op != INSERTED) == before
    assert "".join(text for op, text in tokens if op != DELETED) == after


def test_word_diff_of_a_text_written_or_emptied():
    assert word_diff("", "New words") == [(INSERTED, "New words")]
    assert word_diff("Old words", "") == [(DELETED, "Old words")]


def test_a_changed_level_answer_is_shown_with_its_changed_words_under_its_level():
    then = snapshot()

    def edit(s):
        s["levels"][0]["answers"][0]["answer"] = "The schools work with the clubs and the library."

    comparison = compare(then, changed(then, edit))
    assert section(comparison, Section.LEVEL1) == [
        Change("Are the collaboration relationships changed?", "text",
               words=((SAME, "The schools work with the clubs"), (INSERTED, " and the library"), (SAME, "."))),
    ]  # fmt: skip
    assert all(not s.changes for s in comparison.sections if s.key != Section.LEVEL1)


def test_a_changed_level_summary_is_shown_under_its_level():
    then = snapshot()

    def edit(s):
        s["levels"][1]["summary"] = "Several system changes."

    changes = section(compare(then, changed(then, edit)), Section.LEVEL2)
    assert changes == [
        Change("Summary", "text", words=((DELETED, "A few"), (INSERTED, "Several"), (SAME, " system changes."))),
    ]


def test_a_changed_plus_list_shows_the_finding_changed_and_the_one_added():
    then = snapshot()

    def edit(s):
        s["elements"][0]["plus"] = ["A shared vision", "Precise, measurable goals", "Shared values"]

    changes = section(compare(then, changed(then, edit)), Section.LEVEL0)
    what = "1. Common agenda · Findings (+)"
    assert changes == [
        Change(what, "text", words=((DELETED, "Measurable"), (INSERTED, "Precise, measurable"), (SAME, " goals"))),
        Change(what, "added", now="Shared values"),
    ]  # fmt: skip


def test_a_changed_rating_promoted_text_and_quote_are_shown_in_level_0():
    then = snapshot()

    def edit(s):
        s["elements"][1]["rating"] = "To a high degree"
        s["elements"][0]["promoted"] = "The chair and the secretariat."
        s["elements"][0]["quotes"] = []

    changes = section(compare(then, changed(then, edit)), Section.LEVEL0)
    assert changes == [
        Change("1. Common agenda · What promoted it", "text",
               words=((SAME, "The chair"), (INSERTED, " and the secretariat"), (SAME, "."))),
        Change("1. Common agenda · Quotes", "removed", then="“We agree.” — alliance member"),
        Change("2. Mutually reinforcing activities · Overall rating", "value", "To some degree", "To a high degree"),
    ]  # fmt: skip


def test_a_changed_written_text_is_shown_with_its_changed_words_in_its_section():
    then = snapshot()
    now = changed(then, lambda s: s["texts"].update(introduction="The alliance met six times."))
    assert section(compare(then, now), Section.INTRODUCTION) == [
        Change("The evaluators' text", "text",
               words=((SAME, "The alliance met "), (DELETED, "four"), (INSERTED, "six"), (SAME, " times."))),
    ]  # fmt: skip


def test_figures_members_activities_and_learning_points_each_in_their_section():
    then = snapshot()

    def edit(s):
        s["collaboration"]["ties"][0]["ties"] = 12
        s["collaboration"]["communication_reach"] = 2500
        s["collaboration"]["recent_led"] = {"part": 6, "total": 10, "illustrative": False, "warning": True}
        s["system_changes"][0]["anchored"] = True
        s["indicators"][0]["waves"][1]["value"] = 0.78
        s["indicators"][0]["verdict_label"] = "No change"
        s["members"][1].update(current=False, left_on="2019-03-03", left_reason="new job")
        s["members"][0]["role"] = "Vice-chair"
        s["members"].append(
            {
                "name": "Cai",
                "title": "Nurse",
                "organisation": "Health",
                "sector": "Municipality",
                "role": "Member",
                "current": True,
                "left_on": None,
                "left_reason": "",
            }
        )
        s["activities"][0]["status"] = "Anchored"
        s["activities"].append(
            {
                "title": "Walking bus",
                "track": "Food",
                "kind": "Activity",
                "status": "Planned",
                "starts_on": None,
                "lead": "",
                "participants": None,
                "illustrative": False,
            }
        )
        s["learning_points"] = ["Start small.", "Ask the pupils."]

    with translation.override("en"):
        comparison = compare(then, changed(then, edit))
    assert section(comparison, Section.LEVEL1) == [
        Change("Ties in 2018", "value", "10", "12"),
        Change("Led by the secretariat among the latest activities", "value", None, "6 of 10"),
        Change("Communication reach", "value", "1,200", "2,500"),
    ]
    assert section(comparison, Section.LEVEL2) == [Change("Breakfast club · School · Anchored", "value", "no", "yes")]
    assert section(comparison, Section.LEVEL3) == [
        Change("Thriving · all · 2019", "value", "75.0%", "78.0%"),
        Change("Thriving · all · Verdict", "value", "Better", "No change"),
    ]
    assert section(comparison, Section.SUMMARY) == [
        Change("Learning point", "removed", then="Share the data."),
        Change("Learning point", "added", now="Ask the pupils."),
    ]
    assert section(comparison, Section.APPENDIX_MEMBERS) == [
        Change("Anne · School · Role", "value", "Chair", "Vice-chair"),
        Change("Bo · Club · Member", "value", "Current member", "Left 03/03/2019 (new job)"),
        Change("Member", "added", now="Cai · Health"),
    ]
    assert section(comparison, Section.APPENDIX_ACTIVITIES) == [
        Change("Breakfast club · Status", "value", "Running", "Anchored"),
        Change("Activity", "added", now="Walking bus"),
    ]


def test_the_sections_come_in_the_reports_order_each_with_its_heading():
    then = snapshot()
    comparison = compare(then, changed(then, lambda s: s["texts"].update(summary="New.")))
    assert [s.key for s in comparison.sections] == ["scope", *Section.values]
    assert [s.heading for s in comparison.sections][1:] == [str(label) for label in Section.labels]
    assert [s.key for s in comparison.sections if s.changes] == [Section.SUMMARY]


def test_the_same_snapshot_twice_is_identical_and_lists_no_sections():
    comparison = compare(snapshot(), snapshot())
    assert comparison.identical
    assert comparison.sections == []
    assert not compare(snapshot(), snapshot(), then_checksum="a", now_checksum="b").anything


def test_an_older_snapshot_without_scope_or_replaced_compares_by_its_period_and_round():
    # given a snapshot made before reports kept their scope and replaced sections
    older = snapshot()
    del older["scope"], older["replaced"]
    # when it is compared with a newer one of the same data
    comparison = compare(older, snapshot())
    # then nothing differs: the period and round stand in for the scope
    assert not comparison.anything
    # and a newer report of another period says so, in the reader's date format
    later = snapshot(scope={"from": "2018-01-01", "to": "2019-12-31", "round": None, "tracks": ["Food"]})
    with translation.override("da"):
        scope = section(compare(older, later), "scope")
    assert scope == [
        Change("Periode fra", "value", "01.01.2017", "01.01.2018"),
        Change("Vurderingsrunde", "value", "Midterm · 1. maj 2019", "Ingen vurderingsrunde"),
        Change("Strategiske spor", "value", "Alle spor", "Food"),
    ]


def test_a_snapshot_with_hardly_anything_in_it_is_compared_without_error():
    comparison = compare({"kind": "experience"}, snapshot())
    assert section(comparison, Section.LEVEL0)[0] == Change("Element", "added", now="1. Common agenda")
    assert compare({}, {}).identical


def test_two_activity_catalogues_compare_their_scope_and_activities():
    then = {
        "kind": "catalogue",
        "language": "en",
        "sections": [],
        "scope": {"from": None, "to": None, "round": None, "tracks": ["Food"]},
        "initiative": {"name": "+DIG", "area": "Lejre"},
        "activities": [],
        "texts": {},
    }
    now = {**then, "activities": [{"title": "Læsehestene", "track": "Food"}]}
    comparison = compare(then, now)
    assert [(s.key, s.heading) for s in comparison.sections] == [
        ("scope", "What the report covers"),
        ("appendix_activities", "Activities"),
    ]
    assert section(comparison, Section.APPENDIX_ACTIVITIES) == [Change("Activity", "added", now="Læsehestene")]


def test_a_section_left_out_of_one_report_says_so():
    then = snapshot(sections=["introduction", "summary"])
    now = snapshot(sections=["introduction"])
    comparison = compare(then, now)
    assert [s.key for s in comparison.sections] == ["scope", "introduction", "summary"]
    assert section(comparison, Section.SUMMARY) == [Change("In the report", "value", "yes", "no")]


@pytest.fixture
def two_reports(world):
    """Two finished English reports of the home initiative: the evaluators' introduction changed in between."""
    then = services.report_request(initiative=world.home, by=world.evaluator, language="en", enqueue=False)
    done = {"status": ReportRequest.Status.DONE}
    ReportRequest.objects.filter(pk=then.pk).update(
        snapshot=snapshot(texts={"introduction": "The alliance met <b>four</b> times."}), **done
    )
    now = services.report_request(initiative=world.home, by=world.evaluator, language="en", enqueue=False)
    ReportRequest.objects.filter(pk=now.pk).update(
        snapshot=snapshot(texts={"introduction": "The alliance met <b>six</b> times & more."}), **done
    )
    return then, now


def test_the_compare_page_shows_the_changed_words_escaped_in_danish(world, client, two_reports):
    then, now = two_reports
    client.force_login(world.evaluator)
    url = reverse("reports:compare", kwargs={"slug": world.home.slug, "pk": now.pk})
    page = client.get(url, {"other": then.pk}, headers={"accept-language": "da"})
    assert page.status_code == 200
    html = page.text
    assert '<h3 class="h5 border-bottom pb-1" id="compare-introduction">Indledning</h3>' in html
    assert (
        '<div class="diff">The alliance met &lt;b&gt;<del><span class="visually-hidden">fjernet: </span>four</del>'
        '<ins><span class="visually-hidden">tilføjet: </span>six</ins>&lt;/b&gt; times'
        '<ins><span class="visually-hidden">tilføjet: </span> &amp; more</ins>.</div>'
    ) in html
    assert "<b>" not in html
    # the sections without a change say so, one line each
    assert html.count("Ingen ændringer i dette afsnit.") == len(Section.values)


def test_the_compare_page_of_the_same_data_says_so_once(world, client, two_reports):
    then, now = two_reports
    then.refresh_from_db()
    ReportRequest.objects.filter(pk=now.pk).update(snapshot=then.snapshot)
    client.force_login(world.evaluator)
    url = reverse("reports:compare", kwargs={"slug": world.home.slug, "pk": now.pk})
    html = client.get(url, {"other": then.pk}).text
    assert html.count("Both were made from the same data") == 1
    assert "No change in this section." not in html


def test_line_breaks_a_browser_sends_are_no_change_and_a_rewrite_is_one_replacement():
    from reports.compare import DELETED, INSERTED, _text, word_diff

    assert _text("Indledning", "Første afsnit.\n\nAndet afsnit.", "Første afsnit.\r\n\r\nAndet afsnit.\r\n") == []
    tokens = word_diff("Denne rapport samler op på arbejdet: hvad det har ført til.",
                       "Kun den tidlige rapport siger dette.")  # fmt: skip
    # the old words out and the new in, whole (only the full stop both end with stays unmarked)
    assert [op for op, _ in tokens if op != "same"] == [DELETED, INSERTED]
    assert tokens[1][1].startswith("Kun den tidlige rapport siger dette")
