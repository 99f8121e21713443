"""The settings the benchmarks' server runs with: the test settings, plus two baseline views (bench/urls.py).

Database connections persist across requests, as in production (``CONN_MAX_AGE``), so that a request's time is
the page's work and not a new PostgreSQL connection.
"""

from config.settings.test import *  # noqa: F403
from config.settings.test import DATABASES

ROOT_URLCONF = "bench.urls"
DATABASES["default"]["CONN_MAX_AGE"] = 60
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
