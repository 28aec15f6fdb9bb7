"""Reading a screen as a seller on a phone: characters, 40-character lines, where the menu is.

A phone shows about 40 characters a line and 30 lines a screen. These helpers measure what the
bot sent, as the Discord double recorded it, the way the seller reads it.
"""

from __future__ import annotations

import copy
import re
import textwrap
from dataclasses import dataclass
from typing import Any

PHONE_WIDTH = 40
PHONE_SCREEN = 30

_MARKUP = re.compile(r"\*\*|__|~~|\|\||(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])")
_TIMESTAMP = re.compile(r"<t:\d+(?::[tTdDfFR])?>")


def readable(text: str) -> str:
    """``text`` as Discord shows it: no markdown markers, no fence lines, dates as words."""
    lines = [line for line in text.split("\n") if line.strip() != "```"]
    text = "\n".join(lines).replace("```", "")
    text = _TIMESTAMP.sub("in 5 days", text)
    return _MARKUP.sub("", text)


def phone_lines(text: str) -> list[str]:
    """``text`` wrapped at word boundaries to a phone's width (an empty line still takes one)."""
    wrapped: list[str] = []
    for line in readable(text).split("\n"):
        wrapped.extend(textwrap.wrap(line, PHONE_WIDTH, break_long_words=True) or [""])
    return wrapped


def message_text(message: Any) -> str:
    """Everything the seller reads in a message, top to bottom: content, then each embed."""
    parts = [message.content or ""] if getattr(message, "content", "") else []
    for embed in message.embeds:
        parts += [embed.get("title") or "", embed.get("description") or ""]
        parts += [f"{f.get('name')}\n{f.get('value')}" for f in embed.get("fields", [])]
        footer = (embed.get("footer") or {}).get("text")
        if footer:
            parts.append(footer)
    return "\n".join(p for p in parts if p)


def selects(message: Any) -> list[dict[str, Any]]:
    return [
        c for row in message.components for c in row.get("components", []) if c.get("type") == 3
    ]


@dataclass(frozen=True)
class Screen:
    """One message as measured: its text's length and lines, and where its menu starts."""

    name: str
    chars: int
    lines: int
    menu_line: int | None
    text: str

    @classmethod
    def of(cls, name: str, message: Any) -> Screen:
        text = message_text(message)
        lines = phone_lines(text)
        menu = None
        numbered = next((n for n, line in enumerate(lines, 1) if re.match(r"\s*1\. ", line)), None)
        if numbered is not None:
            menu = numbered  # choices listed in the text itself
        elif selects(message):
            menu = len(lines) + 1  # the first menu sits right below the text
        rows = len(message.components)
        return cls(name, len(readable(text)), len(lines) + rows, menu, text)

    def row(self) -> str:
        menu = "-" if self.menu_line is None else str(self.menu_line)
        return f"| {self.name} | {self.chars:,} | {self.lines} | {menu} |"


@dataclass(frozen=True)
class Shown:
    """A message as it was when the seller saw it (results follow the live message, which
    later presses edit)."""

    content: str
    embeds: list[dict[str, Any]]
    components: list[dict[str, Any]]

    @classmethod
    def now(cls, message: Any) -> Shown:
        return cls(
            message.content or "", copy.deepcopy(message.embeds), copy.deepcopy(message.components)
        )

    def custom_ids(self) -> list[str]:
        return [
            c["custom_id"]
            for row in self.components
            for c in row.get("components", [])
            if "custom_id" in c
        ]

    def find_component(self, custom_id: str) -> dict[str, Any] | None:
        return next(
            (
                c
                for row in self.components
                for c in row.get("components", [])
                if c.get("custom_id") == custom_id
            ),
            None,
        )
