"""Whatever arrives, a located error in bounded time and memory: never a traceback, never a hang."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO

from ctwp.files import write_file
from ctwp.loading import load_dataset

RETYPED = FIXTURES / "valid" / "retyped-text.yaml"


def test_values_yaml_would_retype_are_read_as_written(ctwp):
    assert ctwp("validate", RETYPED.relative_to(REPO)).exit_code == 0
    programme = next(located.programme for located in load_dataset(REPO / "data", [RETYPED]).programmes if located.programme.year == 2023)
    item = programme.groups[0].items[0]
    assert (item.title, item.lead_text) == ("no", "on")
    assert [(m.due.canonical, m.text) for m in item.milestones] == [("2023-Q4", "2022-06-30"), ("2023-12-31", ".inf"), ("tbd", "0o17")]
    retitled = load_dataset(REPO / "data", [FIXTURES / "valid" / "title-retyped-number.yaml"]).programmes[-1].programme
    assert retitled.groups[0].items[0].title == "1e3"


def test_a_truly_empty_file(ctwp, tmp_path):
    empty = tmp_path / "2023.yaml"
    empty.write_bytes(b"")
    result = ctwp("validate", empty)
    assert (result.exit_code, result.stdout) == (
        1,
        f"{empty}:1:1: [error] the file holds no data; a programme file starts with 'year:' (empty-file)\n",
    )


def test_a_byte_order_mark_is_accepted(ctwp, tmp_path):
    with_bom = tmp_path / "2023.yaml"
    with_bom.write_bytes(b"\xef\xbb\xbf" + RETYPED.read_bytes())
    assert ctwp("validate", with_bom).exit_code == 0


def test_an_empty_data_folder(ctwp, tmp_path):
    result = ctwp("validate", "--data", tmp_path)
    assert (result.exit_code, result.stderr) == (
        2,
        f"ctwp: error: the data folder {tmp_path} has no agencies.yaml, rcoi.yaml or programme files (YEAR.yaml, such as 2022.yaml); "
        "a data folder holds agencies.yaml, rcoi.yaml and one YEAR.yaml per year; give --data the folder that holds them\n",
    )


def test_an_unreadable_data_folder(ctwp, tmp_path, monkeypatch):
    data = tmp_path / "data"
    data.mkdir()
    for name in ("agencies.yaml", "rcoi.yaml"):
        (data / name).write_bytes((REPO / "data" / name).read_bytes())
    iterdir = Path.iterdir

    def refuse(path):
        if path == data:
            raise PermissionError(13, "Permission denied")
        return iterdir(path)

    monkeypatch.setattr(Path, "iterdir", refuse)  # root reads any folder, whatever its mode
    result = ctwp("validate", "--data", data)
    assert (result.exit_code, result.stderr) == (2, f"ctwp: error: cannot read the data folder {data}: Permission denied\n")


def test_a_symbolic_link_loop(ctwp, tmp_path):
    (tmp_path / "a.yaml").symlink_to(tmp_path / "b.yaml")
    (tmp_path / "b.yaml").symlink_to(tmp_path / "a.yaml")
    result = ctwp("validate", tmp_path / "a.yaml")
    assert (result.exit_code, result.stderr) == (2, f"ctwp: error: {tmp_path}/a.yaml: the symbolic link leads round in a loop\n")


def test_limits_are_configurable_and_checked(ctwp):
    deep = FIXTURES / "invalid" / "deep-nesting.yaml"
    assert ctwp("validate", deep.relative_to(REPO), env={"CTWP_MAX_DEPTH": "64"}).stdout.endswith("(wrong-type)\n")
    result = ctwp("validate", env={"CTWP_MAX_DEPTH": "many"})
    assert (result.exit_code, result.stderr) == (2, "ctwp: error: CTWP_MAX_DEPTH='many' is not a whole number above 0\n")


def _validate_in_a_process(path: Path) -> tuple[subprocess.CompletedProcess, float]:
    """Run ``ctwp validate path`` as its own process: its result and how many seconds it took."""
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "ctwp", "validate", str(path)], cwd=REPO, capture_output=True, text=True, timeout=30)
    return result, time.monotonic() - started


@pytest.mark.parametrize(("name", "size_mb", "lines"), [("one-line", 100, 1), ("many-lines", 50, 1_000_000)])
def test_huge_files_are_refused_quickly(tmp_path, name, size_mb, lines):
    huge = tmp_path / "2023.yaml"
    line = b"x" * (size_mb * 2**20 // lines - 1) + b"\n"
    with huge.open("wb") as stream:
        for _ in range(lines):
            stream.write(line)
    result, seconds = _validate_in_a_process(huge)
    assert result.returncode == 1
    assert (
        result.stdout
        == f"{huge}:1:1: [error] the file is {size_mb} MB, over the limit of 20 MB; CTWP_MAX_FILE_MB raises the limit (file-size)\n"
    )
    assert seconds < 2


def test_a_large_file_within_the_limit_takes_bounded_time_and_memory(tmp_path):
    big = tmp_path / "2023.yaml"
    big.write_text("year: 2023\ntitle: " + "x" * (19 * 2**20) + "\n")
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-c", _PEAK_MEMORY, str(big)], cwd=REPO, capture_output=True, text=True, timeout=30)
    seconds = time.monotonic() - started
    exit_code, peak_mb = map(int, result.stdout.split())
    assert exit_code == 1  # no source, no groups
    assert seconds < 2 and peak_mb < 200, (seconds, peak_mb)


# Runs ctwp validate in a child process and prints its exit code and peak memory in MB.
_PEAK_MEMORY = """
import resource, subprocess, sys
code = subprocess.run([sys.executable, "-m", "ctwp", "validate", sys.argv[1]], capture_output=True).returncode
print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)
"""


def test_write_failing_midway_leaves_the_old_file_whole(tmp_path, monkeypatch):
    target = tmp_path / "report.csv"
    target.write_text("the old report\n")

    def fail_midway(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", fail_midway)  # after the new text is written, before the rename
    with pytest.raises(OSError):
        write_file(target, "the new report\n" * 1000, force=True)
    assert target.read_text() == "the old report\n"
    assert [path.name for path in tmp_path.iterdir()] == ["report.csv"]


def test_output_never_overwrites_without_force(ctwp, tmp_path):
    target = tmp_path / "dpmc.csv"
    assert ctwp("list", "--lead", "DPMC", "--format", "csv", "--output", target).exit_code == 0
    written = target.read_text()
    assert written.startswith(
        "year,id,group_id,group,title,leads,lead_text,recs,continues,due,due_label,due_start,due_end,milestone\n2021,2021-rcoi-engagement,"
    )
    refused = ctwp("list", "--lead", "NZP", "--format", "csv", "--output", target)
    assert (refused.exit_code, refused.stderr) == (2, f"ctwp: error: {target} exists; add --force to replace it\n")
    assert target.read_text() == written
    assert ctwp("list", "--lead", "NZP", "--format", "csv", "--output", target, "--force").exit_code == 0
    assert "2021-te-raranga" in target.read_text()
