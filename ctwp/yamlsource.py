"""Reading YAML with positions, and without YAML's implicit retyping.

PyYAML's own loading turns an unquoted ``2022-06-30`` into a date and ``no`` into False,
keeps only the last of two duplicate keys, and forgets where each value stood. Here the
parser only composes the node tree (with libyaml when it is installed); the tree becomes
plain data under our rules, and every value's position is kept for error messages:

* a plain scalar is an integer (``12``), null (``null``, ``~`` or nothing), a boolean
  (``true``/``false`` only) or else text, exactly as written;
* duplicate keys, aliases and tags are findings, not silently resolved.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode
from yaml.resolver import BaseResolver

from ctwp.findings import Finding

try:
    from yaml import CParser as _Parser

    _LIBYAML = True
except ImportError:  # pure-Python PyYAML: same behaviour, slower
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    _LIBYAML = False

PLAIN_TAG = "!ctwp/plain"
_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_INT = re.compile(r"[-+]?[0-9]+")
_NULLS = {"", "~", "null", "Null", "NULL"}
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}

Path = tuple  # a path into the data: keys and list indexes, e.g. ("groups", 0, "items")


class _Resolver(BaseResolver):
    """Tags a plain untagged scalar as such, so our rules, not YAML 1.1's, decide its type."""

    def resolve(self, kind, value, implicit):
        if kind is ScalarNode and implicit[0]:
            return PLAIN_TAG
        return super().resolve(kind, value, implicit)


if _LIBYAML:

    class _Composer(_Parser, _Resolver):
        def __init__(self, stream: str) -> None:
            _Parser.__init__(self, stream)
            _Resolver.__init__(self)

else:

    class _Composer(Reader, Scanner, Parser, Composer, _Resolver):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)
            _Resolver.__init__(self)


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


@dataclass
class YamlDocument:
    path: str
    data: object
    source: SourceMap
    findings: list[Finding]
    # Paths whose value could not be read (an alias); errors at or under them are not repeated.
    unreadable: set[Path] = field(default_factory=set)


def read_yaml(path: str, raw: bytes) -> YamlDocument:
    """Parse ``raw`` (the bytes of the file at ``path``) into plain data with positions."""
    source = SourceMap()
    findings: list[Finding] = []

    def finding(line: int, column: int, rule: str, message: str, hint: str | None = None) -> None:
        findings.append(Finding(path, line, column, rule, message, hint))

    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line, column = _position_of_byte(raw, error.start)
        finding(line, column, "encoding", f"byte 0x{raw[error.start]:02x} is not UTF-8", "save the file as UTF-8")
        return YamlDocument(path, None, source, findings)

    composer = _Composer(text)
    try:
        root = composer.get_single_node()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = error.problem or error.context or "YAML syntax error"
        if "expected a single document" in (error.context or ""):
            finding(line, column, "multiple-documents", "a data file holds one YAML document", "remove the '---' and what follows")
        else:
            finding(line, column, "yaml-syntax", f"{problem}{_context(error)}")
        return YamlDocument(path, None, source, findings)
    except yaml.YAMLError as error:
        finding(1, 1, "yaml-syntax", str(error).splitlines()[0])
        return YamlDocument(path, None, source, findings)
    finally:
        composer.dispose()

    if root is None:
        finding(1, 1, "empty-file", "the file holds no data", "a programme file starts with 'year:'")
        return YamlDocument(path, None, source, findings)

    seen: set[int] = set()

    def convert(node, at: Path) -> object:
        line, column = node.start_mark.line + 1, node.start_mark.column + 1
        source.values[at] = (line, column)
        if id(node) in seen:  # an alias: composing shares the anchored node
            aliased.add(at)
            return None
        seen.add(id(node))
        if node.tag not in (PLAIN_TAG, _STR, _SEQ, _MAP):
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            finding(line, column, "yaml-tag", f"the tag {tag} is not allowed", "remove it; data files are plain YAML")
        if isinstance(node, ScalarNode):
            return _plain_scalar(node.value) if node.tag == PLAIN_TAG else node.value
        if isinstance(node, SequenceNode):
            return [convert(child, (*at, index)) for index, child in enumerate(node.value)]
        mapping: dict = {}
        for key_node, value_node in node.value:
            key_line, key_column = key_node.start_mark.line + 1, key_node.start_mark.column + 1
            if not isinstance(key_node, ScalarNode):
                finding(key_line, key_column, "yaml-key", "a key must be plain text", None)
                continue
            key = key_node.value
            if key in mapping:
                first_line, first_column = source.keys[(*at, key)]
                finding(key_line, key_column, "duplicate-key", f"duplicate key {key!r} (first at line {first_line})", "remove one of them")
                continue
            source.keys[(*at, key)] = (key_line, key_column)
            mapping[key] = convert(value_node, (*at, key))
        return mapping

    aliased: set[Path] = set()
    data = convert(root, ())
    if aliased:
        for line, column, name in _alias_positions(text):
            finding(line, column, "yaml-alias", f"aliases (*{name}) are not allowed", "write the value out in full")
    return YamlDocument(path, data, source, findings, aliased)


def _alias_positions(text: str) -> list[tuple[int, int, str]]:
    # Composing hides where aliases stand; this second pass runs only when there are some.
    return [
        (event.start_mark.line + 1, event.start_mark.column + 1, event.anchor)
        for event in yaml.parse(text, Loader=_Composer)
        if isinstance(event, yaml.AliasEvent)
    ]


def _plain_scalar(value: str) -> object:
    if _INT.fullmatch(value):
        return int(value)
    if value in _NULLS:
        return None
    if value in _BOOLS:
        return _BOOLS[value]
    return value


def _context(error: yaml.MarkedYAMLError) -> str:
    if error.context and error.problem and error.context_mark:
        return f" ({error.context} at line {error.context_mark.line + 1})"
    return ""


def _position_of_byte(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset]
    line_start = before.rfind(b"\n") + 1
    return before.count(b"\n") + 1, len(before[line_start:].decode("utf-8", "replace")) + 1
