"""The pipelines of docs/ci/ for GitLab and Azure Pipelines: each parses, runs ctwp validate
in the formats it publishes, and publishes the files those runs write."""

import json
import re
import subprocess

import pytest
import yaml
from conftest import REPO
from junitparser import JUnitXml

CI_DOCS = REPO / "docs" / "ci"
# Each run of ctwp validate: its format, and the file it writes, if any. A run that finds a
# problem must not stop the others, so its status is kept for the end.
VALIDATE = re.compile(r"^ctwp validate --format (?P<format>\w+)(?: > (?P<path>\S+))? \|\| status=\$\?$")


def validate_runs(lines: list[str]) -> dict[str, str | None]:
    runs = [VALIDATE.match(line) for line in lines if line.startswith("ctwp ")]
    assert all(runs), lines
    return {run["format"]: run["path"] for run in runs}


def check_shell(lines: list[str]):
    """The lines are one shell script: it parses, and ends with the worst status of its runs."""
    script = "\n".join(lines)
    assert subprocess.run(["bash", "-n", "-c", script]).returncode == 0
    assert lines[lines.index("status=0") + 1].startswith("ctwp validate")
    assert lines[-1] == "exit $status"


def check_reports_are_written(ctwp, runs: dict[str, str | None]):
    """Each run, as the pipeline gives it, on the published data: exit 0 and a report its CI reads."""
    for output_format in runs:
        result = ctwp("validate", "--format", output_format)
        assert result.exit_code == 0, result.stderr
        if output_format == "junit":
            [suite] = list(JUnitXml.fromstring(result.stdout))
            assert (suite.tests, suite.failures) == (6, 0)  # four data files and two progress files
        elif output_format == "gitlab":
            assert json.loads(result.stdout) == []
        elif output_format == "sarif":
            assert json.loads(result.stdout)["runs"][0]["results"] == []


@pytest.fixture(scope="module")
def gitlab_job():
    config = yaml.safe_load((CI_DOCS / ".gitlab-ci.yml").read_text())
    return config["ctwp-validate"]


def test_gitlab_job_publishes_code_quality_and_junit(ctwp, gitlab_job):
    script = gitlab_job["script"]
    assert script[0] == "pip install ."
    check_shell(script[1:])
    runs = validate_runs(script)
    assert runs == {"text": None, "gitlab": "gl-code-quality-report.json", "junit": "ctwp-junit.xml"}
    # The reports are uploaded when validation fails too, which is when they matter.
    assert gitlab_job["artifacts"] == {"when": "always", "reports": {"codequality": runs["gitlab"], "junit": runs["junit"]}}
    check_reports_are_written(ctwp, runs)


@pytest.fixture(scope="module")
def azure_steps():
    pipeline = yaml.safe_load((CI_DOCS / "azure-pipelines.yml").read_text())
    return {step.get("task", step.get("script")): step for step in pipeline["steps"]}


def test_azure_pipeline_publishes_junit_and_sarif(ctwp, azure_steps):
    assert "pip install ." in azure_steps
    [script] = [step["script"] for step in azure_steps.values() if "ctwp validate" in step.get("script", "")]
    lines = script.splitlines()
    check_shell(lines)
    runs = validate_runs(lines)
    assert runs == {"text": None, "junit": "ctwp-junit.xml", "sarif": "CodeAnalysisLogs/ctwp.sarif"}
    assert lines[0] == "mkdir -p CodeAnalysisLogs"

    tests = azure_steps["PublishTestResults@2"]
    assert tests["inputs"]["testResultsFormat"] == "JUnit"
    assert tests["inputs"]["testResultsFiles"] == runs["junit"]
    # The Scans tab of the SARIF SAST Scans Tab extension reads the artifact of this name.
    artifact = azure_steps["PublishBuildArtifacts@1"]
    assert artifact["inputs"] == {"PathtoPublish": "CodeAnalysisLogs", "ArtifactName": "CodeAnalysisLogs"}
    assert runs["sarif"].startswith(artifact["inputs"]["PathtoPublish"] + "/")
    # Published when validation fails too.
    assert tests["condition"] == artifact["condition"] == "succeededOrFailed()"
    check_reports_are_written(ctwp, runs)
