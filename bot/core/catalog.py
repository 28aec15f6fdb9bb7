"""A set of playbooks ready for coaching: validated, indexed for matching, found by id."""

from __future__ import annotations

import hashlib
import json
import logging
import multiprocessing as mp
import shutil
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from pathlib import Path

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
from bot.core.matcher import INDEX_VERSION, MatchEntry, Matcher, MatchIndex
from bot.core.models import Category, Playbook, PlaybookSummary
from bot.core.safe_yaml import DocumentError, Problem
from bot.core.text import Analyzer, english_words

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
    summaries: dict[str, PlaybookSummary] = {}
    sources: dict[str, Path] = {}
    fields: dict[str, MatchEntry] = {}
    for done in read_playbook_files(files, cache):
        summary = done.summary
        if summary is None:
            problems.extend(done.problems)
            continue
        if summary.id in sources:
            problems.append(duplicate_id(done.path, summary.id, sources[summary.id]))
            continue
        sources[summary.id] = done.path
        summaries[summary.id] = summary
        if done.fields is not None:
            fields[summary.id] = MatchEntry(summary.id, *done.fields)
    for problem in problems:
        log.warning("skipped playbook: %s", problem)

    lexicon_file = lexicon_path()
    lexicon = load_lexicon(lexicon_file)
    analyzer = Analyzer(lexicon, english_words(cache_dir))
    contents = [(i, cache.digest(path)) for i, path in sources.items()]
    fingerprint = hashlib.sha256(
        json.dumps([INDEX_VERSION, content_digest(lexicon_file.read_bytes()), contents]).encode()
    ).hexdigest()[:16]
    index_file = cache_dir / f"index-{fingerprint}"
    index = MatchIndex.load(index_file)
    if index is None:
        entries = [fields.get(i) or _match_entry(cache, path, i) for i, path in sources.items()]
        fields.clear()
        found = [e for e in entries if e is not None]
        if len(found) >= BUILD_APART_FROM and _build_apart(found, analyzer, lexicon, index_file):
            index = MatchIndex.load(index_file)
        if index is None:
            index = MatchIndex.build(found, analyzer, lexicon.off_topic)
            _save(index, index_file)
        else:
            analyzer.adopt_vocabulary(index.vocabulary)
    else:
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
    return Catalog(summaries, Matcher(index, analyzer, never_also=proactive), fetch), problems


#: From this many playbooks, a new index is built in a process of its own: the memory the
#: build needs goes back to the system when it ends, and this process maps the saved index.
BUILD_APART_FROM = 500


def _build_apart(
    entries: list[MatchEntry], analyzer: Analyzer, lexicon: Lexicon, index_file: Path
) -> bool:
    """Build and save the index in a forked process; False when that could not be done."""
    if "fork" not in mp.get_all_start_methods():
        return False
    process = mp.get_context("fork").Process(
        target=_build_and_save, args=(entries, analyzer, lexicon, index_file)
    )
    try:
        process.start()
        process.join()
    except OSError as error:
        log.warning("could not start a process to build the match index: %s", error)
        return False
    return process.exitcode == 0


def _build_and_save(
    entries: list[MatchEntry], analyzer: Analyzer, lexicon: Lexicon, index_file: Path
) -> None:
    index = MatchIndex.build(entries, analyzer, lexicon.off_topic)
    if not _save(index, index_file):
        raise SystemExit(1)


def _save(index: MatchIndex, index_file: Path) -> bool:
    """Save the index, leaving no older one behind; False (and a warning) when it can't."""
    try:
        index.save(index_file)
        for old in index_file.parent.glob("index-*"):
            if old != index_file:
                shutil.rmtree(old, ignore_errors=True)
    except OSError as error:
        log.warning("could not save the match index in %s: %s", index_file.parent, error.strerror)
        return False
    return True


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
