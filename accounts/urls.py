"""Under /accounts/: the invitations' link, then allauth's pages for logging in, passwords, the second factor and
single sign-on. Taken one by one rather than ``allauth.urls``, which adds deprecated unnamed redirects, and
without the pages for managing e-mail addresses: a person's address is the one their invitation went to."""

from allauth.account import urls as account_urls
from allauth.mfa import urls as mfa_urls
from allauth.socialaccount import urls as socialaccount_urls
from allauth.urls import build_provider_urlpatterns
from django.urls import include, path

from . import views

# allauth's pages left out (see above).
LEFT_OUT = {"account_email", "account_email_verification_sent", "account_confirm_email"}

urlpatterns = [
    path("invitation/<str:key>/", views.invitation_open, name="invitation_open"),
    path("", include([pattern for pattern in account_urls.urlpatterns if pattern.name not in LEFT_OUT])),
    path("2fa/", include(mfa_urls)),
    path("3rdparty/", include(socialaccount_urls)),
    path("", include(build_provider_urlpatterns())),
]
