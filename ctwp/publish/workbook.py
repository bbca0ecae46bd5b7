"""The data set as a spreadsheet workbook (xlsx), for officials who work in Excel.

A sheet per table (``ctwp.publish.tables``: items, milestones, agencies, recommendations,
reports) and a status register: each milestone's state as at the build's day. Each sheet
holds the rows of the matching CSV output, with the header row bold and frozen and a filter
on it. Text is always written as text: a cell that starts with = + - or @ is never a formula
(the CSV's leading ' is not needed here, since a cell's type is explicit). Whole numbers
(years, counts, recommendation numbers) are numbers.
"""

from __future__ import annotations

import io
import re
from datetime import date

from ctwp.data.loading import Dataset
from ctwp.publish.formats import csv_cells, display_width
from ctwp.publish.tables import data_tables

SHEET_NAMES = {"status": "status register"}  # the others are named as their tables
_WHOLE_NUMBER = re.compile(r"0|[1-9]\d{0,14}")
_WIDEST = 60  # characters: longer text wraps within its cell


def workbook_bytes(dataset: Dataset, as_at: date) -> bytes:
    """The workbook of ``dataset``, its status register as at ``as_at``, as the bytes of an xlsx file."""
    import xlsxwriter  # only where a workbook is written

    buffer = io.BytesIO()
    # No formulas, URLs or numbers guessed from text: every cell is written with its type.
    options = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    workbook = xlsxwriter.Workbook(buffer, options)
    workbook.set_properties({"title": "Counter-Terrorism Work Programme", "comments": f"Milestone states as at {as_at.isoformat()}"})
    bold = workbook.add_format({"bold": True, "text_wrap": True, "valign": "top"})
    wrapped = workbook.add_format({"text_wrap": True, "valign": "top"})
    for name, (fields, rows) in data_tables(dataset, as_at).items():
        header, records = csv_cells(rows, fields)
        sheet = workbook.add_worksheet(SHEET_NAMES.get(name, name))
        for column, title in enumerate(header):
            sheet.write_string(0, column, title, bold)
        for row, record in enumerate(records, start=1):
            for column, cell in enumerate(record):
                if _WHOLE_NUMBER.fullmatch(cell):
                    sheet.write_number(row, column, int(cell))
                elif cell:
                    sheet.write_string(row, column, cell, wrapped)
        for column, title in enumerate(header):
            widest = max([display_width(title), *(display_width(record[column]) for record in records)])
            sheet.set_column(column, column, min(widest, _WIDEST) + 2)
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, max(len(records), 1), len(header) - 1)
    workbook.close()
    return buffer.getvalue()
