"""Finding, reading and validating playbook files.

A bad file never takes the others down: :func:`load_playbooks` returns every valid playbook and,
separately, every problem found as ``path:line:col: message``. Parsed playbooks can be kept in a
:class:`PlaybookCache` so that large sets start quickly; an entry is reused only while the file's
size and modification time are unchanged and the playbook model is the same.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from bot.core import safe_yaml
from bot.core.models import Playbook
from bot.core.safe_yaml import DocumentError, Problem

log = logging.getLogger(__name__)

PLAYBOOK_SUFFIXES = (".yaml", ".yml")


def shipped_playbooks_dir() -> Path:
    """The folder of playbooks that ship with Seller Coach (installed or from a checkout)."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "_shipped_playbooks"
    return installed if installed.is_dir() else package.parent / "playbooks"


@dataclass(slots=True)
class LoadResult:
    """The valid playbooks of a load, and every problem met on the way."""

    playbooks: list[Playbook] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    sources: dict[str, Path] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


def playbook_files(paths: Iterable[Path]) -> tuple[list[Path], list[Problem]]:
    """Expand folders into their playbook files (not recursive); report paths that are missing."""
    files: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                sorted(p for p in path.iterdir() if p.suffix in PLAYBOOK_SUFFIXES and p.is_file())
            )
        elif path.is_file():
            files.append(path)
        else:
            problems.append(Problem(str(path), 1, 1, "no such file or folder"))
    return files, problems


def read_document(path: Path, *, source: str | None = None) -> safe_yaml.Document:
    """Read one YAML file strictly (size, encoding, syntax and safety checks)."""
    label = source or str(path)
    try:
        size = path.stat().st_size
        if size > safe_yaml.MAX_FILE_BYTES:
            raise DocumentError(
                [
                    Problem(
                        label,
                        1,
                        1,
                        f"file is {size:,} bytes; the limit is {safe_yaml.MAX_FILE_BYTES:,}",
                    )
                ]
            )
        raw = path.read_bytes()
    except OSError as error:
        raise DocumentError([Problem(label, 1, 1, f"cannot read: {error.strerror}")]) from None
    return safe_yaml.parse(label, safe_yaml.decode(label, raw))


def load_playbook(path: Path, *, source: str | None = None) -> Playbook:
    """Read and validate one playbook file; raise :class:`DocumentError` listing its problems."""
    document = read_document(path, source=source)
    playbook = safe_yaml.load_model(Playbook, document)
    if playbook.id != path.stem:
        raise DocumentError(
            [
                document.problem(
                    ("id",), f"id '{playbook.id}' must equal the file name '{path.stem}'"
                )
            ]
        )
    return playbook


class PlaybookCache:
    """Validated playbooks kept on disk between runs, keyed by file path, size and mtime."""

    def __init__(self, directory: Path) -> None:
        self.file = directory / f"playbooks-{_model_fingerprint()}.json"
        self._entries: dict[str, dict[str, object]] | None = None
        self._dirty = False

    def _load(self) -> dict[str, dict[str, object]]:
        if self._entries is None:
            try:
                entries = json.loads(self.file.read_bytes())
            except (OSError, ValueError):
                entries = None
            self._entries = entries if isinstance(entries, dict) else {}
        return self._entries

    def get(self, path: Path) -> Playbook | None:
        entry = self._load().get(str(path.resolve()))
        if not isinstance(entry, dict) or entry.get("stamp") != _stamp(path):
            return None
        try:
            return Playbook.model_validate(entry["playbook"], context=TRUSTED)
        except (ValueError, KeyError):
            return None

    def put(self, path: Path, playbook: Playbook) -> None:
        self._load()[str(path.resolve())] = {
            "stamp": _stamp(path),
            "playbook": playbook.model_dump(mode="json"),
        }
        self._dirty = True

    def save(self) -> None:
        """Write the cache atomically; a cache that cannot be written is only logged."""
        if not self._dirty or self._entries is None:
            return
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(
                "w", dir=self.file.parent, delete=False, suffix=".tmp", encoding="utf-8"
            ) as handle:
                json.dump(self._entries, handle, separators=(",", ":"))
            os.replace(handle.name, self.file)
            self._dirty = False
        except OSError as error:
            log.warning("could not write the playbook cache %s: %s", self.file, error.strerror)


#: Validation context marking data that was already validated when it was cached.
TRUSTED = {"trusted": True}


def _stamp(path: Path) -> list[int]:
    stat = path.stat()
    return [stat.st_size, stat.st_mtime_ns]


def _model_fingerprint() -> str:
    schema = json.dumps(Playbook.model_json_schema(), sort_keys=True).encode()
    return hashlib.sha256(schema).hexdigest()[:12]


def _id_position(path: Path) -> tuple[int, int]:
    try:
        return read_document(path).locate(("id",))
    except DocumentError:
        return 1, 1


def load_playbooks(paths: Iterable[Path], *, cache: PlaybookCache | None = None) -> LoadResult:
    """Load every playbook under ``paths``; bad files are reported, good ones kept."""
    files, problems = playbook_files(paths)
    result = LoadResult(problems=problems)
    for path in files:
        playbook = cache.get(path) if cache else None
        if playbook is None:
            try:
                playbook = load_playbook(path)
            except DocumentError as error:
                result.problems.extend(error.problems)
                continue
            if cache:
                cache.put(path, playbook)
        if playbook.id in result.sources:
            first = result.sources[playbook.id]
            line, col = _id_position(path)
            result.problems.append(
                Problem(str(path), line, col, f"id '{playbook.id}' is already used by {first}")
            )
            continue
        result.sources[playbook.id] = path
        result.playbooks.append(playbook)
    if cache:
        cache.save()
    for problem in result.problems:
        log.warning("skipped playbook: %s", problem)
    return result
