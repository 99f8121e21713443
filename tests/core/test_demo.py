from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from core.demo import DEMO_PASSWORD, DEMO_USERS
from initiatives.models import Initiative, InitiativeRole


def test_loaddemo_loads_the_seed_initiatives_and_a_login_per_role(db):
    call_command("loaddemo")
    assert set(Initiative.objects.values_list("slug", flat=True)) == {"lejre-dig", "helsingor-et-lettere-liv"}
    for demo_user in DEMO_USERS:
        client = Client()
        assert client.login(username=demo_user.username, password=DEMO_PASSWORD)
        roles = dict(
            InitiativeRole.objects.filter(user__username=demo_user.username).values_list(
                "initiative__slug", "role"
            )
        )
        assert roles == demo_user.roles
        for slug in demo_user.roles:
            assert client.get(f"/i/{slug}/").status_code == 200
    assert get_user_model().objects.get(username="admin").is_superuser


def test_loaddemo_twice_adds_nothing(db):
    call_command("loaddemo")
    counts = (Initiative.objects.count(), InitiativeRole.objects.count(), get_user_model().objects.count())
    call_command("loaddemo")
    assert (
        Initiative.objects.count(),
        InitiativeRole.objects.count(),
        get_user_model().objects.count(),
    ) == counts
