"""Synthetic playbooks for measuring scale: realistic shape and size, made-up vocabulary.

Each synthetic playbook is one of the shipped ones with its wording varied: words swapped for
invented ones and phrases reshuffled, so a set of 10,000 has the vocabulary and posting-list
shape of a large real collection rather than 10,000 copies of the same words.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from pathlib import Path

import yaml

from bot.core.matcher import MatchEntry
from bot.core.models import Playbook

_SYLLABLES = ["ka", "lo", "mi", "ren", "sa", "tu", "vel", "zo", "pri", "dan", "quo", "shi", "bex"]


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4)))


def _vary(text: str, rng: random.Random, vocabulary: list[str], rate: float = 0.35) -> str:
    words = text.split()
    for i in range(len(words)):
        if rng.random() < rate:
            words[i] = rng.choice(vocabulary)
    return " ".join(words)


def _varied(
    source: MatchEntry, number: int, rng: random.Random, vocabulary: list[str]
) -> MatchEntry:
    """The match fields of ``source`` with their wording varied, under a new id."""
    title = f"{source.title[:40]} {rng.choice(vocabulary)}"[:60]
    summary = _vary(source.summary, rng, vocabulary, 0.2)[:200]
    examples = tuple(_vary(e, rng, vocabulary) for e in source.examples)[:15]
    keywords = tuple(rng.choice(vocabulary) for _ in range(10))
    return MatchEntry(f"{source.id}-{number:05d}", title, summary, examples, keywords)


def synthetic_playbooks(base: list[Playbook], count: int, seed: int = 7) -> list[Playbook]:
    """``count`` playbooks derived from ``base``, with unique ids and varied wording."""
    rng = random.Random(seed)
    vocabulary = sorted({_word(rng) for _ in range(max(2000, count * 3))})
    made = []
    for number in range(count):
        source = base[number % len(base)]
        varied = _varied(MatchEntry.of(source), number, rng, vocabulary)
        data = source.model_dump(mode="json")
        data["id"] = varied.id
        data["title"] = varied.title
        data["summary"] = varied.summary
        data["match"] = {"examples": list(varied.examples), "keywords": list(varied.keywords)}
        made.append(Playbook.model_validate(data))
    return made


def synthetic_match_entries(
    base: Sequence[MatchEntry], count: int, seed: int = 7
) -> Iterator[MatchEntry]:
    """``count`` playbooks' match fields, made as :func:`synthetic_playbooks` makes playbooks
    (one at a time, so many need not be held at once)."""
    rng = random.Random(seed)
    vocabulary = sorted({_word(rng) for _ in range(max(2000, count * 3))})
    for number in range(count):
        yield _varied(base[number % len(base)], number, rng, vocabulary)


def write_playbooks(playbooks: list[Playbook], folder: Path) -> None:
    """Write each playbook as ``<id>.yaml`` in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for playbook in playbooks:
        text = yaml.dump(
            playbook.model_dump(mode="json"),
            Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper),
            sort_keys=False,
            allow_unicode=True,
            width=100,
        )
        (folder / f"{playbook.id}.yaml").write_text(text, encoding="utf-8")
