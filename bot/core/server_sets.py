"""Each server's set of playbooks: the shipped ones, less those it hides, plus its own.

The shipped index is built once and shared by every server. A server with playbooks of its own
gets a small index of only those (see :meth:`~bot.core.matcher.Matcher.for_server`); a server
without any matches with the shipped matcher itself. :class:`ServerSets` keeps the servers'
matchers: it rebuilds a server's only when the content of its set changes, and lets the least
recently used go beyond a bound (they are rebuilt from their playbooks when needed again).
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

from bot.core.matcher import MatchEntry, Matcher
from bot.core.models import Category, Playbook

#: How many servers' sets are kept by default.
DEFAULT_CAPACITY = 2000


@dataclass(frozen=True, slots=True)
class ServerSet:
    """One server's matcher and the content it was built from (its digest)."""

    digest: str
    matcher: Matcher


def set_digest(own: Iterable[MatchEntry], hidden: Iterable[str], never_also: Iterable[str]) -> str:
    """A fingerprint of what a server's matcher is built from; the order does not matter."""
    content = [
        sorted([e.id, e.title, e.summary, list(e.examples), list(e.keywords)] for e in own),
        sorted(set(hidden)),
        sorted(set(never_also)),
    ]
    encoded = json.dumps(content, ensure_ascii=False).encode()
    return hashlib.blake2b(encoded, digest_size=16).hexdigest()


class ServerSets:
    """The matchers of many servers over one shipped matcher, least recently used dropped first.

    :meth:`update` is called with a server's playbooks when they are loaded or change;
    :meth:`get` is what an interaction asks for. Safe to share between threads: a build runs
    outside the lock, so it can be moved off an event loop (``asyncio.to_thread``).
    """

    def __init__(self, shipped: Matcher, capacity: int = DEFAULT_CAPACITY) -> None:
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self.shipped = shipped
        self.capacity = capacity
        self._sets: OrderedDict[Hashable, ServerSet] = OrderedDict()
        self._lock = threading.Lock()
        #: How many server matchers have been built (an unchanged set is not rebuilt).
        self.builds = 0

    def __len__(self) -> int:
        return len(self._sets)

    def __contains__(self, server: object) -> bool:
        return server in self._sets

    def get(self, server: Hashable) -> Matcher | None:
        """The server's matcher, or None when its set is not held (never loaded, or dropped):
        then load its playbooks and :meth:`update`."""
        with self._lock:
            found = self._sets.get(server)
            if found is None:
                return None
            self._sets.move_to_end(server)
            return found.matcher

    def update(
        self,
        server: Hashable,
        own: Iterable[Playbook | MatchEntry] = (),
        *,
        hidden: Iterable[str] = (),
        never_also: Iterable[str] = (),
    ) -> Matcher:
        """Hold the server's set as these playbooks of its own and the shipped ids it hides;
        return its matcher. Rebuilt only when the content differs from the one held.

        A playbook with a shipped id overrides the shipped one in this server. Proactive
        playbooks (messages sent unprompted), like those named in ``never_also``, are never
        offered as "also".
        """
        entries: list[MatchEntry] = []
        unprompted = set(never_also)
        for playbook in own:
            if isinstance(playbook, Playbook):
                if playbook.category is Category.PROACTIVE:
                    unprompted.add(playbook.id)
                entries.append(MatchEntry.of(playbook))
            else:
                entries.append(playbook)
        hidden = set(hidden)
        digest = set_digest(entries, hidden, unprompted)
        with self._lock:
            held = self._sets.get(server)
            if held is not None and held.digest == digest:
                self._sets.move_to_end(server)
                return held.matcher
        if entries or hidden:
            entries.sort(key=lambda e: e.id)
            matcher = self.shipped.for_server(entries, hidden=hidden, never_also=unprompted)
        else:
            matcher = self.shipped
        with self._lock:
            if matcher is not self.shipped:
                self.builds += 1
            self._sets[server] = ServerSet(digest, matcher)
            self._sets.move_to_end(server)
            while len(self._sets) > self.capacity:
                self._sets.popitem(last=False)
        return matcher

    def forget(self, server: Hashable) -> None:
        """Drop the server's set (it left, or its playbooks are to be read again)."""
        with self._lock:
            self._sets.pop(server, None)
