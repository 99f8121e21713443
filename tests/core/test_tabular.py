"""Reading and writing the tables the importers share: the formula guard, headings in either language, the
header's limits."""

import pytest
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from core.tabular import (
    CONTROL_CHARACTERS,
    MAX_CELL,
    MAX_COLUMNS,
    TableColumn,
    TableError,
    TableFile,
    guard,
    read_table,
    unguard,
)

COLUMNS = [TableColumn("title", "title"), TableColumn("key", "key", required=False)]
TRICKY = ["'=", "=1+1", "'=1+1", "''=x", "'", "''", "+45 12 34 56", "-", "@SUM(A1)", "\t=x", "'\t=x", "'hej",
          "Girlpower", "", "=", "'@", "a;b", 'say "hi"', "æøå ÆØÅ", "line\nbreak", "''''"]  # fmt: skip


def read_back(data: bytes, name: str) -> str:
    rows = read_table(file_name=name, data=data, columns=COLUMNS, max_rows=10, max_bytes=10**7, size_message="")
    assert rows[0].errors == []
    return rows[0].values["title"]


@given(st.text())
def test_unguard_undoes_exactly_what_guard_added(value):
    assert unguard(guard(value)) == value


@given(st.text())
def test_a_guarded_value_never_starts_like_a_formula(value):
    assert not guard(value).startswith(("=", "+", "-", "@", "\t", "\r"))


# What a title can hold and a file carries: no control characters (refused), no surrounding spaces (cells are
# stripped, as forms strip them), within the cell limit.
titles = st.text(min_size=1, max_size=60).filter(
    lambda value: value == value.strip() and not CONTROL_CHARACTERS.search(value) and "\r" not in value
)


@settings(max_examples=150, deadline=None)
@given(titles)
def test_any_title_survives_a_csv_export_and_import(value):
    data, _ = TableFile(columns=COLUMNS, sheet="t").as_csv([[value, ""]])
    assert read_back(data, "t.csv") == value


@settings(max_examples=40, deadline=None)
@given(titles.filter(lambda value: "\t" not in value and "\n" not in value))
def test_any_title_survives_an_xlsx_export_and_import(value):
    data, _ = TableFile(columns=COLUMNS, sheet="t").as_xlsx([[value, ""]])
    assert read_back(data, "t.xlsx") == value


@pytest.mark.parametrize("value", TRICKY)
def test_tricky_titles_survive_both_formats(value):
    if value == "":
        return  # an empty row is no row
    table = TableFile(columns=COLUMNS, sheet="t")  # two columns: the header shows the delimiter
    assert read_back(table.as_csv([[value, ""]])[0], "t.csv") == value
    if "\n" not in value and "\t" not in value:
        assert read_back(table.as_xlsx([[value, ""]])[0], "t.xlsx") == value


def test_a_header_of_150000_columns_is_refused_with_a_clear_message():
    # given a 1.2 MB header: under the size limit, and once quadratic to check
    header = ";".join(f"c{n}" for n in range(150_000))
    data = (header + "\n" + "x\n").encode()
    assert len(data) > 1_000_000
    with pytest.raises(TableError) as raised:
        read_table(file_name="t.csv", data=data, columns=COLUMNS, max_rows=10, max_bytes=2 * 1024 * 1024,
                   size_message="")  # fmt: skip
    (error,) = raised.value.errors
    assert error.message == (
        f"The first line has 150000 columns; an import reads at most {MAX_COLUMNS}. Remove the columns the import "
        "does not use (the columns it reads: Title, Key)."
    )


def test_empty_cells_at_the_end_of_the_header_do_not_count_as_columns():
    data = ("title" + ";" * 5000 + "\nHej\n").encode()
    assert read_back(data, "t.csv") == "Hej"


def test_a_heading_in_either_language_or_the_key_is_read():
    columns = [TableColumn("left_reason", translation.gettext_lazy("reason for leaving"))]
    for heading in ("left_reason", "left reason", "Reason for leaving", "Årsag til udtræden", "ÅRSAG TIL UDTRÆDEN"):
        data = f"{heading}\nandet\n".encode()
        rows = read_table(file_name="t.csv", data=data, columns=columns, max_rows=10, max_bytes=10**6, size_message="")
        assert rows[0].values == {"left_reason": "andet"}, heading


def test_the_same_column_in_two_languages_is_named_twice():
    columns = [TableColumn("title", translation.gettext_lazy("title"))]
    with translation.override("da"), pytest.raises(TableError) as raised:
        read_table(file_name="t.csv", data=b"Titel;title\nA;B\n", columns=columns, max_rows=10, max_bytes=10**6,
                   size_message="")  # fmt: skip
    assert raised.value.errors[0].message == "Disse kolonner optræder mere end én gang: Titel."


def test_a_cell_over_the_limit_is_a_row_error_that_names_the_column_as_the_user_reads_it():
    columns = [TableColumn("title", translation.gettext_lazy("title"))]
    data = ("title\n" + "x" * (MAX_CELL + 1) + "\n").encode()
    with translation.override("da"):
        rows = read_table(file_name="t.csv", data=data, columns=columns, max_rows=10, max_bytes=10**6, size_message="")
    assert [(e.line, e.column, e.shown) for e in rows[0].errors] == [(2, "title", "Titel")]


def test_a_preview_fingerprint_changes_with_what_it_would_remove_and_its_notes():
    from core.importing import NEW, Preview, RowPlan

    def preview(removed=0, notes=()):
        return Preview(rows=[RowPlan(2, "Svar", NEW)], removed=removed, notes=list(notes))

    assert preview().fingerprint() == preview().fingerprint()
    assert preview(removed=2).fingerprint() != preview(removed=7).fingerprint()
    assert preview(notes=["1 ny gruppe"]).fingerprint() != preview().fingerprint()
