"""Each server's own set of playbooks: uploaded, overriding or hiding shipped ones, versioned.

A server's set is the shipped catalogue less the shipped playbooks it hides, plus its own
playbooks (a playbook with a shipped id overrides the shipped one in that server only). Every
version of a server playbook is kept in the database, so a server can go back to any of them
and a walkthrough keeps the version it started on.

:class:`ServerPlaybooks` is what the front ends call. Each process holds a
:class:`GuildCatalog` per server it has served, tagged with the server's revision (a counter the
database raises on every change); :meth:`ServerPlaybooks.catalog_for` compares it with the
stored revision (one primary-key query) and reloads the server's playbooks only when it
changed, so a change made through any process sharing the database counts in every other at
its next interaction. Matching composes the shipped index with a small index of the server's
own playbooks (:class:`~bot.core.server_sets.ServerSets`); the shipped set is never indexed
again per server. Nothing here imports discord.
"""

from __future__ import annotations

import asyncio
import logging
import os
import tempfile
import threading
import zlib
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import IO, Any

from bot.core import safe_yaml
from bot.core.catalog import Catalog
from bot.core.lint import LintedFile, lint_file
from bot.core.loader import content_digest, load_playbook
from bot.core.matcher import Matcher
from bot.core.models import Category, Playbook, PlaybookSummary
from bot.core.playbook_yaml import dump_playbook, playbook_data
from bot.core.safe_yaml import DocumentError, Problem
from bot.core.server_sets import ServerSets
from bot.storage import ServerPlaybookRecord, Store

log = logging.getLogger(__name__)

#: The most playbooks of its own a server may have (new ones and overriding ones together).
MAX_SERVER_PLAYBOOKS = 50
#: The largest playbook file a server may upload: the loader's own limit.
MAX_UPLOAD_BYTES = safe_yaml.MAX_FILE_BYTES
#: Parsed server playbooks kept in memory, by content (a held server set keeps each of its
#: own playbooks compressed, and parses it again when it is needed and no longer kept). A
#: parsed playbook takes about 22 KB; parsing one again takes a millisecond or two.
PARSED_PLAYBOOKS = 256


class Origin(StrEnum):
    """Where a playbook in a server's set comes from."""

    SHIPPED = "shipped"
    SERVER = "server"
    OVERRIDING = "overriding"
    HIDDEN = "hidden"


@dataclass(frozen=True, slots=True)
class ListedPlaybook:
    """One line of a server's listing: ``version`` is the server version of its own ones."""

    id: str
    title: str
    origin: Origin
    version: int | None


@dataclass(slots=True)
class UploadOutcome:
    """What came of an upload (or a revert, or an applied change).

    On success ``playbook`` is the saved playbook, ``version`` its server version and
    ``origin`` whether it adds to or overrides the shipped set; otherwise ``playbook`` is None
    and ``problems`` says why, each as ``file:line:col: message``.
    """

    playbook: Playbook | None
    problems: list[str] = field(default_factory=list)
    version: int | None = None
    origin: Origin | None = None
    #: True when the content was the same as the server's current version (nothing saved).
    unchanged: bool = False

    @property
    def ok(self) -> bool:
        return self.playbook is not None and not self.problems


def _refused(problems: Iterable[Problem | str]) -> UploadOutcome:
    return UploadOutcome(None, [str(p) for p in problems])


@dataclass(frozen=True, slots=True)
class OwnPlaybook:
    """One of a server's own playbooks as its held set keeps it: the version, what lists show
    (id, title, summary, category), and where its file is kept (see :class:`PackedFiles`;
    parsed when a walkthrough needs the whole playbook). Kept small: a thousand servers hold
    tens of thousands of them."""

    version: int
    listed: tuple[str, str, str, Category]
    key: str  # the parsed-playbook cache's key: the id and the content's digest
    kept: tuple[int, int]  # the packed file's offset and length in the process's file

    @property
    def summary(self) -> PlaybookSummary:
        playbook_id, title, summary, category = self.listed
        return PlaybookSummary.model_construct(
            id=playbook_id, title=title, summary=summary, category=category
        )


class Packer:
    """Compresses server playbook files with a preset dictionary: the lines the shipped
    playbooks share most, as an export writes them. A server's playbooks are mostly shipped
    ones edited (exported, changed, uploaded again), and pack to about a quarter less than
    without it. The dictionary is made from the shipped set when first needed and never
    changes in a process (packed files never leave it)."""

    #: The most of a preset dictionary zlib can use.
    SIZE = 32 * 1024

    def __init__(self, shipped: Catalog) -> None:
        self._shipped = shipped
        self._dictionary: bytes | None = None
        self._lock = threading.Lock()

    def _made(self) -> bytes:
        with self._lock:
            if self._dictionary is None:
                lines: Counter[str] = Counter()
                for playbook_id in self._shipped.ids:
                    playbook = self._shipped.get(playbook_id)
                    if playbook is not None:
                        lines.update(dump_playbook(playbook).splitlines(keepends=True))
                # zlib finds near matches cheapest: the most valuable lines go last.
                ranked = sorted(lines, key=lambda line: (lines[line] * len(line), line))
                self._dictionary = "".join(ranked).encode()[-self.SIZE :]
            return self._dictionary

    def pack(self, raw: bytes) -> bytes:
        packer = zlib.compressobj(9, zdict=self._made())
        return packer.compress(raw) + packer.flush()

    def unpack(self, packed: bytes) -> bytes:
        unpacker = zlib.decompressobj(zdict=self._made())
        return unpacker.decompress(packed) + unpacker.flush()


class PackedFiles:
    """The files of the servers' playbooks, packed, in a temporary file of this process rather
    than in its memory: a held set needs one only to parse a playbook again (when a walkthrough
    needs it and the parsed copy was let go), a read of a few kilobytes. The same content is
    kept once, however many times its server's set is reloaded; the file goes when the
    process ends. Where no temporary file can be made, they are kept in memory."""

    def __init__(self, packer: Packer) -> None:
        self.packer = packer
        self._file: IO[bytes] | None = None
        self._size = 0
        self._where: dict[str, tuple[int, int]] = {}
        self._in_memory: list[bytes] = []
        self._lock = threading.Lock()

    def keep(self, key: str, raw: bytes) -> tuple[int, int]:
        """Keep the file ``raw`` (whose cache key is ``key``); where it is kept."""
        with self._lock:
            found = self._where.get(key)
            if found is not None:
                return found
        packed = self.packer.pack(raw)
        with self._lock:
            found = self._where.get(key)
            if found is not None:
                return found
            try:
                if self._file is None and not self._in_memory:
                    self._file = tempfile.TemporaryFile(prefix="seller-coach-")  # noqa: SIM115 (kept open)
                if self._file is not None:
                    os.pwrite(self._file.fileno(), packed, self._size)
                    where = (self._size, len(packed))
                    self._size += len(packed)
                else:
                    where = (-1 - len(self._in_memory), len(packed))
                    self._in_memory.append(packed)
            except OSError as error:
                log.warning("server playbooks are kept in memory: %s", error.strerror)
                self._file = None
                where = (-1 - len(self._in_memory), len(packed))
                self._in_memory.append(packed)
            self._where[key] = where
            return where

    def read(self, where: tuple[int, int]) -> bytes:
        """A kept file, unpacked."""
        offset, length = where
        if offset < 0:
            packed = self._in_memory[-1 - offset]
        else:
            assert self._file is not None
            packed = os.pread(self._file.fileno(), length, offset)
        return self.packer.unpack(packed)


class GuildCatalog:
    """One server's set, with the surface of :class:`~bot.core.catalog.Catalog`: the shipped
    playbooks less those it hides, plus its own (which win over shipped ones of the same id).

    Composed on the shipped catalogue, not copied from it: a server's catalogue holds only
    its own playbooks (compressed; ``fetch`` gives the whole playbook), the ids it hides and
    its matcher.
    """

    def __init__(
        self,
        guild_id: int,
        shipped: Catalog,
        own: Mapping[str, OwnPlaybook],
        hidden: Iterable[str],
        matcher: Matcher,
        revision: int,
        fetch: Callable[[str, OwnPlaybook], Playbook | None] | None = None,
        files: PackedFiles | None = None,
    ) -> None:
        self.guild_id = guild_id
        self.shipped = shipped
        self._own = dict(own)
        self._fetch = fetch
        self._files = files
        self.hidden = frozenset(i for i in hidden if i in shipped)
        self.matcher = matcher
        self.revision = revision

    def _shipped_shown(self, playbook_id: str) -> bool:
        return playbook_id in self.shipped and playbook_id not in self.hidden

    def __contains__(self, playbook_id: object) -> bool:
        return playbook_id in self._own or (
            isinstance(playbook_id, str) and self._shipped_shown(playbook_id)
        )

    def __len__(self) -> int:
        added = sum(1 for i in self._own if i not in self.shipped)
        hidden = sum(1 for i in self.hidden if i not in self._own)
        return len(self.shipped) - hidden + added

    @property
    def ids(self) -> list[str]:
        shown = [i for i in self.shipped.ids if i in self._own or i not in self.hidden]
        return shown + [i for i in self._own if i not in self.shipped]

    @property
    def own_ids(self) -> list[str]:
        """The server's own playbooks, new and overriding."""
        return list(self._own)

    def version(self, playbook_id: str) -> int | None:
        """The server version of one of its own playbooks; None for a shipped one."""
        found = self._own.get(playbook_id)
        return None if found is None else found.version

    def file(self, playbook_id: str) -> str | None:
        """One of the server's own playbooks as its file, as uploaded; None for others."""
        found = self._own.get(playbook_id)
        if found is None or self._files is None:
            return None
        return self._files.read(found.kept).decode()

    def origin(self, playbook_id: str) -> Origin | None:
        """Where ``playbook_id`` comes from in this server (None: no such id at all)."""
        if playbook_id in self._own:
            return Origin.OVERRIDING if playbook_id in self.shipped else Origin.SERVER
        if playbook_id in self.shipped:
            return Origin.HIDDEN if playbook_id in self.hidden else Origin.SHIPPED
        return None

    def get(self, playbook_id: str) -> Playbook | None:
        """The whole playbook as this server has it, or None."""
        found = self._own.get(playbook_id)
        if found is not None:
            return None if self._fetch is None else self._fetch(playbook_id, found)
        return self.shipped.get(playbook_id) if self._shipped_shown(playbook_id) else None

    def summary(self, playbook_id: str) -> PlaybookSummary | None:
        found = self._own.get(playbook_id)
        if found is not None:
            return found.summary
        return self.shipped.summary(playbook_id) if self._shipped_shown(playbook_id) else None

    def summaries(self) -> list[PlaybookSummary]:
        """Every playbook of the server's set, sorted by title."""
        shipped = [s for s in self.shipped.summaries() if s.id not in self._own]
        if self.hidden:
            shipped = [s for s in shipped if s.id not in self.hidden]
        own = [entry.summary for entry in self._own.values()]
        return sorted([*shipped, *own], key=lambda s: s.title.casefold())

    def by_category(self) -> dict[Category, list[PlaybookSummary]]:
        """Playbooks grouped by category (in the enum's order), each group sorted by title."""
        groups: dict[Category, list[PlaybookSummary]] = {c: [] for c in Category}
        for summary in self.summaries():
            groups[summary.category].append(summary)
        return {c: group for c, group in groups.items() if group}


#: What a server's set may be: the shipped catalogue itself (a DM) or a server's.
AnyCatalog = Catalog | GuildCatalog


def server_version(catalog: AnyCatalog, playbook_id: str) -> int | None:
    """The server version of ``playbook_id`` in ``catalog`` (None: shipped, or a DM)."""
    return catalog.version(playbook_id) if isinstance(catalog, GuildCatalog) else None


def _key(playbook_id: str, raw: bytes) -> str:
    """What a parsed server playbook is kept by: its id and its content."""
    return f"{playbook_id}:{content_digest(raw)}"


class ServerPlaybooks:
    """Servers' playbooks: their catalogues, kept fresh, and the admins' changes to them."""

    def __init__(
        self,
        catalog: Catalog,
        store: Store,
        sets: ServerSets | None = None,
        *,
        max_playbooks: int = MAX_SERVER_PLAYBOOKS,
        parsed: int = PARSED_PLAYBOOKS,
    ) -> None:
        self.catalog = catalog
        self.store = store
        #: The most playbooks of its own a server may have.
        self.max_playbooks = max_playbooks
        self.sets = sets if sets is not None else ServerSets(catalog.matcher)
        self._held: OrderedDict[int, GuildCatalog] = OrderedDict()
        #: The files of the servers' own playbooks, out of memory.
        self.files = PackedFiles(Packer(catalog))
        self._parsed: OrderedDict[str, Playbook] = OrderedDict()
        self._parsed_capacity = parsed
        self._lock = threading.Lock()  # the parsed cache is also filled from worker threads
        #: How many times a server's set was read from the database.
        self.loads = 0

    # -- reading ----------------------------------------------------------------------------

    async def catalog_for(self, guild_id: int | None) -> AnyCatalog:
        """The set ``guild_id`` sees: the shipped catalogue for a DM (None), else the server's,
        as it is in the database now (one primary-key query; reloaded only when it changed)."""
        if guild_id is None:
            return self.catalog
        return await self.catalog_at(guild_id, await self.store.server_set_revision(guild_id))

    async def catalog_at(self, guild_id: int | None, revision: int | None) -> AnyCatalog:
        """:meth:`catalog_for` with the server's revision just read by the caller (with other
        reads of the same interaction, see :meth:`bot.storage.Store.standing`)."""
        if guild_id is None:
            return self.catalog
        if revision is None:
            raise ValueError("a server's set needs its revision")
        held = self._held.get(guild_id)
        if held is not None and held.revision == revision:
            self._held.move_to_end(guild_id)
            self.sets.get(guild_id)  # used: last to be let go there too
            return held
        return await self._load(guild_id, revision)

    async def _load(self, guild_id: int, revision: int) -> GuildCatalog:
        # Read after the revision: if a change lands in between, this copy is newer than its
        # tag says and is merely read again at the next call.
        if revision == 0:
            records: list[ServerPlaybookRecord] = []
            hidden: set[str] = set()
        else:
            records = await self.store.server_playbooks(guild_id)
            hidden = await self.store.hidden_playbooks(guild_id)
        self.loads += 1
        if records or hidden:
            guild = await asyncio.to_thread(self._build, guild_id, records, hidden, revision)
        else:
            guild = GuildCatalog(guild_id, self.catalog, {}, (), self.catalog.matcher, revision)
            self.sets.update(guild_id)
        self._held[guild_id] = guild
        self._held.move_to_end(guild_id)
        while len(self._held) > self.sets.capacity:
            dropped, _ = self._held.popitem(last=False)
            self.sets.forget(dropped)  # its matcher goes with it, to be rebuilt if needed
        return guild

    def _build(
        self,
        guild_id: int,
        records: list[ServerPlaybookRecord],
        hidden: set[str],
        revision: int,
    ) -> GuildCatalog:
        own: dict[str, OwnPlaybook] = {}
        playbooks: list[Playbook] = []
        for record in records:
            if record.content is None:
                continue
            raw = record.content.encode()
            key = _key(record.playbook_id, raw)
            playbook = self._parse(record.playbook_id, raw, key)
            if playbook is not None:
                listed = (playbook.id, playbook.title, playbook.summary, playbook.category)
                kept = self.files.keep(key, raw)
                own[record.playbook_id] = OwnPlaybook(record.version, listed, key, kept)
                playbooks.append(playbook)
        matcher = self.sets.update(guild_id, playbooks, hidden=hidden)
        return GuildCatalog(
            guild_id, self.catalog, own, hidden, matcher, revision, self._fetch, self.files
        )

    def _fetch(self, playbook_id: str, own: OwnPlaybook) -> Playbook | None:
        return self._parse(playbook_id, None, own.key, own)

    def _parse(
        self, playbook_id: str, raw: bytes | None, key: str, own: OwnPlaybook | None = None
    ) -> Playbook | None:
        """A stored server playbook (given as ``raw``, or packed in ``own``), parsed once per
        content; None (logged) when it no longer reads (the playbook format changed since it
        was saved)."""
        with self._lock:
            found = self._parsed.get(key)
            if found is not None:
                self._parsed.move_to_end(key)
                return found
        if raw is None:
            assert own is not None
            raw = self.files.read(own.kept)
        try:
            playbook = load_playbook(Path(f"{playbook_id}.yaml"), raw=raw)
        except DocumentError as error:
            log.warning(
                "a server playbook %s no longer reads (%d problems); left out",
                playbook_id,
                len(error.problems),
            )
            return None
        self._keep(key, playbook)
        return playbook

    def _keep(self, key: str, playbook: Playbook) -> None:
        with self._lock:
            self._parsed[key] = playbook
            self._parsed.move_to_end(key)
            while len(self._parsed) > self._parsed_capacity:
                self._parsed.popitem(last=False)

    async def pinned(self, guild_id: int, playbook_id: str, version: int) -> Playbook | None:
        """One version of a server playbook, current or not (a walkthrough keeps the version
        it started on); None when it is gone or no longer reads."""
        held = self._held.get(guild_id)
        if held is not None and held.version(playbook_id) == version:
            return held.get(playbook_id)
        record = await self.store.server_playbook_version(guild_id, playbook_id, version)
        if record is None or record.content is None:
            return None
        raw = record.content.encode()
        return self._parse(playbook_id, raw, _key(playbook_id, raw))

    async def listing(self, guild_id: int) -> list[ListedPlaybook]:
        """Every playbook the server has or hides, with where it comes from, by title."""
        guild = await self.catalog_for(guild_id)
        assert isinstance(guild, GuildCatalog)
        listed = []
        for summary in self.catalog.summaries():
            if guild.version(summary.id) is None:
                origin = Origin.HIDDEN if summary.id in guild.hidden else Origin.SHIPPED
                listed.append(ListedPlaybook(summary.id, summary.title, origin, None))
        for playbook_id in guild.own_ids:
            summary = guild.summary(playbook_id)
            origin = guild.origin(playbook_id)
            if summary is not None and origin is not None:
                version = guild.version(playbook_id)
                listed.append(ListedPlaybook(playbook_id, summary.title, origin, version))
        return sorted(listed, key=lambda p: (p.title.casefold(), p.id))

    async def export(self, guild_id: int, playbook_id: str) -> tuple[str, bytes] | None:
        """A playbook of the server's set (hidden shipped ones too) as a file to edit and
        upload again: the server's current version as uploaded, or the shipped one."""
        filename = f"{playbook_id}.yaml"
        guild = await self.catalog_for(guild_id)
        text = guild.file(playbook_id) if isinstance(guild, GuildCatalog) else None
        if text is not None:
            return filename, text.encode()
        shipped = self.catalog.get(playbook_id)
        if shipped is None:
            return None
        return filename, dump_playbook(shipped).encode()

    async def history(self, guild_id: int, playbook_id: str) -> list[ServerPlaybookRecord]:
        """Every version of one of the server's playbooks, oldest first (removals included)."""
        return await self.store.server_playbook_history(guild_id, playbook_id)

    async def changed(self, guild_id: int) -> list[tuple[str, bytes]]:
        """The server's own playbooks (new and overriding) as files, for sending upstream."""
        records = await self.store.server_playbooks(guild_id)
        return [(f"{r.playbook_id}.yaml", r.content.encode()) for r in records if r.content]

    # -- changing ---------------------------------------------------------------------------

    async def upload(
        self, guild_id: int, filename: str, raw: bytes, *, author_id: int | None
    ) -> UploadOutcome:
        """Add or replace one of the server's playbooks from an uploaded file.

        The file gets the checks of ``seller-coach lint`` (the strict loader, then the
        proofreader), its id must equal the file name, and the server may have at most
        :attr:`max_playbooks` of its own. Saved as a new version when all is well.
        """
        if len(raw) > MAX_UPLOAD_BYTES:  # not even decoded
            name = Path(filename.replace("\\", "/")).name or "playbook.yaml"
            limit = f"the file is {len(raw):,} bytes; the limit is {MAX_UPLOAD_BYTES:,}"
            return _refused([Problem(name, 1, 1, limit)])
        linted = await asyncio.to_thread(lint_file, filename, raw, max_bytes=MAX_UPLOAD_BYTES)
        return await self._save(guild_id, linted, by=author_id)

    async def _save(self, guild_id: int, linted: LintedFile, *, by: int | None) -> UploadOutcome:
        playbook, text = linted.playbook, linted.text
        if not linted.ok or playbook is None or text is None:
            return _refused(linted.problems)
        current = {r.playbook_id: r for r in await self.store.server_playbooks(guild_id)}
        origin = Origin.OVERRIDING if playbook.id in self.catalog else Origin.SERVER
        held = current.get(playbook.id)
        if held is None and len(current) >= self.max_playbooks:
            message = (
                f"this server already has {len(current)} playbooks of its own, the most it can "
                "have: remove one first, or replace one by uploading a file with its id"
            )
            return _refused([Problem(f"{playbook.id}.yaml", 1, 1, message)])
        if held is not None and held.content == text:
            return UploadOutcome(playbook, [], held.version, origin, unchanged=True)
        record = await self.store.save_server_playbook(guild_id, playbook.id, text, author_id=by)
        self._keep(_key(playbook.id, text.encode()), playbook)
        return UploadOutcome(playbook, [], record.version, origin)

    async def remove(self, guild_id: int, playbook_id: str, *, by: int | None) -> bool:
        """Remove one of the server's own playbooks (a shipped one it overrode comes back);
        False when the server has no playbook of its own by that id. Its versions stay."""
        current = {r.playbook_id for r in await self.store.server_playbooks(guild_id)}
        if playbook_id not in current:
            return False
        await self.store.save_server_playbook(guild_id, playbook_id, None, author_id=by)
        return True

    async def hide(self, guild_id: int, playbook_id: str, *, by: int | None) -> bool:
        """Hide a shipped playbook in the server; False when ``playbook_id`` is not a shipped
        playbook (a server's own is removed instead) or is hidden already. A server playbook
        overriding it stays in the set."""
        if playbook_id not in self.catalog:
            return False
        return await self.store.hide_playbook(guild_id, playbook_id, by=by)

    async def unhide(self, guild_id: int, playbook_id: str) -> bool:
        """Show a hidden shipped playbook again; False when it was not hidden."""
        return await self.store.unhide_playbook(guild_id, playbook_id)

    async def revert(
        self, guild_id: int, playbook_id: str, version: int, *, by: int | None
    ) -> UploadOutcome:
        """Make an earlier version current again, saved as a new version (after the checks of
        an upload: the playbook format may have moved on since)."""
        filename = f"{playbook_id}.yaml"
        record = await self.store.server_playbook_version(guild_id, playbook_id, version)
        if record is None:
            message = f"this server has no version {version} of {playbook_id}"
            return _refused([Problem(filename, 1, 1, message)])
        if record.content is None:
            message = f"version {version} of {playbook_id} is its removal: pick a version before it"
            return _refused([Problem(filename, 1, 1, message)])
        linted = await asyncio.to_thread(lint_file, filename, record.content.encode())
        return await self._save(guild_id, linted, by=by)

    async def apply_change(
        self,
        guild_id: int,
        playbook_id: str,
        change: Callable[[dict[str, Any]], dict[str, Any]],
        *,
        by: int | None,
    ) -> UploadOutcome:
        """Change a playbook of the server's set as data and save it as a new server version.

        ``change`` gets the plain data (a fresh copy) of the server's current version, or of the
        shipped playbook when the server has none, and returns the new data; it is checked like an
        upload (so its id cannot change).
        """
        guild = await self.catalog_for(guild_id)
        base = guild.get(playbook_id) if server_version(guild, playbook_id) else None
        base = base or self.catalog.get(playbook_id)
        filename = f"{playbook_id}.yaml"
        if base is None:
            return _refused([Problem(filename, 1, 1, f"there is no playbook {playbook_id}")])
        data = change(playbook_data(base))  # a fresh dict: the change may alter it in place
        text = dump_playbook(data)
        linted = await asyncio.to_thread(lint_file, filename, text.encode())
        return await self._save(guild_id, linted, by=by)
