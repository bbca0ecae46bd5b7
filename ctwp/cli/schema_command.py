"""``ctwp schema``: print the JSON Schema of a programme file."""

from __future__ import annotations

import sys


def schema() -> None:
    """Print the JSON Schema that programme files follow (committed as schema/ctwp.schema.json)."""
    from ctwp.schema import schema_text

    sys.stdout.write(schema_text())
