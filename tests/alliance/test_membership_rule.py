"""Who is a member on a day, and who has left by then: the one rule, in SQL (``alliance.selectors``) and in Python
(``Membership``), which the dashboard counts by without a query of its own."""

import datetime

from alliance import selectors
from alliance.models import Membership
from tests import factories

DAYS = [datetime.date(2015, 1, 1), datetime.date(2016, 6, 30), datetime.date(2016, 7, 1), datetime.date(2020, 1, 1)]


def test_python_and_sql_agree_on_who_is_current_and_who_has_left_on_every_day(world):
    spans = [
        (None, None, ""),
        (datetime.date(2016, 7, 1), None, ""),  # joins on one of the days
        (None, None, "new_job"),  # left without a date
        (datetime.date(2015, 1, 1), datetime.date(2016, 6, 30), "new_job"),  # leaves on one of the days
        (datetime.date(2015, 6, 1), datetime.date(2016, 7, 1), ""),
        (datetime.date(2017, 1, 1), None, "other"),  # joins later, a reason alone
    ]
    for joined_on, left_on, left_reason in spans:
        factories.MembershipFactory(initiative=world.home, joined_on=joined_on, left_on=left_on,
                                    left_reason=left_reason)  # fmt: skip
    rows = list(Membership.objects.filter(initiative=world.home))
    for day in DAYS:
        counted = selectors.membership_counts(initiative=world.home, day=day)
        assert counted["current"] == sum(1 for row in rows if row.is_current_on(day)), day
        assert counted["former"] == sum(1 for row in rows if row.has_left_by(day)), day
    assert {selectors.membership_counts(initiative=world.home, day=day)["former"] for day in DAYS} != {0}
