"""The one place text from the data is escaped, for each format ctwp writes.

Text from the data is hostile until escaped: a title may hold ``<script>``, a Markdown link,
or ``=HYPERLINK(...)``. Every writer (the commands' tables, ``render``, ``validate``'s
reporters, the site and its downloads) escapes through these functions, and nothing else.

* HTML: ``html_text`` escapes ``& < > " '`` for element text and attribute values alike. It
  is markupsafe's ``escape``, the function the site's templates autoescape with, so text
  escaped here and passed to a template as ``Markup`` is never escaped twice.
* Markdown: ``markdown_text`` escapes what would make a link, an image, emphasis, code, a
  table cell's end or HTML (a tag, a comment or an entity), and a line start that would make
  a heading, a list or a quote; line breaks become ``<br>``. ``markdown_code`` is a code span.
* CSV: ``csv_cell`` puts a ``'`` before text a spreadsheet would run as a formula.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markupsafe import Markup


def html_text(text: str) -> Markup:
    """``text`` for an HTML element or attribute value (quoted), as ``Markup``: safe as it is."""
    # markupsafe comes with jinja2 and is imported only by what writes HTML.
    from markupsafe import escape

    return escape(text)


# Markdown ------------------------------------------------------------------------------------

# Anywhere in a line: a backslash, code, emphasis, strikethrough, links and images ([ and ]),
# tags and autolinks (< and >), and a table cell's end (|).
_MARKDOWN_INLINE = re.compile(r"([\\`*_~\[\]<>|])")
# An entity (&amp; &#60;) would read as the character it names: its & is escaped.
_MARKDOWN_ENTITY = re.compile(r"&(?=#?\w+;)")
# At the start of a line: a heading (#), a list (- + * or "1." "1)"), a quote (>), a rule or a
# heading's underline (= -).
_MARKDOWN_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+(?=[.)]))")


def markdown_text(text: str) -> str:
    """``text`` to read as written in Markdown, inline or at the start of a line: nothing in it
    formats, links or comes alive as HTML; its line breaks are kept as ``<br>``."""
    return _MARKDOWN_LINE_START.sub(_escape_line_start, markdown_cell(text), count=1)


def _escape_line_start(match: re.Match) -> str:
    space, start = match.groups()
    # A number before "." or ")" starts a list: the mark after it is escaped instead.
    return f"{space}\\{start}" if not start[0].isdigit() else f"{space}{start}\\"


def markdown_cell(text: str) -> str:
    """``text`` inside a line, as in a table's cell (which never starts a line, so a leading
    # or - is plain there): nothing in it formats, links or comes alive; one line, breaks as ``<br>``."""
    escaped = _MARKDOWN_ENTITY.sub(r"\\&", _MARKDOWN_INLINE.sub(r"\\\1", text))
    return escaped.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")


def markdown_code(text: str) -> str:
    """``text`` as a code span (an id, a path): shown as it is, in a table cell too."""
    text = " ".join(text.splitlines()).replace("|", "\\|")
    # A span is fenced by more backticks than any run inside it, and padded when it starts or
    # ends with one.
    fence = "`" * (max(map(len, re.findall("`+", text)), default=0) + 1)
    padding = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{padding}{text}{padding}{fence}"


# CSV -----------------------------------------------------------------------------------------

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def csv_cell(text: str) -> str:
    """``text`` for a CSV cell: text a spreadsheet would run as a formula (=, +, -, @, a tab or
    a carriage return first) starts with ' so that it stays text; a negative number stays a number."""
    if text.startswith(_FORMULA_START) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text
