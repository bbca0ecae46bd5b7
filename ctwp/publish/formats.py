"""The one output layer of the query commands: rows as a table, JSON, CSV or Markdown.

JSON is the rows themselves, a list of objects; CSV is the same fields, flattened (see
``csv_record``). A table and Markdown show the columns a command chooses. Notes about a
result (the filter applied, what was left out) go to stderr, so that stdout stays clean for
a pipe.

Tables are drawn here rather than by rich: the layout is linear in the size of the output,
and the wrapping rules are ours. Text breaks only between words; an id or a date is never
cut; when the columns cannot fit the width, each row is shown as a block of its own.
"""

from __future__ import annotations

import csv
import functools
import os
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from enum import Enum
from itertools import chain, islice
from typing import NamedTuple, TextIO

from ctwp.core.errors import one_line
from ctwp.publish.escape import csv_cell, markdown_cell, markdown_code


class OutputFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


class Column(NamedTuple):
    header: str
    key: str
    whole: bool = False  # ids and dates: never wrapped or cut
    value: Callable[[dict], object] | None = None  # how to show it, when not simply row[key]
    below: Column | None = None  # in a table, shown under this one in the same cell, to save width
    one_per_line: bool = False  # in a table, a list shows one entry a line
    dim: bool = False  # in a coloured table, shown dimmed (an id under the title it belongs to)
    code: bool = False  # in Markdown, a code span (a path, a rule id)

    def cell(self, row: dict, in_table: bool = False) -> str:
        value = self.value(row) if self.value else row.get(self.key)
        return cell_text(value, "\n" if in_table and self.one_per_line else ", ")


class Quiet(str):
    """An entry of a one-per-line list shown whole and, in colour, dimmed: an id under its title."""


def cell_text(value: object, separator: str = ", ") -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return separator.join(cell_text(part) for part in value)
    return str(value)


def emit(
    rows: list[dict],
    columns: list[Column],
    output_format: OutputFormat,
    notes: list[str] = (),
    empty: str = "no items match",
    fields: Sequence[str] = (),
) -> None:
    """Write ``rows`` to stdout in ``output_format``; ``notes`` and the ``empty`` message to stderr.

    ``fields`` names the CSV columns (by default, the columns' keys); a field of the rows not
    among them is added after them.
    """
    if output_format is OutputFormat.json:
        write_json(rows)
    elif output_format is OutputFormat.csv:
        write_csv(rows, fields or ([] if rows else [column.key for column in _side_by_side(columns)]))
    elif rows and output_format is OutputFormat.markdown:
        sys.stdout.write(markdown_table(rows, _side_by_side(columns)))
    elif rows:
        write_table(rows, columns)
    if not rows and output_format in (OutputFormat.table, OutputFormat.markdown):
        notes = [empty, *notes]
    for note in notes:
        print(one_line(note), file=sys.stderr)


def emit_record(record: dict, fields: list[tuple[str, str]], output_format: OutputFormat) -> None:
    """Write one record: as JSON the record itself, otherwise ``fields`` as (label, text) pairs."""
    if output_format is OutputFormat.json:
        write_json(record)
        return
    rows = [{"field": label, "value": text} for label, text in fields]
    columns = [Column("Field", "field", whole=True), Column("Value", "value")]
    if output_format is OutputFormat.csv:
        write_csv_rows(sys.stdout, fields)
    elif output_format is OutputFormat.markdown:
        sys.stdout.write(markdown_table(rows, columns))
    else:
        write_table(rows, columns, show_header=False)


def write_json(value: object) -> None:
    sys.stdout.write(json_text(value) + "\n")


@functools.cache
def _json_encode() -> Callable[[object], str]:
    import json  # only for JSON output: a table or CSV does without it

    return json.JSONEncoder(ensure_ascii=False).encode


def json_text(value: object) -> str:
    """JSON with each entry of a list, or each key of an object, on a line of its own.

    Readable, and fast: json's indented output is encoded in Python, this line by line in C.
    """
    encode = _json_encode()
    if isinstance(value, list) and value:
        return "[\n" + ",\n".join("  " + encode(entry) for entry in value) + "\n]"
    if isinstance(value, dict) and value:
        return "{\n" + ",\n".join(f"  {encode(key)}: {encode(entry)}" for key, entry in value.items()) + "\n}"
    return encode(value)


# CSV -------------------------------------------------------------------------------------

LIST_SEPARATOR = "; "  # how CSV joins a list in one cell: codes, ids and numbers never contain it


def write_csv_rows(stream: TextIO, rows: Iterable[Sequence]) -> None:
    """The one CSV writer, of the commands and the site alike: every text cell through
    ``csv_cell`` (a formula stays text), None as an empty cell, true and false as in JSON, each line ended with \\n."""
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerows([_cell(cell) for cell in row] for row in rows)


def _cell(value: object) -> object:
    """A value as a CSV cell: text guarded, None empty, true and false as JSON writes them."""
    kind = type(value)
    if kind is str:
        return csv_cell(value)
    if kind is bool:
        return "true" if value else "false"
    return "" if value is None else value


def write_csv(rows: list[dict], fields: Sequence[str] = ()) -> None:
    """Rows as CSV with a header row: the JSON fields, flattened by ``csv_record``."""
    header, records = csv_cells(rows, fields)
    write_csv_rows(sys.stdout, [header, *records])


def csv_cells(rows: list[dict], fields: Sequence[str] = ()) -> tuple[list[str], list[list[str]]]:
    """The header and the cells of ``rows``, flattened by ``csv_record`` and not yet guarded
    against formulas: the CSV writer guards them, and a workbook types its cells instead.

    The header is ``fields``, then any other field of the rows in their order. A field that
    is an object in some rows and null in others (a milestone's latest report) gives the
    object's columns in every row, empty where it is null.
    """
    shape: dict = {}
    for row in rows:
        for key, value in row.items():
            if shape.get(key) is None:
                shape[key] = value if type(value) is dict else shape.get(key, value)
    # An object null in every row still has its columns where ``fields`` names them.
    objects = {key for key, value in shape.items() if type(value) is dict or any(field.startswith(f"{key}_") for field in fields)}
    header = list(fields)
    named = set(header)
    header += [
        column for column in csv_record({key: value for key, value in shape.items() if key not in objects or value}) if column not in named
    ]
    records = []
    for row in rows:
        record = csv_record({key: value for key, value in row.items() if value is not None or key not in objects})
        records.append([record.get(column, "") for column in header])
    return header, records


def csv_record(row: dict, prefix: str = "") -> dict[str, str]:
    """A JSON row as CSV cells: an object's fields are named ``field_key`` (``items_led`` by
    year becomes ``items_led_2021``...), a list is joined with "; ", null is empty, true and
    false are written as in JSON. (The writer guards the cells against formulas.)"""
    record = {}
    for key, value in row.items():
        kind = type(value)
        if kind is str:
            record[prefix + key] = value
        elif kind is int or value is None:
            record[prefix + key] = "" if value is None else str(value)
        elif kind is dict:
            record.update(csv_record(value, f"{prefix}{key}_"))
        else:
            record[prefix + key] = _csv_value(value)
    return record


def _csv_value(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return LIST_SEPARATOR.join(_csv_value(entry) for entry in value)
    if isinstance(value, dict):
        return _json_encode()(value)
    return str(value)


# Markdown --------------------------------------------------------------------------------


def markdown_table(rows: list[dict], columns: list[Column]) -> str:
    """Rows as a Markdown table, every cell escaped by ``markdown_cell`` (or a code span)."""

    def cell(column: Column, row: dict) -> str:
        text = column.cell(row, in_table=True)
        return markdown_code(text) if column.code and text else markdown_cell(text)

    lines = ["| " + " | ".join(markdown_cell(column.header) for column in columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(cell(column, row) for column in columns) + " |" for row in rows]
    return "\n".join(lines) + "\n"


# Terminal --------------------------------------------------------------------------------


def text_table(rows: list[dict], columns: list[Column]) -> list[str]:
    """Rows as lines of plain text in aligned columns, the headers first."""
    cells = [[column.header for column in columns]] + [[column.cell(row) for column in columns] for row in rows]
    widths = [max(len(line[index]) for line in cells) for index in range(len(columns))]
    return ["  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip() for line in cells]


def terminal_width() -> int:
    """The width to lay a table out in: $COLUMNS, else the terminal's, else 80 (a pipe or a file)."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    try:
        if sys.stdout.isatty():
            return os.get_terminal_size(sys.stdout.fileno()).columns
    except (AttributeError, ValueError, OSError):
        pass
    return 80


def hanging_lines(prefix: str, text: str, width: int, indent: int | None = None) -> list[str]:
    """``prefix`` and ``text`` wrapped to ``width``, each further line indented by ``indent``
    (by default, under the text); words are never broken."""
    first_room = max(width - display_width(prefix), 20)
    if display_width(text) <= first_room:
        return [prefix + text]
    first, *rest = _wrap(text, first_room)
    indent = display_width(prefix) if indent is None else indent
    rest = _wrap(" ".join(rest), max(width - indent, 20)) if indent != display_width(prefix) else rest
    return [prefix + first, *(" " * indent + line for line in rest)]


def colour_wanted() -> bool:
    """Colour only on a terminal, and not when NO_COLOR is set (https://no-color.org) or TERM is dumb."""
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def write_table(rows: list[dict], columns: list[Column], show_header: bool = True, width: int | None = None) -> None:
    """Rows as a table ``width`` columns wide (the terminal's by default), written to stdout.

    Columns get their widest line when all fit; otherwise each column gets at least its
    longest word (an id or a date whole) and the space left goes to the columns with the
    most text to show, titles and milestones. When even that is too wide, each row becomes
    a block of "label  value" lines (a table without a header, one record's fields, keeps
    its columns at their least width instead, the last wrapped at the width that is left).
    The work is linear in the size of the text.
    """
    width = width or terminal_width()
    style = _Style(colour_wanted())
    by_column = [_column_cells(column, rows) for column in columns]
    headers = [[_paragraph(_header(column), False, False)] for column in columns] if show_header else None
    widths, fits = _column_widths(by_column, headers, width)
    if not fits and not show_header:
        # One record's fields: the last column takes the width the others leave, and only
        # a word too long for it (a URL) runs past the edge, not every line of the record.
        widths[-1] = max(width - sum(widths[:-1]) - _GAP * (len(widths) - 1), 1)
    write = sys.stdout.write
    if not fits and show_header:
        # Too narrow for the columns side by side: a block per row, each value labelled.
        parts = _side_by_side(columns)
        labels = [part.header for part in parts]
        for index, row in enumerate(rows):
            write(("\n" if index else "") + _block([_paragraphs(part, row, stacked=False) for part in parts], labels, width, style))
        return
    if headers:
        write(_table_lines(headers, widths, style, bold=True))
        write("─" * (sum(widths) + _GAP * (len(widths) - 1)) + "\n")
    rendered = [_column_lines(cells, column_width, style) for cells, column_width in zip(by_column, widths, strict=True)]
    # Each row is as tall as its tallest cell (a row of empty cells, one line). Every column
    # becomes one list of lines, its cells padded with blank lines to their row's height, so
    # that the lines of the table are the columns zipped and joined: no loop in Python per line.
    heights = [max(1, *map(len, row)) for row in zip(*rendered, strict=True)]
    columns_lines = [_padded_lines(cells, heights, column_width) for cells, column_width in zip(rendered, widths, strict=True)]
    lines = (line.rstrip(" ") for line in map((" " * _GAP).join, zip(*columns_lines, strict=True)))
    while chunk := list(islice(lines, 1000)):
        write("\n".join(chunk) + "\n")


_GAP = 2  # spaces between columns


def _padded_lines(cells: list[list[str]], heights: list[int], width: int) -> Iterable[str]:
    """A column's lines, each cell padded with blank lines to the height of its row."""
    blank = " " * width
    return chain.from_iterable(cell + [blank] * (height - len(cell)) for cell, height in zip(cells, heights, strict=True))


# A cell is a list of paragraphs: (text, whole, dim, width on screen). A paragraph that is
# not whole wraps between words; one that is whole (an id, a date) is never broken. The
# width is measured once, for laying the columns out and drawing them.
_Paragraph = tuple[str, bool, bool, int]


def _paragraph(text: str, whole: bool, dim: bool) -> _Paragraph:
    return (text, whole, dim, len(text) if text.isascii() else display_width(text))


class _Style:
    def __init__(self, colour: bool) -> None:
        self.colour = colour

    def __call__(self, text: str, dim: bool = False, bold: bool = False) -> str:
        if not (self.colour and text and (dim or bold)):
            return text
        return f"\x1b[{'1' if bold else '2'}m{text}\x1b[0m"


def _header(column: Column) -> str:
    return column.header + (f" / {column.below.header}" if column.below else "")


def _column_cells(column: Column, rows: list[dict]) -> list[list[_Paragraph]]:
    """The cell of ``column`` in each row: its paragraphs, then those of the column below it.
    A column at a time, as the table's time is mostly spent here."""
    value, key, whole, dim, listed = column.value, column.key, column.whole, column.dim, column.one_per_line
    cells = []
    for row in rows:
        item = value(row) if value else row.get(key)
        if type(item) is list and not listed:
            item = ", ".join(map(cell_text, item))  # as cell_text, a call less per cell
        elif type(item) is not str and not (listed and isinstance(item, list)):
            item = cell_text(item)
        if type(item) is str and "\n" not in item:  # most cells: one paragraph
            cells.append([(item, whole, dim, len(item) if item.isascii() else display_width(item))] if item else [])
        else:
            cells.append(_paragraphs(column, row, stacked=False))
    if column.below:
        for cell, below in zip(cells, _column_cells(column.below, rows), strict=True):
            cell += below
    return cells


def _paragraphs(column: Column, row: dict, stacked: bool = True) -> list[_Paragraph]:
    value = column.value(row) if column.value else row.get(column.key)
    if type(value) is str and "\n" not in value:  # most cells: one paragraph
        paragraphs = [_paragraph(value, column.whole, column.dim)] if value else []
    elif column.one_per_line and isinstance(value, list):
        lines = [(str(entry), column.whole or isinstance(entry, Quiet), column.dim or isinstance(entry, Quiet)) for entry in value]
        paragraphs = [_paragraph(text, whole, dim) for entry, whole, dim in lines for text in entry.split("\n")]
    else:
        text = cell_text(value)
        paragraphs = [_paragraph(line, column.whole, column.dim) for line in text.split("\n")] if text else []
    if column.below and stacked:
        paragraphs += _paragraphs(column.below, row)
    return paragraphs


def display_width(text: str) -> int:
    """Columns ``text`` takes on a terminal: wide (East Asian) characters take two, combining marks none."""
    if text.isascii():
        return len(text)
    return len(text) + sum(map(_extra_width, _NON_ASCII.findall(text)))


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _extra_width(char: str) -> int:
    if unicodedata.combining(char):
        return -1
    return 1 if unicodedata.east_asian_width(char) in "WF" else 0


def _longest_word(text: str) -> int:
    if text.isascii():
        return max(map(len, text.split()), default=0)
    return max(map(display_width, text.split()), default=0)


def _column_widths(by_column: list[list[list[_Paragraph]]], headers: list | None, width: int) -> tuple[list[int], bool]:
    """Each column's width, and whether they fit ``width`` (when not, each its least width).

    Every column gets at least its longest word. The space left goes first to show each
    header on one line, then to bring each column up to its typical line (the mean of its
    cells that are not empty), then to the columns with the longest lines, each in
    proportion to what it still lacks; so one long title does not take the room a column of
    long milestones needs.
    """
    count = len(by_column)
    widest, narrowest, total, filled, header_widths = [0] * count, [0] * count, [0] * count, [0] * count, [0] * count
    for index, cells in enumerate(by_column):
        most = least_width = size_sum = not_empty = 0
        for paragraphs in [headers[index], *cells] if headers else cells:
            cell_width = 0
            for text, whole, _, size in paragraphs:
                if size > cell_width:
                    cell_width = size
                if size > least_width:
                    if whole:
                        least = size
                    elif text.isascii():
                        least = max(map(len, text.split()), default=0)
                    else:
                        least = _longest_word(text)
                    if least > least_width:
                        least_width = least
            if cell_width > most:
                most = cell_width
            size_sum += cell_width
            not_empty += cell_width > 0
        header_width = 0
        if headers:  # a header counts in the widths, not in the typical line
            header_width = headers[index][0][3]
            size_sum -= header_width
            not_empty -= header_width > 0
        widest[index], narrowest[index], total[index], filled[index] = most, least_width, size_sum, not_empty
        header_widths[index] = header_width
    room = width - _GAP * (count - 1)
    if sum(widest) <= room:
        return widest, True
    if sum(narrowest) > room:
        return narrowest, False
    headed = _share(narrowest, [max(least, header) for least, header in zip(narrowest, header_widths, strict=True)], room)
    typical = [min(max(size // max(cells, 1), least), most) for size, cells, least, most in zip(total, filled, headed, widest, strict=True)]
    widths = _share(headed, typical, room)
    return _share(widths, widest, room), True


def _share(widths: list[int], targets: list[int], room: int) -> list[int]:
    """``widths`` grown towards ``targets`` within ``room``: the space is shared equally,
    and what a column needs less than its share goes to the others (a short list of leads
    gets all it needs; a title and a milestone share the rest)."""
    widths = list(widths)
    spare = room - sum(widths)
    wanting = sorted((index for index, target in enumerate(targets) if target > widths[index]), key=lambda i: targets[i] - widths[i])
    for place, index in enumerate(wanting):
        share = min(targets[index] - widths[index], spare // (len(wanting) - place))
        widths[index] += share
        spare -= share
    return widths


@functools.lru_cache(maxsize=64)
def _ascii_lines(width: int) -> re.Pattern:
    """A line of ASCII text at most ``width`` wide, from a word's start to a word's end: a run
    of words that fits, or one long word."""
    return re.compile(rf"\S(?:.{{0,{width - 2}}}\S)?(?!\S)|\S+" if width > 1 else r"\S+")


def _wrap(text: str, width: int) -> list[str]:
    """``text``, wider than ``width`` columns, in lines of at most ``width``, broken only
    between words; a word longer than ``width`` has a line of its own, whole."""
    if text.isascii():  # the same rule, in C
        return _ascii_lines(width).findall(text)
    lines, line, used = [], [], 0
    for word in text.split():
        size = display_width(word)
        if line and used + 1 + size > width:
            lines.append(" ".join(line))
            line, used = [word], size
        else:
            used += size + (1 if line else 0)
            line.append(word)
    if line:
        lines.append(" ".join(line))
    return lines


def _cell_lines(paragraphs: Iterable[_Paragraph], width: int, style: _Style, bold: bool = False) -> list[tuple[str, int]]:
    """A cell's lines, each as (text with any style, its width on screen)."""
    lines = []
    for text, whole, dim, size in paragraphs:
        if whole or size <= width:
            lines.append((style(text, dim=dim, bold=bold), size))
        else:
            lines += [(style(line, dim=dim, bold=bold), display_width(line)) for line in _wrap(text, width)]
    return lines


def _column_lines(cells: list[list[_Paragraph]], width: int, style: _Style) -> list[list[str]]:
    """Each cell of a column as its lines, each padded to ``width``: a column at a time."""
    lines_of = []
    ascii_lines = _ascii_lines(width).findall
    colour = style.colour
    for paragraphs in cells:
        lines = []
        for text, whole, dim, size in paragraphs:
            if whole or size <= width:
                lines.append((style(text, dim=dim) if dim and colour else text) + " " * (width - size))
            elif text.isascii() and not dim:  # most wrapped text
                lines += [line.ljust(width) for line in ascii_lines(text)]
            else:
                wrapped = _wrap(text, width)
                if text.isascii():
                    lines += [style(line, dim=dim) + " " * (width - len(line)) for line in wrapped]
                else:
                    lines += [(style(line, dim=dim) if dim else line) + " " * (width - display_width(line)) for line in wrapped]
        lines_of.append(lines)
    return lines_of


def _table_lines(row: list[list[_Paragraph]], widths: list[int], style: _Style, bold: bool = False) -> str:
    cells = [_cell_lines(paragraphs, width, style, bold) for paragraphs, width in zip(row, widths, strict=True)]
    height = max(map(len, cells), default=0) or 1
    join = (" " * _GAP).join
    lines = []
    for index in range(height):
        parts = [
            cell[index][0] + " " * (width - cell[index][1]) if index < len(cell) else " " * width
            for cell, width in zip(cells, widths, strict=True)
        ]
        lines.append(join(parts).rstrip(" "))
    return "\n".join(lines) + "\n"


def _block(row: list[list[_Paragraph]], labels: list[str], width: int, style: _Style) -> str:
    """One row as "label  value" lines, the values wrapped under each other."""
    label_width = max(map(display_width, labels))
    value_width = max(width - label_width - _GAP, 1)
    lines = []
    for label, paragraphs in zip(labels, row, strict=True):
        values = [text for text, _ in _cell_lines(paragraphs, value_width, style)] or [""]
        padding = " " * (label_width - display_width(label) + _GAP)
        lines.append((style(label, bold=True) + padding + values[0]).rstrip(" "))
        lines += [" " * (label_width + _GAP) + value for value in values[1:]]
    return "\n".join(lines) + "\n"


def _side_by_side(columns: list[Column]) -> list[Column]:
    """Stacked columns next to each other, as CSV and Markdown show them."""
    return [part for column in columns for part in (column, column.below) if part]
