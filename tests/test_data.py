"""The transcription of the 2021 and 2022 programmes, pinned."""

from collections import Counter
from pathlib import Path

import pytest

from ctwp.data.loading import load_dataset
from ctwp.data.periods import Kind

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture(scope="module")
def programmes():
    dataset = load_dataset(DATA)
    assert dataset.findings == []
    return {located.programme.year: located.programme for located in dataset.programmes}


def items(programme):
    return [item for _, item in programme.items()]


def test_item_and_group_counts(programmes):
    assert {year: len(items(programme)) for year, programme in programmes.items()} == {2021: 25, 2022: 17}
    assert {year: len(programme.groups) for year, programme in programmes.items()} == {2021: 8, 2022: 9}


def test_leads_per_agency(programmes):
    def count(year):
        return dict(Counter(lead for item in items(programmes[year]) for lead in item.leads))

    assert count(2021) == {"DPMC": 10, "NZSIS": 4, "NZP": 4, "MOJ": 2, "DIA": 2, "PSC": 1, "GCSB": 1}
    assert count(2022) == {"DPMC": 9, "MOJ": 3, "NZP": 2, "DIA": 2, "MSD": 1, "NZSIS": 1, "CTCC": 1}


def test_recommendations_cited(programmes):
    def cited(year):
        return sorted({rec for item in items(programmes[year]) for rec in item.recs})

    assert cited(2021) == [2, 4, 7, 9, 10, 11, 12, 13, 14, 15, 16, 18, 33, 34, 40, 41, 42]
    assert cited(2022) == [4, 7, 12, 13, 14, 16, 18, 38]


def test_joint_and_non_agency_leads(programmes):
    joint = {item.id: item.leads for programme in programmes.values() for item in items(programme) if len(item.leads) > 1}
    assert joint == {
        "2021-security-clearances": ["NZSIS", "GCSB"],
        "2022-social-cohesion-coordination": ["MSD", "MOJ"],
        "2022-pcve-fund": ["DPMC", "DIA"],
    }
    worded = {item.id: item.lead_text for item in items(programmes[2021]) if item.lead_text}
    assert worded == {"2021-workforce-awareness": "TBD"}
    information_access = next(group for group in programmes[2021].groups if group.id == "2021-information-access")
    assert information_access.lead_text == "Recommend this requires stand-alone review / project sponsored by SIB."


def test_withheld_workstream(programmes):
    withheld = [item for item in items(programmes[2021]) if item.withheld]
    assert [(item.id, item.title, item.withheld.grounds) for item in withheld] == [
        ("2021-protection-withheld", None, ["s6(a)", "s9(2)(f)(iv)"])
    ]
    assert [(m.due.canonical, m.text) for m in withheld[0].milestones] == [("2021-Q2", "Cabinet paper to ERS")]


def test_underpinning_row(programmes):
    underpinning = [group for group in programmes[2021].groups if group.kind == "underpinning"]
    assert [(group.title, group.lead_text, group.items) for group in underpinning] == [
        ("Social cohesion", "MSD lead through Social Cohesion Oversight Group.", [])
    ]


def test_due_period_forms(programmes):
    kinds = Counter(milestone.due.kind for programme in programmes.values() for item in items(programme) for milestone in item.milestones)
    assert kinds == {Kind.TBD: 10, Kind.QUARTER: 12, Kind.MONTH: 13, Kind.ONGOING: 5, Kind.DAYS: 1, Kind.CONDITIONAL: 1}
    hui = next(item for item in items(programmes[2021]) if item.id == "2021-annual-hui")
    assert (hui.milestones[0].due.label, hui.milestones[0].text) == ("15–16 Jun 2021", "first Hui")


def test_links_from_2022_to_2021(programmes):
    links = {item.id: item.continues for item in items(programmes[2022]) if item.continues}
    assert links == {
        "2022-research-centre": "2021-national-centre",
        "2022-pcve-framework": "2021-pcve-framework",
        "2022-reporting-mechanisms": "2021-reporting-system",
        "2022-indicators": "2021-indicators",
        "2022-ct-legislative-review": "2021-ct-laws",
        "2022-safer-communities-fund": "2021-safer-communities-fund",
        "2022-advisory-group-ct": "2021-advisory-group-ct",
        "2022-annual-hui": "2021-annual-hui",
    }


def test_every_data_file_starts_with_its_schema(programmes):
    for path in sorted(DATA.glob("20*.yaml")):
        assert path.read_text().splitlines()[0] == "# yaml-language-server: $schema=../schema/ctwp.schema.json"


def test_recommendation_subjects_only_where_confirmed():
    registry = load_dataset(DATA).registry
    subjects = {number: rec.subject for number, rec in registry.recommendations.items() if rec.subject}
    assert sorted(subjects) == [1, 2, 4, 7, 12, 13, 14, 16, 18, 19, 20, 24, 25, 26, 30, 35, 38, 39, 42, 43, 44]
    assert 15 not in subjects and 37 not in subjects  # a remark on timing names them, not their subject
    # The remarks once misread as subjects gave one subject to several recommendations.
    assert len(set(subjects.values())) == len(subjects)
    assert (subjects[7], subjects[18]) == (
        "An Advisory Group on Counter-Terrorism",
        "A review of legislation related to the counter-terrorism effort",
    )
