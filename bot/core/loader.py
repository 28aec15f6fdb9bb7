"""Finding, reading and validating playbook files.

A bad file never takes the others down: :func:`load_playbooks` returns every valid playbook and,
separately, every problem found as ``path:line:col: message``. Parsed playbooks can be kept in a
:class:`PlaybookCache` so that large sets start quickly; an entry is reused only while the file's
size and modification time are unchanged and the playbook model is the same.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import multiprocessing as mp
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

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
            with os.scandir(path) as found:  # the folder's own listing: no stat per file
                names = [
                    entry.name
                    for entry in found
                    if entry.name.endswith(PLAYBOOK_SUFFIXES) and entry.is_file()
                ]
            files.extend(path / name for name in sorted(names))
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


def load_playbook(
    path: Path, *, source: str | None = None, raw: bytes | None = None, text: str | None = None
) -> Playbook:
    """Read and validate one playbook file; raise :class:`DocumentError` listing its problems.

    A well-formed file is read by the C parser and validated at once; any file it is not sure
    of, or that fails validation, is read again the careful way, which says where each
    problem is. ``raw``: the file's bytes, when they were already read; ``text``: the file
    already decoded (by :func:`safe_yaml.decode`), which wins over ``raw``.
    """
    label = source or str(path)
    if text is None:
        text = read_text(path, source=label) if raw is None else safe_yaml.decode(label, raw)
    playbook = safe_yaml.read_model(Playbook, label, text)
    if playbook.id != path.stem:
        raise DocumentError(
            [
                safe_yaml.parse(label, text).problem(
                    ("id",),
                    f"id '{playbook.id}' must equal the file name '{path.stem}' (name the file "
                    f"{playbook.id}{path.suffix or '.yaml'}, or change the id)",
                )
            ]
        )
    return playbook


class PlaybookCache:
    """Validated playbooks kept on disk between runs, keyed by each file's content.

    Two files: ``self.file``, a JSON index, and ``self.blobs``, the validated playbooks as
    JSON lines. The index maps each file seen (by absolute path) to its size, modification
    time and content digest, and each digest to its playbook's summary and place in
    ``self.blobs``. A file whose size and time are unchanged is not read at all; any other
    file is read and hashed, and its entry reused when the content is one already validated
    (a touched or copied file), so only new or changed content is parsed again. Start-up reads
    only the index; a whole playbook is read when it is asked for.

    Several processes may share one cache: writes are appended under a lock and the index is
    merged and replaced atomically. Anything unreadable in the cache is ignored.
    """

    def __init__(self, directory: Path) -> None:
        fingerprint = _model_fingerprint()
        self.directory = directory
        self.file = directory / f"playbooks-{fingerprint}.json"
        self.blobs = directory / f"playbooks-{fingerprint}.jsonl"
        self._files: dict[str, list[Any]] | None = None
        self._entries: dict[str, dict[str, Any]] = {}
        self._pending: dict[str, dict[str, Any]] = {}
        self._spill: IO[bytes] | None = None  # new blobs until they are saved, a line each
        self._spill_end = 0  # where the next one goes in it
        self._spill_failed = False  # a write failed: what is after ``_spill_end`` is not known
        self._new_files: dict[str, list[Any]] = {}
        self._seen: dict[str, str] = {}  # each file's digest, looked at once per start

    @property
    def empty(self) -> bool:
        """Whether nothing is kept yet (a first start)."""
        self._load()
        return not self._entries and not self._pending

    def _load(self) -> dict[str, list[Any]]:
        if self._files is None:
            self._files, self._entries = _read_index(self.file)
        return self._files

    def digest(self, path: Path, raw: bytes | None = None) -> str | None:
        """The content digest of ``path`` (read only when its size or time changed)."""
        files = self._load()
        key = _absolute(path)
        if raw is None and key in self._seen:
            return self._seen[key]
        try:
            stamp = file_stamp(path)
        except OSError:
            return None
        known = files.get(key)
        if known is not None and known[:3] == stamp and raw is None:
            self._seen[key] = str(known[3])
            return self._seen[key]
        if raw is None:
            try:
                raw = path.read_bytes()
            except OSError:
                return None
        return self._record(key, stamp, content_digest(raw))

    def _record(self, key: str, stamp: list[int], digest: str) -> str:
        self._seen[key] = digest
        files = self._load()
        known = files.get(key)
        record = [*stamp, digest]
        if known != record:
            files[key] = record
            self._new_files[key] = record
        return digest

    def _entry(self, path: Path) -> dict[str, Any] | None:
        self._load()
        if not self._entries and not self._pending:
            return None  # nothing kept yet (a first start): no file need be read for it
        digest = self.digest(path)
        if digest is None:
            return None
        entry = self._entries.get(digest) or self._pending.get(digest)
        if entry is None or not isinstance(entry.get("summary"), dict):
            return None
        if entry["summary"].get("id") != path.stem:
            return None  # the same content under another name: read the file, report its id
        return entry

    def summary(self, path: Path) -> PlaybookSummary | None:
        """The list fields of a cached file's playbook, without reading the playbook."""
        entry = self._entry(path)
        if entry is None:
            return None
        try:  # four plain fields: checking them costs less than building them unchecked
            return PlaybookSummary.model_validate(entry["summary"])
        except ValueError:
            return None

    def raw(self, path: Path) -> bytes | None:
        """The cached playbook of ``path`` as JSON, or None."""
        entry = self._entry(path)
        if entry is None:
            return None
        try:
            offset, length = int(entry["offset"]), int(entry["length"])
            if entry.get("spilled"):
                assert self._spill is not None
                self._spill.seek(offset)
                raw = self._spill.read(length)
                self._spill.seek(self._spill_end)  # where the next blob is written
            else:
                with self.blobs.open("rb") as handle:
                    handle.seek(offset)
                    raw = handle.read(length)
        except (OSError, ValueError, KeyError, TypeError):
            return None
        return raw if len(raw) == length else None

    def get(self, path: Path) -> Playbook | None:
        """The cached playbook of ``path``, or None."""
        raw = self.raw(path)
        if raw is None:
            return None
        try:
            return Playbook.model_validate_json(raw, context=TRUSTED)
        except ValueError:
            return None

    def put(self, path: Path, playbook: Playbook, raw: bytes | None = None) -> None:
        """Keep ``playbook``, read from ``path`` (whose bytes are ``raw``, if at hand)."""
        summary = PlaybookSummary.of(playbook).model_dump(mode="json")
        self.put_validated(path, playbook.model_dump_json().encode(), summary, raw=raw)

    def put_validated(
        self,
        path: Path,
        blob: bytes,
        summary: dict[str, Any],
        *,
        raw: bytes | None = None,
        read: tuple[list[int], str] | None = None,
    ) -> None:
        """Keep a validated playbook given as its JSON (``Playbook.model_dump_json``) and its
        summary's fields; ``read``: the file's stamp and digest, when they are known."""
        if read is not None:
            digest = self._record(_absolute(path), *read)
        else:
            digest = self.digest(path, raw)
        if digest is None or digest in self._entries or digest in self._pending:
            return
        if self._spill_failed:
            return  # the cache keeps what was spilled before; the rest is read next time
        try:
            if self._spill is None:
                self.directory.mkdir(parents=True, exist_ok=True)
                self._spill = tempfile.TemporaryFile(  # noqa: SIM115 (closed by save)
                    dir=self.directory, buffering=SPILL_BUFFER
                )
                self._spill_end = 0
            offset = self._spill_end
            self._spill.write(blob + b"\n")
            self._spill_end += len(blob) + 1
        except OSError:
            self._spill_failed = True
            return
        self._pending[digest] = {
            "summary": summary,
            "offset": offset,
            "length": len(blob),
            "spilled": True,
        }

    def save(self) -> None:
        """Write what is new; a cache that cannot be written is only logged."""
        if not self._pending and not self._new_files:
            return
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            with _locked(self.directory / "playbooks.lock"):
                files, entries = _read_index(self.file)
                files.update(self._new_files)
                with self.blobs.open("ab") as handle:
                    self._keep_spilled(handle, entries)
                files = {k: v for k, v in files.items() if v[3] in entries}
                index = {"files": files, "entries": entries}  # each entry as it is stored
                _write_atomically(self.file, json.dumps(index, separators=(",", ":")).encode())
            self._files, self._entries = files, entries
            self._pending.clear()
            self._new_files.clear()
            if self._spill is not None:
                self._spill.close()
                self._spill = None
            self._spill_failed = False
        except OSError as error:
            log.warning("could not write the playbook cache %s: %s", self.file, error.strerror)

    def _keep_spilled(self, handle: IO[bytes], entries: dict[str, dict[str, Any]]) -> None:
        """Append the spilled blobs to the blob file open as ``handle``, and enter them in
        ``entries``: the whole spill at once when none was kept meanwhile (by another
        process), else blob by blob."""
        if self._spill is None:
            return
        start = handle.tell()
        self._spill.seek(0)
        whole = not self._spill_failed and not any(d in entries for d in self._pending)
        if whole:  # the spill holds the blobs a line each, as the blob file does
            shutil.copyfileobj(self._spill, handle, SPILL_BUFFER)
        for digest, entry in self._pending.items():
            if digest in entries:
                continue
            offset = start + entry["offset"] if whole else handle.tell()
            if not whole:
                self._spill.seek(entry["offset"])
                handle.write(self._spill.read(entry["length"] + 1))  # the blob and its line end
            entries[digest] = {
                "summary": entry["summary"],
                "offset": offset,
                "length": entry["length"],
            }


#: The spill's buffer, and the pieces it is copied in.
SPILL_BUFFER = 1 << 18


def _read_index(file: Path) -> tuple[dict[str, list[Any]], dict[str, dict[str, Any]]]:
    try:
        data = json.loads(file.read_bytes())
    except (OSError, ValueError):
        return {}, {}
    if not isinstance(data, dict):
        return {}, {}
    files, entries = data.get("files"), data.get("entries")
    if not isinstance(files, dict) or not isinstance(entries, dict):
        return {}, {}
    entries = {
        k: v
        for k, v in entries.items()
        if isinstance(v, dict)
        and isinstance(v.get("offset"), int)
        and isinstance(v.get("length"), int)
    }
    files = {
        k: v for k, v in files.items() if isinstance(v, list) and len(v) == 4 and v[3] in entries
    }
    return files, entries


@contextlib.contextmanager
def _locked(lock_file: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``lock_file`` (where the platform has one)."""
    with lock_file.open("a") as handle:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not on this platform
            yield
            return
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _write_atomically(target: Path, data: bytes) -> None:
    with tempfile.NamedTemporaryFile(dir=target.parent, delete=False, suffix=".tmp") as handle:
        handle.write(data)
    os.replace(handle.name, target)


#: Validation context marking data that was already validated when it was cached.
TRUSTED = {"trusted": True}


def _absolute(path: Path) -> str:
    """``os.path.abspath(path)``, without its work for a path that is plainly absolute already
    (as the files listed in a folder given by its absolute path are)."""
    text = str(path)
    if text.startswith("/") and "/." not in text:
        return text
    return os.path.abspath(text)


def file_stamp(path: Path) -> list[int]:
    """Size, modification time and inode: while they are unchanged the file is not re-read."""
    stat = path.stat()
    return [stat.st_size, stat.st_mtime_ns, stat.st_ino]


def content_digest(raw: bytes) -> str:
    """What a cached entry is keyed by: the file's content."""
    return hashlib.blake2b(raw, digest_size=16).hexdigest()


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


@dataclass(frozen=True, slots=True)
class ReadFile:
    """One playbook file after reading: its summary, or the problems that kept it out.

    ``fields`` holds the playbook's match fields (title, summary, examples, keywords) when the
    file was read now; it is None when its validated playbook came from the cache.
    """

    path: Path
    summary: PlaybookSummary | None
    problems: tuple[Problem, ...] = ()
    fields: tuple[str, str, tuple[str, ...], tuple[str, ...]] | None = None
    blob: bytes | None = None  # the validated playbook as JSON, when asked to keep it


#: Below this many files to read, one process reads them all (a pool costs more than it saves).
PARALLEL_FROM = 64


def read_playbook_files(
    files: list[Path],
    cache: PlaybookCache | None = None,
    *,
    workers: int | None = None,
    keep: bool = False,
    save: bool = True,
) -> Iterator[ReadFile]:
    """Each of ``files`` read and validated, in their order, as soon as it is: what the cache
    already holds at once, the rest as it is read.

    Files that are new or changed are read in parallel (one process per core, up to
    ``workers``) when there are many of them; the cache is written once the last is given
    (or, without ``save``, when the caller calls its :meth:`PlaybookCache.save`). With
    ``keep``, each playbook read now comes back as JSON too.
    """
    cached: dict[Path, PlaybookSummary] = {}
    missing: list[Path] = []
    for path in files:
        summary = cache.summary(path) if cache else None
        if summary is None:
            missing.append(path)
        else:
            cached[path] = summary
    fresh = _read_all(missing, workers)
    for path in files:
        summary = cached.get(path) if cached else None  # (a new path's hash is costly)
        if summary is not None:
            yield ReadFile(path, summary)
            continue
        outcome = next(fresh)  # in the order of ``missing``, which is the files' order
        if isinstance(outcome, list):
            yield ReadFile(path, None, tuple(outcome))
            continue
        stamp, digest, blob, summary_fields, fields = outcome
        if cache is not None:
            cache.put_validated(path, blob, summary_fields, read=(stamp, digest))
        yield ReadFile(
            path,
            PlaybookSummary.model_validate(summary_fields),
            fields=fields,
            blob=blob if keep else None,
        )
    fresh.close()
    if cache is not None and save:
        cache.save()


_Outcome = (
    tuple[
        list[int],
        str,
        bytes,
        dict[str, Any],
        tuple[str, str, tuple[str, ...], tuple[str, ...]],
    ]
    | list[Problem]
)


def _read_one(path: Path) -> _Outcome:
    """Read and validate one file; what a worker process sends back."""
    try:
        stamp = file_stamp(path)
        raw = path.read_bytes() if stamp[0] <= safe_yaml.MAX_FILE_BYTES else None
        playbook = load_playbook(path, raw=raw)
    except DocumentError as error:
        return error.problems
    except OSError as error:
        return [Problem(str(path), 1, 1, f"cannot read: {error.strerror}")]
    digest = content_digest(raw) if raw is not None else ""
    summary = PlaybookSummary.of(playbook).model_dump(mode="json")
    fields = (
        playbook.title,
        playbook.summary,
        tuple(playbook.match.examples),
        tuple(playbook.match.keywords),
    )
    return stamp, digest, playbook.model_dump_json().encode(), summary, fields


def worker_count(workers: int | None) -> int:
    """How many processes to share a large job between: ``workers`` when given (up to 4),
    else one per idle core (up to 4). On a busy machine a pool costs more than it gives
    back: each worker copies what it touches of the parent's memory, and results are
    pickled both ways, while the cores are already taken."""
    if workers is not None:
        return max(1, min(workers, 4))
    cores = os.cpu_count() or 1
    try:
        busy = os.getloadavg()[0]
    except OSError:  # pragma: no cover - no load average on this platform
        busy = 0.0
    return max(1, min(round(cores - busy), 4))


def one_per_core() -> int:
    """One process per core (up to 4), however busy the machine: for the jobs of a first
    start, where the load average still counts the last minute's work (an earlier start)."""
    return worker_count(os.cpu_count() or 1)


def _read_all(paths: list[Path], workers: int | None) -> Iterator[_Outcome]:
    # One process per core even on a busy machine: reading in this process would cost less
    # time but leave it holding far more memory.
    count = worker_count(workers) if workers else one_per_core()
    if count < 2 or len(paths) < PARALLEL_FROM or "fork" not in mp.get_all_start_methods():
        yield from map(_read_one, paths)
        return
    # fork: the workers start at once with everything already imported
    with mp.get_context("fork").Pool(count) as pool:
        yield from pool.imap(_read_one, paths, chunksize=32)


def load_playbooks(paths: Iterable[Path], *, cache: PlaybookCache | None = None) -> LoadResult:
    """Load every playbook under ``paths``; bad files are reported, good ones kept."""
    files, problems = playbook_files(paths)
    result = LoadResult(problems=problems)
    for done in read_playbook_files(files, cache, keep=True):
        if done.summary is None:
            result.problems.extend(done.problems)
            continue
        if done.blob is not None:
            playbook = Playbook.model_validate_json(done.blob, context=TRUSTED)
        else:
            playbook = (cache.get(done.path) if cache else None) or _reload(done.path, result)
        if playbook is None:
            continue
        if playbook.id in result.sources:
            result.problems.append(
                duplicate_id(done.path, playbook.id, result.sources[playbook.id])
            )
            continue
        result.sources[playbook.id] = done.path
        result.playbooks.append(playbook)
    for problem in result.problems:
        log.warning("skipped playbook: %s", problem)
    return result


def _reload(path: Path, result: LoadResult) -> Playbook | None:
    try:
        return load_playbook(path)
    except DocumentError as error:  # changed while we were reading it
        result.problems.extend(error.problems)
        return None
