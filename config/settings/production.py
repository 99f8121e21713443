"""Production: everything from the environment, secure by default. Used by docker-compose.yml and gunicorn."""

from .base import *  # noqa: F403
from .base import env, mailer

DEBUG = False
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
# Preloading is a commitment each installation makes for its own domain, not one the software makes for it.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
# Every cookie Secure, HttpOnly and SameSite, under a __Host- name: sent over HTTPS only, to this host only, for
# every path, and never settable by a sibling subdomain.
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
LANGUAGE_COOKIE_NAME = "__Host-language"
# Anyone who sees personal data has a second factor, unless the installation says otherwise.
MFA_REQUIRED_ROLES = env.list("MFA_REQUIRED_ROLES", default=["secretariat", "evaluator"])
# The links in mails: the site's first host name, unless SITE_URL says otherwise.
SITE_URL = env("SITE_URL", default=f"https://{ALLOWED_HOSTS[0]}" if ALLOWED_HOSTS else "")
# Mail leaves through the installation's SMTP server.
MAILERS = {"default": mailer(env("EMAIL_URL"))}
DATABASES = {"default": env.db("DATABASE_URL")}
# The web and the workers must share a broker: no filesystem fallback in production.
CELERY_BROKER_URL = env("CELERY_BROKER_URL")
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
