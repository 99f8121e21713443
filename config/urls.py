from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from accounts import views as accounts_views
from api import pages as api_pages
from core.views import accessibility_statement, favicon, healthz
from home import urls as home_urls
from initiatives import urls as initiative_urls
from privacy import views as privacy_views

# The initiative's own pages and those of home that gather from other apps share the "initiatives" namespace.
initiative_patterns = [*home_urls.initiative_urlpatterns, *initiative_urls.urlpatterns]

# The admin logs in through the same form as everyone, with its lockout and second factor.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]

urlpatterns = [
    path("", include((home_urls.site_urlpatterns, "core"))),
    path("i/<slug:slug>/", include((initiative_patterns, initiative_urls.app_name))),
    path("i/<slug:slug>/alliance/", include("alliance.urls")),
    path("i/<slug:slug>/activities/", include("activities.urls")),
    path("i/<slug:slug>/indicators/", include("measurement.urls")),
    path("i/<slug:slug>/evaluation/", include("evaluation.urls")),
    path("", include("dashboards.urls")),
    path("i/<slug:slug>/reports/", include("reports.urls")),
    path("i/<slug:slug>/search/", include("search.urls")),
    path("i/<slug:slug>/access/", include("accounts.access_urls")),
    path("i/<slug:slug>/privacy/", include("privacy.urls")),
    # Accounts: the invitations' pages, then allauth's (login, password, second factor, single sign-on).
    path("accounts/", include("accounts.urls")),
    # One's own notifications, their settings, and the one-click unsubscribe of the mails.
    path("notifications/", include("notifications.urls")),
    # The REST API and its description (api/urls.py); one's own access tokens; the API's documentation page.
    # (the reference before the API's own addresses: any other address under /api/ is the API's 404)
    path("api/docs/", api_pages.docs, name="api_docs"),
    path("api/", include("api.urls")),
    path("tokens/", api_pages.token_list, name="access_tokens"),
    path("tokens/<int:pk>/revoke/", api_pages.token_revoke, name="access_token_revoke"),
    # A site administrator's page (staff only): a new initiative and the invitation of its first secretariat.
    path("site/initiatives/new/", accounts_views.initiative_start_view, name="initiative_start"),
    path("site/personal-data/", privacy_views.records, name="privacy_records"),
    path(
        "site/initiatives/<slug:slug>/invite/",
        accounts_views.initiative_secretariat_invite_view,
        name="initiative_secretariat_invite",
    ),
    # Anyone may choose a language, on the login page too.
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    # The accessibility statement, linked from every page's footer; the law wants it open to anyone.
    path("accessibility/", accessibility_statement, name="accessibility"),
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", favicon, name="favicon"),
    path("admin/", admin.site.urls),
]

# A request the server cannot read (too large, malformed) answers with the platform's page, not Django's bare one
# (in JSON for the API).
handler400 = "api.errors.bad_request"
