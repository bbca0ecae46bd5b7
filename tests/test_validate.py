"""ctwp validate: the real data passes; each invalid fixture fails with its exact finding."""

import json
import re
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO, data_folder

from ctwp.data import loading
from ctwp.data.findings import RULES

INVALID_FILES = sorted((FIXTURES / "invalid").rglob("*.yaml"))
INVALID_DATA_DIRS = sorted(path for path in (FIXTURES / "invalid-data").iterdir() if path.is_dir())
EXPECT = re.compile(rb"^# expect: (.*)$", re.MULTILINE)


def expected_lines(*files: Path) -> list[str]:
    return [match.decode() for path in files for match in EXPECT.findall(path.read_bytes())]


def test_real_data_is_valid(ctwp):
    result = ctwp("validate")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert (
        result.stderr
        == "valid: data/2021.yaml, data/2022.yaml (42 items in 2 years); data/progress/2021.yaml (2 reports), data/progress/2022.yaml (7 reports)\n"
    )


@pytest.mark.parametrize("fixture", INVALID_FILES, ids=lambda path: str(path.relative_to(FIXTURES / "invalid")))
def test_invalid_file(ctwp, fixture):
    result = ctwp("validate", fixture.relative_to(REPO))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == expected_lines(fixture)


@pytest.mark.parametrize("data_dir", INVALID_DATA_DIRS, ids=lambda path: path.name)
def test_invalid_data_folder(ctwp, data_dir):
    result = ctwp("validate", "--data", data_dir.relative_to(REPO))
    expected = expected_lines(*sorted(data_dir.rglob("*.yaml")))
    assert result.exit_code == (1 if any("[error]" in line for line in expected) else 0)  # a warning alone leaves the data valid
    assert result.stdout.splitlines() == expected


def test_every_rule_has_a_fixture():
    covered = {line.rsplit("(", 1)[1].rstrip(")") for line in expected_lines(*INVALID_FILES, *(FIXTURES / "invalid-data").rglob("*.yaml"))}
    # A file without read permission or over the size limit has no place in git: see
    # test_unreadable_file here and the size tests in test_hostile_input.py.
    assert covered == set(RULES) - {"unreadable", "file-size"}


def test_unreadable_file(ctwp, tmp_path, monkeypatch):
    unreadable = tmp_path / "2023.yaml"
    unreadable.write_text("year: 2023\n")
    read_limited = loading.read_limited

    def refuse(path, *args, **options):
        if path == unreadable:
            raise PermissionError(13, "Permission denied")
        return read_limited(path, *args, **options)

    # chmod cannot stop root, and CI may run as root: refuse the read instead.
    monkeypatch.setattr(loading, "read_limited", refuse)
    result = ctwp("validate", unreadable)
    assert result.exit_code == 1
    assert result.stdout == f"{unreadable}:1:1: [error] cannot read the file: Permission denied (unreadable)\n"


def test_every_problem_is_reported_not_only_the_first(ctwp, tmp_path):
    bad = tmp_path / "2023.yaml"
    bad.write_text(
        (FIXTURES / "invalid" / "unknown-agency.yaml")
        .read_text()
        .replace("recs: [7]", "recs: [45]")
        .replace("due: 2023-Q4", "due: Q4 2023")
    )
    result = ctwp("validate", bad)
    assert result.exit_code == 1
    assert [line.rsplit(" ", 1)[1] for line in result.stdout.splitlines()] == ["(unknown-agency)", "(rec-range)", "(due-format)"]
    assert result.stderr == "3 problems found\n"


def test_json_format_gives_the_same_findings(ctwp):
    fixture = Path("tests/fixtures/invalid/unknown-agency.yaml")
    result = ctwp("validate", "--format", "json", fixture)
    assert result.exit_code == 1
    assert json.loads(result.stdout) == [
        {
            "path": "tests/fixtures/invalid/unknown-agency.yaml",
            "line": 11,
            "column": 17,
            "rule": "unknown-agency",
            "message": "unknown agency 'DMPC'",
            "hint": "did you mean 'DPMC'?",
            "level": "error",
        }
    ]


def test_json_format_of_valid_data_is_an_empty_list(ctwp):
    result = ctwp("validate", "--format", "json")
    assert (result.exit_code, result.stdout) == (0, "[]\n")


def test_a_given_file_stands_in_for_its_year(ctwp, tmp_path):
    # A copy of 2022 edited in place: its ids do not clash with the data folder's 2022.
    candidate = tmp_path / "2022.yaml"
    candidate.write_text((REPO / "data" / "2022.yaml").read_text().replace("text: Host annual hui.", "text: Host the annual hui."))
    result = ctwp("validate", candidate)
    assert result.exit_code == 0
    assert result.stderr == f"valid: {candidate} (42 items in 2 years)\n"


def test_missing_path_is_a_usage_error(ctwp):
    result = ctwp("validate", "no/such.yaml")
    assert result.exit_code == 2
    assert result.stderr == "ctwp: error: no such file: no/such.yaml\n"


def test_folder_given_as_path_is_a_usage_error(ctwp):
    result = ctwp("validate", "data")
    assert result.exit_code == 2
    assert result.stderr == "ctwp: error: data is a folder; give the programme files in it, or --data for a data folder\n"


def test_the_docs_list_every_rule():
    page = (REPO / "docs" / "validation.md").read_text().split("<!-- generated: rules -->")[1].split("<!-- end generated -->")[0]
    listed = set(re.findall(r"^\| `([a-z-]+)` \| ", page, re.MULTILINE))
    assert listed == set(RULES)


def test_a_data_folder_without_years_says_what_is_missing(ctwp, tmp_path):
    folder = data_folder(tmp_path, {})
    expected = (
        f"ctwp: error: the data folder {folder} has no programme files (YEAR.yaml, such as 2022.yaml); "
        "a data folder holds agencies.yaml, rcoi.yaml and one YEAR.yaml per year; give --data the folder that holds them\n"
    )
    for command in ("validate", "list"):
        result = ctwp(command, "--data", folder)
        assert (result.exit_code, result.stdout, result.stderr) == (2, "", expected)


def test_a_registry_given_by_path_is_checked_as_that_registry(ctwp):
    for registry in ("data/agencies.yaml", "data/rcoi.yaml"):
        result = ctwp("validate", registry)
        assert (result.exit_code, result.stdout, result.stderr) == (0, "", f"valid: {registry}\n")
    result = ctwp("validate", "tests/fixtures/invalid-data/duplicate-name/agencies.yaml")
    assert (result.exit_code, result.stdout) == (
        1,
        "tests/fixtures/invalid-data/duplicate-name/agencies.yaml:15:34: [error] 'DPMC' already names another agency; "
        "each code, name and alias must be unique (duplicate-name)\n",
    )


def test_a_registry_given_by_path_stands_in_for_the_data_folders(ctwp, tmp_path):
    # Programme files given with it are checked against it: here, an agencies.yaml without DIA.
    agencies = tmp_path / "agencies.yaml"
    agencies.write_text((REPO / "data" / "agencies.yaml").read_text().replace("  - code: DIA\n", "  - code: DIAX\n"))
    result = ctwp("validate", agencies, "data/2022.yaml")
    assert result.exit_code == 1
    assert [line.split(": [error] ")[1] for line in result.stdout.splitlines()] == [
        "unknown agency 'DIA'; did you mean 'DIAX'? (unknown-agency)",
        "unknown agency 'DIA'; did you mean 'DIAX'? (unknown-agency)",
    ]


def test_a_file_given_twice_is_checked_once(ctwp):
    result = ctwp("validate", "data/2022.yaml", "data/2022.yaml", "./data/2022.yaml")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "valid: data/2022.yaml (42 items in 2 years)\n")


def test_a_file_that_is_not_a_programme_says_so(ctwp):
    result = ctwp("validate", "README.md")
    assert (result.exit_code, result.stdout) == (
        1,
        "README.md:1:1: [error] not a programme file: a .md file; "
        "a programme file is YEAR.yaml, a YAML mapping that starts with 'year:'; check the path (not-programme)\n",
    )


def test_utf16_without_a_byte_order_mark_is_named(ctwp, tmp_path):
    path = tmp_path / "2023.yaml"
    path.write_bytes("year: 2023\n".encode("utf-16-le"))
    result = ctwp("validate", path)
    assert result.stdout == f"{path}:1:1: [error] the file is UTF-16, not UTF-8; save it as UTF-8 (encoding)\n"


def test_progress_files_are_named_with_their_reports(ctwp):
    result = ctwp("validate", "--data", "tests/fixtures/progress")
    assert result.stderr == (
        "valid: tests/fixtures/progress/2030.yaml, tests/fixtures/progress/2031.yaml (9 items in 2 years); "
        "tests/fixtures/progress/progress/2030.yaml (10 reports), tests/fixtures/progress/progress/2031.yaml (1 report)\n"
    )
