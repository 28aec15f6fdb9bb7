"""The command line contract, through a real process: `python -m bot lint | schema | match`."""

from __future__ import annotations

import atexit
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHIPPED = REPO / "playbooks"
#: The coach remembers the seller's policy, and every command keeps its playbook cache, in the
#: data folder: never the real one in tests.
DATA_DIR = tempfile.mkdtemp(prefix="seller-coach-cli-")
atexit.register(shutil.rmtree, DATA_DIR, True)
PROBLEM_LINE = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (?P<message>\S.*)$")


def run(
    *args: str, stdin: str | None = None, cwd: Path = REPO, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        env={**os.environ, "SELLER_COACH_DATA_DIR": str(DATA_DIR)},
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        timeout=timeout,
        check=False,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def json_lines(stdout: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def test_help() -> None:
    result = run("--help")
    assert result.returncode == 0
    for command in ("lint", "match", "schema"):
        assert command in result.stdout


# -- lint ---------------------------------------------------------------------------------------


def test_lint_the_shipped_set_exits_0() -> None:
    result = run("lint")
    assert result.returncode == 0, result.stdout
    assert result.stdout == ""
    assert "41 playbook(s) valid" in result.stderr


def test_lint_a_folder_with_a_bad_file(tmp_path: Path) -> None:
    good = tmp_path / "damaged-in-transit.yaml"
    shutil.copy(SHIPPED / good.name, good)
    text = good.read_text(encoding="utf-8")
    bad_text = (
        text.replace("id: damaged-in-transit", "id: bad-copy")
        .replace("title: Arrived damaged", "titel: Arrived damaged")
        .replace("after_days: 5", "after_days: soon")
    )
    bad = tmp_path / "bad-copy.yaml"
    bad.write_text(bad_text, encoding="utf-8")

    result = run("lint", str(tmp_path))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) >= 3
    found = [PROBLEM_LINE.match(line) for line in lines]
    assert all(found), lines
    assert {m["path"] for m in found if m} == {str(bad)}
    by_line = {int(m["line"]): m["message"] for m in found if m}
    titel_line = bad_text.splitlines().index("titel: Arrived damaged") + 1
    assert by_line[titel_line] == "unknown key 'titel'; did you mean 'title'?"
    after_days_line = bad_text.splitlines().index("    after_days: soon") + 1
    assert by_line[after_days_line].startswith("steps.follow_up.after_days:")
    assert "1 playbook(s) valid" in result.stderr


def test_lint_a_missing_path_exits_1(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-folder"
    result = run("lint", str(missing))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [f"{missing}:1:1: no such file or folder"]


def test_lint_a_valid_file(tmp_path: Path) -> None:
    target = tmp_path / "lost-in-transit.yaml"
    shutil.copy(SHIPPED / target.name, target)
    result = run("lint", str(target))
    assert result.returncode == 0
    assert "1 playbook(s) valid" in result.stderr


# -- schema -------------------------------------------------------------------------------------


def test_schema_prints_the_json_schema() -> None:
    result = run("schema")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert {"id", "title", "match", "steps"} <= set(schema["properties"])
    assert result.stdout == (SHIPPED / "schema.json").read_text(encoding="utf-8")


# -- match --------------------------------------------------------------------------------------


def test_match_json() -> None:
    result = run("match", "the mug arrived in pieces", "--json")
    assert result.returncode == 0
    [answer] = json_lines(result.stdout)
    assert {"query", "confident", "matches", "also", "details"} <= set(answer)
    nothing_else = dict.fromkeys(["customer", "order", "order_value", "currency"])
    assert answer["details"] == {**nothing_else, "item": "mug"}
    assert answer["query"] == "the mug arrived in pieces"
    assert answer["also"] == []
    assert answer["confident"] is True
    matches = answer["matches"]
    assert isinstance(matches, list)
    assert matches
    assert len(matches) <= 5
    for match in matches:
        assert set(match) == {"id", "title", "score"}
        assert isinstance(match["score"], int | float)
    assert matches[0]["id"] == "damaged-in-transit"
    assert matches[0]["title"] == "Arrived damaged"
    scores = [m["score"] for m in matches]
    assert scores == sorted(scores, reverse=True)


def test_match_json_reads_the_details_of_a_pasted_message() -> None:
    message = "Hi Jo, my blue mug arrived in pieces. Order #4471, I paid £40. Thanks, Priya"
    [answer] = json_lines(run("match", message, "--json").stdout)
    assert answer["details"] == {
        "customer": "Priya",
        "order": "4471",
        "order_value": 40,
        "currency": "GBP",
        "item": "blue mug",
    }
    plain = run("match", message, "--top", "1").stdout
    assert "read from the message: customer Priya, order 4471" in plain


def test_match_reads_one_situation_per_line_from_stdin() -> None:
    queries = [
        "the mug arrived in pieces",
        "customer wants to cancel the order before I ship it",
        "tracking says delivered but the buyer never got the parcel",
    ]
    result = run("match", "--json", stdin="\n".join(queries) + "\n")
    assert result.returncode == 0
    answers = json_lines(result.stdout)
    assert [a["query"] for a in answers] == queries
    tops = [a["matches"][0]["id"] for a in answers]
    assert tops == ["damaged-in-transit", "cancel-order", "delivered-not-received"]


TWO_PROBLEMS = (
    "Hello. My order still hasn't arrived after three weeks and the tracking hasn't changed "
    "since it left. If I don't hear back today I'm leaving a one star review. Dan"
)


def test_match_names_a_second_problem_as_also() -> None:
    [answer] = json_lines(run("match", TWO_PROBLEMS, "--json").stdout)
    named = [answer["matches"][0]["id"], *answer["also"]]
    assert sorted(named) == ["lost-in-transit", "negative-review"]
    text = run("match", TWO_PROBLEMS).stdout
    assert "also sounds like: " in text


def test_match_top() -> None:
    result = run("match", "the mug arrived in pieces", "--json", "--top", "2")
    [answer] = json_lines(result.stdout)
    assert len(answer["matches"]) == 2


def test_match_plain_text_output() -> None:
    result = run("match", "the mug arrived in pieces", "--top", "1")
    assert result.returncode == 0
    assert "damaged-in-transit" in result.stdout
    assert "confident" in result.stdout


def test_match_playbooks_replaces_the_shipped_set(tmp_path: Path) -> None:
    shutil.copy(SHIPPED / "lost-in-transit.yaml", tmp_path / "lost-in-transit.yaml")
    result = run("match", "the mug arrived in pieces", "--json", "--playbooks", str(tmp_path))
    assert result.returncode == 0
    [answer] = json_lines(result.stdout)
    ids = {m["id"] for m in answer["matches"]}
    assert ids <= {"lost-in-transit"}


def test_match_playbooks_is_repeatable(tmp_path: Path) -> None:
    for name in ("lost-in-transit", "wrong-item"):
        (tmp_path / name).mkdir()
        shutil.copy(SHIPPED / f"{name}.yaml", tmp_path / name / f"{name}.yaml")
    result = run(
        "match",
        "they sent me the wrong colour",
        "--json",
        "--playbooks",
        str(tmp_path / "lost-in-transit"),
        "--playbooks",
        str(tmp_path / "wrong-item"),
    )
    [answer] = json_lines(result.stdout)
    ids = [m["id"] for m in answer["matches"]]
    assert set(ids) <= {"lost-in-transit", "wrong-item"}
    assert ids[0] == "wrong-item"


def test_off_topic_is_not_confident() -> None:
    queries = ["how do I bake sourdough bread", "what's the best football team in Europe"]
    result = run("match", "--json", stdin="\n".join(queries) + "\n")
    answers = json_lines(result.stdout)
    assert [a["query"] for a in answers] == queries
    assert [a["confident"] for a in answers] == [False, False]


def test_coach_walks_all_four_steps_when_every_answer_is_the_default() -> None:
    answers = "\n" * 40  # what `yes ""` sends: every empty line accepts the default
    result = run(
        "coach",
        "the mug arrived in pieces",
        "--customer",
        "Priya",
        "--item",
        "blue mug",
        stdin=answers,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    for title in (
        "Step 1 of 4 · Listen",
        "Step 2 of 4 · Apologise",
        "Step 3 of 4 · Offer compensation",
        "Step 4 of 4 · Follow up",
        "Your reply",
    ):
        assert title in out
    draft = out[out.index("Hi Priya,") :]
    assert "your blue mug" in draft
    assert "Tone check" in out


def test_coach_takes_answers_line_by_line() -> None:
    # Listen: no questions; apologise: line 2; offer: full refund (4); no reminder (10).
    answers = "0\n2\n4\n10\n\n"
    result = run(
        "coach",
        "--playbook",
        "damaged-in-transit",
        "--customer",
        "Sam",
        "--order-value",
        "40",
        "--currency",
        "GBP",
        "--max-goodwill",
        "20",
        "--seller",
        "Jo",
        "--shop",
        "Clay Corner",
        stdin="\n\n" + answers,  # item and order number: skipped
    )
    assert result.returncode == 0, result.stderr
    assert "(!)" in result.stdout  # offers over the £20 limit are marked
    draft = result.stdout[result.stdout.index("── Your reply") :]
    assert "Hi Sam," in draft
    assert "refund your order" in draft
    assert "check in with you" not in draft


def test_coach_says_plainly_when_text_is_not_a_customer_situation() -> None:
    result = run("coach", "how do I grow my instagram following", stdin="\n" * 40)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "doesn't look like a customer situation" in out
    for category in ("Delivery:", "Product:", "Payment:", "Messages to send anyway:"):
        assert category in out
    assert "Parcel lost in transit" in out and "Arrived damaged" in out
    assert "Step 1 of 4" in out  # the seller picked from the list and went on


def test_coach_mentions_the_second_problem() -> None:
    result = run("coach", TWO_PROBLEMS, stdin="\n" * 40)
    assert result.returncode == 0, result.stderr
    assert "This sounds like: " in result.stdout
    assert "It also sounds like: " in result.stdout


def test_coach_offers_the_details_read_from_the_message_to_keep_or_correct() -> None:
    message = "Hi Jo, my blue mug arrived in pieces! Order #4471, I paid £40. Thanks, Priya"
    # customer: kept; item: corrected; order number: left out; order value: kept.
    answers = "\nlarge blue mug\n-\n" + "\n" * 40
    result = run("coach", message, "--playbook", "damaged-in-transit", stdin=answers)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Customer's name (read from the message) [Priya]:" in out
    assert "Order value (read from the message) [40 GBP]:" in out
    assert "press Enter to keep, or type a correction" in out
    draft = out[out.index("── Your reply") :]
    assert "Hi Priya," in draft
    assert "your large blue mug" in draft
    assert "4471" not in draft


def test_coach_reads_the_details_of_a_message_typed_at_its_prompt() -> None:
    """Pasted at "What happened?" rather than given on the command line, the message's
    details are offered just the same."""
    message = "Hi, my parcel with the green scarf never arrived. Order 5531. Thanks, Dana"
    result = run("coach", stdin=message + "\n" + "\n" * 40)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Customer's name (read from the message) [Dana]:" in out
    draft = out[out.index("── Your reply") :]
    assert "Hi Dana," in draft
    assert "green scarf" in draft


def test_coach_refuses_a_bad_amount_clearly() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "coach", "x", "--order-value", "lots"],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    assert result.returncode == 2
    assert "not an amount" in result.stderr


def test_bench_prints_the_report_for_small_sets() -> None:
    result = run("bench", "--sizes", "40", "--skip-discord", "--servers", "0", timeout=600)
    assert result.returncode == 0, result.stderr
    assert "match median" in result.stdout
    assert "as its own process" in result.stdout
    assert "warm: first answer in" in result.stdout
    assert "Tone check:" in result.stdout
    assert "      40   warm" in result.stdout
    assert "The shipped set's queries by the scorer alone:" in result.stdout
    assert "Whole pasted customer messages" in result.stdout
