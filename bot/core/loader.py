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
from typing import Any

from pydantic import ValidationError

from bot.core import safe_yaml
from bot.core.models import Playbook, PlaybookSummary
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
    return safe_yaml.parse(label, read_text(path, source=label))


def read_text(path: Path, *, source: str | None = None) -> str:
    """A YAML file's text, after the size and encoding checks."""
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
    return safe_yaml.decode(label, raw)


def load_playbook(path: Path, *, source: str | None = None) -> Playbook:
    """Read and validate one playbook file; raise :class:`DocumentError` listing its problems.

    A well-formed file is read by the C parser and validated at once; any file it is not sure
    of, or that fails validation, is read again the careful way, which says where each
    problem is.
    """
    label = source or str(path)
    text = read_text(path, source=label)
    data = safe_yaml.parse_quick(text)
    if isinstance(data, dict):
        try:
            quick = Playbook.model_validate(data)
        except ValidationError:
            quick = None
        if quick is not None and quick.id == path.stem:
            return quick
    document = safe_yaml.parse(label, text)
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
    """Validated playbooks kept on disk between runs, keyed by file path, size and mtime.

    Two files: ``self.file``, a JSON index with each file's stamp, its match fields and where
    its playbook sits in ``self.blobs``, a JSON-lines file of the validated playbooks. Start-up
    reads only the index; a whole playbook is read and parsed when it is asked for, so a large
    set costs little memory.
    """

    def __init__(self, directory: Path) -> None:
        fingerprint = _model_fingerprint()
        self.file = directory / f"playbooks-{fingerprint}.json"
        self.blobs = directory / f"playbooks-{fingerprint}.jsonl"
        self._entries: dict[str, dict[str, Any]] | None = None
        self._pending: dict[str, bytes] = {}

    def _load(self) -> dict[str, dict[str, Any]]:
        if self._entries is None:
            try:
                entries = json.loads(self.file.read_bytes())
            except (OSError, ValueError):
                entries = None
            if not isinstance(entries, dict):
                entries = {}
            self._entries = {k: v for k, v in entries.items() if isinstance(v, dict)}
        return self._entries

    def _entry(self, path: Path) -> dict[str, Any] | None:
        entry = self._load().get(str(path.resolve()))
        if entry is None or entry.get("stamp") != file_stamp(path):
            return None
        return entry

    def summary(self, path: Path) -> PlaybookSummary | None:
        """The match fields of a cached, unchanged file, without reading its playbook."""
        entry = self._entry(path)
        if entry is None:
            return None
        try:
            return PlaybookSummary.model_validate(entry["summary"])
        except (ValueError, KeyError, TypeError):
            return None

    def get(self, path: Path) -> Playbook | None:
        """The cached playbook of an unchanged file, or None."""
        entry = self._entry(path)
        if entry is None:
            return None
        key = str(path.resolve())
        try:
            raw = self._pending.get(key)
            if raw is None:
                with self.blobs.open("rb") as handle:
                    handle.seek(int(entry["offset"]))
                    raw = handle.read(int(entry["length"]))
            return Playbook.model_validate_json(raw, context=TRUSTED)
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, path: Path, playbook: Playbook) -> None:
        key = str(path.resolve())
        self._load()[key] = {
            "stamp": file_stamp(path),
            "summary": PlaybookSummary.of(playbook).model_dump(mode="json"),
        }
        self._pending[key] = playbook.model_dump_json().encode()

    def save(self) -> None:
        """Write the cache atomically; a cache that cannot be written is only logged."""
        if not self._pending or self._entries is None:
            return
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            old = self.blobs.read_bytes() if self.blobs.is_file() else b""
            blobs = bytearray()
            kept: dict[str, dict[str, Any]] = {}
            for key, entry in self._entries.items():
                raw = self._pending.get(key)
                if raw is None:
                    offset, length = entry.get("offset"), entry.get("length")
                    if not isinstance(offset, int) or not isinstance(length, int):
                        continue
                    raw = old[offset : offset + length]
                    if len(raw) != length:
                        continue
                kept[key] = {**entry, "offset": len(blobs), "length": len(raw)}
                blobs += raw + b"\n"
            _write_atomically(self.blobs, bytes(blobs))
            _write_atomically(self.file, json.dumps(kept, separators=(",", ":")).encode())
            self._entries = kept
            self._pending.clear()
        except OSError as error:
            log.warning("could not write the playbook cache %s: %s", self.file, error.strerror)


def _write_atomically(target: Path, data: bytes) -> None:
    with tempfile.NamedTemporaryFile(dir=target.parent, delete=False, suffix=".tmp") as handle:
        handle.write(data)
    os.replace(handle.name, target)


#: Validation context marking data that was already validated when it was cached.
TRUSTED = {"trusted": True}


def file_stamp(path: Path) -> list[int]:
    """Size and modification time: a cached entry is reused only while they are unchanged."""
    stat = path.stat()
    return [stat.st_size, stat.st_mtime_ns]


def _model_fingerprint() -> str:
    schema = json.dumps(Playbook.model_json_schema(), sort_keys=True).encode()
    return hashlib.sha256(schema).hexdigest()[:12]


def duplicate_id(path: Path, playbook_id: str, first: Path) -> Problem:
    """The problem of a second file using an id, at that file's ``id:`` line."""
    try:
        line, col = read_document(path).locate(("id",))
    except DocumentError:
        line, col = 1, 1
    return Problem(str(path), line, col, f"id '{playbook_id}' is already used by {first}")


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
            result.problems.append(duplicate_id(path, playbook.id, result.sources[playbook.id]))
            continue
        result.sources[playbook.id] = path
        result.playbooks.append(playbook)
    if cache:
        cache.save()
    for problem in result.problems:
        log.warning("skipped playbook: %s", problem)
    return result
