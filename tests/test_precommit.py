"""pre-commit: the hook other repositories use (.pre-commit-hooks.yaml) and this repository's
own (.pre-commit-config.yaml) are well-formed, run on the data files, and run ctwp validate."""

import os
import re
import shlex
import shutil
import subprocess
import sys

import pytest
import yaml
from conftest import REPO

[PUBLISHED] = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
[LOCAL_REPO] = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text())["repos"]
LOCAL, *LINTERS = LOCAL_REPO["hooks"]
# The keys pre-commit defines for a hook (https://pre-commit.com/#new-hooks).
HOOK_KEYS = {
    "id",
    "name",
    "entry",
    "language",
    "files",
    "exclude",
    "types",
    "types_or",
    "exclude_types",
    "always_run",
    "fail_fast",
    "verbose",
    "pass_filenames",
    "require_serial",
    "description",
    "language_version",
    "minimum_pre_commit_version",
    "args",
    "stages",
    "additional_dependencies",
}
DATA_FILES = ["data/2021.yaml", "data/2022.yaml", "data/2023.yml", "data/agencies.yaml", "data/rcoi.yaml", "data/progress/2022.yaml"]
OTHER_FILES = [
    "README.md",
    "data/notes.yaml",
    "data/progress/notes.yaml",
    "tests/fixtures/diff/2031.yaml",
    "schema/ctwp.schema.json",
    "olddata/2021.yaml",
]


@pytest.mark.parametrize("hook", [PUBLISHED, LOCAL], ids=["published", "local"])
def test_hook_is_well_formed(hook):
    assert set(hook) <= HOOK_KEYS
    assert {"id", "name", "entry", "language"} <= set(hook)
    assert (hook["id"], hook["language"]) == ("ctwp-validate", "python")
    # Leads and links are checked across the whole data set: the hook takes no file names,
    # and runs when any data file changes.
    assert hook["pass_filenames"] is False
    assert [path for path in DATA_FILES + OTHER_FILES if re.search(hook["files"], path)] == DATA_FILES


def run_entry(hook, cwd):
    """The hook's entry as pre-commit runs it, with this working tree's ctwp as 'ctwp' or 'python'."""
    program, *arguments = shlex.split(hook["entry"])
    command = {"ctwp": [sys.executable, "-m", "ctwp"], "python": [sys.executable]}[program] + arguments + hook.get("args", [])
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(REPO)})


def test_published_hook_fails_on_a_broken_data_folder(tmp_path):
    shutil.copytree(REPO / "data", tmp_path / "data")
    year_file = tmp_path / "data" / "2022.yaml"
    year_file.write_text(year_file.read_text().replace("year: 2022", "year: 2023"))
    result = run_entry(PUBLISHED, tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (
        1,
        "data/2022.yaml:11:7: [error] the file is named for 2022 but holds year 2023; rename the file or correct the year (year-mismatch)\n",
        "1 problem found\n",
    )


def test_local_hook_passes_on_this_repository():
    assert LOCAL_REPO["repo"] == "local"
    result = run_entry(LOCAL, REPO)
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        "",
        "valid: data/2021.yaml, data/2022.yaml (42 items in 2 years); data/progress/2021.yaml (2 reports), data/progress/2022.yaml (7 reports)\n",
    )


def test_local_hook_installs_what_ctwp_needs():
    # pre-commit installs the hook's additional_dependencies, not this package.
    tomllib = pytest.importorskip("tomllib", reason="reading pyproject.toml needs Python 3.11")
    dependencies = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["dependencies"]
    assert LOCAL["additional_dependencies"] == dependencies


def test_local_linters_run_ruff_on_python_files():
    assert [(hook["id"], hook["entry"], hook["types"]) for hook in LINTERS] == [
        ("ruff-check", "ruff check --force-exclude", ["python"]),
        ("ruff-format", "ruff format --check --force-exclude", ["python"]),
    ]
    for hook in LINTERS:
        assert set(hook) <= HOOK_KEYS
