from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from core.views import accessibility_statement, favicon, healthz
from home import urls as home_urls
from initiatives import urls as initiative_urls

# The initiative's own pages and those of home that gather from other apps share the "initiatives" namespace.
initiative_patterns = [*home_urls.initiative_urlpatterns, *initiative_urls.urlpatterns]

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
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    # Anyone may choose a language, on the login page too.
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    # The accessibility statement, linked from every page's footer; the law wants it open to anyone.
    path("accessibility/", accessibility_statement, name="accessibility"),
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", favicon, name="favicon"),
    path("admin/", admin.site.urls),
]
