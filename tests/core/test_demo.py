import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import Client

from alliance.models import Person
from home.demo import DEMO_PASSWORD, DEMO_USERS
from initiatives.models import Initiative, InitiativeRole
from tests.snapshot import db_snapshot


def test_loaddemo_loads_the_seed_initiatives_and_a_login_per_role(db):
    call_command("loaddemo", force=True)
    assert set(Initiative.objects.values_list("slug", flat=True)) == {"lejre-dig", "helsingor-et-lettere-liv"}
    for demo_user in DEMO_USERS:
        client = Client()
        assert client.login(username=demo_user.username, password=DEMO_PASSWORD)
        roles = dict(
            InitiativeRole.objects.filter(user__username=demo_user.username).values_list("initiative__slug", "role")
        )
        assert roles == demo_user.roles
        for slug in demo_user.roles:
            assert client.get(f"/i/{slug}/").status_code == 200
    assert get_user_model().objects.get(username="admin").is_superuser


def test_the_demo_users_reset_their_passwords_by_mail(db, smtp):
    # given the demo, whose users each have an address
    call_command("loaddemo", force=True)
    users = get_user_model().objects
    assert {user.email for user in users.filter(username__in=[u.username for u in DEMO_USERS])} == {
        user.email for user in DEMO_USERS
    }
    assert users.get(username="admin").email == "admin@example.org"
    # when the secretariat asks for a reset, the mail with its link goes out
    Client().post("/accounts/password/reset/", {"email": "sekretariat@example.org"})
    assert (
        smtp.last_to("sekretariat@example.org").links()[0].startswith("http://testserver/accounts/password/reset/key/")
    )


def test_loaddemo_twice_changes_nothing(db):
    call_command("loaddemo", force=True)
    before = db_snapshot()
    call_command("loaddemo", force=True)
    assert db_snapshot() == before


def test_loaddemo_refuses_to_run_with_debug_off_unless_forced(db):
    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("loaddemo")
    assert not Initiative.objects.exists()


def test_the_demo_uses_the_seed_organisations_but_no_real_names(db):
    call_command("loaddemo", force=True)
    helsingor = Initiative.objects.get(slug="helsingor-et-lettere-liv")
    organisations = set(helsingor.organisations.values_list("name", flat=True))
    assert {
        "Helsefonden",
        "Socialt Udviklingscenter SUS",
        "Boliggården",
        "DGI Nordsjælland",
        "COOP",
    } <= organisations
    names = set(Person.objects.values_list("name", flat=True))
    # a few of the real members named in Appendix 1 of seed 001 and in seed 000
    assert not names & {"Lars Rich", "Jane Tanghøj", "Hanne Jervild", "Per Holm", "Burak Ulrik Ulucan"}
    assert helsingor.memberships.filter(left_reason="retired").count() == 1
    assert list(helsingor.tracks.values_list("name", flat=True)) == ["Kost", "Bevægelse", "Trivsel"]
    assert Initiative.objects.get(slug="lejre-dig").tracks.count() == 5


def test_made_up_demo_meetings_are_labelled_where_they_are_listed(db):
    call_command("loaddemo", force=True)
    client = Client()
    client.force_login(get_user_model().objects.get(username="sekretariat"))
    page = client.get("/i/lejre-dig/alliance/meetings/").text
    assert page.count("Illustrativt eksempel – ikke fra erfaringsopsamlingen.") == 2


def test_the_demo_has_the_seed_activities_all_marked_illustrative(db):
    from activities.models import Activity
    from activities.selectors import backbone_led_share

    call_command("loaddemo", force=True)
    lejre = Activity.objects.filter(initiative__slug="lejre-dig")
    assert {"Ungebussen", "Læsehestene", "Hackathon på Kr. Såby Skole"} <= set(lejre.values_list("title", flat=True))
    assert lejre.get(title="Læsehestene").status == "anchored"
    assert Activity.objects.filter(illustrative=False).count() == 0
    helsingor = Initiative.objects.get(slug="helsingor-et-lettere-liv")
    assert helsingor.activities.count() == 9
    # the seeds' finding: most activities were led by the secretariat
    assert backbone_led_share(initiative=helsingor)["overall"].percent > 50
    client = Client()
    client.force_login(get_user_model().objects.get(username="medlem"))
    assert "Trænerspirer-forløb hvert efterår" in client.get("/").text


def test_the_demo_holds_helsingors_ratings_as_seed_001_gives_them(db):
    from initiatives.models import ElementAssessment

    call_command("loaddemo", force=True)
    ratings = dict(
        ElementAssessment.objects.filter(initiative__slug="helsingor-et-lettere-liv").values_list(
            "element__number", "rating__key"
        )
    )
    assert ratings == {1: "high", 2: "some", 3: "some", 4: "high", 5: "high", 6: "some"}
