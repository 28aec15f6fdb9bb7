"""The learned second opinion of the tone check: how cold a draft reads as a whole.

The phrase rules in ``playbooks/tone/<language>.yaml`` name what hurts and why, but a rule only
finds the habit it was written for; fresh wording of the same habit slips past. The model here
was trained on the development corpora of hostile and warm drafts (``scripts/train_tone_model.py``)
and reads the habits of language those drafts share: word pairs ("you should", "as stated"),
and pieces of words, so "obviously", "clearly" and "ridiculous" count wherever they appear. It
is a logistic regression over TF-IDF features of words (one and two) and of character runs
(two to five, inside words), with a threshold chosen on the corpora with the sets left out in
turn. Its file, ``<language>-model.json`` next to the rules, holds for every feature its
inverse document frequency and its weight.

Scoring is plain Python over a dictionary: no library beyond the standard one, and the same
features scikit-learn's ``TfidfVectorizer`` computes (a test holds the two to the same values).
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Container, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any

#: The format of the model file this module reads.
MODEL_FORMAT = 2

#: Words as the model's word features see them: two or more word characters.
_WORD = re.compile(r"(?u)\b\w\w+\b")

#: The word n-gram lengths and the character n-gram lengths the model uses.
WORD_NGRAMS = (1, 2)
CHAR_NGRAMS = (2, 5)


def word_features(text: str) -> Counter[str]:
    """Counts of the lower-cased words and word pairs of ``text``."""
    words = _WORD.findall(text.lower())
    counts = Counter(words)
    counts.update(" ".join(pair) for pair in pairwise(words))
    return counts


def known_words(counts: Counter[str], vocabulary: Container[str]) -> int:
    """How many of the words counted by :func:`word_features` (single words, not pairs) are in
    ``vocabulary``."""
    return sum(count for word, count in counts.items() if " " not in word and word in vocabulary)


def char_features(text: str) -> Counter[str]:
    """Counts of the runs of two to five characters inside each word of ``text``, the word
    padded with a space on either side (so a run can mark a word's start or end)."""
    runs: list[str] = []
    for word in text.lower().split():
        runs.extend(_cached_runs(word) if len(word) <= _CACHED_WORD else _runs(word))
    return Counter(runs)


#: Words up to this long have their runs cached (words repeat, within and across drafts); a
#: longer one, rare and possibly pasted to fill memory, is read afresh each time.
_CACHED_WORD = 24


def _runs(word: str) -> tuple[str, ...]:
    """The character runs of one word."""
    padded = f" {word} "
    length = len(padded)
    low, high = CHAR_NGRAMS
    runs: list[str] = []
    for size in range(low, high + 1):
        if size >= length:
            runs.append(padded)
            break
        runs.extend(padded[i : i + size] for i in range(length - size + 1))
    return tuple(runs)


_cached_runs = lru_cache(maxsize=8192)(_runs)


@dataclass(frozen=True, slots=True)
class _Block:
    """One kind of feature: for each known feature, its inverse document frequency and weight."""

    idf: Mapping[str, float]
    weight: Mapping[str, float]

    def score(self, counts: Counter[str]) -> tuple[float, float]:
        """The block's part of the decision for a draft with ``counts`` (the weighted sum of its
        sublinear, L2-normalised TF-IDF values, as in training) and the norm it was divided by."""
        idf = self.idf
        weight = self.weight
        log = math.log
        squares = 0.0
        total = 0.0
        for feature, count in counts.items():
            feature_idf = idf.get(feature)
            if feature_idf is None:
                continue
            value = (1.0 + log(count)) * feature_idf if count > 1 else feature_idf
            squares += value * value
            total += value * weight.get(feature, 0.0)
        norm = math.sqrt(squares)
        return (total / norm if norm else 0.0), norm

    def shares(self, counts: Counter[str], norm: float) -> dict[str, float]:
        """What each single occurrence of a feature adds to :meth:`score` of a draft with
        ``counts`` and ``norm`` (so a sentence's part is the sum over its features)."""
        if not norm:
            return {}
        idf = self.idf
        weight = self.weight
        return {
            feature: (1.0 + math.log(count)) * idf[feature] * weight[feature] / norm / count
            for feature, count in counts.items()
            if feature in weight
        }


@dataclass(frozen=True, slots=True)
class Opinion:
    """What the model makes of one draft."""

    coldness: float
    """How likely the draft is to read as hostile, defensive or passive-aggressive (0 to 1)."""
    cold: bool
    """The draft reaches the model's threshold."""
    warm: bool
    """The draft scores so low that it reads warm without a word of apology."""
    coldest: tuple[int, int] | None
    """For a cold draft, the sentence (of those given) whose words push it furthest towards
    cold; ``None`` when the draft is not cold or no sentences were given."""


@dataclass(frozen=True, slots=True)
class ToneModel:
    """A trained model: :meth:`opinion` reads a draft, :meth:`coldness` scores one.

    At ``threshold`` and above a draft reads cold; below ``warm_below`` it reads warm enough
    that the missing-apology check stands down. A draft with fewer than ``min_known_words`` words
    the model has seen (a word or two, another language) gets no opinion: with nothing to go on
    the model would only repeat its prior.
    """

    words: _Block
    chars: _Block
    intercept: float
    threshold: float
    warm_below: float
    min_known_words: int

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ToneModel:
        """Build a model from the contents of its file; raises ``ValueError`` when malformed."""
        if data.get("format") != MODEL_FORMAT:
            raise ValueError(f"unknown model format {data.get('format')!r}")
        try:
            blocks = [
                _Block(
                    {feature: _finite(pair[0]) for feature, pair in data[name].items()},
                    {feature: _finite(pair[1]) for feature, pair in data[name].items() if pair[1]},
                )
                for name in ("words", "chars")
            ]
            intercept = _finite(data["intercept"])
            threshold = _finite(data["threshold"])
            warm_below = _finite(data["warm_below"])
            min_known_words = int(data["min_known_words"])
        except (KeyError, TypeError, IndexError, AttributeError) as error:
            raise ValueError(f"malformed model: {error!r}") from error
        if not 0.0 < threshold < 1.0:
            raise ValueError(f"threshold {threshold} is not between 0 and 1")
        if not 0.0 <= warm_below < threshold:
            raise ValueError(f"warm_below {warm_below} is not between 0 and the threshold")
        if min_known_words < 0:
            raise ValueError(f"min_known_words {min_known_words} is negative")
        return cls(blocks[0], blocks[1], intercept, threshold, warm_below, min_known_words)

    def coldness(self, text: str) -> float:
        """How likely ``text`` is to read as hostile, defensive or passive-aggressive (0 to 1),
        whatever it holds."""
        words, _ = self.words.score(word_features(text))
        chars, _ = self.chars.score(char_features(text))
        return _probability(self.intercept + words + chars)

    def opinion(self, text: str, sentences: Iterable[tuple[int, int]] = ()) -> Opinion | None:
        """What the model makes of ``text`` (straightened as the rules read it, see
        :func:`~bot.core.tone_patterns.plain`), whose sentences are the spans ``sentences``; or
        ``None`` when it knows too few of its words to tell."""
        word_counts = word_features(text)
        known = known_words(word_counts, self.words.idf)
        if not known or known < self.min_known_words:
            return None
        char_counts = char_features(text)
        words, word_norm = self.words.score(word_counts)
        chars, char_norm = self.chars.score(char_counts)
        coldness = _probability(self.intercept + words + chars)
        cold = coldness >= self.threshold
        coldest = None
        if cold:
            word_shares = self.words.shares(word_counts, word_norm)
            char_shares = self.chars.shares(char_counts, char_norm)
            pushes = [
                (
                    _pushed(word_features(text[start:end]), word_shares)
                    + _pushed(char_features(text[start:end]), char_shares),
                    (start, end),
                )
                for start, end in sentences
            ]
            coldest = max(pushes)[1] if pushes else None
        return Opinion(coldness, cold, coldness < self.warm_below, coldest)


def _pushed(counts: Counter[str], shares: Mapping[str, float]) -> float:
    return sum(shares.get(feature, 0.0) * count for feature, count in counts.items())


def _probability(decision: float) -> float:
    if decision < -30:
        return 0.0
    return 1.0 / (1.0 + math.exp(-decision))


def _finite(value: Any) -> float:
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"{value!r} is not a finite number")
    return number


def model_path(rules_path: Path) -> Path:
    """Where the model of a rules file lives: ``en.yaml`` → ``en-model.json``."""
    return rules_path.with_name(f"{rules_path.stem}-model.json")


def load_tone_model(path: Path) -> ToneModel:
    """Read a model file; raises ``OSError`` or ``ValueError`` with the reason."""
    return ToneModel.from_dict(json.loads(path.read_text(encoding="utf-8")))
