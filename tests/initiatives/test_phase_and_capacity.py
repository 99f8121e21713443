import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.test import Client

from alliance.selectors import backbone_capacity
from initiatives.models import PhaseQuestion
from initiatives.selectors import open_questions
from tests import factories
from tests.snapshot import db_snapshot


def test_the_phase_questions_of_seed_004_are_data_in_both_languages(db):
    counts = {phase: PhaseQuestion.objects.filter(phase=phase).count() for phase in (1, 2, 3, 4)}
    assert counts == {1: 3, 2: 4, 3: 4, 4: 3}
    first = PhaseQuestion.objects.get(phase=1, order=1)
    assert first.text_da.startswith("Er feltets/lokalområdets historie")
    assert first.text_en.startswith("Is the history of the field")


def test_open_questions_are_those_of_the_current_phase_without_a_note(world):
    world.home.current_phase = 2
    world.home.save()
    question = PhaseQuestion.objects.get(phase=2, order=1)
    assert question in open_questions(initiative=world.home)
    factories.PhaseNoteFactory(initiative=world.home, question=question)
    remaining = list(open_questions(initiative=world.home))
    assert question not in remaining
    assert [q.order for q in remaining] == [2, 3, 4]


def test_the_initiative_page_shows_the_phase_and_its_open_questions(world, client):
    world.home.current_phase = 3
    world.home.phase_entered_on = datetime.date(2017, 1, 1)
    world.home.save()
    client.force_login(world.member)
    page = client.get(f"/i/{world.home.slug}/").text
    assert "3 · Organise for impact" in page
    assert "4 guiding questions of this phase are still open" in page
    assert "Are the right people at the table?" in page
    danish = Client(headers={"accept-language": "da"})
    danish.force_login(world.member)
    assert "Sidder de rette personer med ved bordet?" in danish.get(f"/i/{world.home.slug}/").text


def test_backbone_capacity_over_time_as_in_lejre(world):
    # given Lejre's secretariat: one person at 30 h a week, a consultant at a third of 37 h, who leaves earlier
    lead = factories.PersonFactory(initiative=world.other)
    consultant = factories.PersonFactory(initiative=world.other)
    world.other.staffing.all().delete()
    factories.StaffingFactory(
        initiative=world.other, person=lead, hours_per_week=Decimal("30"),
        starts_on=datetime.date(2015, 1, 1), ends_on=datetime.date(2019, 12, 31),
    )  # fmt: skip
    factories.StaffingFactory(
        initiative=world.other, person=consultant, hours_per_week=Decimal("12.3"),
        starts_on=datetime.date(2015, 6, 1), ends_on=datetime.date(2018, 12, 31),
    )  # fmt: skip
    periods = [(p.starts_on, p.ends_on, p.hours_per_week) for p in backbone_capacity(initiative=world.other)]
    assert periods == [
        (datetime.date(2015, 1, 1), datetime.date(2015, 5, 31), Decimal("30")),
        (datetime.date(2015, 6, 1), datetime.date(2018, 12, 31), Decimal("42.3")),
        (datetime.date(2019, 1, 1), datetime.date(2019, 12, 31), Decimal("30")),
    ]
    assert backbone_capacity(initiative=world.other)[1].full_time_equivalents == Decimal("1.14")


def test_editing_the_initiative_needs_a_date_for_a_new_phase(world, client):
    client.force_login(world.secretariat)
    before = db_snapshot()
    data = {
        "name": world.home.name,
        "area": world.home.area,
        "report_language": "da",
        "current_phase": 2,
        "backbone_share_threshold": 50,
    }
    response = client.post(f"/i/{world.home.slug}/edit/", data)
    assert "Give the date the initiative entered this phase." in response.text
    assert db_snapshot() == before
    response = client.post(f"/i/{world.home.slug}/edit/", {**data, "phase_entered_on": "2016-02-01"})
    assert response.status_code == 302
    world.home.refresh_from_db()
    assert (world.home.current_phase, str(world.home.phase_entered_on)) == (2, "2016-02-01")
    history = client.get(f"/i/{world.home.slug}/history/").text
    assert "<td>Current phase</td>" in history


def test_an_end_before_the_start_is_refused(world, client):
    client.force_login(world.secretariat)
    before = db_snapshot()
    data = {"name": "x", "area": "y", "report_language": "da", "current_phase": 1, "backbone_share_threshold": 50}
    response = client.post(
        f"/i/{world.home.slug}/edit/", {**data, "started_on": "2019-01-01", "planned_end_on": "2015-01-01"}
    )
    assert "The planned end cannot come before the start." in response.text
    assert db_snapshot() == before


def test_a_duplicate_slug_is_refused_in_the_admin(world):
    admin = get_user_model().objects.create_superuser("root", password="x")  # noqa: S106
    client = Client()
    client.force_login(admin)
    before_count = world.home.__class__.objects.count()
    response = client.post(
        "/admin/initiatives/initiative/add/",
        {"name": "Kopi", "slug": world.home.slug, "area": "Lejre", "report_language": "da", "current_phase": 1,
         "roles-TOTAL_FORMS": 0, "roles-INITIAL_FORMS": 0},
    )  # fmt: skip
    assert response.status_code == 200
    assert "Initiative with this Short name in addresses already exists." in response.text
    assert world.home.__class__.objects.count() == before_count


def test_a_track_name_is_unique_within_the_initiative(world, client):
    client.force_login(world.secretariat)
    existing = world.home.tracks.first()
    before = db_snapshot()
    response = client.post(f"/i/{world.home.slug}/tracks/new/", {"name": existing.name, "order": 2})
    assert "This initiative already has a track of that name." in response.text
    assert db_snapshot() == before
    # the same name in another initiative is fine
    client.force_login(world.outsider)
    assert client.post(f"/i/{world.other.slug}/tracks/new/", {"name": existing.name, "order": 2}).status_code == 302


def test_a_new_phase_needs_a_new_entry_date(world, client):
    world.home.phase_entered_on = datetime.date(2015, 1, 1)
    world.home.save()
    client.force_login(world.secretariat)
    data = {
        "name": world.home.name,
        "area": world.home.area,
        "report_language": "da",
        "current_phase": 3,
        "backbone_share_threshold": 50,
        "phase_entered_on": "2015-01-01",
    }
    before = db_snapshot()
    assert "Give the date the initiative entered this phase." in client.post(f"/i/{world.home.slug}/edit/", data).text
    assert db_snapshot() == before
