"""The command line as a whole: version, where data comes from, and the one error path."""

import itertools
import os
import shutil
import subprocess
import sys

import pytest
from conftest import FIXTURES, REPO, data_folder

from ctwp import __version__


def test_version(ctwp):
    result = ctwp("--version")
    assert (result.exit_code, result.stdout) == (0, f"ctwp {__version__}\n")


def test_python_dash_m(tmp_path):
    result = subprocess.run([sys.executable, "-m", "ctwp", "--version"], capture_output=True, text=True, cwd=REPO)
    assert (result.returncode, result.stdout) == (0, f"ctwp {__version__}\n")


def test_a_command_run_as_a_process_writes_all_its_output_and_its_status(ctwp, tmp_path):
    env = {**os.environ, "CTWP_CACHE_DIR": str(tmp_path)}
    every_item = subprocess.run(
        [sys.executable, "-m", "ctwp", "list", "--format", "json"], capture_output=True, text=True, cwd=REPO, env=env
    )
    assert (every_item.returncode, every_item.stdout) == (0, ctwp("list", "--format", "json").stdout)
    refused = subprocess.run([sys.executable, "-m", "ctwp", "list", "--lead", "XX"], capture_output=True, text=True, cwd=REPO, env=env)
    assert (refused.returncode, refused.stdout) == (2, "")
    assert refused.stderr.startswith("ctwp: error: --lead: unknown agency 'XX'")


def test_what_is_registered_to_run_at_exit_still_runs():
    # ctwp skips the interpreter's teardown only when there is nothing for it to run.
    script = "import atexit, sys; from ctwp.cli.app import run; atexit.register(print, 'at exit'); sys.argv = ['ctwp', '-V']; run()"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO)
    assert (result.returncode, result.stdout) == (0, f"ctwp {__version__}\nat exit\n")


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["lst"], "unknown command 'lst'; did you mean 'list'?"),
        (
            ["frobnicate"],
            "unknown command 'frobnicate'; expected one of: agencies, diff, due, export, list, new, recs, render, report, schema, show, site, status, validate",
        ),
        (["list", "--lea", "DPMC"], "unknown option --lea; did you mean '--lead'?"),
        (["validate", "--colour"], "unknown option --colour; expected one of: --data, --format"),
        (["list", "--year", "abc"], "--year: 'abc' is not a year, such as 2022; see 'ctwp list --help'"),
        (["export", "-y", "20x2"], "--year: '20x2' is not a year, such as 2022; see 'ctwp export --help'"),
        (["due", "--rec", "seven"], "--rec: 'seven' is not a recommendation number, such as 18; see 'ctwp due --help'"),
        (["render", "abc"], "YEAR: 'abc' is not a year, such as 2022; see 'ctwp render --help'"),
        (
            ["validate", "--format", "xml"],
            "--format: 'xml' is not one of 'text', 'json', 'github', 'markdown', 'sarif', 'junit', 'gitlab'; see 'ctwp validate --help'",
        ),
        (["list", "--year"], "--year needs a value; see 'ctwp list --help'"),
        (["list", "--force=yes"], "--force takes no value; see 'ctwp list --help'"),
        (["show"], "missing argument ID; see 'ctwp show --help'"),
        (["show", "a", "b"], "unexpected argument 'b'; see 'ctwp show --help'"),
        (["list", "x", "y"], "unexpected arguments 'x', 'y'; see 'ctwp list --help'"),
    ],
)
def test_usage_errors_are_one_plain_line_and_exit_2(ctwp, arguments, message):
    result = ctwp(*arguments)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"ctwp: error: {message}\n")


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
    assert (
        result.stderr
        == f"valid: {REPO}/data/2021.yaml, {REPO}/data/2022.yaml (42 items in 2 years); {REPO}/data/progress/2021.yaml (2 reports), {REPO}/data/progress/2022.yaml (7 reports)\n"
    )


def test_shipped_data_when_outside_any_repository(tmp_path):
    # Run from a folder with no data/ above it: the data shipped with ctwp is used.
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("CTWP_DATA", None)
    result = subprocess.run([sys.executable, "-m", "ctwp", "validate"], capture_output=True, text=True, cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith("valid: ") and "(42 items in 2 years); " in result.stderr and result.stderr.endswith("(7 reports)\n")


def test_a_bug_is_one_line_with_exit_3_and_debug_shows_the_traceback(ctwp, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("ctwp.data.loading.load_dataset", broken)
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


def test_after_invalid_data_the_hint_names_the_data_folder(ctwp, tmp_path):
    folder = data_folder(tmp_path, {"2023.yaml": FIXTURES / "invalid" / "unknown-agency.yaml"})
    expected = f"ctwp: error: the data in {folder} has 1 problem; run 'ctwp validate --data {folder}' to see them\n"
    assert ctwp("list", "--data", folder).stderr == expected
    assert ctwp("due", env={"CTWP_DATA": str(folder)}).stderr == expected


def test_outside_a_repository_the_shipped_data_is_named_for_what_it_is(ctwp, tmp_path, monkeypatch):
    shipped = tmp_path / "site-packages" / "ctwp" / "_data"
    shutil.copytree(REPO / "data", shipped)
    monkeypatch.setattr("ctwp.data.loading.SHIPPED_DATA", shipped)
    monkeypatch.chdir(tmp_path)
    name = f"the published data shipped with ctwp {__version__}"
    assert (
        ctwp("validate").stderr
        == f"valid: {name}: 2021.yaml, 2022.yaml (42 items in 2 years); progress/2021.yaml (2 reports), progress/2022.yaml (7 reports)\n"
    )
    assert f"*Generated by ctwp {__version__} from 2022.yaml of {name}.*" in ctwp("render", "2022").stdout
    result = ctwp("diff", "2022@HEAD", "2022")
    assert (result.exit_code, result.stderr) == (
        2,
        f"ctwp: error: {name} is not in a git repository; YEAR@REV reads the data folder's git history; give a file path instead\n",
    )


def test_the_command_list_wraps_each_summary_at_the_terminal_width(ctwp):
    result = ctwp("--help")
    panel = result.stdout.split("─ Commands ─")[1].splitlines()[1:-1]
    summaries: dict[str, list[str]] = {}
    for line in panel:
        name, text = line[2:12].strip(), line[12:-1].rstrip()
        if name:
            summaries[name] = []
        summaries[list(summaries)[-1]].append(text)
    show = summaries["show"]
    assert " ".join(show) == (
        "Show one item: its group, leads with full names, recommendations, milestones, what was withheld, "
        "and the item it continues or that continues it in another year."
    )
    # A line ends only where the next word would not fit, not where the source breaks.
    width = max(len(line) for lines in summaries.values() for line in lines)
    for lines in summaries.values():
        for line, following in itertools.pairwise(lines):
            assert len(line) + 1 + len(following.split()[0]) >= width, lines


def test_a_command_help_wraps_its_paragraphs_at_the_terminal_width(ctwp):
    lines = [line.strip() for line in ctwp("new", "--help").stdout.splitlines()]
    assert lines[6:13] == [
        "The draft has the same groups; every item (or, with --carry open, every item",
        "not done or stopped) is carried forward with a new id and a continues: link,",
        "its title, leads and recommendations kept; its milestones are left due: tbd",
        "(an ongoing one ongoing) for you to write. The file says draft: true, so that",
        "no command counts it as published, until you delete that line. It is checked",
        "before it is written; an existing YEAR.yaml is never written over, and a year",
        "that skips editions needs --skip-years.",
    ]


def test_a_command_help_shows_each_example_on_its_own_line(ctwp):
    lines = [line.strip() for line in ctwp("export", "--help").stdout.splitlines()]
    start = lines.index("Examples:  ctwp export --year 2022 --lead DPMC --output dpmc-2022.ics")
    assert lines[start + 1 : start + 3] == ["ctwp export --format sqlite --output ctwp.db", ""]


def test_the_reference_shows_each_example_on_its_own_line():
    # tests/test_reference.py checks that docs/reference.md is what the code prints.
    reference = (REPO / "docs" / "reference.md").read_text()
    assert "  Examples:  ctwp diff 2021 2022\n             ctwp diff 2022@main 2022 --format markdown\n" in reference


@pytest.mark.parametrize("option", ["-V", "-v", "--version"])
def test_version_as_pip_and_pytest_give_it(ctwp, option):
    from ctwp import __version__

    result = ctwp(option)
    assert (result.exit_code, result.stdout) == (0, f"ctwp {__version__}\n")


def test_top_level_help_names_what_ctwp_does(ctwp):
    summary = " ".join(ctwp("--help").stdout.split("Options")[0].split()).replace("│", "").replace("╭─", "")
    assert (
        "validate the editions and progress reports; query items, due dates and each milestone's state; record progress; "
        "draft the next edition; diff editions and revisions; render documents, export calendars and publish a static site."
    ) in summary


def test_format_help_reads_at_80_columns(ctwp):
    line = next(line for line in ctwp("list", "--help").stdout.splitlines() if "--format" in line)
    assert line == "│ --format  -f      FORMAT  FORMAT is table (for people), json (for programs), │"
