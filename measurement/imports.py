"""Aggregated survey results (the tables an institute delivers) as a table: the columns (declared once for the
export, the template and the import), and reading a file into a plan. Nothing here writes:
``measurement.services.observations_import`` previews the plan or saves it, every row or none.

Columns: ``indicator, wave, group, value, n`` and, optionally, ``numerator`` and ``sd``. Numbers may use a
decimal comma, as Danish Excel writes them. An indicator or wave that does not exist is a row error naming it.
A row is matched on indicator, wave and group, so importing the same file (or the export) again changes nothing.
"""

import math
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.crud import field_label
from core.importing import CHANGED, NEW, REFUSED, UNCHANGED, Change, Preview, RowPlan
from core.tabular import Row, TableColumn, TableFile, read_table

from .models import ALL, Indicator, Observation

COLUMNS = [
    TableColumn("indicator", field_label(Observation, "indicator")),
    TableColumn("wave", field_label(Observation, "wave")),
    TableColumn("group", field_label(Observation, "group")),
    TableColumn("value", field_label(Observation, "value")),
    TableColumn("n", field_label(Observation, "n")),
    TableColumn("numerator", field_label(Observation, "numerator"), required=False),
    TableColumn("sd", field_label(Observation, "sd"), required=False),
]
REQUIRED_COLUMNS = [column for column in COLUMNS if column.required]
OPTIONAL_COLUMNS = [column for column in COLUMNS if not column.required]
MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20000
SIZE_MESSAGE = gettext_lazy("The file is larger than 5 MB.")
FILE = TableFile(columns=COLUMNS, sheet="results")
VALUES = ["value", "n", "numerator", "sd"]


@dataclass
class PlannedObservation:
    plan: RowPlan
    observation: Observation


def _number(row: Row, column: str, *, whole: bool = False) -> float | None:
    raw = row.cells.get(column)
    if raw is None or raw == "":
        return None
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        number = float(raw)
    else:
        text = str(raw).strip().replace(" ", "").replace(",", ".")
        try:
            number = float(text)
        except ValueError:
            row.fail(column, _("“%(value)s” is not a number.") % {"value": raw})
            return None
    if not math.isfinite(number) or number < 0 or (whole and not number.is_integer()):
        row.fail(column, _("“%(value)s” is not a number this column can hold.") % {"value": raw})
        return None
    return number


def export_rows(observations):
    observations = observations.select_related("indicator", "wave")
    for observation in observations.order_by("indicator__name", "wave__name", "group", "pk").iterator(chunk_size=2000):
        yield [
            observation.indicator.name,
            observation.wave.name,
            observation.group,
            observation.value,
            observation.n,
            "" if observation.numerator is None else observation.numerator,
            "" if observation.sd is None else observation.sd,
        ]


def template_rows(initiative):
    """One example row: the initiative's first indicator with a survey, and a wave of it, where there are any."""
    indicator = initiative.indicators.exclude(survey=None).select_related("survey").order_by("pk").first()
    wave = indicator.survey.waves.order_by("pk").first() if indicator else None
    return [[indicator.name if indicator else _("Thriving pupils"), wave.name if wave else "2026", ALL, 0.82, 412,
             338, ""]]  # fmt: skip


def plan_observations(*, initiative, file_name: str, data: bytes) -> tuple[Preview, list[PlannedObservation]]:
    """What importing the file would do, row by row. Raises ``TableError`` for a file that is not a table."""
    table = read_table(
        file_name=file_name, data=data, columns=COLUMNS, max_rows=MAX_ROWS, max_bytes=MAX_BYTES,
        size_message=SIZE_MESSAGE,
    )  # fmt: skip
    headings = {column.key: column.heading for column in COLUMNS}
    indicators = {indicator.name.lower(): indicator for indicator in initiative.indicators.select_related("survey")}
    waves = {}
    for indicator in indicators.values():
        if indicator.survey_id:
            for wave in indicator.survey.waves.all():
                waves[(indicator.pk, wave.name.lower())] = wave
    existing = {
        (o.indicator_id, o.wave_id, o.group.lower()): o for o in Observation.objects.filter(initiative=initiative)
    }
    preview, planned = Preview(), []
    seen: dict[tuple[str, str, str], int] = {}
    for row in table:
        values = row.values
        indicator = indicators.get(values["indicator"].lower())
        if indicator is None:
            row.fail("indicator", _("Unknown indicator “%(value)s”: add it first.") % {"value": values["indicator"]})
        wave = waves.get((indicator.pk, values["wave"].lower())) if indicator else None
        if indicator and wave is None:
            row.fail("wave", _("Unknown wave “%(value)s” of the indicator's survey.") % {"value": values["wave"]})
        group = values["group"] or ALL
        value, n = _number(row, "value"), _number(row, "n", whole=True)
        numerator = _number(row, "numerator", whole=True) if "numerator" in row.cells else None
        sd = _number(row, "sd") if "sd" in row.cells else None
        row.require(["value", "n"])
        if n is not None and n < 1:
            row.fail("n", _("n must be at least 1."))
        if indicator and indicator.unit == Indicator.Unit.PROPORTION and value is not None and value > 1:
            row.fail("value", _("A proportion lies between 0 and 1 (write 0.21, not 21)."))
        if numerator is not None and n is not None and numerator > n:
            row.fail("numerator", _("The numerator cannot exceed n."))
        key = (values["indicator"].lower(), values["wave"].lower(), group.lower())
        if key in seen:
            row.fail("group", _("The same indicator, wave and group as on line %(line)d.") % {"line": seen[key]})
        seen.setdefault(key, row.line)
        label = " · ".join(part for part in (values["indicator"], values["wave"], group) if part)
        if row.errors or value is None or n is None:  # a row without its value or n has failed require()
            preview.rows.append(RowPlan(row.line, label, REFUSED, errors=row.errors))
            continue
        if indicator.unit == Indicator.Unit.PROPORTION and numerator is None:
            numerator = round(value * n)  # the institute gave a share of n: the count it stands for
        wanted = {"value": value, "n": int(n), "numerator": None if numerator is None else int(numerator), "sd": sd}
        observation = existing.get((indicator.pk, wave.pk, group.lower()))
        if observation is None:
            observation = Observation(initiative=initiative, indicator=indicator, wave=wave, group=group, **wanted)
            plan = RowPlan(row.line, label, NEW)
        else:
            changes = [
                Change(headings[name], _number_text(getattr(observation, name)), _number_text(new))
                for name, new in wanted.items()
                if getattr(observation, name) != new
            ]
            for name, new in wanted.items():
                setattr(observation, name, new)
            plan = RowPlan(row.line, label, CHANGED if changes else UNCHANGED, changes)
        preview.rows.append(plan)
        planned.append(PlannedObservation(plan, observation))
    return preview, planned


def _number_text(number) -> str:
    from django.utils.formats import number_format

    if number is None:
        return ""
    return number_format(number, use_l10n=True) if isinstance(number, float) else str(number)
