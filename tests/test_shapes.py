"""The two descriptions of the data keep one shape: the pydantic models that check the files
(ctwp.data.model, ctwp.data.registry) and the light records that queries, diffs and documents read
(ctwp.data.records). A field added to one and not the other fails here, instead of vanishing
from show and diff."""

import inspect

import pytest

from ctwp.data import model, records, registry

# Each model, with the record built from what it validated.
PAIRS = [
    (model.ProgrammeModel, records.Programme),
    (model.GroupModel, records.Group),
    (model.ItemModel, records.Item),
    (model.MilestoneModel, records.Milestone),
    (model.WithheldModel, records.Withheld),
    (model.NotContinuingModel, records.NotContinuing),
    (registry.AgencyModel, records.Agency),
    (registry.RecommendationEntry, records.Recommendation),
    (registry.RecommendationGroupModel, records.RecommendationGroup),
    (registry.StatementModel, records.Statement),
    (model.ProgressReport, records.Report),
]
# A recommendation's progress entry is a report that names no milestone: the record is shared.
ASSESSMENT_FIELDS = set(records.Report._fields) - {"milestone"}
# The registry files, whose lists records.Registry holds by key: its attribute for each field.
FILES = {
    registry.AgencyFile: {"agencies": "agencies"},
    registry.RecommendationFile: {"groups": "recommendation_groups", "recommendations": "recommendations", "statements": "statements"},
}


@pytest.mark.parametrize(("checked", "record"), PAIRS, ids=lambda cls: f"{cls.__module__}.{cls.__name__}")
def test_model_and_record_have_the_same_fields(checked, record):
    assert set(checked.model_fields) == set(record._fields)


def test_an_assessment_is_a_report_without_a_milestone():
    assert set(model.Assessment.model_fields) == ASSESSMENT_FIELDS


def test_registry_files_map_onto_the_registry():
    built = inspect.signature(records.Registry.__init__).parameters
    for checked, attributes in FILES.items():
        assert set(checked.model_fields) == set(attributes)
        assert set(attributes.values()) <= set(built)


def test_every_model_is_paired():
    models = {
        cls
        for module in (model, registry)
        for _, cls in inspect.getmembers(module, inspect.isclass)
        if issubclass(cls, model.Strict) and cls is not model.Strict
    }
    # A progress file is a list of reports, which the data set holds by milestone.
    assert list(model.ProgressFile.model_fields) == ["reports"]
    assert models == {checked for checked, _ in PAIRS} | set(FILES) | {model.Assessment, model.ProgressFile}
