"""A chart's numbers as CSV, the same numbers as its data table: semicolons, decimal commas in Danish, a BOM so
that Danish Excel reads UTF-8, and text cells that a spreadsheet would run as a formula neutralised."""

import csv
import io
from decimal import Decimal

from django.utils import numberformat
from django.utils.formats import get_format

from activities.exports import neutralise

from .charts import Chart


def cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float | Decimal):
        # the language's decimal mark, never a thousands separator: a spreadsheet reads 12000 and 2019 as numbers
        return numberformat.format(value, get_format("DECIMAL_SEPARATOR"), grouping=0)
    return neutralise(str(value))


def as_csv(chart: Chart) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([neutralise(str(column)) for column in chart.columns])
    for row in chart.rows:
        writer.writerow([cell(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode()
