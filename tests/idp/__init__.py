"""Two real identity providers on 127.0.0.1 for tests that sign users on through django-allauth.

``oidc_provider(...)`` runs the npm package oidc-provider (``tests/idp/oidc_provider.mjs``) in a Node process;
``saml_idp(...)`` runs a pysaml2 IdP (``tests/idp/saml_idp.py``) in a thread. Both are context managers that pick a
free port, yield an object with the provider's addresses, and stop the provider on exit. Each shows a login page with a
field "Email" and a button "Sign in", where a user signs in as one of ``accounts`` by typing its email.

When Node, node_modules/oidc-provider or xmlsec1 is missing the test is skipped with the reason, or fails when the
environment variable CI is set, so that CI cannot pass by skipping.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import pytest

if TYPE_CHECKING:
    from .saml_idp import SamlIdpApp

ROOT = Path(__file__).resolve().parents[2]
OIDC_SCRIPT = Path(__file__).with_name("oidc_provider.mjs")


@dataclass
class Account:
    """A user of a test IdP; the OIDC provider gives these as claims, the SAML IdP as attributes and NameID."""

    sub: str
    email: str
    given_name: str = ""
    family_name: str = ""
    name: str = ""
    email_verified: bool = True

    def __post_init__(self) -> None:
        self.name = self.name or f"{self.given_name} {self.family_name}".strip()


@dataclass(frozen=True)
class OidcProvider:
    issuer: str
    client_id: str
    client_secret: str
    accounts: list[Account]

    @property
    def well_known_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"


def unavailable(reason: str) -> NoReturn:
    """Skip the test for a missing tool, or fail it under CI."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set, so this is a failure and not a skip)")
    pytest.skip(reason)


@contextmanager
def oidc_provider(
    *,
    redirect_uris: list[str],
    accounts: list[Account],
    client_id: str = "kpi-test-client",
    client_secret: str = "kpi-test-secret-that-is-long-enough-for-hs256",  # noqa: S107 - a test IdP's
    token_endpoint_auth_method: str = "client_secret_post",  # noqa: S107 - a method, not a secret
    timeout: float = 30,
) -> Iterator[OidcProvider]:
    """An OpenID Connect provider with one confidential client, for the authorization code flow (PKCE optional).

    ``token_endpoint_auth_method`` is ``client_secret_post`` or ``client_secret_basic``: the client may authenticate
    only that way at the token endpoint.
    """
    node = shutil.which("node")
    if node is None:
        unavailable("Node.js (node) is not installed")
    if not (ROOT / "node_modules" / "oidc-provider").is_dir():
        unavailable("node_modules/oidc-provider is not installed (npm install)")
    config = {
        "port": 0,
        "client_id": client_id,
        "client_secret": client_secret,
        "redirect_uris": redirect_uris,
        "token_endpoint_auth_method": token_endpoint_auth_method,
        "accounts": [asdict(account) for account in accounts],
    }
    with tempfile.TemporaryFile(mode="w+") as stderr:
        process = subprocess.Popen(  # noqa: S603 - our own script
            [node, str(OIDC_SCRIPT)],
            cwd=ROOT,
            env={**os.environ, "OIDC_PROVIDER_CONFIG": json.dumps(config)},
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
        )
        try:
            assert process.stdout is not None
            readable, _, _ = select.select([process.stdout], [], [], timeout)
            line = process.stdout.readline() if readable else ""
            if not line.startswith("{"):
                stderr.seek(0)
                raise RuntimeError(f"the OIDC provider did not start: {line!r}\n{stderr.read()}")
            ready = json.loads(line)
            yield OidcProvider(issuer=ready["issuer"], client_id=client_id, client_secret=client_secret,
                               accounts=accounts)  # fmt: skip
        finally:
            process.terminate()
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@contextmanager
def saml_idp(*, accounts: list[Account], mode: str = "good") -> Iterator[SamlIdpApp]:
    """A SAML 2.0 IdP; the object yielded has ``entity_id``, ``metadata_url``, ``sso_url``, ``cert_pem`` and a
    ``mode`` that may be changed between logins (see ``tests/idp/saml_idp.py`` for the modes)."""
    xmlsec_binary = shutil.which("xmlsec1")
    if xmlsec_binary is None:
        unavailable("xmlsec1 is not installed (apt-get install xmlsec1), and pysaml2 signs with it")
    from .saml_idp import MODES, SamlIdpApp, key_pair, serve

    assert mode in MODES, mode
    with tempfile.TemporaryDirectory(prefix="saml-idp-") as directory:
        published = key_pair(Path(directory), "idp", common_name="Test IdP")
        other = key_pair(Path(directory), "impostor", common_name="Test IdP")

        def app_for(base_url: str) -> SamlIdpApp:
            return SamlIdpApp(base_url=base_url, accounts=accounts, published=published, other=other,
                              xmlsec_binary=xmlsec_binary, mode=mode)  # fmt: skip

        server, app = serve(app_for)
        try:
            yield app
        finally:
            server.shutdown()
            server.server_close()
