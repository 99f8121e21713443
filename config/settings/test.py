"""Settings for the test suite: the embedded default, or PostgreSQL and Redis when the environment says so."""

from .base import *  # noqa: F403
from .base import DATABASES, VAR_DIR, env

SECRET_KEY = "test-only-not-secret"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The manifest storage needs collectstatic; tests use plain storage.
# Static files straight from the finders, no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "test-media"
# No warm-up messages from every test's changes (the tests that check it turn it on).
DASHBOARD_WARM_UP = False
# Each test process's own memory, unless CI names Redis; tests clear it between tests (tests/conftest.py).
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}
# A worker process started by a test must reach the test database: on SQLite it is a file, not memory.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-db.sqlite3")}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "root": {"handlers": [], "level": env("LOG_LEVEL", default="WARNING")},
}
