"""Every URL pattern of the project, with what the authorisation walker needs to know about it.

A pattern is public (listed in PUBLIC), for any logged-in user (LOGIN_ONLY), for site administrators
(STAFF_ONLY), or an initiative page whose view
declares ``initiative_access`` through ``initiatives.permissions.initiative_view``. Path arguments are filled
from FILLERS; a pattern with an argument the walker cannot fill fails the suite, so that every new page is
covered.
"""

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import RegexPattern, RoutePattern

# No login needed.
PUBLIC = {
    "set_language",
    "healthz",
    "favicon",
    "accessibility",
    # accounts: the way in, for someone not logged in yet
    "invitation_open",
    "account_login",
    "account_logout",
    "account_inactive",
    "account_signup",
    "account_reset_password",
    "account_reset_password_done",
    "account_reset_password_from_key",
    "account_reset_password_from_key_done",
    "account_confirm_login_code",
    "mfa_authenticate",
    "socialaccount_login_cancelled",
    "socialaccount_signup",
    "saml_acs",
    "saml_finish_acs",
    "saml_sls",
    "saml_metadata",
    "saml_login",
    "openid_connect_login",
    "openid_connect_callback",
    # notifications: a mail's one-click unsubscribe, authenticated by its signed token alone
    "notifications:unsubscribe",
}
# Any logged-in user, not tied to one initiative.
LOGIN_ONLY = {
    "core:home",
    "dashboards:compare",
    "dashboards:compare_csv",
    # accounts: one's own password, second factor and sign-on connections
    "account_reauthenticate",
    "account_request_reauthentication_code",
    "account_confirm_reauthentication_code",
    "account_change_password",
    "account_set_password",
    "mfa_index",
    "mfa_reauthenticate",
    "mfa_activate_totp",
    "mfa_deactivate_totp",
    "mfa_view_recovery_codes",
    "mfa_generate_recovery_codes",
    "mfa_download_recovery_codes",
    "socialaccount_login_error",
    "socialaccount_connections",
    # notifications: one's own, and what one receives by mail
    "notifications:list",
    "notifications:settings",
    # the API: one's own access tokens, and the API's documentation page
    "access_tokens",
    "access_token_revoke",
    "api_docs",
}
# Site administrators only (``user.is_staff``): pages of the application, not of Django's admin. Anyone else gets
# 403.
STAFF_ONLY = {
    "initiative_start",
    "initiative_secretariat_invite",
    "privacy_records",
}
# Pages about one user's own object: another user of a role the page allows gets 403 there (a note is corrected by
# its author only). The walker's objects belong to the secretariat's user, who must get the page.
OWNER_ONLY = {"activities:log_update"}
# Django's admin guards itself (staff only); the walker checks that it does.
ADMIN_NAMESPACE = "admin"
# The REST API (api/urls.py) answers JSON and authenticates each request itself: it has a walker of its own.
API_NAMESPACE = "api"

# How to fill each path argument, from the page and the initiative whose objects go into the path. ``pk`` is
# an object of the model the page's view works on.
FILLERS: dict[str, Callable[["Page", object], object]] = {
    "slug": lambda page, initiative: initiative.slug,
    # an access token belongs to a user, not to an initiative: its revoke page (POST only) looks it up among the
    # user's own tokens, so any id serves the walker (tests/api test the revoke itself)
    "pk": lambda page, initiative: (
        1
        if page.name == "access_token_revoke"
        else page.model._default_manager.filter(initiative=initiative).earliest("pk").pk
    ),
    "meeting_pk": lambda page, initiative: initiative.meetings.earliest("pk").pk,
    "fmt": lambda page, initiative: "csv",
    "other_pk": lambda page, initiative: initiative.assessment_rounds.latest("pk").pk,
    "level": lambda page, initiative: "early",
    "chart": lambda page, initiative: "compare-activities" if page.name == "dashboards:compare_csv" else "activities",
    # accounts: a link's key that is not valid (the tests of accounts follow valid ones), the identity providers'
    # names in the README's examples
    "key": lambda page, initiative: "not-a-valid-key",
    "uidb36": lambda page, initiative: "1",
    "organization_slug": lambda page, initiative: "kombit",
    "provider_id": lambda page, initiative: "entra",
    # notifications: an unsubscribe token that is not valid (tests/notifications follow valid ones)
    "token": lambda page, initiative: "not-a-valid-token",
}
# The arguments that name an object (and so must not reach another initiative's objects).
OBJECT_ARGUMENTS = {"pk", "meeting_pk", "other_pk"}


@dataclass(frozen=True)
class Page:
    namespace: str
    name: str
    route: str
    callback: Callable
    arguments: tuple[str, ...]

    @property
    def view(self):
        """The view class of a class-based view, or the view function."""
        return getattr(self.callback, "view_class", self.callback)

    @property
    def access(self):
        return getattr(self.view, "initiative_access", None)

    @property
    def model(self):
        return getattr(self.view, "model", None)

    def url(self, *, slug_from, objects_from=None) -> str:
        """The page's address: ``slug`` from one initiative, any other argument from ``objects_from``."""
        objects_from = objects_from or slug_from
        kwargs = {}
        for argument in self.arguments:
            source = slug_from if argument == "slug" else objects_from
            kwargs[argument] = FILLERS[argument](self, source)
        return reverse(self.name, kwargs=kwargs)


def _walk(patterns, namespace: str = "", prefix: str = "", regex: bool = False) -> Iterator[Page]:
    for entry in patterns:
        route = prefix + str(entry.pattern)
        is_regex = regex or isinstance(entry.pattern, RegexPattern)
        if isinstance(entry, URLResolver):
            inner = ":".join(part for part in (namespace, entry.namespace) if part)
            yield from _walk(entry.url_patterns, inner, route, is_regex)
        elif isinstance(entry, URLPattern):
            name = ":".join(part for part in (namespace, entry.name) if part)
            if is_regex:
                arguments = tuple(re.compile(route.replace("^", "").replace("$", "")).groupindex)
            else:
                arguments = tuple(RoutePattern(route).converters)
            yield Page(namespace, name, route, entry.callback, arguments)


def all_pages() -> list[Page]:
    return list(_walk(get_resolver().url_patterns))


def project_pages() -> list[Page]:
    """Every pattern outside Django's admin and the API (which has its own walker)."""
    return [page for page in all_pages() if page.namespace.split(":")[0] not in (ADMIN_NAMESPACE, API_NAMESPACE)]


def initiative_pages() -> list[Page]:
    return [page for page in project_pages() if page.name not in PUBLIC | LOGIN_ONLY | STAFF_ONLY]


def html_pages(*, initiative, user) -> dict[str, str]:
    """The pages the user can open as HTML in Danish, each address with the HTML sent: the initiative's pages and
    the pages for any logged-in user (downloads, POST-only and refused pages left out)."""
    client = Client(headers={"accept-language": "da"})
    client.force_login(user)
    inside = initiative_pages()
    pages = {}
    for page in project_pages():
        if page not in inside and page.name not in LOGIN_ONLY:
            continue
        url = page.url(slug_from=initiative)
        response = client.get(url)
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            pages[url] = response.content.decode()
    return pages


def is_fragment(html: str) -> bool:
    """Whether the HTML is a piece that htmx swaps into a page (no document of its own)."""
    return not html.lstrip()[:15].lower().startswith("<!doctype html")
