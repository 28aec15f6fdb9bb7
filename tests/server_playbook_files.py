"""Playbook files a server might upload, for the tests of server playbooks."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from bot.core.loader import load_playbook
from bot.core.playbook_yaml import dump_playbook, playbook_data

#: A frozen copy of a shipped playbook (edits to the shipped set don't move these tests).
BASE_FILE = Path(__file__).resolve().parent / "data" / "playbooks" / "damaged-in-transit.yaml"

#: A situation no shipped playbook covers, for a pottery sellers' server.
CRAZED_GLAZE = "crazed-glaze"
CRAZED_GLAZE_TITLE = "Crazed glaze"
CRAZED_GLAZE_EXAMPLES = [
    "the glaze on my mug is crazing",
    "customer says the glaze has crazed all over",
    "fine crazing lines in the glaze after a few weeks",
    "buyer noticed hairline crazing on the bowl glaze",
    "the glaze crackled and now the mug seeps",
    "crazed glaze on a stoneware plate",
    "how do I answer a buyer whose glaze is crazing?",
    "the kiln firing left crazing in the glaze",
    "my cup has a web of tiny lines all through the glaze",
    "glaze crazing showed up after the dishwasher",
    "is crazing in the glaze a defect, customer asks",
    "CRAZING on the glaze!! is this safe to drink from",
]
#: What a seller in that server types, matched to it there and nowhere else.
CRAZED_GLAZE_QUESTION = "my customer's teapot glaze is crazing everywhere"


def base_data() -> dict[str, Any]:
    """The plain data of the frozen damaged-in-transit playbook."""
    return playbook_data(load_playbook(BASE_FILE))


def crazed_glaze(
    *,
    title: str = CRAZED_GLAZE_TITLE,
    examples: Iterable[str] = (),
    tip: str | None = None,
    playbook_id: str = CRAZED_GLAZE,
) -> str:
    """The YAML of a server's own playbook (an id no shipped playbook has)."""
    data = base_data()
    data.update(
        id=playbook_id,
        title=title,
        summary="The glaze on a pottery piece shows a web of fine cracks (crazing).",
        category="product",
    )
    data["match"] = {
        "examples": [*CRAZED_GLAZE_EXAMPLES, *examples],
        "keywords": ["crazing", "crazed glaze"],
    }
    if tip is not None:
        data["steps"]["listen"]["tips"] = [tip]
    return dump_playbook(data)


def shipped_override(title: str) -> str:
    """The YAML of damaged-in-transit with another title: a server's version of a shipped one."""
    data = base_data()
    data["title"] = title
    return dump_playbook(data)
