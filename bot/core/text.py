"""Turning free text into matching terms: normalise, expand, correct typos, stem, fold synonyms."""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Container, Iterable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np
import snowballstemmer
from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.core.lexicon import Lexicon

_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_ASCII = frozenset(map(chr, range(128)))
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})
#: Words shorter than this are never "corrected": too many real words are one edit apart.
MIN_CORRECTABLE = 4
#: A word the indexed texts use that is not the language's is read as a real word one edit away
#: with the same first letter when it is at least this long and the real word is used at least
#: TYPO_MAJORITY times as often.
MIN_KNOWN_TYPO = 6
TYPO_MAJORITY = 2
MAX_TOKENS = 200
#: Bump when the way the English word list is stored changes.
ENGLISH_WORDS_VERSION = 2
NEGATION = "not"
#: What a word of a group named as a stop word reads as: nothing, and it takes a negation
#: before it along ("not worried").
UNSAID = ""
#: How many words' readings :meth:`Analyzer.terms` keeps (all are forgotten when it is full).
READINGS_KEPT = 65536
#: What a word reads as: its corrected word's stem; the term it gives outside a phrase (None
#: for a stop word, :data:`UNSAID` for a word of a group named as a stop word); and the lengths
#: of the lexicon's phrases that start with it, longest first.
Reading = tuple[str, str | None, tuple[int, ...]]


def normalise(text: str) -> str:
    """Lower-case, accent-free, with one kind of apostrophe."""
    if text.isascii():
        return text.lower().replace("`", "'")
    text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES).casefold())
    return "".join(c for c in text if not unicodedata.combining(c))


#: Where one sentence ends and the next begins: end punctuation and a space before anything
#: but a small letter or digit ("Est. 2019", "approx. three" go on), a line break, a
#: semicolon or a dash between spaces.
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"')\]]*\s+(?![a-z0-9])|\n+|;\s*|\s+[-–—]+\s+")


def sentences(text: str) -> list[str]:
    """The sentences of ``text``, as written (empty pieces dropped)."""
    return [piece.strip() for piece in _SENTENCE_END.split(text) if piece and piece.strip()]


def tokens(text: str) -> list[str]:
    """The words of ``text`` (at most :data:`MAX_TOKENS`), normalised."""
    return normalised_tokens(normalise(text))


def normalised_tokens(normal: str) -> list[str]:
    """:func:`tokens` of a text that is :func:`normalise`'d already."""
    return _TOKEN.findall(normal)[:MAX_TOKENS]


#: Between texts normalised and split into words together: a character no word holds.
TEXT_BREAK = "\x00"
_TOKEN_OR_BREAK = re.compile(f"{_TOKEN.pattern}|{TEXT_BREAK}")


def normalise_all(texts: list[str]) -> tuple[str, list[list[str]]] | None:
    """Many texts :func:`normalise`'d and split into :func:`tokens` at once (quicker than one
    by one): the normalised texts joined by :data:`TEXT_BREAK`, and each text's words. None
    when a text holds that character itself."""
    joined = TEXT_BREAK.join(texts)
    if joined.count(TEXT_BREAK) != len(texts) - 1:
        return None
    # Text that is not plain ASCII is normalised a character at a time: only where it is.
    normal = normalise(joined) if joined.isascii() else TEXT_BREAK.join(map(normalise, texts))
    found = _TOKEN_OR_BREAK.findall(normal)
    words, start = [], 0
    for _ in range(len(texts) - 1):
        end = found.index(TEXT_BREAK, start)
        words.append(found[start : min(end, start + MAX_TOKENS)])
        start = end + 1
    words.append(found[start : start + MAX_TOKENS])
    return normal, words


class WordList:
    """A large set of words in little memory: the sorted 64-bit hashes of the words."""

    def __init__(self, hashes: np.ndarray) -> None:
        self._hashes = hashes

    @classmethod
    def of(cls, words: Iterable[str]) -> WordList:
        hashes = np.sort(_word_hashes([word.encode() for word in words]))
        distinct = np.ones(len(hashes), dtype=bool)  # np.unique is far slower than this
        np.not_equal(hashes[1:], hashes[:-1], out=distinct[1:])
        return cls(hashes[distinct])

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        key = np.uint64(_word_hash(word))
        at = int(np.searchsorted(self._hashes, key))
        return at < len(self._hashes) and self._hashes[at] == key

    def __len__(self) -> int:
        return len(self._hashes)


#: The 64-bit FNV-1a hash: simple enough to work out for every word of a list at once.
_FNV_OFFSET, _FNV_PRIME = 0xCBF29CE484222325, 0x100000001B3
_LOW_64 = (1 << 64) - 1


def _word_hash(word: str) -> int:
    """The 64-bit FNV-1a hash of ``word`` in UTF-8."""
    value = _FNV_OFFSET
    for byte in word.encode():
        value = ((value ^ byte) * _FNV_PRIME) & _LOW_64
    return value


def _word_hashes(encoded: list[bytes]) -> np.ndarray:
    """:func:`_word_hash` of each word (given in UTF-8), all words a byte at a time: a word
    list of 160,000 in a tenth of the time one by one takes."""
    lengths = np.fromiter(map(len, encoded), dtype=np.int64, count=len(encoded))
    hashes = np.full(len(encoded), _FNV_OFFSET, dtype=np.uint64)
    if not encoded:
        return hashes
    data = np.frombuffer(b"".join(encoded), dtype=np.uint8)
    starts = np.cumsum(lengths) - lengths
    prime = np.uint64(_FNV_PRIME)
    for place in range(int(lengths.max())):
        live = np.flatnonzero(lengths > place)  # the words that have a byte at ``place``
        hashes[live] = (hashes[live] ^ data[starts[live] + place]) * prime  # wraps at 2**64
    return hashes


def english_words_file(cache_dir: Path) -> Path:
    """Where :func:`english_words` keeps the word list in ``cache_dir``."""
    return cache_dir / f"english-words-{ENGLISH_WORDS_VERSION}.npy"


def english_words(cache_dir: Path | None = None) -> WordList:
    """A large list of correctly spelt English words (pyspellchecker's dictionary).

    With ``cache_dir``, the list is kept there in compact form, so later starts skip reading
    the dictionary (which briefly takes tens of megabytes).
    """
    cached = english_words_file(cache_dir) if cache_dir else None
    if cached is not None:
        try:
            return WordList(np.load(cached, allow_pickle=False))
        except (OSError, ValueError):
            pass
    from spellchecker import SpellChecker

    words = WordList.of(SpellChecker(language="en", distance=1).word_frequency.dictionary)
    if cached is not None:
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            np.save(cached, words._hashes, allow_pickle=False)
        except OSError:
            pass
    return words


class Analyzer:
    """Turns text into terms with one language's lexicon.

    Call :meth:`learn` with the text the matcher indexes so that typos in queries can be
    corrected towards words the playbooks actually use.
    """

    def __init__(self, lexicon: Lexicon, dictionary: Container[str] = frozenset()) -> None:
        self._stemmer = snowballstemmer.stemmer("english")
        self._stem = lru_cache(maxsize=65536)(self._stemmer.stemWord)
        self._dictionary = dictionary
        self._symbol_words = dict(lexicon.symbols)
        #: Whether a symbol can occur in plain ASCII text (most are emoji, which can't).
        self._ascii_symbols = any(symbol.isascii() for symbol in lexicon.symbols)
        self._symbols = (
            re.compile(
                "|".join(re.escape(k) for k in sorted(lexicon.symbols, key=len, reverse=True))
            )
            if lexicon.symbols
            else None
        )
        #: The plain ASCII characters that start a symbol ("$"): where none is in ASCII
        #: text, no symbol is.
        self._ascii_starts = sorted({symbol[0] for symbol in lexicon.symbols} & _ASCII)
        self.negations = frozenset(self._stem_words(list(lexicon.negations)))
        self.stopwords = frozenset(lexicon.stopwords)
        self._pleasantries = frozenset(lexicon.pleasantries)
        self._turns = frozenset(lexicon.turns) | frozenset(lexicon.negations)
        self.contractions = {k: v.split() for k, v in lexicon.contractions.items()}
        self._surface: dict[str, str] = {}
        self._single: dict[str, str] = {}
        self._phrases: dict[tuple[str, ...], str] = {}
        ambiguous: set[str] = set()
        clashes: list[str] = []
        for canonical, variants in lexicon.synonyms.items():
            target = f"={canonical}"
            for variant in [canonical, *variants]:
                words = self._plain_words(variant)
                stems = tuple(self._stem_words(words))
                if len(words) == 1:
                    self._surface[words[0]] = target
                    if self._single.setdefault(stems[0], target) != target:
                        ambiguous.add(stems[0])
                elif len(words) > 1 and self._phrases.setdefault(stems, target) != target:
                    clashes.append(
                        f"'{variant}' under '{canonical}' reads the same as a phrase under "
                        f"'{self._phrases[stems][1:]}'"
                    )
        if clashes:
            raise ValueError("; ".join(clashes))
        for stem in ambiguous:  # e.g. "customs" and "custom": only the exact words map
            del self._single[stem]
        # The lengths of the phrases that start with each stem, longest first: most words
        # start no phrase, and need no look-up at all.
        lengths: dict[str, set[int]] = defaultdict(set)
        for phrase in self._phrases:
            lengths[phrase[0]].add(len(phrase))
        self._phrase_lengths = {
            first: tuple(sorted(sizes, reverse=True)) for first, sizes in lengths.items()
        }
        self._phrase_table: _PhraseTable | None = None
        self._known: Counter[str] = Counter()
        self._sorted_known: list[str] | None = None
        self._by_deletion: dict[str, list[str]] | None = None
        self._by_length: dict[int, list[str]] = defaultdict(list)
        self._learn_words(w for phrase in lexicon.synonyms.items() for w in _flatten(phrase))
        self.correct = lru_cache(maxsize=65536)(self._correct)
        #: Each word met in :meth:`terms`, as read with the current vocabulary.
        self._readings: dict[str, Reading] = {}

    # -- vocabulary ---------------------------------------------------------------------------

    def learn(self, texts: Iterable[str]) -> None:
        """Add the words of ``texts`` to the vocabulary that typos are corrected towards."""
        self.learn_words(Counter(itertools.chain.from_iterable(map(tokens, texts))))

    def learn_words(self, words: Iterable[str] | Mapping[str, int]) -> None:
        """Add ``words`` (or word counts) to the vocabulary typos are corrected towards."""
        self._learn_words(words)
        self.correct.cache_clear()
        self._readings.clear()

    def adopt_vocabulary(self, words: Mapping[str, int]) -> None:
        """Know exactly ``words`` (a saved index's :meth:`vocabulary`, which already holds the
        lexicon's words): typos are then read as they were when the index was built."""
        self._known.clear()
        self._by_length.clear()
        self.learn_words(words)

    def vocabulary(self) -> dict[str, int]:
        """The words typos are corrected towards, with how often the indexed texts use them."""
        return dict(sorted(self._known.items()))

    def _learn_words(self, words: Iterable[str] | Mapping[str, int]) -> None:
        self._sorted_known = None
        self._by_deletion = None
        counts = words.items() if isinstance(words, Mapping) else ((w, 1) for w in words)
        for word, count in counts:
            if not word.isalpha():
                continue
            if word not in self._known:
                self._by_length[len(word)].append(word)
            self._known[word] += count

    def _correct(self, word: str) -> str:
        """The known word ``word`` most likely misspells, or ``word`` itself.

        Real words of the language (``dictionary``) are never changed, even when the playbooks
        don't use them: "find" must not become "mind".
        """
        if word in self._dictionary or len(word) < MIN_CORRECTABLE or not word.isalpha():
            return word
        if word in self._known:
            return self._correct_known(word)
        limit = 1 if len(word) < 8 else 2
        # The closest known word; among equally close ones, a transposition ("cancle") before
        # other edits, then the word the playbooks use most.
        best: tuple[int, int, int, str] | None = None
        for length in range(len(word) - limit, len(word) + limit + 1):
            candidates = self._by_length.get(length)
            if not candidates:
                continue
            for found, distance, _ in process.extract(
                word, candidates, scorer=OSA.distance, score_cutoff=limit, limit=None
            ):
                key = (
                    int(distance),
                    0 if sorted(found) == sorted(word) else 1,
                    -self._known[found],
                    found,
                )
                if best is None or key < best:
                    best = key
        # The closest known word may itself be a typo the playbooks contain ("recievd" is one
        # edit from "recieved"): read it as they are read.
        return self._correct_known(best[3]) if best else word

    def _real_words_by_deletion(self) -> dict[str, list[str]]:
        """The known words of the language, each under itself and every spelling with one
        letter left out: a word one edit away from one of them shares a key with it."""
        if self._by_deletion is None:
            index: dict[str, list[str]] = defaultdict(list)
            for word in self._known:
                if len(word) >= MIN_KNOWN_TYPO - 1 and word in self._dictionary:
                    index[word].append(word)
                    for deleted in _deletions(word):
                        index[deleted].append(word)
            self._by_deletion = dict(index)
        return self._by_deletion

    def _correct_known(self, word: str) -> str:
        """A misspelling the indexed texts contain themselves ("deliverd", "recieved"): read as
        the real word one edit away that they use more often, so that a typo in a playbook and
        the same or another typo in a query both mean the word. Words that are not the
        language's but that no such word explains (brands, carriers, shorthand) stay as they are.
        """
        if not self._dictionary or len(word) < MIN_KNOWN_TYPO or word in self._surface:
            return word  # too short to tell, or a word the lexicon names ("postnl")
        count = self._known[word]
        real_words = self._real_words_by_deletion()
        candidates = set(real_words.get(word, ()))  # a letter missing from the real word
        for deleted in _deletions(word):  # a letter too many, one changed or two swapped
            candidates.update(real_words.get(deleted, ()))
        best: tuple[int, int, str] | None = None
        for found in candidates:
            if found == word or found[0] != word[0] or OSA.distance(word, found) != 1:
                continue  # a typo seldom changes the first letter ("pinterest")
            if self._known[found] < TYPO_MAJORITY * count:
                continue
            key = (0 if sorted(found) == sorted(word) else 1, -self._known[found], found)
            if best is None or key < best:
                best = key
        return best[2] if best else word

    # -- terms --------------------------------------------------------------------------------

    def without_symbols(self, text: str) -> str:
        """``text`` with the lexicon's symbols and emoji written as their words."""
        if self._symbols is not None and (self._ascii_symbols or not text.isascii()):
            return self._symbols.sub(lambda m: self._symbol_words[m.group(0)], text)
        return text

    def has_symbols(self, text: str) -> bool:
        """Whether :meth:`without_symbols` would change ``text``."""
        if self._symbols is None:
            return False
        if text.isascii() and not any(start in text for start in self._ascii_starts):
            return False
        return self._symbols.search(text) is not None

    def expanded(self, token: str) -> list[str]:
        """The words one token stands for: a contraction spelt out ("won't": "will", "not"),
        a possessive or other apostrophe cut off ("buyer's": "buyer"), else the token."""
        expanded = self.contractions.get(token)
        if expanded is None:
            if "'" not in token:
                return [token]
            expanded = [token[:-3], "not"] if token.endswith("n't") else [token.partition("'")[0]]
        return expanded or [token]

    def _plain_words(self, text: str) -> list[str]:
        found = tokens(self.without_symbols(text))
        if self.contractions.keys().isdisjoint(found) and "'" not in "".join(found):
            return found  # most texts: nothing to expand, nothing to cut at an apostrophe
        return [word for token in found for word in self.expanded(token)]

    def is_pleasantry(self, sentence: str) -> bool:
        """Whether ``sentence`` is only politeness: a greeting, thanks or praise ("lovely
        packaging, thank you") with no negation and no turn towards a problem ("but")."""
        words = set(self._plain_words(sentence))
        return bool(words & self._pleasantries) and not words & self._turns

    def has_turn(self, sentence: str) -> bool:
        """Whether ``sentence`` turns towards a problem ("but", "unfortunately", a negation):
        in a long message, that is where the problem is usually told."""
        return bool(set(self._plain_words(sentence)) & self._turns)

    def _stem_words(self, words: list[str]) -> list[str]:
        return [self._stem(word) for word in words]

    def completions(self, prefix: str, limit: int = 3) -> list[str]:
        """Known words that start with ``prefix``, most used first (for text being typed)."""
        if self._sorted_known is None:
            self._sorted_known = sorted(self._known)
        start = bisect.bisect_left(self._sorted_known, prefix)
        found = []
        for word in itertools.islice(self._sorted_known, start, start + 200):
            if not word.startswith(prefix):
                break
            found.append(word)
        return sorted(found, key=lambda w: (-self._known[w], len(w)))[:limit]

    def terms(self, text: str, *, partial: bool = False) -> list[str]:
        """The matching terms of ``text``, in order: corrected, stemmed, synonyms folded.

        Phrases are recognised on the whole word sequence, stop words included, so "changed my
        mind" is one term; words outside a phrase are dropped when they are stop words. With
        ``partial``, the last word may be unfinished (autocomplete): it is read as the most used
        word it could become.
        """
        return self.terms_and_words(text, partial=partial)[0]

    def terms_and_words(self, text: str, *, partial: bool = False) -> tuple[list[str], list[str]]:
        """:meth:`terms` of ``text``, and all its words, corrected and stemmed as the terms
        read them, in order, stop words kept and no synonyms or phrases folded: the wording
        that the terms leave out ("turned up", "sat on"), for the learned model. One reading
        of the words gives both (an unfinished last word is completed for the terms only)."""
        words = self._plain_words(text)
        typed = words[-1] if partial and words else None
        if partial and words and words[-1] not in self._known and len(words[-1]) >= 2:
            completions = self.completions(words[-1], limit=1)
            if completions:
                words[-1] = completions[0]
        readings = self._readings
        read = [readings.get(w) or self._read(w) for w in words]
        stems = [stem for stem, _, _ in read]
        out = self.fold(read, stems)
        if typed is not None and typed != words[-1]:  # completed for the terms only
            stems[-1] = (readings.get(typed) or self._read(typed))[0]
        return out, stems

    @property
    def phrases(self) -> Mapping[tuple[str, ...], str]:
        """The lexicon's phrases (two words or more), as the stems of their words, with the
        term each reads as."""
        return self._phrases

    def phrase_places(
        self, stem_of: Sequence[str], said: np.ndarray, text_of: np.ndarray
    ) -> np.ndarray:
        """Where one of the lexicon's phrases may stand among the words of many texts, all
        at once: ``said`` holds the words as numbers, one text after another, ``stem_of``
        each number's stem and ``text_of`` the text each word belongs to. Every place a phrase
        stands (its words' stems, in one text) is among those given; a few more may be, as
        rarely as two sequences of stems hash alike."""
        if self._phrase_table is None:
            self._phrase_table = _PhraseTable(self._phrases)
        return self._phrase_table.places(stem_of, said, text_of)

    def reading(self, word: str) -> Reading:
        """What one plain word reads as with the current vocabulary (see :meth:`fold`)."""
        return self._readings.get(word) or self._read(word)

    def fold(self, read: list[Reading], stems: list[str]) -> list[str]:
        """The terms of a text from the readings of its words, in order (``stems``: their
        stems): phrases recognised on the whole word sequence, stop words dropped outside a
        phrase, negations marked."""
        phrases, stopwords, negations = self._phrases, self.stopwords, self.negations
        out: list[str] = []
        end = len(read)
        i = 0
        while i < end:
            _, term, lengths = read[i]
            for size in lengths:  # the phrases this word may start, longest first
                target = phrases.get(tuple(stems[i : i + size])) if i + size <= end else None
                if target is not None:
                    if target[1:] not in stopwords:
                        out.append(target)
                    elif out and out[-1] in negations:
                        out.pop()  # "don't know what to say": the negation goes with it
                    i += size
                    break
            else:
                if term:
                    out.append(term)
                elif term == UNSAID and out and out[-1] in negations:
                    out.pop()  # "not worried": the negation goes with the feeling
                i += 1
        return self._mark_negations(out)

    def _read(self, word: str) -> Reading:
        """What one word reads as, kept for the next time it is met: its corrected word's
        stem; the term it gives outside a phrase (None for a stop word, :data:`UNSAID` for
        a word of a group named as a stop word, such as "anxious"); and the lengths of the
        lexicon's phrases that start with it, longest first (most words start none)."""
        corrected = self.correct(word)
        stem = self._stem(corrected)
        term = None
        if corrected not in self.stopwords:
            term = self._surface.get(corrected) or self._single.get(stem, stem)
            if term.startswith("=") and term[1:] in self.stopwords:
                term = UNSAID
        if len(self._readings) >= READINGS_KEPT:
            self._readings.clear()
        reading = self._readings[word] = (stem, term, self._phrase_lengths.get(stem, ()))
        return reading

    def _mark_negations(self, terms: list[str]) -> list[str]:
        """Fold "not", "never", "no" into one term and mark the term they negate with ``!``.

        "never arrived" and "arrived broken" must not look alike: the first becomes
        ``not !=arrive``, the second ``=arrive =broken``.
        """
        out: list[str] = []
        negate = False
        for term in terms:
            if term in self.negations:
                out.append(NEGATION)
                negate = True
            elif negate:
                out.append(f"!{term}")
                negate = False
            else:
                out.append(term)
        return out


class _PhraseTable:
    """The lexicon's phrases made ready to be found among many texts' words at once."""

    #: The multiplier of the rolling hash of a sequence of stems' codes (wrapping at 2**64).
    MULTIPLIER = 0x100000001B3

    def __init__(self, phrases: Iterable[tuple[str, ...]]) -> None:
        phrases = list(phrases)
        stems = sorted({stem for phrase in phrases for stem in phrase})
        self._codes = {stem: n for n, stem in enumerate(stems, start=1)}
        self._firsts = {phrase[0] for phrase in phrases}
        self._base = len(self._codes) + 1
        self._pairs = np.unique([self._pair(p[0], p[1]) for p in phrases])
        by_length: dict[int, list[int]] = defaultdict(list)
        for phrase in phrases:
            by_length[len(phrase)].append(self._hash([self._codes[s] for s in phrase]))
        self._hashes = {
            size: np.asarray(found, dtype=np.uint64) for size, found in by_length.items()
        }

    def _pair(self, first: str, second: str) -> int:
        return self._codes[first] * self._base + self._codes[second]

    @classmethod
    def _hash(cls, codes: list[int]) -> int:
        value = 0
        for code in codes:
            value = (value * cls.MULTIPLIER + code) % 2**64
        return value

    def places(self, stem_of: Sequence[str], said: np.ndarray, text_of: np.ndarray) -> np.ndarray:
        """See :meth:`Analyzer.phrase_places`."""
        if not self._codes or len(said) < 2:
            return np.zeros(0, dtype=np.int64)
        code = np.asarray([self._codes.get(stem, 0) for stem in stem_of], dtype=np.int32)[said]
        # Only where a word starts a phrase and the next word is that phrase's second (a
        # small share of all places, each found without a search).
        starting = np.asarray([stem in self._firsts for stem in stem_of], dtype=bool)
        starts = np.flatnonzero(starting[said[:-1]] & (text_of[:-1] == text_of[1:]))
        pairs = code[starts].astype(np.int64) * self._base + code[starts + 1]
        starts = starts[np.isin(pairs, self._pairs)]
        found = [np.zeros(0, dtype=np.int64)]
        multiplier = np.uint64(self.MULTIPLIER)
        for size, wanted in self._hashes.items():
            at = starts[starts + size <= len(said)]
            at = at[text_of[at + size - 1] == text_of[at]]
            hashes = np.zeros(len(at), dtype=np.uint64)
            for offset in range(size):  # wraps at 2**64, as :meth:`_hash` does
                hashes = hashes * multiplier + code[at + offset].astype(np.uint64)
            found.append(at[np.isin(hashes, wanted)])
        return np.concatenate(found)


def _deletions(word: str) -> set[str]:
    """``word`` with each one of its letters left out."""
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _flatten(entry: tuple[str, list[str]]) -> Iterable[str]:
    canonical, variants = entry
    for phrase in [canonical, *variants]:
        yield from tokens(phrase)
