"""The closed lists that commands offer as choices: a milestone's states as at a day, and
which items a new edition carries forward.

They import nothing heavier than the words, so that the command line can offer them as
choices without loading the analysis behind them.
"""

from __future__ import annotations

from enum import Enum

from ctwp.analysis.words import status_label


class State(str, Enum):
    DONE = "done"
    STOPPED = "stopped"
    REPLACED = "replaced"
    CARRIED_FORWARD = "carried-forward"
    OVERDUE = "overdue"
    DUE_SOON = "due-soon"
    NOT_YET_DUE = "not-yet-due"
    UNDATED = "undated"

    @property
    def label(self) -> str:
        return status_label(self.value)  # the states are worded as the statuses are


CARRY_CHOICES = {
    "all": "every item",
    "open": "every item except those whose milestones' latest reports all say done or stopped",
}
