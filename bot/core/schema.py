"""The JSON Schemas of the files contributors write (playbooks, tone rules), generated from the
models."""

from __future__ import annotations

import json
from typing import Any

from bot.core.models import Playbook
from bot.core.tone import ToneRules


def playbook_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) that playbook files validate against."""
    schema = Playbook.model_json_schema(mode="validation")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


def playbook_schema_text() -> str:
    """The schema as it is written to ``playbooks/schema.json``."""
    return json.dumps(playbook_schema(), indent=2, ensure_ascii=False) + "\n"


def tone_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) that tone rules files validate against."""
    schema = ToneRules.model_json_schema(mode="validation")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


def tone_schema_text() -> str:
    """The schema as it is written to ``playbooks/tone/schema.json``."""
    return json.dumps(tone_schema(), indent=2, ensure_ascii=False) + "\n"
