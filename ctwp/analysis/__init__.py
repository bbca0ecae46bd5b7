"""The questions asked of the data: filters and rows for the queries, each milestone's
state as at a day, the differences between two editions or revisions, the draft of the
next edition, and the words for items, milestones, periods, states and changes that every
writer shares. It imports from ``ctwp.data`` and ``ctwp.core``, never from publishing or
the command line."""
