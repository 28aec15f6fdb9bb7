"""The closed set of placeholders that playbook text may use, and how they render.

A placeholder is a name in braces, such as ``{customer}``. Any other name is a lint error, and a
placeholder with no value renders as a visible marker (``[customer's name]``) rather than a blank,
so a draft never says "Hi ,". ``{marketplace}`` is the exception: without a value it reads "the
marketplace", which fits any sentence written for it, so it is never a detail to fill in.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

#: Every placeholder a playbook may use, with the marker shown while it has no value.
PLACEHOLDERS: dict[str, str] = {
    "customer": "[customer's name]",
    "item": "[item]",
    "order": "[order number]",
    "order_value": "[order value]",
    "shop": "[shop name]",
    "seller": "[your name]",
    "days": "[a few days]",
    "code": "[discount code]",
    "tracking": "[tracking number]",
    "date": "[date]",
    "marketplace": "the marketplace",
}
#: Placeholders whose stand-in reads as natural text: never reported as a detail to fill in.
NATURAL = frozenset({"marketplace"})

_BRACED = re.compile(r"\{([^{}]*)\}")
_BRACE = re.compile(r"[{}]")
_KNOWN = re.compile("|".join(re.escape(f"{{{name}}}") for name in PLACEHOLDERS))


@dataclass(frozen=True, slots=True)
class PlaceholderProblem:
    """A mistake in the use of braces, at ``offset`` characters into the text."""

    offset: int
    message: str


def suggest(word: str, choices: list[str] | tuple[str, ...]) -> str | None:
    """Return the choice closest to ``word`` when it is plausibly a misspelling of it."""
    found = process.extractOne(word, choices, scorer=Levenshtein.normalized_distance)
    if found is None:
        return None
    choice, distance, _ = found
    return choice if distance <= 0.5 else None


def placeholders_ok(text: str) -> bool:
    """Whether every brace in ``text`` belongs to a known placeholder: what
    :func:`check_placeholders` finds nothing wrong with, told without looking for problems."""
    if "{" not in text and "}" not in text:
        return True
    rest = _KNOWN.sub("", text)
    return "{" not in rest and "}" not in rest


def check_placeholders(text: str) -> Iterator[PlaceholderProblem]:
    """Yield every unknown placeholder and stray brace in ``text``."""
    covered = 0
    for found in _BRACED.finditer(text):
        yield from _stray_braces(text, covered, found.start())
        covered = found.end()
        name = found.group(1)
        if name not in PLACEHOLDERS:
            known = ", ".join(f"{{{p}}}" for p in PLACEHOLDERS)
            hint = suggest(name, list(PLACEHOLDERS))
            did_you_mean = f"; did you mean {{{hint}}}?" if hint else f"; known: {known}"
            yield PlaceholderProblem(found.start(), f"unknown placeholder {{{name}}}{did_you_mean}")
    yield from _stray_braces(text, covered, len(text))


def _stray_braces(text: str, start: int, end: int) -> Iterator[PlaceholderProblem]:
    for found in _BRACE.finditer(text, start, end):
        yield PlaceholderProblem(
            found.start(), f"stray '{found.group(0)}': placeholders look like {{customer}}"
        )


def placeholders_in(text: str) -> set[str]:
    """The placeholder names used in ``text``."""
    return {m.group(1) for m in _BRACED.finditer(text)}


def render(text: str, values: Mapping[str, str | None]) -> str:
    """Fill the placeholders of ``text``; one without a value shows its visible marker."""

    def fill(found: re.Match[str]) -> str:
        name = found.group(1)
        value = values.get(name)
        if value is not None and value.strip():
            return value.strip()
        return PLACEHOLDERS.get(name, found.group(0))

    return _BRACED.sub(fill, text)
