"""Did-you-mean hints for misspelt names."""

from __future__ import annotations

from collections.abc import Iterable


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """A hint naming the closest choice, or listing them all when none is close and they are few."""
    from difflib import get_close_matches  # only on the way to an error message

    choices = sorted(choices)
    by_fold = {choice.casefold(): choice for choice in choices}
    close = get_close_matches(word.casefold(), list(by_fold), n=1, cutoff=0.6)
    if close:
        return f"did you mean {by_fold[close[0]]!r}?"
    if len(choices) <= 20:
        return "expected one of: " + ", ".join(choices)
    return None
