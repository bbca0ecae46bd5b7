"""The command line as a whole: version, where data comes from, and the one error path."""

import os
import subprocess
import sys

from conftest import REPO

from ctwp import __version__


def test_version(ctwp):
    result = ctwp("--version")
    assert (result.exit_code, result.stdout) == (0, f"ctwp {__version__}\n")


def test_python_dash_m(tmp_path):
    result = subprocess.run([sys.executable, "-m", "ctwp", "--version"], capture_output=True, text=True, cwd=REPO)
    assert (result.returncode, result.stdout) == (0, f"ctwp {__version__}\n")


def test_unknown_option_is_one_line_and_exit_2(ctwp):
    result = ctwp("validate", "--colour")
    assert result.exit_code == 2
    assert result.stderr == "ctwp: error: No such option: --colour; see 'ctwp validate --help'\n"


def test_bad_format_is_a_usage_error(ctwp):
    result = ctwp("validate", "--format", "xml")
    assert result.exit_code == 2
    assert result.stderr == (
        "ctwp: error: Invalid value for '--format' / '-f': 'xml' is not one of 'text', 'json', 'github', 'markdown', 'sarif', 'junit', 'gitlab'; see 'ctwp validate --help'\n"
    )


def test_missing_data_folder_is_a_usage_error(ctwp):
    result = ctwp("validate", "--data", "no/such/folder")
    assert result.exit_code == 2
    assert result.stderr == (
        "ctwp: error: data folder not found: no/such/folder; give --data (or CTWP_DATA) a folder holding agencies.yaml and the year files\n"
    )


def test_data_folder_from_environment(ctwp):
    result = ctwp("validate", env={"CTWP_DATA": "tests/fixtures/invalid-data/unknown-group"})
    assert result.exit_code == 1
    assert result.stdout.startswith("tests/fixtures/invalid-data/unknown-group/rcoi.yaml:22:24:")


def test_data_folder_found_from_a_subfolder(ctwp, monkeypatch):
    monkeypatch.chdir(REPO / "tests" / "fixtures")
    result = ctwp("validate")
    assert result.exit_code == 0
    # Outside the working directory, paths are shown in full.
    assert result.stderr == f"valid: {REPO}/data/2021.yaml, {REPO}/data/2022.yaml (42 items in 2 years)\n"


def test_shipped_data_when_outside_any_repository(tmp_path):
    # Run from a folder with no data/ above it: the data shipped with ctwp is used.
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("CTWP_DATA", None)
    result = subprocess.run([sys.executable, "-m", "ctwp", "validate"], capture_output=True, text=True, cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith("valid: ") and result.stderr.endswith("(42 items in 2 years)\n")


def test_a_bug_is_one_line_with_exit_3_and_debug_shows_the_traceback(ctwp, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("ctwp.loading.load_dataset", broken)
    result = ctwp("validate")
    assert result.exit_code == 3
    assert result.stderr == "ctwp: error: internal error (RuntimeError: boom); run again with --debug for the traceback\n"
    result = ctwp("--debug", "validate")
    assert isinstance(result.exception, RuntimeError)


def test_no_command_shows_the_help_and_no_error_line(ctwp):
    result = ctwp()
    assert result.exit_code == 2
    assert "Usage: ctwp [OPTIONS] COMMAND [ARGS]..." in result.output
    assert "ctwp: error" not in result.output
