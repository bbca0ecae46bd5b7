"""ctwp validate's reports for CI systems: SARIF against the official schema, JUnit XML as
an independent reader reads it, GitLab Code Quality with stable fingerprints, and Markdown."""

import io
import json

import jsonschema
import pytest
from conftest import FIXTURES, REPO
from junitparser import Failure, JUnitXml

from ctwp.data.findings import RULES, Finding
from ctwp.publish.reporters import REPORTERS, ValidationRun, github_annotation

SARIF_SCHEMA = json.loads((FIXTURES / "reports" / "sarif-schema-2.1.0.json").read_text())
UNKNOWN_AGENCY = "tests/fixtures/invalid/unknown-agency.yaml"
# Two files with three findings between them, and the registries, which are checked too.
SEVERAL = ["tests/fixtures/invalid/unknown-agency.yaml", "tests/fixtures/invalid/rec-range.yaml", "tests/fixtures/invalid/due-format.yaml"]


@pytest.fixture
def twice_wrong(tmp_path):
    """A programme file with the same finding twice: two items led by 'DMPC'."""
    text = (FIXTURES / "invalid" / "unknown-agency.yaml").read_text().split("# expect")[0]
    second_item = text.split("    items:\n")[1].replace("2023-item", "2023-other-item")
    path = tmp_path / "2023.yaml"
    path.write_text(text + second_item)
    return path


def report(ctwp, output_format, *paths):
    result = ctwp("validate", "--format", output_format, *paths)
    assert result.exit_code == 1, result.stderr
    return result.stdout


def test_sarif_is_valid_against_the_official_schema(ctwp):
    log = json.loads(report(ctwp, "sarif", *SEVERAL))
    jsonschema.Draft4Validator.check_schema(SARIF_SCHEMA)
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)
    assert log["version"] == "2.1.0"
    [run] = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    # Every rule is described once, with its help text.
    assert [rule["id"] for rule in rules] == list(RULES)
    assert rules[list(RULES).index("rec-range")]["help"]["text"] == (
        "ctwp validate checks that every recommendation is one of rcoi.yaml (1 to 44); "
        "a finding of this rule points at where it does not hold."
    )
    assert [(result["ruleId"], rules[result["ruleIndex"]]["id"]) for result in run["results"]] == [
        ("due-format", "due-format"),
        ("rec-range", "rec-range"),
        ("unknown-agency", "unknown-agency"),
    ]
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": REPO.as_uri() + "/"}}


def test_sarif_result(ctwp):
    [result] = json.loads(report(ctwp, "sarif", UNKNOWN_AGENCY))["runs"][0]["results"]
    fingerprint = result.pop("partialFingerprints")["ctwpFinding/v1"]
    assert result == {
        "ruleId": "unknown-agency",
        "ruleIndex": list(RULES).index("unknown-agency"),
        "level": "error",
        "message": {"text": "unknown agency 'DMPC'; did you mean 'DPMC'?"},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": UNKNOWN_AGENCY, "uriBaseId": "%SRCROOT%"},
                    "region": {"startLine": 11, "startColumn": 17},
                }
            }
        ],
    }
    [issue] = json.loads(report(ctwp, "gitlab", UNKNOWN_AGENCY))
    assert fingerprint == issue["fingerprint"]


def test_paths_are_relative_to_the_repository_root_wherever_ctwp_runs(ctwp, monkeypatch, tmp_path, twice_wrong):
    monkeypatch.chdir(REPO / "tests")
    [result] = json.loads(report(ctwp, "sarif", "fixtures/invalid/unknown-agency.yaml"))["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"] == {"uri": UNKNOWN_AGENCY, "uriBaseId": "%SRCROOT%"}
    [issue] = json.loads(report(ctwp, "gitlab", "fixtures/invalid/unknown-agency.yaml"))
    assert issue["location"]["path"] == UNKNOWN_AGENCY
    # A file outside the repository keeps its absolute place.
    log = json.loads(report(ctwp, "sarif", twice_wrong))
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)
    locations = [result["locations"][0]["physicalLocation"]["artifactLocation"] for result in log["runs"][0]["results"]]
    assert locations == [{"uri": twice_wrong.as_uri()}] * 2


def test_junit_is_read_by_an_independent_reader(ctwp):
    xml = JUnitXml.fromstring(report(ctwp, "junit", *SEVERAL))
    [suite] = list(xml)
    cases = {case.name: case for case in suite}
    # Each file checked is a test case; the registries are checked too.
    assert list(cases) == ["data/agencies.yaml", "data/rcoi.yaml", *SEVERAL]
    assert (suite.tests, suite.failures, suite.errors) == (5, 3, 0)
    assert cases["data/agencies.yaml"].is_passed
    [failure] = cases[UNKNOWN_AGENCY].result
    assert isinstance(failure, Failure)
    assert (failure.type, failure.message, failure.text) == (
        "unknown-agency",
        "11:17: unknown agency 'DMPC'; did you mean 'DPMC'?",
        "tests/fixtures/invalid/unknown-agency.yaml:11:17: [error] unknown agency 'DMPC'; did you mean 'DPMC'? (unknown-agency)",
    )


def test_junit_gives_each_finding_its_failure(ctwp, twice_wrong):
    xml = JUnitXml.fromstring(report(ctwp, "junit", twice_wrong))
    [suite] = list(xml)
    case = next(case for case in suite if case.name == str(twice_wrong))
    assert [failure.message for failure in case.result] == [
        "11:17: unknown agency 'DMPC'; did you mean 'DPMC'?",
        "18:17: unknown agency 'DMPC'; did you mean 'DPMC'?",
    ]


def test_junit_of_valid_data_has_no_failure(ctwp):
    result = ctwp("validate", "--format", "junit")
    assert result.exit_code == 0
    [suite] = list(JUnitXml.fromstring(result.stdout))
    assert [(case.name, case.is_passed) for case in suite] == [
        (name, True)
        for name in (
            "data/agencies.yaml",
            "data/rcoi.yaml",
            "data/2021.yaml",
            "data/2022.yaml",
            "data/progress/2021.yaml",
            "data/progress/2022.yaml",
        )
    ]


def test_junit_holds_no_character_xml_cannot():
    stream = io.StringIO()
    REPORTERS["junit"](ValidationRun([Finding("a\x01.yaml", 1, 1, "invalid-text", "bad \x1b text")], ["a\x01.yaml"]), stream)
    [suite] = list(JUnitXml.fromstring(stream.getvalue()))
    [case] = list(suite)
    assert (case.name, case.result[0].message) == ("a\ufffd.yaml", "1:1: bad \ufffd text")


def test_gitlab_code_quality_report(ctwp):
    issues = json.loads(report(ctwp, "gitlab", *SEVERAL))
    for issue in issues:
        assert set(issue) == {"description", "check_name", "fingerprint", "severity", "location"}
    assert [(issue["check_name"], issue["severity"], issue["location"]) for issue in issues] == [
        ("due-format", "major", {"path": "tests/fixtures/invalid/due-format.yaml", "lines": {"begin": 14}}),
        ("rec-range", "major", {"path": "tests/fixtures/invalid/rec-range.yaml", "lines": {"begin": 12}}),
        ("unknown-agency", "major", {"path": UNKNOWN_AGENCY, "lines": {"begin": 11}}),
    ]
    assert issues[2]["description"] == "unknown agency 'DMPC'; did you mean 'DPMC'?"


def test_gitlab_fingerprints_are_stable_and_distinct(ctwp, twice_wrong):
    first = json.loads(report(ctwp, "gitlab", *SEVERAL, twice_wrong))
    again = json.loads(report(ctwp, "gitlab", *SEVERAL, twice_wrong))
    assert first == again
    fingerprints = [issue["fingerprint"] for issue in first]
    # Five findings, two of them alike in all but their line: five fingerprints.
    assert len(set(fingerprints)) == len(fingerprints) == 5

    # Lines added above the findings move them, but they are the same findings.
    twice_wrong.write_text("# A comment\n# and another\n" + twice_wrong.read_text())
    moved = json.loads(report(ctwp, "gitlab", *SEVERAL, twice_wrong))
    lines = [issue["location"]["lines"]["begin"] for issue in first if issue["location"]["path"] == str(twice_wrong)]
    moved_lines = [issue["location"]["lines"]["begin"] for issue in moved if issue["location"]["path"] == str(twice_wrong)]
    assert (lines, moved_lines) == ([11, 18], [13, 20])
    assert [issue["fingerprint"] for issue in moved] == fingerprints


def test_markdown_summary(ctwp):
    assert report(ctwp, "markdown", UNKNOWN_AGENCY, "tests/fixtures/invalid/rec-range.yaml") == (
        "## ctwp validate\n\n"
        "2 problems found in 2 of 4 files.\n\n"
        "| File | Line | Column | Rule | Problem |\n"
        "|---|---|---|---|---|\n"
        "| `tests/fixtures/invalid/rec-range.yaml` | 12 | 16 | `rec-range` | there is no RCOI recommendation 45; the Royal Commission made recommendations 1 to 44 |\n"
        "| `tests/fixtures/invalid/unknown-agency.yaml` | 11 | 17 | `unknown-agency` | unknown agency 'DMPC'; did you mean 'DPMC'? |\n"
    )
    result = ctwp("validate", "--format", "markdown")
    assert (result.exit_code, result.stdout) == (0, "## ctwp validate\n\nNo problems found in 6 files.\n")


@pytest.mark.parametrize("output_format", ["sarif", "junit", "gitlab", "markdown"])
def test_the_count_goes_to_stderr(ctwp, output_format):
    result = ctwp("validate", "--format", output_format, UNKNOWN_AGENCY)
    assert result.stderr == "1 problem found\n"


def test_annotation_escaping():
    finding = Finding("data/a,b:c%.yaml", 3, 5, "rule:x,y", "50% done\r\nnext: a, b", "hint")
    # The message escapes %, CR and LF; properties escape : and , as well.
    assert (
        github_annotation(finding)
        == "::error file=data/a%2Cb%3Ac%25.yaml,line=3,col=5,title=rule%3Ax%2Cy::50%25 done%0D%0Anext: a, b; hint"
    )


def test_the_docs_show_every_format():
    page = (REPO / "docs" / "output-formats.md").read_text()
    for name in REPORTERS:
        assert f"--format {name}" in page, name


def test_junit_reports_a_warning_as_output_not_as_a_failure(ctwp):
    folder = FIXTURES / "invalid-data" / "status-reversal"
    result = ctwp("validate", "--data", folder, "--format", "junit")
    assert result.exit_code == 0
    [suite] = JUnitXml.fromstring(result.stdout)
    cases = {case.name: case for case in suite}
    progress = cases["tests/fixtures/invalid-data/status-reversal/progress/2030.yaml"]
    assert (suite.failures, progress.is_passed, progress.system_out) == (
        0,
        True,
        "tests/fixtures/invalid-data/status-reversal/progress/2030.yaml:8:13: [warning] reported not started after being reported "
        "done on 2030-06-30; check the status; if the work really restarted, say so in the note (status-reversal)",
    )
