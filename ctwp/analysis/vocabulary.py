"""The closed lists that commands offer as choices: a milestone's states as at a day, and
which items a new edition carries forward.

They import nothing heavier than the words, so that the command line can offer them as
choices without loading the analysis behind them.
"""

from __future__ import annotations

from enum import Enum

from ctwp.analysis.words import STATE_LABELS


class State(str, Enum):
    """A milestone's state as at a day (see ``ctwp.analysis.progress``), in the order counts list them.

    The first eleven follow from a report; the last four from the due period and links alone.
    """

    DONE_ON_TIME = "done-on-time"
    DONE_LATE = "done-late"
    DONE = "done"  # done, on a date the due period cannot be compared with (undated, or a month across its end)
    DONE_BY = "done-by"  # done by the report's date; when, the source does not say
    DONE_BEFORE_EDITION = "done-before-edition"
    STOPPED = "stopped"
    REPLACED = "replaced"
    KNOWN_LATE = "known-late"
    AT_RISK = "at-risk"
    ON_TRACK = "on-track"
    NOT_STARTED = "not-started"
    CARRIED_FORWARD = "carried-forward"
    NO_REPORT_PAST_DUE = "no-report-past-due"
    DUE_SOON = "due-soon"
    NOT_YET_DUE = "not-yet-due"
    UNDATED = "undated"

    @property
    def label(self) -> str:
        return STATE_LABELS[self.value]


CARRY_CHOICES = {
    "all": "every item",
    "open": "every item except those whose milestones' latest reports all say done or stopped",
}
