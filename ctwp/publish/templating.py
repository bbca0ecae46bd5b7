"""Pages from templates: the Jinja2 environment of ctwp's HTML (the site, and ``ctwp render
--format html``), and its one stylesheet.

The templates are in ``templates/``, the stylesheet in ``static/``; both ship in the package.
Every value a template shows is escaped (autoescape), and a name a template uses but is not
given is an error (StrictUndefined), not an empty string. Markup made in Python (a picture, a
piece shown on many pages) is escaped with ``ctwp.publish.escape`` and passed as ``Markup``.
jinja2 is imported only here, by what writes HTML.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import jinja2

    from ctwp.analysis.words import Fields

_HERE = Path(__file__).resolve().parent
TEMPLATES = _HERE / "templates"
STYLESHEET = _HERE / "static" / "style.css"


@cache
def environment() -> jinja2.Environment:
    """The one environment of a run: each template is compiled once, however many pages use it."""
    import jinja2

    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    environment.filters["field_lines"] = field_lines
    return environment


def template(name: str) -> jinja2.Template:
    return environment().get_template(name)


def macro(name: str):
    """A macro of ``macros.html``, to call from Python: it returns ``Markup``."""
    return getattr(template("macros.html").module, name)


def field_lines(
    fields: Fields, links: dict[str, list[str]] | None = None, root: str = ""
) -> list[tuple[str, list[tuple[str, str | None]]]]:
    """Labelled lines as the ``fields`` macro takes them: each line with the address it links
    to (``links`` gives a field's first lines theirs, relative to ``root``), or None."""
    links = links or {}
    shown = []
    for label, values in fields:
        targets = [root + target for target in links.get(label, ())]
        shown.append((label, [(value, targets[index] if index < len(targets) else None) for index, value in enumerate(values)]))
    return shown


def stylesheet() -> str:
    return STYLESHEET.read_text(encoding="utf-8")
