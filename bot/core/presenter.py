"""What each step of a walkthrough shows, independent of where it is shown.

The terminal coach and the Discord layer both render a :class:`StepView`: headed sections of
text and, for steps with a choice, the options with the current selection. Keeping this in one
place means both front ends coach the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from bot.core import engine
from bot.core.engine import CoachState, OfferStatus, ReturnShipping, Step
from bot.core.models import Playbook
from bot.core.placeholders import render

NO_OFFER = "none"
#: The heading of the finished reply on the last step.
READY = "Ready to send"
NO_FOLLOW_UP = "none"
FOLLOW_UP_DAYS = (1, 2, 3, 5, 7, 10, 14, 21, 30)


class ChoiceKind(StrEnum):
    """The kind of choice a step asks for."""

    QUESTIONS = "questions"
    APOLOGY = "apology"
    OFFER = "offer"
    FOLLOW_UP = "follow_up"


@dataclass(frozen=True, slots=True)
class Section:
    """A heading and its lines; ``more`` marks background (tips, evidence, what the reply
    says) that a small screen shows only when asked."""

    heading: str
    lines: tuple[str, ...]
    quote: bool = False
    more: bool = False


@dataclass(frozen=True, slots=True)
class Option:
    """One choice; ``flagged`` marks an offer that needs the seller's own decision."""

    key: str
    label: str
    detail: str = ""
    selected: bool = False
    flagged: bool = False


@dataclass(frozen=True, slots=True)
class StepView:
    """Everything a front end needs to show one step."""

    step: Step
    title: str
    playbook_title: str
    sections: tuple[Section, ...]
    choice: ChoiceKind | None = None
    multiple: bool = False
    options: tuple[Option, ...] = field(default_factory=tuple)

    @property
    def is_first(self) -> bool:
        return self.step is engine.STEPS[0]

    @property
    def is_last(self) -> bool:
        return self.step is engine.STEPS[-1]


def step_title(step: Step) -> str:
    """``Step 2 of 4 · Apologise``, or ``Your reply`` for the last step."""
    if step is Step.DRAFT:
        return step.label
    return f"Step {engine.STEPS.index(step) + 1} of {engine.MOVES} · {step.label}"


def present(state: CoachState, playbook: Playbook) -> StepView:
    """The view of the step the walkthrough is at."""
    builder = {
        Step.LISTEN: _listen,
        Step.APOLOGISE: _apologise,
        Step.COMPENSATE: _compensate,
        Step.FOLLOW_UP: _follow_up,
        Step.DRAFT: _draft,
    }[state.step]
    return builder(state, playbook)


def _view(
    state: CoachState, playbook: Playbook, sections: list[Section], **extra: object
) -> StepView:
    return StepView(
        step=state.step,
        title=step_title(state.step),
        playbook_title=playbook.title,
        sections=tuple(s for s in sections if s.lines),
        **extra,  # type: ignore[arg-type]
    )


def _listen(state: CoachState, playbook: Playbook) -> StepView:
    step = playbook.steps.listen
    values = engine.placeholder_values(state)
    message = state.details.customer_message
    sections = [
        Section("Their message", (message,) if message else (), quote=True, more=True),
        Section("Tips", tuple(step.tips), more=True),
        Section("Evidence to gather", tuple(step.evidence), more=True),
        Section(
            "Your reply opens with", (render(step.acknowledge, values),), quote=True, more=True
        ),
    ]
    options = tuple(
        Option(str(i), render(q, values), selected=i in state.choices.questions)
        for i, q in enumerate(step.questions)
    )
    return _view(
        state, playbook, sections, choice=ChoiceKind.QUESTIONS, multiple=True, options=options
    )


def _apologise(state: CoachState, playbook: Playbook) -> StepView:
    step = playbook.steps.apologise
    values = engine.placeholder_values(state)
    options = tuple(
        Option(str(i), render(line, values), selected=i == state.choices.apology)
        for i, line in enumerate(step.lines)
    )
    return _view(
        state,
        playbook,
        [Section("Tips", tuple(step.tips), more=True)],
        choice=ChoiceKind.APOLOGY,
        options=options,
    )


def policy_summary(state: CoachState) -> tuple[str, ...]:
    """The seller's policy in a few words."""
    policy = state.policy
    limits = []
    if policy.max_goodwill is not None:
        limits.append(engine.format_money(policy.max_goodwill, policy.currency))
    if policy.max_goodwill_share is not None:
        limits.append(f"{policy.max_goodwill_share:.0%} of the order value")
    returns = {
        ReturnShipping.BUYER: "the buyer pays return postage",
        ReturnShipping.SELLER: "you pay return postage",
        ReturnShipping.CASE_BY_CASE: "return postage is decided case by case",
    }[policy.return_shipping]
    goodwill = f"goodwill up to {' and '.join(limits)}" if limits else "no goodwill limit set"
    insured = "parcels insured" if policy.insures_parcels else "parcels not insured"
    value = "order value not given"
    if state.details.order_value is not None:
        currency = engine.currency_of(state.details, policy)
        value = f"order value {engine.format_money(state.details.order_value, currency)}"
    return (f"{goodwill}; {returns}; {insured}; {value}.",)


def _compensate(state: CoachState, playbook: Playbook) -> StepView:
    step = playbook.steps.compensate
    insurance = step.if_insured if state.policy.insures_parcels else step.if_uninsured
    sections = [
        Section("Tips", tuple(step.tips), more=True),
        Section("Insurance", (insurance,) if insurance else (), more=True),
        Section("Your policy", policy_summary(state)),
    ]
    options = []
    recommended = engine.recommended_offer(playbook, state.policy)
    for assessment in engine.assess_offers(playbook, state.details, state.policy):
        offer = assessment.offer
        details = [assessment.note] if assessment.note else []
        if offer.id == recommended:
            details.insert(0, "recommended")
        if assessment.status is OfferStatus.OVER:
            details.insert(0, "your call: over your policy")
        elif assessment.status is OfferStatus.UNKNOWN:
            details.insert(0, "your call")
        if offer.when:
            details.append(offer.when)
        options.append(
            Option(
                offer.id,
                offer.label,
                detail=" — ".join(details),
                selected=offer.id == state.choices.offer,
                flagged=assessment.needs_decision,
            )
        )
    options.append(
        Option(
            NO_OFFER,
            "No offer yet",
            detail="Ask your questions first and decide once you have the whole story.",
            selected=state.choices.offer is None,
        )
    )
    return _view(state, playbook, sections, choice=ChoiceKind.OFFER, options=tuple(options))


def _follow_up(state: CoachState, playbook: Playbook) -> StepView:
    step = playbook.steps.follow_up
    values = engine.placeholder_values(state)
    sections = [
        Section("Tips", tuple(step.tips), more=True),
        Section("You'll be reminded to check", (step.reminder,), more=True),
        Section("Follow-up message", (render(step.message, values),), quote=True, more=True),
    ]
    chosen = state.choices.follow_up_days
    days = sorted({*FOLLOW_UP_DAYS, step.after_days} | ({chosen} if chosen else set()))
    options = [
        Option(
            str(d),
            f"In {d} day{'s' if d != 1 else ''}",
            detail="suggested" if d == step.after_days else "",
            selected=d == chosen,
        )
        for d in days
    ]
    options.append(Option(NO_FOLLOW_UP, "No reminder", selected=chosen is None))
    return _view(state, playbook, sections, choice=ChoiceKind.FOLLOW_UP, options=tuple(options))


def _draft(state: CoachState, playbook: Playbook) -> StepView:
    reply = engine.draft(state, playbook)
    missing = engine.missing_details(state, playbook, reply)
    note = ()
    if missing:
        note = (f"Fill in before sending: {', '.join(missing)}.",)
    sections = [Section(READY, (reply,)), Section("Check", note)]
    return _view(state, playbook, sections)


def apply_choice(state: CoachState, playbook: Playbook, keys: list[str]) -> CoachState:
    """Apply the option keys picked on the current step (as shown by :func:`present`)."""
    if state.step is Step.LISTEN:
        if not all(k.isdigit() for k in keys):
            raise engine.CoachError("pick questions by their numbers")
        return engine.choose_questions(state, playbook, [int(k) for k in keys])
    if len(keys) != 1:
        raise engine.CoachError("pick exactly one option")
    (key,) = keys
    if state.step is Step.APOLOGISE:
        if not key.isdigit():
            raise engine.CoachError("pick one of the apology lines")
        return engine.choose_apology(state, playbook, int(key))
    if state.step is Step.COMPENSATE:
        return engine.choose_offer(state, playbook, None if key == NO_OFFER else key)
    if state.step is Step.FOLLOW_UP:
        if key == NO_FOLLOW_UP:
            return engine.choose_follow_up(state, playbook, None)
        if not key.isdigit():
            raise engine.CoachError("pick a number of days")
        return engine.choose_follow_up(state, playbook, int(key))
    raise engine.CoachError("there is nothing to choose on this step")
