"""Fixtures for the core's tests: a valid playbook to edit, and a place to write files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

#: A frozen copy of a shipped playbook, so that content edits to the shipped set don't move the
#: lines and texts these tests edit.
BASE = Path(__file__).resolve().parents[1] / "data" / "playbooks"
BASE_ID = "damaged-in-transit"


@pytest.fixture(scope="session")
def base_text() -> str:
    """A valid playbook (a copy of the shipped damaged-in-transit) as text, for tests to edit."""
    return (BASE / f"{BASE_ID}.yaml").read_text(encoding="utf-8")


@pytest.fixture
def write_file(tmp_path: Path) -> Callable[..., Path]:
    """Write text or bytes to ``folder/name`` (default: ``tmp_path/damaged-in-transit.yaml``)."""

    def write(content: str | bytes, name: str = f"{BASE_ID}.yaml", folder: Path = tmp_path) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return write
