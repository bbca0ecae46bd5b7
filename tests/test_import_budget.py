"""Start-up stays fast: a command imports only what it needs."""

import inspect
import json
import subprocess
import sys

from conftest import REPO

from ctwp.data.loading import load_valid_dataset

# Runs one ctwp command in a fresh interpreter, as the ctwp command does, and prints the
# modules it imported.
_RUN_AND_LIST_MODULES = """
import atexit, json, sys
from ctwp.cli.app import run

def list_modules():
    # Modules loaded from somewhere: the stand-in for pydantic's plugin loader (see app.py) was not.
    modules = sorted(name for name, module in sys.modules.items() if getattr(module, "__spec__", True) is not None)
    print(json.dumps(modules), file=sys.stderr)

atexit.register(list_modules)
sys.argv = ["ctwp", *sys.argv[1:]]
run()
"""


def imported_by(tmp_path, *args):
    env = {"CTWP_CACHE_DIR": str(tmp_path), "PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO)}
    result = subprocess.run(
        [sys.executable, "-c", _RUN_AND_LIST_MODULES, *args], capture_output=True, text=True, cwd=REPO, env=env, check=True
    )
    return set(json.loads(result.stderr.splitlines()[-1]))


def top_level(modules):
    return {module.split(".")[0] for module in modules}


def test_a_json_query_from_the_cache_imports_no_parser_validator_or_table(tmp_path):
    first = imported_by(tmp_path, "list", "--lead", "DPMC", "--format", "json")
    assert {"yaml", "pydantic", "ctwp.data.model"} <= first  # the first run validates, then fills the cache
    cached = imported_by(tmp_path, "list", "--lead", "DPMC", "--format", "json")
    assert not top_level(cached) & {"yaml", "pydantic", "pydantic_core", "rich", "jsonschema"}
    assert not cached & {
        "ctwp.data.model",
        "ctwp.data.registry",
        "ctwp.data.validation",
        "ctwp.data.yamlsource",
        "ctwp.data.schema",
        "ctwp.analysis.diff",
        "ctwp.data.revisions",
        "ctwp.publish.document",
        "ctwp.publish.calendar",
        "ctwp.publish.changes",
        "ctwp.publish.site",
        "ctwp.publish.pictures",
    }


def test_no_query_output_imports_rich(tmp_path):
    """ctwp draws its tables itself: rich costs start-up time and lays tables out in more
    than linear time."""
    imported_by(tmp_path, "agencies", "--format", "json")
    assert "rich" not in top_level(imported_by(tmp_path, "agencies", "--format", "csv"))
    assert "rich" not in top_level(imported_by(tmp_path, "agencies"))


def test_only_what_writes_html_imports_jinja2(tmp_path):
    # Templates are for the site and `render --format html`; a query, a table, Markdown or a
    # validation never pays for them.
    for args in (("list", "--format", "markdown"), ("validate", "--format", "markdown")):
        assert not top_level(imported_by(tmp_path, *args)) & {"jinja2", "markupsafe"}, args
    assert "jinja2" in top_level(imported_by(tmp_path, "render", "2022", "--format", "html"))


def test_validate_imports_no_xml_library(tmp_path):
    # Only the JUnit report needs one.
    assert not any(module.startswith("xml.") for module in imported_by(tmp_path, "validate"))


def test_status_from_the_cache_imports_no_parser_or_validator(tmp_path, monkeypatch):
    # Progress reports are cached with the programmes they report on: fill the cache here,
    # then query it in a fresh interpreter.
    monkeypatch.setenv("CTWP_CACHE_DIR", str(tmp_path))
    assert load_valid_dataset(REPO / "tests" / "fixtures" / "progress").reports
    cached = imported_by(tmp_path, "status", "--data", "tests/fixtures/progress", "--as-at", "2031-01-01", "--format", "json")
    assert not top_level(cached) & {"yaml", "pydantic", "pydantic_core", "rich"}
    assert not cached & {"ctwp.data.model", "ctwp.data.validation", "ctwp.data.yamlsource", "ctwp.analysis.diff"}


def test_a_command_imports_no_other_command(tmp_path):
    """Commands are registered by name: only the one that runs is imported."""
    imported_by(tmp_path, "list", "--lead", "DPMC")
    cached = imported_by(tmp_path, "list", "--lead", "DPMC")
    assert {module for module in cached if module.endswith("_command")} == {"ctwp.cli.list_command"}


def test_version_imports_no_command_nor_the_layers_below(tmp_path):
    imported = imported_by(tmp_path, "--version")
    assert not {module for module in imported if module.endswith("_command")}
    assert not any(module.startswith(("ctwp.data", "ctwp.analysis", "ctwp.publish")) for module in imported)


def test_a_query_that_validates_imports_no_rich_jinja2_or_package_metadata(tmp_path):
    """The first query after an edit validates: it needs pydantic and libyaml, not rich or
    jinja2, nor importlib.metadata (which pydantic's plugin look-up would import)."""
    imported = imported_by(tmp_path, "list", "--lead", "DPMC")
    assert {"pydantic", "yaml", "ctwp.data.model"} <= imported  # validated: the cache was empty
    assert not top_level(imported) & {"rich", "jinja2", "markupsafe"}
    assert "importlib.metadata" not in imported


def test_a_query_from_the_cache_loads_no_openssl(tmp_path):
    """The cache is keyed by a BLAKE2 digest from CPython's own module: hashlib would load
    OpenSSL's library, 3 ms of each query. (pydantic imports it when the data is validated.)"""
    imported_by(tmp_path, "list", "--lead", "DPMC", "--format", "json")
    assert not imported_by(tmp_path, "list", "--lead", "DPMC", "--format", "json") & {"hashlib", "_hashlib"}


def test_no_model_field_defaults_through_a_builtin():
    """pydantic reads the signature of a field's default factory; a builtin's is parsed from its
    text by the tokenizer, which every run that validates would pay for."""
    from ctwp.data import model, registry

    factories = {
        f"{cls.__name__}.{name}": field.default_factory
        for module in (model, registry)
        for cls in vars(module).values()
        if isinstance(cls, type) and issubclass(cls, model.Strict)
        for name, field in cls.model_fields.items()
        if field.default_factory is not None
    }
    assert "ItemModel.leads" in factories
    assert {name: factory for name, factory in factories.items() if inspect.isbuiltin(factory) or isinstance(factory, type)} == {}


def test_the_models_build_no_schema_of_a_period(tmp_path):
    # A period field gives pydantic its whole schema (model._PeriodField); a schema built from
    # the DuePeriod dataclass, for every period field, would bring in pydantic's dataclass support.
    validating = imported_by(tmp_path, "validate")
    assert "ctwp.data.model" in validating
    assert "pydantic.dataclasses" not in validating
