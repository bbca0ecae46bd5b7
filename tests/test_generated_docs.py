"""The generated parts of the docs (the tables between ``<!-- generated: NAME -->`` and
``<!-- end generated -->``) say what the code says today."""

import importlib.util
import re

from conftest import REPO

from ctwp.data.findings import RULES


def load_generator():
    spec = importlib.util.spec_from_file_location("generate", REPO / "docs" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GENERATOR = load_generator()


def test_every_generated_part_is_current():
    stale = [page.name for page in GENERATOR.pages() if GENERATOR.regenerate(page.read_text(), page.name) != page.read_text()]
    assert not stale, f"{', '.join(stale)}: out of date: run '.venv/bin/python docs/generate.py'"


def test_every_generated_table_is_somewhere_once():
    used = [name for page in GENERATOR.pages() for name in GENERATOR.OPENING.findall(page.read_text())]
    assert sorted(used) == sorted(GENERATOR.GENERATED)


def test_markers_come_in_pairs():
    for page in GENERATOR.pages():
        text = page.read_text()
        opening, closing = GENERATOR.OPENING.findall(text), GENERATOR.CLOSING.findall(text)
        assert len(opening) == len(closing) == len(GENERATOR.BLOCK.findall(text)), page.name


def test_a_stale_table_is_found_and_rewritten():
    stale = "<!-- generated: rules -->\n| rule | checks that |\n|---|---|\n| `old-rule` | gone |\n<!-- end generated -->\n"
    fresh = GENERATOR.regenerate(stale)
    assert fresh != stale and "old-rule" not in fresh
    assert set(re.findall(r"^\| `([a-z-]+)` \| ", fresh, re.MULTILINE)) == set(RULES)
    assert GENERATOR.regenerate(fresh) == fresh
