"""The columns that list and due show of an item row."""

from __future__ import annotations

from ctwp.analysis.words import year_label
from ctwp.publish.formats import Column


def _leads(row: dict) -> object:
    return row["leads"] or row["lead_text"]


def _year(row: dict) -> object:
    return year_label(row["year"], row.get("draft", False))


YEAR = Column("Year", "year", whole=True, value=_year)  # an item of a draft edition says so beside its year
# People read titles: the title comes first and gets the room; the id, never cut, under it.
ITEM = Column("Title", "title", below=Column("Id", "id", whole=True, dim=True))
LEADS = Column("Leads", "leads", value=_leads)
RECS = Column("Recs", "recs")
DUE = Column("Due", "due_label", whole=True)
DUE_AND_MILESTONE = Column("Due", "due_label", whole=True, below=Column("Milestone", "milestone"))
MILESTONE = Column("Milestone", "milestone")
