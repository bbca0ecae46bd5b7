"""Whatever arrives, a located error in bounded time and memory: never a traceback, never a hang."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO, data_folder

from ctwp.core.errors import EnvironmentFailure
from ctwp.core.files import write_file
from ctwp.data.loading import load_dataset

RETYPED = FIXTURES / "valid" / "retyped-text.yaml"


def test_values_yaml_would_retype_are_read_as_written(ctwp):
    assert ctwp("validate", RETYPED.relative_to(REPO)).exit_code == 0
    programme = next(located.programme for located in load_dataset(REPO / "data", [RETYPED]).programmes if located.programme.year == 2023)
    item = programme.groups[0].items[0]
    assert (item.title, item.lead_text) == ("no", "on")
    assert [(m.due.canonical, m.text) for m in item.milestones] == [("2023-Q4", "2022-06-30"), ("2023-12-31", "off"), ("tbd", "1:20")]


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


def test_a_huge_file_is_refused_before_it_is_read(ctwp, tmp_path):
    huge = tmp_path / "2023.yaml"
    with huge.open("wb") as stream:
        stream.truncate(100 * 2**20)  # sparse: 100 MB that cost no disk
    result = ctwp("validate", huge)
    assert (result.exit_code, result.stdout) == (
        1,
        f"{huge}:1:1: [error] the file is 100 MB, over the limit of 20 MB; CTWP_MAX_FILE_MB raises the limit (file-size)\n",
    )


def test_a_large_file_within_the_limit_takes_bounded_memory(tmp_path):
    big = tmp_path / "2023.yaml"
    big.write_text("year: 2023\ntitle: " + "x" * (19 * 2**20) + "\n")
    result = subprocess.run([sys.executable, "-c", _PEAK_MEMORY, str(big)], cwd=REPO, capture_output=True, text=True, timeout=60)
    exit_code, peak_mb = map(int, result.stdout.split())
    assert exit_code == 1  # no source, no groups
    assert peak_mb < 200, peak_mb


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
    with pytest.raises(EnvironmentFailure, match="no space left on device; free some space"):
        write_file(target, "the new report\n" * 1000, force=True)
    assert target.read_text() == "the old report\n"
    assert [path.name for path in tmp_path.iterdir()] == ["report.csv"]


def test_output_never_overwrites_without_force(ctwp, tmp_path):
    target = tmp_path / "dpmc.csv"
    assert ctwp("list", "--lead", "DPMC", "--format", "csv", "--output", target).exit_code == 0
    written = target.read_text()
    assert written.startswith(
        "year,draft,id,group_id,group,title,leads,lead_text,recs,continues_year,continues_id,continues_title,due,due_label,due_start,due_end,milestone\n"
        "2021,false,2021-rcoi-engagement,"
    )
    refused = ctwp("list", "--lead", "NZP", "--format", "csv", "--output", target)
    assert (refused.exit_code, refused.stderr) == (2, f"ctwp: error: {target} exists; add --force to replace it\n")
    assert target.read_text() == written
    assert ctwp("list", "--lead", "NZP", "--format", "csv", "--output", target, "--force").exit_code == 0
    assert "2021-te-raranga" in target.read_text()


def test_findings_are_bounded_per_file_and_the_rest_counted(ctwp, tmp_path):
    many = tmp_path / "2023.yaml"
    many.write_text("year: 2023\ntitle: t\nsource: s\ngroups: [" + "1, " * 999 + "1]\n" + "a: 1\n" * 3)
    result = ctwp("validate", many)
    lines = result.stdout.splitlines()
    assert result.exit_code == 1
    assert len(lines) == 100
    assert lines[0] == f"{many}:4:10: [error] entry 1 of 'groups' must be a mapping of keys to values, not a number (wrong-type)"
    assert lines[99] == f"{many}:4:307: [error] entry 100 of 'groups' must be a mapping of keys to values, not a number (wrong-type)"
    assert result.stderr == f"{many}: … and 903 more problems, not shown; fix these first\n1,003 problems found\n"


def test_tags_on_keys_are_refused_in_programme_and_registry_files(ctwp, tmp_path):
    data = data_folder(tmp_path, {"2023.yaml": RETYPED})
    programme = data / "2023.yaml"
    programme.write_text(programme.read_text().replace("\ntitle:", "\n!!python/object/apply:os.system title:", 1))
    agencies = data / "agencies.yaml"
    agencies.write_text(agencies.read_text().replace("agencies:", "!!binary agencies:", 1))
    result = ctwp("validate", "--data", data)
    assert result.exit_code == 1
    assert [line.split(": ", 1)[1] for line in result.stdout.splitlines()] == [
        "[error] the tag !!python/object/apply:os.system is not allowed; remove it; data files are plain YAML (yaml-tag)",
        "[error] the tag !!binary is not allowed; remove it; data files are plain YAML (yaml-tag)",
    ]


def test_a_number_too_long_to_read_is_a_located_finding(ctwp, tmp_path):
    long_number = tmp_path / "2023.yaml"
    long_number.write_text(RETYPED.read_text().replace("year: 2023", "year: " + "9" * 5000, 1))
    result = ctwp("validate", long_number)
    assert (result.exit_code, result.stdout) == (
        1,
        f"{long_number}:1:7: [error] a whole number of 5,000 digits is too long; "
        "no value in a data file needs more than a few digits (invalid-value)\n",
    )


@pytest.mark.parametrize(
    ("name", "hint"),
    [
        ("agencies.yaml", "agencies.yaml holds 'agencies:', a list of agencies"),
        ("rcoi.yaml", "rcoi.yaml holds 'groups:' and 'recommendations:'"),
    ],
)
def test_an_empty_registry_gets_its_own_hint(ctwp, tmp_path, name, hint):
    data = data_folder(tmp_path, {})
    (data / name).write_text("# nothing yet\n")
    result = ctwp("validate", "--data", data)
    assert (result.exit_code, result.stdout) == (1, f"{data}/{name}:1:1: [error] the file holds no data; {hint} (empty-file)\n")


def test_messages_escape_control_characters_and_shorten_long_values(ctwp, tmp_path):
    newline = ctwp("diff", "2022@main\nsecond line", "2022")
    assert newline.exit_code == 2
    assert newline.stderr.startswith("ctwp: error: unknown revision 'main\\nsecond line'; give a branch")
    assert newline.stderr.count("\n") == 1
    long = ctwp("diff", "2022@" + "x" * 10_000, "2022")
    assert long.stderr.startswith("ctwp: error: unknown revision '" + "x" * 59 + "…' (10,000 characters); give a branch")
    assert len(long.stderr) < 300
    path = tmp_path / "bad\nname.yaml"
    path.write_text("year: [")
    finding = ctwp("validate", path)
    assert finding.stdout.count("\n") == 1 and "bad\\nname.yaml" in finding.stdout


def test_counts_say_1_year_not_1_years(ctwp, tmp_path):
    data = data_folder(tmp_path, {"2023.yaml": RETYPED})
    assert ctwp("validate", "--data", data).stderr == f"valid: {data}/2023.yaml (1 item in 1 year)\n"


def test_a_mapping_of_many_unknown_keys_is_bounded_too(ctwp, tmp_path):
    wide = tmp_path / "2023.yaml"
    wide.write_text("".join(f"key{number}: 1\n" for number in range(1500)) + "year: 2023\n")
    result = ctwp("validate", wide)
    lines = result.stdout.splitlines()
    assert len(lines) == 100
    assert lines[0] == f"{wide}:1:1: [error] missing key 'groups' (missing-key)"
    assert result.stderr == f"{wide}: … and 1,403 more problems, not shown; fix these first\n1,503 problems found\n"


def test_problems_past_the_bound_are_counted_once(ctwp, tmp_path):
    items = "".join(
        f"      - id: 2023-item-{number}\n        title: An item\n        leads: [NOPE]\n        milestones: [{{due: tbd}}]\n"
        for number in range(300)
    )
    many = tmp_path / "2023.yaml"
    many.write_text(
        f"year: 2023\ntitle: t\nsource: s\ngroups:\n  - id: 2023-group\n    kind: capability\n    title: g\n    items:\n{items}"
    )
    result = ctwp("validate", many)
    assert len(result.stdout.splitlines()) == 100
    assert result.stderr == f"{many}: … and 200 more problems, not shown; fix these first\n300 problems found\n"
