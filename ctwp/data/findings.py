"""Findings: the problems validation reports, each located in a file and named by a rule."""

from __future__ import annotations

from typing import NamedTuple

from ctwp.core.errors import one_line

# Findings reported per file, at most, as compilers bound their errors: the first ones come
# out, the rest are counted, and memory and time stay bounded whatever the file holds.
FINDINGS_PER_FILE = 100

# Every rule a finding can name, with what it checks. Rule ids are stable: CI scripts and
# editors may match on them.
RULES = {
    "encoding": "the file is UTF-8 (a byte-order mark is accepted)",
    "unreadable": "the file can be read",
    "file-size": "the file is within the size limit (CTWP_MAX_FILE_MB, 20 MB)",
    "yaml-syntax": "the file is well-formed YAML",
    "multiple-documents": "the file holds one YAML document",
    "empty-file": "the file holds data",
    "not-programme": "a file given as a programme is one: YAML with the keys year, title, source, groups",
    "nesting-depth": "the data nests within the depth limit (CTWP_MAX_DEPTH, 32 levels)",
    "yaml-alias": "no anchors reused through aliases",
    "yaml-tag": "no YAML tags such as !!python/object",
    "yaml-key": "every mapping key is plain text",
    "duplicate-key": "no key appears twice in one mapping",
    "unknown-key": "every key is one the format defines",
    "missing-key": "every required key is there",
    "wrong-type": "each value has its type: text, whole number, list or mapping",
    "invalid-value": "each value is one the format allows",
    "invalid-id": "ids are lower-case words and digits joined by hyphens",
    "invalid-text": "text is visible, without control characters",
    "due-format": "due periods are in the canonical form",
    "missing-condition": "a conditional milestone says what it waits on",
    "stray-condition": "only a conditional milestone has a condition",
    "missing-lead": "an item names its leads, or its lead in words",
    "missing-items": "an initiative or capability has items",
    "stray-text": "only an underpinning row has workstreams_text, recs_text or milestone_text",
    "unknown-agency": "every lead is an agency code of agencies.yaml",
    "rec-range": "every recommendation is one of rcoi.yaml (1 to 44)",
    "year-mismatch": "a file named YEAR.yaml holds that year",
    "duplicate-id": "ids are unique across all years",
    "unknown-link": "'continues' (and not_continuing's item) names an existing item",
    "link-year": "'continues' (and not_continuing's item) names an item of an earlier year",
    "duplicate-milestone-key": "the milestones of an item have different keys",
    "unknown-status": "a progress report's status is one of the vocabulary",
    "missing-source": "a progress report names its source",
    "unknown-milestone": "a progress report is on a milestone of its year's edition",
    "report-date": "a progress report dated before its edition's year says done (met before the edition)",
    "duplicate-report": "a milestone's progress reports are on different days or months, none within another",
    "progress-file": "every file in progress/ is YEAR.yaml for an edition of the data folder",
    "expected-period": "a progress report's expected period is dated",
    "stray-expected": "only a report of a milestone not yet met (not started, on track, at risk) has an expected period",
    "stray-done-by": "only a report that says done has done_by",
    "contradictory-link": "an item does not both continue an item and say why it does not",
    "status-reversal": "a warning: a milestone reported done is later reported not started",
    "duplicate-name": "agencies.yaml names each agency once",
    "rec-numbering": "rcoi.yaml numbers its recommendations 1, 2, 3... in order",
    "unknown-group": "rcoi.yaml puts recommendations only in groups it defines",
}


class Finding(NamedTuple):  # a named tuple: ordered by its fields, as findings are listed
    path: str
    line: int
    column: int
    rule: str
    message: str
    hint: str | None = None
    level: str = "error"

    def text(self) -> str:
        """``path:line:col: [error] message; hint (rule)``, as yamllint writes it."""
        hint = f"; {self.hint}" if self.hint else ""
        return one_line(f"{self.path}:{self.line}:{self.column}: [{self.level}] {self.message}{hint} ({self.rule})")
