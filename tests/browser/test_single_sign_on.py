"""Single sign-on in Chromium, against real identity providers on this machine (tests/idp): a person clicks the
provider's button on the login page, signs in at the provider, and lands in the initiative whose invitation waited
for their address; without one, with an account and no role; and an answer that cannot be trusted logs nobody in."""

import re
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from accounts.services import invitation_create
from initiatives.models import InitiativeRole, Role
from tests.accounts.signon import (
    ANNA,
    BO,
    OIDC_NAME,
    SAML_NAME,
    configure,
    oidc_callback,
    oidc_environ,
    saml_environ,
)
from tests.browser import user
from tests.factories import InitiativeFactory, InitiativeRoleFactory, UserFactory
from tests.idp import oidc_provider, saml_idp

pytestmark = pytest.mark.browser


@pytest.fixture
def initiative(transactional_db, django_db_serialized_rollback):
    initiative = InitiativeFactory(name="+DIG", slug="lejre-dig")
    InitiativeRoleFactory(user=UserFactory(username="secretariat"), initiative=initiative, role=Role.SECRETARIAT)
    return initiative


def outside_the_browser(function):
    """Run database work in a thread of its own: in the browser's thread the ORM refuses to work."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function).result()


def invite(initiative, email: str, role: str = Role.MEMBER) -> None:
    def create():
        by = InitiativeRole.objects.get(initiative=initiative, role=Role.SECRETARIAT).user
        invitation_create(initiative=initiative, email=email, role=role, by=by)

    outside_the_browser(create)


def sign_on(page, base_url: str, provider_name: str, email: str) -> None:
    """From the login page: the provider's button, the confirmation, then the provider's own login page."""
    page.goto(f"{base_url}/accounts/login/")
    user.click(page.get_by_role("link", name=provider_name))
    user.click(page.get_by_role("main").get_by_role("button"))
    user.fill(page.get_by_label("Email"), email)
    user.click(page.get_by_role("button", name="Sign in"))


def off_site_was_the_provider(watch, provider_url: str) -> None:
    """The page went to the identity provider and nowhere else off the site; what went wrong on the provider's own
    pages (its missing favicon) is not the site's."""
    origin = re.match(r"https?://[^/]+", provider_url).group(0)
    watch.foreign[:] = [url for url in watch.foreign if not url.startswith(origin)]
    watch.errors[:] = [error for error in watch.errors if f"({origin}/" not in error]
    watch.failed[:] = [failed for failed in watch.failed if not failed.split(" ", 1)[1].startswith(origin)]


def roles_of(email: str) -> list[tuple[str, str]]:
    grants = InitiativeRole.objects.filter(user__email=email).values_list("initiative__slug", "role")
    return outside_the_browser(lambda: list(grants))


def account_of(email: str):
    """The accounts with this address: first name, last name and whether they have a password."""
    accounts = get_user_model().objects.filter(email__iexact=email)
    return outside_the_browser(lambda: [(a.first_name, a.last_name, a.has_usable_password()) for a in accounts])


def test_an_invited_person_signs_on_through_openid_connect_and_lands_in_the_initiative(
    initiative, live_server, new_page, settings
):
    page, watch = new_page
    # given an invitation to a@kommune.dk, and the installation's OpenID provider
    invite(initiative, ANNA.email)
    with oidc_provider(redirect_uris=[oidc_callback(live_server.url)], accounts=[ANNA]) as op:
        configure(settings, oidc_environ(op))
        # when Anna signs on through it
        sign_on(page, live_server.url, OIDC_NAME, ANNA.email)
        # then she is in the initiative, with the role
        expect(page).to_have_url(f"{live_server.url}/i/lejre-dig/")
        expect(page.get_by_text("Welcome to +DIG. You are now alliance member.")).to_be_visible()
        off_site_was_the_provider(watch, op.issuer)
    assert roles_of(ANNA.email) == [("lejre-dig", Role.MEMBER)]
    assert account_of(ANNA.email) == [("Anna", "Andersen", False)]


def test_an_invited_person_signs_on_through_saml_and_lands_in_the_initiative(
    initiative, live_server, new_page, settings
):
    page, watch = new_page
    # given an invitation to a@kommune.dk as evaluator, and the installation's SAML IdP
    invite(initiative, ANNA.email, Role.EVALUATOR)
    with saml_idp(accounts=[ANNA, BO]) as idp:
        configure(settings, saml_environ(idp))
        # when Anna signs on through it
        sign_on(page, live_server.url, SAML_NAME, ANNA.email)
        # then she is in the initiative, with the role
        expect(page).to_have_url(f"{live_server.url}/i/lejre-dig/")
        expect(page.get_by_text("Welcome to +DIG. You are now evaluator.")).to_be_visible()
        off_site_was_the_provider(watch, idp.metadata_url)
    assert roles_of(ANNA.email) == [("lejre-dig", Role.EVALUATOR)]
    assert account_of(ANNA.email) == [("Anna", "Andersen", False)]


def test_someone_without_an_invitation_gets_an_account_and_no_role_and_is_told_whom_to_ask(
    initiative, live_server, danish_page, settings
):
    page, watch = danish_page
    # given an invitation to Anna only
    invite(initiative, ANNA.email)
    with oidc_provider(redirect_uris=[oidc_callback(live_server.url)], accounts=[ANNA, BO]) as op:
        configure(settings, oidc_environ(op))
        # when Bo signs on
        sign_on(page, live_server.url, OIDC_NAME, BO.email)
        # then he is on the start page, logged in, and told in Danish that he has no role yet
        expect(page).to_have_url(f"{live_server.url}/")
        user.seen(
            page.get_by_text(
                "Du er logget ind, men har endnu ingen rolle i et initiativ. "
                "Bed sekretariatet for dit initiativ om at invitere bo@kommune.dk."
            )
        )
        off_site_was_the_provider(watch, op.issuer)
    assert account_of(BO.email) == [("Bo", "Berg", False)]
    assert roles_of(BO.email) == []
    assert roles_of(ANNA.email) == []


@pytest.mark.parametrize("mode", ["bad_signature", "unsigned", "wrong_audience", "unknown_issuer"])
def test_a_saml_answer_that_cannot_be_trusted_logs_nobody_in(initiative, live_server, new_page, settings, mode):
    page, watch = new_page
    watch.allow(401)  # allauth answers a refused sign-on 401
    # given an invitation to Anna, and an IdP that signs with another key, not at all, names another audience or
    # another issuer
    invite(initiative, ANNA.email)
    with saml_idp(accounts=[ANNA], mode=mode) as idp:
        configure(settings, saml_environ(idp))
        # when Anna signs on through it
        sign_on(page, live_server.url, SAML_NAME, ANNA.email)
        # then the site says it could not accept the answer, and she is not logged in
        expect(page.get_by_role("heading", level=1)).to_have_text("Single sign-on failed")
        user.seen(page.get_by_text("The answer from Test SAML IdP could not be accepted"))
        user.click(page.get_by_role("link", name="Back to the login page"))
        expect(page).to_have_url(re.compile(r"/accounts/login/"))
        expect(page.get_by_role("button", name="Log out")).to_have_count(0)
        off_site_was_the_provider(watch, idp.metadata_url)
    # and nobody got an account or a role
    assert account_of(ANNA.email) == []
    assert roles_of(ANNA.email) == []


def test_an_openid_provider_that_names_another_issuer_logs_nobody_in(initiative, live_server, new_page, settings):
    page, watch = new_page
    watch.allow(401)
    invite(initiative, ANNA.email)
    with oidc_provider(redirect_uris=[oidc_callback(live_server.url)], accounts=[ANNA]) as op:
        # given the installation configured with the provider at "localhost": its discovery document and ID token
        # name "127.0.0.1", another issuer than the configured one
        configured_as = op.issuer.replace("127.0.0.1", "localhost")
        configure(settings, oidc_environ(op, OIDC_SERVER_URL=configured_as, SSO_FORM_ACTION=op.issuer))
        # when Anna signs on through it
        sign_on(page, live_server.url, OIDC_NAME, ANNA.email)
        # then the site refuses the ID token
        expect(page.get_by_role("heading", level=1)).to_have_text("Single sign-on failed")
        user.seen(page.get_by_text("The answer from Test OpenID provider could not be accepted"))
        off_site_was_the_provider(watch, op.issuer)
        off_site_was_the_provider(watch, configured_as)
    assert account_of(ANNA.email) == []
    assert roles_of(ANNA.email) == []
