"""The cache of validated data: used when the files are unchanged, never when they are not."""

import pytest

from ctwp.core.errors import InvalidDataError
from ctwp.data import yamlsource
from ctwp.data.loading import load_dataset, load_valid_dataset


def forbid_reading_yaml(monkeypatch):
    def refuse(*args):
        raise AssertionError("the YAML was read again")

    monkeypatch.setattr(yamlsource, "read_yaml", refuse)


def snapshot(dataset):
    return (
        [(located.path, located.programme) for located in dataset.programmes],
        dataset.registry.agencies,
        dataset.registry.recommendations,
    )


def test_a_second_query_is_served_from_the_cache_with_the_same_data(data, monkeypatch):
    fresh = load_dataset(data)
    load_valid_dataset(data)
    forbid_reading_yaml(monkeypatch)
    cached = load_valid_dataset(data)
    assert snapshot(cached) == snapshot(fresh)


def test_an_edited_file_is_read_again(data):
    load_valid_dataset(data)
    path = data / "2022.yaml"
    path.write_text(path.read_text().replace("text: Host annual hui.", "text: Host annual hui!"))  # the same size
    edited = load_valid_dataset(data)
    hui = next(item for _, item in edited.programmes[1].programme.items() if item.id == "2022-annual-hui")
    assert hui.milestones[0].text == "Host annual hui!"


def test_a_file_made_invalid_is_never_taken_from_the_cache(data):
    load_valid_dataset(data)
    path = data / "2021.yaml"
    path.write_text(path.read_text().replace("leads: [PSC]", "leads: [PCS]"))
    with pytest.raises(InvalidDataError):
        load_valid_dataset(data)


def test_a_new_limit_is_a_new_key(data, monkeypatch):
    load_valid_dataset(data)
    monkeypatch.setenv("CTWP_MAX_DEPTH", "3")
    with pytest.raises(InvalidDataError):
        load_valid_dataset(data)


def test_a_damaged_cache_is_ignored(data, monkeypatch, tmp_path):
    monkeypatch.setenv("CTWP_CACHE_DIR", str(tmp_path / "cache"))
    load_valid_dataset(data)
    [entry] = (tmp_path / "cache").iterdir()
    entry.write_bytes(entry.read_bytes()[:100])
    assert len(load_valid_dataset(data).programmes) == 2


def test_the_cache_can_be_turned_off(data, monkeypatch, tmp_path):
    monkeypatch.setenv("CTWP_CACHE_DIR", "off")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    load_valid_dataset(data)
    assert [path.name for path in tmp_path.iterdir()] == ["data"]  # no .cache folder made
