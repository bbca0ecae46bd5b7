"""Did-you-mean hints for misspelt names, at a bounded cost per hint.

A hint looks at no more than ``NEAR`` choices, however many there are: with few choices, all
of them; with many, those next to the word in alphabetical order and in the order of their
reversed spellings. A typo leaves a word's start or its end in place, so the choice meant
is next to it in one of the two orders. Of those, the few that share the most of the
word's start and end are compared closely. Validation with thousands of unknown names thus
stays linear.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable

from ctwp.core.errors import shown

NEAR = 32  # choices looked at per hint, at most
_SIDE = NEAR // 4  # taken on each side of the word, in each of the two orders
_SCAN = 64  # choices passed over on each side looking for allowed ones, at most
_COMPARED = 8  # of those, compared closely (difflib), at most


class Suggestions:
    """Close matches for words, from a fixed set of choices (any case)."""

    def __init__(self, choices: Iterable[str]) -> None:
        self._by_fold: dict[str, str] = {}
        for choice in sorted(choices):
            self._by_fold.setdefault(choice.casefold(), choice)
        self._folded = sorted(self._by_fold)
        self._reversed = sorted(folded[::-1] for folded in self._folded)

    def hint(self, word: str, allowed: Callable[[str], bool] | None = None) -> str | None:
        """A hint naming the closest choice, or listing the choices when none is close and
        they are few. ``allowed``: which choices may be suggested."""
        folded = word.casefold()
        near = self._near(folded, allowed)
        if len(near) > _COMPARED:  # the few sharing most of its start and end
            near = sorted(near, key=lambda choice: -_shared_ends(folded, choice))[:_COMPARED]
        close = closest(folded, near)
        if close is not None:
            return f"did you mean {shown(self._by_fold[close])}?"
        if len(self._folded) <= 20:
            listed = [self._by_fold[choice] for choice in self._folded if allowed is None or allowed(self._by_fold[choice])]
            return "expected one of: " + ", ".join(sorted(listed)) if listed else None
        return None

    def _near(self, folded: str, allowed: Callable[[str], bool] | None) -> list[str]:
        """At most NEAR choices (case-folded) to compare ``folded`` with."""
        keep = (lambda choice: True) if allowed is None else (lambda choice: allowed(self._by_fold[choice]))
        if len(self._folded) <= NEAR:
            return [choice for choice in self._folded if keep(choice)]
        near: set[str] = set()
        for ordered, key, unturn in ((self._folded, folded, False), (self._reversed, folded[::-1], True)):
            middle = bisect_left(ordered, key)
            for indexes in (range(middle - 1, max(middle - 1 - _SCAN, -1), -1), range(middle, min(middle + _SCAN, len(ordered)))):
                taken = 0
                for index in indexes:
                    choice = ordered[index][::-1] if unturn else ordered[index]
                    if keep(choice):
                        near.add(choice)
                        taken += 1
                        if taken == _SIDE:
                            break
        return sorted(near)


def _shared_ends(word: str, choice: str) -> int:
    """How many characters ``word`` and ``choice`` share at their start and at their end."""
    return _shared_start(word, choice) + _shared_start(word[::-1], choice[::-1])


def _shared_start(first: str, second: str) -> int:
    length = min(len(first), len(second))
    index = 0
    while index < length and first[index] == second[index]:
        index += 1
    return index


def closest(word: str, candidates: list[str]) -> str | None:
    """The candidate most like ``word``, if any is like it enough."""
    from difflib import get_close_matches  # only on the way to an error message

    close = get_close_matches(word, candidates, n=1, cutoff=0.6)
    return close[0] if close else None


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """A hint naming the closest choice, or listing them all when none is close and they are few."""
    return Suggestions(choices).hint(word)
