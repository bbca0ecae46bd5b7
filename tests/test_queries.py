"""Query filters at their edges, through the library."""

from pathlib import Path

import pytest

from ctwp.analysis.queries import DueWindow, ItemFilter, due_rows, item_rows, recommendation_rows
from ctwp.core.errors import UsageError
from ctwp.data.loading import load_dataset

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(DATA)


def ids(dataset, **filters):
    return [row["id"] for row in item_rows(dataset, ItemFilter.read(dataset, **filters))]


def due_ids(dataset, windows, **filters):
    result = due_rows(dataset, ItemFilter.read(dataset, **filters), [DueWindow.read(relation, text) for relation, text in windows])
    return [row["id"] for row in result.rows], result.undated_left_out


def test_lead_by_code_alias_or_full_name_any_case(dataset):
    by_code = ids(dataset, leads=["NZP"])
    assert by_code == [
        "2021-reporting-system",
        "2021-te-raranga",
        "2021-disengagement",
        "2021-crowded-places",
        "2022-he-aranga-ake",
        "2022-reporting-mechanisms",
    ]
    for name in ("nzp", "NZ Police", "new zealand police", "  New   Zealand Police "):
        assert ids(dataset, leads=[name]) == by_code


def test_a_joint_lead_matches_each_of_its_agencies(dataset):
    assert "2022-pcve-fund" in ids(dataset, leads=["DPMC"])
    assert "2022-pcve-fund" in ids(dataset, leads=["DIA"])
    assert ids(dataset, leads=["GCSB"]) == ["2021-security-clearances"]


def test_dpmc_leads_across_both_years(dataset):
    led = ids(dataset, leads=["DPMC"])
    assert (len(led), sum(i.startswith("2021") for i in led), sum(i.startswith("2022") for i in led)) == (19, 10, 9)


def test_unknown_agency_names_the_known_codes(dataset):
    with pytest.raises(UsageError) as error:
        ItemFilter.read(dataset, leads=["Polize"])
    assert str(error.value) == (
        "--lead: unknown agency 'Polize'; did you mean 'Police'? "
        "known codes: DPMC, NZSIS, GCSB, NZP, MOJ, DIA, MSD, PSC, CTAG, CTCC, SIB, GCDO, GCISO, ERS, NSW, MACIP"
    )


def test_filters_combine_and_across_or_within(dataset):
    assert ids(dataset, recs=[4]) == ["2021-pcve-framework", "2022-pcve-framework", "2022-ctve-strategy-refresh"]
    assert ids(dataset, recs=[12, 13]) == ["2021-indicators", "2021-reporting-system", "2022-reporting-mechanisms", "2022-indicators"]
    assert ids(dataset, recs=[4], years=[2022], leads=["DPMC"]) == ["2022-pcve-framework", "2022-ctve-strategy-refresh"]
    assert ids(dataset, recs=[4], leads=["MOJ"]) == []


def test_group_by_id_or_title_words(dataset):
    assert ids(dataset, groups=["2022-pcve"]) == ["2022-pcve-framework", "2022-he-aranga-ake", "2022-pcve-fund"]
    assert ids(dataset, groups=["PEOPLE AND PLACES"], years=[2022]) == [
        "2022-ct-legislative-review",
        "2022-safer-communities-fund",
        "2022-designations-review",
    ]


def test_search_titles_overviews_and_milestones(dataset):
    assert ids(dataset, search=["hui"]) == ["2021-annual-hui", "2022-annual-hui"]
    assert ids(dataset, search=["budget 21"]) == ["2021-reporting-system"]  # a milestone's condition
    assert ids(dataset, search=["GCISO"]) == ["2021-isa-direct-access", "2021-security-clearances"]  # a group overview


def test_unknown_year_and_recommendation_are_usage_errors(dataset):
    with pytest.raises(UsageError) as error:
        ItemFilter.read(dataset, years=[2020])
    assert str(error.value) == "--year: no programme for 2020; years: 2021, 2022"
    with pytest.raises(UsageError) as error:
        ItemFilter.read(dataset, recs=[45])
    assert str(error.value) == "--rec: there is no RCOI recommendation 45; recommendations are numbered 1 to 44"


def test_before_leaves_out_periods_that_reach_into_p(dataset):
    found, undated = due_ids(dataset, [("before", "2022-12")], years=[2022])
    assert found == [
        "2022-research-centre",
        "2022-ct-legislative-review",
        "2022-designations-review",
        "2022-indicators",
        "2022-reporting-mechanisms",
        "2022-pcve-framework",
    ]
    assert undated == 4


def test_quarter_against_month(dataset):
    # Q4 2021 is 1 Oct to 31 Dec 2021.
    assert "2021-advisory-group-ct" not in due_ids(dataset, [("before", "2021-Q4")])[0]
    assert "2021-advisory-group-ct" not in due_ids(dataset, [("before", "2021-12")])[0]
    assert "2021-advisory-group-ct" not in due_ids(dataset, [("by", "2021-11")])[0]
    assert "2021-advisory-group-ct" in due_ids(dataset, [("by", "2021-12")])[0]
    assert "2021-advisory-group-ct" in due_ids(dataset, [("during", "Oct 2021")])[0]
    assert "2021-advisory-group-ct" in due_ids(dataset, [("after", "2021-09")])[0]
    assert "2021-advisory-group-ct" not in due_ids(dataset, [("after", "2021-10")])[0]


def test_month_against_day(dataset):
    # The first hui ran on 15 and 16 June 2021.
    assert "2021-annual-hui" not in due_ids(dataset, [("before", "2021-06-16")])[0]
    assert "2021-annual-hui" in due_ids(dataset, [("before", "2021-06-17")])[0]
    assert "2021-annual-hui" in due_ids(dataset, [("by", "2021-06-16")])[0]
    assert "2021-annual-hui" not in due_ids(dataset, [("by", "2021-06-15")])[0]
    assert "2021-annual-hui" not in due_ids(dataset, [("after", "2021-06-15")])[0]
    assert "2021-annual-hui" in due_ids(dataset, [("during", "2021-06-16")])[0]
    assert "2021-annual-hui" in due_ids(dataset, [("during", "June 2021")])[0]


def test_windows_combine(dataset):
    # After 31 Dec 2021 and before 1 Jul 2022: July 2022 does not end before July starts.
    assert due_ids(dataset, [("after", "2021"), ("before", "2022-Q3")]) == (["2022-research-centre"], 16)


def test_without_a_window_every_milestone_is_listed_undated_last(dataset):
    result = due_rows(dataset, ItemFilter.read(dataset), [])
    assert (len(result.rows), result.undated_left_out) == (42, 0)
    assert sorted({row["due"] for row in result.rows[-16:]}) == ["conditional", "ongoing", "tbd"]
    assert all(row["due_start"] is None for row in result.rows[-16:])
    assert all(row["due_start"] is not None for row in result.rows[:-16])


def test_undated_periods_cannot_be_a_window(dataset):
    with pytest.raises(UsageError) as error:
        DueWindow.read("by", "TBD")
    assert str(error.value) == "--by: 'TBD' has no dates; give today, a year, quarter, month or day"


def test_uncovered_recommendations(dataset):
    uncovered_2022 = [row["rec"] for row in recommendation_rows(dataset, years=[2022], uncovered=True)]
    assert len(uncovered_2022) == 44 - 8
    assert 38 not in uncovered_2022 and 2 in uncovered_2022
    both = [row["rec"] for row in recommendation_rows(dataset, uncovered=True)]
    assert 2 not in both and 38 not in both and 1 in both
