"""A set of playbooks ready for coaching: validated, indexed for matching, found by id."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from bot.core.lexicon import Lexicon, load_lexicon
from bot.core.loader import LoadResult, PlaybookCache, load_playbooks, shipped_playbooks_dir
from bot.core.matcher import Matcher
from bot.core.models import Category, Playbook
from bot.core.safe_yaml import Problem
from bot.core.text import Analyzer, english_words


@dataclass(frozen=True, slots=True)
class Catalog:
    """Playbooks by id, with the matcher over them."""

    playbooks: dict[str, Playbook]
    matcher: Matcher

    @classmethod
    def build(cls, playbooks: Iterable[Playbook], lexicon: Lexicon | None = None) -> Catalog:
        """Index ``playbooks`` (ids must be unique) with the given or shipped lexicon."""
        by_id = {p.id: p for p in playbooks}
        lexicon = lexicon or load_lexicon()
        analyzer = Analyzer(lexicon, english_words())
        return cls(by_id, Matcher.build(by_id.values(), analyzer, off_topic=lexicon.off_topic))

    @classmethod
    def load(
        cls, paths: Iterable[Path] | None = None, *, cache: PlaybookCache | None = None
    ) -> tuple[Catalog, list[Problem]]:
        """Load and index the playbooks under ``paths`` (default: the shipped ones).

        Bad files are skipped and returned as problems; the good ones are all there.
        """
        result: LoadResult = load_playbooks(list(paths or [shipped_playbooks_dir()]), cache=cache)
        return cls.build(result.playbooks), result.problems

    def __len__(self) -> int:
        return len(self.playbooks)

    def __iter__(self) -> Iterator[Playbook]:
        return iter(self.playbooks.values())

    def get(self, playbook_id: str) -> Playbook | None:
        return self.playbooks.get(playbook_id)

    def by_category(self) -> dict[Category, list[Playbook]]:
        """Playbooks grouped by category, each group sorted by title."""
        groups: dict[Category, list[Playbook]] = {c: [] for c in Category}
        for playbook in sorted(self.playbooks.values(), key=lambda p: p.title.casefold()):
            groups[playbook.category].append(playbook)
        return {c: group for c, group in groups.items() if group}
