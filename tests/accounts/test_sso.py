"""Single sign-on: the environment's variables make allauth's providers (accounts/sso.py), and a sign-on through the
local identity providers (tests/idp, driven here with plain ``requests`` as a browser would) claims an invitation
only for an address the provider vouches for, and never takes over an account that exists."""

from html.parser import HTMLParser
from urllib.parse import urljoin

import pytest
import requests
from allauth.socialaccount.models import SocialAccount
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured

from accounts import sso
from accounts.models import Invitation
from accounts.services import invitation_create
from initiatives.models import InitiativeRole, Role
from tests.accounts.signon import (
    ANNA,
    BO,
    OIDC_ID,
    SAML_ORGANIZATION,
    UNVERIFIED,
    configure,
    oidc_callback,
    oidc_environ,
    saml_environ,
)
from tests.factories import InitiativeFactory, InitiativeRoleFactory, UserFactory
from tests.idp import oidc_provider, saml_idp

# The environment variables


def test_nothing_set_means_no_provider_and_no_button(client, db):
    assert sso.providers({}) == {}
    assert sso.form_action_origins({}) == []
    page = client.get("/accounts/login/").content.decode()
    assert "/accounts/oidc/" not in page
    assert "/accounts/saml/" not in page


def test_microsoft_entra_id_from_the_environment():
    environ = {
        "OIDC_PROVIDER_ID": "entra",
        "OIDC_NAME": "Microsoft Entra ID",
        "OIDC_SERVER_URL": "https://login.microsoftonline.com/0f1e2d3c-aaaa-bbbb-cccc-123456789abc/v2.0/",
        "OIDC_CLIENT_ID": "the-client",
        "OIDC_CLIENT_SECRET": "the-secret",
        "OIDC_EMAIL_VERIFIED": "lejre.dk, Kommune.dk",
    }

    assert sso.providers(environ) == {
        "openid_connect": {
            "APPS": [
                {
                    "provider_id": "entra",
                    "name": "Microsoft Entra ID",
                    "client_id": "the-client",
                    "secret": "the-secret",
                    "settings": {
                        "server_url": "https://login.microsoftonline.com/0f1e2d3c-aaaa-bbbb-cccc-123456789abc/v2.0",
                        "oauth_pkce_enabled": True,
                        "openid_configuration_overrides": {
                            "issuer": "https://login.microsoftonline.com/0f1e2d3c-aaaa-bbbb-cccc-123456789abc/v2.0"
                        },
                        "verified_email": ["lejre.dk", "kommune.dk"],
                    },
                }
            ]
        }
    }
    assert sso.form_action_origins(environ) == ["https://login.microsoftonline.com"]


def test_kombit_context_handler_from_the_environment_with_oiosaml3_attributes(tmp_path):
    key, certificate = tmp_path / "sp.key", tmp_path / "sp.crt"
    key.write_text("-----BEGIN PRIVATE KEY-----\nMIIkey\n-----END PRIVATE KEY-----\n")
    certificate.write_text("-----BEGIN CERTIFICATE-----\nMIIcert\n-----END CERTIFICATE-----\n")
    metadata = "https://n2adgangsstyring.stoettesystemerne.dk/runtime/saml2/metadata.idp"
    environ = {
        "SAML_ORGANIZATION": "kombit",
        "SAML_NAME": "KOMBIT Context handler",
        "SAML_IDP_ENTITY_ID": "https://saml.n2adgangsstyring.stoettesystemerne.dk/runtime",
        "SAML_IDP_METADATA_URL": metadata,
        "SAML_SP_X509CERT": str(certificate),
        "SAML_SP_PRIVATE_KEY": str(key),
        "SAML_ATTRIBUTE_FIRST_NAME": "urn:oid:2.5.4.42",
    }

    [app] = sso.providers(environ)["saml"]["APPS"]

    assert (app["name"], app["client_id"]) == ("KOMBIT Context handler", "kombit")
    assert app["settings"]["idp"] == {
        "entity_id": "https://saml.n2adgangsstyring.stoettesystemerne.dk/runtime",
        "metadata_url": metadata,
    }
    assert app["settings"]["attribute_mapping"] == {
        "uid": "https://data.gov.dk/model/core/eid/professional/uuid/persistent",
        "email": "https://data.gov.dk/model/core/eid/email",
        "first_name": "urn:oid:2.5.4.42",
        "last_name": "https://data.gov.dk/model/core/eid/lastName",
    }
    assert app["settings"]["advanced"] == {
        "want_assertion_signed": True,
        "want_message_signed": False,
        "name_id_format": "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent",
        "reject_idp_initiated_sso": True,
        "x509cert": certificate.read_text(),
        "private_key": key.read_text(),
        "authn_request_signed": True,
    }
    assert app["settings"]["verified_email"] is True
    assert sso.form_action_origins(environ) == ["https://n2adgangsstyring.stoettesystemerne.dk"]


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"OIDC_SERVER_URL": "https://idp.example"}, "needs OIDC_CLIENT_ID, OIDC_CLIENT_SECRET"),
        ({"SAML_IDP_METADATA_URL": "https://idp.example/metadata"}, "needs SAML_IDP_ENTITY_ID"),
        ({"SAML_IDP_ENTITY_ID": "https://idp.example"}, "needs SAML_IDP_METADATA_URL, or SAML_IDP_SSO_URL"),
        (
            {"SAML_IDP_ENTITY_ID": "x", "SAML_IDP_METADATA_URL": "https://x", "SAML_SP_X509CERT": "-----BEGIN x"},
            "SAML_SP_X509CERT and SAML_SP_PRIVATE_KEY go together",
        ),
        ({"SAML_IDP_ENTITY_ID": "x", "SAML_IDP_METADATA_URL": "https://x", "SAML_EMAIL_VERIFIED": "maybe"}, None),
    ],
)
def test_a_half_configured_provider_stops_the_start(environ, message):
    if message is None:  # a domain list, not a flag: "maybe" is a domain, which is the installation's to choose
        assert sso.providers(environ)["saml"]["APPS"][0]["settings"]["verified_email"] == ["maybe"]
        return
    with pytest.raises(ImproperlyConfigured, match=message):
        sso.providers(environ)


# Signing on, with requests as the browser


class _Forms(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict] = []
        self.in_main = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "main":
            self.in_main = True
        elif tag == "form" and self.in_main:
            self.forms.append({"action": attributes.get("action") or "", "fields": {}})
        elif tag == "input" and self.in_main and self.forms and attributes.get("name"):
            self.forms[-1]["fields"][attributes["name"]] = attributes.get("value") or ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "main":
            self.in_main = False


def submit(session: requests.Session, page: requests.Response, **values: str) -> requests.Response:
    """Fill in and send the one form in the page's main content, as the browser does."""
    parser = _Forms()
    parser.feed(page.text)
    assert len(parser.forms) == 1, page.text
    form = parser.forms[0]
    return session.post(urljoin(page.url, form["action"]), data=form["fields"] | values, timeout=20)


def sign_on(base_url: str, login_path: str, email: str) -> requests.Response:
    """Our confirmation page, the provider's login page, and (SAML) the provider's page that posts the answer back;
    the page the person ends on."""
    session = requests.Session()
    confirmation = session.get(f"{base_url}{login_path}", timeout=20)
    at_provider = submit(session, confirmation)
    assert at_provider.url.startswith("http://127.0.0.1:"), at_provider.url
    answer = submit(session, at_provider, email=email)
    if "SAMLResponse" in answer.text:
        answer = submit(session, answer)
    return answer


def sign_on_oidc(live_server, email: str) -> requests.Response:
    return sign_on(live_server.url, f"/accounts/oidc/{OIDC_ID}/login/", email)


def sign_on_saml(live_server, email: str) -> requests.Response:
    return sign_on(live_server.url, f"/accounts/saml/{SAML_ORGANIZATION}/login/", email)


@pytest.fixture
def initiative(transactional_db, django_db_serialized_rollback):
    initiative = InitiativeFactory(name="+DIG", slug="lejre-dig")
    secretariat = UserFactory(username="secretariat")
    InitiativeRoleFactory(user=secretariat, initiative=initiative, role=Role.SECRETARIAT)
    return initiative


def invite(initiative, email: str, role: str = Role.MEMBER) -> Invitation:
    by = InitiativeRole.objects.get(initiative=initiative, role=Role.SECRETARIAT).user
    return invitation_create(initiative=initiative, email=email, role=role, by=by)[0]


def roles_of(email: str) -> list[tuple[str, str]]:
    return list(InitiativeRole.objects.filter(user__email__iexact=email).values_list("initiative__slug", "role"))


@pytest.fixture
def openid_provider(live_server, settings):
    with oidc_provider(redirect_uris=[oidc_callback(live_server.url)], accounts=[ANNA, BO, UNVERIFIED]) as op:
        configure(settings, oidc_environ(op))
        yield op


def test_an_address_the_openid_provider_does_not_vouch_for_claims_no_invitation(
    initiative, live_server, openid_provider
):
    # given an invitation to Ulla, whose provider says her address is not verified
    invitation = invite(initiative, UNVERIFIED.email)

    page = sign_on_oidc(live_server, UNVERIFIED.email)

    # then she has an account, no role, and is told why
    assert page.url == f"{live_server.url}/"
    assert "your identity provider did not confirm your e-mail address" in page.text
    assert get_user_model().objects.filter(email=UNVERIFIED.email).count() == 1
    assert roles_of(UNVERIFIED.email) == []
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_the_installation_may_vouch_for_its_own_domains(initiative, live_server, settings):
    invite(initiative, UNVERIFIED.email)
    with oidc_provider(redirect_uris=[oidc_callback(live_server.url)], accounts=[UNVERIFIED]) as op:
        # given OIDC_EMAIL_VERIFIED naming the municipality's domain
        configure(settings, oidc_environ(op, OIDC_EMAIL_VERIFIED="kommune.dk"))

        page = sign_on_oidc(live_server, UNVERIFIED.email)

    assert page.url == f"{live_server.url}/i/lejre-dig/"
    assert roles_of(UNVERIFIED.email) == [("lejre-dig", Role.MEMBER)]


def test_a_second_sign_on_claims_an_invitation_sent_after_the_first(initiative, live_server, openid_provider):
    # given Bo, who signed on once without an invitation
    sign_on_oidc(live_server, BO.email)
    assert roles_of(BO.email) == []
    # when the secretariat invites him, and he signs on again
    invite(initiative, BO.email, Role.EVALUATOR)
    page = sign_on_oidc(live_server, BO.email)
    # then the same account gets the role, and he lands in the initiative
    assert page.url == f"{live_server.url}/i/lejre-dig/"
    assert roles_of(BO.email) == [("lejre-dig", Role.EVALUATOR)]
    assert get_user_model().objects.filter(email=BO.email).count() == 1


def test_an_existing_account_is_not_taken_over_by_a_sign_on_with_its_address(initiative, live_server, openid_provider):
    # given an account with a password and Anna's address, and an invitation to that address
    existing = UserFactory(username="anna-local", email=ANNA.email)
    invitation = invite(initiative, ANNA.email)

    page = sign_on_oidc(live_server, ANNA.email)

    # then she is told to log in to that account, and nothing changed
    assert page.status_code == 409
    assert "You already have an account" in page.text
    assert "The platform already has an account with the e-mail address a@kommune.dk" in page.text
    assert list(get_user_model().objects.filter(email__iexact=ANNA.email)) == [existing]
    assert not SocialAccount.objects.exists()
    assert roles_of(ANNA.email) == []
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_a_saml_idp_set_not_to_vouch_for_addresses_claims_no_invitation(initiative, live_server, settings):
    invite(initiative, ANNA.email)
    with saml_idp(accounts=[ANNA]) as idp:
        configure(settings, saml_environ(idp, SAML_EMAIL_VERIFIED="false"))

        page = sign_on_saml(live_server, ANNA.email)

    assert page.url == f"{live_server.url}/"
    assert get_user_model().objects.filter(email=ANNA.email).count() == 1
    assert roles_of(ANNA.email) == []


def test_the_service_provider_metadata_to_register_with_the_idp(
    live_server, settings, transactional_db, django_db_serialized_rollback, tmp_path
):
    from tests.idp.saml_idp import key_pair

    sp = key_pair(tmp_path, "sp", common_name="Collective impact")
    with saml_idp(accounts=[ANNA]) as idp:
        configure(
            settings,
            saml_environ(idp, SAML_SP_X509CERT=str(sp.cert_path), SAML_SP_PRIVATE_KEY=str(sp.key_path)),
        )

        metadata = requests.get(f"{live_server.url}/accounts/saml/{SAML_ORGANIZATION}/metadata/", timeout=20)

    assert metadata.status_code == 200
    assert f'entityID="{live_server.url}/accounts/saml/{SAML_ORGANIZATION}/metadata/"' in metadata.text
    assert f'Location="{live_server.url}/accounts/saml/{SAML_ORGANIZATION}/acs/"' in metadata.text
    assert 'AuthnRequestsSigned="true"' in metadata.text
    assert "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent" in metadata.text
    assert django_settings.SOCIALACCOUNT_PROVIDERS["saml"]["APPS"][0]["settings"]["advanced"]["authn_request_signed"]


def test_a_secretariat_signed_on_is_not_sent_to_enrol_a_second_factor(
    initiative, live_server, openid_provider, settings
):
    # given an installation that requires a second factor of the secretariat, and an invitation to Bo as one
    settings.MFA_REQUIRED_ROLES = [Role.SECRETARIAT, Role.EVALUATOR]
    invite(initiative, BO.email, role=Role.SECRETARIAT)

    # when he signs on through the identity provider (whose own second factor the municipality sets)
    page = sign_on_oidc(live_server, BO.email)

    # then he lands in the initiative, not on the enrolment he could not confirm without a password
    assert page.url == f"{live_server.url}/i/{initiative.slug}/"
    assert "/2fa/" not in page.url
    assert roles_of(BO.email) == [(initiative.slug, Role.SECRETARIAT)]


def test_a_secretariat_with_a_password_is_sent_to_enrol_it(world, client, settings):
    # the same installation: a secretariat who logs in with a password must enrol first
    settings.MFA_REQUIRED_ROLES = [Role.SECRETARIAT, Role.EVALUATOR]
    client.force_login(world.secretariat)
    response = client.get(f"/i/{world.home.slug}/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"
