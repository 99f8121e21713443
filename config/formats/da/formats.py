"""Danish formats where Django's differ from how the platform writes Danish (DANISH.md): a time of day is
"kl. 14.30", with a point, never "14:30"."""

from django.conf.locale.da.formats import *  # type: ignore[import-untyped]  # noqa: F403  (Django's Danish formats, the rest unchanged)

TIME_FORMAT = r"\k\l. H.i"
DATETIME_FORMAT = r"j. F Y \k\l. H.i"
SHORT_DATETIME_FORMAT = r"d.m.Y \k\l. H.i"
