"""What the single sign-on tests share: the local identity providers configured as an installation configures its
own, through the environment variables that accounts/sso.py reads."""

from django.core.cache import cache
from django.utils.csp import CSP

from accounts import sso
from tests.idp import Account

OIDC_ID = "test-oidc"
OIDC_NAME = "Test OpenID provider"
SAML_ORGANIZATION = "test-saml"
SAML_NAME = "Test SAML IdP"

ANNA = Account(sub="anna-at-lejre", email="a@kommune.dk", given_name="Anna", family_name="Andersen")
BO = Account(sub="bo-at-lejre", email="bo@kommune.dk", given_name="Bo", family_name="Berg")
# An address the provider does not vouch for (OpenID Connect's email_verified is false).
UNVERIFIED = Account(sub="ulla-at-lejre", email="ulla@kommune.dk", given_name="Ulla", family_name="Ulv",
                     email_verified=False)  # fmt: skip


def oidc_callback(base_url: str) -> str:
    return f"{base_url}/accounts/oidc/{OIDC_ID}/login/callback/"


def oidc_environ(op, **more: str) -> dict[str, str]:
    return {
        "OIDC_PROVIDER_ID": OIDC_ID,
        "OIDC_NAME": OIDC_NAME,
        "OIDC_SERVER_URL": op.issuer,
        "OIDC_CLIENT_ID": op.client_id,
        "OIDC_CLIENT_SECRET": op.client_secret,
        "OIDC_TOKEN_AUTH_METHOD": "client_secret_post",
    } | more


def saml_environ(idp, **more: str) -> dict[str, str]:
    """The test IdP speaks the attribute names of the SAML subject-id profile and eduPerson, not OIOSAML 3's: the
    SAML_ATTRIBUTE_* variables map them, as an installation maps its own IdP's."""
    return {
        "SAML_ORGANIZATION": SAML_ORGANIZATION,
        "SAML_NAME": SAML_NAME,
        "SAML_IDP_ENTITY_ID": idp.entity_id,
        "SAML_IDP_METADATA_URL": idp.metadata_url,
        "SAML_ATTRIBUTE_UID": "urn:oasis:names:tc:SAML:attribute:subject-id",
        "SAML_ATTRIBUTE_EMAIL": "urn:oid:0.9.2342.19200300.100.1.3",
        "SAML_ATTRIBUTE_FIRST_NAME": "urn:oid:2.5.4.42",
        "SAML_ATTRIBUTE_LAST_NAME": "urn:oid:2.5.4.4",
    } | more


def configure(settings, environ: dict[str, str]) -> None:
    """What config/settings/base.py makes of these variables, in the running settings (the live server's too). The
    SAML IdP's metadata is cached: a new IdP is read afresh. The live server speaks http."""
    settings.SOCIALACCOUNT_PROVIDERS = sso.providers(environ)
    settings.ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"  # the live server's: the callback URL must be exactly it
    settings.SECURE_CSP = settings.SECURE_CSP | {"form-action": [CSP.SELF, *sso.form_action_origins(environ)]}
    cache.clear()
