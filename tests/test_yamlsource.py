"""YAML is read as written: no implicit retyping, every duplicate key caught, positions kept."""

import pytest
from conftest import REPO, read_keeping_positions

from ctwp.data.yamlsource import read_yaml


def read(text: str):
    return read_yaml("f.yaml", text.encode())


def test_values_yaml_1_1_would_retype_stay_as_written():
    document = read("a: no\nb: on\nc: 2022-06-30\ng: yes\nh: 12\ni: null\nj: true\nk: 1:20\n")
    assert document.findings == []
    assert document.data == {"a": "no", "b": "on", "c": "2022-06-30", "g": "yes", "h": 12, "i": None, "j": True, "k": "1:20"}


def test_what_yaml_1_2_reads_as_a_number_is_a_number():
    """So that a number where text is expected is an error here as in every other YAML tool."""
    document = read("a: 0o17\nb: 0x1F\nc: 1e3\nd: .inf\ne: -.INF\nf: .5\ng: 1_000\nh: 1.\ni: 1.5.2\nj: 0o8\n")
    assert document.findings == []
    assert {key: value for key, value in document.data.items() if key != "k"} == {
        "a": 15,
        "b": 31,
        "c": 1000.0,
        "d": float("inf"),
        "e": float("-inf"),
        "f": 0.5,
        "g": 1000,
        "h": 1.0,
        "i": "1.5.2",
        "j": "0o8",
    }
    assert read("n: .nan\n").data["n"] != read("n: .nan\n").data["n"]  # NaN, the one value unequal to itself


def test_quoted_numbers_stay_text():
    assert read('a: "12"\n').data == {"a": "12"}


def test_duplicate_keys_at_every_level():
    document = read("a: 1\nb:\n  c: 1\n  c: 2\n  d: [{e: 1, e: 2}]\na: 3\n")
    assert [finding.text() for finding in document.findings] == [
        "f.yaml:4:3: [error] duplicate key 'c' (first at line 3); remove one of them (duplicate-key)",
        "f.yaml:5:14: [error] duplicate key 'e' (first at line 5); remove one of them (duplicate-key)",
        "f.yaml:6:1: [error] duplicate key 'a' (first at line 1); remove one of them (duplicate-key)",
    ]


def test_positions_of_values_and_keys():
    document = read("groups:\n  - id: x\n    items: [a, b]\n")
    assert document.source.value(("groups", 0, "items", 1)) == (3, 16)
    assert document.source.key(("groups", 0, "items")) == (3, 5)
    # A path that does not exist falls back to its nearest enclosing value.
    assert document.source.value(("groups", 0, "title")) == (2, 5)


def test_byte_order_mark_is_accepted():
    assert read_yaml("f.yaml", b"\xef\xbb\xbfa: 1\n").data == {"a": 1}


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("a: 1\nb:\n\t- x\n", "3:1: [error] tabs cannot indent YAML; use spaces"),
        ("title: @home\n", "1:8: [error] '@' cannot start a value; put the value in quotes"),
        ("title: a: b\n", "1:9: [error] a ':' cannot stand here; put a value holding ': ' in quotes; give each key a line of its own"),
        ("leads: - DPMC\n", "1:8: [error] a list cannot start on the line of its key; put each '- ' entry on a line below it"),
        ("a: {b: 1\nc: 2\n", "1:4: [error] the '{' opened here is never closed; close it with '}'"),
        ("title: *bold* text\n", "1:8: [error] a value starting with '*' reads as an alias; put the value in quotes"),
        ('title: "a\\qb"\n', "1:10: [error] not an escape in double quotes; write '\\\\' for a backslash, or use single quotes"),
        ('title: "abc" def\n', "1:14: [error] text follows the closing quote; put the whole value inside the quotes"),
        ("a:\n  b: 1\n c: 2\n", "3:2: [error] a key was expected here; indent each key of a mapping to the same column, with spaces"),
        ("leads: [DPMC,, NZP]\n", "1:14: [error] a value is missing here; remove the extra ','"),
        ("title: a\x07b\n", "1:9: [error] the control character U+0007 is not allowed; remove it"),
    ],
)
def test_syntax_errors_in_an_editors_words(text, said):
    [finding] = read(text).findings
    assert finding.text() == f"f.yaml:{said} (yaml-syntax)"


# What libyaml accepts and YAML 1.2 refuses (yaml-test-suite SU5Z, 9JBA, 9C9N, QB6E), in the
# places a programme file would have them.
@pytest.mark.parametrize(
    ("text", "said"),
    [
        ('title: "x"# c\n', "1:11: [error] a comment needs a space before its '#'; put a space before the '#'"),
        ("leads: [DPMC, NZP]#c\n", "1:19: [error] a comment needs a space before its '#'; put a space before the '#'"),
        (
            "items:\n  - leads: [DPMC,\n  NZP]\n",
            "3:1: [error] this line continues the list in brackets from line 2, so it must be indented more than the key it belongs to; "
            "indent it by at least 5 spaces",
        ),
        (
            'title: "a\nb"\n',
            "2:1: [error] this line continues the text in quotes from line 1, so it must be indented more than the key it belongs to; "
            "indent it by at least 1 space",
        ),
    ],
)
def test_what_yaml_1_2_refuses_and_libyaml_accepts(text, said):
    [finding] = read(text).findings
    assert finding.text() == f"f.yaml:{said} (yaml-syntax)"


def test_continued_and_commented_values_that_yaml_1_2_accepts():
    text = 'title: "a\n  b"  # ok\nleads: [DPMC,\n  NZP] # ok\nkey:\n- "x\n  y"\nnote: "#" # "#"\n'
    assert read(text).findings == []


def _utf8(path) -> bool:
    try:
        path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    return True


# Every YAML file of the fixtures and the data that either reading starts on (the others are not UTF-8).
YAML_FILES = [
    path for path in sorted((REPO / "tests" / "fixtures").rglob("*.yaml")) + sorted((REPO / "data").rglob("*.yaml")) if _utf8(path)
]


@pytest.mark.parametrize("path", YAML_FILES, ids=lambda path: str(path.relative_to(REPO)))
def test_a_file_read_quickly_reads_as_the_full_reading_reads_it(path):
    # A clean file is read by a loop of its own, without positions; any file it cannot read
    # cleanly goes to the full reading. Both must give the same data and the same findings.
    raw = path.read_bytes()
    quick, full = read_yaml(str(path), raw), read_keeping_positions(str(path), raw)
    assert quick.data == full.data or repr(quick.data) == repr(full.data)  # NaN is unequal to itself
    said_by_the_reading = [found for found in quick.findings if found.rule != "empty-file"]  # read_yaml adds that one
    assert (said_by_the_reading, quick.wide, quick.empty) == (full.findings, full.wide, full.empty)
