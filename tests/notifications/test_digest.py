"""The monthly digest: what the alliance did last month, to every user with a role, in their language, once."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from activities.models import Activity, Commitment, Idea, Participation
from initiatives.models import Role
from notifications.digest import digests_create, month_of, previous_month
from notifications.models import Kind, Notification
from notifications.services import notifications_deliver, preferences_save
from reports.models import ReportRequest
from tests import factories


def last_month_moment() -> tuple[datetime.date, datetime.datetime]:
    first, _last = previous_month()
    day = first + datetime.timedelta(days=14)
    return day, datetime.datetime.combine(day, datetime.time(12), tzinfo=timezone.get_current_timezone())


def a_month_of_work(alliance):
    """Last month: a member's idea taken on by their organisation as an activity, hours logged on it, a commitment
    delivered, and a report shared; and things of other months and another initiative that do not belong."""
    day, moment = last_month_moment()
    home, school = alliance.initiative, alliance.organisation
    activity = factories.ActivityFactory(initiative=home, title="Læsecafé", lead=school, starts_on=day)
    factories.ParticipationFactory(activity=activity, organisation=school, hours=12)
    Idea.objects.create(initiative=home, title="Læsecafé på biblioteket", collected_on=day, proposed_by=alliance.member,
                        proposing_organisation=school, status=Idea.Status.TAKEN_ON, lead=school, activity=activity,
                        taken_on=day)  # fmt: skip
    Idea.objects.create(initiative=home, title="Fælles sommerlejr", collected_on=day, status=Idea.Status.TAKEN_ON,
                        taken_on=day)  # fmt: skip
    delivered = factories.CommitmentFactory(initiative=home, organisation=school, what="To lærere til læsecaféen")
    Commitment.objects.filter(pk=delivered.pk).update(status=Commitment.Status.DELIVERED, closed_on=day)
    factories.ReportRequestFactory(initiative=home, kind="catalogue", finished_at=moment)
    # entered and changed last month
    Activity.objects.filter(initiative=home).update(created_at=moment)
    Participation.objects.filter(initiative=home).update(updated_at=moment)
    # not last month: a commitment delivered two months ago, an activity entered this month (in another digest)
    earlier = factories.CommitmentFactory(initiative=home, organisation=school, what="Gammel forpligtelse")
    Commitment.objects.filter(pk=earlier.pk).update(status=Commitment.Status.DELIVERED,
                                                    closed_on=day - datetime.timedelta(days=40))  # fmt: skip
    factories.ActivityFactory(initiative=home, title="Næste måneds aktivitet")
    # another initiative's month
    elsewhere = factories.InitiativeFactory(name="Et Lettere Liv", slug="helsingor")
    factories.ActivityFactory(initiative=elsewhere, title="Helsingørs aktivitet")
    Activity.objects.filter(initiative=elsewhere).update(created_at=moment)


def test_the_next_digest_tells_the_alliance_once_in_danish_and_english(alliance, smtp):
    # given a month of work, and an evaluator who reads English
    a_month_of_work(alliance)
    evaluator = factories.UserFactory(username="emma", email="emma@lejre.example")
    factories.InitiativeRoleFactory(user=evaluator, initiative=alliance.initiative, role=Role.EVALUATOR)
    preferences_save(user=evaluator, language="en")
    # when the digest of last month runs (on the 1st), and runs again
    assert digests_create() == 3
    assert digests_create() == 0
    notifications_deliver()
    notifications_deliver()
    # then each user with a role gets one mail
    assert sorted(mail.recipients[0] for mail in smtp.outbox) == [
        "emma@lejre.example", "mette@lejre.example", "sekretariat@lejre.example",
    ]  # fmt: skip
    first, _last = previous_month()
    danish = smtp.last_to("mette@lejre.example")
    assert danish.subject.startswith("Månedens nyt fra +DIG: ")
    assert danish.subject.endswith(str(first.year))
    assert danish.text.startswith(f"Det skete i +DIG i {danish.subject.split(': ')[1]}:")
    for line in (
        "Nye aktiviteter (1)",
        "- Læsecafé, ledet af Lejre Skole",
        "Idéer, der er taget op (2)",
        "- Læsecafé på biblioteket, taget op af Lejre Skole",
        "- Fælles sommerlejr, taget op af sekretariatet",
        "Indfriede forpligtelser (1)",
        "- Lejre Skole: To lærere til læsecaféen",
        "Registrerede timer (12 timer i alt)",
        "- Lejre Skole: 12 timer på „Læsecafé“",
        "Rapporter delt med medlemmerne (1)",
    ):
        assert line in danish.text.splitlines(), line
    for absent in ("Gammel forpligtelse", "Næste måneds aktivitet", "Helsingørs aktivitet", "Afsluttede"):
        assert absent not in danish.text
    assert "<li>Lejre Skole: 12 timer på „Læsecafé“</li>" in danish.html
    assert f"http://127.0.0.1:8000/i/{alliance.initiative.slug}/" in danish.links()
    english = smtp.last_to("emma@lejre.example")
    assert english.subject.startswith("News of the month from +DIG: ")
    assert "- Lejre Skole: 12 hours on “Læsecafé”" in english.text.splitlines()
    assert "- Fælles sommerlejr, taken on by the secretariat" in english.text.splitlines()
    assert "Hours logged (12 hours in all)" in english.text.splitlines()


def test_the_month_is_named_as_the_language_writes_it(alliance, smtp):
    day = datetime.date(2026, 5, 20)
    factories.ActivityFactory(initiative=alliance.initiative, title="Læsecafé")
    moment = datetime.datetime.combine(day, datetime.time(9), tzinfo=timezone.get_current_timezone())
    Activity.objects.update(created_at=moment)
    preferences_save(user=alliance.secretariat, language="en")
    first, last = month_of(day)
    assert (first, last) == (datetime.date(2026, 5, 1), datetime.date(2026, 5, 31))
    digests_create(first=first, last=last)
    notifications_deliver()
    assert smtp.last_to("mette@lejre.example").subject == "Månedens nyt fra +DIG: maj 2026"
    assert smtp.last_to("sekretariat@lejre.example").subject == "News of the month from +DIG: May 2026"


def test_the_previous_month_is_the_one_before_today():
    assert previous_month(datetime.date(2026, 3, 1)) == (datetime.date(2026, 2, 1), datetime.date(2026, 2, 28))
    assert previous_month(datetime.date(2026, 1, 31)) == (datetime.date(2025, 12, 1), datetime.date(2025, 12, 31))


def test_finished_activities_are_those_completed_or_anchored_that_ended_in_the_month(alliance):
    day = datetime.date(2026, 5, 20)
    for title, status, ends_on in (("Completed", "completed", day), ("Anchored", "anchored", day),
                                   ("Still running", "running", day), ("Completed in April", "completed",
                                                                       datetime.date(2026, 4, 30))):  # fmt: skip
        factories.ActivityFactory(initiative=alliance.initiative, title=title, status=status, ends_on=ends_on)
    Activity.objects.update(created_at=timezone.now() - datetime.timedelta(days=400))
    digests_create(first=datetime.date(2026, 5, 1), last=datetime.date(2026, 5, 31))
    text = Notification.objects.get(user=alliance.member).text
    assert "Afsluttede aktiviteter (2)" in text
    assert "- Completed (gennemført, sluttede 20. maj 2026)" in text.splitlines()
    assert "- Anchored (forankret, sluttede 20. maj 2026)" in text.splitlines()
    assert "Still running" not in text
    assert "Completed in April" not in text


def test_a_month_with_nothing_gives_no_digest(alliance):
    assert digests_create(first=datetime.date(2026, 5, 1), last=datetime.date(2026, 5, 31)) == 0
    assert not Notification.objects.exists()


def test_a_long_month_names_ten_and_counts_the_rest(alliance):
    Activity.objects.bulk_create(
        Activity(initiative=alliance.initiative, title=f"Aktivitet {number:02}") for number in range(13)
    )
    first, last = month_of(timezone.localdate())
    digests_create(first=first, last=last)
    lines = Notification.objects.get(user=alliance.member).text.splitlines()
    assert "Nye aktiviteter (13)" in lines
    assert "- Aktivitet 09, ledet af sekretariatet" in lines
    assert "- Aktivitet 10, ledet af sekretariatet" not in lines
    assert "- og 3 mere" in lines


def test_digest_switched_off_is_on_the_page_only(alliance, smtp):
    preferences_save(user=alliance.member, digest=False)
    factories.ActivityFactory(initiative=alliance.initiative, title="Læsecafé")
    first, last = month_of(timezone.localdate())
    digests_create(first=first, last=last)
    notifications_deliver()
    assert [mail.recipients for mail in smtp.outbox] == [["sekretariat@lejre.example"]]
    assert Notification.objects.get(user=alliance.member).kind == Kind.DIGEST


def _digest_queries(alliance) -> int:
    Notification.objects.all().delete()
    first, last = month_of(timezone.localdate())
    with CaptureQueriesContext(connection) as queries:
        assert digests_create(first=first, last=last) == 62
    return len(queries)


def test_the_digest_takes_the_same_queries_for_10_and_1000_activities(alliance):
    # given an alliance of 60 more members, each speaking for their organisation
    organisations = [factories.OrganisationFactory(initiative=alliance.initiative) for _ in range(5)]
    for number in range(60):
        user = factories.UserFactory(username=f"member{number}", email=f"member{number}@example.org")
        factories.InitiativeRoleFactory(user=user, initiative=alliance.initiative, role=Role.MEMBER)

    def add(count: int, start: int) -> None:
        activities = Activity.objects.bulk_create(
            Activity(initiative=alliance.initiative, title=f"Aktivitet {start + n}", lead=organisations[n % 5],
                     status="completed", ends_on=timezone.localdate())
            for n in range(count)
        )  # fmt: skip
        Participation.objects.bulk_create(
            Participation(initiative=alliance.initiative, activity=activity, organisation=activity.lead, hours=3)
            for activity in activities
        )
        Commitment.objects.bulk_create(
            Commitment(initiative=alliance.initiative, organisation=organisations[n % 5], what=f"Løfte {start + n}",
                       status="delivered", closed_on=timezone.localdate())
            for n in range(count)
        )  # fmt: skip
        Idea.objects.bulk_create(
            Idea(initiative=alliance.initiative, title=f"Idé {start + n}", collected_on=timezone.localdate(),
                 status="taken_on", taken_on=timezone.localdate(), lead=organisations[n % 5])
            for n in range(count)
        )  # fmt: skip
        ReportRequest.objects.bulk_create(
            ReportRequest(initiative=alliance.initiative, status="done", shared=True, finished_at=timezone.now())
            for n in range(count // 10)
        )

    # when the digest is made with 10 activities (and as many of each), and again with 1,000
    add(10, 0)
    with_10 = _digest_queries(alliance)
    add(990, 10)
    with_1000 = _digest_queries(alliance)
    # then it takes the same number of queries, and few
    assert with_1000 == with_10
    assert with_10 <= 15
