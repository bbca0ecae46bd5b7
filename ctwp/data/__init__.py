"""Reading and checking the data: YAML read from libyaml's events with each value's line
and column, the pydantic models that check a programme, registry or progress file, the
plain records built from what they accept, the rules and their findings, due periods, the
cache, and earlier revisions from git. It imports only from ``ctwp.core``."""
