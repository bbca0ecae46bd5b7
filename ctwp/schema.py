"""The JSON Schema of a programme file, generated from the model."""

from __future__ import annotations

import json


def programme_schema() -> dict:
    from ctwp.model import Programme

    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **Programme.model_json_schema()}


def progress_schema() -> dict:
    from ctwp.model import ProgressFile

    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **ProgressFile.model_json_schema()}


def schema_text(kind: str = "programme") -> str:
    """The schema as committed: ``schema/ctwp.schema.json`` for programme files,
    ``schema/progress.schema.json`` for progress files (``kind="progress"``)."""
    schema = progress_schema() if kind == "progress" else programme_schema()
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
