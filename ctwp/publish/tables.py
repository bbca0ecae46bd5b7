"""The data set's tables as the CSV outputs give them, for the workbook and the database.

Each table is the rows of a command's ``--format csv`` (``TABLE_COMMANDS``), from the same
row functions, so a download says what the command line says.
"""

from __future__ import annotations

from datetime import date

from ctwp.analysis.progress import STATUS_FIELDS, milestone_statuses, status_row
from ctwp.analysis.queries import (
    ITEM_FIELDS,
    REPORT_FIELDS,
    ItemFilter,
    agency_rows,
    due_rows,
    item_rows,
    recommendation_rows,
    report_fields,
)
from ctwp.analysis.words import subject_cells
from ctwp.data.loading import Dataset

# Which command's CSV each table is: the tests compare the two.
TABLE_COMMANDS = {
    "items": ("list",),
    "milestones": ("due",),
    "agencies": ("agencies",),
    "recommendations": ("recs",),
    "reports": None,  # no command lists every report
    "status": ("status", "--as-at"),  # followed by the as-at day
}
REPORT_ROW_FIELDS = ("item_id", "milestone_key", *REPORT_FIELDS)


def report_rows(dataset: Dataset) -> list[dict]:
    """Every progress report on a milestone, by milestone and then by date."""
    rows = []
    for reference, reports in dataset.reports.items():
        item_id, key = reference.split("/", 1)
        rows += [{"item_id": item_id, "milestone_key": key, **report_fields(report)} for report in reports]
    return rows


def data_tables(dataset: Dataset, as_at: date) -> dict[str, tuple[list[str], list[dict]]]:
    """Each table by name: its CSV fields (the first columns; more follow from the rows) and its rows."""
    years = [str(year) for year in dataset.years()]
    return {
        "items": (list(ITEM_FIELDS), item_rows(dataset, ItemFilter())),
        "milestones": (list(ITEM_FIELDS), due_rows(dataset, ItemFilter(), []).rows),
        "agencies": (["code", "name", "kind", *(f"items_led_{year}" for year in years), "total"], agency_rows(dataset)),
        "recommendations": (
            [
                "rec",
                "group",
                "subject",
                "subject_confirmed",
                *(f"items_{year}" for year in years),
                *(f"titles_{year}" for year in years),
                *(f"status_{name}" for name in REPORT_FIELDS),
            ],
            subject_cells(recommendation_rows(dataset)),
        ),
        "reports": (list(REPORT_ROW_FIELDS), report_rows(dataset)),
        "status": (list(STATUS_FIELDS), [status_row(status, as_at) for status in milestone_statuses(dataset, ItemFilter(), as_at)]),
    }
