"""A chart's table rows are written in one pass (``table_rows``): each cell exactly as ``cell`` formats it."""

import datetime
from decimal import Decimal

import pytest
from django.utils import translation
from django.utils.html import conditional_escape

from dashboards.charts import Chart
from dashboards.templatetags.dashboards import cell, is_number, table_rows

VALUES = [2019, 1234567, -1234, 0, 7, "Skole & <b>fritid</b>", "", None, True, False, "2024-05-01",
          datetime.date(2024, 5, 1), Decimal("1250.5"), Decimal("12"), 3.25, 8.0, "Ja"]  # fmt: skip


def _one_by_one(chart: Chart) -> str:
    years = set(chart.year_columns)
    return "\n".join(
        "<tr>" + "".join(
            f'<td class="text-end">{cell(value, index in years)}</td>' if is_number(value)
            else f"<td>{conditional_escape(cell(value, index in years))}</td>"
            for index, value in enumerate(row)
        ) + "</tr>"
        for row in chart.rows
    )  # fmt: skip


@pytest.mark.parametrize("language", ["da", "en"])
def test_every_kind_of_cell_is_written_as_cell_writes_it(language):
    # each value in the year column (0) and in an ordinary one
    rows = [[value, value] for value in VALUES]
    chart = Chart("c", "C", "", {}, ["Year", "Value"], rows)
    with translation.override(language):
        assert str(table_rows(chart)) == _one_by_one(chart)
        written = str(table_rows(chart))
    assert ("1.234.567" if language == "da" else "1,234,567") in written
    assert '<td class="text-end">2019</td>' in written
    assert "Skole &amp; &lt;b&gt;fritid&lt;/b&gt;" in written
