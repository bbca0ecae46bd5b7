"""Properties that hold for any input, checked with generated examples (how many: the
Hypothesis profiles in conftest.py)."""

import os
import re
from datetime import date

import yaml
from conftest import REPO, hypothesis_profile, read_keeping_positions
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ctwp.data.findings import RULES
from ctwp.data.loading import load_dataset
from ctwp.data.model import TEXT_PATTERN, ProgrammeModel
from ctwp.data.periods import (
    PeriodError,
    days_period,
    month_period,
    parse_canonical,
    parse_period,
    quarter_period,
    year_period,
)
from ctwp.data.validation import validate_document
from ctwp.data.yamlsource import read_yaml

REGISTRY = load_dataset(REPO / "data").registry
FINDING = re.compile(r"^.+:(\d+):(\d+): \[error\] .+ \(([a-z-]+)\)$")

# Pieces of programme files, to make byte strings that look like YAML more often than noise does.
FRAGMENTS = [
    "year: 2023\n",
    "title: T\n",
    "source: S\n",
    "groups:\n",
    "  - id: g\n",
    "    kind: capability\n",
    "    items:\n",
    "      - id: i\n",
    "        leads: [DPMC]\n",
    "        recs: [7, 45]\n",
    "        milestones:\n",
    "          - due: 2023-Q4\n",
    "&a ",
    "*a ",
    "!!python/object ",
    "[",
    "]",
    "{",
    "}",
    ": ",
    "- ",
    "\t",
    '"',
    "'",
    "---\n",
    "%YAML 1.1\n",
    "? ",
    "#",
    "\n",
    "no",
]
yamlish = st.lists(st.sampled_from(FRAGMENTS), max_size=40).map(lambda parts: "".join(parts).encode())


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.one_of(st.binary(max_size=400), yamlish))
def test_any_bytes_end_in_located_findings(ctwp, tmp_path, raw):
    candidate = tmp_path / "2023.yaml"
    candidate.write_bytes(raw)
    result = ctwp("validate", candidate)
    assert result.exit_code in (0, 1), result.output
    for line in result.stdout.splitlines():
        match = FINDING.match(line)
        assert match, line
        assert int(match[1]) >= 1 and int(match[2]) >= 1 and match[3] in RULES


# Text as the model takes it: anything with a visible character, with tabs and newlines but no control characters.
text = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp"), include_characters="\t\n"), min_size=1, max_size=30
).filter(lambda value: re.search(TEXT_PATTERN, value))
ids = st.from_regex(r"\A[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}\Z")
days = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 30))
dated_periods = st.one_of(
    st.integers(2000, 2099).map(year_period),
    st.builds(quarter_period, st.integers(2000, 2099), st.integers(1, 4)),
    st.builds(month_period, st.integers(2000, 2099), st.integers(1, 12)),
    days.map(lambda day: parse_canonical(day.isoformat())),
    st.tuples(days, st.integers(1, 40)).map(
        lambda pair: days_period(pair[0], date.fromordinal(min(pair[0].toordinal() + pair[1], date(2099, 12, 31).toordinal())))
    ),
)
milestones = st.one_of(
    st.builds(lambda due, words: {"due": due.canonical, "text": words}, dated_periods, text),
    st.sampled_from(["ongoing", "tbd"]).map(lambda due: {"due": due}),
    text.map(lambda condition: {"due": "conditional", "condition": condition}),
)
items = st.fixed_dictionaries(
    {
        "title": text,
        "leads": st.lists(st.sampled_from(sorted(REGISTRY.agencies)), min_size=1, max_size=3, unique=True),
        "recs": st.lists(st.integers(1, 44), max_size=4),
        "milestones": st.lists(milestones, min_size=1, max_size=3),
    },
    optional={"lead_text": text},
)


@st.composite
def programmes(draw):
    year = draw(st.integers(2000, 2099))
    id_pool = iter(draw(st.lists(ids, min_size=12, max_size=12, unique=True)))
    groups = []
    for _ in range(draw(st.integers(1, 3))):
        group_items = [{"id": next(id_pool), **draw(items)} for _ in range(draw(st.integers(1, 3)))]
        groups.append(
            {
                "id": next(id_pool),
                "kind": draw(st.sampled_from(["initiative", "capability"])),
                "title": draw(text),
                "overview": draw(text),
                "items": group_items,
            }
        )
    return {"year": year, "title": draw(text), "source": draw(text), "groups": groups}


class QuotingDumper(yaml.SafeDumper):
    """PyYAML writes YAML 1.1, which leaves ``08`` plain; ctwp reads plain ``08`` as the
    number 8, as YAML 1.2 does. A writer for ctwp quotes any text that would read back
    as something else."""


def _represent_text(dumper, value):
    style = '"' if read_yaml("-", f"v: {value}".encode()).data != {"v": value} else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


QuotingDumper.add_representer(str, _represent_text)


@given(data=programmes())
def test_a_valid_programme_survives_writing_and_reading(data):
    context = {"registry": REGISTRY}
    programme = ProgrammeModel.model_validate(data, strict=True, context=context)
    written = yaml.dump(programme.model_dump(mode="json", exclude_none=True), Dumper=QuotingDumper, sort_keys=False, allow_unicode=True)
    document = read_yaml("2023.yaml", written.encode())
    assert validate_document(document, ProgrammeModel, context) == programme, document.findings


WRITTEN_PERIODS = st.one_of(
    dated_periods.map(lambda period: period.canonical),
    dated_periods.map(lambda period: period.label),
    st.sampled_from(["Ongoing", "TBD", "tbd", "Sept 2022", "15/16 June 2021", "December 2022", "Q4 2021"]),
    st.text(st.sampled_from("0123456789-/QJunDecSpt Q"), max_size=14),
)


@given(written=WRITTEN_PERIODS)
def test_a_period_that_parses_renders_back_to_the_same_interval(written):
    try:
        period = parse_period(written)
    except PeriodError:
        return
    assert parse_period(period.canonical) == period
    again = parse_period(period.label)
    assert (again.kind, again.start, again.end) == (period.kind, period.start, period.end)


def test_ci_runs_fewer_examples():
    assert [hypothesis_profile(environ) for environ in ({}, {"CI": "true"}, {"CI": "true", "HYPOTHESIS_PROFILE": "thorough"})] == [
        "dev",
        "ci",
        "thorough",
    ]
    assert settings.get_profile("ci").max_examples < settings.get_profile("dev").max_examples
    assert settings.default.max_examples == settings.get_profile(hypothesis_profile(os.environ)).max_examples


@given(data=programmes())
def test_a_written_programme_reads_the_same_quickly_and_in_full(data):
    """A clean file is read by a loop of its own, without positions (yamlsource._build_clean)."""
    written = yaml.dump(data, Dumper=QuotingDumper, sort_keys=False, allow_unicode=True).encode()
    quick, full = read_yaml("2023.yaml", written), read_keeping_positions("2023.yaml", written)
    assert (quick.data, quick.findings) == (full.data, full.findings) == (data, [])
