"""YAML syntax errors in the words of the person editing the file, at the mistake.

The parser says what it expected where it gave up ("found character that cannot start any
token", "did not find expected key"), which is often lines after the mistake: a quote left
open on line 61 is noticed where the next quote closes it, on line 65. Here each common
error is said as an editor would say it, and placed where the mistake is, or where the
construct that went wrong starts.
"""

from __future__ import annotations

import re

import yaml
from yaml.events import ScalarEvent

from ctwp.core.errors import shown
from ctwp.data.findings import Finding

_POSITION = re.compile(r"position (\d+)")


def syntax_finding(path: str, text: str, error: yaml.YAMLError, previous: object | None) -> Finding:
    """The finding for a YAML syntax error; ``previous``: the last event read before it."""
    if not isinstance(error, yaml.MarkedYAMLError):
        return _reader_finding(path, text, error)
    problem, context = error.problem or "", error.context or ""
    mark, opened = error.problem_mark or error.context_mark, error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    character = _character_at(text, line, column)

    def at(where, message: str, hint: str | None = None) -> Finding:
        return Finding(path, where.line + 1, where.column + 1, "yaml-syntax", message, hint)

    quoted = previous if isinstance(previous, ScalarEvent) and previous.style in ("'", '"') else None
    if "tab" in problem or (character == "\t" and "cannot start any token" in problem):
        return Finding(path, line, column, "yaml-syntax", "tabs cannot indent YAML", "use spaces")
    if "end of stream" in problem and "quoted scalar" in context and opened:
        return at(opened, "the quote opened here is never closed", "add the closing quote")
    if quoted is not None and quoted.end_mark.line > quoted.start_mark.line and mark and mark.line == quoted.end_mark.line:
        return at(
            quoted.start_mark,
            f"the text in quotes that starts here runs on to line {quoted.end_mark.line + 1}, where the YAML breaks",
            "is its closing quote missing?",
        )
    if quoted is not None and mark and mark.line == quoted.end_mark.line and "expected" in problem:
        return Finding(path, line, column, "yaml-syntax", "text follows the closing quote", "put the whole value inside the quotes")
    if "cannot start any token" in problem:
        return Finding(path, line, column, "yaml-syntax", f"{shown(character)} cannot start a value", "put the value in quotes")
    if "did not find expected key" in problem:
        return Finding(
            path, line, column, "yaml-syntax", "a key was expected here", "indent each key of a mapping to the same column, with spaces"
        )
    if "expected '-' indicator" in problem:
        return Finding(
            path, line, column, "yaml-syntax", "a list entry ('- ') was expected here", "indent each '- ' of a list to the same column"
        )
    if "mapping values are not allowed" in problem:
        if over_indented := _over_indented_key(path, text, line, column):
            return over_indented
        return Finding(
            path,
            line,
            column,
            "yaml-syntax",
            "a ':' cannot stand here",
            "put a value holding ': ' in quotes; give each key a line of its own",
        )
    if "block sequence entries are not allowed" in problem:
        return Finding(
            path, line, column, "yaml-syntax", "a list cannot start on the line of its key", "put each '- ' entry on a line below it"
        )
    if ("expected ',' or ']'" in problem or "expected ',' or '}'" in problem) and opened:
        closing = "]" if "]" in problem else "}"
        opening = "[" if closing == "]" else "{"
        return at(opened, f"the '{opening}' opened here is never closed", f"close it with '{closing}'")
    if "while scanning an alias" in context and opened:
        return at(opened, "a value starting with '*' reads as an alias", "put the value in quotes")
    if "while scanning an anchor" in context and opened:
        return at(opened, "a value starting with '&' reads as an anchor", "put the value in quotes")
    if "unknown escape character" in problem:
        return Finding(
            path, line, column, "yaml-syntax", "not an escape in double quotes", "write '\\\\' for a backslash, or use single quotes"
        )
    if "expected node content" in problem:
        return Finding(path, line, column, "yaml-syntax", "a value is missing here", "remove the extra ','")
    if "directive" in context:
        return Finding(path, line, column, "yaml-syntax", "'%' at the start of a line begins a directive", "put the value in quotes")
    return Finding(path, line, column, "yaml-syntax", f"{problem or context}{_context(error)}")


_KEY_LINE = re.compile(r"( *)(- +)?([A-Za-z_][\w-]*):(?: |$)")


def _over_indented_key(path: str, text: str, line: int, column: int) -> Finding | None:
    """A key indented deeper than the key on the line above, which YAML reads as more of that
    key's value, so that its ':' "cannot stand here": say it is the indentation."""
    lines = text.split("\n")
    key = _KEY_LINE.fullmatch(lines[line - 1][:column]) if line - 1 < len(lines) else None
    if key is None or key[2]:
        return None
    for above in reversed(lines[: line - 1]):
        if not above.strip() or above.lstrip().startswith("#"):
            continue
        above_key = _KEY_LINE.match(above)
        if above_key is None:
            return None
        above_column = len(above_key[1]) + len(above_key[2] or "")
        if len(key[1]) <= above_column:
            return None
        return Finding(
            path,
            line,
            len(key[1]) + 1,
            "yaml-syntax",
            f"probably indentation: {shown(key[3])} is indented more than {shown(above_key[3])} above it, "
            "so YAML reads it as part of that value",
            f"indent {shown(key[3])} to column {above_column + 1}, as {shown(above_key[3])}, with spaces",
        )
    return None


def wide_encoding(raw: bytes) -> str | None:
    """ "UTF-16" or "UTF-32" for a file in one of them (as some Windows editors save), by its
    byte-order mark or, without one, by the zero bytes of its ASCII text; else None."""
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "UTF-32"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    head = raw[: min(len(raw), 64) // 4 * 4]
    if head and any(all(head[index] == 0 for index in range(len(head)) if index % 4 != text) for text in (0, 3)):
        return "UTF-32"
    if head and (not any(head[1::2]) or not any(head[0::2])):
        return "UTF-16"
    return None


def encoding_finding(path: str, raw: bytes, offset: int) -> Finding:
    """The finding for a file that is not UTF-8: what it is, when UTF-16 or UTF-32, else the
    first byte (at ``offset``) that is not UTF-8."""
    if wide := wide_encoding(raw):
        return Finding(path, 1, 1, "encoding", f"the file is {wide}, not UTF-8", "save it as UTF-8")
    before = raw[:offset]
    line_start = before.rfind(b"\n") + 1
    line, column = before.count(b"\n") + 1, len(before[line_start:].decode("utf-8", "replace")) + 1
    return Finding(path, line, column, "encoding", f"byte 0x{raw[offset]:02x} is not UTF-8", "save the file as UTF-8")


def _reader_finding(path: str, text: str, error: yaml.YAMLError) -> Finding:
    """A character YAML does not allow in a file (libyaml's reader error)."""
    message = str(error).splitlines()[0]
    found = _POSITION.search(str(error))
    line, column = 1, 1
    if found:
        before = text[: int(found[1])]
        line, column = before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
    if "control characters are not allowed" in message:
        character = message.split("#x", 1)[1][:4] if "#x" in message else "?"
        return Finding(path, line, column, "yaml-syntax", f"the control character U+{character.upper()} is not allowed", "remove it")
    return Finding(path, line, column, "yaml-syntax", message)


def _character_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n")
    if line - 1 < len(lines) and column - 1 < len(lines[line - 1]):
        return lines[line - 1][column - 1]
    return ""


def _context(error: yaml.MarkedYAMLError) -> str:
    if error.context and error.problem and error.context_mark:
        return f" ({error.context} at line {error.context_mark.line + 1})"
    return ""
