"""The JSON Schema of a programme file, generated from the model."""

from __future__ import annotations

import json

from pydantic.json_schema import GenerateJsonSchema


class _Named(GenerateJsonSchema):
    """Names each definition by its title (an "Item", not an "ItemModel")."""

    def normalize_name(self, name: str) -> str:
        return super().normalize_name(name).removesuffix("Model")


def programme_schema() -> dict:
    from ctwp.data.model import ProgrammeModel

    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **ProgrammeModel.model_json_schema(schema_generator=_Named)}


def progress_schema() -> dict:
    from ctwp.data.model import ProgressFile

    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **ProgressFile.model_json_schema(schema_generator=_Named)}


def schema_text(kind: str = "programme") -> str:
    """The schema as committed: ``schema/ctwp.schema.json`` for programme files,
    ``schema/progress.schema.json`` for progress files (``kind="progress"``)."""
    schema = progress_schema() if kind == "progress" else programme_schema()
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
