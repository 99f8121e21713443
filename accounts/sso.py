"""Single sign-on from the environment: django-allauth's ``SOCIALACCOUNT_PROVIDERS`` for one OpenID Connect provider
(Microsoft Entra ID, say) and one SAML 2.0 identity provider (KOMBIT's context handler, say). The README's "Single
sign-on" shows both. With none of the variables set there is no provider and no sign-on button.

The settings import this module, so it imports no app and no model: plain functions of a mapping (``os.environ``).
"""

from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

# OIOSAML 3's attribute names (the "professional" profile that KOMBIT's context handler issues, OIOSAML3 with NSIS).
# Check them against the attributes your IdP's metadata and test assertions carry; SAML_ATTRIBUTE_<KEY> overrides one.
OIOSAML3_ATTRIBUTES = {
    "uid": "https://data.gov.dk/model/core/eid/professional/uuid/persistent",
    "email": "https://data.gov.dk/model/core/eid/email",
    "first_name": "https://data.gov.dk/model/core/eid/firstName",
    "last_name": "https://data.gov.dk/model/core/eid/lastName",
}
# OIOSAML 3 asks for a persistent NameID; the uid above comes from an attribute, so the format matters little.
PERSISTENT_NAME_ID = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent"

OIDC_REQUIRED = ("OIDC_SERVER_URL", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET")
SAML_REQUIRED = ("SAML_IDP_ENTITY_ID",)
WELL_KNOWN = "/.well-known/openid-configuration"


def _value(environ: Mapping[str, str], name: str, default: str = "") -> str:
    return environ.get(name, "").strip() or default


def _flag(environ: Mapping[str, str], name: str, *, default: bool) -> bool:
    value = _value(environ, name).lower()
    if not value:
        return default
    if value in {"true", "1", "yes", "on"}:
        return True
    if value in {"false", "0", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def _email_trust(environ: Mapping[str, str], name: str) -> bool | list[str] | None:
    """allauth's ``verified_email``: true (the IdP vouches for every address it sends), false, or the domains
    (``kommune.dk,lejre.dk``) whose addresses it vouches for. None when unset: then the IdP's own claim decides."""
    value = _value(environ, name)
    if not value:
        return None
    if value.lower() in {"true", "1", "yes", "on", "false", "0", "no", "off"}:
        return _flag(environ, name, default=False)
    return [domain.strip().lower() for domain in value.split(",") if domain.strip()]


def _pem(environ: Mapping[str, str], name: str) -> str:
    """A PEM key or certificate, given as its text or as the path of a file that holds it."""
    value = _value(environ, name)
    if not value or value.startswith("-----BEGIN"):
        return value.replace("\\n", "\n")
    path = Path(value)
    if not path.is_file():
        raise ImproperlyConfigured(f"{name} is neither PEM text nor the path of a file: {value}")
    return path.read_text()


def _missing(environ: Mapping[str, str], names: tuple[str, ...]) -> list[str]:
    return [name for name in names if not _value(environ, name)]


def oidc_app(environ: Mapping[str, str]) -> dict | None:
    """The OpenID Connect provider, or None when none of OIDC_* is set."""
    if not any(_value(environ, name) for name in OIDC_REQUIRED):
        return None
    if missing := _missing(environ, OIDC_REQUIRED):
        raise ImproperlyConfigured(f"OpenID Connect sign-on needs {', '.join(missing)} as well")
    server_url = _value(environ, "OIDC_SERVER_URL").removesuffix(WELL_KNOWN).rstrip("/")
    settings: dict = {
        "server_url": server_url,
        "oauth_pkce_enabled": True,
        # The ID token's issuer must be the one configured here, not whatever the discovery document says
        # (OpenID Connect Discovery 1.0, 4.3): a document that names another issuer cannot sign people on.
        "openid_configuration_overrides": {"issuer": _value(environ, "OIDC_ISSUER", server_url)},
    }
    if method := _value(environ, "OIDC_TOKEN_AUTH_METHOD"):
        settings["token_auth_method"] = method
    if (trust := _email_trust(environ, "OIDC_EMAIL_VERIFIED")) is not None:
        settings["verified_email"] = trust
    return {
        "provider_id": _value(environ, "OIDC_PROVIDER_ID", "oidc"),
        "name": _value(environ, "OIDC_NAME", "OpenID Connect"),
        "client_id": _value(environ, "OIDC_CLIENT_ID"),
        "secret": _value(environ, "OIDC_CLIENT_SECRET"),
        "settings": settings,
    }


def saml_app(environ: Mapping[str, str]) -> dict | None:
    """The SAML 2.0 identity provider, or None when SAML_IDP_ENTITY_ID is not set."""
    names = (*SAML_REQUIRED, "SAML_IDP_METADATA_URL", "SAML_IDP_SSO_URL", "SAML_IDP_X509CERT")
    if not any(_value(environ, name) for name in names):
        return None
    if missing := _missing(environ, SAML_REQUIRED):
        raise ImproperlyConfigured(f"SAML sign-on needs {', '.join(missing)} as well")
    idp: dict = {"entity_id": _value(environ, "SAML_IDP_ENTITY_ID")}
    if metadata_url := _value(environ, "SAML_IDP_METADATA_URL"):
        idp["metadata_url"] = metadata_url
    elif _value(environ, "SAML_IDP_SSO_URL") and _value(environ, "SAML_IDP_X509CERT"):
        idp["sso_url"] = _value(environ, "SAML_IDP_SSO_URL")
        idp["x509cert"] = _pem(environ, "SAML_IDP_X509CERT")
    else:
        raise ImproperlyConfigured(
            "SAML sign-on needs SAML_IDP_METADATA_URL, or SAML_IDP_SSO_URL and SAML_IDP_X509CERT."
        )
    advanced: dict = {
        # The assertion must be signed by the key the IdP's metadata publishes (OIOSAML 3 signs the assertion); the
        # response around it too if SAML_WANT_MESSAGE_SIGNED is set.
        "want_assertion_signed": True,
        "want_message_signed": _flag(environ, "SAML_WANT_MESSAGE_SIGNED", default=False),
        "name_id_format": _value(environ, "SAML_NAME_ID_FORMAT", PERSISTENT_NAME_ID),
        "reject_idp_initiated_sso": True,
    }
    certificate, private_key = _pem(environ, "SAML_SP_X509CERT"), _pem(environ, "SAML_SP_PRIVATE_KEY")
    if bool(certificate) != bool(private_key):
        raise ImproperlyConfigured("SAML_SP_X509CERT and SAML_SP_PRIVATE_KEY go together")
    if certificate:
        # The service provider's key signs its requests (KOMBIT requires it, with an OCES3 certificate) and
        # decrypts encrypted assertions.
        advanced |= {"x509cert": certificate, "private_key": private_key, "authn_request_signed": True}
    settings: dict = {
        "attribute_mapping": {
            key: _value(environ, f"SAML_ATTRIBUTE_{key.upper()}", default)
            for key, default in OIOSAML3_ATTRIBUTES.items()
        },
        "idp": idp,
        "advanced": advanced,
        # The addresses of a municipality's own IdP are its directory's: vouched for unless SAML_EMAIL_VERIFIED says
        # false, or names the domains to trust.
        "verified_email": trust if (trust := _email_trust(environ, "SAML_EMAIL_VERIFIED")) is not None else True,
    }
    if entity_id := _value(environ, "SAML_SP_ENTITY_ID"):
        settings["sp"] = {"entity_id": entity_id}
    return {
        "name": _value(environ, "SAML_NAME", "SAML"),
        "client_id": _value(environ, "SAML_ORGANIZATION", "saml"),
        "settings": settings,
    }


def providers(environ: Mapping[str, str]) -> dict:
    """``SOCIALACCOUNT_PROVIDERS``: the providers the environment configures, none when it configures none."""
    found = {}
    if oidc := oidc_app(environ):
        found["openid_connect"] = {"APPS": [oidc]}
    if saml := saml_app(environ):
        found["saml"] = {"APPS": [saml]}
    return found


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def form_action_origins(environ: Mapping[str, str]) -> list[str]:
    """Where a sign-on button's form may lead: a strict ``form-action`` blocks a form's redirect to another site,
    so the identity providers' sites are added to it (and SSO_FORM_ACTION's, for an IdP whose login page is on
    another host than its metadata)."""
    urls = [_value(environ, "OIDC_SERVER_URL") if oidc_app(environ) else ""]
    if saml_app(environ):
        urls.append(_value(environ, "SAML_IDP_SSO_URL") or _value(environ, "SAML_IDP_METADATA_URL"))
    urls += [url.strip() for url in _value(environ, "SSO_FORM_ACTION").split(",")]
    return list(dict.fromkeys(_origin(url) for url in urls if url))
