"""The columns that list and due show of an item row."""

from __future__ import annotations

from ctwp.output import Column


def _leads(row: dict) -> object:
    return row["leads"] or row["lead_text"]


YEAR = Column("Year", "year", whole=True)
ITEM = Column("Id", "id", whole=True, below=Column("Title", "title"))
LEADS = Column("Leads", "leads", value=_leads)
RECS = Column("Recs", "recs")
DUE = Column("Due", "due_label", whole=True)
DUE_AND_MILESTONE = Column("Due", "due_label", whole=True, below=Column("Milestone", "milestone"))
MILESTONE = Column("Milestone", "milestone")
