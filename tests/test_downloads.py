"""The data set as an SQLite database and an xlsx workbook: the same rows as the CSV outputs."""

from __future__ import annotations

import csv
import io
import json
import shutil
import sqlite3
import stat
from datetime import date

import pytest
from conftest import FIXTURES, REPO

from ctwp.data.loading import load_valid_dataset
from ctwp.publish.sqlite import TABLES, build_database, datasette_metadata
from ctwp.publish.tables import TABLE_COMMANDS, data_tables, report_rows
from ctwp.publish.workbook import workbook_bytes

PROGRESS = FIXTURES / "progress"
PROGRESS_AS_AT = date(2031, 1, 15)  # its milestones stand in every kind of state


def _database(tmp_path, data=REPO / "data", as_at=date(2022, 8, 1)):
    path = tmp_path / "ctwp.db"
    build_database(load_valid_dataset(data), path, as_at)
    connection = sqlite3.connect(path)
    connection.row_factory = sqlite3.Row
    return connection


def test_database_holds_every_table_with_clean_foreign_keys(tmp_path):
    dataset = load_valid_dataset(REPO / "data")
    db = _database(tmp_path)
    count = lambda table: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: E731
    assert count("items") == 42 == sum(1 for located in dataset.programmes for _ in located.programme.items())
    assert count("milestones") == count("status") == 42
    assert count("agencies") == len(dataset.registry.agencies) and count("recommendations") == 44
    assert count("editions") == 2
    assert count("item_leads") == sum(len(item.leads) for located in dataset.programmes for _, item in located.programme.items())
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    # Links between editions resolve to the earlier item.
    assert db.execute("SELECT e.year FROM items i JOIN items e ON e.id = i.continues WHERE i.id = '2022-annual-hui'").fetchone()[0] == 2021


def test_full_text_search_finds_both_hui_items(tmp_path):
    db = _database(tmp_path)
    found = {row[0] for row in db.execute("SELECT item_id FROM search WHERE search MATCH 'hui'")}
    assert found == {"2021-annual-hui", "2022-annual-hui"}


def test_database_rows_are_the_csv_rows(tmp_path, ctwp):
    db = _database(tmp_path)
    listed = list(csv.DictReader(io.StringIO(ctwp("list", "--format", "csv").stdout)))
    items = {row["id"]: row for row in db.execute("SELECT * FROM items")}
    assert list(items) == [row["id"] for row in listed]
    for row in listed:
        assert (items[row["id"]]["title"], items[row["id"]]["continues"] or "") == (row["title"], row["continues_id"])
        leads = [lead for (lead,) in db.execute("SELECT agency FROM item_leads WHERE item_id = ? ORDER BY position", (row["id"],))]
        assert "; ".join(leads) == row["leads"]
    status = list(csv.DictReader(io.StringIO(ctwp("status", "--format", "csv", "--as-at", "2022-08-01").stdout)))
    states = {(row["item_id"], row["milestone_key"]): row["state"] for row in db.execute("SELECT * FROM status")}
    assert states == {(row["id"], row["milestone_key"]): row["state"] for row in status}


def test_database_of_reports_and_states(tmp_path):
    dataset = load_valid_dataset(PROGRESS)
    db = _database(tmp_path, PROGRESS, PROGRESS_AS_AT)
    reports = report_rows(dataset)
    assert reports and db.execute("SELECT count(*) FROM reports").fetchone()[0] == len(reports)
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    noted = next(report for report in reports if report["note"])
    word = noted["note"].split()[0].strip(".,;:")
    assert noted["item_id"] in {row[0] for row in db.execute("SELECT item_id FROM search WHERE search MATCH ?", (f'"{word}"',))}
    assert len({row[0] for row in db.execute("SELECT state FROM status")}) >= 5


def test_datasette_metadata_describes_every_table():
    metadata = json.loads(datasette_metadata(load_valid_dataset(REPO / "data"), date(2022, 8, 1), "https://example.org/ctwp/"))
    assert set(metadata["databases"]["ctwp"]["tables"]) == {*TABLES, "search"}
    assert "Official Information Act 1982" in metadata["license"] and "CC0" in metadata["license"]
    assert metadata["source"].startswith("Counter-Terrorism Work Programme 2021 (DPMC")
    assert metadata["license_url"] == "https://example.org/ctwp/downloads/NOTICE.md"


def _sheets(content: bytes) -> dict[str, list[list[str]]]:
    openpyxl = pytest.importorskip("openpyxl")
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    return {
        sheet.title: [["" if cell.value is None else str(cell.value) for cell in row] for row in sheet.iter_rows()] for sheet in workbook
    }


@pytest.mark.parametrize("data, as_at", [(REPO / "data", date(2022, 8, 1)), (PROGRESS, PROGRESS_AS_AT)], ids=["real", "progress"])
def test_workbook_sheets_are_the_csv_outputs(ctwp, data, as_at):
    sheets = _sheets(workbook_bytes(load_valid_dataset(data), as_at))
    assert list(sheets) == ["items", "milestones", "agencies", "recommendations", "reports", "status register"]
    for name, command in TABLE_COMMANDS.items():
        if command is None:
            continue
        args = [*command, as_at.isoformat()] if command[-1] == "--as-at" else list(command)
        result = ctwp(*args, "--format", "csv", "--data", data)
        assert result.exit_code == 0, result.stderr
        expected = list(csv.reader(io.StringIO(result.stdout)))
        # The CSV marks text that a spreadsheet would run as a formula with a leading '; the
        # workbook types its cells instead.
        expected = [[cell[1:] if cell[:2] in ("'=", "'+", "'-", "'@") else cell for cell in row] for row in expected]
        assert sheets["status register" if name == "status" else name] == expected, name


def test_workbook_writes_formula_text_as_text_with_a_frozen_bold_header(tmp_path, monkeypatch):
    openpyxl = pytest.importorskip("openpyxl")
    hostile = {'=HYPERLINK("http://example.invalid")', "+64 4 555", "-1-2", "@SUM(A1)"}
    fields = ["id", "text"]
    monkeypatch.setattr(
        "ctwp.publish.workbook.data_tables",
        lambda dataset, as_at: {"items": (fields, [{"id": f"x{n}", "text": text} for n, text in enumerate(sorted(hostile))])},
    )
    workbook = openpyxl.load_workbook(io.BytesIO(workbook_bytes(None, date(2022, 8, 1))))
    sheet = workbook["items"]
    cells = [sheet.cell(row, 2) for row in range(2, 6)]
    assert {cell.value for cell in cells} == hostile
    assert {cell.data_type for cell in cells} == {"s"}  # strings, never formulas ("f")
    assert sheet.freeze_panes == "A2" and sheet.cell(1, 1).font.b
    assert sheet.column_dimensions["B"].width > sheet.column_dimensions["A"].width


def test_export_sqlite_and_xlsx_follow_the_umask_and_need_output(ctwp, tmp_path, monkeypatch):
    import os

    old = os.umask(0o027)
    try:
        for fmt, name in (("sqlite", "ctwp.db"), ("xlsx", "ctwp.xlsx")):
            result = ctwp("export", "--format", fmt, "--output", tmp_path / name, "--as-at", "2022-08-01")
            assert result.exit_code == 0, result.stderr
            assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o640
    finally:
        os.umask(old)
    assert sqlite3.connect(tmp_path / "ctwp.db").execute("SELECT count(*) FROM items").fetchone()[0] == 42
    header, first, *_ = _sheets((tmp_path / "ctwp.xlsx").read_bytes())["items"]
    assert first[header.index("id")] == "2021-rcoi-engagement"
    again = ctwp("export", "--format", "sqlite", "--output", tmp_path / "ctwp.db")
    assert (again.exit_code, again.stderr) == (2, f"ctwp: error: {tmp_path / 'ctwp.db'} exists; add --force to replace it\n")
    bare = ctwp("export", "--format", "xlsx")
    assert (bare.exit_code, bare.stderr) == (2, "ctwp: error: --format xlsx writes a binary file, not text; give --output FILE\n")
    filtered = ctwp("export", "--format", "sqlite", "--lead", "DPMC", "--output", tmp_path / "x.db")
    assert filtered.exit_code == 2 and "exports the whole data set" in filtered.stderr
    assert not (tmp_path / "x.db").exists()


def test_tables_are_the_csv_tables():
    assert list(data_tables(load_valid_dataset(REPO / "data"), date(2022, 8, 1))) == list(TABLE_COMMANDS)


def test_database_status_has_every_report_column_of_the_status_csv(tmp_path, ctwp):
    db = _database(tmp_path, PROGRESS, PROGRESS_AS_AT)
    listed = csv.DictReader(io.StringIO(ctwp("status", "--data", PROGRESS, "--as-at", "2031-01-15", "--format", "csv").stdout))
    fields = ("date", "status", "note", "source", "expected", "done_by")
    in_csv = {(row["id"], row["milestone_key"]): tuple(row[f"report_{name}"] for name in fields) for row in listed}
    in_db = {
        (row["item_id"], row["milestone_key"]): tuple(
            ""
            if row[f"report_{name}"] is None
            else ("true" if row[f"report_{name}"] else "false")
            if name == "done_by"
            else row[f"report_{name}"]
            for name in fields
        )
        for row in db.execute("SELECT * FROM status")
    }
    assert in_db == in_csv
    assert any(values[4] for values in in_db.values())  # the fixture has an expected period to carry


def test_database_says_which_edition_is_a_draft(tmp_path, ctwp):
    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data)
    assert ctwp("new", "2023", "--data", data).exit_code == 0
    db = _database(tmp_path, data)
    assert [tuple(row) for row in db.execute("SELECT year, draft FROM editions ORDER BY year")] == [(2021, 0), (2022, 0), (2023, 1)]
