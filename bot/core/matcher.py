"""Matching a seller's description of a situation to the playbooks that fit it.

Every playbook contributes short texts (title, summary, keywords and match examples). They are
turned into terms by the :class:`~bot.core.text.Analyzer` (typo correction, stemming, synonyms)
and indexed:

* an inverted index from term to playbooks gives the candidates and a TF-IDF score of the query
  against each playbook as a whole;
* the candidates are then scored against each of their texts, so one example that says
  exactly what the seller said counts for a lot; shared word pairs ("tracking stopped") add to it;
* ``rapidfuzz`` compares the raw strings of the best candidates, which catches what term
  matching misses (split words, odd spellings);
* *coverage* says how much of the query the playbook explains at all; text about something else
  entirely explains little of it, which keeps off-topic questions from looking confident.

The verdict is ``confident`` when the best score clears a threshold and leads the runner-up by
a margin, as Rasa's fallback classifier does; otherwise the front ends offer the alternatives.
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from rapidfuzz import fuzz, process

from bot.core.models import Playbook
from bot.core.text import Analyzer, normalise

#: How much each kind of text counts towards a playbook's profile.
FIELD_WEIGHTS = {"title": 2.0, "keyword": 1.5, "example": 1.0, "summary": 0.8}
#: Candidates rescored in detail after the inverted-index pass.
CANDIDATES = 40
MAX_QUERY_CHARS = 1000


@dataclass(frozen=True, slots=True)
class MatchEntry:
    """What the matcher needs to know about one playbook."""

    id: str
    title: str
    summary: str
    examples: tuple[str, ...]
    keywords: tuple[str, ...] = ()

    @classmethod
    def of(cls, playbook: Playbook) -> MatchEntry:
        return cls(
            id=playbook.id,
            title=playbook.title,
            summary=playbook.summary,
            examples=tuple(playbook.match.examples),
            keywords=tuple(playbook.match.keywords),
        )

    def texts(self) -> Iterable[tuple[str, str]]:
        yield "title", self.title
        yield "summary", self.summary
        for keyword in self.keywords:
            yield "keyword", keyword
        for example in self.examples:
            yield "example", example


@dataclass(frozen=True, slots=True)
class Match:
    """One ranked playbook with its score from 0 to 100."""

    id: str
    title: str
    score: float


@dataclass(frozen=True, slots=True)
class MatchResult:
    """The ranking for one query, and whether the best match can be trusted."""

    query: str
    matches: tuple[Match, ...]
    confident: bool

    @property
    def best(self) -> Match | None:
        return self.matches[0] if self.matches else None

    @property
    def alternatives(self) -> tuple[Match, ...]:
        """The "did you mean" list: the runners-up worth showing."""
        return self.matches[1:] if self.confident else self.matches

    def to_dict(self) -> dict[str, object]:
        return {
            "query": self.query,
            "confident": self.confident,
            "matches": [{"id": m.id, "title": m.title, "score": m.score} for m in self.matches],
        }


@dataclass(slots=True)
class _Unit:
    terms: frozenset[str]
    pairs: frozenset[tuple[str, str]]
    weight: float
    norm: float


@dataclass(slots=True)
class _Profile:
    entry: MatchEntry
    units: list[_Unit] = field(default_factory=list)
    vocabulary: frozenset[str] = frozenset()
    pairs: frozenset[tuple[str, str]] = frozenset()
    fuzzy_texts: tuple[str, ...] = ()


def _pairs(terms: Sequence[str]) -> frozenset[tuple[str, str]]:
    return frozenset(itertools.pairwise(terms))


class Matcher:
    """Ranks playbooks for a situation described in free text."""

    def __init__(
        self,
        entries: Iterable[MatchEntry | Playbook],
        analyzer: Analyzer,
        *,
        threshold: float = 45.0,
        margin: float = 6.0,
    ) -> None:
        self.analyzer = analyzer
        self.threshold = threshold
        self.margin = margin
        entries = [e if isinstance(e, MatchEntry) else MatchEntry.of(e) for e in entries]
        analyzer.learn(text for entry in entries for _, text in entry.texts())
        self._profiles: list[_Profile] = []
        analysed: list[list[tuple[str, list[str]]]] = []
        document_frequency: dict[str, int] = defaultdict(int)
        for entry in entries:
            texts = [(kind, analyzer.terms(text)) for kind, text in entry.texts()]
            analysed.append(texts)
            for term in {t for _, terms in texts for t in terms}:
                document_frequency[term] += 1
        count = len(entries)
        self._unknown_idf = math.log(count + 1) + 1.0
        self.idf = {
            term: math.log((count + 1) / (df + 0.5)) + 0.5
            for term, df in document_frequency.items()
        }
        postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for index, (entry, texts) in enumerate(zip(entries, analysed, strict=True)):
            frequency: dict[str, float] = defaultdict(float)
            profile = _Profile(entry)
            for kind, terms in texts:
                weight = FIELD_WEIGHTS[kind]
                unique = frozenset(terms)
                for term in unique:
                    frequency[term] += weight
                norm = math.sqrt(sum(self.idf[t] ** 2 for t in unique)) or 1.0
                profile.units.append(_Unit(unique, _pairs(terms), weight, norm))
            vector = {t: math.log1p(f) * self.idf[t] for t, f in frequency.items()}
            length = math.sqrt(sum(v * v for v in vector.values())) or 1.0
            for term, value in vector.items():
                postings[term].append((index, value / length))
            profile.vocabulary = frozenset(frequency)
            profile.pairs = frozenset().union(*(u.pairs for u in profile.units))
            profile.fuzzy_texts = tuple(normalise(t) for _, t in entry.texts())
            self._profiles.append(profile)
        self._postings = {
            term: (
                np.fromiter((i for i, _ in items), dtype=np.int32, count=len(items)),
                np.fromiter((v for _, v in items), dtype=np.float32, count=len(items)),
            )
            for term, items in postings.items()
        }
        self._by_id = {p.entry.id: i for i, p in enumerate(self._profiles)}

    def __len__(self) -> int:
        return len(self._profiles)

    @property
    def ids(self) -> list[str]:
        return [p.entry.id for p in self._profiles]

    def entry(self, playbook_id: str) -> MatchEntry | None:
        index = self._by_id.get(playbook_id)
        return self._profiles[index].entry if index is not None else None

    def match(self, text: str, *, top: int = 5) -> MatchResult:
        """Rank the playbooks for ``text``; at most ``top`` matches, best first."""
        query = text[:MAX_QUERY_CHARS]
        terms = self.analyzer.terms(query)
        if not terms or not self._profiles:
            return MatchResult(text, (), False)
        scored = self._score(query, terms)
        scored.sort(key=lambda item: item[1], reverse=True)
        matches = tuple(
            Match(self._profiles[i].entry.id, self._profiles[i].entry.title, round(s, 1))
            for i, s in scored[: max(top, 0)]
        )
        best = scored[0][1] if scored else 0.0
        runner_up = scored[1][1] if len(scored) > 1 else 0.0
        confident = best >= self.threshold and best - runner_up >= self.margin
        return MatchResult(text, matches, confident)

    def _score(self, query: str, terms: list[str]) -> list[tuple[int, float]]:
        unique = set(terms)
        weights = {t: self.idf.get(t, self._unknown_idf) for t in unique}
        query_norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        scores = np.zeros(len(self._profiles), dtype=np.float32)
        for term in unique:
            posting = self._postings.get(term)
            if posting is not None:
                scores[posting[0]] += posting[1] * (weights[term] / query_norm)
        reached = np.flatnonzero(scores)
        if reached.size == 0:
            return []
        if reached.size > CANDIDATES:
            reached = reached[np.argpartition(scores[reached], -CANDIDATES)[-CANDIDATES:]]
        pairs = _pairs(terms)
        total = sum(weights.values()) or 1.0
        normalised = normalise(query)
        results = []
        for index in reached.tolist():
            profile = self._profiles[index]
            best_unit = 0.0
            for unit in profile.units:
                shared = unique & unit.terms
                if not shared:
                    continue
                overlap = sum(weights[t] * self.idf[t] for t in shared)
                similarity = overlap / (query_norm * unit.norm)
                if pairs & unit.pairs:
                    similarity += 0.1 * len(pairs & unit.pairs)
                best_unit = max(best_unit, min(similarity, 1.0) * min(unit.weight, 1.2))
            coverage = sum(weights[t] for t in unique & profile.vocabulary) / total
            fuzzy = process.extractOne(normalised, profile.fuzzy_texts, scorer=fuzz.token_set_ratio)
            fuzzy_score = (fuzzy[1] / 100.0) if fuzzy else 0.0
            score = (
                0.30 * float(scores[index])
                + 0.35 * best_unit
                + 0.20 * coverage
                + 0.15 * fuzzy_score
            )
            results.append((index, 100.0 * score))
        return results
