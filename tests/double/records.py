"""What the double writes down about the bot's traffic, for tests to assert on."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .errors import FieldError


@dataclass(frozen=True)
class RequestRecord:
    """One REST request the bot made, and the status the double answered."""

    method: str
    path: str
    route: str | None
    query: dict[str, str]
    body: Any
    status: int
    at: float


@dataclass(frozen=True)
class Violation:
    """A request (or gateway frame) that broke Discord's rules.

    ``kind`` is one of ``openapi`` (the official description), ``limits`` (Discord's documented
    limits), ``content-type``, ``protocol`` (e.g. a callback type that does not fit the
    interaction), ``deadline`` (a callback after Discord's 3 s window) or ``gateway``.
    """

    kind: str
    method: str
    path: str
    errors: tuple[FieldError, ...] = ()
    detail: str = ""
    body: Any = None

    def __str__(self) -> str:
        problems = "; ".join(str(e) for e in self.errors) or self.detail
        return f"[{self.kind}] {self.method} {self.path}: {problems}"


@dataclass(frozen=True)
class MentionRecord:
    """The ``allowed_mentions`` of one message-creating request."""

    method: str
    path: str
    allowed_mentions: dict[str, Any] | None

    @property
    def disabled(self) -> bool:
        """True when the request pinged nobody: ``parse: []`` and no explicit users/roles."""
        mentions = self.allowed_mentions
        return (
            isinstance(mentions, dict)
            and mentions.get("parse") == []
            and not mentions.get("users")
            and not mentions.get("roles")
        )


def compile_path_pattern(pattern: str | re.Pattern[str]) -> re.Pattern[str]:
    """``/interactions/*/callback`` or ``/channels/{channel_id}/messages`` as a regex over the
    request path below ``/api/v10``. A compiled regex is used as given (``fullmatch``)."""
    if isinstance(pattern, re.Pattern):
        return pattern
    parts = re.split(r"(\{[^}/]+\}|\*\*|\*)", pattern)
    regex = ""
    for part in parts:
        if part == "**":
            regex += ".*"
        elif part == "*" or (part.startswith("{") and part.endswith("}")):
            regex += "[^/]+"
        else:
            regex += re.escape(part)
    return re.compile(regex)


@dataclass
class Fault:
    """A one-shot (or ``count``-shot) fault for requests matching ``method`` and ``pattern``."""

    method: str
    pattern: re.Pattern[str]
    status: int
    retry_after: float = 0.0
    is_global: bool = False
    count: int = 1
    code: int = 0
    message: str = ""
    hits: list[str] = field(default_factory=list)
    #: The fault loses an interaction's answer: the interaction counts as failed at once.
    loses_answer: bool = False

    def matches(self, method: str, path: str) -> bool:
        return (
            self.count > 0
            and self.method in ("*", method.upper())
            and bool(self.pattern.fullmatch(path))
        )
