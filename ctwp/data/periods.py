"""Due periods: when a milestone falls due, as an interval of days or an undated state.

A fuzzy date such as "Q4 2021" is the whole interval 1 Oct 2021 to 31 Dec 2021, never a
guessed single day. "Ongoing", "TBD" and conditional milestones have no interval at all.

Data files write every period in one canonical form (see ``CANONICAL_FORMS``); queries
also accept the forms people type, such as "Q4 2022", "Dec 2022" or "15/16 June 2021".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import Enum
from functools import cached_property, lru_cache

from ctwp.core.errors import counted, shown


class Kind(str, Enum):
    YEAR = "year"
    QUARTER = "quarter"
    MONTH = "month"
    DAY = "day"
    DAYS = "days"
    ONGOING = "ongoing"
    TBD = "tbd"
    CONDITIONAL = "conditional"


UNDATED_KINDS = (Kind.ONGOING, Kind.TBD, Kind.CONDITIONAL)

CANONICAL_FORMS = (
    "2022 (a year)",
    "2022-Q4 (a calendar quarter)",
    "2022-12 (a month)",
    "2022-12-15 (a day)",
    "2021-06-15/2021-06-16 (a run of days)",
    "ongoing",
    "tbd",
    "conditional (with the condition in the milestone's `condition`)",
)

# The same forms as one regular expression, for the JSON Schema: ASCII digits only, and
# read alike by ECMAScript (editors) and Python (whose \d takes any script's digits, and
# whose $ also matches before a final newline).
CANONICAL_PATTERN = (
    r"^([0-9]{4}(-Q[1-4]|-(0[1-9]|1[0-2])(-[0-9]{2}(/[0-9]{4}-[0-9]{2}-[0-9]{2})?)?)?"
    r"|ongoing|tbd|conditional)$(?!\n)"
)
FIRST_YEAR, LAST_YEAR = 1, 9999  # the years a date can have (datetime.MINYEAR, MAXYEAR)

QUERY_FORMS = "2022, 2022-12, 2022-Q4, Q4 2022, Dec 2022, December 2022, 2022-12-15"

# English names, whatever the locale (the calendar module would follow it, and costs more to load).
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")
_MONTH_ABBREVIATIONS = tuple(name[:3] for name in _MONTH_NAMES)
_MONTHS = {name.lower(): number for number, name in enumerate(_MONTH_NAMES, 1)}
_MONTHS.update({name.lower(): number for number, name in enumerate(_MONTH_ABBREVIATIONS, 1)})
_MONTHS["sept"] = 9

_ISO_YEAR = re.compile(r"(\d{4})", re.ASCII)
_ISO_QUARTER = re.compile(r"(\d{4})-Q([1-4])", re.ASCII)
_ISO_MONTH = re.compile(r"(\d{4})-(\d{2})", re.ASCII)
_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})", re.ASCII)
_ISO_DAYS = re.compile(r"(\d{4}-\d{2}-\d{2})/(\d{4}-\d{2}-\d{2})", re.ASCII)
# ASCII digits only ((?a), re.ASCII): "٢٠٢٢" is not a year to a data file's other readers.
# The forms people type, for queries only: compiled (and cached by re) on first use.
_WRITTEN_QUARTER = r"(?ai)Q([1-4])\s+(\d{4})"
_WRITTEN_MONTH = r"(?a)([A-Za-z]+)\.?\s+(\d{4})"
_WRITTEN_DAY = r"(?a)(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d{4})"
_WRITTEN_DAYS = r"(?a)(\d{1,2})\s*[/–-]\s*(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d{4})"
_WRITTEN_DAY_RANGE = r"(?a)(\d{1,2}\s+[A-Za-z]+\.?\s+\d{4})\s*[–-]\s*(\d{1,2}\s+[A-Za-z]+\.?\s+\d{4})"


class PeriodError(ValueError):
    """A period that cannot be read."""


class NotAPeriod(PeriodError):
    """Text in none of the period forms (as against a form with an impossible value)."""


@dataclass(frozen=True)
class DuePeriod:
    """A due period: an inclusive interval of days, or an undated state."""

    kind: Kind
    start: date | None = None
    end: date | None = None

    @property
    def dated(self) -> bool:
        return self.kind not in UNDATED_KINDS

    # Cached: the site and the reports ask each period for its words many times over.
    @cached_property
    def canonical(self) -> str:
        """The form data files use."""
        start = self.start
        if self.kind is Kind.YEAR:
            return f"{start.year}"
        if self.kind is Kind.QUARTER:
            return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
        if self.kind is Kind.MONTH:
            return f"{start.year}-{start.month:02d}"
        if self.kind is Kind.DAY:
            return start.isoformat()
        if self.kind is Kind.DAYS:
            return f"{start.isoformat()}/{self.end.isoformat()}"
        return self.kind.value

    @cached_property
    def label(self) -> str:
        """The form people read: "Q4 2021", "Dec 2022", "15–16 Jun 2021", "Ongoing"."""
        start = self.start
        if self.kind is Kind.YEAR:
            return f"{start.year}"
        if self.kind is Kind.QUARTER:
            return f"Q{(start.month - 1) // 3 + 1} {start.year}"
        if self.kind is Kind.MONTH:
            return f"{_MONTH_ABBREVIATIONS[start.month - 1]} {start.year}"
        if self.kind is Kind.DAY:
            return day_label(start)
        if self.kind is Kind.DAYS:
            if (start.year, start.month) == (self.end.year, self.end.month):
                return f"{start.day}–{day_label(self.end)}"
            return f"{day_label(start)} – {day_label(self.end)}"
        if self.kind is Kind.TBD:
            return "TBD"
        return self.kind.value.capitalize()

    def __str__(self) -> str:
        return self.canonical


def day_label(day: date) -> str:
    return f"{day.day} {_MONTH_ABBREVIATIONS[day.month - 1]} {day.year}"


# Data sets name few distinct periods, each many times over: each text is read once (a
# DuePeriod is immutable, so one serves every milestone due then).
@lru_cache(maxsize=4096)
def parse_canonical(text: str) -> DuePeriod:
    """Read a period in the canonical form of the data files."""
    if text in (Kind.ONGOING.value, Kind.TBD.value, Kind.CONDITIONAL.value):
        return DuePeriod(Kind(text))
    if match := _ISO_YEAR.fullmatch(text):
        return year_period(int(match[1]))
    if match := _ISO_QUARTER.fullmatch(text):
        return quarter_period(int(match[1]), int(match[2]))
    if match := _ISO_MONTH.fullmatch(text):
        return month_period(int(match[1]), int(match[2]))
    if match := _ISO_DAY.fullmatch(text):
        return DuePeriod(Kind.DAY, _day(text), _day(text))
    if match := _ISO_DAYS.fullmatch(text):
        return days_period(_day(match[1]), _day(match[2]))
    raise NotAPeriod(f"{shown(text)} is not a due period")


def parse_period(text: str) -> DuePeriod:
    """Read a period in any form: canonical, or as people write it ("Q4 2022", "Sept 2022")."""
    cleaned = " ".join(text.split())
    try:
        return parse_canonical(cleaned.lower() if cleaned.isalpha() else cleaned)
    except NotAPeriod:
        pass
    if match := re.fullmatch(_WRITTEN_QUARTER, cleaned):
        return quarter_period(int(match[2]), int(match[1]))
    if match := re.fullmatch(_WRITTEN_MONTH, cleaned):
        return month_period(int(match[2]), _month(match[1], text))
    if match := re.fullmatch(_WRITTEN_DAY, cleaned):
        day = _date(int(match[3]), _month(match[2], text), int(match[1]), text)
        return DuePeriod(Kind.DAY, day, day)
    if match := re.fullmatch(_WRITTEN_DAYS, cleaned):
        year, month = int(match[4]), _month(match[3], text)
        return days_period(_date(year, month, int(match[1]), text), _date(year, month, int(match[2]), text))
    if match := re.fullmatch(_WRITTEN_DAY_RANGE, cleaned):
        return days_period(parse_period(match[1]).start, parse_period(match[2]).start)
    raise NotAPeriod(f"{shown(text)} is not a period; use one of: {QUERY_FORMS}")


def _check_year(year: int) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise PeriodError(f"year {year:04d} is out of range (years run from {FIRST_YEAR} to {LAST_YEAR})")


def year_period(year: int) -> DuePeriod:
    _check_year(year)
    return DuePeriod(Kind.YEAR, date(year, 1, 1), date(year, 12, 31))


def quarter_period(year: int, quarter: int) -> DuePeriod:
    _check_year(year)
    first_month = 3 * quarter - 2
    return DuePeriod(Kind.QUARTER, date(year, first_month, 1), _month_end(year, first_month + 2))


def month_period(year: int, month: int) -> DuePeriod:
    _check_year(year)
    if not 1 <= month <= 12:
        raise PeriodError(f"{year}-{month:02d}: there is no month {month}")
    return DuePeriod(Kind.MONTH, date(year, month, 1), _month_end(year, month))


def days_period(start: date, end: date) -> DuePeriod:
    if end <= start:
        raise PeriodError(f"a run of days must end after it starts ({start} to {end})")
    return DuePeriod(Kind.DAYS, start, end)


def _month_end(year: int, month: int) -> date:
    return date(year, month, days_in_month(year, month))


def days_in_month(year: int, month: int) -> int:
    """Worked out within the month's own year, so that December 9999 has an end."""
    if month == 12:
        return 31
    return (date(year, month + 1, 1) - date(year, month, 1)).days


def _month(name: str, text: str) -> int:
    try:
        return _MONTHS[name.lower()]
    except KeyError:
        raise PeriodError(f"{shown(text)}: {shown(name)} is not a month") from None


def _date(year: int, month: int, day: int, text: str) -> date:
    _check_year(year)
    try:
        return date(year, month, day)
    except ValueError:
        raise PeriodError(f"{shown(text)} is not a real date") from None


def _day(iso: str) -> date:
    _check_year(int(iso[:4]))
    try:
        return date.fromisoformat(iso)
    except ValueError:
        raise PeriodError(f"{iso}: there is no such day") from None


_DAYS_PER_MONTH = 365.2425 / 12
_SHORTER_THAN_A_MONTH = 28  # days: a span this short is told in days, not rounded to a month


def span_words(days: int) -> str:
    """A span of days as people say it: "12 days", "9 months", "1 year 6 months"."""
    days = abs(days)
    if days < _SHORTER_THAN_A_MONTH:
        return counted(days, "day")
    years, months = divmod(round(days / _DAYS_PER_MONTH), 12)
    return " ".join(counted(number, unit) for number, unit in ((years, "year"), (months, "month")) if number)
