"""docs/reference.md holds the --help of every command, as the code prints it today."""

import importlib.util

from conftest import REPO

from ctwp.cli.app import COMMANDS

REFERENCE = REPO / "docs" / "reference.md"


def load_generator():
    spec = importlib.util.spec_from_file_location("reference", REPO / "docs" / "reference.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_reference_is_current():
    assert REFERENCE.read_text() == load_generator().reference_text(), (
        "docs/reference.md is out of date: run '.venv/bin/python docs/reference.py'"
    )


def test_reference_has_every_command_within_80_columns():
    lines = REFERENCE.read_text().splitlines()
    assert [line.removeprefix("## ctwp ") for line in lines if line.startswith("## ctwp ")] == list(COMMANDS)
    assert max(len(line) for line in lines) <= 80
