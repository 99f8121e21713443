"""The data version moves with every change an initiative's cached pages could show, and only then."""

import datetime

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from activities.services import activities_import
from alliance.models import Sector
from alliance.services import roster_import
from core import changes
from core.changes import writing
from evaluation.models import SystemChange
from initiatives.models import PART_APPS, AssessmentRound, Element, ElementAssessment, Initiative
from tests import factories


def version(initiative) -> int:
    return Initiative.objects.values_list("data_version", flat=True).get(pk=initiative.pk)


def test_saving_and_deleting_what_an_initiative_keeps_moves_its_version_and_no_other(world):
    home, other = version(world.home), version(world.other)
    activity = factories.ActivityFactory(initiative=world.home)
    assert version(world.home) != home
    moved = version(world.home)
    activity.delete()
    assert version(world.home) != moved
    assert version(world.other) == other


def test_a_changed_relation_moves_the_version(world):
    meeting = factories.MeetingFactory(initiative=world.home)
    membership = factories.MembershipFactory(initiative=world.home)
    before = version(world.home)
    meeting.attendees.add(membership)
    assert version(world.home) != before


def test_a_rolled_back_change_moves_nothing(world):
    before = version(world.home)

    def change_then_fail():
        with transaction.atomic():
            factories.ActivityFactory(initiative=world.home)
            raise RuntimeError

    with pytest.raises(RuntimeError):
        change_then_fail()
    assert version(world.home) == before


def test_every_change_gives_a_version_never_seen_before(world):
    seen = {version(world.home)}
    for n in range(5):
        factories.ActivityFactory(initiative=world.home, title=f"A{n}")
        seen.add(version(world.home))
    assert len(seen) == 6


def test_shared_reference_data_moves_every_version(world):
    home, other = version(world.home), version(world.other)
    sector = Sector.objects.first()
    sector.save()
    assert version(world.home) != home
    assert version(world.other) != other


def test_saving_the_initiative_moves_its_version_and_never_writes_back_one_read_earlier(world):
    stale = Initiative.objects.get(pk=world.home.pk)
    factories.ActivityFactory(initiative=world.home)
    moved = version(world.home)
    stale.name = "Nyt navn"
    stale.save()
    assert version(world.home) not in {moved, stale.data_version}
    assert Initiative.objects.get(pk=world.home.pk).name == "Nyt navn"


def test_the_cached_activity_list_shows_a_change_at_once(world, client):
    client.force_login(world.secretariat)
    activity = factories.ActivityFactory(initiative=world.home, title="Ungebussen")
    url = f"/i/{world.home.slug}/activities/"
    assert "Ungebussen" in client.get(url).text
    assert "Ungebussen" in client.get(url).text  # from the cache
    activity.title = "Læsehestene"
    activity.save()
    page = client.get(url).text
    assert "Læsehestene" in page
    assert "Ungebussen" not in page
    # the member, who may not edit, is not given the secretariat's cached buttons
    client.force_login(world.member)
    assert "Add activity" not in client.get(url).text


def test_a_new_release_of_the_code_never_reads_what_the_one_before_cached(world, settings):
    from core import caching

    settings.RELEASE = "2026.11.1"
    caching.release.cache_clear()
    try:
        before = caching.initiative_key(world.home, "dashboard", "x")
        settings.RELEASE = "2026.11.2"
        caching.release.cache_clear()
        assert caching.initiative_key(world.home, "dashboard", "x") != before
    finally:
        caching.release.cache_clear()


def versions(initiative) -> tuple[int, int]:
    return Initiative.objects.values_list("data_version", "rest_version").get(pk=initiative.pk)


def test_a_change_to_the_activity_log_alone_leaves_the_rest_version_and_any_other_change_moves_it(world):
    data, rest = versions(world.home)
    activity = factories.ActivityFactory(initiative=world.home)
    factories.ParticipationFactory(activity=activity, organisation=world.home.organisations.first())
    assert versions(world.home)[0] != data
    assert versions(world.home)[1] == rest
    factories.MembershipFactory(initiative=world.home)  # the roster is not the log
    moved = versions(world.home)[1]
    assert moved != rest
    Sector.objects.first().save()  # reference data: every initiative, both versions
    assert versions(world.home)[1] != moved
    stale = Initiative.objects.get(pk=world.home.pk)
    stale.name = "Nyt navn"
    stale.save()  # the initiative itself, never writing back the versions it read
    assert versions(world.home)[1] not in {moved, stale.rest_version}


def test_a_service_that_writes_the_log_and_more_moves_both_versions_in_one_statement(world):
    data, rest = versions(world.home)
    with CaptureQueriesContext(connection) as captured, writing():
        factories.ActivityFactory(initiative=world.home)
        factories.MembershipFactory(initiative=world.home)
    moved = versions(world.home)
    assert moved[0] != data
    assert moved[1] != rest
    assert sum(q["sql"].startswith("UPDATE") and "rest_version" in q["sql"] for q in captured) == 1


def test_what_a_failed_service_marked_does_not_move_the_rest_version_later(world):
    def roster_change_then_fail():
        with writing():
            factories.MembershipFactory(initiative=world.home)
            raise RuntimeError

    with pytest.raises(RuntimeError):
        roster_change_then_fail()
    rest = versions(world.home)[1]
    factories.ActivityFactory(initiative=world.home)  # the log alone, after the rolled-back roster change
    assert versions(world.home)[1] == rest


def test_a_change_marked_without_a_kind_moves_the_rest_version_even_beside_a_change_to_the_log(world):
    rest = versions(world.home)[1]
    with writing():
        factories.ActivityFactory(initiative=world.home)  # the log alone…
        changes.changed(world.home.pk)  # …and a writer that names no kind (a bulk write of another app, say)
    assert versions(world.home)[1] != rest


def test_deleting_an_activity_something_refers_to_or_linking_one_moves_the_rest_version(world):
    # a deletion empties what other apps hold of it, and a link row may be another app's
    activity = factories.ActivityFactory(initiative=world.home)
    held = AssessmentRound.objects.create(initiative=world.home, held_on=datetime.date(2020, 1, 1), title="Runde 1")
    assessment = ElementAssessment.objects.create(initiative=world.home, round=held, element=Element.objects.first())
    rest = versions(world.home)[1]
    activity.element_assessments.add(assessment)
    assert versions(world.home)[1] != rest
    rest = versions(world.home)[1]
    activity.delete()
    assert versions(world.home)[1] != rest
    # one that nothing of another app refers to: the log alone
    activity = factories.ActivityFactory(initiative=world.home)
    rest = versions(world.home)[1]
    activity.delete()
    assert versions(world.home)[1] == rest


def part_versions(initiative) -> dict[str, int]:
    names = [f"{app}_version" for app in PART_APPS]
    return dict(zip(names, Initiative.objects.values_list(*names).get(pk=initiative.pk), strict=True))


def test_a_plain_save_moves_the_version_of_its_app_alone_and_anything_else_every_version(world):
    before = part_versions(world.home)
    factories.ActivityFactory(initiative=world.home)  # the log: no app's version
    assert part_versions(world.home) == before
    factories.MembershipFactory(initiative=world.home)  # the roster: the alliance's alone
    after = part_versions(world.home)
    assert after["alliance_version"] != before["alliance_version"]
    assert {k: v for k, v in after.items() if k != "alliance_version"} == {
        k: v for k, v in before.items() if k != "alliance_version"
    }
    Sector.objects.first().save()  # the shared reference data: every version of every initiative
    moved = part_versions(world.home)
    assert all(value != after[name] for name, value in moved.items())


def test_a_deletion_moves_the_versions_of_the_apps_that_refer_or_link_to_what_it_deleted(world):
    membership = factories.MembershipFactory(initiative=world.home)
    before = part_versions(world.home)
    membership.delete()  # nothing of another app refers to a membership
    after = part_versions(world.home)
    assert [name for name in after if after[name] != before[name]] == ["alliance_version"]
    # an activity that is an assessment's evidence (initiatives) and a system change's (evaluation)
    activity = factories.ActivityFactory(initiative=world.home)
    held = AssessmentRound.objects.create(initiative=world.home, held_on=datetime.date(2020, 1, 1), title="Runde 1")
    assessment = ElementAssessment.objects.create(initiative=world.home, round=held, element=Element.objects.first())
    activity.element_assessments.add(assessment)
    SystemChange.objects.create(initiative=world.home, what="Læsevenner", institution="Skolen", formality="formal",
                                activity=activity)  # fmt: skip
    before = part_versions(world.home)
    activity.delete()
    after = part_versions(world.home)
    assert {name for name in after if after[name] != before[name]} == {"initiatives_version", "evaluation_version"}
    # one that nothing refers to: no app's version beside the log's (which has none of its own)
    activity = factories.ActivityFactory(initiative=world.home)
    before = part_versions(world.home)
    activity.delete()
    assert part_versions(world.home) == before


def test_attendance_at_a_meeting_moves_the_alliance_version_alone(world):
    membership = factories.MembershipFactory(initiative=world.home, joined_on=datetime.date(2016, 1, 1))
    meeting = factories.MeetingFactory(initiative=world.home, held_on=datetime.date(2017, 3, 14))
    before = part_versions(world.home)
    meeting.attendees.add(membership)
    after = part_versions(world.home)
    assert [name for name in after if after[name] != before[name]] == ["alliance_version"]


def test_a_service_that_writes_two_apps_moves_both_their_versions_and_no_other(world):
    before = part_versions(world.home)
    with writing():
        factories.MembershipFactory(initiative=world.home)
        factories.MilestoneFactory(initiative=world.home)
    after = part_versions(world.home)
    assert after["alliance_version"] != before["alliance_version"]
    assert after["initiatives_version"] != before["initiatives_version"]
    assert after["measurement_version"] == before["measurement_version"]
    assert after["evaluation_version"] == before["evaluation_version"]


def test_each_import_moves_the_version_of_its_own_app_alone(world):
    # the activity overview: the log alone (bulk writes name it)
    before = part_versions(world.home)
    data = ("key;title;track;kind;status;starts_on;ends_on;lead;organisations;participants;"
            "participants_target_group;involvement;satisfaction;description;illustrative\n"
            ";Ny aktivitet;;event;planned;;;;;;;;;;no\n")  # fmt: skip
    assert activities_import(initiative=world.home, file_name="a.csv", data=data.encode()).saved
    assert part_versions(world.home) == before
    # the roster: the alliance's alone
    roster = (
        "name;title;organisation;sector;role;joined;left;left_reason;consent_named\r\n"
        "Bo Krogh;Formand;DGI;association;chair;2015-03-01;;;ja\r\n"
    )
    assert roster_import(initiative=world.home, file_name="roster.csv", data=roster.encode()).saved
    after = part_versions(world.home)
    assert [name for name in after if after[name] != before[name]] == ["alliance_version"]


def test_a_rolled_back_change_of_the_reference_data_leaves_nothing_of_it_cached(world):
    """The reference data's version lives in the cache, which no rollback undoes: it moves once committed."""
    from core.caching import shared
    from dashboards.selectors import sectors

    def names():
        return [sector["name"] for sector in shared("dashboard-sectors", sectors)]

    def rename_read_and_fail():
        with transaction.atomic():
            sector = Sector.objects.get(pk=sectors()[0]["pk"])
            sector.name_en = sector.name_da = "Rullet tilbage"
            sector.save()
            read.append(names()[0])
            raise RuntimeError

    before, read = names(), []
    with pytest.raises(RuntimeError):
        rename_read_and_fail()
    assert read == ["Rullet tilbage"]  # the transaction reads what it wrote
    assert names() == before


def test_a_row_deleted_with_many_others_asks_nothing_about_what_refers_to_it(world):
    """A queryset's deletion (or an initiative's) moves every version its rows might reach, without a few queries
    per row to find which; one row deleted on its own finds them."""
    from activities.models import Activity
    from initiatives import versioning

    activity = factories.ActivityFactory(initiative=world.home)
    with CaptureQueriesContext(connection) as captured:
        versioning._going(Activity, activity, origin=Activity.objects.filter(pk=activity.pk))
        versioning._going(Activity, activity, origin=world.home)
    assert (len(captured), hasattr(activity, "_reached")) == (0, False)
    versioning._going(Activity, activity, origin=activity)
    assert activity._reached == {"activities"}
