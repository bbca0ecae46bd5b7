"""The floor under ``ctwp validate``: libyaml's events and pydantic's validation, timed apart.

    python benchmarks/floor.py DATA_DIR

Prints, as JSON, the CPU seconds of the two passes no validator of these files can skip:
libyaml parsing every file to events (without building anything from them), and pydantic
validating the data of every file against ctwp's models, with the same context as ctwp
validate (the registries, the year). The data handed to pydantic is read beforehand, untimed.
"""

from __future__ import annotations

import gc
import json
import sys
import time
from pathlib import Path

from yaml._yaml import CParser
from yaml.events import StreamEndEvent

from ctwp.data.loading import REGISTRY_FILES, YEAR_FILE, load_dataset
from ctwp.data.model import ErrorBudget, ProgrammeModel
from ctwp.data.registry import AgencyFile, RecommendationFile
from ctwp.data.yamlsource import read_yaml


def event_pass(texts: list[str]) -> None:
    for text in texts:
        next_event = CParser(text).get_event
        while type(next_event()) is not StreamEndEvent:
            pass


def validation_pass(documents: list[tuple[type, object, dict]]) -> None:
    for model, data, context in documents:
        model.model_validate(data, strict=True, context={**context, "budget": ErrorBudget(100)})


def main() -> None:
    gc.disable()  # as ctwp runs its commands: the collector would walk the data again and again
    data_dir = Path(sys.argv[1])
    files = sorted(path for path in data_dir.iterdir() if path.name in REGISTRY_FILES or YEAR_FILE.fullmatch(path.name))
    texts = [path.read_bytes().decode("utf-8-sig") for path in files]
    registry = load_dataset(data_dir, paths=[data_dir / name for name in REGISTRY_FILES]).registry
    models = {"agencies.yaml": (AgencyFile, {}), "rcoi.yaml": (RecommendationFile, {})}
    documents = []
    for path, text in zip(files, texts, strict=True):
        model, context = models[path.name] if path.name in models else (ProgrammeModel, {"registry": registry, "file_year": int(path.stem)})
        documents.append((model, read_yaml(path.name, text.encode()).data, context))
    validation_pass(documents[:1])  # the models built before timing, as in a warm process
    started = time.process_time()
    event_pass(texts)
    events = time.process_time() - started
    started = time.process_time()
    validation_pass(documents)
    validation = time.process_time() - started
    print(json.dumps({"events": events, "validation": validation}))


if __name__ == "__main__":
    main()
