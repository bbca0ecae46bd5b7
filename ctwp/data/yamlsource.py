"""Reading YAML with positions, and without YAML's implicit retyping.

PyYAML's own loading turns an unquoted ``2022-06-30`` into a date and ``no`` into False,
keeps only the last of two duplicate keys, expands aliases without bound, and forgets
where each value stood. Here the parser (libyaml's, when it is installed) only produces
events; this module builds plain data from them, iteratively, under our rules, and keeps
every value's position for error messages:

* a plain scalar is a whole number (``12``, and ``0x7E6`` or ``0o17`` as YAML 1.2 reads
  them), a number with a fraction (``1.5``, ``1e3``, ``.inf``: YAML 1.2's floats, and
  ``1_000`` as YAML 1.1 reads it), null (``null``, ``~`` or nothing), a boolean
  (``true``/``false`` only) or else text, exactly as written: what another YAML tool reads
  as a number is never text here;
* the file is read as YAML 1.2 reads it where libyaml follows YAML 1.1: NEL, LS and PS
  (U+0085, U+2028, U+2029) are ordinary characters, not line breaks; a comment needs a
  space before its ``#``; a directive (``%YAML``) is a finding;
* duplicate keys, aliases, tags, several documents and nesting deeper than the limit are
  findings, never silently resolved.
"""

from __future__ import annotations

import re
import sys
from typing import NamedTuple

import yaml
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from ctwp.core import limits
from ctwp.core.errors import shown
from ctwp.data.findings import FINDINGS_PER_FILE, Finding

try:
    from yaml._yaml import CParser as _Parser
except ImportError:  # PyYAML without libyaml: the same events, more slowly
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, Parser):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)


_TEXT_TAGS = (None, "!", "tag:yaml.org,2002:str")
_COLLECTION_TAGS = (None, "!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")
_VALUE_STARTS = (ScalarEvent, AliasEvent, MappingStartEvent, SequenceStartEvent)
_INT = re.compile(r"[-+]?[0-9]+")
_OTHER_INT = re.compile(r"0o[0-7]+|0x[0-9a-fA-F]+|[-+]?[0-9][0-9_]*_[0-9_]*")  # YAML 1.2's octal and hex; 1.1's 1_000
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)")
# libyaml (YAML 1.1) breaks lines at NEL, LS and PS; YAML 1.2 does not. They are handed to
# the parser as private-use characters, one for one, so that lines and columns stay YAML 1.2's.
_NOT_BREAKS = "\x85\u2028\u2029"
_NULLS = {"", "~", "null", "Null", "NULL"}
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_NULLS_AND_BOOLS = {**dict.fromkeys(_NULLS), **_BOOLS}
_INT_START = frozenset("+-0123456789")
_NUMBER_START = _INT_START | {"."}

Path = tuple  # a path into the data: keys and list indexes, e.g. ("groups", 0, "items")


class SourceMap:
    """Where each value, and each mapping key, stands in the file (1-based).

    Built by reading the file again, with positions: for every value (``retrace`` None, or
    once a position not asked for in advance is wanted), or, through ``locate``, for the
    values asked for alone, so that a file with a million problems is not mapped whole to
    report the first hundred.
    """

    def __init__(self, retrace=None) -> None:
        self.values: dict[Path, tuple[int, int]] = {}
        self.keys: dict[Path, tuple[int, int]] = {}
        self._retrace = retrace  # retrace(wanted): read again, recording the paths in wanted (all when None)
        self._located: set[Path] = set()

    def locate(self, paths) -> None:
        """Find the positions of ``paths`` (and of the values enclosing them) in one reading."""
        new = {path for path in paths if path not in self._located}
        if self._retrace is not None and new:
            self._retrace({path[:length] for path in new for length in range(len(path) + 1)})
            self._located |= new

    def _complete(self, path: Path) -> None:
        if self._retrace is not None and path not in self._located:
            retrace, self._retrace = self._retrace, None
            retrace(None)

    def value(self, path: Path) -> tuple[int, int]:
        """The position of the value at ``path``, or of its nearest enclosing value."""
        self._complete(path)
        while path not in self.values and path:
            path = path[:-1]
        return self.values.get(path, (1, 1))

    def key(self, path: Path) -> tuple[int, int]:
        """The position of the key that ends ``path``, or of its nearest enclosing value."""
        self._complete(path)
        return self.keys.get(path) or self.value(path)


class YamlDocument:
    """A file's data as read, its findings, and where each value stands (worked out when asked)."""

    def __init__(self, path: str, text: str | None) -> None:
        self.path = path
        self.text = text
        self.data: object = None
        self.findings: list[Finding] = []
        # Paths whose value was refused (an alias, a tag); errors at or under them are not repeated.
        self.unreadable: set[Path] = set()
        self.empty = False  # no YAML document at all
        self.more = 0  # problems found past FINDINGS_PER_FILE: counted, not kept
        self.wide = False  # a mapping has WIDE_MAPPING keys or more
        self._source: SourceMap | None = None

    @property
    def source(self) -> SourceMap:
        """Positions are needed only to report a problem, so a clean file is read without
        them, and they are found by reading it again when they are asked for."""
        if self._source is None:
            self._source = SourceMap(self._retrace if self.text is not None else None)
        return self._source

    def _retrace(self, wanted: set[Path] | None) -> None:
        retraced = YamlDocument(self.path, self.text)
        retraced._source = self._source
        _read_text(retraced, track=True, wanted=wanted)


class _Stop(Exception):
    """Reading cannot go on; the finding that says why is already made."""


class _SyntaxError(Exception):
    """The parser's error, with the last event read before it."""

    def __init__(self, error: yaml.YAMLError, previous: object | None) -> None:
        self.error = error
        self.previous = previous


class _Retrack(Exception):
    """A problem found while reading without positions: read again, keeping them."""


class _Open:
    """A mapping or sequence being built. (A plain class: a dataclass is made by compiling
    code, a millisecond of every start that reads YAML.)"""

    __slots__ = ("drop_value", "key", "key_position", "path", "start", "value")

    def __init__(self, value: dict | list, path: Path, start: MappingStartEvent | SequenceStartEvent) -> None:
        self.value, self.path = value, path
        self.start = start  # the event that opened it: where, and whether in brackets
        self.key: str | None = None  # a mapping's key waiting for its value
        self.key_position = (1, 1)
        self.drop_value = False  # the key was refused, so the value after it is read and dropped


PROGRAMME_START = "a programme file starts with 'year:'"


def read_yaml(path: str, raw: bytes, empty_hint: str = PROGRAMME_START) -> YamlDocument:
    """Parse ``raw`` (the bytes of the file at ``path``) into plain data, with findings.

    ``empty_hint``: what the file should start with, said when it holds nothing.
    """
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return _not_utf8(path, raw, error.start)
    if 0 in raw[:4]:  # no YAML starts with a zero byte; UTF-16 and UTF-32 text (ASCII, no byte-order mark) does
        from ctwp.data.yamlerrors import wide_encoding

        if wide_encoding(raw):
            return _not_utf8(path, raw, 0)
    document = YamlDocument(path, text)
    try:
        _read_text(document, track=False)
    except _Retrack:
        document = YamlDocument(path, text)
        document._source = SourceMap()
        _read_text(document, track=True)
    if document.empty:
        document.findings.append(Finding(path, 1, 1, "empty-file", "the file holds no data", empty_hint))
    return document


def _not_utf8(path: str, raw: bytes, offset: int) -> YamlDocument:
    from ctwp.data.yamlerrors import encoding_finding  # only for a file that is not UTF-8

    document = YamlDocument(path, None)
    document.findings.append(encoding_finding(path, raw, offset))
    return document


def _read_text(document: YamlDocument, track: bool, wanted: set[Path] | None = None) -> None:
    text, restore = _without_yaml11_breaks(document.text)
    tight = _tight_comments(document.text)
    try:
        if track or restore or tight:
            _build(_Parser(text), document, track, tight, wanted, restore)
        else:
            _build_clean(_Parser(text), document)
    except _Stop:
        document.data = None
    except _SyntaxError as failure:
        from ctwp.data.yamlerrors import syntax_finding  # only for a broken file

        said = syntax_finding(document.path, document.text, failure.error, failure.previous)
        if isinstance(failure.previous, ScalarEvent):  # the broken value's own lines are said once, by the syntax error
            first, last = failure.previous.start_mark.line + 1, failure.previous.end_mark.line + 1
            document.findings[:] = [
                found for found in document.findings if not (found.rule == "yaml-syntax" and first <= found.line <= last)
            ]
        document.findings.append(said)
        document.data = None


def _build(parser, document: YamlDocument, track: bool, tight: set, wanted: set[Path] | None = None, restore: dict | None = None) -> None:
    """Build the data from the parser's events, without recursion and within the limits.

    ``track``: keep the position of every value and key (and the paths of refused values);
    without it, any problem stops the reading with ``_Retrack``. ``tight``: the places of
    '#' that may start a comment without a space (see ``_tight_comments``). ``wanted``: when
    tracking, the only paths to keep positions of; collections elsewhere are passed over.
    ``restore``: the characters to put back in scalars (see ``_without_yaml11_breaks``).
    """
    source, findings = document._source, document.findings
    max_depth = limits.max_depth()
    stack: list[_Open] = []
    event = None
    skipping = 0  # how deep we are inside a collection being dropped
    documents = 0
    scalars: list[tuple[int, int]] = []  # where scalars stand (character offsets), when a '#' needs placing
    lines: list[str] = []

    def finding(mark, rule: str, message: str, hint: str | None = None) -> None:
        if not track:
            raise _Retrack
        if len(findings) < FINDINGS_PER_FILE:
            findings.append(Finding(document.path, mark.line + 1, mark.column + 1, rule, message, hint))
        else:
            document.more += 1

    def attach(value: object, mark) -> Path | None:
        """Put a value where the open collection expects it; return its path when tracking."""
        if not stack:
            document.data = value
            at = ()
        elif type(stack[-1].value) is list:
            parent = stack[-1]
            at = (*parent.path, len(parent.value)) if track else None
            parent.value.append(value)
        else:
            parent = stack[-1]
            parent.value[parent.key] = value
            at = (*parent.path, parent.key) if track else None
            if track:
                source.keys[at] = parent.key_position
            parent.key = None
        if track and (wanted is None or at in wanted):
            source.values[at] = (mark.line + 1, mark.column + 1)
        return at

    while True:
        try:
            event = parser.get_event()
        except yaml.YAMLError as error:
            raise _SyntaxError(error, event) from None
        kind = type(event)
        if tight and (kind is ScalarEvent or kind is AliasEvent):
            scalars.append((event.start_mark.index, event.end_mark.index))
            if kind is ScalarEvent and event.style in ("|", ">"):
                _block_header_comment(document.text, event, finding)
        if restore and kind is ScalarEvent:
            event.value = event.value.translate(restore)
        if skipping:
            if kind is MappingStartEvent or kind is SequenceStartEvent:
                skipping += 1
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                skipping -= 1
            continue
        parent = stack[-1] if stack else None
        in_mapping = parent is not None and type(parent.value) is dict
        if kind is AliasEvent:
            finding(event.start_mark, "yaml-alias", f"aliases (*{event.anchor}) are not allowed", "write the value out in full")
        if in_mapping and parent.drop_value and kind in _VALUE_STARTS:
            parent.drop_value = False
            skipping = int(kind is MappingStartEvent or kind is SequenceStartEvent)
            continue
        if in_mapping and parent.key is None and kind in _VALUE_STARTS:
            if kind is ScalarEvent:
                _take_key(parent, event, source, finding)
                if event.tag not in _TEXT_TAGS:
                    finding(
                        event.start_mark, "yaml-tag", f"the tag {_short(event.tag)} is not allowed", "remove it; data files are plain YAML"
                    )
                    if parent.key is not None:  # what the key holds is not checked further
                        document.unreadable.add((*parent.path, parent.key))
            else:
                finding(event.start_mark, "yaml-key", "a key must be plain text")
                parent.drop_value = True
                skipping = int(kind is not AliasEvent)
            continue
        if kind is ScalarEvent:
            value = event.value
            lone_dash = value == "-" and not event.style and parent is not None and parent.start.flow_style
            if lone_dash:
                finding(event.start_mark, "yaml-syntax", "a '-' alone cannot be a value in brackets", "put it in quotes: '-'")
            if event.implicit[0] and event.tag is None:
                try:
                    value = _plain_scalar(value)
                except ValueError:  # Python reads at most 4,300 digits (sys.get_int_max_str_digits)
                    finding(
                        event.start_mark,
                        "invalid-value",
                        f"a whole number of {len(value.lstrip('+-')):,} digits is too long",
                        "no value in a data file needs more than a few digits",
                    )
                    document.unreadable.add(attach(None, event.start_mark))
                    continue
            at = attach(value, event.start_mark)
            if lone_dash:
                document.unreadable.add(at)
            if (
                event.style in _QUOTES
                and parent is not None
                and event.end_mark.line > event.start_mark.line
                and not parent.start.flow_style
            ):
                indent = _indent([opened.start for opened in stack[-2:]])
                _check_continuation(document.text, lines, event.start_mark.line, event.end_mark.line, indent, "the text in quotes", finding)
            if event.tag not in _TEXT_TAGS:
                finding(event.start_mark, "yaml-tag", f"the tag {_short(event.tag)} is not allowed", "remove it; data files are plain YAML")
                document.unreadable.add(at)
        elif kind is AliasEvent:
            document.unreadable.add(attach(None, event.start_mark))
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            if len(stack) >= max_depth:
                finding(
                    event.start_mark,
                    "nesting-depth",
                    f"the data nests deeper than {max_depth} levels",
                    "a programme file nests 7 levels; CTWP_MAX_DEPTH raises the limit",
                )
                raise _Stop
            container: dict | list = {} if kind is MappingStartEvent else []
            at = attach(container, event.start_mark)
            if wanted is not None and at not in wanted:
                skipping = 1
                continue
            stack.append(_Open(container, at, event))
            if event.tag not in _COLLECTION_TAGS:
                finding(event.start_mark, "yaml-tag", f"the tag {_short(event.tag)} is not allowed", "remove it; data files are plain YAML")
                document.unreadable.add(at)
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            closed = stack.pop()
            if len(closed.value) >= WIDE_MAPPING and type(closed.value) is dict:
                document.wide = True
            first = closed.start.start_mark.line
            if closed.start.flow_style and stack and not stack[-1].start.flow_style and event.end_mark.line > first:
                what = "the list in brackets" if kind is SequenceEndEvent else "the mapping in braces"
                indent = _indent([opened.start for opened in stack[-2:]])
                _check_continuation(document.text, lines, first, event.end_mark.line, indent, what, finding)
        elif kind is DocumentStartEvent:
            if event.version or event.tags:
                finding(
                    event.start_mark,
                    "yaml-syntax",
                    "a directive (%YAML, %TAG) is not allowed",
                    "remove the line; a data file is plain YAML, read the same by every tool",
                )
                tight = {place for place in tight if place[0] != event.start_mark.line}
            documents += 1
            if documents > 1:
                finding(event.start_mark, "multiple-documents", "a data file holds one YAML document", "remove the '---' and what follows")
                raise _Stop
        elif kind is StreamEndEvent:
            for line, column in sorted(_comments_without_space(document.text, tight, scalars)):
                finding(_Mark(line, column), "yaml-syntax", "a comment needs a space before its '#'", "put a space before the '#'")
            break
    document.empty = documents == 0


def _build_clean(parser, document: YamlDocument) -> None:
    """``_build`` without positions, for a file with no '#' to place and no YAML 1.1 line
    breaks to restore: the same data, at the least Python work per event, since a clean
    file's every scalar and collection passes through here. Whatever could make a finding
    (an alias, a tag, a duplicate key, a key that is not text, a lone '-', an overlong number,
    too deep a nesting, a directive, a second document) raises ``_Retrack``, and ``_build``
    reads the file again to find and place it.
    """
    next_event, intern = parser.get_event, sys.intern
    max_depth = limits.max_depth()
    stack: list[tuple[dict | list, object]] = []  # each open collection, with the event that opened it
    top: dict | list | None = None  # the innermost open collection
    in_mapping = False  # top is a mapping
    key = None  # the key waiting for its value in top
    event = None
    documents = 0
    lines: list[str] = []
    while True:
        try:
            event = next_event()
        except yaml.YAMLError as error:
            raise _SyntaxError(error, event) from None
        kind = type(event)
        if kind is ScalarEvent:
            if event.tag is not None:
                raise _Retrack
            value = event.value
            if in_mapping and key is None:
                # Keys are few words repeated in every item: one string each, not one per use.
                key = intern(value)
                if key in top:
                    raise _Retrack
                continue
            if event.implicit[0]:
                if value in _CLEAN_WORDS:
                    value = _CLEAN_WORDS[value]
                    if value is _Retrack:
                        raise _Retrack
                elif value[:1] in _NUMBER_START:
                    try:
                        value = _number(value)
                    except ValueError:
                        raise _Retrack from None
            elif event.style in _QUOTES and event.end_mark.line > event.start_mark.line and top is not None and not stack[-1][1].flow_style:
                indent = _indent([start for _, start in stack[-2:]])
                _check_continuation(
                    document.text, lines, event.start_mark.line, event.end_mark.line, indent, "the text in quotes", _retrack
                )
            if in_mapping:
                top[key] = value
                key = None
            elif top is not None:
                top.append(value)
            else:
                document.data = value
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            if event.tag is not None or len(stack) >= max_depth:
                raise _Retrack
            container: dict | list = {} if kind is MappingStartEvent else []
            # Placed as a scalar is, written out again: a shared step would cost every event a test or a call.
            if in_mapping:
                if key is None:
                    raise _Retrack
                top[key] = container
                key = None
            elif top is not None:
                top.append(container)
            else:
                document.data = container
            stack.append((container, event))
            top, in_mapping = container, kind is MappingStartEvent
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            _, opened = stack.pop()
            if in_mapping and len(top) >= WIDE_MAPPING:
                document.wide = True
            if stack:
                top, above = stack[-1]
                in_mapping = type(top) is dict
                if opened.flow_style and not above.flow_style and event.end_mark.line > opened.start_mark.line:
                    what = "the list in brackets" if kind is SequenceEndEvent else "the mapping in braces"
                    indent = _indent([start for _, start in stack[-2:]])
                    _check_continuation(document.text, lines, opened.start_mark.line, event.end_mark.line, indent, what, _retrack)
            else:
                top, in_mapping = None, False
        elif kind is DocumentStartEvent:
            documents += 1
            if event.version or event.tags or documents > 1:
                raise _Retrack
        elif kind is AliasEvent:
            raise _Retrack
        elif kind is StreamEndEvent:
            break
    document.empty = documents == 0


# Plain scalars that are not text, as _plain_scalar reads them, and the lone '-' that needs a finding.
_CLEAN_WORDS = {**_NULLS_AND_BOOLS, "-": _Retrack}


def _retrack(*_) -> None:
    """The ``finding`` of ``_build_clean``: a problem found without positions."""
    raise _Retrack


WIDE_MAPPING = 1000  # keys; no mapping of the formats has more than a dozen
_QUOTES = ("'", '"')


def _check_continuation(text: str, lines: list[str], first: int, last: int, indent: int, what: str, finding) -> None:
    """YAML 1.2 wants the lines that continue a quoted or flow value indented more than
    the block it is in (libyaml accepts them at any indentation). ``lines``: the text's
    lines, split on first use."""
    if not lines:
        lines.extend(text.split("\n"))
    for number in range(first + 1, min(last, len(lines) - 1) + 1):
        line = lines[number]
        content = line.lstrip(" ")
        if content.strip() and not (what != "the text in quotes" and content.startswith("#")) and len(line) - len(content) <= indent:
            finding(
                _Mark(number, 0),
                "yaml-syntax",
                f"this line continues {what} from line {first + 1}, so it must be indented more than the key it belongs to",
                f"indent it by at least {indent + 1} space{'s' * (indent != 0)}",
            )
            return


def _indent(starts: list) -> int:
    """The indentation of the innermost open block collection, given the start events of
    the open collections (innermost last): a value in it that runs over several lines
    continues on lines indented more."""
    top = starts[-1]
    column = top.start_mark.column
    if type(top) is SequenceStartEvent and len(starts) > 1:
        above = starts[-2]
        if type(above) is MappingStartEvent and not above.flow_style and above.start_mark.column == column:
            return column - 1  # a list under its key, at the key's column, belongs to the mapping's indentation
    return column


class _Mark(NamedTuple):
    line: int
    column: int


def _tight_comments(text: str) -> set[tuple[int, int]]:
    """Where a '#' directly follows a character other than a space (0-based line and column).

    YAML 1.2 starts a comment only after a space, so ``"x"# note``, ``[a,#note`` and
    ``|# note`` are errors; libyaml reads them as comments. Most of these places are inside
    a value (``C#``), which the parser's events tell apart: see ``_comments_without_space``.
    """
    places = set()
    offset = text.find("#", 1)
    while offset != -1:  # '#' is rare in data, so finding it is quicker than a pattern
        if text[offset - 1] not in " \t\n\r":
            line_start = text.rfind("\n", 0, offset) + 1
            places.add((text.count("\n", 0, offset), offset - line_start))
        offset = text.find("#", offset + 1)
    return places


def _comments_without_space(text: str, tight: set[tuple[int, int]], scalars: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """The places of ``tight`` that start a comment: outside every value, and not inside a
    comment already (``# see C#``)."""
    if not tight:
        return set()  # no '#' to place: the text need not be split into lines
    import bisect

    starts = [start for start, _ in scalars]
    lines = text.split("\n")
    line_offsets = [0]
    for line in lines[:-1]:
        line_offsets.append(line_offsets[-1] + len(line) + 1)

    def in_value(offset: int) -> bool:
        index = bisect.bisect_right(starts, offset) - 1
        return index >= 0 and scalars[index][0] <= offset < scalars[index][1]

    found = set()
    for line, column in tight:
        base = line_offsets[line]
        if in_value(base + column):
            continue
        before = lines[line][:column]
        comment_before = any(
            character == "#" and (at == 0 or before[at - 1] in " \t") and not in_value(base + at) for at, character in enumerate(before)
        )
        if not comment_before:
            found.add((line, column))
    return found


_BLOCK_HEADER = re.compile(r"[|>]([1-9][-+]?|[-+][1-9]?)?#")


def _block_header_comment(text: str, event: ScalarEvent, finding) -> None:
    """``|# note``: a block scalar's header, like any comment, needs a space before its '#'."""
    start = event.start_mark.index
    header = _BLOCK_HEADER.match(text, text.find(event.style, start))
    if header and text.rfind("\n", 0, header.end()) < start:
        line_start = text.rfind("\n", 0, header.end()) + 1
        finding(
            _Mark(event.start_mark.line, header.end() - 1 - line_start),
            "yaml-syntax",
            "a comment needs a space before its '#'",
            "put a space before the '#'",
        )


def _without_yaml11_breaks(text: str) -> tuple[str, dict | None]:
    """``text`` with NEL, LS and PS replaced by private-use characters the text does not hold,
    and the table that puts them back; YAML 1.2 reads them as ordinary characters."""
    if not any(character in text for character in _NOT_BREAKS):
        return text, None
    free = (chr(code) for code in range(0xE000, 0xF900) if chr(code) not in text)
    swap = {ord(character): next(free) for character in _NOT_BREAKS}
    return text.translate(swap), {ord(stand_in): character for character, stand_in in ((chr(k), v) for k, v in swap.items())}


def _take_key(mapping: _Open, event: ScalarEvent, source: SourceMap | None, finding) -> None:
    key = event.value
    if key in mapping.value:
        first_line = source.keys.get((*mapping.path, key), (0,))[0] if source else 0
        finding(event.start_mark, "duplicate-key", f"duplicate key {shown(key)} (first at line {first_line})", "remove one of them")
        mapping.drop_value = True
    else:
        mapping.key = key
        if source is not None:
            mapping.key_position = (event.start_mark.line + 1, event.start_mark.column + 1)


def _plain_scalar(value: str) -> object:
    if value in _NULLS_AND_BOOLS:
        return _NULLS_AND_BOOLS[value]
    if value[:1] in _NUMBER_START:  # most text starts with none of these
        return _number(value)
    return value


def _number(value: str) -> object:
    """A plain scalar that starts as a number may: the number, or else the text (an id or a
    date, such as 2022-item-1, most often)."""
    if value.isdigit() and value.isascii():  # _INT's commonest case, without a pattern
        return int(value)
    dash = value.find("-", 1)
    if dash > 0 and value[dash - 1] not in "eE":  # inside a number, '-' only follows an exponent's e
        return value
    if _INT.fullmatch(value):
        return int(value)
    if _OTHER_INT.fullmatch(value):  # YAML 1.2's other numbers: octal, hex, floats, .inf, .nan
        return int(value.replace("_", ""), 0)
    if _FLOAT.fullmatch(value):
        return float(value.replace("_", "").replace(".", "", value.lower().endswith((".inf", ".nan"))))
    return value


def _short(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")
