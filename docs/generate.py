"""Regenerate every part of the docs that restates the code: docs/reference.md whole, and the
tables between ``<!-- generated: NAME -->`` and ``<!-- end generated -->`` in README.md and
docs/*.md. Run it after changing a command, a validation rule, an exit code or an output field:

    .venv/bin/python docs/generate.py

tests/test_generated_docs.py fails while any generated part is out of step with the code, as
tests/test_reference.py does for docs/reference.md.

The names and order come from the code; the words that explain each field or exit code are
kept here, and the generator stops with an error when the code has a name this file does not
explain, or this file explains a name the code no longer has.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent
REPO = DOCS.parent
sys.path.insert(0, str(REPO))  # document the working tree's ctwp, whatever copy is installed

# Everything the generator reads from ctwp, in one place.
from ctwp.analysis.progress import CHANGE_FIELDS  # noqa: E402
from ctwp.analysis.queries import ITEM_FIELDS  # noqa: E402
from ctwp.analysis.vocabulary import State  # noqa: E402
from ctwp.core import errors  # noqa: E402
from ctwp.data.findings import RULES  # noqa: E402

# <!-- generated: NAME --> ... <!-- end generated -->, the markers on lines of their own.
BLOCK = re.compile(r"^(<!-- generated: (?P<name>[a-z-]+) -->\n)(?P<body>.*?)^(<!-- end generated -->)$", re.DOTALL | re.MULTILINE)
OPENING = re.compile(r"^<!-- generated: ([a-z-]+) -->$", re.MULTILINE)
CLOSING = re.compile(r"^<!-- end generated -->$", re.MULTILINE)


# What each exit code means, by the name of its constant (0, success, has none).
EXIT_MEANINGS = {
    "EXIT_INVALID": "the data is invalid; or, with `ctwp diff --exit-code`, there are differences",
    "EXIT_USAGE": (
        "usage error: an unknown command or option, a bad option, argument or period (an empty one included), "
        "a missing file, a data folder missing or without its registries or year files, an unknown agency, id "
        "or git revision; an `--output` that is a folder"
    ),
    "EXIT_BUG": "ctwp itself failed (a bug); `ctwp --debug ...` shows the traceback",
    "EXIT_ENVIRONMENT": (
        "the environment failed: `--output` cannot be written (permission denied, a read-only file system, "
        "a full disk), or stdout cannot (`ctwp list > /dev/full`)"
    ),
    "EXIT_CLOSED_PIPE": (
        "the program reading ctwp's output went away before ctwp finished writing (`ctwp list \\| true`): ctwp "
        "stops silently, with the status a shell gives a tool that SIGPIPE ends (128 + 13), as `cat` and `grep` do"
    ),
}

# What each field of a row of `ctwp list`, `ctwp due` and `ctwp status` holds.
FIELD_MEANINGS = {
    "year": "the programme year",
    "id": "the item's id",
    "group_id": "the id of its group (2021 initiative, 2022 capability)",
    "group": "the title of its group",
    "title": "the item's title (`[withheld: ...]` for withheld content)",
    "leads": "agency codes, in the order the source gives them",
    "lead_text": "the lead in words where it is not an agency (such as `TBD`), else `null`",
    "recs": "RCOI recommendation numbers",
    "draft": "`true` for an item of a draft edition (`draft: true` in its file), not yet published",
    "continues_year": "the item of an earlier year this one carries on: in JSON an object, `continues`, with its `year`, "
    "`id` and `title` (as `ctwp show` gives it), else `null`; in CSV three columns: its year",
    "continues_id": "its id",
    "continues_title": "its title",
    "due": "the due period in canonical form (`2022-Q4`, `ongoing`...)",
    "due_label": "the due period as people write it (`Q4 2022`, `Ongoing`)",
    "due_start": "the period's first day (an ISO date), `null` when undated",
    "due_end": "the period's last day (an ISO date), `null` when undated",
    "milestone": "the milestone in the source's words (for `list`, the next milestone)",
    "milestone_key": "the milestone's key in its item",
    "as_at": "the day the state is told for",
    "state": "the state: " + ", ".join(f"`{state.value}`" for state in State),
    "state_label": "the state in words (`done late`, `no report past due`)",
    "state_text": "the state in full (`done 27 Oct 2022, 3 months after its due period`, `no report; due period ended Jul 2022`)",
    "reported": "whether any report, on or before the as-at day, backs the state",
    "report_date": "the latest report's day, or its month when the source gives no day",
    "report_status": "the latest report's status",
    "report_note": "the latest report's note",
    "report_source": "the latest report's source",
    "report_expected": "the latest report's new expected period, if any (`2023`)",
    "report_done_by": "whether the latest report says only that the milestone was done by its date",
    "report_label": "the latest report in words (`on track, 15 Jul 2030`, `done by 2 Aug 2024`), or `no report`",
    "carried_to": "the ids of the items of later editions that carry this one on",
    "was": "with `--since`: the state on the day `--since` gives",
    "was_label": "with `--since`: that state in words",
    "since": "with `--since`: the day it gives",
}


def rules_table() -> str:
    rows = [f"| `{rule}` | {_code_words(description)} |" for rule, description in RULES.items()]
    return _table(["rule", "checks that"], rows)


def exit_codes_table() -> str:
    codes = {name: value for name, value in vars(errors).items() if name.startswith("EXIT_")}
    _same_names("exit codes", codes, EXIT_MEANINGS)
    rows = ["| 0 | success |"] + [f"| {value} | {EXIT_MEANINGS[name]} |" for name, value in sorted(codes.items(), key=lambda pair: pair[1])]
    return _table(["code", "meaning"], rows)


def item_fields_table() -> str:
    return _fields_table(ITEM_FIELDS)


def status_fields_table() -> str:
    # A status row is a `due` row with more fields; the table lists only what it adds.
    added = [name for name in CHANGE_FIELDS if name not in ITEM_FIELDS]
    return _fields_table(added)


GENERATED = {
    "rules": rules_table,
    "exit-codes": exit_codes_table,
    "item-fields": item_fields_table,
    "status-fields": status_fields_table,
}


def _fields_table(names) -> str:
    _same_names("fields", {**dict.fromkeys(ITEM_FIELDS), **dict.fromkeys(CHANGE_FIELDS)}, FIELD_MEANINGS)
    return _table(["field", "meaning"], [f"| `{name}` | {FIELD_MEANINGS[name]} |" for name in names])


def _same_names(what: str, in_code, explained) -> None:
    if set(in_code) != set(explained):
        unexplained = sorted(set(in_code) - set(explained))
        gone = sorted(set(explained) - set(in_code))
        raise SystemExit(f"docs/generate.py: {what}: explain {unexplained} and remove {gone} in docs/generate.py")


def _code_words(description: str) -> str:
    # The rules' words name files, environment variables, keys and tags as code.
    pattern = r"'?\b(CTWP_[A-Z_]+|[a-z]+\.yaml|[a-z]+_text|YEAR\.yaml|continues)\b'?|!!\S+"
    return re.sub(pattern, lambda match: f"`{match.group(0).strip(chr(39))}`", description)


def _table(header: list[str], rows: list[str]) -> str:
    return "\n".join([f"| {' | '.join(header)} |", "|" + "---|" * len(header), *rows]) + "\n"


def pages() -> list[Path]:
    """The pages that may hold generated parts: README.md and every page of docs/."""
    return [REPO / "README.md", *sorted(DOCS.glob("*.md"))]


def regenerate(text: str, page: str = "page") -> str:
    """``text`` with each generated part written afresh from the code."""

    def fill(match: re.Match) -> str:
        name = match["name"]
        if name not in GENERATED:
            raise SystemExit(f"docs/generate.py: {page} asks for '{name}', which is not one of {sorted(GENERATED)}")
        return f"{match[1]}{GENERATED[name]()}{match[4]}"

    return BLOCK.sub(fill, text)


def reference_module():
    spec = importlib.util.spec_from_file_location("reference", DOCS / "reference.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    reference = reference_module()
    written = []
    if reference.REFERENCE.read_text() != (text := reference.reference_text()):
        reference.REFERENCE.write_text(text)
        written.append(reference.REFERENCE)
    for page in pages():
        old = page.read_text()
        if (new := regenerate(old, page.name)) != old:
            page.write_text(new)
            written.append(page)
    for page in written:
        print(f"wrote {page.relative_to(REPO)}")
    if not written:
        print("every generated part is current", file=sys.stderr)


if __name__ == "__main__":
    main()
