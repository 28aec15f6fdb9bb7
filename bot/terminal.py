"""The terminal coach: the same walkthrough as on Discord, in a terminal.

Interactive on a TTY; scriptable otherwise: answers are read line by line from stdin, an empty
line (or the end of input) accepts the default, so ``yes "" | seller-coach coach "..."`` walks
every step with the suggested choices and prints the draft.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from pydantic import ValidationError

from bot.core import engine, presenter
from bot.core.catalog import Catalog
from bot.core.details import MessageDetails, read_details
from bot.core.engine import CaseDetails, CoachError, CoachState, Policy, Step
from bot.core.marketplace import Marketplace
from bot.core.models import CATEGORY_NAMES, Playbook
from bot.core.presenter import StepView

log = logging.getLogger(__name__)

BACK = {"b", "back"}
#: The file in the data folder where the terminal coach keeps the seller's name, shop and policy.
POLICY_FILE = "terminal-policy.json"
QUIT = {"q", "quit", "exit"}


class Quit(Exception):
    """The seller asked to stop."""


@dataclass
class Console:
    """Questions and answers over text streams."""

    stdin: TextIO = field(default_factory=lambda: sys.stdin)
    stdout: TextIO = field(default_factory=lambda: sys.stdout)
    interactive: bool = False

    @property
    def width(self) -> int:
        return min(shutil.get_terminal_size((88, 24)).columns, 100) if self.interactive else 88

    def say(self, text: str = "") -> None:
        self.stdout.write(text + "\n")

    def wrap(self, text: str, indent: str = "", hanging: str | None = None) -> None:
        """Print ``text`` wrapped to the width; ``hanging`` indents the continuation lines."""
        following = indent if hanging is None else hanging
        for paragraph in text.split("\n"):
            lines = textwrap.wrap(
                paragraph, self.width, initial_indent=indent, subsequent_indent=following
            ) or [indent.rstrip()]
            for line in lines:
                self.say(line)

    def ask(self, prompt: str, default: str = "") -> str:
        """One answer; the default on an empty line or at the end of input."""
        shown = f"{prompt} [{default}]: " if default else f"{prompt}: "
        if self.interactive:
            try:
                line = input(shown) + "\n"
            except EOFError:
                line = ""
        else:
            self.stdout.write(shown)
            self.stdout.flush()
            line = self.stdin.readline()
        if not line:  # end of input: take the defaults from here on
            self.stdout.write("\n")
            return default
        if not self.interactive:
            self.stdout.write(line if line.endswith("\n") else line + "\n")
        answer = line.strip()
        if answer.lower() in QUIT:
            raise Quit
        return answer or default

    def rule(self, title: str = "") -> None:
        bar = "─" * max(self.width - len(title) - 4, 4)
        self.say(f"── {title} {bar}" if title else "─" * self.width)


@dataclass
class CoachOptions:
    """What the command line already knows before the walkthrough starts."""

    situation: str | None = None
    playbook_id: str | None = None
    details: CaseDetails = field(default_factory=CaseDetails)
    policy: Policy = field(default_factory=Policy)
    #: Called with the seller's policy (name and shop included) once the walkthrough is done,
    #: so the next run signs the reply without asking.
    remember: Callable[[Policy], None] | None = None
    #: Where the seller sells: the reply names it wherever a playbook says {marketplace}.
    marketplace: Marketplace | None = None


def load_policy(folder: Path) -> Policy | None:
    """The policy the terminal coach remembered in ``folder``, or None (none kept, unreadable)."""
    try:
        return Policy.model_validate_json((folder / POLICY_FILE).read_bytes())
    except FileNotFoundError:
        return None
    except (OSError, ValidationError, ValueError) as error:
        log.warning("ignored the remembered policy in %s: %s", folder / POLICY_FILE, error)
        return None


def save_policy(folder: Path, policy: Policy) -> None:
    """Keep ``policy`` in ``folder`` for the next run (atomically; a failure is only logged)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, delete=False, suffix=".tmp") as handle:
            handle.write(policy.model_dump_json(exclude_defaults=True, indent=2).encode())
        os.replace(handle.name, folder / POLICY_FILE)
    except OSError as error:
        log.warning("could not remember your policy in %s: %s", folder, error.strerror)


ToneCheck = Callable[[str], list[str]]


def run_coach(
    catalog: Catalog, options: CoachOptions, console: Console, tone_check: ToneCheck | None = None
) -> int:
    """Walk the seller through one case; return the exit status."""
    try:
        playbook, situation = _choose_playbook(catalog, options, console)
        if playbook is None:
            return 1
        source = options.details.customer_message or situation
        details = _ask_details(options.details, console, read_details(source))
        policy = _ask_signature(options.policy, console)
        state = engine.start(playbook, details, policy, marketplace=options.marketplace)
        state = _walk(state, playbook, console)
        state = _ask_offer_details(state, playbook, console)
        if options.remember is not None:
            options.remember(state.policy)
        _finish(state, playbook, console, tone_check)
    except Quit:
        console.say("Stopped. Nothing was sent.")
        return 130
    return 0


def _choose_playbook(
    catalog: Catalog, options: CoachOptions, console: Console
) -> tuple[Playbook | None, str]:
    """The playbook to walk through, and what the seller said happened (given or typed),
    which may hold the customer's details."""
    if options.playbook_id:
        playbook = catalog.get(options.playbook_id)
        if playbook is None:
            console.say(f"There is no playbook called '{options.playbook_id}'.")
        return playbook, options.situation or ""
    situation = options.situation
    while not situation:
        situation = console.ask("What happened? Describe it in a sentence")
        if not situation and not console.interactive:
            console.say("No situation given.")
            return None, ""
    result = catalog.matcher.match(situation, top=5)
    if result.confident and result.best is not None:
        console.say(f"This sounds like: {result.best.title}")
        if result.also:
            also = "; ".join(m.title for m in result.also)
            console.say(f"It also sounds like: {also} (coach that one next, after this).")
        return catalog.get(result.best.id), situation
    console.say(
        "That doesn't look like a customer situation I know well enough to be sure. "
        "Pick the one that fits from the list."
    )
    return _pick_from_list(catalog, [m.id for m in result.matches[:3]], console), situation


def _pick_from_list(catalog: Catalog, closest: list[str], console: Console) -> Playbook | None:
    """Show the closest matches, then every situation by category, and ask for a number."""
    choices: list[str] = []
    if closest:
        console.say("Closest:")
        for playbook_id in closest:
            choices.append(playbook_id)
            console.say(f"  {len(choices)}. {catalog.summary(playbook_id).title}")
    for category, summaries in catalog.by_category().items():
        console.say(f"{CATEGORY_NAMES[category]}:")
        for summary in summaries:
            choices.append(summary.id)
            console.say(f"  {len(choices)}. {summary.title}")
    if not choices:
        return None
    while True:
        answer = console.ask("Number", "1")
        if answer.isdigit() and 1 <= int(answer) <= len(choices):
            return catalog.get(choices[int(answer) - 1])
        console.say(f"Please answer with a number from 1 to {len(choices)}.")


def _ask_details(
    details: CaseDetails, console: Console, found: MessageDetails | None = None
) -> CaseDetails:
    """Ask for what the command line didn't give; an empty answer leaves it out.

    Details ``found`` in the customer's message are offered as the answer, marked as read
    from the message: Enter keeps one, typing replaces it, '-' leaves it out.
    """
    found = found or MessageDetails()
    read = {
        key: value
        for key, value in found.found().items()
        if getattr(details, key, None) is None and not (key == "currency" and details.currency)
    }
    if read:
        console.say(
            "A few details for the reply. Those marked (read from the message) were picked out "
            "of what the customer wrote: press Enter to keep, or type a correction ('-' leaves "
            "it out)."
        )
    else:
        console.say("A few details for the reply (press Enter to skip any):")
    answers: dict[str, object] = {}
    prompts = [
        ("customer", "Customer's name"),
        ("item", "Item"),
        ("order", "Order number"),
    ]
    for key, prompt in prompts:
        if getattr(details, key) is None:
            answer = _ask_one(console, prompt, read.get(key))
            if answer:
                answers[key] = answer[:100]
    if details.order_value is None:
        currency = details.currency or read.get("currency")
        suggested = None
        if "order_value" in read:
            suggested = f"{read['order_value']} {currency or ''}".strip()
        while True:
            answer = _ask_one(console, "Order value", suggested)
            if not answer:
                break
            try:
                answers["order_value"], named = engine.parse_money(answer, currency)
            except CoachError:
                console.say("  Please give an amount, like 24.50 or 24.50 EUR.")
                continue
            if named:
                answers["currency"] = named
            break
    return details.model_copy(update=answers)


def _ask_signature(policy: Policy, console: Console) -> Policy:
    """Ask for the seller's name and shop when they are not known yet (they are remembered)."""
    answers: dict[str, object] = {}
    for key, prompt in (
        ("seller_name", "Your name, to sign the reply"),
        ("shop_name", "Your shop"),
    ):
        if getattr(policy, key) is None:
            answer = console.ask(f"  {prompt}")
            if answer:
                answers[key] = answer[:100]
    return policy.model_copy(update=answers)


#: Details an offer may need, asked for only when the chosen offer's reply uses them.
OFFER_DETAILS = (
    ("code", "[discount code]", "The discount code to give"),
    ("tracking", "[tracking number]", "The tracking number"),
    ("date", "[date]", "The date to name (e.g. Friday 12 June)"),
)


def _ask_offer_details(state: CoachState, playbook: Playbook, console: Console) -> CoachState:
    """Ask for a code, tracking number or date only if the reply as chosen needs one."""
    missing = engine.missing_details(state, playbook)
    answers: dict[str, object] = {}
    for key, marker, prompt in OFFER_DETAILS:
        if marker in missing:
            answer = console.ask(f"{prompt} (Enter to fill in later)")
            if answer:
                answers[key] = answer[:64]
    if not answers:
        return state
    return engine.with_details(state, state.details.model_copy(update=answers))


def _ask_one(console: Console, prompt: str, suggested: object | None) -> str:
    """One detail; a ``suggested`` value read from the message is the default."""
    if suggested is None:
        return console.ask(f"  {prompt}")
    answer = console.ask(f"  {prompt} (read from the message)", str(suggested))
    return "" if answer == "-" else answer


def show(view: StepView, console: Console) -> None:
    """Print one step."""
    console.say()
    console.rule(f"{view.playbook_title} · {view.title}")
    for section in view.sections:
        console.say(f"{section.heading}:")
        for line in section.lines:
            if section.quote:
                console.wrap(line, indent="  > ")
            elif len(section.lines) == 1:
                console.wrap(line, indent="  ")
            else:
                console.wrap(line, indent="  • ", hanging="    ")
    if view.options:
        console.say(
            {
                presenter.ChoiceKind.QUESTIONS: "Questions you could ask:",
                presenter.ChoiceKind.APOLOGY: "Apology lines:",
                presenter.ChoiceKind.OFFER: "Offers, cheapest first:",
                presenter.ChoiceKind.FOLLOW_UP: "Check back:",
            }[view.choice]
        )  # type: ignore[index]
        for number, option in enumerate(view.options, start=1):
            mark = "*" if option.selected else " "
            flag = " (!)" if option.flagged else ""
            console.wrap(f"{mark}{number:>2}. {option.label}{flag}", indent="  ", hanging="      ")
            if option.detail:
                console.wrap(option.detail, indent="      ")


def _default_answer(view: StepView) -> str:
    chosen = [str(n) for n, o in enumerate(view.options, start=1) if o.selected]
    if view.multiple:
        return ",".join(chosen) or "0"
    return chosen[0] if chosen else ""


def _walk(state: CoachState, playbook: Playbook, console: Console) -> CoachState:
    console.say("Answer with a number to choose, Enter to keep the marked (*) choice and go on,")
    console.say("'b' to go back, 'q' to stop.")
    while state.step is not Step.DRAFT:
        view = presenter.present(state, playbook)
        show(view, console)
        prompt = {
            presenter.ChoiceKind.QUESTIONS: "Questions for your reply (e.g. 1,3; 0 for none)",
            presenter.ChoiceKind.APOLOGY: "Apology line",
            presenter.ChoiceKind.OFFER: "Offer",
            presenter.ChoiceKind.FOLLOW_UP: "Check back",
        }[view.choice]  # type: ignore[index]
        answer = console.ask(prompt, _default_answer(view))
        if answer.lower() in BACK:
            if not view.is_first:
                state = engine.go_back(state, playbook)
            continue
        try:
            state = presenter.apply_choice(state, playbook, _keys(view, answer))
        except CoachError as error:
            console.say(f"{error}.")
            continue
        state = engine.go_next(state, playbook)
    return state


def _keys(view: StepView, answer: str) -> list[str]:
    numbers = [part.strip() for part in answer.replace(" ", ",").split(",") if part.strip()]
    if view.multiple and numbers == ["0"]:
        return []
    keys = []
    for number in numbers:
        if not number.isdigit() or not 1 <= int(number) <= len(view.options):
            raise CoachError(f"please answer with numbers from 1 to {len(view.options)}")
        keys.append(view.options[int(number) - 1].key)
    return keys


def _finish(
    state: CoachState, playbook: Playbook, console: Console, tone_check: ToneCheck | None
) -> None:
    """The follow-up and the tone check first; the reply last and alone, ready to copy."""
    view = presenter.present(state, playbook)
    reply = next(s.lines[0] for s in view.sections if s.heading == presenter.READY)
    console.say()
    if state.choices.follow_up_days is not None:
        days = state.choices.follow_up_days
        console.wrap(
            f"Follow up in {days} day{'' if days == 1 else 's'}: "
            f"{playbook.steps.follow_up.reminder}"
        )
        console.say("Follow-up message:")
        console.wrap(engine.follow_up_message(state, playbook), indent="  ")
    if tone_check is not None:
        findings = tone_check(reply)
        if not findings:
            console.say("Tone check: reads kindly. Good to send.")
        else:
            console.say("Tone check: worth another look before you send:")
            for finding in findings:
                console.wrap(finding, indent="  • ", hanging="    ")
        console.say("(Check the version you send with: seller-coach tone)")
    for section in view.sections:
        if section.heading != presenter.READY:
            console.wrap(" ".join(section.lines))
    console.say()
    console.rule(view.title)
    console.say(reply)
    console.rule()
