"""The header check of the importers (``core.tabular.read_table``): how long a wide header takes to refuse.

Run: .venv/bin/python bench/import_header.py
A 150,000-column header (1.2 MB, under the 2 MB roster limit) once kept a worker busy for 30 s (a quadratic
duplicate check); now the columns are capped (``MAX_COLUMNS``) and the check is one pass. Prints seconds per
header width and the ratio of the widest to a 200-column header.
"""

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from alliance.roster import COLUMNS, MAX_BYTES  # noqa: E402
from core.tabular import TableError, read_table  # noqa: E402


def refuse(width: int, fmt: str = "csv") -> tuple[float, str]:
    header = ";".join(f"c{n}" for n in range(width))
    data = (header + "\n" + "x\n").encode()
    started = time.perf_counter()
    try:
        read_table(file_name=f"r.{fmt}", data=data, columns=COLUMNS, max_rows=10, max_bytes=MAX_BYTES,
                   size_message="too large")  # fmt: skip
        message = "accepted"
    except TableError as error:
        message = error.errors[0].message[:60]
    return time.perf_counter() - started, f"{len(data) / 1e6:.2f} MB: {message}"


def main():
    results = {}
    for width in (200, 1_000, 10_000, 150_000, 250_000):
        seconds, what = refuse(width)
        results[width] = seconds
        print(f"{width:>7} columns: {seconds * 1000:8.1f} ms ({what})")
    print(f"150,000 columns cost {results[150_000] / results[200]:.0f}x a 200-column header (target: well under 1 s)")


if __name__ == "__main__":
    main()
