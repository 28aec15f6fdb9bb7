"""The proofreading checks of `seller-coach lint`: each one shown to fire on a bad file, at the
line of the text it is about, and to stay quiet on the good one."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.cli import main
from bot.core import proofread
from bot.core.models import Fault

WriteFile = Callable[..., Path]
LINE = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (?P<message>.+)$")


def edit(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"expected exactly one {old!r} in the test playbook"
    return text.replace(old, new)


def lint(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[re.Match[str]]]:
    status = main(["lint", str(path)])
    out = capsys.readouterr().out
    found = [LINE.match(line) for line in out.splitlines()]
    assert all(found), out
    return status, [m for m in found if m]


def line_of(text: str, fragment: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if fragment in line)


def test_the_good_file_has_nothing_to_report(
    base_text: str, write_file: WriteFile, capsys: pytest.CaptureFixture[str]
) -> None:
    assert lint(write_file(base_text), capsys) == (0, [])


REPLACEMENT_SCRIPT = "packed more securely\n          this time."
FULL_REFUND_SCRIPT = "I'll refund your order {order} in full. Just"


@pytest.mark.parametrize(
    ("old", "new", "at", "says"),
    [
        (
            "      Thank you for telling me straight away,",
            "      Hi {customer}, thank you for telling me straight away,",
            "Hi {customer}, thank you",
            "a greeting or {customer} in body text",
        ),
        (
            "      - Was the outside of the parcel damaged too",
            "      - Thanks {customer}! Was the outside of the parcel damaged too",
            "Thanks {customer}!",
            "a greeting or {customer} in body text",
        ),
        (
            "      Thank you for telling me straight away,",
            "      I'm so sorry about this. Thank you for telling me straight away,",
            "I'm so sorry about this.",
            "the reply would say sorry twice in a row",
        ),
        (
            "That's not how I wanted your order to arrive.",
            "I apologise for that.",
            "I apologise for that.",
            "apologises twice",
        ),
        (
            REPLACEMENT_SCRIPT,
            REPLACEMENT_SCRIPT + " There's no need to send the damaged one back.",
            "- id: replacement\n",
            "written by the reply from the offer's kind (replacement)",
        ),
        (
            FULL_REFUND_SCRIPT,
            "I'll refund your order {order} in full, and it should show on your account soon. Just",
            "- id: full-refund",
            "when the refund reaches the customer is written by the reply",
        ),
        (
            "        kind: partial-refund",
            "        kind: exchange",
            "- id: keep-with-discount",
            "an exchange offer is not a refund",
        ),
        (
            FULL_REFUND_SCRIPT,
            "I'll refund your order {order} in full, and here's a discount code too. Just",
            "- id: full-refund",
            "promises a discount code but has no {code} placeholder",
        ),
        (
            REPLACEMENT_SCRIPT,
            REPLACEMENT_SCRIPT + " The tracking number is below.",
            "- id: replacement\n",
            "promises a tracking number but has no {tracking} placeholder",
        ),
        (
            "      - Is it completely unusable,",
            "      - Could you reply within {days}? Is it completely unusable,",
            "within {days}",
            "{days} is the follow-up delay",
        ),
        (
            "I wanted to check that the replacement {item} reached you safely",
            "I wanted to check that your refund has come through",
            "    message: >-",
            "does not fit offer replacement (replacement)",
        ),
        (
            "Could you send me a photo or two of your {item},",
            "Could you send me a photo or two of {item},",
            "a photo or two of {item}",
            "{item} needs a determiner",
        ),
        (
            "understanding.\n    tips:",
            "understanding. Warm wishes, {seller}\n    tips:",
            "    message: >-",
            "{seller} in body text",
        ),
        (
            "        kind: partial-refund",
            "        kind: discount",
            "- id: keep-with-discount",
            "a discount offer gives a code: put {code} in the script",
        ),
        (
            "Could you send me a photo or two of your {item},",
            "Could you send me a photo on your {marketplace} messages of your {item},",
            "your {marketplace} messages",
            "'your {marketplace}': the placeholder brings its own words",
        ),
        (
            "      - Is it completely unusable,",
            "      - To be sure. {marketplace} may ask for photos. Is it completely unusable,",
            "{marketplace} may ask",
            "{marketplace} starts a sentence",
        ),
    ],
)
def test_each_proofreading_check_fires_at_its_line(
    base_text: str,
    write_file: WriteFile,
    capsys: pytest.CaptureFixture[str],
    old: str,
    new: str,
    at: str,
    says: str,
) -> None:
    text = edit(base_text, old, new)
    path = write_file(text)
    status, found = lint(path, capsys)
    assert status == 1
    hits = [m for m in found if says in m["message"]]
    assert hits, [m["message"] for m in found]
    expected = line_of(text, at.rstrip("\n"))
    if at.startswith("- id:"):  # an offer's script: the line of that offer's `script:`
        expected = (
            line_of(text[text.index(at.strip()) :], "script:") + line_of(text, at.strip()) - 1
        )
    if at == "    message: >-":
        expected = line_of(text, at) + 1  # a folded scalar starts on the line after its '>-'
    lines = {int(m["line"]) for m in hits}
    assert any(abs(line - expected) <= 1 for line in lines), (lines, expected, hits[0]["message"])
    assert {m["path"] for m in found} == {str(path)}


def test_marketplace_used_as_a_name_is_accepted_by_the_strict_loader_and_the_lint(
    base_text: str, write_file: WriteFile, capsys: pytest.CaptureFixture[str]
) -> None:
    text = edit(
        base_text,
        "Could you send me a photo or two of your {item},",
        "Could you send me, in a message on {marketplace}, a photo or two of your {item},",
    )
    assert lint(write_file(text), capsys) == (0, [])


def test_a_cost_outside_its_kind_range_is_reported_by_the_loader_at_its_line(
    base_text: str, write_file: WriteFile, capsys: pytest.CaptureFixture[str]
) -> None:
    text = edit(base_text, "cost: 0.2", "cost: 0.02")
    status, found = lint(write_file(text), capsys)
    assert status == 1
    (problem,) = found
    assert int(problem["line"]) == line_of(text, "cost: 0.02")
    assert "a partial-refund offer costs between 0.05 and 0.7" in problem["message"]


def test_an_assembled_reply_too_long_to_send_is_reported(
    base_text: str, write_file: WriteFile, capsys: pytest.CaptureFixture[str]
) -> None:
    # distinct sentences (the composer never says one twice), up to the 1,000 a field may hold
    padding = " ".join(f"Packing note {n}: it will be wrapped with care." for n in range(1, 20))
    text = edit(base_text, REPLACEMENT_SCRIPT, REPLACEMENT_SCRIPT + " " + padding)
    status, found = lint(write_file(text), capsys)
    assert status == 1
    long = [m for m in found if "characters (the limit is 1,500)" in m["message"]]
    assert long and "offer replacement" in long[0]["message"]


# -- the reading of one assembled reply --------------------------------------------------------

GOOD = (
    "Hi Priya,\n\nThank you for writing. I'm sorry your blue mug broke.\n\n"
    "Could you send a photo of the blue mug?\n\nWarm wishes,\nSam\nClay Corner"
)


def test_a_good_reply_reads_clean() -> None:
    assert proofread.draft_problems(GOOD, offer=None, fault=Fault.CARRIER) == []


@pytest.mark.parametrize(
    ("change", "says"),
    [
        (
            ("Thank you for writing.", "Hi Priya, thank you for writing."),
            "the customer's name 2 times",
        ),
        (("Thank you for writing.", "Sorry for the wait."), "two apologies in a row"),
        (("Could you", "I'm sorry. Could you"), "two apologies in a row"),
        (("a photo of the blue mug", "a photo of blue mug"), "'blue mug' without a determiner"),
        (("Could you send", "Thank you for writing. Could you send"), "a sentence said twice"),
        (
            ("Could you send", "The return postage is yours to cover. Could you send"),
            "carrier is at fault",
        ),
        (("Could you send", "Here's your code below. Could you send"), "a discount code promised"),
        (
            ("Could you send", "I'll post it by [date]. Could you send"),
            "a placeholder left unfilled",
        ),
    ],
)
def test_each_reading_of_a_reply_fires(change: tuple[str, str], says: str) -> None:
    text = GOOD.replace(*change, 1)
    problems = proofread.draft_problems(text, offer=None, fault=Fault.CARRIER)
    assert any(says in p for p in problems), problems


def test_an_item_needs_a_determiner() -> None:
    assert proofread.item_without_determiner("Please send {item} back.")
    assert not proofread.item_without_determiner("Please send your {item} back.")
    assert not proofread.item_without_determiner("I'll send a replacement {item} today.")
    assert proofread.item_without_determiner("{item} arrived.")
