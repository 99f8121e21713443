"""The dates a user may enter: from 1 January 1990 to 31 December 2100.

Every date a person types (an activity's start, a meeting, a membership, a survey wave, a report's period …)
lies within this range. Collective impact alliances began in the 2010s, and a baseline or an organisation's
joining date a generation earlier still fits; plans and goals reach decades ahead, not centuries. A date outside
is a typing error (0202, 20266, 9999), and refusing it keeps every figure that groups by year to a bounded
number of years, with a year after every year (``date(9999 + 1, 1, 1)`` does not exist).

The rule is met everywhere: the validator sits on the model fields (so ModelForms, the admin, services'
``full_clean`` and the importers all run it) and a ``CheckConstraint`` per field guards the database.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

EARLIEST = datetime.date(1990, 1, 1)
LATEST = datetime.date(2100, 12, 31)

MESSAGE = _("Enter a date from %(earliest)s to %(latest)s.")


def out_of_range_message() -> str:
    """The message for a date outside the range, with both bounds in the active language's short format."""
    return MESSAGE % {
        "earliest": date_format(EARLIEST, "SHORT_DATE_FORMAT"),
        "latest": date_format(LATEST, "SHORT_DATE_FORMAT"),
    }


@deconstructible
class SensibleDateValidator:
    """Refuses a date before ``EARLIEST`` or after ``LATEST``."""

    code = "date_out_of_range"

    def __call__(self, value) -> None:
        if isinstance(value, datetime.datetime):
            value = value.date()
        if value is not None and not EARLIEST <= value <= LATEST:
            raise ValidationError(out_of_range_message(), code=self.code)

    def __eq__(self, other) -> bool:
        return isinstance(other, SensibleDateValidator)

    def __hash__(self) -> int:
        return hash(SensibleDateValidator)


validate_sensible_date = SensibleDateValidator()


def dates_in_range(model: str, *fields: str) -> list[models.CheckConstraint]:
    """One database constraint per date field of ``model`` (its name, for unique constraint names): the date is
    empty or within the range."""
    return [
        models.CheckConstraint(
            condition=models.Q(**{f"{field}__isnull": True})
            | models.Q(**{f"{field}__gte": EARLIEST, f"{field}__lte": LATEST}),
            name=f"{model}_{field}_in_range",
            violation_error_code=SensibleDateValidator.code,
            # reached only when the field's validator did not run first: it gives the bounds as dates
            violation_error_message=_("Enter a date from 1990 to 2100."),
        )
        for field in fields
    ]


def day_bounds(first: datetime.date, last: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """The moments from the start of ``first`` up to (not including) the start of the day after ``last``, in the
    platform's time zone: a timestamp falls on one of the days when ``start <= moment < end``."""
    zone = timezone.get_current_timezone()
    start = datetime.datetime.combine(first, datetime.time.min, tzinfo=zone)
    end = datetime.datetime.combine(last + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone)
    return start, end
