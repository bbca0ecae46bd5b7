"""The package's folders are its layers, and no module imports from a layer above its own."""

import ast

import pytest
from conftest import REPO

# Lowest first: a module may import from its own layer and those before it.
LAYERS = ["core", "data", "analysis", "publish", "cli"]
PACKAGE = REPO / "ctwp"
MODULES = sorted(path for path in PACKAGE.rglob("*.py") if path.parent != PACKAGE)


def layer_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "ctwp" and parts[1] in LAYERS else None


def imported_modules(path):
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


def test_every_module_lives_in_a_layer():
    assert {path.relative_to(PACKAGE).parts[0] for path in MODULES} == set(LAYERS)
    assert sorted(path.name for path in PACKAGE.glob("*.py")) == ["__init__.py", "__main__.py"]


@pytest.mark.parametrize("path", MODULES, ids=[str(path.relative_to(PACKAGE)) for path in MODULES])
def test_no_import_from_a_layer_above(path):
    own = LAYERS.index(path.relative_to(PACKAGE).parts[0])
    above = sorted(module for module in imported_modules(path) if (layer := layer_of(module)) and LAYERS.index(layer) > own)
    assert not above, f"{path.relative_to(REPO)} imports from a layer above its own"


@pytest.mark.parametrize("layer", LAYERS)
def test_each_layer_says_what_it_holds_and_runs_nothing_at_import(layer):
    tree = ast.parse((PACKAGE / layer / "__init__.py").read_text())
    assert len(tree.body) == 1 and ast.get_docstring(tree), "a docstring alone: importing a layer costs nothing"
