"""Settings for the image's build steps (translations, collectstatic): the production static files storage and
nothing that only exists at run time. A build has no secret, no database and no broker, and needs none."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "build-time-only-never-serves-a-request"  # noqa: S105
