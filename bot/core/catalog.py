"""A set of playbooks ready for coaching: validated, indexed for matching, found by id."""

from __future__ import annotations

import contextlib
import ctypes
import hashlib
import json
import logging
import multiprocessing as mp
import shutil
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from bot.core.lexicon import Lexicon, lexicon_path, load_lexicon
from bot.core.loader import (
    PlaybookCache,
    content_digest,
    duplicate_id,
    load_playbook,
    load_playbooks,
    playbook_files,
    read_playbook_files,
    shipped_playbooks_dir,
)
from bot.core.matcher import INDEX_VERSION, IndexTexts, MatchEntry, Matcher, MatchIndex
from bot.core.models import Category, Playbook, PlaybookSummary
from bot.core.safe_yaml import DocumentError, Problem
from bot.core.term_model import TermModel, model_path
from bot.core.text import Analyzer, english_words, english_words_file

log = logging.getLogger(__name__)


class Catalog:
    """Playbooks by id, with the matcher over them.

    Lists and menus use the light :class:`PlaybookSummary` of every playbook; the whole
    playbook is read when a walkthrough needs it (and a few hundred are kept in memory).
    """

    def __init__(
        self,
        summaries: Mapping[str, PlaybookSummary],
        matcher: Matcher,
        fetch: Callable[[str], Playbook | None],
    ) -> None:
        self._summaries = dict(summaries)
        self.matcher = matcher
        self._fetch = lru_cache(maxsize=512)(fetch)

    @classmethod
    def build(cls, playbooks: Iterable[Playbook], lexicon: Lexicon | None = None) -> Catalog:
        """Index ``playbooks`` (ids must be unique) with the given or shipped lexicon."""
        by_id = {p.id: p for p in playbooks}
        lexicon = lexicon or load_lexicon()
        analyzer = Analyzer(lexicon, english_words())
        proactive = [p.id for p in by_id.values() if p.category is Category.PROACTIVE]
        matcher = Matcher.build(
            by_id.values(), analyzer, off_topic=lexicon.off_topic, never_also=proactive
        )
        matcher.model = TermModel.load_for(matcher.index, model_path())
        summaries = {i: PlaybookSummary.of(p) for i, p in by_id.items()}
        return cls(summaries, matcher, by_id.get)

    @classmethod
    def load(
        cls, paths: Iterable[Path] | None = None, *, cache_dir: Path | None = None
    ) -> tuple[Catalog, list[Problem]]:
        """Load and index the playbooks under ``paths`` (default: the shipped ones).

        Bad files are skipped and returned as problems; the good ones are all there. With a
        ``cache_dir``, validated playbooks and the built index are kept there, so the next
        start only reads what changed.
        """
        folders = list(paths or [shipped_playbooks_dir()])
        if cache_dir is None:
            result = load_playbooks(folders)
            return cls.build(result.playbooks), result.problems
        return _load_cached(folders, cache_dir)

    def __len__(self) -> int:
        return len(self._summaries)

    def __contains__(self, playbook_id: object) -> bool:
        return playbook_id in self._summaries

    @property
    def ids(self) -> list[str]:
        return list(self._summaries)

    def summary(self, playbook_id: str) -> PlaybookSummary | None:
        return self._summaries.get(playbook_id)

    def summaries(self) -> list[PlaybookSummary]:
        """Every playbook, sorted by title."""
        return sorted(self._summaries.values(), key=lambda s: s.title.casefold())

    def get(self, playbook_id: str) -> Playbook | None:
        """The whole playbook, or None when there is no such id."""
        if playbook_id not in self._summaries:
            return None
        return self._fetch(playbook_id)

    def by_category(self) -> dict[Category, list[PlaybookSummary]]:
        """Playbooks grouped by category (in the enum's order), each group sorted by title."""
        groups: dict[Category, list[PlaybookSummary]] = {c: [] for c in Category}
        for summary in self.summaries():
            groups[summary.category].append(summary)
        return {c: group for c, group in groups.items() if group}


def _load_cached(folders: list[Path], cache_dir: Path) -> tuple[Catalog, list[Problem]]:
    files, problems = playbook_files(folders)
    cache = PlaybookCache(cache_dir)
    # A first start with many files will build the index: its builder (and the English word
    # list, when it is not kept yet) start now, while this process is small, rather than as
    # copies of it once it holds every file read.
    lexicon_file = lexicon_path()
    lexicon = load_lexicon(lexicon_file)
    builder = None
    if len(files) >= BUILD_APART_FROM and cache.empty:
        builder = _Builder.start(cache_dir, lexicon)
    try:
        return _load_with(files, problems, cache, cache_dir, lexicon_file, lexicon, builder)
    finally:
        if builder is not None:
            builder.close()


def _load_with(
    files: list[Path],
    problems: list[Problem],
    cache: PlaybookCache,
    cache_dir: Path,
    lexicon_file: Path,
    lexicon: Lexicon,
    builder: _Builder | None,
) -> tuple[Catalog, list[Problem]]:
    summaries: dict[str, PlaybookSummary] = {}
    sources: dict[str, Path] = {}
    fields: dict[str, MatchEntry] = {}
    # With a builder, the entries go to it as they are read (it splits their texts into words
    # meanwhile), and the cache is written while it builds the index.
    streamed, batch = builder is not None, []
    for done in read_playbook_files(files, cache, save=builder is None):
        summary = done.summary
        if summary is None:
            problems.extend(done.problems)
            continue
        if summary.id in sources:
            problems.append(duplicate_id(done.path, summary.id, sources[summary.id]))
            continue
        sources[summary.id] = done.path
        summaries[summary.id] = summary
        if done.fields is None:
            streamed = False  # from the cache: all the entries will be sent at once
            continue
        fields[summary.id] = MatchEntry(summary.id, *done.fields)
        if builder is not None and streamed:
            batch.append(fields[summary.id])
            if len(batch) >= STREAMED_ENTRIES:
                builder.add(batch)
                batch = []
    if builder is not None and streamed and batch:
        builder.add(batch)
    for problem in problems:
        log.warning("skipped playbook: %s", problem)

    contents = [(i, cache.digest(path)) for i, path in sources.items()]
    fingerprint = hashlib.sha256(
        json.dumps([INDEX_VERSION, content_digest(lexicon_file.read_bytes()), contents]).encode()
    ).hexdigest()[:16]
    index_file = cache_dir / f"index-{fingerprint}"
    index = MatchIndex.load(index_file)
    analyzer: Analyzer | None = None  # the analyser that built the index here, if one did
    if index is None:
        entries = [fields.get(i) or _match_entry(cache, path, i) for i, path in sources.items()]
        fields.clear()
        found = [e for e in entries if e is not None]
        del entries
        if builder is not None:
            built = builder.build(None if streamed else found, index_file, meanwhile=cache.save)
        else:
            built = len(found) >= BUILD_APART_FROM and _build_apart(
                found, lexicon, cache_dir, index_file
            )
        if built:
            index = MatchIndex.load(index_file)
        if index is None:
            analyzer = Analyzer(lexicon, english_words(cache_dir))
            index = MatchIndex.build(found, analyzer, lexicon.off_topic)
            _save(index, index_file)
    cache.save()  # if it is not written yet
    if analyzer is None:  # read queries as the saved index's texts were read
        analyzer = Analyzer(lexicon, english_words(cache_dir))
        analyzer.adopt_vocabulary(index.vocabulary)

    def fetch(playbook_id: str) -> Playbook | None:
        path = sources[playbook_id]
        playbook = cache.get(path)
        if playbook is None:  # the file changed since start-up: read it again
            try:
                playbook = load_playbook(path)
            except DocumentError:
                return None
        return playbook

    proactive = [i for i, s in summaries.items() if s.category is Category.PROACTIVE]
    model = TermModel.load_for(index, model_path())
    matcher = Matcher(index, analyzer, never_also=proactive, model=model)
    return Catalog(summaries, matcher, fetch), problems


#: From this many playbooks, a new index is built in a process of its own: the memory the
#: build needs goes back to the system when it ends, and this process maps the saved index.
BUILD_APART_FROM = 500
#: Entries sent to the builder at a time, as the files are read.
STREAMED_ENTRIES = 256


class _Builder:
    """A process that builds and saves a new index, started before the files are read.

    Forked while this process is still small, it gathers the entries' texts as they are read
    and is told to build once all are; meanwhile another small process makes the English
    word list, if it is not kept yet, so that neither this process nor the builder carries
    what reading the dictionary leaves behind.
    """

    def __init__(self, process: Any, connection: Any, words: Any) -> None:
        self._process = process
        self._connection = connection
        self._words = words
        self._broken = False

    @classmethod
    def start(cls, cache_dir: Path, lexicon: Lexicon) -> _Builder | None:
        if "fork" not in mp.get_all_start_methods():
            return None
        context = mp.get_context("fork")
        words = None
        try:
            if not english_words_file(cache_dir).is_file():
                words = context.Process(target=english_words, args=(cache_dir,))
                words.start()
            receiving, sending = context.Pipe(duplex=False)
            args = (receiving, cache_dir, lexicon)
            process = context.Process(target=_build_when_told, args=args)
            process.start()
        except OSError as error:
            log.warning("could not start a process to build the match index: %s", error)
            if words is not None:
                words.join()
            return None
        receiving.close()
        return cls(process, sending, words)

    def _words_done(self) -> None:
        if self._words is not None:
            self._words.join()
            self._words = None

    def add(self, entries: list[MatchEntry]) -> None:
        """Send entries to index, as they are read."""
        try:
            # As plain tuples: a frozen dataclass is rebuilt a field at a time, in Python.
            fields = [(e.id, e.title, e.summary, e.examples, e.keywords) for e in entries]
            self._connection.send(("entries", fields))
        except OSError as error:
            log.warning("the process building the match index failed: %s", error)
            self._broken = True

    def build(
        self,
        entries: list[MatchEntry] | None,
        index_file: Path,
        meanwhile: Callable[[], object] = lambda: None,
    ) -> bool:
        """Have ``entries`` (None: those added) indexed and saved as ``index_file``, doing
        ``meanwhile`` while that is done; False when it failed."""
        self._words_done()
        if self._broken:
            return False
        try:
            self._connection.send(("build", entries, index_file))
            self._connection.close()
            meanwhile()
            self._process.join()
        except OSError as error:
            log.warning("the process building the match index failed: %s", error)
            return False
        return self._process.exitcode == 0

    def close(self) -> None:
        """Let the builder go (with nothing to build, if it was not told to build)."""
        self._words_done()
        if not self._connection.closed:
            with contextlib.suppress(OSError):
                self._connection.send(None)
            self._connection.close()
        self._process.join()


def _build_when_told(connection: Any, cache_dir: Path, lexicon: Lexicon) -> None:
    """The builder: gather the entries' texts as they come, then build and save their index
    when told to."""
    texts = IndexTexts(Analyzer(lexicon))
    try:
        while True:
            told = connection.recv()
            if told is None or told[0] == "build":
                break
            for fields in told[1]:
                texts.add(MatchEntry(*fields))
            del told
    except EOFError:
        return
    finally:
        connection.close()
    if told is None:
        return
    _, sent, index_file = told
    del told
    gathered = texts if sent is None else sent
    del texts  # when the entries were sent again at once, what was gathered goes
    _build_and_save(gathered, lexicon, cache_dir, index_file)


def _build_apart(
    entries: list[MatchEntry], lexicon: Lexicon, cache_dir: Path, index_file: Path
) -> bool:
    """Build and save the index in a forked process; False when that could not be done."""
    if "fork" not in mp.get_all_start_methods():
        return False
    process = mp.get_context("fork").Process(
        target=_build_and_save, args=(entries, lexicon, cache_dir, index_file)
    )
    try:
        process.start()
        process.join()
    except OSError as error:
        log.warning("could not start a process to build the match index: %s", error)
        return False
    return process.exitcode == 0


def _build_and_save(
    entries: list[MatchEntry] | IndexTexts, lexicon: Lexicon, cache_dir: Path, index_file: Path
) -> None:
    """Build and save the index of ``entries`` (or of their texts, gathered already)."""
    _give_back_large_blocks()
    analyzer = Analyzer(lexicon, english_words(cache_dir))
    gathered = entries if isinstance(entries, IndexTexts) else _taken(entries)
    try:  # each array written as soon as it is made: the build never holds them all
        MatchIndex.build(gathered, analyzer, lexicon.off_topic, save_to=index_file)
    except OSError as error:
        log.warning("could not save the match index in %s: %s", index_file.parent, error.strerror)
        raise SystemExit(1) from None
    _drop_older(index_file)


def _taken(items: list[MatchEntry]) -> Iterator[MatchEntry]:
    """``items`` one by one, taken out of the list: once the build has analysed their texts,
    nothing else holds them and they can go."""
    taken, items[:] = items[:], []
    yield from taken


#: glibc's mallopt parameter: from what size a block is mapped on its own (and unmapped when
#: freed) rather than carved from the heap.
_M_MMAP_THRESHOLD = -3


def _give_back_large_blocks() -> None:
    """In this process, have every freed block of 256 KB or more go back to the system at once.

    An index build makes and drops arrays of megabytes one after another; glibc raises its
    threshold to the size of each one freed, so the next ones come from the heap, which then
    stays as large as they ever were together (some 40 MB more at the peak with 10,000
    playbooks). Elsewhere than glibc this does nothing.
    """
    with contextlib.suppress(OSError, AttributeError, TypeError):
        ctypes.CDLL(None).mallopt(_M_MMAP_THRESHOLD, 256 * 1024)


def _save(index: MatchIndex, index_file: Path) -> bool:
    """Save the index, leaving no older one behind; False (and a warning) when it can't."""
    try:
        index.save(index_file)
    except OSError as error:
        log.warning("could not save the match index in %s: %s", index_file.parent, error.strerror)
        return False
    _drop_older(index_file)
    return True


def _drop_older(index_file: Path) -> None:
    """Remove the saved indexes other than ``index_file``."""
    with contextlib.suppress(OSError):
        for old in index_file.parent.glob("index-*"):
            if old != index_file:
                shutil.rmtree(old, ignore_errors=True)


def _match_entry(cache: PlaybookCache, path: Path, playbook_id: str) -> MatchEntry | None:
    """The match fields of a cached playbook, straight from its JSON."""
    raw = cache.raw(path)
    if raw is not None:
        try:
            data = json.loads(raw)
            match = data["match"]
            return MatchEntry(
                playbook_id,
                data["title"],
                data["summary"],
                tuple(match["examples"]),
                tuple(match.get("keywords", ())),
            )
        except (ValueError, KeyError, TypeError):
            pass
    try:
        return MatchEntry.of(load_playbook(path))
    except DocumentError:
        return None
