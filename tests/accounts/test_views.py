"""The access page, the invitation's link and sign-up, and a site administrator's new initiative, as each visitor."""

import re
import socket

import pytest
from allauth.account.models import EmailAddress
from django.test import Client
from django.urls import reverse

from accounts.models import Invitation
from accounts.services import invitation_create
from config.settings.base import mailer
from initiatives.models import Initiative, InitiativeRole, Role
from tests.factories import PASSWORD, UserFactory
from tests.snapshot import db_snapshot


def danish(user=None) -> Client:
    client = Client(headers={"accept-language": "da"})
    if user is not None:
        client.force_login(user)
    return client


def access_url(world) -> str:
    return reverse("access:list", kwargs={"slug": world.home.slug})


def invite(client, world, **fields):
    data = {"email": "colleague@lejre.dk", "role": Role.EVALUATOR, "person": "", "language": "da", **fields}
    return client.post(access_url(world), data)


def test_only_the_secretariat_opens_the_access_page(world):
    assert danish(world.secretariat).get(access_url(world)).status_code == 200
    for refused in (world.member, world.evaluator):
        before = db_snapshot()
        assert danish(refused).get(access_url(world)).status_code == 403
        assert invite(danish(refused), world).status_code == 403
        assert db_snapshot() == before
    assert danish(world.outsider).get(access_url(world)).status_code == 404
    assert invite(danish(world.outsider), world).status_code == 404


def test_the_access_page_lists_roles_invitations_and_history(world, django_assert_max_num_queries):
    client = danish(world.secretariat)
    with django_assert_max_num_queries(30):
        page = client.get(access_url(world)).content.decode()
    for username in ("home-secretariat", "home-member", "home-evaluator"):
        assert username in page
    assert "other-secretariat" not in page
    assert "invited@lejre-dig.example" in page
    assert "invited@helsingor.example" not in page
    assert "<h1>Adgang</h1>" in page
    for words in ("Venter", "Send igen", "Tilbagekald", "Invitér"):
        assert words in page
    assert "invited@lejre-dig.example blev inviteret som alliancemedlem" in page


def test_the_secretariat_invites_and_the_mail_goes_out(world, smtp):
    client = danish(world.secretariat)
    response = invite(client, world)
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Invitationen er sendt til colleague@lejre.dk." in page
    invitation = Invitation.objects.get(email="colleague@lejre.dk")
    assert (invitation.role, invitation.invited_by, invitation.sent_at is not None) == (
        Role.EVALUATOR, world.secretariat, True)  # fmt: skip
    assert smtp.last_to("colleague@lejre.dk").subject == "Invitation til +DIG"
    # inviting the same address again, as another role, says that the earlier invitation is revoked
    response = invite(client, world, role=Role.MEMBER)
    page = client.get(response["Location"]).content.decode()
    assert "Den tidligere invitation til colleague@lejre.dk som evaluator er tilbagekaldt" in page
    invitation.refresh_from_db()
    assert invitation.state == Invitation.State.REVOKED


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"email": "not an address"}, "email", "Indtast en gyldig e-mail-adresse."),
        ({"role": "admin"}, "role", "Marker en gyldig valgmulighed."),
        ({"email": "MEMBER@lejre.dk"}, "email", "har allerede en rolle i initiativet"),
    ],
)
def test_bad_input_is_refused_on_the_form_and_nothing_is_saved(world, smtp, fields, field, message):
    world.member.email = "member@lejre.dk"
    world.member.save()
    before = db_snapshot()
    response = invite(danish(world.secretariat), world, **fields)
    assert response.status_code == 400
    assert message in str(response.context["form"].errors[field])
    assert db_snapshot() == before
    assert smtp.outbox == []


def test_a_mail_server_that_does_not_answer_leaves_the_invitation_to_resend(world, settings, smtp):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    working = settings.MAILERS
    settings.MAILERS = {"default": mailer(f"smtp://127.0.0.1:{closed}")}
    client = danish(world.secretariat)
    response = invite(client, world)
    page = client.get(response["Location"]).content.decode()
    assert "e-mailen kunne ikke sendes, fordi mailserveren ikke svarede" in page
    invitation = Invitation.objects.get(email="colleague@lejre.dk")
    assert invitation.sent_at is None
    assert invitation.state == Invitation.State.WAITING
    # when the server is back, "Send igen" sends it with a link that works
    settings.MAILERS = working
    resend = reverse("access:invitation_resend", kwargs={"slug": world.home.slug, "pk": invitation.pk})
    assert client.post(resend).status_code == 302
    invitation.refresh_from_db()
    assert invitation.sent_at is not None
    link = smtp.last_to("colleague@lejre.dk").links()[0]
    assert Client().get(link).status_code == 200


def test_resend_and_revoke_from_the_page(world, smtp):
    client = danish(world.secretariat)
    invite(client, world)
    first_link = smtp.last_to("colleague@lejre.dk").links()[0]
    invitation = Invitation.objects.get(email="colleague@lejre.dk")
    kwargs = {"slug": world.home.slug, "pk": invitation.pk}
    client.post(reverse("access:invitation_resend", kwargs=kwargs))
    second_link = smtp.last_to("colleague@lejre.dk").links()[0]
    assert second_link != first_link
    assert Client().get(first_link).status_code == 404
    client.post(reverse("access:invitation_revoke", kwargs=kwargs))
    response = Client(headers={"accept-language": "da"}).get(second_link)
    assert response.status_code == 404
    assert "Invitationen er tilbagekaldt" in response.content.decode()


def test_changing_and_removing_a_role(world):
    client = danish(world.secretariat)
    grant = InitiativeRole.objects.get(user=world.member, initiative=world.home)
    kwargs = {"slug": world.home.slug, "pk": grant.pk}
    assert client.get(reverse("access:role_change", kwargs=kwargs)).status_code == 200
    assert client.post(reverse("access:role_change", kwargs=kwargs), {"role": Role.EVALUATOR}).status_code == 302
    grant.refresh_from_db()
    assert grant.role == Role.EVALUATOR
    remove = reverse("access:role_remove", kwargs=kwargs)
    assert "mister rollen evaluator" in client.get(remove).content.decode()
    assert client.post(remove).status_code == 200  # without the page's confirmation nothing happens
    assert client.post(remove, {"confirm": "yes"}).status_code == 302
    assert not InitiativeRole.objects.filter(pk=grant.pk).exists()


def test_the_last_secretariat_is_told_why_they_cannot_step_down(world):
    client = danish(world.secretariat)
    grant = InitiativeRole.objects.get(user=world.secretariat, initiative=world.home)
    kwargs = {"slug": world.home.slug, "pk": grant.pk}
    response = client.post(reverse("access:role_change", kwargs=kwargs), {"role": Role.MEMBER})
    assert response.status_code == 400
    assert "Et initiativ skal have mindst ét sekretariat" in response.content.decode()
    response = client.post(reverse("access:role_remove", kwargs=kwargs), {"confirm": "yes"})
    assert response.status_code == 400
    assert "Et initiativ skal have mindst ét sekretariat" in response.content.decode()
    grant.refresh_from_db()
    assert grant.role == Role.SECRETARIAT


def test_a_roles_page_does_not_reach_another_initiatives_role(world):
    theirs = InitiativeRole.objects.get(user=world.outsider)
    url = reverse("access:role_remove", kwargs={"slug": world.home.slug, "pk": theirs.pk})
    assert danish(world.secretariat).post(url, {"confirm": "yes"}).status_code == 404
    assert InitiativeRole.objects.filter(pk=theirs.pk).exists()


def link_of(world, email="colleague@lejre.dk", role=Role.EVALUATOR) -> str:
    _, key = invitation_create(initiative=world.home, email=email, role=role, by=world.secretariat)
    return reverse("invitation_open", kwargs={"key": key})


def test_a_newcomer_signs_up_with_the_invitations_address_and_lands_in_the_initiative(world):
    link = link_of(world)
    client = danish()
    page = client.get(link).content.decode()
    assert "Opret en konto" in page
    signup = client.get(reverse("account_signup"))
    assert signup.status_code == 200
    assert re.search(r'<input[^>]*name="email"[^>]*value="colleague@lejre.dk"[^>]*disabled', signup.content.decode())
    response = client.post(reverse("account_signup"), {
        "username": "newcomer", "email": "someone.else@example.com", "password1": PASSWORD, "password2": PASSWORD,
    })  # fmt: skip
    assert response.status_code == 302
    assert response["Location"] == world.home.get_absolute_url()
    newcomer = InitiativeRole.objects.get(user__username="newcomer")
    assert (newcomer.user.email, newcomer.initiative, newcomer.role) == ("colleague@lejre.dk", world.home, "evaluator")
    assert "Velkommen til +DIG. Du er nu evaluator." in client.get(response["Location"]).content.decode()
    # the address the link came to is verified, so the newcomer may enrol a second factor
    assert list(EmailAddress.objects.filter(user=newcomer.user).values_list("email", "verified")) == [
        ("colleague@lejre.dk", True)
    ]
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert client.get(reverse("mfa_activate_totp")).status_code == 200
    # the link worked once
    again = Client(headers={"accept-language": "da"}).get(link)
    assert again.status_code == 404
    assert "Invitationen er allerede accepteret" in again.content.decode()
    # opened again by the account that accepted it, the page leads to its initiatives, not to a login
    opened_again = client.get(link).content.decode()
    assert "Invitationen er allerede accepteret" in opened_again
    assert "Gå til Mine initiativer" in opened_again


def test_without_an_invitation_nobody_signs_up(world, client):
    response = client.get(reverse("account_signup"))
    assert response.status_code == 200
    assert 'name="password1"' not in response.content.decode()  # allauth's "sign-up is closed"
    before = get_user_count()
    client.post(reverse("account_signup"), {"username": "x", "email": "x@example.com", "password1": PASSWORD,
                                            "password2": PASSWORD})  # fmt: skip
    assert get_user_count() == before


def get_user_count() -> int:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.count()


def test_someone_with_an_account_logs_in_and_accepts(world):
    existing = UserFactory(username="existing", email="existing@lejre.dk")
    link = link_of(world, email="existing@lejre.dk", role=Role.MEMBER)
    client = danish()
    client.get(link)
    response = client.post(f"{reverse('account_login')}?next={link}", {"login": "existing", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == link
    page = client.get(link).content.decode()
    assert "Acceptér invitationen" in page
    response = client.post(link)
    assert response["Location"] == world.home.get_absolute_url()
    assert InitiativeRole.objects.get(user=existing).role == Role.MEMBER
    assert client.post(link).status_code == 404


@pytest.mark.parametrize("key", ["forged-key", ""])
def test_a_forged_link_says_so_and_gives_no_role(world, key):
    client = danish(UserFactory(username="curious"))
    before = db_snapshot()
    url = reverse("invitation_open", kwargs={"key": key}) if key else "/accounts/invitation/%20/"
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 404
        assert "Linket til invitationen er ikke gyldigt" in response.content.decode()
    assert db_snapshot() == before


def test_a_site_administrator_starts_an_initiative_and_invites_its_secretariat(world, smtp):
    admin = UserFactory(username="site-admin", is_staff=True)
    client = danish(admin)
    assert "Nyt initiativ" in client.get(reverse("core:home")).content.decode()
    data = {"name": "Ung i Roskilde", "area": "Roskilde Kommune", "slug": "ung-roskilde",
            "email": "chef@roskilde.dk", "language": "en"}  # fmt: skip
    response = client.post(reverse("initiative_start"), data)
    assert response.status_code == 302
    initiative = Initiative.objects.get(slug="ung-roskilde")
    invitation = Invitation.objects.get(initiative=initiative)
    assert (invitation.email, invitation.role, invitation.sent_at is not None) == ("chef@roskilde.dk", "secretariat",
                                                                                  True)  # fmt: skip
    assert smtp.last_to("chef@roskilde.dk").subject == "Invitation to Ung i Roskilde"
    # the same address again is refused on the form
    before = db_snapshot()
    response = client.post(reverse("initiative_start"), {**data, "name": "Another"})
    assert response.status_code == 400
    assert "slug" in response.context["form"].errors
    assert db_snapshot() == before


@pytest.mark.parametrize(
    ("slug", "message"),
    [
        ("LEJRE-DIG", "Brug kun små bogstaver a-z, tal og bindestreger"),
        ("trivsel-æøå", "Brug kun små bogstaver a-z, tal og bindestreger"),
        ("-lejre", "Brug kun små bogstaver a-z, tal og bindestreger"),
    ],
)
def test_a_short_name_other_than_small_letters_digits_and_hyphens_is_refused(world, smtp, slug, message):
    client = danish(UserFactory(username="site-admin", is_staff=True))
    before = db_snapshot()
    data = {"name": "Trivsel", "area": "Lejre", "slug": slug, "email": "a@lejre.dk", "language": "da"}
    response = client.post(reverse("initiative_start"), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert db_snapshot() == before


def test_the_site_administrator_follows_up_and_invites_another_secretariat(world, smtp):
    # given an initiative whose first secretariat's address was mistyped
    admin = UserFactory(username="site-admin", is_staff=True)
    client = danish(admin)
    invitation_create(initiative=world.home, email="sekretariat@lejre.dkk", role=Role.SECRETARIAT, by=admin)
    # the overview shows the initiative, its secretariat and the waiting invitation
    page = client.get(reverse("initiative_start")).content.decode()
    assert "Initiativer og deres sekretariat" in page
    assert "sekretariat@lejre.dkk: venter" in page
    # when the administrator invites the right address from the overview
    url = reverse("initiative_secretariat_invite", kwargs={"slug": world.home.slug})
    response = client.post(url, {"email": "sekretariat@lejre.dk", "language": "da"})
    # then it is invited as secretariat and mailed
    assert response.status_code == 302
    assert Invitation.objects.get(email="sekretariat@lejre.dk").role == Role.SECRETARIAT
    assert smtp.last_to("sekretariat@lejre.dk").subject == f"Invitation til {world.home.name}"
    # a bad address invites nobody
    before = db_snapshot()
    assert client.post(url, {"email": "ikke en adresse", "language": "da"}).status_code == 302
    assert db_snapshot() == before
    # and nobody but a site administrator may
    assert danish(world.secretariat).post(url, {"email": "x@lejre.dk", "language": "da"}).status_code == 403


def test_only_site_administrators_see_the_new_initiative_link(world):
    assert "Nyt initiativ" not in danish(world.secretariat).get(reverse("core:home")).content.decode()
