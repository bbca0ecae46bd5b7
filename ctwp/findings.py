"""Findings: the problems validation reports, each located in a file and named by a rule."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass


@dataclass(frozen=True, order=True)
class Finding:
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
        return f"{self.path}:{self.line}:{self.column}: [{self.level}] {self.message}{hint} ({self.rule})"


def findings_as_json(findings: list[Finding]) -> str:
    return json.dumps([asdict(finding) for finding in findings], indent=2, ensure_ascii=False)
