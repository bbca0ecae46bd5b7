"""Did-you-mean hints: the name meant, at a cost per hint that does not grow with the choices."""

from ctwp.core import suggest
from ctwp.core.suggest import Suggestions, did_you_mean


def test_a_typo_finds_the_name_meant():
    assert did_you_mean("DMPC", ["DPMC", "NZP", "MOJ"]) == "did you mean 'DPMC'?"
    assert did_you_mean("zzz", ["DPMC", "NZP"]) == "expected one of: DPMC, NZP"


def test_each_hint_compares_a_bounded_number_of_choices(monkeypatch):
    ids = [f"{year}-item-{number}" for year in (2021, 2022) for number in range(1, 5001)]
    suggestions = Suggestions(ids)
    compared = []
    closest = suggest.closest

    def counting(word, candidates):
        compared.append(len(candidates))
        return closest(word, candidates)

    monkeypatch.setattr(suggest, "closest", counting)
    earlier = {id_ for id_ in ids if id_.startswith("2021-")}
    for typo, meant in [("2021-itme-1234", "2021-item-1234"), ("2021-iten-1234", "2021-item-1234"), ("2O21-item-4999", "2021-item-4999")]:
        assert suggestions.hint(typo, allowed=earlier.__contains__) == f"did you mean {meant!r}?"
    assert suggestions.hint("2022-itme-77", allowed=earlier.__contains__) == "did you mean '2021-item-77'?"  # only earlier ones
    assert max(compared) <= suggest._COMPARED
    assert len(suggestions._near("2021-itme-1234", None)) <= suggest.NEAR
