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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

#: The format of the model file this module reads.
MODEL_FORMAT = 1

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


def char_features(text: str) -> Counter[str]:
    """Counts of the runs of two to five characters inside each word of ``text``, the word
    padded with a space on either side (so a run can mark a word's start or end)."""
    counts: Counter[str] = Counter()
    low, high = CHAR_NGRAMS
    for word in text.lower().split():
        padded = f" {word} "
        length = len(padded)
        for size in range(low, high + 1):
            if size >= length:
                counts[padded] += 1
                break
            counts.update(padded[i : i + size] for i in range(length - size + 1))
    return counts


@dataclass(frozen=True, slots=True)
class _Block:
    """One kind of feature: for each known feature, its inverse document frequency and weight."""

    idf: Mapping[str, float]
    weight: Mapping[str, float]

    def score(self, counts: Counter[str]) -> float:
        """The weighted sum of the draft's sublinear, L2-normalised TF-IDF values."""
        idf = self.idf
        weight = self.weight
        squares = 0.0
        total = 0.0
        for feature, count in counts.items():
            feature_idf = idf.get(feature)
            if feature_idf is None:
                continue
            value = (1.0 + math.log(count)) * feature_idf
            squares += value * value
            total += value * weight.get(feature, 0.0)
        return total / math.sqrt(squares) if squares else 0.0


@dataclass(frozen=True, slots=True)
class ToneModel:
    """A trained model; :meth:`coldness` is the probability that a draft reads as hostile.

    At ``threshold`` and above a draft reads cold; below ``warm_below`` it reads warm enough
    that the missing-apology check stands down.
    """

    words: _Block
    chars: _Block
    intercept: float
    threshold: float
    warm_below: float

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ToneModel:
        """Build a model from the contents of its file; raises ``ValueError`` when malformed."""
        if data.get("format") != MODEL_FORMAT:
            raise ValueError(f"unknown model format {data.get('format')!r}")
        try:
            blocks = [
                _Block(
                    {feature: float(pair[0]) for feature, pair in data[name].items()},
                    {feature: float(pair[1]) for feature, pair in data[name].items() if pair[1]},
                )
                for name in ("words", "chars")
            ]
            intercept = float(data["intercept"])
            threshold = float(data["threshold"])
            warm_below = float(data["warm_below"])
        except (KeyError, TypeError, IndexError, AttributeError) as error:
            raise ValueError(f"malformed model: {error!r}") from error
        if not 0.0 < threshold < 1.0:
            raise ValueError(f"threshold {threshold} is not between 0 and 1")
        if not 0.0 <= warm_below < threshold:
            raise ValueError(f"warm_below {warm_below} is not between 0 and the threshold")
        return cls(blocks[0], blocks[1], intercept, threshold, warm_below)

    def coldness(self, text: str) -> float:
        """How likely ``text`` is to read as hostile, defensive or passive-aggressive (0 to 1)."""
        decision = (
            self.intercept
            + self.words.score(word_features(text))
            + self.chars.score(char_features(text))
        )
        if decision < -30:
            return 0.0
        return 1.0 / (1.0 + math.exp(-decision))

    def reads_cold(self, text: str) -> bool:
        """True when ``text`` reaches the model's threshold."""
        return self.coldness(text) >= self.threshold

    def reads_warm(self, text: str) -> bool:
        """True when ``text`` scores so low that it reads warm without a word of apology."""
        return self.coldness(text) < self.warm_below

    def coldest(self, sentences: Iterable[tuple[int, int]], text: str) -> tuple[int, int] | None:
        """Of the spans ``sentences`` of ``text``, the one that reads coldest on its own."""
        scored = [(self.coldness(text[start:end]), (start, end)) for start, end in sentences]
        return max(scored)[1] if scored else None


def model_path(rules_path: Path) -> Path:
    """Where the model of a rules file lives: ``en.yaml`` → ``en-model.json``."""
    return rules_path.with_name(f"{rules_path.stem}-model.json")


def load_tone_model(path: Path) -> ToneModel:
    """Read a model file; raises ``OSError`` or ``ValueError`` with the reason."""
    return ToneModel.from_dict(json.loads(path.read_text(encoding="utf-8")))
