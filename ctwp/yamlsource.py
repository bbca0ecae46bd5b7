"""Reading YAML with positions, and without YAML's implicit retyping.

PyYAML's own loading turns an unquoted ``2022-06-30`` into a date and ``no`` into False,
keeps only the last of two duplicate keys, expands aliases without bound, and forgets
where each value stood. Here the parser (libyaml's, when it is installed) only produces
events; this module builds plain data from them, iteratively, under our rules, and keeps
every value's position for error messages:

* a plain scalar is an integer (``12``), null (``null``, ``~`` or nothing), a boolean
  (``true``/``false`` only) or else text, exactly as written;
* duplicate keys, aliases, tags, several documents and nesting deeper than the limit are
  findings, never silently resolved.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

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

from ctwp import limits
from ctwp.findings import Finding

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
_NULLS = {"", "~", "null", "Null", "NULL"}
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}

Path = tuple  # a path into the data: keys and list indexes, e.g. ("groups", 0, "items")


@dataclass
class SourceMap:
    """Where each value, and each mapping key, stands in the file (1-based)."""

    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def value(self, path: Path) -> tuple[int, int]:
        """The position of the value at ``path``, or of its nearest enclosing value."""
        while path not in self.values and path:
            path = path[:-1]
        return self.values.get(path, (1, 1))

    def key(self, path: Path) -> tuple[int, int]:
        """The position of the key that ends ``path``, or of its nearest enclosing value."""
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
        self._source: SourceMap | None = None

    @property
    def source(self) -> SourceMap:
        """Positions are needed only to report a problem, so a clean file is read without
        them, and they are found by reading it again the first time they are asked for."""
        if self._source is None:
            self._source = SourceMap()
            if self.text is not None:
                retraced = YamlDocument(self.path, self.text)
                retraced._source = self._source
                _read_text(retraced, track=True)
        return self._source


class _Stop(Exception):
    """Reading cannot go on; the finding that says why is already made."""


class _Retrack(Exception):
    """A problem found while reading without positions: read again, keeping them."""


@dataclass
class _Open:
    """A mapping or sequence being built."""

    value: dict | list
    path: Path
    key: str | None = None  # a mapping's key waiting for its value
    key_position: tuple[int, int] = (1, 1)
    drop_value: bool = False  # the key was refused, so the value after it is read and dropped


def read_yaml(path: str, raw: bytes) -> YamlDocument:
    """Parse ``raw`` (the bytes of the file at ``path``) into plain data, with findings."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        document = YamlDocument(path, None)
        line, column = _position_of_byte(raw, error.start)
        document.findings.append(
            Finding(path, line, column, "encoding", f"byte 0x{raw[error.start]:02x} is not UTF-8", "save the file as UTF-8")
        )
        return document
    document = YamlDocument(path, text)
    try:
        _read_text(document, track=False)
    except _Retrack:
        document = YamlDocument(path, text)
        document._source = SourceMap()
        _read_text(document, track=True)
    return document


def _read_text(document: YamlDocument, track: bool) -> None:
    try:
        _build(_Parser(document.text), document, track)
    except _Stop:
        document.data = None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        document.findings.append(Finding(document.path, line, column, "yaml-syntax", f"{error.problem or error.context}{_context(error)}"))
        document.data = None
    except yaml.YAMLError as error:
        document.findings.append(Finding(document.path, 1, 1, "yaml-syntax", str(error).splitlines()[0]))
        document.data = None


def _build(parser, document: YamlDocument, track: bool) -> None:
    """Build the data from the parser's events, without recursion and within the limits.

    ``track``: keep the position of every value and key (and the paths of refused values);
    without it, any problem stops the reading with ``_Retrack``.
    """
    source, findings = document._source, document.findings
    max_depth = limits.max_depth()
    stack: list[_Open] = []
    skipping = 0  # how deep we are inside a collection being dropped
    documents = 0

    def finding(mark, rule: str, message: str, hint: str | None = None) -> None:
        if not track:
            raise _Retrack
        findings.append(Finding(document.path, mark.line + 1, mark.column + 1, rule, message, hint))

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
        if track:
            source.values[at] = (mark.line + 1, mark.column + 1)
        return at

    while True:
        event = parser.get_event()
        kind = type(event)
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
            else:
                finding(event.start_mark, "yaml-key", "a key must be plain text")
                parent.drop_value = True
                skipping = int(kind is not AliasEvent)
            continue
        if kind is ScalarEvent:
            plain = event.implicit[0] and event.tag is None
            at = attach(_plain_scalar(event.value) if plain else event.value, event.start_mark)
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
            stack.append(_Open(container, at))
            if event.tag not in _COLLECTION_TAGS:
                finding(event.start_mark, "yaml-tag", f"the tag {_short(event.tag)} is not allowed", "remove it; data files are plain YAML")
                document.unreadable.add(at)
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            stack.pop()
        elif kind is DocumentStartEvent:
            documents += 1
            if documents > 1:
                finding(event.start_mark, "multiple-documents", "a data file holds one YAML document", "remove the '---' and what follows")
                raise _Stop
        elif kind is StreamEndEvent:
            break
    if documents == 0:
        findings.append(Finding(document.path, 1, 1, "empty-file", "the file holds no data", "a programme file starts with 'year:'"))


def _take_key(mapping: _Open, event: ScalarEvent, source: SourceMap | None, finding) -> None:
    key = event.value
    if key in mapping.value:
        first_line = source.keys[(*mapping.path, key)][0] if source else 0
        finding(event.start_mark, "duplicate-key", f"duplicate key {key!r} (first at line {first_line})", "remove one of them")
        mapping.drop_value = True
    else:
        mapping.key = key
        if source is not None:
            mapping.key_position = (event.start_mark.line + 1, event.start_mark.column + 1)


def _plain_scalar(value: str) -> object:
    if _INT.fullmatch(value):
        return int(value)
    if value in _NULLS:
        return None
    if value in _BOOLS:
        return _BOOLS[value]
    return value


def _short(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


def _context(error: yaml.MarkedYAMLError) -> str:
    if error.context and error.problem and error.context_mark:
        return f" ({error.context} at line {error.context_mark.line + 1})"
    return ""


def _position_of_byte(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset]
    line_start = before.rfind(b"\n") + 1
    return before.count(b"\n") + 1, len(before[line_start:].decode("utf-8", "replace")) + 1
