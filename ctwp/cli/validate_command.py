"""``ctwp validate``: check programme files and report every problem, located."""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from ctwp.cli.options import DataOption
from ctwp.publish.reporters import REPORTERS

# The --format choices: the names of the reporters, in their order.
FindingFormat = Enum("FindingFormat", {name: name for name in REPORTERS}, type=str)


def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="[PATH]...",
            show_default=False,
            help="Programme files to check. Default: every year file of the data folder. "
            "A file given here stands in for the data folder's file of the same year; "
            "one named agencies.yaml or rcoi.yaml is checked as that registry.",
        ),
    ] = None,
    data: DataOption = None,
    output_format: Annotated[
        FindingFormat | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            show_default=False,
            case_sensitive=False,
            help="FORMAT is one of these. text: one line per problem, path:line:col: [error] message (rule). json: the same as a list. "
            "github: GitHub Actions annotations, shown on the lines concerned in a pull request. "
            "markdown: a table, for a CI job's summary. sarif: SARIF 2.1.0, for GitHub code scanning and Azure DevOps. "
            "junit: JUnit XML, a test case per file, for GitLab, Jenkins and Azure Pipelines. "
            "gitlab: a GitLab Code Quality report. "
            "Default: github when the GITHUB_ACTIONS environment variable is true, else text.",
        ),
    ] = None,
) -> None:
    """Check programme files against the schema, the registries and each other.

    Exit status: 0 when valid (warnings alone leave it valid), 1 when any error is found,
    2 for a usage error.
    """
    from ctwp.core.errors import counted, one_line
    from ctwp.data.loading import REGISTRY_FILES, SHIPPED_DATA, display_path, find_data_dir, load_dataset
    from ctwp.publish.reporters import ValidationRun

    if output_format is None:
        output_format = FindingFormat.github if os.environ.get("GITHUB_ACTIONS") == "true" else FindingFormat.text
    dataset = load_dataset(find_data_dir(data), paths or None)
    findings = sorted(dataset.findings)
    errors = [finding for finding in findings if finding.level == "error"]  # warnings alone leave the data valid
    REPORTERS[output_format.value](ValidationRun(findings, dataset.checked), sys.stdout)
    for path, more in sorted(dataset.more.items()):  # on stderr, so that stdout stays in its format
        print(one_line(f"{path}: … and {counted(more, 'more problem')}, not shown; fix these first"), file=sys.stderr)
    if errors:
        print(f"{counted(dataset.problem_count, 'problem')} found", file=sys.stderr)
        raise typer.Exit(1)
    drafts = {located.path for located in dataset.programmes if located.programme.draft}
    given = list(dict.fromkeys(display_path(path) for path in paths or ()))  # each file once, however often given
    named = [path for path in given if path not in dataset.progress_counts] or [located.path for located in dataset.programmes]
    checked = [f"{path} (a draft)" if path in drafts else path for path in named]
    progress = [f"{path} ({counted(count, 'report')})" for path, count in dataset.progress_counts.items()]
    if paths and all(path.name in REGISTRY_FILES for path in paths):
        print(one_line(f"valid: {', '.join(checked)}"), file=sys.stderr)
        return
    items = sum(len(group.items) for located in dataset.programmes for group in located.programme.groups)
    summary = f"({counted(items, 'item')} in {counted(len(dataset.programmes), 'year')})"
    progressed = f"; {', '.join(progress)}" if progress else ""
    warned = f"; {counted(len(findings), 'warning')}" if findings else ""
    said = f"{', '.join(checked)} {summary}{progressed}{warned}"
    shipped = display_path(SHIPPED_DATA)
    if f" of {shipped}" in said:  # the data shipped with ctwp, named once rather than for each file
        said = f"{shipped}: " + said.replace(f" of {shipped}", "")
    print(one_line(f"valid: {said}"), file=sys.stderr)
