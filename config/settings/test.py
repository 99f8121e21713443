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
# The suite runs in parallel processes (pytest-xdist): each clears the cache between its tests, so on Redis each
# process has a database of its own (15 for the first, 13 for the second, …; 14 is CI's broker).
_PROCESS = env("PYTEST_XDIST_WORKER", default="gw0").removeprefix("gw")
if CACHES["default"]["BACKEND"].endswith("RedisCache") and _PROCESS.isdigit() and int(_PROCESS):
    _server, _, _number = CACHES["default"]["LOCATION"].rpartition("/")
    CACHES["default"]["LOCATION"] = f"{_server}/{int(_number) - 2 * int(_PROCESS)}"
# A worker process started by a test must reach the test database: on SQLite it is a file, not memory.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-db.sqlite3")}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "root": {"handlers": [], "level": env("LOG_LEVEL", default="WARNING")},
}
# The test server and the live server speak plain HTTP: the links in mails (password reset) must too.
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"
