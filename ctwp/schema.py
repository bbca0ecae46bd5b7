"""The JSON Schema of a programme file, generated from the model."""

from __future__ import annotations

import json


def programme_schema() -> dict:
    from ctwp.model import Programme

    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **Programme.model_json_schema()}


def schema_text() -> str:
    """The schema as committed in ``schema/ctwp.schema.json``."""
    return json.dumps(programme_schema(), indent=2, ensure_ascii=False) + "\n"
