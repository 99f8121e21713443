"""Raw survey responses of one wave, 5,000 respondents × 100 questions (500,000 answers), into PostgreSQL; then
the statistics of an initiative with 50 indicators × 10 groups × 10 waves.

Run: .venv/bin/python bench/survey_import.py   (PostgreSQL at 127.0.0.1 by default, database ``bench_survey``,
created when missing; set DATABASE_URL to use another)
Prints the import's seconds and their ratio to the 30 s target (≤ 1 is within it), the re-import (nothing
changes), and the statistics' query count, which must not grow with the data.
"""

import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bench_survey")

RESPONDENTS, QUESTIONS, MEANS = 5000, 100, 30
TARGET_SECONDS = 30.0
GROUPS = {
    "skole": [f"Skole {k}" for k in range(20)],
    "klasse": [str(k) for k in range(10)],
    "køn": ["dreng", "pige"],
    "område": ["Vapnagård", "Nørrevang", "Centrum", "Hornbæk", "Espergærde"],
}
ANSWERS = ["Ja, ofte", "Ja, nogle gange", "Sjældent", "Aldrig", "Ved ikke", ""]


def create_database() -> None:
    """The bench database, made once (pytest's and the demo's are left alone)."""
    import environ
    import psycopg2

    config = environ.Env.db_url_config(os.environ["DATABASE_URL"])
    if "postgresql" not in config["ENGINE"]:
        return
    connection = psycopg2.connect(
        dbname="postgres", user=config["USER"], password=config["PASSWORD"] or None, host=config["HOST"],
        port=config["PORT"] or 5432,
    )  # fmt: skip
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{config["NAME"]}"')
    connection.close()


create_database()

import django  # noqa: E402

django.setup()

import datetime  # noqa: E402

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from initiatives.models import Initiative  # noqa: E402
from measurement.models import Indicator, Observation, Survey, Wave  # noqa: E402
from measurement.selectors import indicator_series, status_by_group  # noqa: E402
from measurement.services import responses_import  # noqa: E402


def responses_file() -> bytes:
    """A Danish Excel "CSV UTF-8": BOM, semicolons, decimal commas."""
    rng = random.Random(2019)  # noqa: S311 - made-up answers, not secrets
    header = ["wave", *GROUPS, *(f"q{k}" for k in range(QUESTIONS))]
    lines = [";".join(header)]
    for _ in range(RESPONDENTS):
        groups = [rng.choice(values) for values in GROUPS.values()]
        answers = [rng.choice(ANSWERS) for _ in range(QUESTIONS - MEANS)]
        numbers = [f"{rng.uniform(0, 10):.1f}".replace(".", ",") for _ in range(MEANS)]
        lines.append(";".join(["2019", *groups, *answers, *numbers]))
    return ("\ufeff" + "\n".join(lines) + "\n").encode()


def setup_import() -> tuple[Initiative, Survey]:
    Initiative.objects.filter(slug="bench-survey").delete()
    initiative = Initiative.objects.create(name="Bench survey", slug="bench-survey", area="Lejre Kommune")
    survey = Survey.objects.create(initiative=initiative, name="Trivsel")
    Wave.objects.create(initiative=initiative, survey=survey, name="2019", held_on=datetime.date(2019, 3, 1))
    breakdowns = ", ".join(GROUPS)
    Indicator.objects.bulk_create(
        Indicator(
            initiative=initiative, survey=survey, name=f"Indikator {k:03}", question=f"q{k}", breakdowns=breakdowns,
            unit=Indicator.Unit.MEAN if k >= QUESTIONS - MEANS else Indicator.Unit.PROPORTION,
            yes_answers="" if k >= QUESTIONS - MEANS else "Ja, ofte | Ja, nogle gange", missing_answers="Ved ikke",
        )
        for k in range(QUESTIONS)
    )  # fmt: skip
    return initiative, survey


def bench_import() -> None:
    initiative, survey = setup_import()
    data = responses_file()
    print(f"file: {len(data) / 1e6:.1f} MB, {RESPONDENTS} respondents × {QUESTIONS} questions")
    timings = []
    for label in ("raw import", "same file again"):
        started = time.perf_counter()
        result = responses_import(initiative=initiative, survey=survey, file_name="svar.csv", data=data)
        timings.append(time.perf_counter() - started)
        print(
            f"{label}: {timings[-1]:.2f} s, {result.observations} observations, {result.changed} changed, "
            f"{result.left_out} groups left out"
        )
    print(f"raw import: {timings[0] / TARGET_SECONDS:.2f}x the {TARGET_SECONDS:.0f} s target (≤ 1 is within it)")


def bench_statistics() -> None:
    Initiative.objects.filter(slug="bench-statistics").delete()
    initiative = Initiative.objects.create(name="Bench statistics", slug="bench-statistics", area="Lejre Kommune")
    survey = Survey.objects.create(initiative=initiative, name="Trivsel")
    waves = [
        Wave.objects.create(initiative=initiative, survey=survey, name=str(y), held_on=datetime.date(y, 3, 1))
        for y in range(2010, 2020)
    ]
    indicators = Indicator.objects.bulk_create(
        Indicator(initiative=initiative, survey=survey, name=f"Indikator {k:02}", target_value=0.5) for k in range(50)
    )
    rng = random.Random(50)  # noqa: S311
    Observation.objects.bulk_create(
        Observation(initiative=initiative, indicator=i, wave=w, group="all" if g == 0 else f"område: {g}",
                    value=(x := rng.randint(300, 700)) / 1000, n=1000, numerator=x)
        for i in indicators for w in waves for g in range(10)
    )  # fmt: skip
    for name, selector in (("indicator_series", indicator_series), ("status_by_group", status_by_group)):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            found = selector(initiative=initiative)
            elapsed = time.perf_counter() - started
        print(f"{name}: 50 indicators × 10 groups × 10 waves → {len(found)} rows in {len(queries)} queries, "
              f"{elapsed:.2f} s")  # fmt: skip


def main():
    call_command("migrate", verbosity=0)
    print(f"database: {connection.vendor}")
    bench_import()
    bench_statistics()


if __name__ == "__main__":
    main()
