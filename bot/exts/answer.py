"""Every interaction answered, always: the one path for commands, buttons, menus and forms.

Each slash command body, button, select menu and form submission runs inside
:func:`answering`, and answers the seller only through the :class:`Answer` it yields::

    async with answering(interaction, "coach") as answer:
        walkthrough = await service.start(...)
        await answer.send(**walkthrough_message(walkthrough))

:func:`answering` guarantees, whatever the body does:

- **Within Discord's window.** If the body has not answered after :data:`DEFER_AFTER`
  seconds, the interaction is acknowledged (a deferred update of the message a button is on, or
  "thinking…" for a command), and the body's later answer fills it in. The body does not need to
  know: :meth:`Answer.send` and :meth:`Answer.update` pick the right call either way.
- **Domain errors** (:class:`~bot.service.ServiceError`, :class:`~bot.core.engine.CoachError`)
  become a friendly private line with their own message.
- **Anything unexpected** becomes a polite private message with a short error id, and one log
  line with that id, what was being answered and a traceback with every exception message
  withheld (see :mod:`bot.failures`), so no customer text reaches the log.
- **An expired or already answered interaction** (Discord codes 10062, 10015, 40060) is logged
  and dropped, never raised again; nothing more can be sent on it.
- **No silence.** A body that returns without answering gets the polite message too.
- **Counted.** Each answer is counted in the bot's metrics by ``name`` and outcome (``ok``,
  ``refused``, ``error``, ``gone``), with the time it took.

Buttons and menus subclass :class:`RoutedItem` (their ``custom_id`` carries what they act on,
so they work after a restart); forms subclass :class:`RoutedForm` and are registered with the
bot's :class:`FormRouter`, so a form opened before a restart can be submitted after it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import time
from collections.abc import AsyncIterator, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Self

import discord

from bot.core.engine import CoachError
from bot.failures import new_error_id, redacted_traceback
from bot.service import ServiceError

if TYPE_CHECKING:
    from bot.app import SellerCoachBot

log = logging.getLogger(__name__)

#: Seconds after which an interaction that is still being worked on is acknowledged (Discord
#: drops an interaction that is not acknowledged within 3 seconds).
DEFER_AFTER = 2.0
#: Discord's codes for an interaction that can no longer be answered: unknown (expired)
#: interaction, unknown webhook (token expired), already acknowledged.
GONE_CODES = frozenset({10062, 10015, 40060})
MESSAGE_LIMIT = 2000

POLITE = (
    "Sorry, something went wrong on my side and I couldn't finish that. Please try again; "
    "if it keeps happening, mention error {error_id}."
)
STOPPING = "I'm restarting right now, so I didn't do that. Please try again in a few seconds."
TOO_SLOW_FOR_FORM = "Sorry, that took me too long to open the form. Please press the button again."


def friendly(error: Exception) -> str:
    """A domain error as the seller reads it: a sentence starting with a capital."""
    text = str(error).strip() or "That can't be done."
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def gone(error: BaseException) -> bool:
    """True when Discord says the interaction can no longer be answered."""
    return isinstance(error, discord.HTTPException) and error.code in GONE_CODES


class Answer:
    """The seller's private answer to one interaction, whatever state it is in.

    Every method is safe to call whether or not the interaction was already acknowledged
    (by an earlier call or by :func:`answering`'s deferral), and they never run concurrently.
    """

    def __init__(self, interaction: discord.Interaction[SellerCoachBot]) -> None:
        self.interaction = interaction
        self._lock = asyncio.Lock()
        self._thinking = False  # deferred with "thinking…": the first send fills that message

    @property
    def bot(self) -> SellerCoachBot:
        return self.interaction.client

    @property
    def responded(self) -> bool:
        return self.interaction.response.is_done()

    async def send(self, content: str | None = None, **message: Any) -> None:
        """A new private message (embeds, view: as in discord.py's ``send_message``)."""
        message = _unkept(_without_none_view(message))
        if content is not None:
            message["content"] = _clip(content)
        async with self._lock:
            response = self.interaction.response
            if not response.is_done():
                await response.send_message(ephemeral=True, **message)
            elif self._thinking:
                self._thinking = False
                await self.interaction.edit_original_response(**_as_edit(message))
            else:
                await self.interaction.followup.send(ephemeral=True, **message)

    async def update(self, **message: Any) -> None:
        """Show ``message`` in place of the message the button, menu or form belongs to.

        For a slash command (no such message) it is a new private message instead.
        """
        if self.interaction.message is None and not self._thinking:
            await self.send(**message)
            return
        message = _unkept(message)
        async with self._lock:
            response = self.interaction.response
            if not response.is_done():
                await response.edit_message(**message)
            else:
                self._thinking = False
                await self.interaction.edit_original_response(**message)

    async def form(self, modal: discord.ui.Modal) -> None:
        """Open a form. Only possible as the first answer; otherwise say so kindly."""
        async with self._lock:
            if not self.interaction.response.is_done():
                await self.interaction.response.send_modal(modal)
                # Submissions are routed by custom_id (FormRouter), not by this object.
                modal.stop()
                return
        await self.send(TOO_SLOW_FOR_FORM)

    async def defer(self) -> None:
        """Acknowledge now, if nothing was sent yet; the answer follows later."""
        async with self._lock:
            response = self.interaction.response
            if response.is_done():
                return
            if self.interaction.message is None:
                await response.defer(ephemeral=True, thinking=True)
                self._thinking = True
            else:
                await response.defer()


def _without_none_view(message: dict[str, Any]) -> dict[str, Any]:
    if "view" in message and message["view"] is None:
        message = {k: v for k, v in message.items() if k != "view"}
    return message


def _unkept(message: dict[str, Any]) -> dict[str, Any]:
    """Stop a view whose every component is routed by its ``custom_id`` before it is sent.

    Such a view needs no copy in discord.py's view store (its presses reach the
    ``DynamicItem`` classes registered with ``add_dynamic_items``), yet discord.py keeps each
    unstopped view sent on a private answer for 15 minutes, with a timer task of its own: a few
    dozen objects a walkthrough that the cyclic collector walks in every full collection. A
    stopped view is sent the same and not kept.
    """
    view = message.get("view")
    if (
        isinstance(view, discord.ui.View)
        and not view.is_finished()
        and all(
            isinstance(item, discord.ui.DynamicItem) or not item.is_dispatchable()
            for item in view.walk_children()
        )
    ):
        view.stop()
    return message


def _as_edit(message: dict[str, Any]) -> dict[str, Any]:
    """A new message's fields as an edit of the "thinking…" message: files become its
    attachments (an edit takes no ``file`` or ``files``)."""
    files = [message.pop("file")] if "file" in message else []
    files += message.pop("files", None) or []
    if files:
        message["attachments"] = files
    return message


def _clip(text: str) -> str:
    return text if len(text) <= MESSAGE_LIMIT else text[: MESSAGE_LIMIT - 1] + "…"


class InFlight:
    """Counts the interactions being answered, so a stopping bot can let them finish."""

    def __init__(self) -> None:
        self.count = 0
        self._idle = asyncio.Event()
        self._idle.set()

    def __enter__(self) -> None:
        self.count += 1
        self._idle.clear()

    def __exit__(self, *exc_info: object) -> None:
        self.count -= 1
        if self.count == 0:
            self._idle.set()

    async def idle(self, within: float) -> bool:
        """Wait until nothing is in flight (at most ``within`` seconds); True if so."""
        try:
            await asyncio.wait_for(self._idle.wait(), within)
        except TimeoutError:
            return False
        return True


async def accepting(interaction: discord.Interaction[SellerCoachBot]) -> bool:
    """False (after saying so to the seller) when the bot is shutting down."""
    if getattr(interaction.client, "accepting", True):
        return True
    if interaction.type is not discord.InteractionType.autocomplete:
        with contextlib.suppress(discord.HTTPException):
            await interaction.response.send_message(STOPPING, ephemeral=True)
    return False


@contextlib.asynccontextmanager
async def answering(
    interaction: discord.Interaction[SellerCoachBot], name: str
) -> AsyncIterator[Answer]:
    """Run the body as the answer to ``interaction`` (see the module's description).

    ``name`` says what is being answered in the log (a command or component name; never
    anything the seller typed).
    """
    answer = Answer(interaction)
    in_flight: InFlight = getattr(interaction.client, "in_flight", None) or InFlight()
    started = time.monotonic()
    watchdog = asyncio.get_running_loop().call_later(
        DEFER_AFTER, lambda: asyncio.ensure_future(_defer_quietly(answer, name))
    )
    outcome = "ok"
    with in_flight:
        try:
            yield answer
        except (ServiceError, CoachError) as error:
            outcome = "refused"
            await _answer_quietly(answer, name, friendly(error))
        except discord.HTTPException as error:
            if gone(error):
                outcome = "gone"
                _log_gone(name, error, started)
            else:
                outcome = "error"
                await _unexpected(answer, name, error)
        except Exception as error:
            outcome = "error"
            await _unexpected(answer, name, error)
        else:
            if not answer.responded:
                outcome = "error"
                await _unexpected(answer, name, RuntimeError("the interaction was left unanswered"))
        finally:
            watchdog.cancel()
            metrics = getattr(interaction.client, "metrics", None)
            if metrics is not None:
                metrics.interaction(name, outcome, time.monotonic() - started)


async def _defer_quietly(answer: Answer, name: str) -> None:
    try:
        await answer.defer()
    except discord.HTTPException as error:
        if not gone(error):
            log.warning("could not acknowledge %s in time: HTTP %s", name, error.status)


async def _unexpected(answer: Answer, name: str, error: BaseException) -> None:
    error_id = new_error_id()
    log.error("error %s while answering %s\n%s", error_id, name, redacted_traceback(error))
    await _answer_quietly(answer, name, POLITE.format(error_id=error_id))


async def _answer_quietly(answer: Answer, name: str, text: str) -> None:
    """Send ``text``; if even that fails, log it (never raise from the error path)."""
    try:
        await answer.send(text)
    except discord.HTTPException as error:
        if gone(error):
            _log_gone(name, error, None)
        else:
            log.warning("could not answer %s: HTTP %s code %s", name, error.status, error.code)


def _log_gone(name: str, error: discord.HTTPException, started: float | None) -> None:
    after = f" after {time.monotonic() - started:.1f}s" if started is not None else ""
    log.warning(
        "could not answer %s: Discord no longer accepts answers to it (code %s)%s",
        name,
        error.code,
        after,
    )


# --- buttons and menus ---------------------------------------------------------------------------


class RoutedItem:
    """A button or menu whose ``custom_id`` says what it acts on, answered via :func:`answering`.

    Mix it in before discord.py's ``DynamicItem``, give a ``template`` (a regular expression
    with named groups), read the groups in :meth:`read` and act in :meth:`handle`::

        class StartButton(RoutedItem, discord.ui.DynamicItem[discord.ui.Button[Any]],
                          template=r"pbs:(?P<playbook>[a-z0-9-]{1,64})"):
            def read(self, match): self.playbook_id = match["playbook"]
            async def handle(self, answer): ...

    Build one with ``StartButton(discord.ui.Button(custom_id=..., label=...))``. Rebuilt from a
    ``custom_id`` after a restart, the item is the one Discord sent back (a select keeps its
    chosen values in ``self.item.values``).
    """

    __discord_ui_compiled_template__: ClassVar[re.Pattern[str]]

    def __init__(self, item: Any) -> None:
        super().__init__(item)  # type: ignore[call-arg]  # discord.ui.DynamicItem
        custom_id = getattr(item, "custom_id", None) or ""
        match = self.__discord_ui_compiled_template__.fullmatch(custom_id)
        if match is None:
            raise ValueError(f"{type(self).__name__}: custom_id does not fit the template")
        self.read(match)

    def read(self, match: re.Match[str]) -> None:
        """Take what the component acts on from its ``custom_id``."""

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[SellerCoachBot],
        item: Any,
        match: re.Match[str],
        /,
    ) -> Self:
        return cls(item)

    @property
    def name(self) -> str:
        """What the log calls a press of this component."""
        return type(self).__name__

    async def interaction_check(self, interaction: discord.Interaction[SellerCoachBot]) -> bool:
        return await accepting(interaction)

    async def callback(self, interaction: discord.Interaction[SellerCoachBot]) -> None:
        async with answering(interaction, self.name) as answer:
            await self.handle(answer)

    async def handle(self, answer: Answer) -> None:
        raise NotImplementedError


# --- forms (modals) ------------------------------------------------------------------------------


class RoutedForm(discord.ui.Modal):
    """A form whose ``custom_id`` says what it is for, so it is answered even after a restart.

    Subclasses set :attr:`route` (a compiled pattern with named groups), read the groups in
    :meth:`read`, and act in :meth:`submitted`, which gets the submitted values by field
    ``custom_id``. Create one with a ``custom_id`` that fits :attr:`route`; register the class
    with :meth:`FormRouter.add`.
    """

    route: ClassVar[re.Pattern[str]]

    def __init__(self, custom_id: str, **options: Any) -> None:
        super().__init__(custom_id=custom_id, **options)
        match = self.route.fullmatch(custom_id)
        if match is None:
            raise ValueError(f"{type(self).__name__}: custom_id does not fit its route")
        self.read(match)

    def read(self, match: re.Match[str]) -> None:
        """Take what the form is for from its ``custom_id``."""

    async def submitted(self, answer: Answer, values: Mapping[str, str]) -> None:
        raise NotImplementedError


class FormRouter:
    """Sends each form submission to the :class:`RoutedForm` class its ``custom_id`` fits."""

    def __init__(self) -> None:
        self._forms: list[type[RoutedForm]] = []

    def add(self, *forms: type[RoutedForm]) -> None:
        self._forms.extend(f for f in forms if f not in self._forms)

    def remove(self, *forms: type[RoutedForm]) -> None:
        self._forms = [f for f in self._forms if f not in forms]

    async def dispatch(self, interaction: discord.Interaction[SellerCoachBot]) -> bool:
        """Answer a form submission; False when it is not one of ours (or not a form)."""
        if interaction.type is not discord.InteractionType.modal_submit:
            return False
        data: Any = interaction.data or {}
        custom_id = str(data.get("custom_id") or "")
        for form in self._forms:
            if form.route.fullmatch(custom_id):
                if not await accepting(interaction):
                    return True
                async with answering(interaction, form.__name__) as answer:
                    await form(custom_id).submitted(answer, submitted_values(data))
                return True
        log.warning("a form submission matched no known form")
        return False


def submitted_values(data: Mapping[str, Any]) -> dict[str, str]:
    """The text of each field of a form submission, by the field's ``custom_id``.

    Fields sit in action rows or labels; a select inside a label gives its values joined by
    commas (none of ours has commas in its values).
    """
    values: dict[str, str] = {}

    def visit(component: Mapping[str, Any]) -> None:
        for child in component.get("components") or []:
            visit(child)
        inner = component.get("component")
        if inner:
            visit(inner)
        custom_id = component.get("custom_id")
        if custom_id is None:
            return
        if "value" in component:
            values[custom_id] = str(component.get("value") or "")
        elif "values" in component:
            values[custom_id] = ",".join(str(v) for v in component.get("values") or [])

    for component in data.get("components") or []:
        visit(component)
    return values
