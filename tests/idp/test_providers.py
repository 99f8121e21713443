"""The test identity providers work on their own: each signs a user on to a tiny relying party of ours, made with plain
``requests`` (OIDC), pysaml2's SP and python3-saml (the SAML library allauth uses), and the SAML IdP's misbehaving
modes give responses that those SPs refuse."""

import base64
import hashlib
import secrets
from html.parser import HTMLParser
from urllib.parse import parse_qs, urljoin, urlparse

import jwt
import pytest
import requests
from onelogin.saml2.auth import OneLogin_Saml2_Auth
from onelogin.saml2.idp_metadata_parser import OneLogin_Saml2_IdPMetadataParser
from saml2 import BINDING_HTTP_POST
from saml2.client import Saml2Client
from saml2.config import SPConfig

from tests.idp import Account, oidc_provider, saml_idp

ADA = Account(sub="ada@lejre", email="ada@example.org", given_name="Ada", family_name="Lovelace")
GRACE = Account(sub="grace@lejre", email="grace@example.org", given_name="Grace", family_name="Hopper",
                email_verified=False)  # fmt: skip
CALLBACK = "http://127.0.0.1:8123/accounts/oidc/test/login/callback/"
SP_ENTITY_ID = "http://127.0.0.1:8123/accounts/saml/test/metadata/"
ACS_PATH = "/accounts/saml/test/acs/"
ACS = f"http://127.0.0.1:8123{ACS_PATH}"


class _Forms(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "form":
            self.forms.append({"action": attributes.get("action"), "fields": {}, "labels": [], "buttons": []})
        elif tag == "input" and self.forms and attributes.get("name"):
            self.forms[-1]["fields"][attributes["name"]] = attributes.get("value") or ""
        elif tag == "label" and self.forms:
            self.forms[-1]["labels"].append(attributes.get("for"))

    def handle_data(self, data: str) -> None:
        if self.forms and self.lasttag in {"label", "button"} and data.strip():
            self.forms[-1]["labels" if self.lasttag == "label" else "buttons"].append(data.strip())


def form_on(response: requests.Response) -> dict:
    """The page's one form, its action made absolute, as a browser would submit it."""
    parser = _Forms()
    parser.feed(response.text)
    assert len(parser.forms) == 1, response.text
    form = parser.forms[0]
    form["action"] = urljoin(response.url, form["action"])
    return form


def sign_in(session: requests.Session, login_page: requests.Response, email: str) -> requests.Response:
    """Type ``email`` in the field "Email" and press "Sign in"."""
    form = form_on(login_page)
    assert "Email" in form["labels"]
    assert form["buttons"] == ["Sign in"]
    return session.post(form["action"], data={**form["fields"], "email": email}, allow_redirects=False, timeout=10)


def follow_until(session: requests.Session, response: requests.Response, prefix: str) -> str:
    """Follow the IdP's redirects until one leaves for ``prefix`` (the relying party, which is not running)."""
    for _ in range(10):
        location = urljoin(response.url, response.headers["Location"])
        if location.startswith(prefix):
            return location
        response = session.get(location, allow_redirects=False, timeout=10)
        assert response.status_code in {302, 303}, response.text
    raise AssertionError("too many redirects")


# OpenID Connect


def pkce() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    return verifier, challenge


@pytest.mark.parametrize("auth_method", ["client_secret_post", "client_secret_basic"])
def test_oidc_code_flow_gives_an_id_token_and_userinfo_with_the_email(auth_method):
    with oidc_provider(redirect_uris=[CALLBACK], accounts=[ADA, GRACE], token_endpoint_auth_method=auth_method) as op:
        # given the provider's discovery document
        discovery = requests.get(op.well_known_url, timeout=10).json()
        assert discovery["issuer"] == op.issuer
        assert {"client_secret_post", "client_secret_basic"} <= set(discovery["token_endpoint_auth_methods_supported"])
        assert "S256" in discovery["code_challenge_methods_supported"]

        # when the user is sent to authorize, as allauth does it, and signs in as Grace
        session = requests.Session()
        verifier, challenge = pkce()
        login_page = session.get(discovery["authorization_endpoint"], timeout=10, params={
            "client_id": op.client_id, "redirect_uri": CALLBACK, "scope": "openid profile email",
            "response_type": "code", "state": "the-state", "code_challenge": challenge,
            "code_challenge_method": "S256",
        })  # fmt: skip
        back = parse_qs(urlparse(follow_until(session, sign_in(session, login_page, GRACE.email), CALLBACK)).query)
        assert back["state"] == ["the-state"]

        # and the relying party exchanges the code
        data = {"grant_type": "authorization_code", "code": back["code"][0], "redirect_uri": CALLBACK,
                "code_verifier": verifier}  # fmt: skip
        if auth_method == "client_secret_post":
            data |= {"client_id": op.client_id, "client_secret": op.client_secret}
            auth = None
        else:
            auth = (op.client_id, op.client_secret)
        token = requests.post(discovery["token_endpoint"], data=data, auth=auth, timeout=10)

        # then the id_token, signed with a key of the provider's JWKS, says who signed in
        assert token.status_code == 200, token.text
        id_token = token.json()["id_token"]
        key = jwt.PyJWKClient(discovery["jwks_uri"]).get_signing_key_from_jwt(id_token)
        claims = jwt.decode(id_token, key.key, algorithms=["RS256"], audience=op.client_id, issuer=op.issuer)
        assert (claims["sub"], claims["email"], claims["email_verified"]) == ("grace@lejre", "grace@example.org", False)
        assert (claims["given_name"], claims["family_name"], claims["name"]) == ("Grace", "Hopper", "Grace Hopper")
        # and so does the userinfo endpoint, which allauth asks by default
        headers = {"Authorization": f"Bearer {token.json()['access_token']}"}
        userinfo = requests.get(discovery["userinfo_endpoint"], headers=headers, timeout=10).json()
        assert userinfo["email"] == "grace@example.org"


def test_oidc_token_endpoint_refuses_a_wrong_secret_and_a_wrong_verifier():
    with oidc_provider(redirect_uris=[CALLBACK], accounts=[ADA]) as op:
        discovery = requests.get(op.well_known_url, timeout=10).json()

        def code() -> str:
            session = requests.Session()
            login_page = session.get(discovery["authorization_endpoint"], timeout=10, params={
                "client_id": op.client_id, "redirect_uri": CALLBACK, "scope": "openid profile email",
                "response_type": "code", "code_challenge": challenge, "code_challenge_method": "S256",
            })  # fmt: skip
            return parse_qs(urlparse(follow_until(session, sign_in(session, login_page, ADA.email), CALLBACK)).query)[
                "code"
            ][0]

        verifier, challenge = pkce()
        data = {"grant_type": "authorization_code", "redirect_uri": CALLBACK, "client_id": op.client_id}
        wrong_secret = requests.post(discovery["token_endpoint"], timeout=10, data=data | {
            "code": code(), "client_secret": "not-the-secret", "code_verifier": verifier})  # fmt: skip
        wrong_verifier = requests.post(discovery["token_endpoint"], timeout=10, data=data | {
            "code": code(), "client_secret": op.client_secret, "code_verifier": pkce()[0]})  # fmt: skip

        assert (wrong_secret.status_code, wrong_secret.json()["error"]) == (401, "invalid_client")
        assert (wrong_verifier.status_code, wrong_verifier.json()["error"]) == (400, "invalid_grant")


def test_oidc_login_page_says_so_when_no_account_has_the_email():
    with oidc_provider(redirect_uris=[CALLBACK], accounts=[ADA]) as op:
        discovery = requests.get(op.well_known_url, timeout=10).json()
        session = requests.Session()
        login_page = session.get(discovery["authorization_endpoint"], timeout=10, params={
            "client_id": op.client_id, "redirect_uri": CALLBACK, "scope": "openid profile email",
            "response_type": "code",
        })  # fmt: skip

        again = sign_in(session, login_page, "nobody@example.org")

        assert again.status_code == 200
        assert "No account has that email." in again.text
        assert form_on(again)["buttons"] == ["Sign in"]


# SAML 2.0


def pysaml2_sp(metadata: str) -> Saml2Client:
    config = SPConfig()
    config.load({
        "entityid": SP_ENTITY_ID,
        "service": {"sp": {
            "endpoints": {"assertion_consumer_service": [(ACS, BINDING_HTTP_POST)]},
            "want_response_signed": True,
            "want_assertions_signed": True,
        }},
        "metadata": {"inline": [metadata]},
    })  # fmt: skip
    return Saml2Client(config)


def saml_response_after_sign_in(idp_url: str, email: str) -> dict[str, str]:
    """Follow the SP's redirect to the IdP, sign in, and take the form the IdP's page posts to the ACS."""
    session = requests.Session()
    login_page = session.get(idp_url, timeout=10)
    answer = sign_in(session, login_page, email)
    form = form_on(answer)
    assert form["action"] == ACS
    return form["fields"]


def test_saml_pysaml2_sp_gets_the_users_attributes():
    with saml_idp(accounts=[ADA, GRACE]) as idp:
        # given an SP that knows the IdP from its metadata
        sp = pysaml2_sp(requests.get(idp.metadata_url, timeout=10).text)
        request_id, redirect = sp.prepare_for_authenticate(entityid=idp.entity_id, relay_state="/next/")

        # when the user signs in as Ada at the IdP
        fields = saml_response_after_sign_in(dict(redirect["headers"])["Location"], ADA.email)

        # then the SP takes the signed response, with Ada's attributes
        assert fields["RelayState"] == "/next/"
        response = sp.parse_authn_request_response(fields["SAMLResponse"], BINDING_HTTP_POST,
                                                   outstanding={request_id: "/next/"})  # fmt: skip
        assert response.ava == {"subject-id": ["ada@lejre"], "mail": ["ada@example.org"], "givenName": ["Ada"],
                                "sn": ["Lovelace"], "displayName": ["Ada Lovelace"]}  # fmt: skip
        assert response.name_id.text == "ada@example.org"


@pytest.mark.parametrize("mode", ["bad_signature", "unsigned", "wrong_audience", "unknown_issuer"])
def test_saml_pysaml2_sp_refuses_a_misbehaving_idp(mode):
    with saml_idp(accounts=[ADA], mode=mode) as idp:
        sp = pysaml2_sp(requests.get(idp.metadata_url, timeout=10).text)
        request_id, redirect = sp.prepare_for_authenticate(entityid=idp.entity_id)

        fields = saml_response_after_sign_in(dict(redirect["headers"])["Location"], ADA.email)

        with pytest.raises(Exception):  # noqa: B017, PT011 - pysaml2 raises several kinds, all of them a refusal
            sp.parse_authn_request_response(fields["SAMLResponse"], BINDING_HTTP_POST, outstanding={request_id: "/"})


def onelogin_settings(idp) -> dict:
    """python3-saml's settings as allauth's saml provider builds them from ``idp.metadata_url``, with its defaults."""
    return {
        "strict": True,
        "security": {"wantAssertionsSigned": False, "wantMessagesSigned": False, "rejectDeprecatedAlgorithm": True,
                     "allowSingleLabelDomains": False, "wantNameId": False, "wantAttributeStatement": True},
        "idp": OneLogin_Saml2_IdPMetadataParser.parse_remote(idp.metadata_url, entity_id=idp.entity_id)["idp"],
        "sp": {"entityId": SP_ENTITY_ID,
               "assertionConsumerService": {"url": ACS, "binding": "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"}},
    }  # fmt: skip


def onelogin_request(post_data: dict | None = None) -> dict:
    return {"https": "off", "http_host": "127.0.0.1:8123", "script_name": "", "path_info": ACS_PATH,
            "get_data": {}, "post_data": post_data or {}}  # fmt: skip


@pytest.mark.parametrize(
    ("mode", "error"),
    [
        ("good", None),
        ("bad_signature", "Signature validation failed. SAML Response rejected"),
        ("unsigned", "No Signature found. SAML Response rejected"),
        ("wrong_audience", f"{SP_ENTITY_ID} is not a valid audience for this Response"),
        (
            "unknown_issuer",
            "Invalid issuer in the Assertion/Response (expected {idp.entity_id}, got {idp.base_url}/unknown-idp)",
        ),
    ],
)
def test_saml_python3_saml_as_allauth_uses_it(mode, error):
    with saml_idp(accounts=[ADA], mode=mode) as idp:
        settings = onelogin_settings(idp)
        assert settings["idp"]["singleSignOnService"]["url"] == idp.sso_url
        login_url = OneLogin_Saml2_Auth(onelogin_request(), settings).login(return_to="")

        fields = saml_response_after_sign_in(login_url, ADA.email)

        auth = OneLogin_Saml2_Auth(onelogin_request(fields), settings)
        auth.process_response(request_id=None)
        if error is None:
            assert auth.get_errors() == []
            assert auth.is_authenticated()
            assert auth.get_attributes() == {
                "urn:oasis:names:tc:SAML:attribute:subject-id": ["ada@lejre"],
                "urn:oid:0.9.2342.19200300.100.1.3": ["ada@example.org"],
                "urn:oid:2.5.4.42": ["Ada"],
                "urn:oid:2.5.4.4": ["Lovelace"],
                "urn:oid:2.16.840.1.113730.3.1.241": ["Ada Lovelace"],
            }
            assert (auth.get_nameid(), auth.get_nameid_format()) == (
                "ada@example.org",
                "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress",
            )
        else:
            assert auth.get_errors() == ["invalid_response"]
            assert auth.get_last_error_reason() == error.format(idp=idp)
            assert not auth.is_authenticated()


def test_saml_mode_may_change_between_logins_and_an_unknown_email_is_refused():
    with saml_idp(accounts=[ADA]) as idp:
        settings = onelogin_settings(idp)
        idp.mode = "bad_signature"
        login_url = OneLogin_Saml2_Auth(onelogin_request(), settings).login(return_to="")
        session = requests.Session()

        again = sign_in(session, session.get(login_url, timeout=10), "nobody@example.org")

        assert "No account has that email." in again.text
        fields = form_on(sign_in(session, again, ADA.email))["fields"]
        auth = OneLogin_Saml2_Auth(onelogin_request(fields), settings)
        auth.process_response(request_id=None)
        assert auth.get_last_error_reason() == "Signature validation failed. SAML Response rejected"


# Missing tools


@pytest.mark.parametrize("start", [lambda: oidc_provider(redirect_uris=[CALLBACK], accounts=[ADA]),
                                   lambda: saml_idp(accounts=[ADA])])  # fmt: skip
def test_a_missing_tool_skips_the_test_or_fails_it_under_ci(start, monkeypatch):
    monkeypatch.setattr("shutil.which", lambda name: None)
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="is not installed"), start():
        pass
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI is set, so this is a failure and not a skip"), start():
        pass
