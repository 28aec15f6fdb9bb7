"""The bench's queries are shaped like what sellers paste, and read as such."""

from __future__ import annotations

import re

from bot.bench import pasted_messages
from bot.core.catalog import Catalog
from bot.core.text import sentences


def test_pasted_messages_carry_a_problem_among_greeting_context_and_sign_off() -> None:
    catalog = Catalog.load()[0]
    examples = {
        example: playbook_id
        for playbook_id in catalog.ids
        if (playbook := catalog.get(playbook_id)) is not None
        for example in playbook.match.examples
    }
    messages = pasted_messages(list(examples), count=60)
    assert len(set(messages)) == 60
    read_right = 0
    for message in messages:
        assert re.search(r"Order #\d{5,8}\.", message), message
        assert len(sentences(message)) >= 4, message
        assert len(message.split()) >= 25, message
        told = [e for e in examples if e.rstrip(".!?")[1:] in message]
        assert told, message
        result = catalog.matcher.match(message)
        read_right += result.best is not None and result.best.id in {examples[e] for e in told}
    # Messages made from the playbooks' own examples are read for the problem they carry.
    assert read_right >= 0.9 * len(messages)
