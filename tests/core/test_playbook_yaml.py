"""A playbook written out as YAML reads back through the strict loader to the same playbook."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core import safe_yaml
from bot.core.catalog import Catalog
from bot.core.loader import load_playbook
from bot.core.models import Playbook
from bot.core.playbook_yaml import dump_playbook, playbook_data

SHIPPED = Catalog.load()[0]


def read_back(playbook_id: str, text: str) -> Playbook:
    """What the strict loader makes of ``text`` as the file ``<playbook_id>.yaml``."""
    return load_playbook(Path(f"{playbook_id}.yaml"), raw=text.encode())


@pytest.mark.parametrize("playbook_id", sorted(SHIPPED.ids))
def test_every_shipped_playbook_reads_back_the_same(playbook_id: str) -> None:
    playbook = SHIPPED.get(playbook_id)
    assert playbook is not None
    text = dump_playbook(playbook)
    assert read_back(playbook_id, text) == playbook
    # The careful reader (the one that locates problems) accepts it as well as the quick one.
    document = safe_yaml.parse(f"{playbook_id}.yaml", text)
    assert safe_yaml.load_model(Playbook, document) == playbook
    assert dump_playbook(playbook_data(playbook)) == text  # plain data writes the same file


AWKWARD_TEXTS = [
    "yes",
    "no",
    "on",
    "1.0",
    "0x1F",
    "~~",
    "~ a tilde",
    "null",
    "2026-12-02",
    "- starts like a list item",
    "# starts like a comment",
    "key: value in the middle",
    "ends with a colon:",
    "an & an * and a ! in the text",
    "a 'quoted' and a \"double quoted\" word",
    "two lines\nof text",
    "a line with trailing spaces   \nand another",
    "a tab\tinside",
    "émoji 😭💔 and ünïcödé",
    "% percent first",
    "@ at first",
    "`backtick first`",
    "| a bar first",
    "> a chevron first",
    "?question mark first",
    "a very long line " * 14,
]


@pytest.mark.parametrize("text", AWKWARD_TEXTS)
def test_text_that_yaml_could_misread_comes_back_as_written(text: str) -> None:
    playbook = SHIPPED.get("damaged-in-transit")
    assert playbook is not None
    data = playbook_data(playbook)
    data["match"]["examples"][0] = text.strip()
    data["steps"]["listen"]["tips"][0] = text.strip()
    data["match"]["keywords"] = [text.strip()]
    written = dump_playbook(data)
    assert "\t" not in written.replace("\\t", "")  # a tab is written as an escape
    found = read_back("damaged-in-transit", written)
    assert found.match.examples[0] == text.strip()
    assert found.steps.listen.tips[0] == text.strip()
    assert found.match.keywords == [text.strip()]


def test_placeholders_and_braces_at_the_start_are_kept() -> None:
    playbook = SHIPPED.get("damaged-in-transit")
    assert playbook is not None
    data = playbook_data(playbook)
    data["steps"]["listen"]["questions"] = ["{item}: could you send me a photo of it?"]
    found = read_back("damaged-in-transit", dump_playbook(data))
    assert found.steps.listen.questions == ["{item}: could you send me a photo of it?"]


def test_optional_fields_left_unset_are_not_written() -> None:
    playbook = SHIPPED.get("damaged-in-transit")
    assert playbook is not None
    text = dump_playbook(playbook)
    assert ": null" not in text and "None" not in text
    assert text.startswith("id: damaged-in-transit\ntitle: ")
