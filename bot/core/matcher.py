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

Questions that are not customer situations (shop talk, good news, anything else) form one
pseudo-playbook. Its texts are unrelated to one another, so it is scored by the one text closest
to the query rather than by its vocabulary as a whole; the verdict is never confident when it
comes within a margin of the best playbook.

With the shipped playbooks, a learned model (:mod:`bot.core.term_model`) has its say in every
score, and the verdict ``confident`` is its calibrated reading of the scores, the leads and its
own probabilities. Without it (other playbooks, or a server's own playbooks among the
candidates) the verdict is ``confident`` when the best score clears a threshold and leads the
runner-up and the off-topic questions by a margin, as Rasa's fallback classifier does. Either
way the best playbook needs specific evidence; otherwise the front ends offer the alternatives.
"""

from __future__ import annotations

import contextlib
import copy
import hashlib
import itertools
import math
import mmap
import os
import shutil
import tempfile
from array import array
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process

from bot.core.models import Playbook
from bot.core.term_model import Signals, TermModel
from bot.core.text import (
    TEXT_BREAK,
    Analyzer,
    normalise,
    normalise_all,
    normalised_tokens,
    sentences,
    tokens,
)

#: How much each kind of text counts towards a playbook's profile.
FIELD_WEIGHTS = {"title": 2.0, "keyword": 1.5, "example": 1.0, "summary": 0.8}
#: Candidates compared string-to-string with rapidfuzz after the inverted-index pass.
CANDIDATES = 6
#: Fewer for the shipped set when the learned model has its say: the model's likeliest
#: playbooks join the candidates anyway, and three ranked the holdouts as six did, in about
#: two-thirds of the time (the string comparison is most of a match).
CANDIDATES_WITH_MODEL = 3
#: Added to a text's similarity for each word pair it shares with the query.
PAIR_BONUS = 0.1
MAX_QUERY_CHARS = 1000
#: The sentences of a long message have their term scores worked out together, as many at a
#: time as keep each table within this many cells (one per text of the index, per sentence):
#: all at once in the shipped set, one at a time among 10,000 playbooks.
LEXICAL_BATCH_UNITS = 100_000
#: From this many characters (normalised) a query is compared with the off-topic questions
#: only where bounds leave a text able to be the best: below it, working out the bounds took
#: longer than the comparisons they left out (measured on the shipped set's questions).
BOUNDED_QUERY_CHARS = 100
#: The id of the pseudo-playbook of questions that are not customer situations.
OFF_TOPIC = "~off-topic"
SCORE_WEIGHTS = (0.40, 0.10, 0.30, 0.20)
#: A text with at least this many terms is also read sentence by sentence.
LONG_TERMS = 10
#: In a long text, how much the whole text counts beside its best sentence for a playbook.
WHOLE_WEIGHT = 0.4
#: A sentence of a long text counts when its best playbook scores at least this much (its
#: scores leave out the string comparison, so they run lower than whole queries).
READING_THRESHOLD = 25.0
#: The same for a sentence that turns towards a problem ("but", "unfortunately", a negation).
TURN_READING_THRESHOLD = 18.0
TURN_OFF_TOPIC_MARGIN = 2.0
#: A second situation is offered as "also" when a sentence matches it at least this well on
#: its own, leads the main situation in that sentence by the margin, and the situation scores
#: at least this share of the main one over the whole message.
ALSO_MIN = 45.0
ALSO_MARGIN = 10.0
ALSO_SHARE = 0.6
MAX_ALSO = 2
#: How much the learned model's probability for a playbook (0..1) adds to its score, in
#: hundredths: its say beside the scorer's (see bot/core/term_model.py).
MODEL_WEIGHT = 100.0
#: The model's likeliest playbooks that join the scorer's candidates when the scorer missed
#: them: at most this many, each at least this likely.
MODEL_CANDIDATES = 2
MODEL_CANDIDATE_CHANCE = 0.1
#: With the model, the best playbook is never trusted while the runner-up is within this many
#: points of it: two situations that close call for the seller's choice.
MODEL_MIN_LEAD = 2.0


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
    #: Other situations the text clearly mentions as well ("also sounds like"), strongest first.
    also: tuple[Match, ...] = ()
    #: The text reads more like the off-topic examples (shop chatter, other questions) than
    #: like any situation, or gives no evidence of one: not a customer situation at all.
    off_topic: bool = False

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
            "also": [m.id for m in self.also],
        }


@dataclass(frozen=True, slots=True)
class _Layer:
    """One server's own playbooks over the shipped set.

    Entries are numbered on from the shipped index: the server's first playbook is number
    ``offset`` (the shipped index's size), so one score table covers both.
    """

    index: MatchIndex | None
    offset: int
    #: Per shipped entry, whether the server sees it (not hidden, nor overridden by its own).
    seen: np.ndarray


@dataclass(frozen=True, slots=True)
class _Reading:
    """One sentence of a long text that clearly describes a situation, with its scores."""

    sentence: str
    terms: list[str]
    scores: dict[int, float]
    off_topic: float
    best: int


_Lexical = tuple[np.ndarray, np.ndarray, np.ndarray]


@dataclass(frozen=True, slots=True)
class _Weighed:
    """A query's terms as one index weighs them: each distinct term's number in the index
    (None when unknown) with its weight, the weights' Euclidean norm and their sum (both
    taken in the shipped index, so that a server's own playbooks are scored alike)."""

    terms: Sequence[str]
    weights: list[tuple[int | None, float]]
    norm: float
    total: float


@dataclass(slots=True)
class _Worked:
    """What scoring one query has worked out so far, kept for when it is scored again (with
    other playbooks among the candidates, or a sentence as the whole of what matters): the
    string similarities by text and playbook, and the term-based scores by text, terms and
    number of candidates, in the shipped index and in a server's own."""

    similarities: dict[tuple[str, int], float] = field(default_factory=dict)
    lexical: dict[tuple[str, tuple[str, ...], int], tuple[_Lexical | None, _Lexical | None]] = (
        field(default_factory=dict)
    )


def _sorted_union(ids: np.ndarray, more: Iterable[int]) -> np.ndarray:
    """``ids`` and ``more`` together, each once, in ascending order (as ``np.union1d`` gives
    them, without its cost for a handful of numbers)."""
    return np.array(sorted({*ids.tolist(), *more}), dtype=ids.dtype)


class _Csr:
    """Postings for many keys in three flat arrays: key ``k`` owns ``ids[ptr[k]:ptr[k + 1]]``."""

    __slots__ = ("ids", "ptr", "values")

    def __init__(self, ptr: np.ndarray, ids: np.ndarray, values: np.ndarray) -> None:
        self.ptr, self.ids, self.values = ptr, ids, values

    @classmethod
    def build(cls, rows: list[list[tuple[int, float]]]) -> _Csr:
        ptr = np.zeros(len(rows) + 1, dtype=np.int64)
        np.cumsum([len(r) for r in rows], out=ptr[1:])
        flat = [pair for row in rows for pair in row]
        ids = np.fromiter((i for i, _ in flat), dtype=np.int32, count=len(flat))
        values = np.fromiter((v for _, v in flat), dtype=np.float32, count=len(flat))
        return cls(ptr, ids, values)

    @classmethod
    def of(cls, keys: np.ndarray, ids: np.ndarray, values: np.ndarray, size: int) -> _Csr:
        """Postings from parallel arrays: each row in ascending ``ids``."""
        ptr = np.zeros(size + 1, dtype=np.int64)
        np.cumsum(np.bincount(keys, minlength=size)[:size], out=ptr[1:])
        ids = np.asarray(ids, dtype=np.int32)
        values = np.asarray(values, dtype=np.float32)
        if len(keys) < 2:
            return cls(ptr, ids, values)
        ascending_ids = np.all(ids[1:] >= ids[:-1])
        step = keys[1:] - keys[:-1]
        if np.all(step >= 0) and (ascending_ids or np.all((step > 0) | (ids[1:] >= ids[:-1]))):
            return cls(ptr, ids.copy(), values.copy())  # already in order
        # In ascending ids, a stable sort by key alone gives the same order (far faster).
        order = np.argsort(keys, kind="stable") if ascending_ids else np.lexsort((ids, keys))
        return cls(ptr, ids[order], values[order])

    def row(self, key: int) -> tuple[np.ndarray, np.ndarray]:
        start, end = self.ptr[key], self.ptr[key + 1]
        return self.ids[start:end], self.values[start:end]

    def rows(self, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The rows of ``keys`` one after another: their ids, their values, and for each
        the position in ``keys`` of the key it belongs to."""
        starts = self.ptr[keys]
        lengths = self.ptr[keys + 1] - starts
        owner = np.repeat(np.arange(len(keys)), lengths)
        first = np.cumsum(lengths) - lengths  # where each row begins in the result
        positions = np.arange(int(lengths.sum())) + (starts - first)[owner]
        return self.ids[positions], self.values[positions], owner


def _pack(strings: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Many strings as one UTF-8 byte array plus offsets (compact, and no pickle on disk)."""
    encoded = [s.encode() for s in strings]
    offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
    np.cumsum([len(e) for e in encoded], out=offsets[1:])
    return np.frombuffer(b"".join(encoded), dtype=np.uint8), offsets


def _unpack(
    blob: np.ndarray, offsets: np.ndarray, start: int = 0, end: int | None = None
) -> list[str]:
    end = len(offsets) - 1 if end is None else end
    data = blob[offsets[start] : offsets[end]].tobytes()
    bounds = (offsets[start : end + 1] - offsets[start]).tolist()  # plain ints: fast to slice by
    return [data[a:b].decode() for a, b in itertools.pairwise(bounds)]


class _TermTable:
    """Term to term number for a small index, as sorted 64-bit hashes of the terms: far less
    memory than a dictionary of strings when many small indexes are held at once."""

    __slots__ = ("_hashes", "_numbers")

    def __init__(self, hashes: np.ndarray, numbers: np.ndarray) -> None:
        self._hashes, self._numbers = hashes, numbers

    @staticmethod
    def arrays(terms: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """The sorted hashes of ``terms`` and each one's term number."""
        hashes = np.fromiter((_term_hash(t) for t in terms), dtype=np.uint64, count=len(terms))
        order = np.argsort(hashes, kind="stable")
        return hashes[order], order.astype(np.int32)

    def get(self, term: str) -> int | None:
        key = np.uint64(_term_hash(term))
        at = int(np.searchsorted(self._hashes, key))
        if at < len(self._hashes) and self._hashes[at] == key:
            return int(self._numbers[at])
        return None

    def __len__(self) -> int:
        return len(self._hashes)


def _term_hash(term: str) -> int:
    return int.from_bytes(hashlib.blake2b(term.encode(), digest_size=8).digest(), "little")


_EMPTY_I64 = np.zeros(0, dtype=np.int64)


@dataclass(frozen=True, slots=True)
class _Analysed:
    """Playbooks' texts ("units") analysed, in flat arrays.

    ``terms`` lists the distinct terms in the order the texts first use them; ``numbers``
    holds every unit's terms as places in ``terms``, one unit after another, ``counts`` how
    many each unit has; ``texts`` the units' normalised texts as UTF-8, ``lengths`` their
    sizes; ``kinds`` each unit's field weight; ``units`` each playbook's number of units.
    """

    terms: list[str]
    numbers: np.ndarray
    counts: np.ndarray
    texts: bytes | bytearray
    lengths: np.ndarray
    kinds: np.ndarray
    units: np.ndarray


class _Numbering(dict[str, int]):
    """Each key's number, given in the order keys are first asked for."""

    def __missing__(self, key: str) -> int:
        number = self[key] = len(self)
        return number


class IndexTexts:
    """Playbooks' match texts gathered for an index build, as the playbooks come.

    Each text is kept as the string comparison reads it (normalised, in one buffer) and as
    the numbers of its words, so that many are held in little memory and each is split into
    words once. When all are in, and so the vocabulary that typos are corrected towards is
    known, :meth:`analysed` reads each distinct word once; a text whose words start no
    phrase and negate nothing is then its words' terms, without a reading of its own.
    ``analyzer`` is read here only for its symbols (emoji read as words).
    """

    def __init__(self, analyzer: Analyzer) -> None:
        self._analyzer = analyzer
        self._empty()

    def _empty(self) -> None:
        self.ids: list[str] = []
        self.titles: list[str] = []
        self._numbering = _Numbering()
        self._words, self._sizes = array("i"), array("i")
        self._texts, self._lengths = bytearray(), array("i")
        self._kinds, self._units = array("d"), array("i")
        # The texts whose symbols were read as words: their words as written (which the
        # vocabulary counts) and as kept (which it does not).
        self._written: Counter[str] = Counter()
        self._rewritten: Counter[str] = Counter()

    def __len__(self) -> int:
        return len(self.ids)

    def add(self, entry: MatchEntry) -> None:
        """Gather one playbook's texts."""
        self.ids.append(entry.id)
        self.titles.append(entry.title)
        texts = []
        for kind, text in entry.texts():
            self._kinds.append(FIELD_WEIGHTS[kind])
            texts.append(text)
        self._units.append(len(texts))
        together = normalise_all(texts) if not self._analyzer.has_symbols("".join(texts)) else None
        if together is None:  # symbols to read as words, or an unusual character
            for text in texts:
                self._add(normalise(text), self._analyzer.without_symbols(text))
            return
        normal, words = together
        encoded = normal.encode()
        self._lengths.extend(map(len, encoded.split(TEXT_BREAK.encode())))
        self._texts += encoded.replace(TEXT_BREAK.encode(), b"")
        self._words.extend(map(self._numbering.__getitem__, itertools.chain.from_iterable(words)))
        self._sizes.extend(map(len, words))

    def _add(self, normal: str, plain: str) -> None:
        """Gather one text, normalised, and as its symbols read (``plain``)."""
        encoded = normal.encode()
        self._texts += encoded
        self._lengths.append(len(encoded))
        written = normalised_tokens(normal)
        kept = tokens(plain)
        if kept != written:
            self._written.update(written)
            self._rewritten.update(kept)
        self._words.extend(map(self._numbering.__getitem__, kept))
        self._sizes.append(len(kept))

    def vocabulary(self) -> dict[str, int]:
        """The words of the texts as written, with how often they are used (as
        :meth:`Analyzer.learn` counts them)."""
        counts = np.bincount(_numbers(self._words), minlength=len(self._numbering)).tolist()
        known = dict(zip(self._numbering, counts, strict=True))
        for word, count in self._rewritten.items():
            known[word] -= count
        for word, count in self._written.items():
            known[word] = known.get(word, 0) + count
        return {word: count for word, count in known.items() if count}

    def analysed(self, analyzer: Analyzer) -> _Analysed:
        """Every text's terms, as ``analyzer`` reads them (exactly :meth:`Analyzer.terms`).
        What was gathered goes with the result: these texts are empty again after it."""
        term_number = _Numbering()
        # Each distinct word read once. A word that is one plain word and no negation stands
        # for its term (or for nothing: a stop word) unless a phrase starts with it.
        readings = [
            [analyzer.reading(w) for w in analyzer.expanded(word)] for word in self._numbering
        ]
        plain = np.zeros(len(readings), dtype=bool)
        term_of = np.full(len(readings), -1, dtype=np.int32)
        stem_of: list[str] = []
        for number, read in enumerate(readings):
            stem_of.append(read[0][0] if len(read) == 1 else "")
            if len(read) == 1 and read[0][1] not in analyzer.negations:
                plain[number] = True
                if read[0][1]:
                    term_of[number] = term_number[read[0][1]]
        said = _numbers(self._words)
        sizes = _numbers(self._sizes)
        text_of = np.repeat(np.arange(len(sizes), dtype=np.int32), sizes)
        # The texts read word by word, as a query is: where a word is not plain, or a phrase
        # may stand. Every other text is its words' terms, stop words left out.
        by_word = np.zeros(len(sizes), dtype=bool)
        by_word[text_of[~plain[said]]] = True
        by_word[text_of[analyzer.phrase_places(stem_of, said, text_of)]] = True
        said_terms = term_of[said]
        kept = (said_terms >= 0) & ~by_word[text_of]
        values, owners = said_terms[kept], text_of[kept]
        del said_terms
        worded = np.flatnonzero(by_word)
        read_values, read_counts = array("i"), array("i")
        starts = _offsets([sizes])
        bounds = zip(starts[worded].tolist(), starts[worded + 1].tolist(), strict=True)
        for start, end in bounds:
            read = [r for w in said[start:end].tolist() for r in readings[w]]
            terms = analyzer.fold(read, [stem for stem, _, _ in read])
            read_values.extend(map(term_number.__getitem__, terms))
            read_counts.append(len(terms))
        owner = np.concatenate([owners, np.repeat(worded.astype(np.int32), _numbers(read_counts))])
        order = np.argsort(owner, kind="stable")  # each text's terms, texts in order
        flat = np.concatenate([values, _numbers(read_values)])[order]
        # Terms numbered in the order the texts first use them.
        distinct, first = np.unique(flat, return_index=True)
        by_first = distinct[np.argsort(first)]
        place = np.zeros(len(term_number), dtype=np.int32)
        place[by_first] = np.arange(len(by_first), dtype=np.int32)
        names = list(term_number)
        analysed = _Analysed(
            [names[n] for n in by_first.tolist()],
            place[flat],
            np.bincount(owner, minlength=len(sizes)).astype(np.int32),
            self._texts,
            _numbers(self._lengths),
            _numbers(self._kinds),
            _numbers(self._units),
        )
        self._empty()
        return analysed


#: Playbooks whose texts are kept decoded for string comparison (the most recently used).
DECODED_TEXTS = 2048
#: Bump when the index layout or the way terms are made changes: saved indexes are rebuilt.
INDEX_VERSION = 5


def _numbers(values: array) -> np.ndarray:
    """An ``array.array`` as a numpy array of the same type (without a copy)."""
    dtype = np.dtype(values.typecode)
    return np.frombuffer(values, dtype=dtype) if values else np.zeros(0, dtype=dtype)


def _offsets(sizes: list[np.ndarray]) -> np.ndarray:
    """Where each of many consecutive pieces starts, and where the last one ends, given
    their sizes (in several arrays, one after another)."""
    flat = np.concatenate([_EMPTY_I64, *sizes])
    offsets = np.zeros(len(flat) + 1, dtype=np.int64)
    np.cumsum(flat, out=offsets[1:])
    return offsets


def _in_one_buffer(arrays: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The same arrays as views of one buffer. A small index among many (a server's) is
    otherwise some thirty small allocations, scattered among the build's freed temporaries:
    held by the thousand, that costs more memory than their contents."""
    layout, size = [], 0
    for name, values in arrays.items():
        size = -(-size // 8) * 8  # each array starts 8-aligned
        layout.append((name, values, size))
        size += values.nbytes
    buffer = np.empty(max(size, 1), dtype=np.uint8)
    packed = {}
    for name, values, offset in layout:
        view = np.frombuffer(buffer, dtype=values.dtype, count=values.size, offset=offset)
        view[:] = values.ravel()
        packed[name] = view.reshape(values.shape)
    return packed


def _firsts(ordered: np.ndarray) -> np.ndarray:
    """Where each run of equal values starts in a sorted array."""
    starts = np.empty(len(ordered), dtype=bool)
    if len(ordered):
        starts[0] = True
        np.not_equal(ordered[1:], ordered[:-1], out=starts[1:])
    return starts


def _unique(keys: np.ndarray) -> np.ndarray:
    """The distinct values of ``keys``, sorted: what ``np.unique`` gives, by one plain sort
    (many times faster than ``np.unique`` on millions of keys)."""
    ordered = np.sort(keys)
    return ordered[_firsts(ordered)]


def _unique_in_place(keys: np.ndarray) -> np.ndarray:
    """:func:`_unique` of an array no one else uses: sorted where it is, no copy made."""
    keys.sort()
    return keys[_firsts(keys)]


def _unique_inverse(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``np.unique(keys, return_inverse=True)``: the sorted distinct values, and the place of
    each key among them."""
    order = np.argsort(keys)
    ordered = keys[order]
    starts = _firsts(ordered)
    inverse = np.empty(len(keys), dtype=np.intp)
    inverse[order] = np.cumsum(starts) - 1
    return ordered[starts], inverse


def _random_access(array: np.ndarray) -> np.ndarray:
    """Tell the kernel a mapped array is read at random: no read-ahead around each page
    touched, so memory holds only the pages queries actually use."""
    mapped = getattr(array, "_mmap", None)
    if mapped is not None and hasattr(mapped, "madvise"):
        with contextlib.suppress(OSError, ValueError):
            mapped.madvise(mmap.MADV_RANDOM)
    return array


def _word_sets(texts: Iterable[str]) -> list[str]:
    """Each distinct set of words among ``texts``, sorted, joined by single spaces; none for
    a text without words.

    rapidfuzz splits words where Python does, but for the next-line character and the no-break
    space, which it takes for spaces only in a text that also holds characters beyond U+00FF:
    a text with either is kept as it is.
    """
    sets = dict.fromkeys(
        text if "\x85" in text or "\xa0" in text else " ".join(sorted(set(text.split())))
        for text in texts
    )
    return [text for text in sets if text]


#: Characters counted apart in a text's letter counts: each small letter, all digits, the
#: apostrophe, and everything else (any grouping gives a bound; a finer one a closer one).
#: The space gets a group of its own, then is left out.
_LETTER_GROUPS = 29
_GROUP_OF = np.full(128, _LETTER_GROUPS - 1, dtype=np.intp)
_GROUP_OF[np.frombuffer(b"abcdefghijklmnopqrstuvwxyz", dtype=np.uint8)] = np.arange(26)
_GROUP_OF[np.frombuffer(b"0123456789", dtype=np.uint8)] = 26
_GROUP_OF[ord("'")] = 27
_GROUP_OF[ord(" ")] = _LETTER_GROUPS
#: Shared words and their lengths are summed as one number: the count in the low bits.
_COUNT_BITS = 20
#: Room left for rounding when bounds are compared (scores run from 0 to 100).
_SLACK = 1e-6


def _letter_counts(texts: Sequence[str]) -> np.ndarray:
    """How many characters of each group each text has, a column per text."""
    joined = "".join(texts)
    if joined.isascii():
        groups = _GROUP_OF[np.frombuffer(joined.encode(), dtype=np.uint8)]
    else:
        codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
        groups = _GROUP_OF[np.minimum(codes, 127)]
        groups[codes > 127] = _LETTER_GROUPS - 1
    width = _LETTER_GROUPS + 1
    row = np.repeat(np.arange(len(texts)), [len(text) for text in texts])
    counts = np.bincount(row * width + groups, minlength=len(texts) * width)
    return np.ascontiguousarray(counts.reshape(len(texts), width)[:, :_LETTER_GROUPS].T)


@dataclass(frozen=True, slots=True)
class _WordBounds:
    """A playbook's texts with what bounds their ``fuzz.token_set_ratio`` to any query: per
    text (each a set of words, sorted and joined by spaces) its words as numbers in
    ``numbers``, one text after another, how many it has, its length and its letter counts.
    """

    texts: list[str]
    numbers: dict[str, int]
    words: np.ndarray
    counts: np.ndarray
    lengths: np.ndarray
    letters: np.ndarray

    @classmethod
    def of(cls, texts: list[str]) -> _WordBounds | None:
        """Bounds for ``texts`` as :func:`_word_sets` gives them; None if any is kept as
        written (its words are not split as Python splits them)."""
        if any("\x85" in text or "\xa0" in text for text in texts):
            return None
        numbers: dict[str, int] = {}
        words, counts = array("i"), array("q")
        for text in texts:
            listed = text.split(" ")
            words.extend([numbers.setdefault(word, len(numbers)) for word in listed])
            counts.append(len(listed))
        lengths = np.asarray([len(text) for text in texts], dtype=np.int64)
        letters = _letter_counts(texts)
        return cls(texts, numbers, _numbers(words), _numbers(counts), lengths, letters)

    def reaching(self, query: str, floor: float) -> list[str]:
        """The texts whose similarity to ``query`` may reach ``floor`` (0..100) and the best
        that some text is sure to score: all others score below one or the other, so the best
        of these is the best of all when that reaches ``floor``. (A query without words scores
        0 against every text, and gets none.)

        For the query's words ``A`` and a text's ``B``, rapidfuzz scores 100 when they share a
        word and one holds the other. Otherwise it takes the best of three similarities, each
        ``100 - 100 * d / n`` for an edit distance ``d`` (insertions and deletions) between two
        strings of lengths summing to ``n``, made of sorted words joined by spaces: the shared
        words ``S`` against ``S`` and ``A``'s own words, the same with ``B``'s own words, and
        ``S`` and ``A``'s own against ``S`` and ``B``'s own. The first two follow from lengths
        alone: with ``s`` the shared words' lengths plus one each, the better is ``200 * (s -
        1) / (s - 1 + min(|A|, |B|))`` (``|X|`` the length of ``X`` joined). In the third, the
        distance is that between the two sides' own words, their lengths' sum less twice the
        length of their longest common subsequence, which holds no more of a kind of character
        than both have (the shared words hold the same in both) and no more spaces than the
        fewer words have between them: it is at most ``200 * (m + min(#A, #B) - 1) / (|A| +
        |B|)``, with ``#X`` the number of words in ``X`` and ``m`` the characters of each kind
        the two have in common.
        """
        if "\x85" in query or "\xa0" in query:
            return self.texts  # words perhaps not split as Python splits them: no bounds
        query_words = set(query.split())
        if not query_words or not self.texts:
            return []  # rapidfuzz scores nothing against a text without words
        value = np.zeros(len(self.numbers), dtype=np.int64)
        for word in query_words:
            number = self.numbers.get(word)
            if number is not None:
                value[number] = ((len(word) + 1) << _COUNT_BITS) + 1
        starts = np.cumsum(self.counts) - self.counts
        shared = np.add.reduceat(value[self.words], starts)
        together = shared & ((1 << _COUNT_BITS) - 1)  # how many words A and B share
        size = np.maximum((shared >> _COUNT_BITS) - 1, 0)  # s - 1 (0 when none are shared)
        joined = " ".join(query_words)
        least = 200.0 * size / (size + np.minimum(self.lengths, len(joined)))
        fewer = np.minimum(self.counts, len(query_words))
        least[(together == fewer) & (together > 0)] = 100.0  # one holds the other
        query_letters = _letter_counts([joined])
        common = np.minimum(self.letters, query_letters).sum(axis=0)
        most = 200.0 * (common + fewer - 1) / (self.lengths + len(joined))
        # ``least`` is what the first two similarities give, so no text scores below it.
        floor = max(floor, float(least.max())) - _SLACK
        chosen = np.flatnonzero((most >= floor) | (least >= floor))
        return [self.texts[i] for i in chosen.tolist()]


class _Arrays:
    """An index's arrays as a build makes them: kept, or written into a folder at once.

    Written, each goes into a new folder beside ``save_to``, which takes its place once all
    are there (as :meth:`MatchIndex.save` does).
    """

    def __init__(self, save_to: Path | None) -> None:
        self.kept: dict[str, np.ndarray] = {}
        self._save_to = save_to
        self._folder: Path | None = None
        if save_to is not None:
            save_to.parent.mkdir(parents=True, exist_ok=True)
            self._folder = Path(tempfile.mkdtemp(prefix=".index-", dir=save_to.parent))

    def __setitem__(self, name: str, array: np.ndarray) -> None:
        if self._folder is None:
            self.kept[name] = array
        else:
            np.save(self._folder / f"{name}.npy", array, allow_pickle=False)

    def index(self) -> MatchIndex:
        """The index made: its arrays, or the saved index mapped."""
        if self._folder is None or self._save_to is None:
            return MatchIndex(self.kept)
        os.replace(self._folder, self._save_to)
        self._folder = None
        index = MatchIndex.load(self._save_to)
        if index is None:
            raise OSError(f"the index saved in {self._save_to} cannot be read back")
        return index

    def discard(self) -> None:
        """Remove what was written, unless it became the index."""
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)


class MatchIndex:
    """Everything a query needs, precomputed into flat arrays that can be saved and loaded.

    Per term: the playbooks it occurs in (with their TF-IDF weight) and the texts ("units") it
    occurs in; per word pair (one number, sorted for binary search): the units; per unit: its
    norm, weight and normalised string for rapidfuzz. A query touches only the postings of its
    own terms, so its cost grows with how common its words are, not with the number of
    playbooks.
    """

    def __init__(self, arrays: dict[str, np.ndarray]) -> None:
        self.arrays = arrays
        self.ids = _unpack(arrays["id_blob"], arrays["id_offsets"])
        self.titles = _unpack(arrays["title_blob"], arrays["title_offsets"])
        self.terms: dict[str, int] | _TermTable
        #: How many playbooks' decoded texts are kept (none in a small index among many).
        self.decoded_texts = DECODED_TEXTS
        if "term_hashes" in arrays:
            self.terms = _TermTable(arrays["term_hashes"], arrays["term_numbers"])
            self.decoded_texts = 0
        else:
            self.terms = {
                t: i for i, t in enumerate(_unpack(arrays["term_blob"], arrays["term_offsets"]))
            }
        self.pair_keys = arrays["pair_keys"]
        self.idf = arrays["idf"]
        self.entry_postings = _Csr(arrays["entry_ptr"], arrays["entry_ids"], arrays["entry_values"])
        self.unit_postings = _Csr(arrays["unit_ptr"], arrays["unit_ids"], arrays["unit_values"])
        self.pair_postings = _Csr(arrays["pair_ptr"], arrays["pair_ids"], arrays["pair_values"])
        self.unit_norms = arrays["unit_norms"]
        self.unit_weights = arrays["unit_weights"]
        self.unit_starts = arrays["unit_starts"]
        self.off_topic = int(arrays["off_topic"][0])
        self._texts: dict[int, list[str]] = {}
        self._off_topic_bounds: _WordBounds | None = None
        self.unknown_idf = float(arrays["unknown_idf"][0])

    def weight(self, term: str) -> float:
        """The IDF weight of ``term`` in this index (an unknown term weighs the most)."""
        number = self.terms.get(term)
        return self.unknown_idf if number is None else float(self.idf[number])

    @property
    def vocabulary(self) -> dict[str, int]:
        """The words the indexed texts use, with counts: typos are corrected towards them."""
        words = _unpack(self.arrays["vocabulary_blob"], self.arrays["vocabulary_offsets"])
        return dict(zip(words, self.arrays["vocabulary_counts"].tolist(), strict=True))

    def unit_texts(self, entry: int) -> list[str]:
        """The texts of one playbook as the string comparison reads them (recent ones kept).

        ``fuzz.token_set_ratio`` reads a text as the set of its words: each distinct set is
        given once, its words sorted and joined by single spaces, which scores the same and
        leaves rapidfuzz less to do; a text without words (which scores 0) is left out. A small
        index among many keeps none, and gives its normalised texts as they are.
        """
        texts = self._texts.get(entry)
        if texts is None:
            start, end = int(self.unit_starts[entry]), int(self.unit_starts[entry + 1])
            texts = _unpack(self.arrays["text_blob"], self.arrays["text_offsets"], start, end)
            if not self.decoded_texts:
                return texts
            texts = _word_sets(texts)
            if len(self._texts) >= self.decoded_texts:
                self._texts.pop(next(iter(self._texts)))
            self._texts[entry] = texts
        return texts

    def off_topic_bounds(self) -> _WordBounds | None:
        """The off-topic questions' texts with their bounds (None when not kept)."""
        if self._off_topic_bounds is None and self.off_topic >= 0 and self.decoded_texts:
            self._off_topic_bounds = _WordBounds.of(self.unit_texts(self.off_topic))
        return self._off_topic_bounds

    @classmethod
    def build(
        cls,
        entries: Iterable[MatchEntry] | IndexTexts,
        analyzer: Analyzer,
        off_topic: Sequence[str] = (),
        *,
        statistics: MatchIndex | None = None,
        save_to: Path | None = None,
    ) -> MatchIndex:
        """Analyse and index ``entries`` (plus the off-topic pseudo-playbook, if given).

        ``entries`` may come gathered already, as :class:`IndexTexts` (made with
        ``analyzer``'s lexicon), which then goes with the build. Each text's terms are kept as
        term numbers in flat arrays, and the postings are made by sorting those arrays, so a
        large set is indexed in little memory.

        With ``statistics`` (a larger index, such as the shipped set's), terms are weighted by
        that index's IDF rather than by their frequency among ``entries``, a term it does not
        know weighs what an unknown query word weighs there, and ``analyzer`` learns nothing:
        a small index built so scores alongside ``statistics`` on the same scale. Otherwise
        ``analyzer`` learns the words of the texts, as typos are corrected towards.

        With ``save_to`` (not with ``statistics``), the index is saved there as :meth:`save`
        saves it, each array written as soon as it is made (and then let go), and the saved
        index is returned mapped as :meth:`load` maps it: a large build then never holds all
        its arrays at once.
        """
        if save_to is not None and statistics is not None:
            raise ValueError("an index built with another's statistics is not saved as made")
        out = _Arrays(save_to)
        try:
            cls._build(entries, analyzer, off_topic, statistics, out)
            return out.index()
        finally:
            out.discard()

    @classmethod
    def _build(
        cls,
        entries: Iterable[MatchEntry] | IndexTexts,
        analyzer: Analyzer,
        off_topic: Sequence[str],
        statistics: MatchIndex | None,
        out: _Arrays,
    ) -> None:
        if isinstance(entries, IndexTexts):
            texts = entries
        else:
            texts = IndexTexts(analyzer)
            for entry in entries:
                texts.add(entry)
        off_topic_index = -1
        if off_topic:
            off_topic_index = len(texts)
            texts.add(MatchEntry(OFF_TOPIC, "", "", tuple(off_topic)))
        if statistics is None:
            analyzer.learn_words(texts.vocabulary())

        # Every text ("unit") as term numbers, the terms numbered in the order first used.
        # Each array is let go as soon as it has been used: a large set's build is a few big
        # arrays at a time, not all of them at once.
        names = {"id": _pack(texts.ids), "title": _pack(texts.titles)}
        analysed = texts.analysed(analyzer)
        del texts
        term_ids = {term: number for number, term in enumerate(analysed.terms)}
        terms_flat = analysed.numbers
        ptr = _offsets([analysed.counts])
        per_entry = analysed.units
        unit_starts = _offsets([per_entry])
        unit_text_offsets = _offsets([analysed.lengths])
        kind_weight = analysed.kinds
        unit_texts = analysed.texts
        del analysed
        out["unit_weights"] = np.minimum(kind_weight, 1.2).astype(np.float32)
        out["unit_starts"] = unit_starts
        out["text_blob"] = np.frombuffer(unit_texts, dtype=np.uint8)
        out["text_offsets"] = unit_text_offsets
        del unit_starts, unit_texts, unit_text_offsets
        count = len(names["id"][1]) - 1
        width = max(len(term_ids), 1)
        units = len(kind_weight)
        entry_of_unit = np.repeat(np.arange(count, dtype=np.int32), per_entry)
        owner = np.repeat(np.arange(units, dtype=np.int32), np.diff(ptr))

        # Word pairs, each once per unit, keyed by one number.
        starts, ends = ptr[:-1], ptr[1:]
        has_next = np.ones(len(terms_flat), dtype=bool)
        has_next[(ends - 1)[ends > starts]] = False
        firsts = np.nonzero(has_next)[0]
        del has_next, starts, ends
        pair_unit = terms_flat[firsts].astype(np.int64)
        pair_unit *= width
        pair_unit += terms_flat[firsts + 1]
        pair_unit *= units
        pair_unit += owner[firsts]
        del firsts
        pair_unit = _unique_in_place(pair_unit)
        # Sorted, so each pair's units are together and in order: its rank is a running count.
        pair_number = pair_unit // units
        pair_starts = _firsts(pair_number)
        pair_keys = pair_number[pair_starts]
        pair_rank = np.cumsum(pair_starts) - 1
        del pair_number, pair_starts
        pair_postings = _Csr.of(
            pair_rank,
            (pair_unit % units).astype(np.int32),
            np.full(len(pair_unit), PAIR_BONUS),
            len(pair_keys),
        )
        del pair_unit, pair_rank
        out["pair_keys"] = pair_keys.astype(np.int64)
        out["pair_ptr"] = pair_postings.ptr
        out["pair_ids"] = pair_postings.ids
        out["pair_values"] = pair_postings.values
        del pair_keys, pair_postings

        # Each term once per unit: the (term, unit) postings, term by term, units in order.
        unit_key = terms_flat.astype(np.int64)
        del terms_flat
        unit_key *= units
        unit_key += owner
        del owner
        unit_key = _unique_in_place(unit_key)
        unit_term = unit_key // units
        unit_of = (unit_key % units).astype(np.int32)
        del unit_key
        if statistics is None:
            # Document frequency: each term once per playbook. Units run in playbook order, so
            # the keys come sorted: the first of each run of equal keys is a distinct one.
            entry_key = unit_term * count
            entry_key += entry_of_unit[unit_of]
            entry_key = entry_key[_firsts(entry_key)]
            entry_key //= count
            document_frequency = np.bincount(entry_key, minlength=len(term_ids))
            del entry_key
            idf = np.log((count + 1) / (document_frequency.astype(np.float64) + 0.5)) + 0.5
            unknown_idf = math.log(count + 1) + 1.0
        else:
            idf = np.asarray([statistics.weight(term) for term in term_ids], dtype=np.float64)
            unknown_idf = statistics.unknown_idf
        unit_idf = idf[unit_term]
        unit_postings = _Csr.of(unit_term, unit_of, unit_idf, len(term_ids))
        unit_idf **= 2
        unit_norms = np.sqrt(np.bincount(unit_of, weights=unit_idf, minlength=units))
        del unit_idf
        unit_norms[unit_norms == 0] = 1.0
        out["idf"] = idf.astype(np.float32)
        out["unit_ptr"] = unit_postings.ptr
        out["unit_ids"] = unit_postings.ids
        out["unit_values"] = unit_postings.values
        out["unit_norms"] = unit_norms.astype(np.float32)
        del unit_postings, unit_norms
        # Each playbook's TF-IDF profile: a term's weight is the sum over its units' kinds.
        pair_entry_term = entry_of_unit[unit_of].astype(np.int64)
        del entry_of_unit
        pair_entry_term *= width
        pair_entry_term += unit_term
        del unit_term
        unit_kind = kind_weight[unit_of]
        del unit_of
        profile_key, where = _unique_inverse(pair_entry_term)
        del pair_entry_term
        frequency = np.bincount(where, weights=unit_kind)
        del where, unit_kind
        profile_entry = profile_key // width
        profile_term = profile_key % width
        del profile_key
        vector = np.log1p(frequency) * idf[profile_term]
        del frequency
        length = np.sqrt(np.bincount(profile_entry, weights=vector**2, minlength=count))
        length[length == 0] = 1.0
        vector /= length[profile_entry]
        entry_postings = _Csr.of(profile_term, profile_entry, vector, len(term_ids))
        del profile_entry, profile_term, vector, length
        out["entry_ptr"] = entry_postings.ptr
        out["entry_ids"] = entry_postings.ids
        out["entry_values"] = entry_postings.values
        del entry_postings

        vocabulary = analyzer.vocabulary() if statistics is None else {}
        out["off_topic"] = np.asarray([off_topic_index], dtype=np.int64)
        out["unknown_idf"] = np.asarray([unknown_idf], dtype=np.float64)
        out["version"] = np.asarray([INDEX_VERSION], dtype=np.int64)
        for name, (blob, offsets) in names.items():
            out[f"{name}_blob"], out[f"{name}_offsets"] = blob, offsets
        strings = {"vocabulary": list(vocabulary)}
        if statistics is None:
            strings["term"] = list(term_ids)
        else:  # a small index among many: its terms as hashes, narrower offsets
            out["term_hashes"], out["term_numbers"] = _TermTable.arrays(list(term_ids))
            for name in ("entry_ptr", "unit_ptr", "pair_ptr", "unit_starts", "text_offsets"):
                out[name] = out.kept[name].astype(np.int32)
        for name, listed in strings.items():
            out[f"{name}_blob"], out[f"{name}_offsets"] = _pack(listed)
        out["vocabulary_counts"] = np.asarray(list(vocabulary.values()), dtype=np.int64)
        if statistics is not None:
            out.kept = _in_one_buffer(out.kept)

    def save(self, folder: Path) -> None:
        """Write the index as a folder of ``.npy`` arrays (no pickled objects), atomically."""
        folder.parent.mkdir(parents=True, exist_ok=True)
        temporary = Path(tempfile.mkdtemp(prefix=".index-", dir=folder.parent))
        try:
            for name, array in self.arrays.items():
                np.save(temporary / f"{name}.npy", array, allow_pickle=False)
            os.replace(temporary, folder)
        finally:
            shutil.rmtree(temporary, ignore_errors=True)

    @classmethod
    def load(cls, folder: Path) -> MatchIndex | None:
        """Map a saved index into memory; None when it is missing, damaged or outdated.

        The arrays are memory-mapped, read-only: the pages a query touches are read from the
        file as needed and shared between processes, so a large index costs little memory.
        """
        try:
            arrays = {
                path.stem: _random_access(np.load(path, mmap_mode="r", allow_pickle=False))
                for path in folder.glob("*.npy")
            }
            if int(arrays["version"][0]) != INDEX_VERSION:
                return None
            return cls(arrays)
        except (OSError, ValueError, KeyError, IndexError):
            return None


class Matcher:
    """Ranks playbooks for a situation described in free text."""

    def __init__(
        self,
        index: MatchIndex,
        analyzer: Analyzer,
        *,
        threshold: float = 32.0,
        long_threshold: float = 30.0,
        margin: float = 0.5,
        off_topic_margin: float = 4.0,
        min_evidence: float = 1.5,
        never_also: Iterable[str] = (),
        model: TermModel | None = None,
    ) -> None:
        self.index = index
        #: The learned second opinion for exactly this index's playbooks, if there is one.
        self.model = model
        # Situations never offered as "also": messages the seller sends unprompted (a shipped
        # notice, a check-in) are not something a customer's message can also be about.
        excluded = set(never_also)
        self._never_also = frozenset(i for i, id_ in enumerate(index.ids) if id_ in excluded)
        self.min_evidence = min_evidence
        self.analyzer = analyzer
        self.threshold = threshold
        # A long message read sentence by sentence scores lower than a short description.
        self.long_threshold = long_threshold
        self.margin = margin
        self.off_topic_margin = off_topic_margin
        self._layer: _Layer | None = None

    @classmethod
    def build(
        cls,
        entries: Iterable[MatchEntry | Playbook],
        analyzer: Analyzer,
        *,
        off_topic: Sequence[str] = (),
        never_also: Iterable[str] = (),
    ) -> Matcher:
        """Index ``entries`` and return a matcher over them."""
        listed = [e if isinstance(e, MatchEntry) else MatchEntry.of(e) for e in entries]
        return cls(MatchIndex.build(listed, analyzer, off_topic), analyzer, never_also=never_also)

    def for_server(
        self,
        own: Iterable[MatchEntry | Playbook],
        *,
        hidden: Iterable[str] = (),
        never_also: Iterable[str] = (),
    ) -> Matcher:
        """A matcher over one server's set: these playbooks, plus the shipped ones that are
        neither in ``hidden`` nor overridden by one of ``own`` with the same id.

        The shipped index is shared, never copied or rebuilt: only ``own`` is indexed, with
        this matcher's analyser (which learns nothing from it) and weighted by the shipped
        set's term statistics. The learned model knows only the shipped playbooks, so it has
        no say in a query that one of the server's own playbooks competes for (shares a term
        with): there the scorer ranks alone and the verdict follows its rules, so a shipped
        playbook scores exactly as the scorer scores it without the server's playbooks and a
        copy of one under a new id scores as the original. Other queries are answered exactly
        as in the shipped set. ``never_also`` names the server's playbooks that are messages
        sent unprompted.
        """
        index = self.index
        by_id = {e.id: e if isinstance(e, MatchEntry) else MatchEntry.of(e) for e in own}
        by_id.pop(OFF_TOPIC, None)
        left_out = set(hidden) | by_id.keys()
        offset = len(index.ids)
        seen = np.asarray(
            [id_ not in left_out or i == index.off_topic for i, id_ in enumerate(index.ids)],
            dtype=bool,
        )
        own_index = (
            MatchIndex.build(list(by_id.values()), self.analyzer, statistics=index)
            if by_id
            else None
        )
        layer = _Layer(own_index, offset, seen)
        server = copy.copy(self)
        server._layer = layer
        excluded = set(never_also)
        shipped_never = frozenset(i for i in self._never_also if seen[i])
        server._never_also = shipped_never | frozenset(
            offset + n for n, id_ in enumerate(by_id) if id_ in excluded
        )
        return server

    def without_model(self) -> Matcher:
        """This matcher with the scorer ranking alone (as it does beside a server's own
        playbooks): for comparisons, and the bench's figures without the model."""
        plain = copy.copy(self)
        plain.model = None
        return plain

    def _entry(self, entry: int) -> tuple[MatchIndex, int]:
        """The index that holds ``entry`` (shipped or the server's), and its number there."""
        layer = self._layer
        if layer is not None and layer.index is not None and entry >= layer.offset:
            return layer.index, entry - layer.offset
        return self.index, entry

    def _match(self, entry: int, score: float) -> Match:
        index, number = self._entry(entry)
        return Match(index.ids[number], index.titles[number], round(score, 1))

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def ids(self) -> list[str]:
        """The ids of the playbooks this matcher ranks (shipped first, then a server's own)."""
        layer = self._layer
        if layer is None:
            return [i for i in self.index.ids if i != OFF_TOPIC]
        seen = layer.seen
        shipped = [i for n, i in enumerate(self.index.ids) if i != OFF_TOPIC and seen[n]]
        return shipped + (layer.index.ids if layer.index is not None else [])

    def never_also(self, playbook_id: str) -> bool:
        """Whether ``playbook_id`` is never offered as "also" (a message sent unprompted)."""
        return any(self._match(i, 0.0).id == playbook_id for i in self._never_also)

    def match(self, text: str, *, top: int = 5, partial: bool = False) -> MatchResult:
        """Rank the playbooks for ``text``; at most ``top`` matches, best first.

        A long text (a pasted customer message) is read as a person reads it: sentence by
        sentence. The sentences that clearly describe a situation outweigh greetings, thanks,
        context and sign-offs; the best of them dominates, the whole text adds the rest. A
        sentence that clearly points at another situation is offered as ``also``.

        ``partial`` is for text still being typed: its last word may be unfinished.
        """
        assessed = self._assess(text, partial=partial)
        if assessed is None:
            return MatchResult(text, (), False, off_topic=True)
        scored, off_topic, readings, signals, scorer = assessed
        matches = tuple(self._match(i, score) for i, score in scored[: max(top, 0)])
        confident = self._confident(signals) if signals else False
        also = self._also(scored, readings, scorer)
        off_topic_verdict = not confident and (not scored or scored[0][1] <= off_topic)
        return MatchResult(text, matches, confident, also, off_topic=off_topic_verdict)

    def signals(self, text: str) -> Signals | None:
        """What the verdict on ``text`` is read from (None when nothing matches at all)."""
        assessed = self._assess(text, partial=False)
        return None if assessed is None else assessed[3]

    def _assess(
        self, text: str, *, partial: bool
    ) -> (
        tuple[list[tuple[int, float]], float, list[_Reading], Signals | None, dict[int, float]]
        | None
    ):
        """Every playbook's score, best first; the off-topic questions' score; the sentences
        read on their own; the signals for the verdict (None when nothing scored); and the
        scorer's own scores, before the model's say. None when the text has no terms, or there
        are no playbooks."""
        query = text[:MAX_QUERY_CHARS]
        terms, words = self.analyzer.terms_and_words(query, partial=partial)
        if not terms or not self.index.ids:
            return None
        # The model has no say where a server's own playbooks compete: they are new to it.
        model = None if self._own_compete(terms) else self.model
        candidates = CANDIDATES if model is None else CANDIDATES_WITH_MODEL
        long = not partial and len(terms) >= LONG_TERMS
        # Each part of the scores worked out once per query, however often it is scored.
        worked = _Worked()
        readings = self._readings(query, terms, candidates, worked) if long else []
        # With fewer candidates, what a sentence clearly points at is scored over the whole
        # message too, so that a second problem can be offered ("also").
        told = sorted({r.best for r in readings}) if model is not None else []
        scores, off_topic = self._scored(
            query, terms, readings, told, candidates=candidates, worked=worked
        )
        chances = None
        if model is not None:
            chances = model.probabilities(terms, words)
        scorer_scores, scorer_off_topic = scores, off_topic
        if chances is not None:
            unscored = self._model_candidates(chances, scores)
            if unscored:  # rare: scored again with them among the candidates
                scorer_scores, scorer_off_topic = self._scored(
                    query,
                    terms,
                    readings,
                    sorted({*told, *unscored}),
                    candidates=candidates,
                    worked=worked,
                )
            scores, off_topic = self._with_model(chances, scorer_scores, scorer_off_topic)
        scored = sorted(scores.items(), key=lambda item: item[1], reverse=True)
        if not scored:
            return scored, off_topic, readings, None, scorer_scores
        best = scored[0][0]
        known = sum(self.index.terms.get(t) is not None for t in terms)
        signals = Signals(
            best=scored[0][1],
            runner_up=scored[1][1] if len(scored) > 1 else 0.0,
            off_topic=off_topic,
            evidence=self.evidence(terms, best),
            terms=len(terms),
            known=known / len(terms),
            long=bool(readings),
            chance_best=float(chances[best]) if chances is not None else 0.0,
            chance_off_topic=float(chances[self.index.off_topic]) if chances is not None else 0.0,
            scorer_best=scorer_scores[best],
            scorer_off_topic=scorer_off_topic,
            modelled=chances is not None,
        )
        return scored, off_topic, readings, signals, scorer_scores

    def _scored(
        self,
        query: str,
        terms: list[str],
        readings: list[_Reading],
        extra: Sequence[int] = (),
        *,
        candidates: int,
        worked: _Worked,
    ) -> tuple[dict[int, float], float]:
        """The scorer's scores of the playbooks (``extra`` among the candidates too) and of the
        off-topic questions; in a long message, the whole text's blended with its readings'.
        ``worked``: what scoring this query has worked out so far (used, and added to)."""
        # In a long message the string comparison is made on the sentences that matter.
        scores = dict(
            self._score(
                query,
                terms,
                strings=not readings,
                extra=extra,
                candidates=candidates,
                worked=worked,
            )
        )
        off_topic = scores.pop(self.index.off_topic, 0.0)
        if readings:
            scores, off_topic = self._combine(
                scores, off_topic, readings, extra, candidates, worked
            )
        return scores, off_topic

    def _model_candidates(self, chances: np.ndarray, scores: dict[int, float]) -> list[int]:
        """The playbooks the model rates highly that the scorer did not pick as candidates
        (at most ``MODEL_CANDIDATES``, each at least ``MODEL_CANDIDATE_CHANCE`` likely)."""
        likely = np.argpartition(chances, -MODEL_CANDIDATES)[-MODEL_CANDIDATES:]
        return sorted(
            int(entry)
            for entry in likely
            if chances[entry] >= MODEL_CANDIDATE_CHANCE
            and entry != self.index.off_topic
            and int(entry) not in scores
        )

    def _own_compete(self, terms: list[str]) -> bool:
        """Whether one of a server's own playbooks shares a term with the query (and so is
        among the scored playbooks)."""
        layer = self._layer
        if layer is None or layer.index is None:
            return False
        own_terms = layer.index.terms
        return any(own_terms.get(term) is not None for term in terms)

    def _confident(self, signals: Signals) -> bool:
        """Whether the best playbook can be trusted. Never without specific evidence; then the
        model's calibrated verdict when the model read the query (and never in a near tie with
        the runner-up), else the scorer's rules (a score above the threshold, a lead over the
        runner-up and over the off-topic questions)."""
        if signals.evidence < self.min_evidence:
            return False
        if self.model is not None and signals.modelled:
            lead = signals.best - signals.runner_up
            return lead >= MODEL_MIN_LEAD and self.model.confident(signals)
        return (
            signals.best >= (self.long_threshold if signals.long else self.threshold)
            and signals.best - signals.runner_up >= self.margin
            and signals.best - signals.off_topic >= self.off_topic_margin
        )

    def _with_model(
        self, chances: np.ndarray, scores: dict[int, float], off_topic: float
    ) -> tuple[dict[int, float], float]:
        """The scores with the learned model's say added: its probability for each playbook the
        scorer found (and for the off-topic questions) times ``MODEL_WEIGHT``, the sum scaled
        back to 0..100."""
        scale = 100.0 / (100.0 + MODEL_WEIGHT)

        def blend(score: float, entry: int) -> float:
            return (score + MODEL_WEIGHT * float(chances[entry])) * scale

        blended = {entry: blend(score, entry) for entry, score in scores.items()}
        return blended, blend(off_topic, self.index.off_topic)

    def _readings(
        self, query: str, whole_terms: list[str], candidates: int, worked: _Worked
    ) -> list[_Reading]:
        """The sentences of ``query`` that clearly describe a situation, each with its scores.

        A sentence counts when its best playbook would be a confident answer on its own:
        above the threshold, well clear of the off-topic questions, with specific evidence.
        Greetings, thanks and sign-offs don't; neither does an order number on its own line,
        nor praise ("lovely packaging") while another sentence says what went wrong. The
        term scores of the sentences and of the whole (``whole_terms``) are worked out together.
        """
        pieces = sentences(query)
        if len(pieces) < 2:
            return []
        analysed = [(piece, self.analyzer.terms(piece)) for piece in pieces]
        analysed = [
            (piece, piece_terms) for piece, piece_terms in analysed if len(piece_terms) >= 2
        ]
        self._work_out(worked, [*analysed, (query, whole_terms)], candidates)
        readings: list[_Reading] = []
        polite: list[_Reading] = []
        for piece, terms in analysed:
            scores = dict(
                self._score(piece, terms, strings=False, candidates=candidates, worked=worked)
            )
            off_topic = scores.pop(self.index.off_topic, 0.0)
            if not scores:
                continue
            best = max(scores, key=scores.__getitem__)
            turn = self.analyzer.has_turn(piece)
            if (
                scores[best] >= (TURN_READING_THRESHOLD if turn else READING_THRESHOLD)
                and scores[best] - off_topic
                >= (TURN_OFF_TOPIC_MARGIN if turn else self.off_topic_margin)
                and self.evidence(terms, best) >= self.min_evidence
            ):
                reading = _Reading(piece, terms, scores, off_topic, best)
                (polite if self.analyzer.is_pleasantry(piece) else readings).append(reading)
        # Thanks and praise count only when nothing else in the message describes a situation
        # (a seller who wants to thank a buyer says little else).
        return readings or polite

    def _combine(
        self,
        whole: dict[int, float],
        whole_off_topic: float,
        readings: list[_Reading],
        extra: Sequence[int],
        candidates: int,
        worked: _Worked,
    ) -> tuple[dict[int, float], float]:
        """Blend the whole text's scores with those of the sentences that carry the situation
        read together (the message without its greetings, thanks, context and sign-off)."""
        focus = " ".join(r.sentence for r in readings)
        terms = [t for r in readings for t in r.terms]
        scores = dict(
            self._score(
                focus,
                terms,
                off_topic_strings=False,
                extra=extra,
                candidates=candidates,
                worked=worked,
            )
        )
        focus_off_topic = scores.pop(self.index.off_topic, 0.0)
        focus_weight = 1 - WHOLE_WEIGHT
        combined = {
            entry: WHOLE_WEIGHT * whole.get(entry, 0.0) + focus_weight * scores.get(entry, 0.0)
            for entry in whole.keys() | scores.keys()
        }
        off_topic = WHOLE_WEIGHT * whole_off_topic + (1 - WHOLE_WEIGHT) * focus_off_topic
        return combined, off_topic

    def _also(
        self,
        scored: list[tuple[int, float]],
        readings: list[_Reading],
        scorer: dict[int, float],
    ) -> tuple[Match, ...]:
        """Other situations that a sentence of their own points at clearly, strongest first.

        The sentence must be a strong match for the other situation on its own, lead the main
        situation within that sentence, and the other situation must rank close to the main
        one over the whole message by the ``scorer``'s scores (the model's say, which favours
        one situation, is left out of that comparison), so context ("tracking shows
        delivered" in a message about a chargeback) is not mistaken for a second problem.
        """
        if not scored or not readings:
            return ()
        best = scored[0][0]
        best_score = scorer.get(best, 0.0)
        overall = dict(scored)
        found: dict[int, float] = {}
        for reading in readings:
            other = reading.best
            score = reading.scores[other]
            if (
                other != best
                and other not in self._never_also
                and score >= ALSO_MIN
                and score - reading.scores.get(best, 0.0) >= ALSO_MARGIN
                and scorer.get(other, 0.0) >= ALSO_SHARE * best_score
            ):
                found[other] = max(found.get(other, 0.0), score)
        ranked = sorted(found.items(), key=lambda item: item[1], reverse=True)[:MAX_ALSO]
        return tuple(self._match(i, overall[i]) for i, _ in ranked)

    def evidence(self, terms: list[str], entry: int) -> float:
        """How much specific vocabulary the query shares with one playbook: the summed IDF
        of the query's terms that the playbook uses. One common word ("refund", "money") is
        weak evidence; a rare one ("chargeback") or several together are strong. Numbers are
        no evidence: an order number or a date says nothing about the situation."""
        index, entry = self._entry(entry)
        total = 0.0
        for term in {index.terms.get(t) for t in terms if not t.isdigit()} - {None}:
            ids, _ = index.entry_postings.row(term)
            at = int(np.searchsorted(ids, entry))
            if at < len(ids) and ids[at] == entry:
                total += float(index.idf[term])
        return total

    def _score(
        self,
        query: str,
        terms: list[str],
        *,
        strings: bool = True,
        off_topic_strings: bool = True,
        extra: Sequence[int] = (),
        candidates: int = CANDIDATES,
        worked: _Worked | None = None,
    ) -> list[tuple[int, float]]:
        """Score every playbook that shares a term with the query; ``(index, 0..100)``.

        Without ``strings`` the costly string comparison is left out and the best single
        text's term similarity stands in for it (for the sentences of a long message);
        without ``off_topic_strings``, only for the off-topic questions (the most texts).
        ``extra`` names shipped playbooks to score beside the ``candidates`` the terms choose
        among them (a server's own playbooks choose :data:`CANDIDATES` of their own).

        A server's own playbooks are scored in their own small index with the query weighed
        as for the shipped set, and choose their own candidates for the string comparison, so
        the shipped playbooks' scores do not depend on them. ``worked``: what scoring this
        query has worked out so far (looked up before working anything out, and added to).
        """
        index = self.index
        layer = self._layer
        worked = _Worked() if worked is None else worked
        [(shipped, own)] = self._work_out(worked, [(query, terms)], candidates)
        if shipped is None and own is None:
            return []
        if extra and shipped is not None:
            wanted = np.asarray(extra, dtype=shipped[0].dtype)
            if layer is not None:
                wanted = wanted[layer.seen[wanted]]
            shipped = (_sorted_union(shipped[0], wanted.tolist()), *shipped[1:])
        w_fuzzy = SCORE_WEIGHTS[3]
        normalised = normalise(query)
        known_similarities = worked.similarities

        def compare(part: MatchIndex, entry: int, key: int) -> float:
            found = known_similarities.get((normalised, key))
            if found is None:
                found = known_similarities[normalised, key] = self._fuzzy(normalised, part, entry)
            return found

        def similarity(part: MatchIndex, best_unit: np.ndarray, entry: int, offset: int) -> float:
            if strings:
                return compare(part, entry, offset + entry)
            return min(1.0, float(best_unit[entry]))

        results: list[tuple[int, float]] = []
        for found, part, offset in (
            (shipped, index, 0),
            (own, layer.index if layer else None, layer.offset if layer else 0),
        ):
            if found is None or part is None:
                continue
            reached, lexical, best_unit = found
            results.extend(
                (
                    offset + entry,
                    100.0
                    * (
                        float(lexical[entry]) + w_fuzzy * similarity(part, best_unit, entry, offset)
                    ),
                )
                for entry in reached.tolist()
                if entry != part.off_topic
            )
        if shipped is None or index.off_topic < 0 or index.off_topic not in shipped[0]:
            return results
        _, lexical, best_unit = shipped
        off = index.off_topic
        if not (strings and off_topic_strings):
            ceiling = float(lexical[off]) + w_fuzzy * min(1.0, float(best_unit[off]))
        else:
            # The off-topic pseudo-playbook only decides confidence. When even a perfect
            # string match could not bring it within the margin of the best playbook, its
            # upper bound will do and the costliest comparison (its many texts) is skipped.
            ceiling = float(lexical[off]) + w_fuzzy
            best = max((score for _, score in results), default=0.0) / 100.0
            if ceiling > best - self.off_topic_margin / 100.0:
                if self.model is not None:
                    # The model's calibrated verdict reads the score itself (where it is
                    # within the margin; the upper bound stands for it further off), not only
                    # which side of the margin it falls: compare every text.
                    similarity_off = compare(index, off, off)
                else:
                    similarity_off = self._off_topic_similarity(
                        normalised, index, float(lexical[off]), best
                    )
                ceiling = float(lexical[off]) + w_fuzzy * similarity_off
        results.append((off, 100.0 * ceiling))
        return results

    def _work_out(
        self, worked: _Worked, queries: Sequence[tuple[str, list[str]]], candidates: int
    ) -> list[tuple[_Lexical | None, _Lexical | None]]:
        """The term-based part of the scores of each ``(text, terms)``, in the shipped index
        and in a server's own: what ``worked`` lacks is worked out, all together, and added."""
        keys = [(text, tuple(terms), candidates) for text, terms in queries]
        missing = list(dict.fromkeys(key for key in keys if key not in worked.lexical))
        if missing:
            self._add_lexical(worked, missing, candidates)
        return [worked.lexical[key] for key in keys]

    def _add_lexical(
        self,
        worked: _Worked,
        missing: list[tuple[str, tuple[str, ...], int]],
        candidates: int,
    ) -> None:
        """Work out the term-based part of the scores of the ``missing`` keys of ``worked``."""
        index = self.index
        layer = self._layer
        weighed: list[_Weighed] = []
        own_weighed: list[_Weighed] = []
        for _, terms, _ in missing:
            distinct = list(set(terms))
            known = [index.terms.get(t) for t in distinct]
            unknown = index.unknown_idf
            weights = [(t, float(index.idf[t]) if t is not None else unknown) for t in known]
            norm = math.sqrt(sum(w * w for _, w in weights))
            total = sum(w for _, w in weights)
            weighed.append(_Weighed(terms, weights, norm, total))
            if layer is not None and layer.index is not None:
                own_weights = [
                    (layer.index.terms.get(t), w)
                    for t, (_, w) in zip(distinct, weights, strict=True)
                ]
                own_weighed.append(_Weighed(terms, own_weights, norm, total))
        seen = layer.seen if layer else None
        shipped = self._lexical(index, weighed, seen, candidates=candidates)
        own: list[_Lexical | None] = [None] * len(missing)
        if layer is not None and layer.index is not None:
            own = self._lexical(layer.index, own_weighed, None)
        for key, found, own_found in zip(missing, shipped, own, strict=True):
            worked.lexical[key] = (found, own_found)

    @staticmethod
    def _lexical(
        index: MatchIndex,
        queries: Sequence[_Weighed],
        seen: np.ndarray | None,
        *,
        candidates: int = CANDIDATES,
    ) -> list[_Lexical | None]:
        """The term-based part of the scores of each of ``queries`` in one index: the
        ``candidates`` best for the string comparison (only entries that ``seen`` marks, when
        given; the off-topic questions among them when the query shares a term with them),
        every entry's lexical score and its best single text's similarity. None for a query
        that shares no term with any entry.

        Several queries (the sentences of a long message) are worked out together, as many
        at a time as :data:`LEXICAL_BATCH_UNITS` allows, each exactly as it would be alone.
        """
        units_count = len(index.unit_norms)
        batch = max(1, LEXICAL_BATCH_UNITS // max(units_count, 1))
        found: list[_Lexical | None] = []
        for first in range(0, len(queries), batch):
            found += Matcher._lexical_batch(index, queries[first : first + batch], seen, candidates)
        return found

    @staticmethod
    def _lexical_batch(
        index: MatchIndex, queries: Sequence[_Weighed], seen: np.ndarray | None, candidates: int
    ) -> list[_Lexical | None]:
        """:meth:`_lexical` for a few queries at once: a row of each table per query."""
        entries = len(index.ids)
        units_count = len(index.unit_norms)
        rows = len(queries)
        known = [
            [(term, weight) for term, weight in query.weights if term is not None]
            for query in queries
        ]
        sizes = [len(k) for k in known]
        flat = [pair for k in known for pair in k]
        numbers = np.array([term for term, _ in flat], dtype=np.int64)
        strength = np.array([weight for _, weight in flat], dtype=np.float64)
        one = rows == 1
        # Each known term's query's norm and total (one query's own: plain numbers), and the
        # query it belongs to (needed only among several).
        norms: float | np.ndarray = queries[0].norm
        totals: float | np.ndarray = queries[0].total
        row_of = np.zeros(0, dtype=np.intp)
        if not one:
            norms = np.repeat([query.norm for query in queries], sizes)
            totals = np.repeat([query.total for query in queries], sizes)
            row_of = np.repeat(np.arange(rows), sizes)

        def cells(
            ids: np.ndarray, row_of_key: np.ndarray, owner: np.ndarray, width: int
        ) -> np.ndarray:
            """Where each posting adds in a table of a row of ``width`` cells per query."""
            return ids if one else row_of_key[owner] * width + ids

        entry_ids, values, owner = index.entry_postings.rows(numbers)
        at = cells(entry_ids, row_of, owner, entries)
        profile = np.bincount(
            at, weights=values * (strength / norms)[owner], minlength=rows * entries
        )
        profile = profile.astype(np.float32).reshape(rows, entries)
        coverage = np.bincount(at, weights=(strength / totals)[owner], minlength=rows * entries)
        coverage = coverage.astype(np.float32).reshape(rows, entries)
        unit_ids, idfs, owner = index.unit_postings.rows(numbers)
        units = np.bincount(
            cells(unit_ids, row_of, owner, units_count),
            weights=idfs * strength[owner],
            minlength=rows * units_count,
        )
        units = units.astype(np.float32).reshape(rows, units_count)
        # Each query's norm as a float32 times the index's, as one query's own number gives
        # (a query without terms has no units to divide, and nothing to divide by).
        unit_norms = [query.norm or 1.0 for query in queries]
        units /= (
            unit_norms[0] if one else np.asarray(unit_norms, dtype=np.float32)[:, np.newaxis]
        ) * index.unit_norms
        width = len(index.terms)
        pair_rows: list[int] = []
        pair_keys: list[int] = []
        for row, query in enumerate(queries):
            term_numbers = [index.terms.get(t) for t in query.terms]
            keys = {
                first * width + second
                for first, second in itertools.pairwise(term_numbers)
                if first is not None and second is not None
            }
            pair_keys.extend(keys)
            if not one:
                pair_rows.extend([row] * len(keys))
        if pair_keys:
            wanted = np.asarray(pair_keys, dtype=np.int64)
            found = np.searchsorted(index.pair_keys, wanted)
            inside = found < len(index.pair_keys)
            found, wanted = found[inside], wanted[inside]
            matched = index.pair_keys[found] == wanted
            found = found[matched]
            wanted_rows = row_of  # unread for one query
            if not one:
                wanted_rows = np.asarray(pair_rows, dtype=np.intp)[inside][matched]
            if found.size:
                pair_units, bonus, owner = index.pair_postings.rows(found)
                bonuses = np.bincount(
                    cells(pair_units, wanted_rows, owner, units_count),
                    weights=bonus,
                    minlength=rows * units_count,
                )
                units += bonuses.astype(np.float32).reshape(rows, units_count)
        np.minimum(units, 1.0, out=units)
        units *= index.unit_weights
        best_unit = np.maximum.reduceat(units, index.unit_starts[:-1], axis=1)
        w_profile, w_unit, w_coverage, _ = SCORE_WEIGHTS
        lexical = w_profile * profile + w_unit * best_unit + w_coverage * coverage
        off = index.off_topic
        if off >= 0:
            # The off-topic questions are unrelated to one another: a query is off-topic when
            # it is close to one of them, not to their vocabulary as a whole.
            lexical[:, off] = (w_profile + w_unit) * best_unit[:, off] + w_coverage * coverage[
                :, off
            ]
        results: list[_Lexical | None] = []
        for row in range(rows):
            reached = np.flatnonzero(coverage[row])
            if seen is not None:
                reached = reached[seen[reached]]
            if reached.size == 0:
                results.append(None)
                continue
            scores = lexical[row]
            if reached.size > candidates:
                reached = reached[np.argpartition(scores[reached], -candidates)[-candidates:]]
                if off >= 0 and coverage[row, off] > 0:
                    reached = _sorted_union(reached, [off])
            results.append((reached, scores, best_unit[row]))
        return results

    def _off_topic_similarity(
        self, normalised: str, index: MatchIndex, lexical: float, best: float
    ) -> float:
        """The off-topic questions' string similarity to the query, as far as it matters.

        The pseudo-playbook's score (``lexical`` plus the weighted similarity) decides two
        things: whether it comes within the margin of the ``best`` playbook, and whether it
        reaches it. Only texts similar enough to change one of them are compared: when none
        is, no similarity at all decides both the same way.
        """
        weight = SCORE_WEIGHTS[3]
        floor = 100.0 * (best - self.off_topic_margin / 100.0 - lexical) / weight
        if floor <= -_SLACK:  # within the margin whatever the texts: does it reach the best?
            floor = 100.0 * (best - lexical) / weight
            if floor <= -_SLACK:
                return 0.0  # it does, whatever the texts
        bounds = index.off_topic_bounds()
        if bounds is None:
            return self._fuzzy(normalised, index, index.off_topic)
        return _best_of(normalised, bounds.reaching(normalised, floor))

    @staticmethod
    def _fuzzy(normalised: str, index: MatchIndex, entry: int) -> float:
        """The best rapidfuzz token-set similarity of the query to one playbook's texts, 0..1.

        A long query is compared with the off-topic questions (the most texts) only where
        their bounds leave a text able to be the best: against a short question its words
        are mostly its own, which bounds the similarity low. For shorter queries the bounds
        cost more than the comparisons they save.
        """
        if entry == index.off_topic and len(normalised) >= BOUNDED_QUERY_CHARS:
            bounds = index.off_topic_bounds()
            if bounds is not None:
                return _best_of(normalised, bounds.reaching(normalised, 0.0))
        return _best_of(normalised, index.unit_texts(entry))


def _best_of(normalised: str, texts: list[str]) -> float:
    """The best rapidfuzz token-set similarity of the query to ``texts``, 0..1 (0 for none)."""
    found = process.extractOne(normalised, texts, scorer=fuzz.token_set_ratio)
    return found[1] / 100.0 if found else 0.0
