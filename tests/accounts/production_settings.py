"""The production settings, but with static files straight from the finders: a test that runs gunicorn on them to
read their cookies needs no collectstatic (the image build's test runs that, tests/core/test_production.py)."""

from config.settings.production import *  # noqa: F403

WHITENOISE_USE_FINDERS = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
