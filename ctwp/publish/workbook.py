"""The data set as a spreadsheet workbook (xlsx), for officials who work in Excel.

A sheet per table (``ctwp.publish.tables``: items, milestones, agencies, recommendations,
reports) and a status register: each milestone's state as at the build's day. Each sheet
holds the rows of the matching CSV output, with the header row bold and frozen and a filter
on it. Text is always written as text: a cell that starts with = + - or @ is never a formula
(the CSV's leading ' is not needed here, since a cell's type is explicit). Whole numbers
(years, counts, recommendation numbers) are numbers.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from ctwp.data.loading import Dataset
from ctwp.publish.formats import csv_cells, display_width
from ctwp.publish.tables import data_tables

SHEET_NAMES = {"status": "status register"}  # the others are named as their tables
_WHOLE_NUMBER = re.compile(r"0|[1-9]\d{0,14}")
_WIDEST = 60  # characters: longer text wraps within its cell
_WIDTH_SAMPLE = 1000  # rows read to size the columns


def workbook_bytes(dataset: Dataset, as_at: date) -> bytes:
    """The workbook of ``dataset``, its status register as at ``as_at``, as the bytes of an xlsx file."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="ctwp-xlsx-") as folder:
        path = Path(folder) / "ctwp.xlsx"
        write_workbook(dataset, path, as_at)
        return path.read_bytes()


def write_workbook(dataset: Dataset, path: Path, as_at: date) -> None:
    """Write the workbook of ``dataset`` to ``path``, its status register as at ``as_at``.

    Rows are written in order and each is flushed to disk as the next begins (XlsxWriter's
    ``constant_memory``, which needs a file), so memory does not grow with the rows; cells
    carry no format of their own: a column's format wraps its text."""
    import xlsxwriter  # only where a workbook is written

    # No formulas, URLs or numbers guessed from text: every cell is written with its type.
    options = {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    workbook = xlsxwriter.Workbook(str(path), options)
    workbook.set_properties({"title": "Counter-Terrorism Work Programme", "comments": f"Milestone states as at {as_at.isoformat()}"})
    bold = workbook.add_format({"bold": True, "text_wrap": True, "valign": "top"})
    wrapped = workbook.add_format({"text_wrap": True, "valign": "top"})
    whole_number = _WHOLE_NUMBER.fullmatch
    for name, (fields, rows) in data_tables(dataset, as_at).items():
        header, records = csv_cells(rows, fields)
        sheet = workbook.add_worksheet(SHEET_NAMES.get(name, name))
        # Widths from the first rows: enough to size a column, at a cost that does not grow with the sheet.
        sample = records[:_WIDTH_SAMPLE]
        for column, title in enumerate(header):
            widest = max([display_width(title), *(display_width(record[column]) for record in sample)])
            sheet.set_column(column, column, min(widest, _WIDEST) + 2, wrapped)
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, max(len(records), 1), len(header) - 1)
        for column, title in enumerate(header):
            sheet.write_string(0, column, title, bold)
        write_string, write_number = sheet.write_string, sheet.write_number
        for row, record in enumerate(records, start=1):
            for column, cell in enumerate(record):
                if not cell:
                    continue
                if whole_number(cell):
                    write_number(row, column, int(cell))
                else:
                    write_string(row, column, cell)
    workbook.close()
