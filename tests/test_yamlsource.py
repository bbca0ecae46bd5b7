"""YAML is read as written: no implicit retyping, every duplicate key caught, positions kept."""

from ctwp.yamlsource import read_yaml


def read(text: str):
    return read_yaml("f.yaml", text.encode())


def test_values_yaml_would_retype_stay_as_written():
    document = read("a: no\nb: on\nc: 2022-06-30\nd: 1e3\ne: 0o17\nf: .inf\ng: yes\nh: 12\ni: null\nj: true\n")
    assert document.findings == []
    assert document.data == {
        "a": "no",
        "b": "on",
        "c": "2022-06-30",
        "d": "1e3",
        "e": "0o17",
        "f": ".inf",
        "g": "yes",
        "h": 12,
        "i": None,
        "j": True,
    }


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
