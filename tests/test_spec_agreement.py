"""ctwp agrees with the YAML specification and with its own JSON Schema, and no input makes
it fail as a bug (exit 3): differential tests against the schema, read by Python's re (the
jsonschema library) and by an ECMAScript engine (regress, as check-jsonschema and editors
read patterns), and fuzzed command lines. How many examples: the Hypothesis profiles in
conftest.py."""

import functools
import json
import re
import shutil
import subprocess

import jsonschema
import pytest
import regress
from conftest import FIXTURES, REPO
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ctwp.core.errors import one_line, shown
from ctwp.data.model import ID_PATTERN, MILESTONE_REF_PATTERN, REPORT_DATE_PATTERN, TEXT_PATTERN, ProgrammeModel, ProgressFile
from ctwp.data.periods import CANONICAL_PATTERN
from ctwp.data.schema import programme_schema, progress_schema
from ctwp.data.validation import validate_document
from ctwp.data.yamlsource import read_yaml

# What a schema cannot say, and so the only rules on which ctwp may refuse what the schema
# takes (never the other way round): rules across values or files, and calendar validity.
NOT_IN_THE_SCHEMA = {
    "duplicate-milestone-key",  # keys unique within an item
    "missing-condition",  # a conditional milestone has a condition, and only it
    "stray-condition",
    "missing-lead",  # leads or lead_text, unless withheld
    "missing-items",  # items unless kind: underpinning
    "stray-text",
    "missing-key",  # a title, unless withheld
}
# ...and, for a value the pattern takes, what the pattern cannot check.
CALENDAR_RULES = {"due-format", "invalid-value"}  # 2022-02-30, year 0000, a run of days ending before it starts
# JSON Schema counts 2021.0 as an integer; YAML reads it as a number with a fraction, which
# ctwp refuses where a whole number is wanted (wrong-type).
WHOLE_FRACTION = "wrong-type"

PROGRAMME = read_yaml("2021.yaml", (REPO / "data" / "2021.yaml").read_bytes()).data
PROGRESS = read_yaml("2030.yaml", (FIXTURES / "progress" / "progress" / "2030.yaml").read_bytes()).data

# Strings that break a pattern, or that one regex engine reads differently from another.
NASTY_TEXT = [
    "",
    " ",
    "\ufeff",
    "\u200b\u200d",
    "\u202e",
    "\xa0",
    "x\n",
    "\n",
    "x\x85y",
    "x\u2028",
    "\t",
    "A\x00",
    "٢٠٢٢-12",
    "2022-１２",
    "２０２２",
    "2030-W15-1",
    "2022-02-30",
    "2022-13",
    "0000",
    "0000-Q1",
    "9999-12",
    "2022-Q5",
    "2021-06-16/2021-06-15",
    "2022-06-30\n",
    "s9(2)(a)",
    "s٩(2)",
    "s9(2)\n",
    "DPMC\n",
    "dpmc",
    "Q4 2022",
    "a--b",
    "A-b",
    "item/milestone-1",
    "item/milestone-1\n",
    "ongoing",
    "0o17",
    "1e3",
    "😀",
]
NUMBERS = [0, -1, 1, 44, 45, 1999, 2000, 2021, 2100, 2101, 10**20, 1.5, 2021.0, 1e3]


def _paths(data, here=()):
    yield here
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, (*here, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _paths(value, (*here, index))


def _mutation(original):
    """One change at one place of ``original``: a value replaced, a key removed or added."""
    paths = [path for path in _paths(original) if path]
    value = st.one_of(
        st.sampled_from(NASTY_TEXT),
        st.sampled_from(NUMBERS),
        st.sampled_from([None, True, False, [], {}, ["DPMC"], {"a": 1}]),
        st.text(max_size=12),
        st.integers(),
    )
    change = st.one_of(
        st.tuples(st.just("set"), st.sampled_from(paths), value),
        st.tuples(st.just("remove"), st.sampled_from(paths), st.none()),
        st.tuples(st.just("add"), st.sampled_from([p for p in paths if isinstance(_at(original, p), dict)] or [()]), value),
    )
    return change.map(lambda change: _apply(original, *change))


def _at(data, path):
    for step in path:
        data = data[step]
    return data


def _apply(original, how, path, value):
    data = json.loads(json.dumps(original))
    parent, last = _at(data, path[:-1]), path[-1] if path else None
    if how == "set":
        parent[last] = value
    elif how == "remove":
        del parent[last]
    else:
        _at(data, path)["colour"] = value
    return data


def _as_yaml(data) -> bytes:
    """JSON is YAML 1.2: every string quoted, every number plain, so that both readers see
    the same values (PyYAML's dump would leave 0o17 unquoted, a number to YAML 1.2)."""
    as_json = json.dumps(data, ensure_ascii=False)
    return _NOT_IN_YAML.sub(lambda found: f"\\u{ord(found[0]):04x}", as_json).encode()


# What JSON writes as it is and YAML takes only escaped: DEL, C1 controls but NEL, U+FFFE/F.
_NOT_IN_YAML = re.compile("[\x7f-\x84\x86-\x9f\ufffe\uffff]")


@functools.cache
def _ecmascript(pattern: str) -> regress.Regex:
    return regress.Regex(pattern, flags="u")


def _ecmascript_pattern(validator, pattern, instance, schema):
    """The pattern keyword as editors and check-jsonschema read it: ECMAScript, Unicode mode."""
    if validator.is_type(instance, "string") and not _ecmascript(pattern).find(instance):
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


VALIDATORS = {
    "python": jsonschema.Draft202012Validator,  # the jsonschema library reads patterns with Python's re
    "ecmascript": jsonschema.validators.extend(jsonschema.Draft202012Validator, {"pattern": _ecmascript_pattern}),
}


def _verdicts(data, model, schema):
    document = read_yaml("f.yaml", _as_yaml(data))
    validate_document(document, model, {"registry": None, "file_year": None})
    rules = {finding.rule for finding in document.findings if finding.level == "error"}
    refusals = {name: sorted(error.message for error in VALIDATOR(schema).iter_errors(data)) for name, VALIDATOR in VALIDATORS.items()}
    return rules, refusals


def _assert_agree(data, model, schema):
    rules, refusals = _verdicts(data, model, schema)
    assert refusals["python"] == refusals["ecmascript"], "the regex engines disagree"
    if refusals["python"]:
        assert rules, f"the schema refuses what ctwp takes: {refusals['python']}"
    elif rules:
        named = NOT_IN_THE_SCHEMA | CALENDAR_RULES | ({WHOLE_FRACTION} if _has_whole_fraction(data) else set())
        assert rules <= named, f"ctwp refuses, the schema takes: {rules}"


def _has_whole_fraction(data) -> bool:
    if isinstance(data, dict):
        return any(_has_whole_fraction(value) for value in data.values())
    if isinstance(data, list):
        return any(_has_whole_fraction(value) for value in data)
    return isinstance(data, float) and data.is_integer()


PROGRAMME_SCHEMA, PROGRESS_SCHEMA = programme_schema(), progress_schema()


def test_the_fixtures_themselves_agree():
    for data, model, schema in ((PROGRAMME, ProgrammeModel, PROGRAMME_SCHEMA), (PROGRESS, ProgressFile, PROGRESS_SCHEMA)):
        assert _verdicts(data, model, schema) == (set(), {"python": [], "ecmascript": []})


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(_mutation(PROGRAMME))
def test_schema_and_ctwp_agree_on_a_mutated_programme(data):
    _assert_agree(data, ProgrammeModel, PROGRAMME_SCHEMA)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(_mutation(PROGRESS))
def test_schema_and_ctwp_agree_on_a_mutated_progress_file(data):
    _assert_agree(data, ProgressFile, PROGRESS_SCHEMA)


@pytest.mark.parametrize(
    ("where", "value", "rule"),
    [
        (("groups", 0, "items", 0, "milestones", 0, "due"), "٢٠٢٢-12", "due-format"),
        (("groups", 0, "items", 0, "milestones", 0, "due"), "2022-１２", "due-format"),
        (("groups", 0, "items", 0, "title"), "\ufeff", "invalid-text"),
        (("groups", 0, "items", 0, "title"), 15, "wrong-type"),
    ],
)
def test_what_the_schema_refuses_ctwp_refuses(where, value, rule):
    """The disagreements found when ctwp was run against the schema, each now refused by both."""
    data = _apply(PROGRAMME, "set", where, value)
    rules, refusals = _verdicts(data, ProgrammeModel, PROGRAMME_SCHEMA)
    assert (rules, bool(refusals["python"]), bool(refusals["ecmascript"])) == ({rule}, True, True)


def test_an_iso_week_is_not_a_day():
    data = _apply(PROGRESS, "set", ("reports", 0, "date"), "2030-W15-1")
    rules, refusals = _verdicts(data, ProgressFile, PROGRESS_SCHEMA)
    assert (rules, bool(refusals["python"])) == ({"invalid-value"}, True)


PATTERNS = [ID_PATTERN, TEXT_PATTERN, REPORT_DATE_PATTERN, MILESTONE_REF_PATTERN, CANONICAL_PATTERN]


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed: the patterns are not checked in a JavaScript engine")
def test_node_reads_the_patterns_as_python_does():
    """Editors check the schema with JavaScript's RegExp: it must take what Python's re takes."""

    samples = [*NASTY_TEXT, "2022", "2022-Q4", "2021-06-15/2021-06-16", "a-b", "Title", "item-1/milestone-2", "2022-06-30"]
    script = (
        "const [patterns, samples] = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "console.log(JSON.stringify(patterns.map(p => samples.map(s => [new RegExp(p).test(s), new RegExp(p, 'u').test(s)]))));"
    )
    answer = subprocess.run(["node", "-e", script], input=json.dumps([PATTERNS, samples]), capture_output=True, text=True, check=True)
    for pattern, results in zip(PATTERNS, json.loads(answer.stdout), strict=True):
        for sample, (plain, unicode) in zip(samples, results, strict=True):
            assert plain == unicode == bool(re.search(pattern, sample)), (pattern, sample)


# Every option that takes a period, for every command that has it, and the path options.
PERIOD_OPTIONS = [
    ("due", "--before"),
    ("due", "--after"),
    ("due", "--during"),
    ("due", "--by"),
    ("status", "--as-at"),
    ("export", "--before"),
]
PERIODS = st.one_of(
    st.sampled_from(["0000", "0000-Q1", "Q1 0000", "Dec 9999", "9999-12", "9999-12-31", "31 Dec 9999", "1 Jan 0001", "today", ""]),
    st.builds("{:04d}-{:02d}".format, st.integers(0, 9999), st.integers(0, 13)),
    st.builds("{} {:04d}".format, st.sampled_from(["Q1", "Q4", "Dec", "Sept", "June"]), st.integers(0, 10000)),
    st.text(max_size=12),
)
PATHS = st.one_of(
    st.sampled_from(["/dev/full", "/dev/null", "/", "/nonexistent/x", "data", "data/2022.yaml", "-", "\x1b[7mX", "a\u202eb", "x\ny"]),
    st.text(min_size=1, max_size=12).filter(lambda text: "\x00" not in text),
)


# A command line costs tens of milliseconds, a mutation one: the command lines get a third of
# the profile's examples (20 in dev, hundreds in the thorough profile).
COMMAND_LINES = settings(
    max_examples=max(settings.default.max_examples // 3, 5),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def _one_line_failure(result):
    assert result.exit_code in (0, 1, 2, 4), (result.exit_code, result.stderr)
    if result.exit_code:  # invalid data (1) is reported on stdout, with its count on stderr
        assert result.stderr.count("\n") == 1 and result.stderr.endswith("\n"), result.stderr
        assert result.stderr.startswith("ctwp: error: ") or result.exit_code == 1, result.stderr
        assert result.stderr[:-1] == one_line(result.stderr[:-1])


@COMMAND_LINES
@given(st.sampled_from(PERIOD_OPTIONS), PERIODS)
def test_any_period_on_the_command_line_is_an_answer_or_one_line(ctwp, command_and_option, period):
    command, option = command_and_option
    result = ctwp(command, option, period, "--format", "json")
    _one_line_failure(result)


@COMMAND_LINES
@given(st.sampled_from(["status --output", "list --output", "validate --data", "list --data", "validate", "site"]), PATHS)
def test_any_path_is_an_answer_or_one_line(ctwp, tmp_path_factory, monkeypatch, command, path):
    words = command.split()
    scratch = tmp_path_factory.mktemp("paths")
    monkeypatch.chdir(scratch)  # a relative path is made here, never in the repository
    data = [] if words[-1] == "--data" else ["--data", str(REPO / "data")]
    if words[0] == "site" and path in ("/dev/null", "/dev/full"):
        path = str(scratch / "public")  # a device is refused the same way; a site takes seconds
    elif words[0] == "site":
        path = str(scratch / "missing" / path.replace("/", "_"))  # refused before any page is built
    result = ctwp(*words, path, *data)
    _one_line_failure(result)


@pytest.mark.parametrize("year", ["[2022]", "{a: 1}", "2022.0", "0x7E6", "true", "~", "'2022'", "-1", "99999999999999999999"])
def test_a_year_of_any_yaml_type_is_a_finding(ctwp, tmp_path, year):
    programme = tmp_path / "2022.yaml"
    text = (REPO / "data" / "2022.yaml").read_text(encoding="utf-8")
    programme.write_text(text.replace("year: 2022", f"year: {year}", 1), encoding="utf-8")
    result = ctwp("validate", programme)
    assert result.exit_code in (0, 1), result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["due", "--before", "9999-12"],
        ["due", "--during", "31 Dec 9999"],
        ["status", "--as-at", "Dec 9999"],
        ["status", "--as-at", "2022-08-01", "--since", "0000-Q1"],
        ["site", "OUT", "--as-at", "Q1 0000"],
    ],
)
def test_the_ends_of_the_calendar(ctwp, tmp_path, args):
    result = ctwp(*[str(tmp_path / "site") if arg == "OUT" else arg for arg in args])
    _one_line_failure(result)
    if "0000" in " ".join(args):
        assert "year 0000 is out of range (years run from 1 to 9999)" in result.stderr


def test_a_failed_write_is_one_line_and_no_summary(ctwp):
    result = ctwp("status", "--output", "/dev/full")
    assert (result.exit_code, result.stdout, result.stderr) == (
        4,
        "",
        "ctwp: error: cannot write /dev/full: no space left on device; free some space, or write elsewhere\n",
    )


@pytest.mark.parametrize("character", ["\x1b", "\x07", "\x7f", "\x9b", "\u2028", "\u202e", "\u2066", "\u200f", "\n", "\r"])
def test_an_echoed_path_carries_no_control_character(ctwp, tmp_path, character):
    result = ctwp("site", tmp_path / f"s{character}[7mX" / "public")
    assert result.exit_code == 2
    assert character not in result.stderr[:-1]
    assert shown(character)[1:-1] in result.stderr


def test_every_period_year_of_a_data_file_reads_as_on_the_command_line(tmp_path):
    text = (REPO / "data" / "2022.yaml").read_text(encoding="utf-8")
    document = read_yaml("2022.yaml", text.replace("due: 2022-06", "due: 0000-Q1", 1).encode())
    validate_document(document, ProgrammeModel, {"registry": None, "file_year": None})
    assert [(finding.rule, finding.message) for finding in document.findings] == [
        ("due-format", "year 0000 is out of range (years run from 1 to 9999)")
    ]


def test_nel_is_not_a_line_break(ctwp, tmp_path):
    """YAML 1.2 reads NEL (U+0085) as an ordinary character; libyaml, following 1.1, as a line break."""
    fixture = FIXTURES / "valid" / "nel-is-not-a-line-break.yaml"
    assert "\x85" in fixture.read_text(encoding="utf-8")
    assert ctwp("validate", fixture).exit_code == 0
    in_a_title = tmp_path / "2023.yaml"
    in_a_title.write_text(fixture.read_text(encoding="utf-8").replace("title: no", 'title: "An\x85item"'), encoding="utf-8")
    result = ctwp("validate", in_a_title)
    assert (result.exit_code, result.stdout) == (
        1,
        f"{in_a_title}:11:16: [error] 'title' must be visible text, without control characters (invalid-text)\n",
    )
