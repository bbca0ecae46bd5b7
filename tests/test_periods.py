"""Due periods: every form of the seeds and of queries, read as intervals or undated states."""

from datetime import date

import pytest

from ctwp.data.periods import Kind, PeriodError, parse_canonical, parse_period


@pytest.mark.parametrize(
    ("written", "canonical", "start", "end", "label"),
    [
        ("Q2 2021", "2021-Q2", date(2021, 4, 1), date(2021, 6, 30), "Q2 2021"),
        ("2022-Q4", "2022-Q4", date(2022, 10, 1), date(2022, 12, 31), "Q4 2022"),
        ("Dec 2022", "2022-12", date(2022, 12, 1), date(2022, 12, 31), "Dec 2022"),
        ("December 2022", "2022-12", date(2022, 12, 1), date(2022, 12, 31), "Dec 2022"),
        ("Sept 2022", "2022-09", date(2022, 9, 1), date(2022, 9, 30), "Sep 2022"),
        ("2022-02", "2022-02", date(2022, 2, 1), date(2022, 2, 28), "Feb 2022"),
        ("2022", "2022", date(2022, 1, 1), date(2022, 12, 31), "2022"),
        ("2022-12-15", "2022-12-15", date(2022, 12, 15), date(2022, 12, 15), "15 Dec 2022"),
        ("15 Dec 2022", "2022-12-15", date(2022, 12, 15), date(2022, 12, 15), "15 Dec 2022"),
        ("15/16 June 2021", "2021-06-15/2021-06-16", date(2021, 6, 15), date(2021, 6, 16), "15–16 Jun 2021"),
    ],
)
def test_dated_forms(written, canonical, start, end, label):
    period = parse_period(written)
    assert (period.canonical, period.start, period.end, period.label, period.dated) == (canonical, start, end, label, True)
    assert parse_canonical(canonical) == period


@pytest.mark.parametrize(
    ("written", "kind", "label"),
    [("Ongoing", Kind.ONGOING, "Ongoing"), ("TBD", Kind.TBD, "TBD"), ("conditional", Kind.CONDITIONAL, "Conditional")],
)
def test_undated_forms_have_no_interval(written, kind, label):
    period = parse_period(written)
    assert (period.kind, period.start, period.end, period.dated, period.label) == (kind, None, None, False, label)


@pytest.mark.parametrize("human_form", ["Q4 2021", "Dec 2022", "Ongoing", "TBD", "15/16 June 2021"])
def test_data_files_take_only_the_canonical_form(human_form):
    with pytest.raises(PeriodError):
        parse_canonical(human_form)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2022-13", "2022-13: there is no month 13"),
        ("2022-02-30", "2022-02-30: there is no such day"),
        ("Foo 2022", "'Foo 2022': 'Foo' is not a month"),
        ("Q5 2022", "'Q5 2022' is not a period; use one of: 2022, 2022-12, 2022-Q4, Q4 2022, Dec 2022, December 2022, 2022-12-15"),
        ("2021-06-16/2021-06-15", "a run of days must end after it starts (2021-06-16 to 2021-06-15)"),
    ],
)
def test_unreadable_periods_say_why(text, message):
    with pytest.raises(PeriodError) as error:
        parse_period(text)
    assert str(error.value) == message
