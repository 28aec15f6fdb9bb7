"""The Gateway websocket: HELLO, IDENTIFY/READY, RESUME with replay, heartbeats, zlib-stream.

One :class:`GatewaySession` exists per IDENTIFY. Every dispatch gets the session's next
sequence number and is kept in the session's event log, so a client that RESUMEs with the
last sequence it saw gets everything it missed, followed by ``RESUMED``. Each connection
has exactly one writer coroutine, which keeps dispatch order and the shared zlib stream intact.

Several sessions may be live at once (shards, or several bot processes), and events are routed
as Discord routes them: a guild's events to the sessions of shard ``(guild_id >> 22) %
shard_count``, everything else (DMs) to shard 0, everything to an unsharded session, and to
*each* session that qualifies, so two processes that both take the same shard both get the
event (and both answer it, which the double then reports).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import secrets
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from aiohttp import WSMsgType, web

log = logging.getLogger(__name__)

# Opcodes
DISPATCH = 0
HEARTBEAT = 1
IDENTIFY = 2
PRESENCE_UPDATE = 3
VOICE_STATE_UPDATE = 4
RESUME = 6
RECONNECT = 7
REQUEST_GUILD_MEMBERS = 8
INVALID_SESSION = 9
HELLO = 10
HEARTBEAT_ACK = 11

# Close codes
UNKNOWN_OPCODE = 4001
DECODE_ERROR = 4002
NOT_AUTHENTICATED = 4003
AUTHENTICATION_FAILED = 4004
ALREADY_AUTHENTICATED = 4005
INVALID_API_VERSION = 4012
INVALID_SHARD = 4010
DISALLOWED_INTENTS = 4014

EVENT_LOG_LIMIT = 50_000


def _valid_shard(shard: Any) -> bool:
    """``[shard_id, shard_count]`` with ``0 <= shard_id < shard_count``."""
    return (
        isinstance(shard, list)
        and len(shard) == 2
        and all(isinstance(n, int) and not isinstance(n, bool) for n in shard)
        and 0 <= shard[0] < shard[1]
    )


class GatewayHost(Protocol):
    """What the gateway needs from the double that owns it."""

    token: str

    def ready_payload(self, session: GatewaySession) -> dict[str, Any]: ...

    def guild_create_payloads(self, session: GatewaySession) -> list[dict[str, Any]]: ...

    def members_chunk(self, request: dict[str, Any]) -> list[dict[str, Any]]: ...

    def gateway_violation(self, message: str) -> None: ...

    def state_changed(self) -> None: ...


class _EventLog:
    """Dispatches of one session, by sequence number, for resume replay."""

    def __init__(self) -> None:
        self._items: list[tuple[int, str]] = []
        self._first_seq = 1

    def append(self, seq: int, raw: str) -> None:
        self._items.append((seq, raw))
        if len(self._items) > EVENT_LOG_LIMIT:
            drop = len(self._items) // 2
            self._items = self._items[drop:]
            self._first_seq = self._items[0][0]

    def covers(self, seq: int) -> bool:
        return seq + 1 >= self._first_seq

    def after(self, seq: int) -> list[tuple[int, str]]:
        start = max(0, seq + 1 - self._first_seq)
        return self._items[start:]


@dataclass(eq=False)
class GatewaySession:
    id: str
    identify: dict[str, Any]
    seq: int = 0
    log: _EventLog = field(default_factory=_EventLog)
    connection: GatewayConnection | None = None
    created_at: float = field(default_factory=time.monotonic)

    @property
    def shard(self) -> list[int] | None:
        shard = self.identify.get("shard")
        return list(shard) if isinstance(shard, list) else None

    @property
    def intents(self) -> int:
        return int(self.identify.get("intents") or 0)

    @property
    def shard_key(self) -> tuple[int, int]:
        """``(shard_id, shard_count)``; an unsharded session is shard 0 of 1."""
        shard = self.shard
        if shard is None or len(shard) != 2:
            return (0, 1)
        return (int(shard[0]), int(shard[1]))

    def receives(self, guild_id: int | None) -> bool:
        """Whether Discord would send this session an event of ``guild_id`` (None: no guild)."""
        shard_id, count = self.shard_key
        if count <= 1:
            return True
        if guild_id is None:
            return shard_id == 0
        return (guild_id >> 22) % count == shard_id

    def next_event(self, event: str, data: Any) -> int:
        self.seq += 1
        raw = json.dumps(
            {"op": DISPATCH, "t": event, "s": self.seq, "d": data}, separators=(",", ":")
        )
        self.log.append(self.seq, raw)
        if self.connection is not None:
            self.connection.wake()
        return self.seq


class GatewayConnection:
    """One websocket connection from the bot."""

    def __init__(
        self,
        gateway: Gateway,
        request: web.Request,
        ws: web.WebSocketResponse,
        compress: str | None,
    ) -> None:
        self.gateway = gateway
        self.request = request
        self.ws = ws
        self.compress = compress
        self.session: GatewaySession | None = None
        self.sent_seq = 0
        self.resumed = False
        self._deflate = zlib.compressobj() if compress == "zlib-stream" else None
        self._send_lock = asyncio.Lock()
        self._wake = asyncio.Event()
        self._writer: asyncio.Task[None] | None = None

    def wake(self) -> None:
        self._wake.set()

    async def send_json(self, payload: dict[str, Any]) -> None:
        await self._send_raw(json.dumps(payload, separators=(",", ":")))

    async def _send_raw(self, raw: str) -> None:
        async with self._send_lock:
            if self.ws.closed:
                raise ConnectionResetError("gateway connection closed")
            if self._deflate is not None:
                data = self._deflate.compress(raw.encode()) + self._deflate.flush(zlib.Z_SYNC_FLUSH)
                await self.ws.send_bytes(data)
            else:
                await self.ws.send_str(raw)

    def start_writer(
        self, session: GatewaySession, *, after: int, then: dict[str, Any] | None = None
    ) -> None:
        """Attach to ``session`` and stream its events with a sequence above ``after``."""
        self.session = session
        self.sent_seq = after
        previous = session.connection
        session.connection = self
        if previous is not None and previous is not self:
            previous.abort()
        self._writer = asyncio.create_task(self._write(then), name="discord-double-gateway-writer")

    async def _write(self, then: dict[str, Any] | None) -> None:
        session = self.session
        assert session is not None
        try:
            await self._flush(session)
            if then is not None:
                await self.send_json(then)
            while not self.ws.closed:
                await self._wake.wait()
                self._wake.clear()
                await self._flush(session)
        except (ConnectionResetError, RuntimeError) as exc:
            log.debug("gateway writer stopped: %s", exc)

    async def _flush(self, session: GatewaySession) -> None:
        while self.sent_seq < session.seq:
            for seq, raw in session.log.after(self.sent_seq):
                await self._send_raw(raw)
                self.sent_seq = seq

    def abort(self) -> None:
        """Cut the TCP connection without a close frame (what a network fault looks like)."""
        transport = self.request.transport
        if transport is not None:
            transport.abort()

    async def close(self, code: int, message: str = "") -> None:
        await self.ws.close(code=code, message=message.encode())

    async def stop(self) -> None:
        if self.session is not None and self.session.connection is self:
            self.session.connection = None
        if self._writer is not None:
            self._writer.cancel()
            # the writer logs its own errors; cancellation is expected here
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._writer


@dataclass
class GatewayStats:
    connections: int = 0
    identifies: int = 0
    resumes: int = 0
    invalid_sessions: int = 0
    heartbeats: int = 0
    drops: int = 0
    urls: list[str] = field(default_factory=list)


class Gateway:
    """Serves ``/gateway`` (and ``/gateway/resume``, the ``resume_gateway_url``)."""

    def __init__(self, host: GatewayHost, *, heartbeat_interval_ms: int = 41_250) -> None:
        self.host = host
        self.heartbeat_interval_ms = heartbeat_interval_ms
        self.sessions: dict[str, GatewaySession] = {}
        #: Sessions that get events: identified, not closed by the client, not replaced.
        self.live: list[GatewaySession] = []
        #: The most recently identified session.
        self.current: GatewaySession | None = None
        self.connections: set[GatewayConnection] = set()
        self.stats = GatewayStats()
        self.presence: dict[str, Any] | None = None
        self.on_identified: list[Callable[[GatewaySession], None]] = []

    @property
    def connected(self) -> bool:
        """True when at least one live session has a connection."""
        return any(session.connection is not None for session in self.live)

    def connected_shards(self) -> list[tuple[int, int]]:
        """``(shard_id, shard_count)`` of every connected live session."""
        return [s.shard_key for s in self.live if s.connection is not None]

    def dispatch(
        self, event: str, data: Any, *, guild_id: int | None = None, intent: int | None = None
    ) -> int:
        """Queue a dispatch on every live session that receives ``guild_id``'s events (None:
        not a guild's event, e.g. a DM) and, given ``intent`` (a bit), identified with it;
        each sends it now or replays it on resume. Returns how many sessions it went to."""
        if self.current is None:
            raise RuntimeError("No bot has identified with the Discord double yet")
        targets = [
            session
            for session in self.live
            if session.receives(guild_id) and (intent is None or session.intents & intent)
        ]
        for session in targets:
            session.next_event(event, data)
        return len(targets)

    def drop(self) -> bool:
        """Abort every live connection abruptly. Returns False if nothing was connected."""
        dropped = False
        for session in self.live:
            connection = session.connection
            if connection is None:
                continue
            self.stats.drops += 1
            session.connection = None
            connection.abort()
            dropped = True
        return dropped

    def _retire(self, session: GatewaySession) -> None:
        if session in self.live:
            self.live.remove(session)

    async def close_all(self) -> None:
        for connection in list(self.connections):
            if not connection.ws.closed:
                await connection.close(1001, "double shutting down")
            await connection.stop()

    async def handle(self, request: web.Request) -> web.StreamResponse:
        query = request.query
        self.stats.urls.append(str(request.rel_url))
        version = query.get("v")
        encoding = query.get("encoding", "json")
        compress = query.get("compress")
        problems: list[str] = []
        if version != "10":
            problems.append(f"gateway version v={version!r} (expected 10)")
        if encoding != "json":
            problems.append(f"gateway encoding {encoding!r} is not supported by the double")
        if compress not in (None, "zlib-stream"):
            problems.append(f"gateway compression {compress!r} is not supported by the double")
        ws = web.WebSocketResponse(autoping=True, max_msg_size=16 * 1024 * 1024)
        await ws.prepare(request)
        connection = GatewayConnection(self, request, ws, compress)
        self.connections.add(connection)
        self.stats.connections += 1
        try:
            if problems:
                for problem in problems:
                    self.host.gateway_violation(problem)
                await connection.close(
                    INVALID_API_VERSION if version != "10" else DECODE_ERROR, problems[0]
                )
                return ws
            await connection.send_json(
                {
                    "op": HELLO,
                    "d": {"heartbeat_interval": self.heartbeat_interval_ms},
                    "s": None,
                    "t": None,
                }
            )
            await self._receive_loop(connection)
        except (ConnectionResetError, asyncio.CancelledError):
            log.debug("gateway connection ended")
        finally:
            await connection.stop()
            self.connections.discard(connection)
            # A client that closes with 1000 or 1001 ends its session (Discord invalidates it);
            # any other ending leaves it resumable, still queueing its events.
            if connection.session is not None and ws.close_code in (1000, 1001):
                self._retire(connection.session)
            self.host.state_changed()
        return ws

    async def _receive_loop(self, connection: GatewayConnection) -> None:
        async for message in connection.ws:
            if message.type == WSMsgType.TEXT:
                try:
                    payload = json.loads(message.data)
                    op = payload["op"]
                except (ValueError, KeyError, TypeError):
                    self.host.gateway_violation(
                        f"undecodable gateway payload: {message.data[:200]!r}"
                    )
                    await connection.close(DECODE_ERROR, "Decode error")
                    return
                if not await self._handle_op(connection, op, payload.get("d")):
                    return
            elif message.type == WSMsgType.BINARY:
                self.host.gateway_violation("the bot sent a binary gateway frame")
                await connection.close(DECODE_ERROR, "Decode error")
                return
            elif message.type == WSMsgType.ERROR:
                log.debug("gateway receive error: %s", connection.ws.exception())
                return

    async def _handle_op(self, connection: GatewayConnection, op: Any, data: Any) -> bool:
        if op == HEARTBEAT:
            self.stats.heartbeats += 1
            await connection.send_json({"op": HEARTBEAT_ACK, "d": None, "s": None, "t": None})
            self.host.state_changed()
            return True
        if op == IDENTIFY:
            return await self._identify(connection, data)
        if op == RESUME:
            return await self._resume(connection, data)
        if connection.session is None:
            self.host.gateway_violation(f"gateway op {op} sent before IDENTIFY")
            await connection.close(NOT_AUTHENTICATED, "Not authenticated")
            return False
        if op == PRESENCE_UPDATE:
            self.presence = data
            return True
        if op == REQUEST_GUILD_MEMBERS:
            for chunk in self.host.members_chunk(data or {}):
                connection.session.next_event("GUILD_MEMBERS_CHUNK", chunk)
            return True
        if op == VOICE_STATE_UPDATE:
            return True
        self.host.gateway_violation(f"unknown gateway opcode {op}")
        await connection.close(UNKNOWN_OPCODE, "Unknown opcode")
        return False

    async def _identify(self, connection: GatewayConnection, data: Any) -> bool:
        if connection.session is not None:
            self.host.gateway_violation("IDENTIFY sent twice on one connection")
            await connection.close(ALREADY_AUTHENTICATED, "Already authenticated")
            return False
        if not isinstance(data, dict) or data.get("token") != self.host.token:
            await connection.close(AUTHENTICATION_FAILED, "Authentication failed")
            return False
        if "intents" not in data:
            self.host.gateway_violation("IDENTIFY without intents (required in v10)")
            await connection.close(DISALLOWED_INTENTS, "Intents are required")
            return False
        shard = data.get("shard")
        if shard is not None and not _valid_shard(shard):
            self.host.gateway_violation(f"IDENTIFY with an invalid shard {shard!r}")
            await connection.close(INVALID_SHARD, "Invalid shard")
            return False
        session = GatewaySession(id=secrets.token_hex(16), identify=data)
        # A new IDENTIFY for a shard replaces that shard's sessions that lost their connection
        # (the bot started afresh); connected ones stay live: another process has that shard.
        for old in list(self.live):
            if old.shard_key == session.shard_key and old.connection is None:
                self._retire(old)
        self.sessions[session.id] = session
        self.live.append(session)
        self.current = session
        self.stats.identifies += 1
        session.next_event("READY", self.host.ready_payload(session))
        for guild in self.host.guild_create_payloads(session):
            session.next_event("GUILD_CREATE", guild)
        connection.start_writer(session, after=0)
        for callback in self.on_identified:
            callback(session)
        self.host.state_changed()
        return True

    async def _resume(self, connection: GatewayConnection, data: Any) -> bool:
        session = self.sessions.get(str(data.get("session_id"))) if isinstance(data, dict) else None
        seq = data.get("seq") if isinstance(data, dict) else None
        valid = (
            session is not None
            and data.get("token") == self.host.token
            and isinstance(seq, int)
            and session.log.covers(seq)
            and session in self.live
        )
        if not valid or session is None or not isinstance(seq, int):
            self.stats.invalid_sessions += 1
            await connection.send_json({"op": INVALID_SESSION, "d": False, "s": None, "t": None})
            return True
        self.stats.resumes += 1
        connection.resumed = True
        resumed = {"op": DISPATCH, "t": "RESUMED", "s": None, "d": {"_trace": ["discord-double"]}}
        connection.start_writer(session, after=seq, then=resumed)
        self.host.state_changed()
        return True
