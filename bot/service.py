"""The application's use cases: coaching walkthroughs, policies, reminders and privacy.

Front ends (the Discord layer) parse their input and call this; it combines the pure core with
storage and raises :class:`ServiceError` with a message that is safe to show the seller. Nothing
here imports discord.
"""

from __future__ import annotations

import json
import logging
import re
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any, Generic, Protocol, TypeVar

from pydantic import ValidationError

from bot.community import AnyCatalog, ServerPlaybooks, server_version
from bot.core import engine, presenter
from bot.core.catalog import Catalog
from bot.core.details import read_details
from bot.core.engine import CaseDetails, CoachError, CoachState, Origin, Policy, Step
from bot.core.matcher import MatchResult
from bot.core.models import Playbook
from bot.core.presenter import StepView
from bot.core.tone import ToneChecker, ToneKind, ToneReport, load_tone_checker
from bot.failures import new_error_id, redacted_traceback
from bot.server_settings import InvalidSettings, ServerSettings
from bot.storage import ReminderRecord, SessionRecord, Store, new_worker_id

log = logging.getLogger(__name__)

T = TypeVar("T")

#: Walkthroughs kept in memory (their latest version), so a button press needs one write.
RECENT_SESSIONS = 10_000
#: Parsed policies, and parsed server settings, kept by their stored JSON.
PARSED_POLICIES = 10_000
#: How often a form's details are re-applied when the walkthrough changes under them.
SAVE_ATTEMPTS = 3
#: How long finished or abandoned walkthroughs and closed reminders are kept, by default.
DEFAULT_RETENTION = timedelta(days=30)
#: How often the delivery loop deletes what is past its retention.
PURGE_INTERVAL = timedelta(hours=1)
#: Prefix of an autocomplete value that names a playbook rather than describing a situation.
PLAYBOOK_VALUE = "playbook:"


class ServiceError(Exception):
    """Something the seller asked for cannot be done; the message says why, kindly."""


class NoMatch(ServiceError):
    """What the seller typed matches no situation; the front end offers them all to pick from:
    those of :attr:`catalog`, the set of the server it was typed in."""

    def __init__(self, message: str, catalog: AnyCatalog) -> None:
        super().__init__(message)
        self.catalog = catalog


class MovedOn(ServiceError):
    """The seller pressed a button of an earlier step: here is the walkthrough as it is now.

    Raised instead of acting twice (a second press, a press on an old message, or an answer
    Discord lost after the step was saved); the front end shows :attr:`walkthrough`'s current
    step in place of the old one, so the seller is never left without working buttons.
    """

    def __init__(self, walkthrough: Walkthrough) -> None:
        super().__init__(
            "That button was from an earlier step, so I didn't act on it. "
            "Here is where your walkthrough is now."
        )
        self.walkthrough = walkthrough


class Action:
    """What a button or menu on a walkthrough asks for."""

    NEXT = "next"
    BACK = "back"
    PICK = "pick"
    SWITCH = "switch"
    FINISH = "finish"
    ALL = frozenset({NEXT, BACK, PICK, SWITCH, FINISH})


@dataclass(frozen=True, slots=True)
class Walkthrough:
    """A walkthrough as it stands after the last action."""

    session_id: str
    version: int
    state: CoachState
    playbook: Playbook
    view: StepView
    finished: bool = False
    match: MatchResult | None = None
    reminder: ReminderRecord | None = None
    #: Other situations worth switching to, as (id, title), those also mentioned first.
    others: tuple[tuple[str, str], ...] = ()

    @property
    def draft(self) -> str:
        return engine.draft(self.state, self.playbook)


class ParsedByText(Generic[T]):
    """Values parsed from stored text, kept by that text (the least recently used let go
    beyond ``capacity``): the row is read every time, the parse is done once per text. The
    parser's error is raised to the caller, and nothing is kept then."""

    def __init__(self, parse: Callable[[str], T], capacity: int) -> None:
        self._parse = parse
        self._capacity = capacity
        self._kept: OrderedDict[str, T] = OrderedDict()

    def get(self, raw: str) -> T:
        found = self._kept.get(raw)
        if found is not None:
            self._kept.move_to_end(raw)
            return found
        parsed = self._kept[raw] = self._parse(raw)
        while len(self._kept) > self._capacity:
            self._kept.popitem(last=False)
        return parsed


@dataclass(frozen=True, slots=True)
class Loaded:
    """A walkthrough read for an action: its record and state, the playbook at the version it
    started on, the set of the server it is in, and whether the pressed version is the latest."""

    record: SessionRecord
    state: CoachState
    playbook: Playbook
    catalog: AnyCatalog
    latest: bool


@dataclass(frozen=True, slots=True)
class FollowUp:
    """What a reminder carries: enough to remind the seller without the session."""

    playbook_id: str
    title: str
    reminder: str
    message: str
    customer: str | None

    def to_json(self) -> str:
        return json.dumps(
            {
                "playbook_id": self.playbook_id,
                "title": self.title,
                "reminder": self.reminder,
                "message": self.message,
                "customer": self.customer,
            }
        )

    @classmethod
    def from_json(cls, text: str) -> FollowUp:
        data: dict[str, Any] = json.loads(text)
        return cls(
            playbook_id=str(data.get("playbook_id", "")),
            title=str(data.get("title", "Follow-up")),
            reminder=str(data.get("reminder", "")),
            message=str(data.get("message", "")),
            customer=data.get("customer"),
        )


class DirectMessagesClosed(Exception):
    """The seller does not accept direct messages from the bot."""


class DirectMessages(Protocol):
    """The port reminders are delivered through ("send a DM"); the Discord layer provides it."""

    async def send_follow_up(self, reminder: ReminderRecord, follow_up: FollowUp) -> None:
        """Send the follow-up to ``reminder.user_id``; raise :class:`DirectMessagesClosed`
        when they do not accept DMs, anything else when it failed (it is retried later)."""
        ...


@dataclass(slots=True)
class DeliveryReport:
    """What one round of reminder delivery did."""

    sent: int = 0
    held: int = 0
    failed: int = 0


def _utcnow() -> datetime:
    return datetime.now(UTC)


class CoachService:
    """Walkthroughs, policies, reminders and privacy for one bot process."""

    def __init__(
        self,
        catalog: Catalog,
        store: Store,
        *,
        tone: ToneChecker | None = None,
        clock: Callable[[], datetime] = _utcnow,
        retention: timedelta = DEFAULT_RETENTION,
    ) -> None:
        self.catalog = catalog
        self.store = store
        #: Each server's own playbooks and the set it sees.
        self.servers = ServerPlaybooks(catalog, store)
        self._tone = tone
        self._clock = clock
        self.retention = retention
        self._last_purge: datetime | None = None
        # The latest version of recently used walkthroughs. Safe with several processes: a
        # save is a compare-and-set on the version in the database, so a stale entry can only
        # make a save fail (and be re-read), never overwrite newer state.
        self._recent: OrderedDict[str, tuple[SessionRecord, CoachState]] = OrderedDict()
        # Parsed policies and server settings by their stored JSON: the row is read every time
        # (another process may have changed or forgotten it), the parse is done once.
        self._policies = ParsedByText(Policy.model_validate_json, PARSED_POLICIES)
        self._server_settings = ParsedByText(ServerSettings.from_json, PARSED_POLICIES)
        # Sellers with reminders held back from DMs, refreshed by the delivery loop, so a
        # command only queries for them when there is something to show.
        self._held_users: set[int] | None = None
        #: This process's name when it claims reminders (to send, or to show held ones).
        self.worker_id = new_worker_id()

    async def catalog_for(self, guild_id: int | None) -> AnyCatalog:
        """The playbooks seen in server ``guild_id`` (the shipped ones in a DM, None)."""
        return await self.servers.catalog_for(guild_id)

    # -- tone -----------------------------------------------------------------------------------

    @property
    def tone(self) -> ToneChecker:
        """The tone checker, built on first use (the rules compile in about half a second)."""
        if self._tone is None:
            self._tone = load_tone_checker()
        return self._tone

    def check_tone(self, draft: str) -> ToneReport:
        """Findings on a draft reply."""
        return self.tone.check(draft)

    def tone_label(self, kind: ToneKind) -> str:
        return self.tone.rules.label(kind)

    async def current_draft(
        self, session_id: str, user_id: int, guild_id: int | None, version: int
    ) -> str:
        """The draft of the user's walkthrough as it is now, whatever step it is at."""
        loaded = await self._load(session_id, user_id, guild_id, version)
        return engine.draft(loaded.state, loaded.playbook)

    # -- policy ---------------------------------------------------------------------------------

    async def policy(self, user_id: int) -> Policy:
        """The seller's saved policy, or the defaults.

        Read from the database each time (one primary-key lookup), so a change or a /forget-me
        in another process counts at once; the parsed policy is reused while the text is the
        same."""
        return self._policy_of(await self.store.get_policy(user_id))

    def _policy_of(self, raw: str | None) -> Policy:
        """The policy stored as ``raw`` (None: never set), parsed once per text."""
        if raw is None:
            return Policy()
        try:
            return self._policies.get(raw)
        except ValidationError:
            log.warning("stored policy of a seller could not be read; using the defaults")
            return Policy()

    async def update_policy(self, user_id: int, **changes: Any) -> Policy:
        """Change some fields of the seller's policy; raise ServiceError on a bad value."""
        return await self.replace_policy(
            user_id, **{k: v for k, v in changes.items() if v is not None}
        )

    async def replace_policy(self, user_id: int, **fields: Any) -> Policy:
        """Set these fields of the seller's policy, None included (a form's blank field
        clears a name or a limit, and a blank currency leaves the choice to the server, else
        USD); raise ServiceError on a bad value.

        Only the fields the seller chose are stored, so a currency they never chose stays
        open (see :func:`chose_currency`)."""
        current = await self.policy(user_id)
        data = current.model_dump(exclude_unset=True)
        data.update(fields)
        for name in UNSET_BY_NONE:
            if name in data and data[name] is None:
                del data[name]  # back to the default, and no longer the seller's choice
        try:
            policy = Policy.model_validate(data)
        except ValidationError as error:
            raise ServiceError(_validation_message(error)) from None
        await self.store.set_policy(user_id, policy.model_dump_json(exclude_unset=True))
        return policy

    # -- server settings ------------------------------------------------------------------------

    async def server_settings(self, guild_id: int) -> ServerSettings:
        """The server's settings, or the defaults (nothing set).

        Read from the database each time (one primary-key lookup), so a change made through
        another process counts at once; the parse is reused while the text is the same."""
        return self._settings_of(await self.store.get_guild_settings(guild_id), guild_id)

    def _settings_of(self, raw: str | None, guild_id: int) -> ServerSettings:
        """The settings of server ``guild_id`` stored as ``raw`` (None: none set)."""
        if raw is None:
            return ServerSettings()
        try:
            return self._server_settings.get(raw)
        except ValidationError:
            log.warning("stored settings of server %s could not be read; using none", guild_id)
            return ServerSettings()

    async def update_server_settings(self, guild_id: int, **fields: Any) -> ServerSettings:
        """Set these fields of the server's settings (None clears one) and keep the others;
        raise ServiceError on an unknown name or a bad value (nothing is saved then)."""
        current = await self.server_settings(guild_id)
        try:
            settings = current.changed(**fields)
        except InvalidSettings as error:
            raise ServiceError(f"That setting doesn't look right: {error}.") from None
        await self.store.set_guild_settings(guild_id, settings.to_json())
        return settings

    # -- walkthroughs ---------------------------------------------------------------------------

    def resolve(
        self, situation: str, catalog: AnyCatalog | None = None
    ) -> tuple[Playbook | None, MatchResult | None]:
        """The playbook for what the seller typed (or picked from autocomplete), in
        ``catalog`` (a server's set, from :meth:`catalog_for`; default: the shipped one)."""
        catalog = catalog or self.catalog
        text = situation.strip()
        if text.startswith(PLAYBOOK_VALUE):
            return catalog.get(text.removeprefix(PLAYBOOK_VALUE)), None
        result = catalog.matcher.match(text, top=5)
        if result.best is None:
            return None, result
        return catalog.get(result.best.id), result

    async def start(
        self,
        user_id: int,
        guild_id: int | None,
        situation: str,
        *,
        customer: str | None = None,
        item: str | None = None,
        catalog: AnyCatalog | None = None,
    ) -> Walkthrough:
        """Match the situation and start a walkthrough of the best playbook.

        ``catalog``: the set of server ``guild_id`` when the caller has just read it (from
        :meth:`catalog_for`), so it is not checked twice in one interaction.

        The case details the seller's text gives (a pasted customer message: the name, the
        order, what it cost, the item) are taken in and remembered as read from the message;
        ``customer`` and ``item``, when given, win over what was read.
        """
        # The server's set (unless given), the seller's policy and the server's settings, in
        # one read.
        standing = await self.store.standing(
            user_id, guild_id, revision=catalog is None, settings=True
        )
        if catalog is None:
            catalog = await self.servers.catalog_at(guild_id, standing.revision)
        playbook, result = self.resolve(situation, catalog)
        if playbook is None or (result is not None and result.off_topic):
            raise NoMatch(
                "That doesn't look like a customer situation I can coach you through. Pick "
                "the one that fits below, or describe what your customer said or did.",
                catalog,
            )
        policy = self._policy_of(standing.policy)
        marketplace = None
        if guild_id is not None:
            server = self._settings_of(standing.settings, guild_id)
            marketplace = server.marketplace
            if server.currency is not None and not chose_currency(policy):
                policy = policy.model_copy(update={"currency": server.currency})
        values: dict[str, Any] = {}
        origin = Origin()
        if result is not None:
            found = read_details(situation).found()
            values.update(found)
            if len(situation) > 80:
                values["customer_message"] = situation[:4000]
            origin = Origin(
                said=situation.strip()[: engine.MAX_SAID] or None,
                confident=result.confident,
                others=tuple(m.id for m in result.matches[1:]),
                also=tuple(m.id for m in result.also),
                read=tuple(name for name in found if name != "currency"),
            )
        given = {"customer": customer, "item": item}
        values.update({k: v.strip() for k, v in given.items() if v and v.strip()})
        origin = origin.model_copy(
            update={"read": tuple(r for r in origin.read if not (given.get(r) or "").strip())}
        )
        try:
            details = CaseDetails.model_validate(values)
        except ValidationError:  # a detail read that doesn't fit: left for the form
            kept = {k: v.strip() for k, v in given.items() if v and v.strip()}
            details = CaseDetails(customer_message=values.get("customer_message"), **kept)
            origin = origin.model_copy(update={"read": ()})
        state = engine.start(playbook, details, policy, marketplace=marketplace).model_copy(
            update={"origin": origin, "server_version": server_version(catalog, playbook.id)}
        )
        record = await self.store.create_session(guild_id, user_id, state.to_json())
        self._remember(record, state)
        return self._walkthrough(record, state, playbook, catalog, match=result)

    def _remember(self, record: SessionRecord, state: CoachState) -> None:
        self._recent[record.id] = (record, state)
        self._recent.move_to_end(record.id)
        while len(self._recent) > RECENT_SESSIONS:
            self._recent.popitem(last=False)

    async def _still_current(self, record: SessionRecord) -> bool:
        """Whether a cached walkthrough is still in the database at that version: another
        process may have moved it on, or deleted it (/forget-me, retention). One cheap query;
        a stale entry is dropped."""
        if await self.store.session_version(record.id) == record.version:
            return True
        self._recent.pop(record.id, None)
        return False

    async def _load(
        self,
        session_id: str,
        user_id: int,
        guild_id: int | None,
        version: int,
        *,
        verify: bool = True,
    ) -> Loaded:
        """The walkthrough's latest version, if this user may act on it.

        ``latest`` says whether ``version`` (the one on the pressed button) is still the
        latest. The playbook is the one the stored state names, at the version it started on
        (see :meth:`_playbook_of`): the state is the only record of it, so switching playbook
        is stored with the state itself. A cached copy is checked against the database first
        (``verify``: another process may have moved it on or deleted it), unless the caller
        only writes with a compare-and-set, which fails on a stale copy anyway.
        """
        # The server's set and the seller's policy as they are now, in one read.
        standing = await self.store.standing(user_id, guild_id, revision=True)
        catalog = await self.servers.catalog_at(guild_id, standing.revision)
        policy = self._policy_of(standing.policy)
        cached = self._recent.get(session_id)
        if (
            cached is not None
            and cached[0].version == version
            and cached[0].belongs_to(user_id, guild_id)
            and (not verify or await self._still_current(cached[0]))
        ):
            record, state = cached
            playbook = await self._playbook_of(state, record.guild_id, catalog)
            if playbook is not None:
                state = self._with_policy(policy, state)
                return Loaded(record, state, playbook, catalog, latest=True)
        record = await self.store.get_session(session_id)
        if record is None:
            raise ServiceError(
                "This walkthrough no longer exists: it was deleted. Start a new one with /coach."
            )
        if not record.belongs_to(user_id, guild_id):
            raise ServiceError("This walkthrough belongs to someone else.")
        try:
            state = CoachState.from_json(record.state)
        except ValidationError:
            raise ServiceError("This walkthrough could not be read; please start again.") from None
        playbook = await self._playbook_of(state, record.guild_id, catalog)
        if playbook is None:
            raise ServiceError("The playbook of this walkthrough is no longer available.")
        self._remember(record, state)
        state = self._with_policy(policy, state)
        return Loaded(record, state, playbook, catalog, latest=record.version == version)

    async def _playbook_of(
        self, state: CoachState, guild_id: int | None, catalog: AnyCatalog
    ) -> Playbook | None:
        """The playbook a walkthrough started on, at that version: the shipped one, or the
        server's own version it began with, read from the server's history when it has since
        been edited or removed."""
        version = state.server_version
        if version is None:
            return self.catalog.get(state.playbook_id)
        if server_version(catalog, state.playbook_id) == version:
            return catalog.get(state.playbook_id)
        if guild_id is None:
            return None
        return await self.servers.pinned(guild_id, state.playbook_id, version)

    def _with_policy(self, policy: Policy, state: CoachState) -> CoachState:
        """``state`` with the seller's policy as it is now (``policy``, just read): a name,
        shop or limit set with /policy while the walkthrough was open counts from its next
        step."""
        if not chose_currency(policy):  # the currency the walkthrough began with (the server's)
            policy = policy.model_copy(update={"currency": state.policy.currency})
        return state if policy == state.policy else state.model_copy(update={"policy": policy})

    async def current(
        self, session_id: str, user_id: int, guild_id: int | None, version: int
    ) -> Walkthrough:
        """The walkthrough as it is now (whatever ``version`` was pressed), if it is this user's."""
        loaded = await self._load(session_id, user_id, guild_id, version)
        return self._walkthrough(loaded.record, loaded.state, loaded.playbook, loaded.catalog)

    async def act(
        self,
        session_id: str,
        user_id: int,
        guild_id: int | None,
        version: int,
        action: str,
        values: list[str] | None = None,
    ) -> Walkthrough:
        """Apply a button or menu action to a walkthrough and save the new state.

        Raises :class:`MovedOn` (with the current walkthrough) when ``version`` is not the
        latest: the action was meant for a step the walkthrough has left.
        """
        if action not in Action.ALL:
            raise ServiceError("That button is not one I know.")
        # The save is a compare-and-set: a stale cached copy makes it fail, so no check here.
        loaded = await self._load(session_id, user_id, guild_id, version, verify=False)
        record, state, playbook, catalog = (
            loaded.record,
            loaded.state,
            loaded.playbook,
            loaded.catalog,
        )
        if not loaded.latest:
            raise MovedOn(self._walkthrough(record, state, playbook, catalog))
        values = values or []
        try:
            if action == Action.NEXT:
                state = engine.go_next(state, playbook)
            elif action == Action.BACK:
                state = engine.go_back(state, playbook)
            elif action == Action.PICK:
                state = presenter.apply_choice(state, playbook, values)
            elif action == Action.SWITCH:
                left = playbook.id
                playbook = self._switch_target(values, catalog)
                others = (left, *(o for o in state.origin.others if o not in (left, playbook.id)))
                origin = state.origin.model_copy(
                    update={
                        "others": others,
                        "also": tuple(a for a in state.origin.also if a != playbook.id),
                        "switched": True,
                    }
                )
                state = engine.start(
                    playbook, state.details, state.policy, marketplace=state.marketplace
                ).model_copy(
                    update={
                        "origin": origin,
                        "server_version": server_version(catalog, playbook.id),
                    }
                )
            elif action == Action.FINISH:
                return await self._finish(record, state, playbook, catalog)
        except CoachError as error:
            raise ServiceError(f"{str(error)[:1].upper()}{str(error)[1:]}.") from None
        return await self._save(record, state, playbook, catalog)

    def _switch_target(self, values: list[str], catalog: AnyCatalog) -> Playbook:
        playbook = catalog.get(values[0]) if len(values) == 1 else None
        if playbook is None:
            raise ServiceError("That situation is not available.")
        return playbook

    async def set_details(
        self,
        session_id: str,
        user_id: int,
        guild_id: int | None,
        version: int,
        fields: dict[str, str],
    ) -> Walkthrough:
        """Fill in the case details from the details form; blank fields are cleared.

        The details go into the walkthrough as it is now, even when it moved on since the form
        was opened (what the seller typed is never thrown away). A ``signature`` field ("your
        name, shop") is saved to the seller's policy, so it signs every later reply too. A
        detail the seller changed is no longer marked as read from the message.
        """
        signature = parse_signature(fields.get("signature", ""))
        if signature:
            await self.update_policy(user_id, **signature)
        for _ in range(SAVE_ATTEMPTS):
            loaded = await self._load(session_id, user_id, guild_id, version, verify=False)
            record, state = loaded.record, loaded.state
            details = parse_details(
                fields, state.details, engine.currency_of(state.details, state.policy)
            )
            read = tuple(
                name
                for name in state.origin.read
                if getattr(details, name) == getattr(state.details, name)
            )
            state = engine.with_details(state, details).model_copy(
                update={"origin": state.origin.model_copy(update={"read": read})}
            )
            try:
                return await self._save(record, state, loaded.playbook, loaded.catalog)
            except MovedOn as moved:
                version = moved.walkthrough.version
        raise ServiceError("This walkthrough is changing too fast; please try again.")

    async def _save(
        self,
        record: SessionRecord,
        state: CoachState,
        playbook: Playbook,
        catalog: AnyCatalog,
        *,
        finished: bool = False,
    ) -> Walkthrough:
        saved = await self.store.save_session(
            record.id,
            user_id=record.user_id,
            guild_id=record.guild_id,
            state=state.to_json(),
            expected_version=record.version,
            finished=finished,
        )
        if saved is None:  # another press (maybe in another process) saved first
            self._recent.pop(record.id, None)
            latest = await self._load(record.id, record.user_id, record.guild_id, record.version)
            raise MovedOn(
                self._walkthrough(latest.record, latest.state, latest.playbook, latest.catalog)
            )
        self._remember(saved, state)
        return self._walkthrough(saved, state, playbook, catalog)

    async def _finish(
        self, record: SessionRecord, state: CoachState, playbook: Playbook, catalog: AnyCatalog
    ) -> Walkthrough:
        if state.step is not Step.DRAFT:
            state = engine.go_to(state, playbook, Step.DRAFT)
        walkthrough = await self._save(record, state, playbook, catalog, finished=True)
        days = state.choices.follow_up_days
        if days is None:
            await self.store.cancel_session_reminders(record.id, record.user_id)
            return walkthrough
        follow_up = FollowUp(
            playbook_id=playbook.id,
            title=playbook.title,
            reminder=engine.reminder_text(state, playbook),
            message=engine.follow_up_message(state, playbook),
            customer=state.details.customer,
        )
        reminder = await self.store.replace_session_reminder(
            record.user_id,
            record.guild_id,
            record.id,
            self._clock() + timedelta(days=days),
            follow_up.to_json(),
        )
        return replace(walkthrough, reminder=reminder)

    def _walkthrough(
        self,
        record: SessionRecord,
        state: CoachState,
        playbook: Playbook,
        catalog: AnyCatalog,
        match: MatchResult | None = None,
    ) -> Walkthrough:
        origin = state.origin
        ids = [*origin.also, *(o for o in origin.others if o not in origin.also)]
        others = []
        for playbook_id in ids:
            summary = catalog.summary(playbook_id)
            if summary is not None and playbook_id != playbook.id:
                others.append((playbook_id, summary.title))
        return Walkthrough(
            session_id=record.id,
            version=record.version,
            state=state,
            playbook=playbook,
            view=presenter.present(state, playbook),
            finished=record.finished,
            match=match,
            others=tuple(others),
        )

    # -- reminders ------------------------------------------------------------------------------

    async def pending_reminders(
        self, user_id: int, guild_id: int | None = None
    ) -> list[tuple[ReminderRecord, FollowUp]]:
        """The seller's waiting reminders: those set in server ``guild_id``, or all (None)."""
        pending = await self.store.pending_reminders(user_id, guild_id=guild_id)
        return [(r, FollowUp.from_json(r.payload)) for r in pending]

    async def cancel_reminder(self, user_id: int, reminder_id: int) -> None:
        if not await self.store.cancel_reminder(user_id, reminder_id):
            raise ServiceError("That reminder is already gone.")

    async def snooze_reminder(self, user_id: int, reminder_id: int, days: int) -> ReminderRecord:
        snoozed = await self.store.snooze_reminder(
            user_id, reminder_id, self._clock() + timedelta(days=days)
        )
        if snoozed is None:
            raise ServiceError("That reminder is already gone.")
        return snoozed

    async def reminder_done(self, user_id: int, reminder_id: int) -> None:
        if not await self.store.mark_done(user_id, reminder_id):
            raise ServiceError("That reminder is already closed.")

    async def held_reminders(self, user_id: int) -> list[tuple[ReminderRecord, FollowUp]]:
        """Reminders that could not be delivered by DM, claimed for showing to the seller.

        Call :meth:`reminders_shown` with those that were shown and :meth:`release_held` for
        the rest: a held reminder is closed only once the seller has seen it.
        """
        if self._held_users is not None and user_id not in self._held_users:
            return []
        claimed = await self.store.claim_held_reminders(user_id, self.worker_id)
        if self._held_users is not None:
            self._held_users.discard(user_id)
        return [(r, FollowUp.from_json(r.payload)) for r in claimed]

    async def reminders_shown(self, reminder_ids: list[int]) -> None:
        """Held reminders the seller has now seen: they are done."""
        await self.store.mark_shown(reminder_ids, self.worker_id)

    async def release_held(self, user_id: int) -> None:
        """Showing held reminders failed part-way: the rest are shown next time."""
        await self.store.release_claims(self.worker_id)
        self.note_held(user_id)

    async def refresh_held(self) -> None:
        """Learn who has held reminders (the delivery loop calls this on every round)."""
        self._held_users = await self.store.users_with_held_reminders()

    def note_held(self, user_id: int) -> None:
        """A reminder for ``user_id`` was just held back."""
        if self._held_users is not None:
            self._held_users.add(user_id)

    async def deliver_due_reminders(
        self, messages: DirectMessages, *, now: datetime | None = None
    ) -> DeliveryReport:
        """Claim every due reminder and send each through ``messages``.

        Each reminder is delivered on its own: one that fails (an error from Discord or from
        this code) is logged with an error id and retried when its claim runs out (held after
        a few attempts, see :meth:`bot.storage.Store.claim_due_reminders`); the others still
        go. A seller whose DMs are closed gets the reminder held, to be shown at their next
        command. Database errors while claiming propagate: the caller (the loop) backs off.
        Then what is past its retention is deleted (hourly, see :meth:`purge_expired`).
        """
        now = now or self._clock()
        await self.refresh_held()
        claimed = await self.store.claim_due_reminders(now, self.worker_id)
        report = DeliveryReport()
        for reminder in claimed:
            try:
                follow_up = FollowUp.from_json(reminder.payload)
                await messages.send_follow_up(reminder, follow_up)
            except DirectMessagesClosed:
                await self.store.mark_held(reminder.id, self.worker_id)
                self.note_held(reminder.user_id)
                log.info("reminder %s held: the seller does not accept DMs", reminder.id)
                report.held += 1
            except Exception as error:
                error_id = new_error_id()
                log.error(
                    "error %s delivering reminder %s (retried later)\n%s",
                    error_id,
                    reminder.id,
                    redacted_traceback(error),
                )
                report.failed += 1
            else:
                if await self.store.mark_sent(reminder.id, self.worker_id):
                    report.sent += 1
        await self.purge_expired(now)
        return report

    async def release_claims(self) -> int:
        """This process is stopping: reminders it claimed go back for another to send."""
        return await self.store.release_claims(self.worker_id)

    def now(self) -> datetime:
        """The service's clock (tests inject their own)."""
        return self._clock()

    # -- retention ------------------------------------------------------------------------------

    async def purge_expired(self, now: datetime | None = None) -> dict[str, int] | None:
        """Delete walkthroughs untouched for longer than the retention period (finished or
        abandoned) and reminders closed that long ago; at most once per ``PURGE_INTERVAL``.
        Returns the counts, or None when it was not yet time."""
        now = now or self._clock()
        if self._last_purge is not None and now - self._last_purge < PURGE_INTERVAL:
            return None
        self._last_purge = now
        counts = await self.store.purge_expired(now - self.retention)
        if counts["sessions"]:
            cutoff = now - self.retention
            for session_id, (record, _) in list(self._recent.items()):
                if record.updated_at < cutoff:
                    del self._recent[session_id]
        return counts

    # -- privacy --------------------------------------------------------------------------------

    async def forget(self, user_id: int) -> dict[str, int]:
        """Delete everything stored about the seller."""
        counts = await self.store.forget_user(user_id)
        for session_id, (record, _) in list(self._recent.items()):
            if record.user_id == user_id:
                del self._recent[session_id]
        log.info("deleted a seller's data on request: %s", counts)
        return counts


#: Policy fields that None returns to their default rather than sets.
UNSET_BY_NONE = ("currency",)


def chose_currency(policy: Policy) -> bool:
    """Whether the seller chose their currency themselves; when not, a walkthrough in a server
    with a default currency uses the server's (and USD otherwise)."""
    return "currency" in policy.model_fields_set


def _validation_message(error: ValidationError) -> str:
    problems = []
    for item in error.errors(include_url=False):
        field = ".".join(str(p) for p in item["loc"]).replace("_", " ")
        problems.append(f"{field}: {item['msg'].removeprefix('Value error, ')}")
    return "That doesn't look right. " + "; ".join(problems)


DETAIL_FIELDS = ("customer", "item", "order", "order_value", "customer_message")
#: How a seller may separate their name from their shop's in one field.
SIGNATURE_SEPARATORS = re.compile(r"\s*(?:[,·|/]|\s-\s|\sfrom\s|\sat\s)\s*", re.IGNORECASE)


def parse_signature(text: str) -> dict[str, str]:
    """ "Sam, Clay Corner" as ``{"seller_name": "Sam", "shop_name": "Clay Corner"}``; a name
    alone sets only the name; blank sets nothing."""
    parts = [p.strip() for p in SIGNATURE_SEPARATORS.split(text.strip(), maxsplit=1)]
    names = dict(zip(("seller_name", "shop_name"), parts, strict=False))
    return {key: value[:100] for key, value in names.items() if value}


def parse_details(fields: dict[str, str], current: CaseDetails, currency: str) -> CaseDetails:
    """Case details from a form: blank means unknown; an amount may carry a symbol or code.

    Details the form did not ask for (it may not show them all) keep their values."""
    data: dict[str, Any] = current.model_dump()
    for name in DETAIL_FIELDS:
        if name in fields:
            data[name] = (fields.get(name) or "").strip() or None
    amount = data.pop("order_value") if "order_value" in fields else None
    if "order_value" in fields:
        data["order_value"], data["currency"] = None, current.currency
    if amount:
        try:
            data["order_value"], data["currency"] = engine.parse_money(amount, currency)
        except CoachError as error:
            raise ServiceError(f"{error}.") from None
    try:
        return CaseDetails.model_validate(data)
    except ValidationError as error:
        raise ServiceError(_validation_message(error)) from None
