"""Suggestions: what a seller learned, offered back to their server's playbooks.

A seller who has just walked through a situation can suggest, as structured pieces the bot can
apply on its own:

* a **match example**: "this is how I'd describe this situation", added to ``match.examples``;
* an **apology line**, added to ``steps.apologise.lines``;
* an **offer script**, replacing the ``script`` of one offer of the ladder;
* a **tip** for one of the four moves, added to that step's ``tips``;
* a **new situation** (a title, what happened, what worked), which becomes a draft playbook
  (:func:`draft_playbook`) for a reviewer to finish.

Everything a seller writes is :func:`scrub`-bed first: customer names, order numbers, e-mail
addresses and phone numbers are replaced by visible markers (``[name]``, ``[order]``,
``[email]``, ``[phone]``), so the text shown to reviewers and stored never carries them.
:func:`apply` changes a playbook's plain data (as the strict loader reads it) and refuses a
suggestion whose result would not validate or would add proofreading findings. Pure: no
Discord, no database.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from copy import deepcopy
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import yaml
from pydantic import ValidationError

from bot.core.details import MARKETPLACE_ORDER, read_details
from bot.core.models import (
    MAX_PHRASE,
    MAX_SUMMARY,
    MAX_TEXT,
    MAX_TIP,
    MAX_TITLE,
    SLUG_PATTERN,
    Playbook,
)
from bot.core.placeholders import check_placeholders
from bot.core.playbook_yaml import LINE_WIDTH, playbook_data
from bot.core.proofread import check_playbook

__all__ = [
    "TIP_STEPS",
    "Suggestion",
    "SuggestionError",
    "SuggestionKind",
    "apply",
    "checked_change",
    "draft_playbook",
    "make_suggestion",
    "problems",
    "scrub",
    "slug_for",
]


class SuggestionError(ValueError):
    """A suggestion that cannot be made or applied; the message is safe to show the seller."""


class SuggestionKind(StrEnum):
    """What a suggestion changes."""

    MATCH_EXAMPLE = "match-example"
    APOLOGY = "apology"
    OFFER_SCRIPT = "offer-script"
    TIP = "tip"
    NEW_SITUATION = "new-situation"

    @property
    def label(self) -> str:
        """How the kind is named to sellers and reviewers."""
        return _KIND_LABELS[self]


_KIND_LABELS = {
    SuggestionKind.MATCH_EXAMPLE: "How I'd describe this situation",
    SuggestionKind.APOLOGY: "A better apology line",
    SuggestionKind.OFFER_SCRIPT: "A better offer script",
    SuggestionKind.TIP: "A tip",
    SuggestionKind.NEW_SITUATION: "A new situation",
}

#: The moves a tip can be given for, with how they are named.
TIP_STEPS: dict[str, str] = {
    "listen": "Listen",
    "apologise": "Apologise",
    "compensate": "Offer compensation",
    "follow_up": "Follow up",
}

#: Limits on what a seller writes (the playbook's own limits where the text goes into one).
MIN_TEXT = 3
MAX_WHAT_HAPPENED = MAX_TEXT
MAX_WHAT_WORKED = MAX_TIP


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One scrubbed suggestion, as stored and reviewed.

    ``text`` is the example, the apology line, the script or the tip; ``offer_id`` names the
    offer a script is for, ``step`` the move a tip is for; a new situation has ``title``,
    ``text`` (what happened) and ``worked`` (what worked) instead.
    """

    kind: SuggestionKind
    text: str
    offer_id: str | None = None
    step: str | None = None
    title: str | None = None
    worked: str | None = None

    def to_payload(self) -> dict[str, str]:
        """The JSON-ready fields, leaving out those the kind has no use for."""
        data = {
            "kind": self.kind.value,
            "text": self.text,
            "offer_id": self.offer_id,
            "step": self.step,
            "title": self.title,
            "worked": self.worked,
        }
        return {key: value for key, value in data.items() if value is not None}

    @classmethod
    def from_payload(cls, data: Mapping[str, Any]) -> Suggestion:
        """Read back what :meth:`to_payload` wrote (already scrubbed and checked)."""
        try:
            kind = SuggestionKind(data["kind"])
            text = str(data["text"])
        except (KeyError, ValueError):
            raise SuggestionError("This suggestion could not be read.") from None

        def optional(name: str) -> str | None:
            value = data.get(name)
            return None if value is None else str(value)

        return cls(
            kind=kind,
            text=text,
            offer_id=optional("offer_id"),
            step=optional("step"),
            title=optional("title"),
            worked=optional("worked"),
        )

    def shown(self) -> list[tuple[str, str]]:
        """The suggestion as labelled parts, for a reviewer or the seller to read."""
        if self.kind is SuggestionKind.NEW_SITUATION:
            parts = [("Title", self.title or ""), ("What happened", self.text)]
            if self.worked:
                parts.append(("What worked", self.worked))
            return parts
        label = {
            SuggestionKind.MATCH_EXAMPLE: "Example",
            SuggestionKind.APOLOGY: "Apology line",
            SuggestionKind.OFFER_SCRIPT: f"Script for offer {self.offer_id}",
            SuggestionKind.TIP: f"Tip for {TIP_STEPS.get(self.step or '', self.step)}",
        }[self.kind]
        return [(label, self.text)]


# --- scrubbing ------------------------------------------------------------------------------

NAME_MARK = "[name]"
ORDER_MARK = "[order]"
EMAIL_MARK = "[email]"
PHONE_MARK = "[phone]"

_EMAIL = re.compile(r"[\w.+%-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
_URL_USER = re.compile(r"(?i)\bmailto:\S+")
#: A phone number: an optional +country code, then at least 7 digits in groups.
_PHONE = re.compile(
    r"(?<![\w#])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,5}\)[\s.-]?)?\d(?:[\s.-]?\d){6,14}(?!\w)"
)
_DATE = re.compile(r"\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4}")
#: Numbers that look like an order: marked with '#', or a marketplace's shape.
_HASHED_NUMBER = re.compile(r"(?<![\w&])#\s?\d{3,}(?:-\d+)*\b")
_LABELLED_NUMBER = re.compile(
    r"(?i)\b(?P<label>(?:order|receipt|invoice|transaction)s?"
    r"(?:\s*(?:number|no|nr|num|id|ref(?:erence)?)\b\.?)?\s*(?:is|was|=)?\s*[:#]?\s*)"
    r"(?P<number>[A-Z]{0,4}-?\d[\dA-Z-]{2,}\d)\b"
)
_GREETED = re.compile(
    r"(?im)^\s*(?:hi|hello|hey|hiya|dear)[ \t]+(?P<name>(?-i:[A-Z][a-z'’-]+))\b(?=[ \t]*[,!.\n]|$)"
)
#: Scrubbing repeats while it still finds something, at most this many times.
_ROUNDS = 8
#: Where a seller names someone in passing: addressed by name at a clause's end ("…in pieces,
#: Rosalind."), after a title ("Mrs Okafor"), or after a word for the customer ("customer Tom
#: Baker", "her name is Ada"). Capitalised words elsewhere (places, brands, "I'll") are left.
_NAME = r"[A-Z][a-z'’-]*[a-z](?: [A-Z][a-z'’-]*[a-z])?"
_NAMED_IN_PASSING = re.compile(
    rf"(?:(?<=, )(?P<addressed>{_NAME})(?=[.!?,]|\s*$)"
    rf"|\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.? (?P<titled>{_NAME})"
    rf"|\b(?i:customer|buyer|client|recipient|named|called|name is|name's)\s+(?P<called>{_NAME}))"
)
#: Words that end a clause after a comma without being anyone's name.
_NOT_NAMES = frozenset(
    """
    thanks thank regards best wishes cheers love please sorry monday tuesday wednesday thursday
    friday saturday sunday january february march april may june july august september october
    november december christmas easter etsy ebay shopify vinted amazon paypal
    """.split()  # noqa: SIM905 (a word list reads better as words)
)


def scrub(text: str, *, known: Iterable[str | None] = ()) -> str:
    """``text`` without customer names, order numbers, e-mail addresses or phone numbers.

    Each is replaced by a visible marker (``[name]``, ``[order]``, ``[email]``, ``[phone]``), so
    the seller sees what was taken out. Names and orders are those :func:`read_details` reads
    (a signed or introduced name, an order or receipt number), the names a message greets, names
    said in passing (someone addressed at the end of a clause, after a title, or after a word for
    the customer), and ``known`` values (the walkthrough's own customer name and order number),
    wherever they occur.
    """
    known = tuple(known)
    for value in known:
        text = _remove_value(text, value)
    text = _URL_USER.sub(EMAIL_MARK, text)
    text = _EMAIL.sub(EMAIL_MARK, text)
    text = MARKETPLACE_ORDER.sub(ORDER_MARK, text)
    text = _LABELLED_NUMBER.sub(lambda m: m["label"] + ORDER_MARK, text)
    text = _HASHED_NUMBER.sub(ORDER_MARK, text)
    text = _PHONE.sub(lambda m: m[0] if _DATE.fullmatch(m[0]) else PHONE_MARK, text)
    text = text.replace("#" + ORDER_MARK, ORDER_MARK)
    for value in known:
        text = _remove_value(text, value)
    for _ in range(_ROUNDS):
        details = read_details(text)
        found = [value for value in (details.customer, details.order) if value]
        found += [m["name"] for m in _GREETED.finditer(text)]
        for m in _NAMED_IN_PASSING.finditer(text):
            name = m["addressed"] or m["titled"] or m["called"]
            if name.split()[0].casefold() not in _NOT_NAMES:
                found.append(name)
        found = [value for value in found if value not in _MARKS]
        if not found:
            break
        before = text
        for value in found:
            text = _remove_value(text, value)
        if text == before:
            break
    return text


_MARKS = frozenset({NAME_MARK, ORDER_MARK, EMAIL_MARK, PHONE_MARK})


def _remove_value(text: str, value: str | None) -> str:
    """``text`` with every occurrence of ``value`` (a name or an order number) marked."""
    if value is None:
        return text
    value = value.strip().strip(".,!?#")
    if len(value) < 2 or value.strip("[]") in {"name", "order", "email", "phone"}:
        return text
    mark = ORDER_MARK if any(c.isdigit() for c in value) else NAME_MARK
    pattern = re.compile(rf"(?<![\w]){'#?' if mark == ORDER_MARK else ''}{re.escape(value)}(?!\w)")
    text = pattern.sub(mark, text)
    digits = re.sub(r"\D", "", value)
    if mark == ORDER_MARK and len(digits) >= 4 and digits != value:
        # The number without its letters or dashes ("A-55610" written as "55610").
        text = re.sub(rf"(?<![\w-]){digits}(?![\w-])", mark, text)
    if mark == NAME_MARK:
        # The parts of a full name said alone ("Tom Baker" signs, "Tom" is mentioned).
        for word in value.split():
            part = word.strip(".,")
            if len(part) >= 2 and part[0].isupper():
                text = re.sub(rf"(?<![\w\[]){re.escape(part)}(?![\w\]])", mark, text)
    return text


# --- making a suggestion ------------------------------------------------------------------


def _clean(text: str | None) -> str:
    """Whitespace runs folded to one space, the ends trimmed."""
    return " ".join((text or "").split())


def _check_length(name: str, text: str, low: int, high: int) -> None:
    if not text:
        raise SuggestionError(f"The {name} is empty: write something first.")
    if len(text) < low:
        raise SuggestionError(f"The {name} is too short: at least {low} characters, please.")
    if len(text) > high:
        raise SuggestionError(
            f"The {name} is too long: {len(text):,} characters, and the most is {high:,}. "
            "Please shorten it."
        )


def _check_plain(name: str, text: str) -> None:
    if "{" in text or "}" in text:
        raise SuggestionError(
            f"The {name} can't use braces: placeholders like {{item}} belong only in what the "
            "customer reads (apology lines and offer scripts)."
        )


def _check_placeholders(name: str, text: str) -> None:
    found = next(iter(check_placeholders(text)), None)
    if found is not None:
        raise SuggestionError(f"The {name} has a problem: {found.message}.")


def make_suggestion(
    kind: SuggestionKind | str,
    *,
    text: str | None = None,
    offer_id: str | None = None,
    step: str | None = None,
    title: str | None = None,
    worked: str | None = None,
    known: Iterable[str | None] = (),
) -> Suggestion:
    """A checked, scrubbed suggestion from what a seller wrote; :class:`SuggestionError` with a
    clear message when it can't be one. ``known``: private values to take out wherever they
    appear (the walkthrough's customer name and order number)."""
    try:
        kind = SuggestionKind(kind)
    except ValueError:
        raise SuggestionError("That kind of suggestion is not one I know.") from None
    known = tuple(known)

    def cleaned(value: str | None) -> str:
        return _clean(scrub(value or "", known=known))

    body = cleaned(text)
    if kind is SuggestionKind.NEW_SITUATION:
        name = _clean(scrub(title or "", known=known))
        _check_length("title", name, MIN_TEXT, MAX_TITLE)
        _check_length("description of what happened", body, 10, MAX_WHAT_HAPPENED)
        done = cleaned(worked)
        if done:
            _check_length("description of what worked", done, MIN_TEXT, MAX_WHAT_WORKED)
        for label, value in (("title", name), ("description of what happened", body)):
            _check_plain(label, value)
        _check_plain("description of what worked", done)
        if not slug_for(name):
            raise SuggestionError("The title needs some letters or digits.")
        return Suggestion(kind, body, title=name, worked=done or None)
    if kind is SuggestionKind.MATCH_EXAMPLE:
        _check_length("example", body, MIN_TEXT, MAX_PHRASE)
        _check_plain("example", body)
        return Suggestion(kind, body)
    if kind is SuggestionKind.TIP:
        if step not in TIP_STEPS:
            raise SuggestionError(
                f"A tip is for one of the moves: {', '.join(TIP_STEPS.values())}."
            )
        _check_length("tip", body, MIN_TEXT, MAX_TIP)
        _check_plain("tip", body)
        return Suggestion(kind, body, step=step)
    if kind is SuggestionKind.APOLOGY:
        _check_length("apology line", body, MIN_TEXT, MAX_TEXT)
        _check_placeholders("apology line", body)
        return Suggestion(kind, body)
    if not offer_id or not re.fullmatch(SLUG_PATTERN, offer_id):
        raise SuggestionError("Pick the offer this script is for.")
    _check_length("offer script", body, MIN_TEXT, MAX_TEXT)
    _check_placeholders("offer script", body)
    return Suggestion(kind, body, offer_id=offer_id)


# --- applying it ----------------------------------------------------------------------------


def _same(a: str, b: str) -> bool:
    return _clean(a).casefold() == _clean(b).casefold()


def _add_once(items: list[Any], text: str) -> None:
    if not any(isinstance(item, str) and _same(item, text) for item in items):
        items.append(text)


def _mapping(data: Any, *path: str) -> dict[str, Any]:
    node = data
    for key in path:
        node = node.get(key) if isinstance(node, dict) else None
    if not isinstance(node, dict):
        raise SuggestionError("This playbook's file is not in the shape I can change.")
    return node


def _list(node: dict[str, Any], key: str) -> list[Any]:
    items = node.setdefault(key, [])
    if not isinstance(items, list):
        raise SuggestionError("This playbook's file is not in the shape I can change.")
    return items


def change(data: dict[str, Any], suggestion: Suggestion) -> dict[str, Any]:
    """``data`` (a playbook as plain data) with ``suggestion`` applied, unchecked; a copy."""
    new = deepcopy(data)
    kind = suggestion.kind
    if kind is SuggestionKind.MATCH_EXAMPLE:
        _add_once(_list(_mapping(new, "match"), "examples"), suggestion.text)
    elif kind is SuggestionKind.APOLOGY:
        _add_once(_list(_mapping(new, "steps", "apologise"), "lines"), suggestion.text)
    elif kind is SuggestionKind.TIP:
        step = suggestion.step or ""
        if step not in TIP_STEPS:
            raise SuggestionError("A tip is for one of the four moves.")
        _add_once(_list(_mapping(new, "steps", step), "tips"), suggestion.text)
    elif kind is SuggestionKind.OFFER_SCRIPT:
        ladder = _list(_mapping(new, "steps", "compensate"), "ladder")
        offer = next(
            (o for o in ladder if isinstance(o, dict) and o.get("id") == suggestion.offer_id),
            None,
        )
        if offer is None:
            raise SuggestionError(
                f"This playbook has no offer {suggestion.offer_id!r} any more, so the script "
                "has nowhere to go."
            )
        offer["script"] = suggestion.text
    else:
        raise SuggestionError(
            "A new situation isn't applied to a playbook: it becomes a draft playbook to finish."
        )
    return new


def checked_change(
    data: dict[str, Any], suggestion: Suggestion
) -> tuple[dict[str, Any] | None, list[str]]:
    """``data`` (a playbook as plain data) with ``suggestion`` applied, as a new dict, and what
    would be wrong with the result (empty: fine). The dict is None when the change cannot be
    made at all (its offer or question is gone, the file is not in a shape it can change, or it
    is a new situation), and the problems say why.

    The result must validate as a playbook, and proofreading must find nothing in it that it
    did not find in the playbook as it was (read only when the result has findings).
    """
    try:
        new = change(data, suggestion)
    except SuggestionError as error:
        return None, [str(error)]
    try:
        playbook = Playbook.model_validate(new)
    except ValidationError as error:
        return new, [_validation_message(error)]
    found = [f.message for f in check_playbook(playbook)]
    if found:
        try:
            before = {f.message for f in check_playbook(Playbook.model_validate(data))}
        except ValidationError:
            before = set()
        found = [message for message in found if message not in before]
    return new, found


def problems(data: dict[str, Any], suggestion: Suggestion) -> list[str]:
    """What would be wrong with the playbook once ``suggestion`` is applied (empty: fine); see
    :func:`checked_change`."""
    return checked_change(data, suggestion)[1]


def apply(data: dict[str, Any], suggestion: Suggestion) -> dict[str, Any]:
    """``data`` (a playbook as plain data) with ``suggestion`` applied, as a new dict.

    Raises :class:`SuggestionError` when the result would not validate as a playbook or would
    add proofreading findings; something already there is not added twice.
    """
    new, found = checked_change(data, suggestion)
    if found or new is None:
        raise SuggestionError("This suggestion can't be applied: " + "; ".join(found))
    return new


def _validation_message(error: ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"])
    return f"{where}: {first['msg']}" if where else str(first["msg"])


# --- a new situation becomes a draft playbook -----------------------------------------------

#: The examples a playbook needs (the loader's own minimum).
MIN_EXAMPLES = 10


def slug_for(title: str) -> str:
    """A playbook id from a title: lower-case words joined by hyphens, at most 64 characters."""
    words = re.findall(r"[a-z0-9]+", title.casefold().replace("'", "").replace("’", ""))
    slug = ""
    for word in words:
        longer = f"{slug}-{word}" if slug else word
        if len(longer) > 64:
            break
        slug = longer
    return slug


def _first_sentence(text: str) -> str:
    found = re.match(r"(.+?[.!?])(?:\s|$)", text)
    sentence = found.group(1) if found else text
    if len(sentence) > MAX_SUMMARY:
        sentence = sentence[: MAX_SUMMARY - 1].rsplit(" ", 1)[0] + "…"
    if len(sentence) < 10:
        sentence = (sentence + " (TODO: say it in a sentence)")[:MAX_SUMMARY]
    return sentence


def _phrases(suggestion: Suggestion) -> list[str]:
    """The suggestion's own words as match examples: what happened, whole and sentence by
    sentence, each within the length an example may have."""
    phrases: list[str] = []
    candidates = [suggestion.text, *re.split(r"(?<=[.!?])\s+", suggestion.text)]
    for candidate in candidates:
        phrase = candidate.strip()
        if 2 <= len(phrase) <= MAX_PHRASE:
            _add_once(phrases, phrase)
    if not phrases:
        phrases.append(suggestion.text[:MAX_PHRASE].rsplit(" ", 1)[0])
    return phrases


def _dump(value: Any, indent: int) -> str:
    text = yaml.safe_dump(
        value, sort_keys=False, allow_unicode=True, width=LINE_WIDTH, default_flow_style=False
    )
    pad = " " * indent
    return "".join(pad + line if line.strip() else line for line in text.splitlines(True))


def draft_playbook(suggestion: Suggestion, closest: Playbook) -> str:
    """A draft playbook file (YAML) for a new-situation suggestion, built from ``closest``.

    The id comes from the title, the title, summary and first examples from the suggestion, and
    what worked becomes the first tip of the compensation step; everything else is ``closest``'s,
    with ``TODO`` comments saying what a reviewer must finish before uploading it. As drafted it
    has fewer than the ten examples a playbook needs, so it can't be uploaded unfinished.
    """
    if suggestion.kind is not SuggestionKind.NEW_SITUATION or not suggestion.title:
        raise SuggestionError("Only a new situation becomes a draft playbook.")
    playbook_id = slug_for(suggestion.title)
    if not playbook_id:
        raise SuggestionError("The title needs some letters or digits.")
    steps = playbook_data(closest)["steps"]
    if suggestion.worked:
        steps["compensate"]["tips"] = [suggestion.worked, *steps["compensate"]["tips"]]
    examples = _phrases(suggestion)
    missing = max(MIN_EXAMPLES - len(examples), 1)
    header = {
        "id": playbook_id,
        "title": suggestion.title,
        "summary": _first_sentence(suggestion.text),
        "category": closest.category.value,
    }
    lines = [
        "# yaml-language-server: $schema=schema.json",
        f"# Draft from a member's suggestion, built on '{closest.id}' ({closest.title}).",
        "# TODO: finish every part marked TODO, then upload this file. Everything below 'steps'",
        f"# is still '{closest.id}''s own text: rewrite it for this situation.",
        f"# The file name must be {playbook_id}.yaml (the id).",
        _dump(header, 0).rstrip("\n"),
        "match:",
        f"  # TODO: add at least {missing} more phrasings, in sellers' and customers' own words"
        f" (a playbook needs {MIN_EXAMPLES}).",
        "  examples:",
        _dump(examples, 4).rstrip("\n"),
        "  keywords: []  # TODO: optional terms that point only to this situation",
        f"# TODO: the four steps are '{closest.id}''s: check each line fits this situation.",
    ]
    if suggestion.worked:
        lines.append("# The first compensation tip is what worked, in the member's words.")
    lines += ["steps:", _dump(steps, 2).rstrip("\n")]
    return "\n".join(lines) + "\n"
