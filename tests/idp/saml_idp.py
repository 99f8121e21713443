"""A small SAML 2.0 identity provider for tests, built on pysaml2 and served by wsgiref on 127.0.0.1.

It serves its metadata, takes AuthnRequests by HTTP-Redirect at its SSO URL, shows a login form (a field "Email" and a
button "Sign in"), and answers the SP's assertion consumer service by HTTP-POST with a signed Response and Assertion.

``mode`` makes it misbehave in the ways a relying party must refuse:

- ``"good"``: signed with the key whose certificate its metadata publishes;
- ``"bad_signature"``: signed with another key (the Signature's KeyInfo carries that key's certificate);
- ``"unsigned"``: neither the Response nor the Assertion signed;
- ``"wrong_audience"``: the Assertion's Audience is another SP's entity id;
- ``"unknown_issuer"``: Issuer is an entity id that no metadata names (signed with the published key).

Start it through ``tests.idp.saml_idp``; the mode may be changed on the running IdP between logins.
"""

from __future__ import annotations

import base64
import datetime
import html
import threading
from dataclasses import dataclass, field
from pathlib import Path
from socketserver import ThreadingMixIn
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from saml2 import BINDING_HTTP_REDIRECT
from saml2.config import IdPConfig
from saml2.metadata import create_metadata_string
from saml2.saml import NAME_FORMAT_URI, NAMEID_FORMAT_EMAILADDRESS, NameID
from saml2.server import Server
from saml2.xmldsig import DIGEST_SHA256, SIG_RSA_SHA256

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from . import Account

MODES = ("good", "bad_signature", "unsigned", "wrong_audience", "unknown_issuer")
WRONG_AUDIENCE = "https://another-sp.example/saml/metadata/"


@dataclass(frozen=True)
class KeyPair:
    key_path: Path
    cert_path: Path
    cert_pem: str


def key_pair(directory: Path, name: str, *, common_name: str) -> KeyPair:
    """A fresh RSA key and a self-signed certificate for it, written as PEM files in ``directory``."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = datetime.datetime.now(tz=datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    key_path, cert_path = directory / f"{name}.key", directory / f"{name}.crt"
    key_path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    cert_pem = cert.public_bytes(serialization.Encoding.PEM).decode()
    cert_path.write_text(cert_pem)
    return KeyPair(key_path=key_path, cert_path=cert_path, cert_pem=cert_pem)


def idp_config(*, entity_id: str, sso_url: str, keys: KeyPair, xmlsec_binary: str) -> IdPConfig:
    config = IdPConfig()
    config.load(
        {
            "entityid": entity_id,
            "service": {
                "idp": {
                    "name": "Test IdP",
                    "endpoints": {"single_sign_on_service": [(sso_url, BINDING_HTTP_REDIRECT)]},
                    "name_id_format": [NAMEID_FORMAT_EMAILADDRESS],
                    "want_authn_requests_signed": False,
                    "policy": {"default": {"lifetime": {"minutes": 5}, "name_form": NAME_FORMAT_URI}},
                },
            },
            "key_file": str(keys.key_path),
            "cert_file": str(keys.cert_path),
            "xmlsec_binary": xmlsec_binary,
            "metadata": {},
        }
    )
    return config


@dataclass
class SamlIdpApp:
    """The WSGI application. ``published`` is the key pair in the metadata; ``other`` signs in ``bad_signature``."""

    base_url: str
    accounts: list[Account]
    published: KeyPair
    other: KeyPair
    xmlsec_binary: str
    mode: str = "good"
    responses: list[str] = field(default_factory=list)  # each SAMLResponse sent, decoded, for a test to look into
    _servers: dict[str, Server] = field(default_factory=dict, repr=False)

    @property
    def cert_pem(self) -> str:
        return self.published.cert_pem

    @property
    def entity_id(self) -> str:
        return f"{self.base_url}/metadata"

    @property
    def metadata_url(self) -> str:
        return f"{self.base_url}/metadata"

    @property
    def sso_url(self) -> str:
        return f"{self.base_url}/sso"

    def server(self, mode: str) -> Server:
        if mode not in self._servers:
            self._servers[mode] = self._new_server(mode)
        return self._servers[mode]

    def _new_server(self, mode: str) -> Server:
        entity_id = f"{self.base_url}/unknown-idp" if mode == "unknown_issuer" else self.entity_id
        keys = self.other if mode == "bad_signature" else self.published
        return Server(config=idp_config(entity_id=entity_id, sso_url=self.sso_url, keys=keys,
                                        xmlsec_binary=self.xmlsec_binary))  # fmt: skip

    def metadata(self) -> str:
        config = idp_config(entity_id=self.entity_id, sso_url=self.sso_url, keys=self.published,
                            xmlsec_binary=self.xmlsec_binary)  # fmt: skip
        return create_metadata_string("", config=config, valid=24).decode()

    def __call__(self, environ: dict[str, Any], start_response: Callable) -> Iterable[bytes]:
        path, method = environ.get("PATH_INFO", ""), environ["REQUEST_METHOD"]
        if path == "/metadata" and method == "GET":
            return self._respond(start_response, self.metadata(), content_type="application/samlmetadata+xml")
        if path == "/autosubmit.js" and method == "GET":
            script = "document.getElementById('saml-post').submit();\n"
            return self._respond(start_response, script, content_type="text/javascript")
        if path == "/sso" and method == "GET":
            query = {key: values[0] for key, values in parse_qs(environ.get("QUERY_STRING", "")).items()}
            return self._login_form(start_response, query.get("SAMLRequest", ""), query.get("RelayState", ""))
        if path == "/sso" and method == "POST":
            size = int(environ.get("CONTENT_LENGTH") or 0)
            form = {key: values[0] for key, values in parse_qs(environ["wsgi.input"].read(size).decode()).items()}
            return self._sign_in(start_response, form)
        return self._respond(start_response, "Not found", status="404 Not Found", content_type="text/plain")

    def _login_form(
        self, start_response: Callable, saml_request: str, relay_state: str, error: str = ""
    ) -> list[bytes]:
        try:
            self.server("good").parse_authn_request(saml_request, BINDING_HTTP_REDIRECT)
        except Exception as exc:  # noqa: BLE001 - any failure to read the request is the SP's bad request
            return self._respond(start_response, page("Bad request", f"<p>{html.escape(str(exc))}</p>"),
                                 status="400 Bad Request")  # fmt: skip
        body = (
            (f'<p role="alert">{html.escape(error)}</p>' if error else "")
            + f'<form method="post" action="{html.escape(self.sso_url)}">'
            f'<input type="hidden" name="SAMLRequest" value="{html.escape(saml_request)}">'
            f'<input type="hidden" name="RelayState" value="{html.escape(relay_state)}">'
            '<p><label for="email">Email</label> '
            '<input id="email" name="email" type="email" autocomplete="username"></p>'
            '<p><button type="submit">Sign in</button></p></form>'
        )
        return self._respond(start_response, page("Sign in", body))

    def _sign_in(self, start_response: Callable, form: dict[str, str]) -> list[bytes]:
        saml_request, relay_state = form.get("SAMLRequest", ""), form.get("RelayState", "")
        email = form.get("email", "").strip().lower()
        account = next((account for account in self.accounts if account.email.lower() == email), None)
        if account is None:
            return self._login_form(start_response, saml_request, relay_state, error="No account has that email.")
        mode = self.mode
        server = self.server(mode)
        request = server.parse_authn_request(saml_request, BINDING_HTTP_REDIRECT).message
        acs_url = request.assertion_consumer_service_url
        sp_entity_id = request.issuer.text
        audience = WRONG_AUDIENCE if mode == "wrong_audience" else sp_entity_id
        self._trust(server, audience, acs_url)
        signed = mode != "unsigned"
        response = server.create_authn_response(
            identity={
                "subject-id": [account.sub],
                "mail": [account.email],
                "givenName": [account.given_name],
                "sn": [account.family_name],
                "displayName": [account.name],
            },
            in_response_to=request.id,
            destination=acs_url,
            sp_entity_id=audience,
            name_id=NameID(format=NAMEID_FORMAT_EMAILADDRESS, text=account.email),
            authn={"class_ref": "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"},
            sign_response=signed,
            sign_assertion=signed,
            sign_alg=SIG_RSA_SHA256,
            digest_alg=DIGEST_SHA256,
        )
        self.responses.append(str(response))
        value = base64.b64encode(str(response).encode()).decode()
        body = (
            f'<form id="saml-post" method="post" action="{html.escape(acs_url)}">'
            f'<input type="hidden" name="SAMLResponse" value="{value}">'
            f'<input type="hidden" name="RelayState" value="{html.escape(relay_state)}">'
            '<noscript><button type="submit">Continue</button></noscript></form>'
            '<script src="/autosubmit.js"></script>'
        )
        return self._respond(start_response, page("Signing in", body))

    @staticmethod
    def _trust(server: Server, sp_entity_id: str, acs_url: str) -> None:
        """pysaml2 answers only SPs in its metadata: this IdP trusts any SP, at the ACS URL its request names."""
        if sp_entity_id in server.metadata.keys():  # noqa: SIM118 - a MetadataStore, which has no __contains__
            return
        server.metadata.load(
            "inline",
            '<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" '
            f'entityID="{html.escape(sp_entity_id)}">'
            '<md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">'
            '<md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" '
            f'Location="{html.escape(acs_url)}" index="0"/></md:SPSSODescriptor></md:EntityDescriptor>',
        )

    @staticmethod
    def _respond(start_response: Callable, text: str, *, status: str = "200 OK",
                 content_type: str = "text/html") -> list[bytes]:  # fmt: skip
        data = text.encode()
        start_response(status, [("Content-Type", f"{content_type}; charset=utf-8"), ("Content-Length", str(len(data))),
                                ("Cache-Control", "no-store")])  # fmt: skip
        return [data]


def page(title: str, body: str) -> str:
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)} - Test IdP</title>'
        f"</head><body><main><h1>{html.escape(title)}</h1>{body}</main></body></html>"
    )


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the parent's name
        pass


def serve(app_for: Callable[[str], SamlIdpApp]) -> tuple[WSGIServer, SamlIdpApp]:
    """Listen on a free port of 127.0.0.1 and serve ``app_for(base_url)`` from a daemon thread."""
    holder: dict[str, SamlIdpApp] = {}
    server = make_server("127.0.0.1", 0, lambda environ, start: holder["app"](environ, start),
                         server_class=_ThreadingServer, handler_class=_QuietHandler)  # fmt: skip
    holder["app"] = app = app_for(f"http://127.0.0.1:{server.server_port}")
    threading.Thread(target=server.serve_forever, name="saml-idp", daemon=True).start()
    return server, app
