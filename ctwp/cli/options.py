"""Options shared by several commands, defined once."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

DataOption = Annotated[
    Optional[Path],
    typer.Option(
        "--data",
        envvar="CTWP_DATA",
        metavar="DIR",
        show_default=False,
        help="Data folder (agencies.yaml, rcoi.yaml, one YEAR.yaml per year). "
        "Default: the data/ folder of the repository you are in, else the data shipped with ctwp.",
    ),
]
