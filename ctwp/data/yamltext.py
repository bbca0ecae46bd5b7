"""Values written into YAML files that people edit (``ctwp new``, ``ctwp report``): text is
appended or written as it would be typed, never dumped, so that comments and layout stay."""

from __future__ import annotations

import json
import re

# Plain (unquoted) where every YAML reader reads the same text back: a word first, and none
# of the characters that mean something to YAML; or an id, reference or date such as
# 2022-research-centre/milestone-1 or 2022-06-03 (never a number, as digits alone would be).
_PLAIN = re.compile(r"[A-Za-z(][^:#\n\"'{}\[\]&*!|>%@`]*|\d[0-9a-zA-Z/]*-[0-9a-zA-Z/-]*")
_YAML_WORDS = {"null", "true", "false", "yes", "no", "on", "off", "y", "n", "~"}


def scalar(text: str) -> str:
    """Text as a YAML scalar: plain where YAML reads it back as the same text, else double-quoted."""
    if _PLAIN.fullmatch(text) and text == text.strip() and text.lower() not in _YAML_WORDS and " -" not in text:
        return text
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar
