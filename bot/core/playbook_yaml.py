"""A playbook written out as YAML that the strict loader reads back to the same playbook.

Used to export a playbook for editing, and to save a playbook changed as data (an approved
suggestion). The output is plain block YAML in the order of the playbook's fields: no anchors,
no tags, no tabs, one document, text that would read as something else (``yes``, ``1.0``,
``{item}`` at the start of a line) quoted, and text with line breaks as a literal block.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import yaml

from bot.core.models import Playbook

#: Where long text is folded onto the next line (it reads back the same).
LINE_WIDTH = 96


class _Dumper(yaml.SafeDumper):
    """Block style, lists indented under their key, no aliases even for repeated text."""

    def ignore_aliases(self, data: Any) -> bool:
        return True

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # A literal block keeps line breaks as written; the emitter falls back to quotes when a
    # block cannot hold the text exactly (trailing spaces on a line, say).
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def playbook_data(playbook: Playbook) -> dict[str, Any]:
    """A playbook as plain data (what its YAML file holds), optional fields left out when
    unset."""
    return playbook.model_dump(mode="json", exclude_none=True)


def dump_playbook(playbook: Playbook | Mapping[str, Any]) -> str:
    """``playbook`` (a model, or its plain data) as the text of a playbook file."""
    data = playbook_data(playbook) if isinstance(playbook, Playbook) else dict(playbook)
    return yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=LINE_WIDTH,
        explicit_start=False,
    )
