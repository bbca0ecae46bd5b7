"""The committed JSON Schema is the model's, and agrees with the model on the real data."""

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from ctwp.data.schema import schema_text

REPO = Path(__file__).resolve().parent.parent
COMMITTED = REPO / "schema" / "ctwp.schema.json"


def test_committed_schema_is_current():
    assert COMMITTED.read_text() == schema_text(), "schema/ctwp.schema.json is stale: run 'ctwp schema > schema/ctwp.schema.json'"


def test_schema_command_prints_it(ctwp):
    result = ctwp("schema")
    assert result.exit_code == 0
    assert result.stdout == COMMITTED.read_text()


@pytest.mark.parametrize("year", [2021, 2022])
def test_real_data_is_valid_under_the_schema(year):
    # An independent reader and validator: PyYAML's safe loader and the jsonschema library.
    data = yaml.safe_load((REPO / "data" / f"{year}.yaml").read_text())
    jsonschema.Draft202012Validator(json.loads(COMMITTED.read_text())).validate(data)


def test_schema_rejects_what_the_model_rejects():
    validator = jsonschema.Draft202012Validator(json.loads(COMMITTED.read_text()))
    data = yaml.safe_load((REPO / "data" / "2022.yaml").read_text())
    data["groups"][0]["items"][0]["milestones"][0]["due"] = "Dec 2022"
    data["groups"][0]["items"][0]["colour"] = "red"
    messages = sorted(error.message for error in validator.iter_errors(data))
    assert messages == [
        "'Dec 2022' does not match '^([0-9]{4}(-Q[1-4]|-(0[1-9]|1[0-2])(-[0-9]{2}(/[0-9]{4}-[0-9]{2}-[0-9]{2})?)?)?|ongoing|tbd|conditional)$(?!\\\\n)'",
        "Additional properties are not allowed ('colour' was unexpected)",
    ]


def test_committed_progress_schema_is_current_and_takes_the_fixture_reports():
    committed = REPO / "schema" / "progress.schema.json"
    assert committed.read_text() == schema_text("progress"), "run 'ctwp schema --progress > schema/progress.schema.json'"
    validator = jsonschema.Draft202012Validator(json.loads(committed.read_text()))
    data = yaml.safe_load((REPO / "tests" / "fixtures" / "progress" / "progress" / "2030.yaml").read_text())
    data["reports"] = [{**report, "date": str(report["date"])} for report in data["reports"]]  # PyYAML reads dates as dates
    validator.validate(data)
    data["reports"][0]["status"] = "finished"
    del data["reports"][1]["source"]
    assert sorted(error.message for error in validator.iter_errors(data)) == [
        "'finished' is not one of ['not-started', 'on-track', 'at-risk', 'done', 'stopped', 'replaced']",
        "'source' is a required property",
    ]
