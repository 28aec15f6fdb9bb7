"""Discord-shaped error values shared by the validation layer and the REST routes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

PathPart = str | int


@dataclass(frozen=True, slots=True)
class FieldError:
    """One problem with one field of a request, as Discord reports it in ``errors``."""

    path: tuple[PathPart, ...]
    code: str
    message: str

    def __str__(self) -> str:
        where = ".".join(str(p) for p in self.path) or "<body>"
        return f"{where}: {self.code} ({self.message})"


def form_errors(errors: Iterable[FieldError]) -> dict[str, Any]:
    """Nest field errors the way Discord's 50035 ``Invalid Form Body`` answer does.

    ``("data", "embeds", 0, "title")`` becomes
    ``{"data": {"embeds": {"0": {"title": {"_errors": [...]}}}}}``.
    """
    root: dict[str, Any] = {}
    for error in errors:
        node = root
        for part in error.path:
            node = node.setdefault(str(part), {})
        node.setdefault("_errors", []).append({"code": error.code, "message": error.message})
    return root


def invalid_form_body(errors: Iterable[FieldError]) -> dict[str, Any]:
    """The JSON body of Discord's HTTP 400 answer for a request that breaks a rule."""
    return {"code": 50035, "message": "Invalid Form Body", "errors": form_errors(errors)}


def json_error(code: int, message: str) -> dict[str, Any]:
    """The JSON body Discord sends with most non-form errors (404, 403, ...)."""
    return {"message": message, "code": code}
