"""The whole data set as one SQLite database, to query with SQL or browse with Datasette.

The rows are the library's own (``ctwp.analysis.queries`` and ``ctwp.analysis.progress``), so
the database says what ``ctwp list``, ``ctwp agencies``, ``ctwp recs`` and ``ctwp status``
say in CSV. Lists become link tables with foreign keys (``item_leads``, ``item_recs``);
``items.continues`` refers to the item of an earlier edition. ``search`` is a full-text
index (FTS5) over the items' titles, their milestones and the reports' notes::

    SELECT item_id, field, text FROM search WHERE search MATCH 'hui';

``status`` gives each milestone's state as at one day (``as_at``), which every row names.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from ctwp.analysis.progress import milestone_statuses, status_row
from ctwp.analysis.queries import REPORT_FIELDS, ItemFilter, agency_rows, all_items, item_rows, milestone_row, recommendation_rows
from ctwp.analysis.words import subject_cells
from ctwp.data.loading import Dataset
from ctwp.data.records import milestone_keys
from ctwp.publish.tables import REPORT_ROW_FIELDS, report_rows

# Each table: its columns (SQL) and what it holds; the descriptions go into Datasette's metadata.
TABLES = {
    "editions": (
        "year INTEGER PRIMARY KEY, title TEXT NOT NULL, source TEXT NOT NULL, draft INTEGER NOT NULL",
        "One row per edition of the programme, with the document it was transcribed from. "
        "draft: 1 for the draft of an edition not yet published, whose items carry no earlier item forward.",
    ),
    "agencies": (
        "code TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT, note TEXT, items_led INTEGER NOT NULL",
        "The agencies and bodies the programme names, with how many items they lead over all editions.",
    ),
    "recommendations": (
        "number INTEGER PRIMARY KEY, group_title TEXT, subject TEXT NOT NULL, subject_confirmed INTEGER NOT NULL, "
        "status_date TEXT, status TEXT, status_note TEXT, status_source TEXT, status_expected TEXT, status_done_by INTEGER",
        "The Royal Commission's 44 recommendations, each with its subject or 'subject not confirmed' (subject_confirmed 0), "
        "and the latest sourced statement of its implementation (empty where no public source states one).",
    ),
    "items": (
        "id TEXT PRIMARY KEY, year INTEGER NOT NULL REFERENCES editions(year), group_id TEXT NOT NULL, group_title TEXT NOT NULL, "
        "title TEXT NOT NULL, lead_text TEXT, continues TEXT REFERENCES items(id)",
        "One row per item of every edition. continues: the item of an earlier edition it carries on. "
        "A withheld title reads [withheld: GROUNDS].",
    ),
    "item_leads": (
        "item_id TEXT NOT NULL REFERENCES items(id), agency TEXT NOT NULL REFERENCES agencies(code), position INTEGER NOT NULL, "
        "PRIMARY KEY (item_id, agency)",
        "Which agencies lead each item; a joint lead has a row per agency, position giving the source's order.",
    ),
    "item_recs": (
        "item_id TEXT NOT NULL REFERENCES items(id), rec INTEGER NOT NULL REFERENCES recommendations(number), position INTEGER NOT NULL, "
        "PRIMARY KEY (item_id, rec)",
        "Which recommendations each item answers, position giving the source's order.",
    ),
    "milestones": (
        "item_id TEXT NOT NULL REFERENCES items(id), key TEXT NOT NULL, position INTEGER NOT NULL, "
        "due TEXT NOT NULL, due_label TEXT NOT NULL, due_start TEXT, due_end TEXT, text TEXT, condition TEXT, "
        "PRIMARY KEY (item_id, key)",
        "One row per milestone. due_start and due_end bound the due period (a quarter is an interval, not a day); "
        "empty when undated (ongoing, TBD, conditional).",
    ),
    "reports": (
        "item_id TEXT NOT NULL, milestone_key TEXT NOT NULL, date TEXT NOT NULL, status TEXT NOT NULL, note TEXT, source TEXT NOT NULL, "
        "expected TEXT, done_by INTEGER NOT NULL, "
        "FOREIGN KEY (item_id, milestone_key) REFERENCES milestones(item_id, key)",
        "The progress reports on milestones, each with its source. date: the day, or the month when the source gives no day; "
        "expected: a new expected period; done_by: 1 where the source says only that the milestone was done by then.",
    ),
    "status": (
        "item_id TEXT NOT NULL, milestone_key TEXT NOT NULL, as_at TEXT NOT NULL, state TEXT NOT NULL, state_label TEXT NOT NULL, state_text TEXT NOT NULL, "
        "reported INTEGER NOT NULL, report_date TEXT, report_status TEXT, report_note TEXT, report_source TEXT, "
        "report_expected TEXT, report_done_by INTEGER, "
        "PRIMARY KEY (item_id, milestone_key), FOREIGN KEY (item_id, milestone_key) REFERENCES milestones(item_id, key)",
        "Each milestone's state as at one day (as_at), from its due period and its reports up to that day; "
        "reported is 0 where no report was made by then.",
    ),
}
DATABASE_NAME = "ctwp"  # Datasette names a database after its file: ctwp.db
SEARCH_DESCRIPTION = "Full-text index (FTS5) of the items' titles, milestones and conditions, and the reports' notes."


def build_database(dataset: Dataset, path: Path, as_at: date) -> None:
    """Write the database of ``dataset`` to ``path`` (which must not exist), its status as at ``as_at``."""
    import sqlite3

    from ctwp.core.errors import EnvironmentFailure

    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        with connection:
            _fill(connection, dataset, as_at)
        connection.execute("VACUUM")
    except sqlite3.OperationalError as error:
        if "fts5" in str(error):  # SQLite built without full-text search
            raise EnvironmentFailure(f"cannot write the database: {error}", "use a Python whose SQLite has FTS5") from None
        raise
    finally:
        connection.close()


def _fill(connection, dataset: Dataset, as_at: date) -> None:
    for name, (columns, _) in TABLES.items():
        connection.execute(f"CREATE TABLE {name} ({columns})")
    connection.execute("CREATE VIRTUAL TABLE search USING fts5(item_id UNINDEXED, field UNINDEXED, text)")
    insert = _inserter(connection)
    insert(
        "editions",
        [
            (located.programme.year, located.programme.title, located.programme.source, located.programme.draft)
            for located in dataset.programmes
        ],
    )
    insert(
        "agencies",
        [
            (row["code"], row["name"], row["kind"], dataset.registry.agencies[row["code"]].note, row["total"])
            for row in agency_rows(dataset)
        ],
    )
    insert(
        "recommendations",
        [
            (row["rec"], row["group"], row["subject"], row["subject_confirmed"], *_report_columns(row["status"]))
            for row in subject_cells(recommendation_rows(dataset))
        ],
    )
    rows = item_rows(dataset, ItemFilter())
    # An item refers to the one it continues, which an earlier edition holds: earlier years first.
    insert(
        "items",
        [
            (row["id"], row["year"], row["group_id"], row["group"], row["title"], row["lead_text"], (row["continues"] or {}).get("id"))
            for row in rows
        ],
    )
    insert("item_leads", [(row["id"], lead, position) for row in rows for position, lead in enumerate(row["leads"], 1)])
    insert("item_recs", [(row["id"], rec, position) for row in rows for position, rec in enumerate(row["recs"], 1)])
    milestones, search = [], [(row["id"], "title", row["title"]) for row in rows]
    for found in all_items(dataset):
        item_id = found.item.id
        for position, (key, milestone) in enumerate(zip(milestone_keys(found.item.milestones), found.item.milestones, strict=True), 1):
            row = milestone_row(found, milestone)
            milestones.append(
                (
                    item_id,
                    key,
                    position,
                    row["due"],
                    row["due_label"],
                    row["due_start"],
                    row["due_end"],
                    milestone.text,
                    milestone.condition,
                )
            )
            search += [
                (item_id, field, text) for field, text in (("milestone", milestone.text), ("condition", milestone.condition)) if text
            ]
    insert("milestones", milestones)
    reports = report_rows(dataset)
    insert("reports", [tuple(report[field] for field in REPORT_ROW_FIELDS) for report in reports])
    search += [(report["item_id"], "note", report["note"]) for report in reports if report["note"]]
    insert(
        "status",
        [
            (
                row["id"],
                row["milestone_key"],
                row["as_at"],
                row["state"],
                row["state_label"],
                row["state_text"],
                row["reported"],
                *_report_columns(row["report"]),
            )
            for row in (status_row(status, as_at) for status in milestone_statuses(dataset, ItemFilter(), as_at))
        ],
    )
    insert("search", search)


def _inserter(connection):
    def insert(table: str, rows: list[tuple]) -> None:
        if rows:
            marks = ", ".join("?" * len(rows[0]))
            connection.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)

    return insert


def _report_columns(report: dict | None) -> tuple:
    """A report's fields (``REPORT_FIELDS``: date, status, note, source, expected, done_by), or nulls."""
    return tuple(report[name] for name in REPORT_FIELDS) if report else (None,) * len(REPORT_FIELDS)


def datasette_metadata(dataset: Dataset, as_at: date, base_url: str | None = None) -> str:
    """Datasette's ``metadata.json`` for the database (``datasette ctwp.db --metadata
    metadata.json``): title, description, terms, sources and each table's description.
    With the site's ``base_url``, it links the site and the terms' notice (downloads/NOTICE.md)."""
    from ctwp.publish.citation import DATA_TERMS, NOTICE_PATH, TITLE, sources

    tables = {name: {"description": words} for name, (_, words) in TABLES.items()}
    tables["status"]["description"] += f" This database is as at {as_at.isoformat()}."
    tables["search"] = {"description": SEARCH_DESCRIPTION}
    metadata = {
        "title": TITLE,
        "description": "New Zealand's Counter-Terrorism Work Programme, each edition as data, with the Royal Commission's "
        f"recommendations its items answer and each milestone's state as at {as_at.isoformat()}. Not an official publication: "
        "the released documents are the authority.",
        "license": DATA_TERMS,
        "source": "; ".join(source["title"] for source in sources(dataset)),
        "databases": {DATABASE_NAME: {"tables": tables}},
    }
    if base_url:
        metadata["license_url"] = f"{base_url}downloads/{NOTICE_PATH}"
        metadata["source_url"] = base_url
    return json.dumps(metadata, indent=2, ensure_ascii=False) + "\n"
