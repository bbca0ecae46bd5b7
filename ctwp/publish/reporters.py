"""The formats ``ctwp validate`` reports in: each reporter writes one run's findings to the
stream it is given.

``REPORTERS`` maps each ``--format`` name to its reporter. The formats for CI systems
(SARIF, JUnit XML, GitLab Code Quality) name files relative to the repository's root, as
those systems expect; what only they need (xml.etree, hashlib) is imported only by them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from ctwp import __version__
from ctwp.core.errors import counted
from ctwp.data.findings import RULES, Finding


@dataclass(frozen=True)
class ValidationRun:
    """What one ``ctwp validate`` found: its findings, in order, and every file it checked."""

    findings: list[Finding]
    checked: list[str]


Reporter = Callable[[ValidationRun, TextIO], None]


def write_text(run: ValidationRun, stream: TextIO) -> None:
    """One line per finding, ``path:line:col: [error] message; hint (rule)``."""
    stream.writelines(finding.text() + "\n" for finding in run.findings)


def write_json(run: ValidationRun, stream: TextIO) -> None:
    """The findings as a list of objects: path, line, column, rule, message, hint, level."""
    from ctwp.publish.formats import json_text

    stream.write(json_text([finding._asdict() for finding in run.findings]) + "\n")


def write_github(run: ValidationRun, stream: TextIO) -> None:
    """GitHub Actions workflow commands, so each finding shows on its line in a pull request."""
    stream.writelines(github_annotation(finding) + "\n" for finding in run.findings)


def github_annotation(finding: Finding) -> str:
    properties = {"file": finding.path, "line": finding.line, "col": finding.column, "title": finding.rule}
    fields = ",".join(f"{name}={_github_property(str(value))}" for name, value in properties.items())
    return f"::{finding.level} {fields}::{_github_message(_message_and_hint(finding))}"


def _github_message(text: str) -> str:
    # As GitHub's own toolkit escapes a command's message (@actions/core, escapeData).
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(text: str) -> str:
    # A property value ends at ',' and the properties at '::', so those are escaped too.
    return _github_message(text).replace(":", "%3A").replace(",", "%2C")


def write_markdown(run: ValidationRun, stream: TextIO) -> None:
    """A heading, a sentence and a table of the findings: for a CI job's summary page."""
    from ctwp.publish.formats import Column, markdown_table

    files = len(run.checked)
    stream.write("## ctwp validate\n\n")
    if not run.findings:
        stream.write(f"No problems found in {counted(files, 'file')}.\n")
        return
    count, failed = len(run.findings), len({finding.path for finding in run.findings})
    stream.write(f"{counted(count, 'problem')} found in {failed} of {counted(files, 'file')}.\n\n")
    columns = [
        Column("File", "file", code=True),
        Column("Line", "line"),
        Column("Column", "column"),
        Column("Rule", "rule", code=True),
        Column("Problem", "problem"),
    ]
    rows = [
        {
            "file": finding.path,
            "line": finding.line,
            "column": finding.column,
            "rule": finding.rule,
            "problem": _message_and_hint(finding),
        }
        for finding in run.findings
    ]
    stream.write(markdown_table(rows, columns))


def write_sarif(run: ValidationRun, stream: TextIO) -> None:
    """SARIF 2.1.0, the OASIS standard read by GitHub code scanning and Azure DevOps: one run,
    every rule described once, each finding at its place in a file of the repository."""
    root = repository_root()
    rule_index = {rule: index for index, rule in enumerate(RULES)}
    log = {
        "$schema": "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "ctwp",
                        "version": __version__,
                        "rules": [
                            {
                                "id": rule,
                                "shortDescription": {"text": f"Checks that {RULES[rule]}."},
                                "help": {
                                    "text": f"ctwp validate checks that {RULES[rule]}; a finding of this rule points at where it does not hold."
                                },
                                "defaultConfiguration": {"level": "error"},
                            }
                            for rule in RULES
                        ],
                    }
                },
                # Paths are relative to the repository's root, which this names on the machine
                # that ran the check; code scanning resolves them against its own checkout.
                "originalUriBaseIds": {_SOURCE_ROOT: {"uri": root.as_uri() + "/"}},
                "columnKind": "unicodeCodePoints",
                "results": [
                    {
                        "ruleId": finding.rule,
                        **({"ruleIndex": rule_index[finding.rule]} if finding.rule in rule_index else {}),
                        "level": _SARIF_LEVELS.get(finding.level, "note"),
                        "message": {"text": _message_and_hint(finding)},
                        "locations": [
                            {
                                "physicalLocation": {
                                    "artifactLocation": _sarif_artifact(finding.path, root),
                                    "region": {"startLine": finding.line, "startColumn": finding.column},
                                }
                            }
                        ],
                        "partialFingerprints": {"ctwpFinding/v1": fingerprint},
                    }
                    for finding, fingerprint in zip(run.findings, fingerprints(run.findings, root), strict=True)
                ],
            }
        ],
    }
    json.dump(log, stream, ensure_ascii=False, indent=2)
    stream.write("\n")


_SOURCE_ROOT = "%SRCROOT%"
_SARIF_LEVELS = {"error": "error", "warning": "warning"}


def _sarif_artifact(path: str, root: Path) -> dict:
    from urllib.parse import quote

    relative = repository_path(path, root)
    if relative is None:  # a file outside the repository: named by its absolute URI
        return {"uri": _absolute(path).as_uri()}
    return {"uri": quote(relative), "uriBaseId": _SOURCE_ROOT}


def write_junit(run: ValidationRun, stream: TextIO) -> None:
    """JUnit XML, shown as test results by GitLab, Jenkins and Azure Pipelines: each file
    checked is a test case, each error a failure of it. JUnit has no warnings: they go to
    the case's output, so a file with warnings only passes, as ctwp validate does."""
    import xml.etree.ElementTree as ElementTree

    by_path: dict[str, list[Finding]] = {path: [] for path in run.checked}
    for finding in run.findings:
        by_path.setdefault(finding.path, []).append(finding)
    failed = sum(1 for found in by_path.values() if any(finding.level == "error" for finding in found))
    counts = {"tests": str(len(by_path)), "failures": str(failed), "errors": "0", "skipped": "0"}
    suites = ElementTree.Element("testsuites", {"name": "ctwp validate", **counts})
    suite = ElementTree.SubElement(suites, "testsuite", {"name": "ctwp validate", **counts})
    for path, found in by_path.items():
        case = ElementTree.SubElement(suite, "testcase", {"classname": "ctwp validate", "name": _xml_text(path), "file": _xml_text(path)})
        warnings = [finding.text() for finding in found if finding.level != "error"]
        for finding in (finding for finding in found if finding.level == "error"):
            failure = ElementTree.SubElement(
                case,
                "failure",
                {"type": finding.rule, "message": _xml_text(f"{finding.line}:{finding.column}: {_message_and_hint(finding)}")},
            )
            failure.text = _xml_text(finding.text())
        if warnings:
            ElementTree.SubElement(case, "system-out").text = _xml_text("\n".join(warnings))
    ElementTree.indent(suites)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ElementTree.tostring(suites, encoding="unicode") + "\n")


def _xml_text(text: str) -> str:
    # XML 1.0 cannot hold most control characters, even escaped.
    return _NOT_XML.sub("\ufffd", text)


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def write_gitlab(run: ValidationRun, stream: TextIO) -> None:
    """GitLab's Code Quality report, which shows each finding on its line of a merge request."""
    from ctwp.publish.formats import json_text

    root = repository_root()
    issues = [
        {
            "description": _message_and_hint(finding),
            "check_name": finding.rule,
            "fingerprint": fingerprint,
            "severity": _GITLAB_SEVERITIES.get(finding.level, "info"),
            "location": {"path": repository_path(finding.path, root) or finding.path, "lines": {"begin": finding.line}},
        }
        for finding, fingerprint in zip(run.findings, fingerprints(run.findings, root), strict=True)
    ]
    stream.write(json_text(issues) + "\n")


_GITLAB_SEVERITIES = {"error": "major", "warning": "minor"}


def fingerprints(findings: list[Finding], root: Path) -> list[str]:
    """A fingerprint for each finding, which stays the same from run to run while the finding does.

    It is made of the file (relative to the repository's root), the rule and the message,
    not of the line: a finding keeps its fingerprint when lines are added above it. Findings
    alike in all three are told apart by their order in the file.
    """
    import hashlib

    seen: dict[tuple, int] = {}
    result = []
    for finding in findings:
        content = (repository_path(finding.path, root) or finding.path, finding.rule, _message_and_hint(finding))
        occurrence = seen[content] = seen.get(content, -1) + 1
        result.append(hashlib.sha256("\0".join((*content, str(occurrence))).encode()).hexdigest())
    return result


def repository_root() -> Path:
    """The root of the git repository the command runs in, else the working directory."""
    here = Path.cwd().resolve()
    return next((folder for folder in (here, *here.parents) if (folder / ".git").exists()), here)


def repository_path(path: str, root: Path) -> str | None:
    """``path`` relative to ``root``, with forward slashes; None for a file outside it."""
    try:
        return _absolute(path).relative_to(root).as_posix()
    except ValueError:
        return None


def _absolute(path: str) -> Path:
    return (Path.cwd() / path).resolve()


def _message_and_hint(finding: Finding) -> str:
    return f"{finding.message}; {finding.hint}" if finding.hint else finding.message


REPORTERS: dict[str, Reporter] = {
    "text": write_text,
    "json": write_json,
    "github": write_github,
    "markdown": write_markdown,
    "sarif": write_sarif,
    "junit": write_junit,
    "gitlab": write_gitlab,
}
