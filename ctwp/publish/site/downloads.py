"""The site's downloads: the data as CSV (with its Frictionless description and terms), JSON
and iCalendar, every progress report, an SQLite database (with Datasette's metadata), an xlsx
workbook, the JSON Schema, the data's notice, and the pictures on their own. The CSV files are
written by the one CSV writer, ``ctwp.publish.formats.write_csv_rows``, as ``ctwp list
--format csv`` is; the database and the workbook by ``ctwp.publish.sqlite`` and
``ctwp.publish.workbook``, as ``ctwp export`` writes them.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from ctwp.analysis.queries import Found, item_title, recommendation_rows, report_fields
from ctwp.analysis.vocabulary import State
from ctwp.publish.citation import DATA_TERMS, NOTICE_PATH, package_terms
from ctwp.publish.formats import write_csv_rows
from ctwp.publish.site.paths import SITE_NAME

if TYPE_CHECKING:
    from ctwp.data.loading import Dataset
    from ctwp.data.records import Report
    from ctwp.publish.site.context import SiteData


@dataclass(frozen=True)
class Download:
    """A file of the downloads. Its text is made only when it is written (``content``), one
    file at a time, so that a large data set's texts are never all held at once; a database
    or a workbook is written to its path by ``write``."""

    path: str  # relative to the site's root
    kind: str  # its format, in words
    words: str  # what it holds
    content: Callable[[], str] | None = None
    write: Callable[[Path], None] | None = None


def download_files(site: SiteData) -> list[Download]:
    """Every file of the site's downloads, with what the downloads page says of it."""
    from ctwp.analysis.queries import ItemFilter
    from ctwp.publish.calendar import ics_text, milestone_events
    from ctwp.publish.pictures import coverage_svg
    from ctwp.publish.sqlite import build_database, datasette_metadata
    from ctwp.publish.tables import report_rows
    from ctwp.publish.workbook import write_workbook

    status_files = cache(lambda: _status_files(site))  # status.csv and status.json share their rows
    reports = cache(lambda: report_rows(site.dataset))
    downloads = [
        _text("items.csv", "CSV", "one row per item of every edition", lambda: _items_csv(site.found)),
        _text("milestones.csv", "CSV", "one row per milestone, with its due period as an interval", lambda: _milestones_csv(site.found)),
        _text(
            "status.csv",
            "CSV",
            f"one row per milestone with its state and latest report as at {site.as_at_label}",
            lambda: status_files()[0],
        ),
        _text(
            "status.json",
            "JSON",
            f"the same as JSON, each milestone with every report made on it by {site.as_at_label}",
            lambda: status_files()[1],
        ),
        _text(
            "datapackage.json",
            "Frictionless Data Package",
            "describes the CSV files (fields, types and keys), their terms, sources and contributors",
            lambda: _datapackage(site.dataset, site.as_at),
        ),
        _text(
            "reports.csv",
            "CSV",
            "every progress report on a milestone, by milestone and date",
            lambda: _csv(_REPORT_FIELDS, [[row[name] for name, _, _ in _REPORT_FIELDS] for row in reports()]),
        ),
        _text(
            "reports.json",
            "JSON",
            "the same as JSON",
            lambda: json.dumps({"generated": site.note, "reports": reports()}, ensure_ascii=False) + "\n",
        ),
        _written(
            "ctwp.db",
            "SQLite database",
            f"every table in one file, with a full-text index, states as at {site.as_at_label} (as 'ctwp export --format sqlite')",
            lambda path: build_database(site.dataset, path, site.as_at),
        ),
        _text(
            "metadata.json",
            "Datasette metadata",
            "titles, terms and sources for ctwp.db: datasette ctwp.db --metadata metadata.json",
            lambda: datasette_metadata(site.dataset, site.as_at, site.base_url),
        ),
        _written(
            "ctwp.xlsx",
            "Excel workbook",
            f"a sheet per table and a status register as at {site.as_at_label} (as 'ctwp export --format xlsx')",
            lambda path: write_workbook(site.dataset, path, site.as_at),
        ),
        _text("programme.json", "JSON", "every edition with every item, as 'ctwp show --format json' gives it", lambda: _json(site)),
        _text(
            "milestones.ics",
            "iCalendar",
            "the dated milestones, to import into a calendar",
            lambda: ics_text(milestone_events(site.dataset, ItemFilter(), site.records).events),
        ),
        _text("ctwp.schema.json", "JSON Schema", "the format of a programme file", _schema_text),
        _text(
            "coverage.svg",
            "SVG",
            "the coverage matrix, on its own",
            lambda: coverage_svg(recommendation_rows(site.dataset), site.years) + "\n",
        ),
        _text(NOTICE_PATH, "Markdown", "the data's terms: what may be reused, and on what terms", lambda: _notice(site.dataset)),
    ]
    # The home page's picture, at the root so that its links to items work from there too.
    return [*downloads, Download("timeline.svg", "SVG", "the timeline picture, on its own", lambda: site.timeline + "\n")]


def _text(name: str, kind: str, words: str, content: Callable[[], str]) -> Download:
    return Download(f"downloads/{name}", kind, words, content=content)


def _written(name: str, kind: str, words: str, write: Callable[[Path], None]) -> Download:
    return Download(f"downloads/{name}", kind, words, write=write)


def _notice(dataset: Dataset) -> str:
    """The data folder's NOTICE.md, which travels with the data; the terms in brief where it has none."""
    path = dataset.data_dir / NOTICE_PATH
    if path.is_file():
        return path.read_text(encoding="utf-8")
    return f"# Terms of the data\n\n{DATA_TERMS}\n"


def _status_rows(site: SiteData) -> list[tuple[list, list[Report]]]:
    """A row of ``_STATUS_FIELDS`` for each milestone (None where there is no value), with
    the reports made on it by the as-at day."""
    rows = []
    day = site.as_at.isoformat()
    for statuses in site.statuses.values():
        for position, status in enumerate(statuses, 1):
            due, report = status.milestone.due, status.report
            made = site.reports_made.get(status.reference, ())
            rows.append(
                (
                    [
                        status.found.item.id,
                        status.key,
                        position,
                        status.found.programme.year,
                        due.canonical,
                        due.start.isoformat() if due.dated else None,
                        due.end.isoformat() if due.dated else None,
                        day,
                        status.state.value,
                        len(made),
                        *((report.date.canonical, report.status, report.note, report.source) if report else (None,) * 4),
                    ],
                    made,
                )
            )
    return rows


def _status_files(site: SiteData) -> tuple[str, str]:
    """status.csv, and status.json: the same rows, each with every report made by the as-at day."""
    rows = _status_rows(site)
    names = [name for name, _, _ in _STATUS_FIELDS]
    milestones = [dict(zip(names, row, strict=True), reports=list(map(report_fields, made))) for row, made in rows]
    text = json.dumps({"generated": site.note, "as_at": site.as_at.isoformat(), "milestones": milestones}, ensure_ascii=False)
    return _csv(_STATUS_FIELDS, [row for row, _ in rows]), text + "\n"


def _json(site: SiteData) -> str:
    editions = []
    for programme in site.programmes:
        items = [site.records[item.id] for _, item in programme.items()]
        editions.append({"year": programme.year, "title": programme.title, "source": programme.source, "items": items})
    # Without indent, json encodes in C: several times faster on a large data set.
    return json.dumps({"generated": site.note, "editions": editions}, ensure_ascii=False) + "\n"


def _schema_text() -> str:
    """The JSON Schema as committed (a test keeps it current) or shipped in the package; made
    from the model only when neither is there, since that loads the validator."""
    package = Path(__file__).resolve().parents[2]
    for path in (package / "_schema" / "ctwp.schema.json", package.parent / "schema" / "ctwp.schema.json"):
        if path.is_file():
            return path.read_text(encoding="utf-8")
    from ctwp.data.schema import schema_text

    return schema_text()


# The CSV files and their Frictionless description: one list, so the two cannot drift.
_ITEM_FIELDS = (
    ("year", "integer", "the edition"),
    ("id", "string", "the item's id"),
    ("group_id", "string", "the id of its group (2021 initiative, 2022 capability)"),
    ("group", "string", "the title of its group"),
    ("title", "string", "the item's title; [withheld: GROUNDS] when withheld, as 'ctwp list' gives it"),
    ("leads", "string", "agency codes, joined with '; '"),
    ("lead_text", "string", "the lead in words where it is not an agency"),
    ("recs", "string", "RCOI recommendation numbers, joined with '; '"),
    ("continues", "string", "the id of the item of an earlier edition it carries on"),
    ("withheld", "string", "the Official Information Act grounds its content was withheld on, joined with '; '"),
)
_MILESTONE_FIELDS = (
    ("item_id", "string", "the id of the item"),
    ("position", "integer", "the milestone's place among the item's milestones, from 1"),
    ("year", "integer", "the edition"),
    ("due", "string", "the due period in canonical form (2022-Q4, 2022-12, ongoing...)"),
    ("due_label", "string", "the due period as people write it"),
    ("due_start", "date", "the first day of the due period; empty when undated"),
    ("due_end", "date", "the last day of the due period; empty when undated"),
    ("text", "string", "the milestone in the source's words"),
    ("condition", "string", "what a conditional milestone waits on"),
)


_REPORT_FIELDS = (
    ("item_id", "string", "the id of the item"),
    ("milestone_key", "string", "the milestone's key in its item"),
    ("date", "string", "the day the report speaks for, or its month (2022-06) when the source gives no day"),
    ("status", "string", "what the report says of the milestone"),
    ("note", "string", "its note"),
    ("source", "string", "where it was reported"),
    ("expected", "string", "a new expected period, where the report gives one"),
    ("done_by", "boolean", "true where the source says only that the milestone was done by the report's date"),
)

_STATUS_FIELDS = (
    ("item_id", "string", "the id of the item"),
    ("milestone_key", "string", "the milestone's key in its item"),
    ("position", "integer", "the milestone's place among the item's milestones, from 1"),
    ("year", "integer", "the edition"),
    ("due", "string", "the due period in canonical form"),
    ("due_start", "date", "the first day of the due period; empty when undated"),
    ("due_end", "date", "the last day of the due period; empty when undated"),
    ("as_at", "date", "the day the state is given as at"),
    ("state", "string", "one of: " + ", ".join(state.value for state in State)),
    ("report_count", "integer", "how many progress reports were made on or before the as-at day; 0: unreported"),
    ("report_date", "string", "the day (or month) of the latest report on or before the as-at day; empty when unreported"),
    ("report_status", "string", "what that report says"),
    ("report_note", "string", "its note"),
    ("report_source", "string", "its source"),
)


def _csv(header: tuple, rows: list[list]) -> str:
    out = io.StringIO()
    write_csv_rows(out, [[name for name, _, _ in header], *rows])
    return out.getvalue()


def _joined(values: list) -> str:
    return "; ".join(map(str, values))


def _items_csv(found_items: list[Found]) -> str:
    rows = []
    for found in found_items:
        item = found.item
        rows.append(
            [
                found.programme.year,
                item.id,
                found.group.id,
                found.group.title,
                item_title(item),
                _joined(item.leads),
                item.lead_text or "",
                _joined(item.recs),
                item.continues or "",
                _joined(item.withheld.grounds) if item.withheld else "",
            ]
        )
    return _csv(_ITEM_FIELDS, rows)


def _milestones_csv(found_items: list[Found]) -> str:
    rows = []
    for found in found_items:
        for position, milestone in enumerate(found.item.milestones, 1):
            due = milestone.due
            rows.append(
                [
                    found.item.id,
                    position,
                    found.programme.year,
                    due.canonical,
                    due.label,
                    due.start.isoformat() if due.dated else "",
                    due.end.isoformat() if due.dated else "",
                    milestone.text or "",
                    milestone.condition or "",
                ]
            )
    return _csv(_MILESTONE_FIELDS, rows)


def _schema(fields: tuple) -> list[dict]:
    return [{"name": name, "type": kind, "description": words} for name, kind, words in fields]


def _resource(name: str, fields: tuple, primary_key: list[str], **more: str) -> dict:
    """A CSV file of the site as a Frictionless tabular data resource; all but ``items`` refer to an item."""
    schema: dict = {"fields": _schema(fields)}
    if primary_key:  # reports has none: two reports on one milestone may share a day
        schema["primaryKey"] = primary_key
    if name != "items":
        schema["foreignKeys"] = [{"fields": "item_id", "reference": {"resource": "items", "fields": "id"}}]
    schema["missingValues"] = [""]
    return {
        "name": name,
        "path": f"{name}.csv",
        **more,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": schema,
    }


def _datapackage(dataset: Dataset, as_at: date) -> str:
    status_words = (
        f"Each milestone's state and latest progress report as at {as_at.isoformat()}. The values depend "
        "on that day, the as-at day the site was built for ('ctwp site --as-at'); the same data as at another day differs."
    )
    package = {
        "profile": "tabular-data-package",
        "name": "nz-counter-terrorism-work-programme",
        "title": SITE_NAME,
        "description": "New Zealand's Counter-Terrorism Work Programme, each edition released under the Official Information Act 1982.",
        "resources": [
            _resource("items", _ITEM_FIELDS, ["id"]),
            _resource("milestones", _MILESTONE_FIELDS, ["item_id", "position"]),
            _resource("status", _STATUS_FIELDS, ["item_id", "milestone_key"], description=status_words),
            _resource("reports", _REPORT_FIELDS, ["item_id", "milestone_key", "date"]),
        ],
        **package_terms(dataset, NOTICE_PATH),
    }
    return json.dumps(package, indent=2, ensure_ascii=False) + "\n"
