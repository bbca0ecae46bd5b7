"""The one output layer of the query commands: rows as a table, JSON, CSV or Markdown.

JSON is the rows themselves, a list of objects. The other formats show the columns a
command chooses. Notes about a result (the filter applied, what was left out) go to stderr,
so that stdout stays clean for a pipe. rich is imported only to draw a table.
"""

from __future__ import annotations

import csv
import json
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum


class OutputFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


@dataclass(frozen=True)
class Column:
    header: str
    key: str
    whole: bool = False  # ids and dates: never wrapped or cut
    value: Callable[[dict], object] | None = None  # how to show it, when not simply row[key]
    below: Column | None = None  # in a table, shown under this one in the same cell, to save width
    one_per_line: bool = False  # in a table, a list shows one entry a line

    def cell(self, row: dict, in_table: bool = False) -> str:
        value = self.value(row) if self.value else row.get(self.key)
        return cell_text(value, "\n" if in_table and self.one_per_line else ", ")


def cell_text(value: object, separator: str = ", ") -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return separator.join(cell_text(part) for part in value)
    return str(value)


def emit(
    rows: list[dict], columns: list[Column], output_format: OutputFormat, notes: list[str] = (), empty: str = "no items match"
) -> None:
    """Write ``rows`` to stdout in ``output_format``; ``notes`` and the ``empty`` message to stderr."""
    if output_format is OutputFormat.json:
        write_json(rows)
    elif output_format is OutputFormat.csv:
        flat = _side_by_side(columns)
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow([column.header for column in flat])
        writer.writerows([column.cell(row) for column in flat] for row in rows)
    elif rows and output_format is OutputFormat.markdown:
        sys.stdout.write(markdown_table(rows, _side_by_side(columns)))
    elif rows:
        _rich_table(rows, columns)
    if not rows and output_format in (OutputFormat.table, OutputFormat.markdown):
        notes = [empty, *notes]
    for note in notes:
        print(note, file=sys.stderr)


def emit_record(record: dict, fields: list[tuple[str, str]], output_format: OutputFormat) -> None:
    """Write one record: as JSON the record itself, otherwise ``fields`` as (label, text) pairs."""
    if output_format is OutputFormat.json:
        write_json(record)
        return
    rows = [{"field": label, "value": text} for label, text in fields]
    columns = [Column("Field", "field", whole=True), Column("Value", "value")]
    if output_format is OutputFormat.csv:
        csv.writer(sys.stdout, lineterminator="\n").writerows([[label, text] for label, text in fields])
    elif output_format is OutputFormat.markdown:
        sys.stdout.write(markdown_table(rows, columns))
    else:
        _rich_table(rows, columns, show_header=False)


def write_json(value: object) -> None:
    sys.stdout.write(json_text(value) + "\n")


_ENCODE = json.JSONEncoder(ensure_ascii=False).encode


def json_text(value: object) -> str:
    """JSON with each entry of a list, or each key of an object, on a line of its own.

    Readable, and fast: json's indented output is encoded in Python, this line by line in C.
    """
    if isinstance(value, list) and value:
        return "[\n" + ",\n".join("  " + _ENCODE(entry) for entry in value) + "\n]"
    if isinstance(value, dict) and value:
        return "{\n" + ",\n".join(f"  {_ENCODE(key)}: {_ENCODE(entry)}" for key, entry in value.items()) + "\n}"
    return _ENCODE(value)


def markdown_table(rows: list[dict], columns: list[Column]) -> str:
    def escape(text: str) -> str:
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", "<br>")

    lines = ["| " + " | ".join(column.header for column in columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(escape(column.cell(row)) for column in columns) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def text_table(rows: list[dict], columns: list[Column]) -> list[str]:
    """Rows as lines of plain text in aligned columns, the headers first."""
    cells = [[column.header for column in columns]] + [[column.cell(row) for column in columns] for row in rows]
    widths = [max(len(line[index]) for line in cells) for index in range(len(columns))]
    return ["  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip() for line in cells]


def markdown_text(text: str) -> str:
    """Text to read as written in Markdown: what would format it is escaped, line breaks kept."""
    return re.sub(r"([\\`*_\[\]<>|])", r"\\\1", text).replace("\n", "<br>")


def console():
    """A rich console for stdout, without colour when NO_COLOR is set."""
    from rich.console import Console

    return Console(no_color="NO_COLOR" in os.environ, highlight=False)


def _side_by_side(columns: list[Column]) -> list[Column]:
    """Stacked columns next to each other, as CSV and Markdown show them."""
    return [part for column in columns for part in (column, column.below) if part]


def _rich_table(rows: list[dict], columns: list[Column], show_header: bool = True) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(box=box.SIMPLE_HEAD if show_header else None, header_style="bold", show_header=show_header, show_edge=False)
    for column in columns:
        header = column.header + (f" / {column.below.header}" if column.below else "")
        if column.whole:
            widest = max(len(line) for row in rows for line in [column.header, *column.cell(row, True).splitlines()])
            # A fixed width keeps the value whole; the last column may grow into what is left.
            # (Several min_width columns can make rich crop a cell instead of wrapping it.)
            if column is columns[-1]:
                table.add_column(header, min_width=widest, overflow="fold")
            else:
                table.add_column(header, width=widest, overflow="fold")
        else:
            table.add_column(header, overflow="fold")
    for row in rows:
        cells = []
        for column in columns:
            cell = Text(column.cell(row, True))  # Text, not markup: "[withheld: ...]" prints as written
            if column.below and (below := column.below.cell(row, True)):
                cell.append("\n" + below, style="dim")
            cells.append(cell)
        table.add_row(*cells)
    console().print(table)
