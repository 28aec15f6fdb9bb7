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
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from bot.core.models import Playbook
from bot.core.text import Analyzer, normalise

#: How much each kind of text counts towards a playbook's profile.
FIELD_WEIGHTS = {"title": 2.0, "keyword": 1.5, "example": 1.0, "summary": 0.8}
#: Candidates compared string-to-string with rapidfuzz after the inverted-index pass.
CANDIDATES = 10
#: Added to a text's similarity for each word pair it shares with the query.
PAIR_BONUS = 0.1
MAX_QUERY_CHARS = 1000
#: The id of the pseudo-playbook of questions that are not customer situations.
OFF_TOPIC = "~off-topic"
SCORE_WEIGHTS = (0.40, 0.10, 0.30, 0.20)


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


def _postings(
    rows: dict[str, list[tuple[int, float]]],
) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    return {
        key: (
            np.fromiter((i for i, _ in items), dtype=np.int32, count=len(items)),
            np.fromiter((v for _, v in items), dtype=np.float32, count=len(items)),
        )
        for key, items in rows.items()
    }


class Matcher:
    """Ranks playbooks for a situation described in free text.

    Everything a query needs is precomputed into flat arrays: per term, the playbooks and the
    texts ("units") it occurs in. A query touches only the postings of its own terms, so its
    cost grows with how common its words are, not with the number of playbooks.
    """

    def __init__(
        self,
        entries: Iterable[MatchEntry | Playbook],
        analyzer: Analyzer,
        *,
        off_topic: Sequence[str] = (),
        threshold: float = 28.0,
        margin: float = 2.0,
        off_topic_margin: float = 15.0,
    ) -> None:
        self.analyzer = analyzer
        self.threshold = threshold
        self.margin = margin
        self.off_topic_margin = off_topic_margin
        self._entries = [e if isinstance(e, MatchEntry) else MatchEntry.of(e) for e in entries]
        self._off_topic: int | None = None
        if off_topic:
            self._off_topic = len(self._entries)
            self._entries.append(MatchEntry(OFF_TOPIC, "", "", tuple(off_topic)))
        self._by_id = {entry.id: i for i, entry in enumerate(self._entries)}
        self._build()

    def _build(self) -> None:
        analyzer = self.analyzer
        analyzer.learn(text for entry in self._entries for _, text in entry.texts())
        analysed = [
            [(kind, analyzer.terms(text)) for kind, text in entry.texts()]
            for entry in self._entries
        ]
        document_frequency: dict[str, int] = defaultdict(int)
        for texts in analysed:
            for term in {t for _, terms in texts for t in terms}:
                document_frequency[term] += 1
        count = len(self._entries)
        self._unknown_idf = math.log(count + 1) + 1.0
        self.idf = {
            term: math.log((count + 1) / (df + 0.5)) + 0.5
            for term, df in document_frequency.items()
        }
        entry_rows: dict[str, list[tuple[int, float]]] = defaultdict(list)
        unit_rows: dict[str, list[tuple[int, float]]] = defaultdict(list)
        pair_rows: dict[str, list[tuple[int, float]]] = defaultdict(list)
        unit_norms: list[float] = []
        unit_weights: list[float] = []
        unit_starts: list[int] = []
        fuzzy_texts: list[tuple[str, ...]] = []
        for index, (entry, texts) in enumerate(zip(self._entries, analysed, strict=True)):
            unit_starts.append(len(unit_norms))
            frequency: dict[str, float] = defaultdict(float)
            for kind, terms in texts:
                unit = len(unit_norms)
                unique = set(terms)
                for term in unique:
                    frequency[term] += FIELD_WEIGHTS[kind]
                    unit_rows[term].append((unit, self.idf[term]))
                for first, second in set(itertools.pairwise(terms)):
                    pair_rows[f"{first} {second}"].append((unit, 1.0))
                unit_norms.append(math.sqrt(sum(self.idf[t] ** 2 for t in unique)) or 1.0)
                unit_weights.append(min(FIELD_WEIGHTS[kind], 1.2))
            vector = {t: math.log1p(f) * self.idf[t] for t, f in frequency.items()}
            length = math.sqrt(sum(v * v for v in vector.values())) or 1.0
            for term, value in vector.items():
                entry_rows[term].append((index, value / length))
            fuzzy_texts.append(tuple(normalise(text) for _, text in entry.texts()))
        self._entry_postings = _postings(entry_rows)
        self._unit_postings = _postings(unit_rows)
        self._pair_postings = {key: ids for key, (ids, _) in _postings(pair_rows).items()}
        self._unit_norms = np.asarray(unit_norms, dtype=np.float32)
        self._unit_weights = np.asarray(unit_weights, dtype=np.float32)
        self._unit_starts = np.asarray(unit_starts, dtype=np.int64)
        self._fuzzy_texts = fuzzy_texts

    def __len__(self) -> int:
        return len(self._entries) - (self._off_topic is not None)

    @property
    def ids(self) -> list[str]:
        return [entry.id for entry in self._entries if entry.id != OFF_TOPIC]

    def entry(self, playbook_id: str) -> MatchEntry | None:
        index = self._by_id.get(playbook_id)
        if index is None or index == self._off_topic:
            return None
        return self._entries[index]

    def match(self, text: str, *, top: int = 5) -> MatchResult:
        """Rank the playbooks for ``text``; at most ``top`` matches, best first."""
        query = text[:MAX_QUERY_CHARS]
        terms = self.analyzer.terms(query)
        scored = self._score(query, terms) if terms and self._entries else []
        scored.sort(key=lambda item: item[1], reverse=True)
        off_topic = next((score for i, score in scored if i == self._off_topic), 0.0)
        scored = [item for item in scored if item[0] != self._off_topic]
        matches = tuple(
            Match(self._entries[i].id, self._entries[i].title, round(score, 1))
            for i, score in scored[: max(top, 0)]
        )
        best = scored[0][1] if scored else 0.0
        runner_up = scored[1][1] if len(scored) > 1 else 0.0
        confident = (
            bool(scored)
            and best >= self.threshold
            and best - runner_up >= self.margin
            and best - off_topic >= self.off_topic_margin
        )
        return MatchResult(text, matches, confident)

    def _score(self, query: str, terms: list[str]) -> list[tuple[int, float]]:
        """Score every playbook that shares a term with the query; ``(index, 0..100)``."""
        weights = {t: self.idf.get(t, self._unknown_idf) for t in set(terms)}
        query_norm = math.sqrt(sum(w * w for w in weights.values()))
        total = sum(weights.values())
        entries = len(self._entries)
        profile = np.zeros(entries, dtype=np.float32)
        coverage = np.zeros(entries, dtype=np.float32)
        units = np.zeros(len(self._unit_norms), dtype=np.float32)
        for term, weight in weights.items():
            posting = self._entry_postings.get(term)
            if posting is None:
                continue
            profile[posting[0]] += posting[1] * (weight / query_norm)
            coverage[posting[0]] += weight / total
            unit_ids, idfs = self._unit_postings[term]
            units[unit_ids] += idfs * weight
        reached = np.flatnonzero(coverage)
        if reached.size == 0:
            return []
        units /= query_norm * self._unit_norms
        for first, second in set(itertools.pairwise(terms)):
            pair = self._pair_postings.get(f"{first} {second}")
            if pair is not None:
                units[pair] += PAIR_BONUS
        np.minimum(units, 1.0, out=units)
        units *= self._unit_weights
        best_unit = np.maximum.reduceat(units, self._unit_starts)
        w_profile, w_unit, w_coverage, w_fuzzy = SCORE_WEIGHTS
        lexical = w_profile * profile + w_unit * best_unit + w_coverage * coverage
        if reached.size > CANDIDATES:
            reached = reached[np.argpartition(lexical[reached], -CANDIDATES)[-CANDIDATES:]]
            if self._off_topic is not None and coverage[self._off_topic] > 0:
                reached = np.union1d(reached, [self._off_topic])
        normalised = normalise(query)
        results = []
        for index in reached.tolist():
            fuzzy = process.extractOne(
                normalised, self._fuzzy_texts[index], scorer=fuzz.token_set_ratio
            )
            similarity = fuzzy[1] / 100.0 if fuzzy else 0.0
            results.append((index, 100.0 * (float(lexical[index]) + w_fuzzy * similarity)))
        return results
