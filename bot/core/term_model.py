"""A learned second opinion for the matcher: a linear classifier over the analyser's terms.

The explainable scorer compares a description with each playbook's texts and finds the
playbooks that share its words. It cannot tell which shared words matter for telling two
neighbouring situations apart ("came back" is a return in one and a parcel sent back by the
carrier in the other). This model can: a multinomial logistic regression trained on the
shipped playbooks' own texts (titles, keywords, examples, summaries, weighted as the index
weighs them), the lexicon's off-topic lines and the development set's labelled lines, over
the same terms the scorer reads plus each pair of adjacent terms, and the text's every word
(stop words included, nothing folded) plus each pair of adjacent words, TF-IDF weighted as
scikit-learn's ``TfidfVectorizer`` weighs them (sublinear term counts, smoothed IDF, unit
length). ``scripts/train_matcher_model.py`` trains it and writes
``playbooks/lexicon/en-model.npz``; scoring here needs numpy only.

The model knows one set of playbooks: it records the digest of the index it was trained on and
is used only with an index whose playbooks and texts are exactly those. With any other set (a
folder of one's own, a server's own playbooks) the scorer ranks alone.
"""

from __future__ import annotations

import hashlib
import itertools
import math
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from bot.core.loader import shipped_playbooks_dir

if TYPE_CHECKING:
    from bot.core.matcher import MatchIndex
    from bot.core.text import Analyzer


def model_path(language: str = "en") -> Path:
    """Where a language's model is kept: beside its lexicon."""
    return shipped_playbooks_dir() / "lexicon" / f"{language}-model.npz"


#: How the features are made; a model file made another way is not used.
FEATURES_VERSION = 2


def features(terms: list[str], words: list[str]) -> list[str]:
    """The model's features of an analysed text: its terms (``Analyzer.terms``) and each
    adjacent pair of them, and its words (the second of what ``Analyzer.terms_and_words``
    gives, marked ``~``) and each adjacent pair of those. The terms carry what the scorer
    knows (synonyms folded, phrases found); the words carry the wording it drops, which is
    often how an indirect description is told ("it turned up looking like it had been sat
    on")."""
    pairs = (f"{first}|{second}" for first, second in itertools.pairwise(terms))
    word_pairs = (f"~{first}|{second}" for first, second in itertools.pairwise(words))
    return [*terms, *pairs, *(f"~{word}" for word in words), *word_pairs]


def text_features(analyzer: Analyzer, text: str) -> list[str]:
    """The model's features of ``text`` as the analyser reads it: what it learns from."""
    return features(*analyzer.terms_and_words(text))


#: What a damaged or foreign model file can raise while it is read.
_UNREADABLE = (OSError, KeyError, ValueError, EOFError, zipfile.BadZipFile, zlib.error)


def index_digest(index: MatchIndex) -> str:
    """A digest of what an index was built from and how it was read: its playbook ids, their
    texts, and the terms and term pairs the analyser made of them (which change with the
    lexicon and the analyser)."""
    digest = hashlib.sha256()
    digest.update("\n".join(index.ids).encode())
    for name in ("unit_starts", "text_offsets", "text_blob", "term_offsets", "term_blob"):
        if name in index.arrays:
            digest.update(name.encode())
            digest.update(index.arrays[name].tobytes())
    digest.update(index.pair_keys.tobytes())
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class Signals:
    """What the verdict on a query is read from: how the best playbook stands against the
    runner-up and the off-topic questions, for the scorer and the model, and how much the
    query gives to go on."""

    best: float  #: the best playbook's score, 0..100, with the model's say
    runner_up: float  #: the second best's
    off_topic: float  #: the off-topic questions'
    evidence: float  #: the summed IDF of the query's terms the best playbook uses
    terms: int  #: how many terms the query has
    known: float  #: the share of them the index knows
    long: bool  #: read sentence by sentence (a pasted message)
    chance_best: float  #: the model's probability for the best playbook
    chance_off_topic: float  #: the model's probability for the off-topic questions
    scorer_best: float  #: the best playbook's score from the scorer alone
    scorer_off_topic: float  #: the off-topic questions' score from the scorer alone
    modelled: bool = False  #: whether the model read the query (it knew one of its features)

    def vector(self) -> np.ndarray:
        """The calibration's inputs: the signals on comparable scales, the differences that
        matter capped where larger ones say nothing more."""
        gap = self.best - self.runner_up
        return np.array(
            [
                self.best / 50,
                min(gap, 20.0) / 10,
                min(max(self.best - self.off_topic, -30.0), 40.0) / 20,
                min(self.evidence, 15.0) / 5,
                math.log(max(self.terms, 1)),
                self.known,
                float(self.long),
                self.off_topic / 50,
                self.chance_best,
                self.chance_off_topic,
                self.scorer_best / 50,
                min(max(self.scorer_best - self.scorer_off_topic, -30.0), 40.0) / 20,
                min(gap, 3.0) / 3,
            ]
        )


#: How many inputs the calibration reads (the length of :meth:`Signals.vector`).
SIGNALS = 13


class TermModel:
    """Probabilities over an index's entries (its playbooks and the off-topic questions), and
    the calibrated verdict on whether the best of them can be trusted."""

    def __init__(
        self,
        vocabulary: list[str],
        idf: np.ndarray,
        weights: np.ndarray,
        intercept: np.ndarray,
        confidence: np.ndarray,
    ) -> None:
        self._columns = {feature: number for number, feature in enumerate(vocabulary)}
        self._idf = idf.astype(np.float32)
        #: One row per feature, one column per entry of the index (in the index's order);
        #: kept as float32 (stored as float16), as each query would otherwise convert its rows.
        self._weights = weights.astype(np.float32)
        self._intercept = intercept.astype(np.float32)
        #: A logistic regression over :meth:`Signals.vector` (weights, then the bias with the
        #: threshold folded in): the answer is confident when it comes out at 0 or above.
        self._confidence = confidence.astype(np.float64)

    def confident(self, signals: Signals) -> bool:
        """Whether the best playbook can be trusted, by the calibrated verdict."""
        *weights, bias = self._confidence
        return bool(float(np.dot(weights, signals.vector())) + float(bias) >= 0.0)

    @classmethod
    def load_for(cls, index: MatchIndex, path: Path) -> TermModel | None:
        """The model in ``path`` when it was trained on exactly this index's playbooks, texts
        and terms, and is whole (calibration included); else None. Only the entry ids are
        read unless they match."""
        if not path.is_file():
            return None
        try:
            with np.load(path, allow_pickle=False) as saved:
                if _split(saved["ids"]) != list(index.ids):
                    return None
                if str(saved["digest"]) != index_digest(index):
                    return None
                if "features" not in saved or int(saved["features"]) != FEATURES_VERSION:
                    return None
                vocabulary = _split(saved["vocabulary"])
                idf, weights = saved["idf"], saved["weights"]
                intercept, confidence = saved["intercept"], saved["confidence"]
        except _UNREADABLE:
            return None
        entries = len(index.ids)
        if (
            idf.shape != (len(vocabulary),)
            or weights.shape != (len(vocabulary), entries)
            or intercept.shape != (entries,)
            or confidence.shape != (SIGNALS + 1,)
        ):
            return None
        return cls(vocabulary, idf, weights, intercept, confidence)

    def probabilities(self, terms: list[str], words: list[str]) -> np.ndarray | None:
        """The probability of each entry for an analysed text (its terms and words, see
        :func:`features`); None when the model knows none of its features."""
        counts: dict[int, int] = {}
        for feature in features(terms, words):
            column = self._columns.get(feature)
            if column is not None:
                counts[column] = counts.get(column, 0) + 1
        if not counts:
            return None
        columns = np.fromiter(counts, dtype=np.int64, count=len(counts))
        values = np.fromiter(
            (1.0 + math.log(count) for count in counts.values()), np.float32, len(counts)
        )
        values *= self._idf[columns]
        values /= np.sqrt(np.dot(values, values))
        logits = values @ self._weights[columns] + self._intercept
        logits -= logits.max()
        exp = np.exp(logits)
        return exp / exp.sum()


def save_model(
    path: Path,
    index: MatchIndex,
    vocabulary: list[str],
    idf: np.ndarray,
    weights: np.ndarray,
    intercept: np.ndarray,
    *,
    lexicon: str,
    confidence: np.ndarray,
) -> None:
    """Write a trained model for ``index`` (weights: one row per feature, one column per
    entry of the index, in its order; ``lexicon``: the digest of the lexicon file it was
    trained with; ``confidence``: see :class:`TermModel`)."""
    arrays = {
        "ids": np.array("\n".join(index.ids)),
        "digest": np.array(index_digest(index)),
        "features": np.array(FEATURES_VERSION),
        "lexicon": np.array(lexicon),
        "vocabulary": np.array("\n".join(vocabulary)),
        "idf": idf.astype(np.float32),
        "weights": weights.astype(np.float16),
        "intercept": intercept.astype(np.float32),
        "confidence": confidence.astype(np.float64),
    }
    np.savez_compressed(path, **arrays)


def trained_with(path: Path) -> tuple[str, str] | None:
    """The digests of the index and the lexicon a saved model was trained with."""
    try:
        with np.load(path, allow_pickle=False) as saved:
            return str(saved["digest"]), str(saved["lexicon"])
    except _UNREADABLE:
        return None


def _split(joined: np.ndarray) -> list[str]:
    text = str(joined)
    return text.split("\n") if text else []
