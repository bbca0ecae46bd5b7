"""Write docs/reference.md: the --help of every ctwp command, as plain text 80 columns wide.

Run it after changing a command, its options or its help:

    .venv/bin/python docs/reference.py

tests/test_reference.py fails while docs/reference.md is out of step with the code.
docs/generate.py writes this file too, with every other generated part of the docs.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

import typer

from ctwp.cli.app import app

REFERENCE = Path(__file__).with_name("reference.md")
# As click lays help out in a terminal 80 columns wide, which keeps 2 columns spare.
WIDTH = 78

# Typer releases differ in how plain help brackets choices (<a|b> or [a|b]) and required
# arguments in the usage line ({ID} or ID); one form keeps this file the same under every
# typer that pyproject.toml allows.
_CHOICES = re.compile(r"<([a-z]+(?:\|[a-z]+)*)>")
_REQUIRED = re.compile(r"\{([A-Z_]+)\}")

INTRODUCTION = """\
# Command reference

The `--help` of every ctwp command, as plain text 80 columns wide. This file is
generated from the code: run `.venv/bin/python docs/reference.py` after changing
a command (a test fails while it is out of date).
"""


def reference_text() -> str:
    group = typer.main.get_command(app)
    root = typer.Context(group, info_name="ctwp", terminal_width=WIDTH, **group.context_settings)
    sections = [("ctwp", _plain_help(group, root))]
    for name in group.list_commands(root):
        command = group.get_command(root, name)
        context = typer.Context(command, info_name=name, parent=root, terminal_width=WIDTH)
        sections.append((f"ctwp {name}", _plain_help(command, context)))
    parts = [INTRODUCTION]
    parts += [f"## {title}\n\n```text\n{text}\n```\n" for title, text in sections]
    return "\n".join(parts)


def _plain_help(command, context) -> str:
    # click's own help layout: plain text, no colour and no boxes, the same on any terminal;
    # set on a copy, since ctwp builds each command once and every later run shares it.
    plain = copy.copy(command)
    plain.rich_markup_mode = None
    usage, rest = plain.get_help(context).split("\n", 1)
    return _REQUIRED.sub(r"\1", usage) + "\n" + _CHOICES.sub(r"[\1]", rest)


if __name__ == "__main__":
    REFERENCE.write_text(reference_text())
    print(f"wrote {REFERENCE}")
