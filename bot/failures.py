"""Unexpected errors, written down without the customer's words.

An exception's message may carry anything it was built from: a customer's name in a validation
error, a reminder's payload in a database error's parameters. So what is logged is a short
error id (also shown to the seller, so a report can be matched with the log), the exception
types and the stack (file, line, function and source line), never an exception's message or a
frame's variables.
"""

from __future__ import annotations

import secrets
import traceback

#: Letters and digits that cannot be confused with each other when read out.
_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_error_id() -> str:
    """A short id for one failure, e.g. ``K7QX2M``."""
    return "".join(secrets.choice(_ALPHABET) for _ in range(6))


def redacted_traceback(error: BaseException) -> str:
    """The traceback of ``error`` (and of its causes), without any exception message."""
    parts: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        stack = traceback.extract_tb(current.__traceback__)
        kind = type(current)
        block = [f"{kind.__module__}.{kind.__qualname__}"]
        code = getattr(current, "code", None)
        if isinstance(code, int):  # e.g. Discord's JSON error code: a number, never text
            block[0] += f" (code {code})"
        block[0] += " (message withheld)"
        parts.append("".join(traceback.format_list(stack)) + block[0])
        current = current.__cause__ or (
            None if current.__suppress_context__ else current.__context__
        )
    return "\nwhich was raised while handling or because of:\n".join(reversed(parts))
