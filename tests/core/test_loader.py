"""The loader refuses every kind of bad file cleanly, at the right line, and keeps the good ones."""

from __future__ import annotations

import json
import os
import re
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bot.core import loader
from bot.core.loader import PlaybookCache, load_playbook, load_playbooks, read_document
from bot.core.models import Playbook
from bot.core.safe_yaml import MAX_DEPTH, MAX_FILE_BYTES, DocumentError, Problem, decode, parse

SHIPPED = Path(__file__).resolve().parents[2] / "playbooks"
BASE_ID = "damaged-in-transit"
WriteFile = Callable[..., Path]
PROBLEM_LINE = re.compile(r"^.+:\d+:\d+: \S.*$")


def edit(text: str, old: str, new: str) -> str:
    """Replace ``old`` (which must occur exactly once) with ``new``."""
    assert text.count(old) == 1, f"expected exactly one {old!r} in the test playbook"
    return text.replace(old, new)


def line_of(text: str, needle: str, nth: int = 1) -> int:
    """The 1-based number of the ``nth`` line containing ``needle``."""
    found = [n for n, line in enumerate(text.splitlines(), start=1) if needle in line]
    assert len(found) >= nth, f"{needle!r} not found in the test playbook"
    return found[nth - 1]


def refused(path: Path) -> list[Problem]:
    """The problems ``load_playbook`` reports for ``path`` (it must refuse the file)."""
    with pytest.raises(DocumentError) as caught:
        load_playbook(path)
    problems = caught.value.problems
    assert problems, "a refusal must say why"
    for problem in problems:
        assert problem.source == str(path)
        assert problem.line >= 1
        assert problem.col >= 1
        assert PROBLEM_LINE.match(str(problem)), str(problem)
        assert str(problem) == f"{path}:{problem.line}:{problem.col}: {problem.message}"
    return problems


def only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


def test_the_unedited_playbook_loads(base_text: str, write_file: WriteFile) -> None:
    playbook = load_playbook(write_file(base_text))
    assert playbook.id == BASE_ID
    assert playbook.title == "Arrived damaged"


# -- YAML that is broken or unsafe --------------------------------------------------------------


def test_yaml_syntax_error(base_text: str, write_file: WriteFile) -> None:
    text = edit(base_text, "category: delivery", "category: delivery: yes")
    problem = only(refused(write_file(text)))
    assert (problem.line, problem.col) == (line_of(text, "category:"), 19)
    assert problem.message == "YAML syntax error: mapping values are not allowed in this context"


def test_unclosed_bracket_names_the_line_it_was_opened_on(
    base_text: str, write_file: WriteFile
) -> None:
    text = edit(base_text, "title: Arrived damaged", "title: [Arrived damaged")
    problem = only(refused(write_file(text)))
    opened = line_of(text, "title: [")
    assert problem.line == opened + 1  # where the parser noticed
    assert problem.message == (
        "YAML syntax error: did not find expected ',' or ']' "
        f"while parsing a flow sequence started on line {opened}"
    )


def test_unclosed_quote_is_a_syntax_error_near_its_line(
    base_text: str, write_file: WriteFile
) -> None:
    text = edit(base_text, "    - item arrived cracked", '    - "item arrived cracked')
    problem = only(refused(write_file(text)))
    assert problem.message.startswith("YAML syntax error")
    assert problem.line >= line_of(text, '"item arrived cracked')


def test_tab_indentation(base_text: str, write_file: WriteFile) -> None:
    text = edit(base_text, "  keywords:", "\tkeywords:")
    problem = only(refused(write_file(text)))
    assert (problem.line, problem.col) == (line_of(text, "\tkeywords:"), 1)
    assert "tab used for indentation" in problem.message


def test_a_tab_after_the_indentation_is_fine(base_text: str, write_file: WriteFile) -> None:
    text = edit(base_text, "category: delivery", "category:\tdelivery")
    assert load_playbook(write_file(text)).category == "delivery"


BILLION_LAUGHS = """\
# a classic alias bomb: nine levels of nine aliases each
a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
"""


def test_alias_bomb_is_refused_fast_by_the_anchor_rule(write_file: WriteFile) -> None:
    path = write_file(BILLION_LAUGHS)
    started = time.perf_counter()
    problem = only(refused(path))
    assert time.perf_counter() - started < 0.5
    assert (problem.line, problem.col) == (2, 4)
    assert "anchors (&a) are not allowed" in problem.message


def test_alias_is_refused(base_text: str, write_file: WriteFile) -> None:
    text = edit(base_text, "title: Arrived damaged", "title: *somewhere")
    problem = only(refused(write_file(text)))
    assert problem.line == line_of(text, "title:")
    assert "aliases (*somewhere) are not allowed" in problem.message


@pytest.mark.parametrize(
    "value",
    [
        '!!python/object/apply:os.system ["touch x"]',
        "!!python/object/apply:os.system\n  args: [touch x]",
        '!!python/object/new:subprocess.check_output [["touch", "x"]]',
        "!!python/name:os.system",
        "!!python/module:os",
    ],
)
def test_python_tags_are_refused_and_run_nothing(
    base_text: str,
    write_file: WriteFile,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    value: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    text = edit(base_text, "title: Arrived damaged", f"title: {value}")
    problem = only(refused(write_file(text)))
    assert not (tmp_path / "x").exists(), "the file's code was executed"
    assert (problem.line, problem.col) == (line_of(text, "title:"), 8)
    assert "python/" in problem.message
    assert "is not allowed" in problem.message


def test_a_custom_tag_is_refused(base_text: str, write_file: WriteFile) -> None:
    text = edit(base_text, "category: delivery", "category: !include other.yaml")
    problem = only(refused(write_file(text)))
    assert problem.line == line_of(text, "category:")
    assert "the tag '!include' is not allowed" in problem.message


def test_duplicate_key_names_both_lines(base_text: str, write_file: WriteFile) -> None:
    text = edit(base_text, "category: delivery", "category: delivery\ntitle: Broken on arrival")
    problem = only(refused(write_file(text)))
    assert problem.line == line_of(text, "title:", nth=2)
    assert f"duplicate key 'title' (first defined on line {line_of(text, 'title:')})" in (
        problem.message
    )


def test_duplicate_key_inside_a_list_item(base_text: str, write_file: WriteFile) -> None:
    text = edit(base_text, "        cost: 0.6\n", "        cost: 0.6\n        cost: 0.5\n")
    problem = only(refused(write_file(text)))
    assert problem.line == line_of(text, "cost: 0.5")
    assert f"duplicate key 'cost' (first defined on line {line_of(text, 'cost: 0.6')})" in (
        problem.message
    )


@pytest.mark.parametrize("key", ["1", "~", "[a, b]", "{a: b}", "yes"])
def test_keys_must_be_plain_text(base_text: str, write_file: WriteFile, key: str) -> None:
    text = edit(base_text, "title: Arrived damaged", f"{key}: x\ntitle: Arrived damaged")
    problem = only(refused(write_file(text)))
    assert problem.line == line_of(text, f"{key}: x")
    assert "keys must be plain text" in problem.message


def test_more_than_one_document(base_text: str, write_file: WriteFile) -> None:
    text = base_text + "---\nid: another-one\n"
    problem = only(refused(write_file(text)))
    assert problem.line == line_of(text, "---")
    assert "only one YAML document per file" in problem.message


def test_one_document_with_an_explicit_start_is_fine(base_text: str, write_file: WriteFile) -> None:
    assert load_playbook(write_file("---\n" + base_text)).id == BASE_ID


# -- files that are too big, binary or not UTF-8 ---------------------------------------------


def test_file_over_the_size_limit(base_text: str, write_file: WriteFile) -> None:
    path = write_file(base_text + "# " + "x" * MAX_FILE_BYTES + "\n")
    problem = only(refused(path))
    assert (problem.line, problem.col) == (1, 1)
    assert f"the limit is {MAX_FILE_BYTES:,}" in problem.message
    assert f"file is {path.stat().st_size:,} bytes" in problem.message


def test_a_file_at_exactly_the_size_limit_loads(base_text: str, write_file: WriteFile) -> None:
    padding = MAX_FILE_BYTES - len(base_text.encode()) - len("#\n")
    path = write_file(base_text + "#" + "x" * padding + "\n")
    assert path.stat().st_size == MAX_FILE_BYTES
    assert load_playbook(path).id == BASE_ID


def test_decode_checks_the_size_of_bytes_too() -> None:
    with pytest.raises(DocumentError) as caught:
        decode("inline.yaml", b"a: b\n" * 10, max_bytes=20)
    assert "file is 50 bytes; the limit is 20" in str(caught.value)


def test_nul_byte_is_refused_at_its_position(base_text: str, write_file: WriteFile) -> None:
    text = edit(base_text, "category: delivery", "category: deli\x00very")
    problem = only(refused(write_file(text.encode())))
    assert (problem.line, problem.col) == (line_of(text, "category:"), len("category: deli") + 1)
    assert "binary file" in problem.message


def test_latin1_bytes_are_refused_at_their_position(base_text: str, write_file: WriteFile) -> None:
    raw = base_text.encode().replace(b"category: delivery", "category: délivery".encode("latin-1"))
    problem = only(refused(write_file(raw)))
    assert (problem.line, problem.col) == (line_of(base_text, "category:"), len("category: d") + 1)
    assert "not UTF-8" in problem.message


def test_utf8_text_and_a_byte_order_mark_are_fine(base_text: str, write_file: WriteFile) -> None:
    text = edit(base_text, "title: Arrived damaged", "title: Arrivé cassé ☕")
    playbook = load_playbook(write_file(b"\xef\xbb\xbf" + text.encode()))
    assert playbook.title == "Arrivé cassé ☕"


def test_windows_line_endings_are_fine(base_text: str, write_file: WriteFile) -> None:
    assert load_playbook(write_file(base_text.replace("\n", "\r\n").encode())).id == BASE_ID


def test_absurdly_deep_flow_nesting_is_refused_without_recursion(write_file: WriteFile) -> None:
    path = write_file("id: deep\nsteps: " + "[" * 10_000 + "]" * 10_000 + "\n")
    problem = only(refused(path))  # a RecursionError would escape pytest.raises(DocumentError)
    assert problem.line == 2  # the refusal itself, whichever of PyYAML's or our limit fires first


def test_nesting_deeper_than_the_limit_is_refused_at_the_deepest_level(
    write_file: WriteFile,
) -> None:
    lines = ["id: deep"] + [f"{'  ' * level}k{level}:" for level in range(MAX_DEPTH + 1)]
    lines.append(f"{'  ' * (MAX_DEPTH + 1)}- leaf")
    problem = only(refused(write_file("\n".join(lines) + "\n")))
    assert f"nested deeper than {MAX_DEPTH} levels" in problem.message
    assert problem.line > MAX_DEPTH


def test_deep_block_nesting_is_refused_at_the_first_level_too_deep(
    write_file: WriteFile,
) -> None:
    text = "".join("  " * level + "a:\n" for level in range(200)) + "  " * 200 + "b: 1\n"
    problem = only(refused(write_file(text)))
    assert problem.line == MAX_DEPTH + 1
    assert "nested deeper than" in problem.message


def test_nesting_up_to_the_limit_is_parsed() -> None:
    def nested(levels: int) -> str:  # the top-level mapping is one level
        return "a: " + "[" * levels + "1" + "]" * levels + "\n"

    value = parse("inline.yaml", nested(MAX_DEPTH - 1)).data["a"]
    for _ in range(MAX_DEPTH - 2):
        value = value[0]
    assert value == [1]
    with pytest.raises(DocumentError):
        parse("inline.yaml", nested(MAX_DEPTH))


# -- the shape of the document ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "line"),
    [
        ("- id: damaged-in-transit\n- title: Arrived damaged\n", "list", 1),
        ("# a comment first\njust a sentence\n", "str", 2),
        ("42\n", "int", 1),
    ],
)
def test_top_level_must_be_a_mapping(
    write_file: WriteFile, text: str, kind: str, line: int
) -> None:
    problem = only(refused(write_file(text)))
    assert problem.line == line
    assert f"the top level must be a mapping of keys, not a {kind}" in problem.message


@pytest.mark.parametrize(
    "text", ["", "# only\n# comments here\n", "\n   \n\n", "---\n", "---\n# nothing\n"]
)
def test_empty_file(write_file: WriteFile, text: str) -> None:
    problem = only(refused(write_file(text)))
    assert (problem.line, problem.col) == (1, 1)
    assert problem.message == "the file is empty"


def test_missing_step_is_named_at_the_steps_line(base_text: str, write_file: WriteFile) -> None:
    text = base_text[: base_text.index("\n  follow_up:") + 1]
    problem = only(refused(write_file(text)))
    assert (problem.line, problem.col) == (line_of(text, "steps:"), 1)
    assert problem.message == "missing key 'follow_up' in steps"


def test_missing_key_in_a_list_item_points_at_the_item(
    base_text: str, write_file: WriteFile
) -> None:
    text = edit(
        base_text,
        "        script: >-\n          I'd like to send you a replacement straight away at no cost "
        "to you, packed more securely\n          this time.\n",
        "",
    )
    problem = only(refused(write_file(text)))
    assert problem.line == line_of(text, "- id: replacement")
    assert problem.message == "missing key 'script' in steps.compensate.ladder.1"


def test_missing_top_level_key(base_text: str, write_file: WriteFile) -> None:
    text = edit(base_text, "category: delivery\n", "")
    problem = only(refused(write_file(text)))
    assert problem.message == "missing key 'category' in the top level"


def test_after_days_must_be_a_number(base_text: str, write_file: WriteFile) -> None:
    text = edit(base_text, "after_days: 5", "after_days: soon")
    problem = only(refused(write_file(text)))
    assert (problem.line, problem.col) == (line_of(text, "after_days:"), 17)
    assert problem.message.startswith("steps.follow_up.after_days:")
    assert "integer" in problem.message


def test_examples_must_be_a_list(base_text: str, write_file: WriteFile) -> None:
    start = base_text.index("  examples:\n")
    end = base_text.index("  keywords:\n")
    text = base_text[:start] + '  examples: "one string"\n' + base_text[end:]
    problem = only(refused(write_file(text)))
    assert problem.line == line_of(text, "examples:")
    assert problem.message.startswith("match.examples:")
    assert "valid list" in problem.message


def test_category_outside_the_fixed_set(base_text: str, write_file: WriteFile) -> None:
    text = edit(base_text, "category: delivery", "category: shipping")
    problem = only(refused(write_file(text)))
    assert problem.line == line_of(text, "category:")
    assert "'delivery'" in problem.message
    assert "'people'" in problem.message


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("title: Arrived damaged", "title: yes", "title: expected text, got True"),
        ("    - item arrived cracked", "    - no", "match.examples.4: expected text, got False"),
        ("    - fragile", "    - off", "match.keywords.13: expected text, got False"),
        (
            "    label: Full refund",
            "    label: 100",
            "steps.compensate.ladder.3.label: expected text, got 100",
        ),
    ],
)
def test_unquoted_yes_no_and_numbers_get_the_quotes_hint(
    base_text: str, write_file: WriteFile, old: str, new: str, expected: str
) -> None:
    text = edit(base_text, old, new)
    problem = only(refused(write_file(text)))
    assert problem.line == line_of(text, new)
    assert problem.message.startswith(expected)
    assert "put it in quotes" in problem.message


def test_quoted_yes_is_text(base_text: str, write_file: WriteFile) -> None:
    text = edit(base_text, "    - item arrived cracked", '    - "no"')
    assert "no" in load_playbook(write_file(text)).match.examples


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("title: Arrived", "titel: Arrived", "unknown key 'titel'; did you mean 'title'?"),
        ("  apologise:", "  aplogise:", "unknown key 'aplogise'; did you mean 'apologise'?"),
        (
            "    acknowledge: >-",
            "    acknowledg: >-",
            "unknown key 'acknowledg'; did you mean 'acknowledge'?",
        ),
        ("        cost: 0.6", "        costs: 0.6", "unknown key 'costs'; did you mean 'cost'?"),
    ],
)
def test_unknown_key_with_did_you_mean(
    base_text: str, write_file: WriteFile, old: str, new: str, message: str
) -> None:
    text = edit(base_text, old, new)
    problems = refused(write_file(text))
    unknown = [p for p in problems if p.message.startswith("unknown key")]
    assert [p.message for p in unknown] == [message]
    key_col = len(new) - len(new.lstrip()) + 1
    assert (unknown[0].line, unknown[0].col) == (line_of(text, new), key_col)


def test_unknown_key_far_from_any_lists_the_allowed_ones(
    base_text: str, write_file: WriteFile
) -> None:
    text = edit(base_text, "category: delivery", "category: delivery\nzqxj: 1")
    problem = only(refused(write_file(text)))
    assert problem.line == line_of(text, "zqxj")
    assert problem.message.startswith("unknown key 'zqxj'; allowed: id, title, summary")


def test_id_must_equal_the_file_name(base_text: str, write_file: WriteFile) -> None:
    path = write_file(base_text, name="arrived-broken.yaml")
    problem = only(refused(path))
    assert (problem.line, problem.col) == (line_of(base_text, "id:"), 5)
    assert problem.message == (
        "id 'damaged-in-transit' must equal the file name 'arrived-broken' "
        "(name the file damaged-in-transit.yaml, or change the id)"
    )


def test_id_must_be_kebab_case(base_text: str, write_file: WriteFile) -> None:
    text = edit(base_text, "id: damaged-in-transit", "id: Damaged_In_Transit")
    problem = only(refused(write_file(text, name="Damaged_In_Transit.yaml")))
    assert problem.line == line_of(text, "id:")
    assert problem.message.startswith("id: String should match pattern")


# -- placeholders and braces --------------------------------------------------------------------


def test_misspelt_placeholder_gets_did_you_mean(base_text: str, write_file: WriteFile) -> None:
    text = edit(base_text, "the replacement {item} reached", "the replacement {itme} reached")
    problem = only(refused(write_file(text)))
    assert problem.line == line_of(text, "    message: >-")
    assert problem.message == (
        "steps.follow_up.message: unknown placeholder {itme}; did you mean {item}?"
    )


def test_stray_brace_in_a_script(base_text: str, write_file: WriteFile) -> None:
    text = edit(base_text, "in {days} to make", "in {days to make")
    problem = only(refused(write_file(text)))
    assert problem.line == line_of(text, "promise:")
    assert "steps.follow_up.promise: stray '{'" in problem.message


def test_braces_are_not_allowed_in_a_tip(base_text: str, write_file: WriteFile) -> None:
    old = '      - Leave out "but"'
    text = edit(base_text, old, '      - Tell {customer} to leave out "but"')
    problem = only(refused(write_file(text)))
    assert problem.line == line_of(text, "Tell {customer}")
    assert problem.message.startswith("steps.apologise.tips.1: braces are not allowed here")


def test_braces_are_not_allowed_in_an_example(base_text: str, write_file: WriteFile) -> None:
    text = edit(base_text, "    - item arrived cracked", "    - '{item} arrived cracked'")
    problem = only(refused(write_file(text)))
    assert problem.line == line_of(text, "{item} arrived cracked")
    assert "match.examples.4: braces are not allowed here" in problem.message


# -- rules of the content -----------------------------------------------------------------------


def test_ladder_must_be_cheapest_first(base_text: str, write_file: WriteFile) -> None:
    text = edit(base_text, "cost: 0.2", "cost: 0.65")
    problem = only(refused(write_file(text)))
    assert problem.line == line_of(text, "    fault:")  # the first line of compensate
    assert problem.message == (
        "steps.compensate: the ladder must be ordered cheapest first (by cost)"
    )


def test_offer_ids_are_unique_in_a_ladder(base_text: str, write_file: WriteFile) -> None:
    text = edit(base_text, "- id: replacement-with-goodie", "- id: replacement")
    problem = only(refused(write_file(text)))
    assert "offer id 'replacement' is used twice" in problem.message


def test_offer_cost_is_bounded(base_text: str, write_file: WriteFile) -> None:
    text = edit(base_text, "cost: 1.0", "cost: 5")
    problem = only(refused(write_file(text)))
    assert problem.line == line_of(text, "cost: 5")
    assert problem.message.startswith("steps.compensate.ladder.3.cost:")


def test_an_offer_cost_must_sit_in_its_kind_range(base_text: str, write_file: WriteFile) -> None:
    text = edit(base_text, "cost: 1.0", "cost: 0.5")
    problem = only(refused(write_file(text)))
    assert problem.line == line_of(text, "cost: 0.5")
    assert problem.message == (
        "steps.compensate.ladder.3.cost: a full-refund offer costs between 0.8 and 1.2 of the "
        "order value; 0.5 is outside it"
    )


def test_an_unknown_kind_is_refused(base_text: str, write_file: WriteFile) -> None:
    text = edit(base_text, "kind: full-refund", "kind: refund-in-full")
    problem = only(refused(write_file(text)))
    assert problem.line == line_of(text, "kind: refund-in-full")
    assert problem.message.startswith("steps.compensate.ladder.3.kind:")


@pytest.mark.parametrize(
    "field", ["recommended", "recommended_if_insured", "recommended_if_uninsured"]
)
def test_a_recommended_offer_must_be_on_the_ladder(
    base_text: str, write_file: WriteFile, field: str
) -> None:
    old = "    recommended: replacement\n"
    new = old if field != "recommended" else ""
    text = edit(base_text, old, f"{new}    {field}: free-car\n")
    problem = only(refused(write_file(text)))
    assert problem.line == line_of(text, f"{field}: free-car")
    assert problem.message.startswith(
        f"steps.compensate.{field}: 'free-car' is not an offer of the ladder (keep-with-discount,"
    )


def test_an_offer_no_longer_says_whether_the_item_comes_back(
    base_text: str, write_file: WriteFile
) -> None:
    text = edit(
        base_text,
        "        kind: full-refund\n",
        "        kind: full-refund\n        returns_item: true\n",
    )
    problem = only(refused(write_file(text)))
    assert problem.line == line_of(text, "returns_item: true")
    assert problem.message.startswith("unknown key 'returns_item'")


def test_only_a_proactive_playbook_may_have_no_apology(
    base_text: str, write_file: WriteFile
) -> None:
    start = base_text.index("    lines:\n")
    end = base_text.index("    tips:", start)
    text = base_text[:start] + "    lines: []\n" + base_text[end:]
    problem = only(refused(write_file(text)))
    assert "may be empty only in a proactive playbook" in problem.message
    proactive = edit(text, "category: delivery", "category: proactive")
    assert load_playbook(write_file(proactive)).steps.apologise.lines == []


def test_fewer_than_ten_examples(base_text: str, write_file: WriteFile) -> None:
    start = base_text.index("    - glass shattered during shipping\n")
    end = base_text.index("  keywords:\n")
    text = base_text[:start] + base_text[end:]
    problem = only(refused(write_file(text)))
    assert line_of(text, "examples:") <= problem.line <= line_of(text, "examples:") + 1
    assert problem.message.startswith("match.examples:")
    assert "at least 10 items" in problem.message
    assert "not 7" in problem.message


def test_title_longer_than_sixty_characters(base_text: str, write_file: WriteFile) -> None:
    text = edit(base_text, "title: Arrived damaged", "title: " + "Arrived damaged " * 5)
    problem = only(refused(write_file(text)))
    assert problem.line == line_of(text, "title:")
    assert "at most 60 characters" in problem.message


def test_several_problems_are_all_reported_in_line_order(
    base_text: str, write_file: WriteFile
) -> None:
    text = edit(base_text, "title: Arrived", "titel: Arrived")
    text = edit(text, "after_days: 5", "after_days: soon")
    text = edit(text, "the replacement {item} reached", "the replacement {itme} reached")
    problems = refused(write_file(text))
    assert [p.line for p in problems] == sorted(p.line for p in problems)
    assert {p.line for p in problems} >= {
        line_of(text, "titel:"),
        line_of(text, "after_days:"),
        line_of(text, "    message: >-"),
    }


# -- loading folders ------------------------------------------------------------------------


def test_a_bad_file_does_not_take_the_good_ones_down(
    base_text: str, write_file: WriteFile, tmp_path: Path
) -> None:
    shutil.copy(SHIPPED / "lost-in-transit.yaml", tmp_path / "lost-in-transit.yaml")
    write_file(base_text)
    bad = write_file(edit(base_text, "after_days: 5", "after_days: soon"), name="bad-one.yaml")
    nonsense = write_file("a: [unclosed\n", name="nonsense.yaml")
    result = load_playbooks([tmp_path])
    assert sorted(p.id for p in result.playbooks) == [BASE_ID, "lost-in-transit"]
    assert not result.ok
    assert {p.source for p in result.problems} == {str(bad), str(nonsense)}
    assert set(result.sources) == {BASE_ID, "lost-in-transit"}


def test_yml_files_are_found_and_other_files_ignored(
    base_text: str, write_file: WriteFile, tmp_path: Path
) -> None:
    write_file(base_text, name=f"{BASE_ID}.yml")
    write_file("not: a playbook\n", name="notes.txt")
    write_file("{}", name="schema.json")
    result = load_playbooks([tmp_path])
    assert result.ok, [str(p) for p in result.problems]
    assert [p.id for p in result.playbooks] == [BASE_ID]


def test_a_single_file_can_be_loaded_by_path(base_text: str, write_file: WriteFile) -> None:
    result = load_playbooks([write_file(base_text)])
    assert result.ok
    assert [p.id for p in result.playbooks] == [BASE_ID]


def test_a_missing_path_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    result = load_playbooks([missing])
    assert result.playbooks == []
    assert [str(p) for p in result.problems] == [f"{missing}:1:1: no such file or folder"]


def test_reading_a_missing_file_raises_a_document_error(tmp_path: Path) -> None:
    with pytest.raises(DocumentError) as caught:
        read_document(tmp_path / "gone.yaml")
    assert caught.value.problems[0].message.startswith("cannot read")


def test_the_same_id_in_two_folders_is_reported_for_the_second_file(
    base_text: str, write_file: WriteFile, tmp_path: Path
) -> None:
    first = write_file(base_text, folder=tmp_path / "shipped")
    second_text = "# a server's own copy\n# with its own notes\n" + base_text
    second = write_file(second_text, folder=tmp_path / "server")
    result = load_playbooks([tmp_path / "shipped", tmp_path / "server"])
    assert [p.id for p in result.playbooks] == [BASE_ID]
    assert result.sources[BASE_ID] == first
    problem = only(result.problems)
    assert problem.source == str(second)
    assert (problem.line, problem.col) == (line_of(second_text, "id:"), 5)
    assert problem.message == f"id '{BASE_ID}' is already used by {first}"


# -- the cache ----------------------------------------------------------------------------------


@pytest.fixture
def cached_folder(base_text: str, write_file: WriteFile, tmp_path: Path) -> Path:
    folder = tmp_path / "playbooks"
    write_file(base_text, folder=folder)
    shutil.copy(SHIPPED / "lost-in-transit.yaml", folder / "lost-in-transit.yaml")
    return folder


def test_cache_round_trip(cached_folder: Path, tmp_path: Path) -> None:
    first = load_playbooks([cached_folder], cache=PlaybookCache(tmp_path / "cache"))
    assert first.ok
    cache = PlaybookCache(tmp_path / "cache")
    assert cache.file.is_file()
    path = cached_folder / f"{BASE_ID}.yaml"
    assert cache.get(path) == next(p for p in first.playbooks if p.id == BASE_ID)
    second = load_playbooks([cached_folder], cache=cache)
    assert second.ok
    assert second.playbooks == first.playbooks


def edit_cached_playbook(
    cache: PlaybookCache, path: Path, change: Callable[[dict[str, Any]], object]
) -> None:
    """Change one playbook inside the cache's files, keeping every offset right."""
    index = json.loads(cache.file.read_text(encoding="utf-8"))
    blobs = cache.blobs.read_bytes()
    digest = index["files"][os.path.abspath(path)][3]
    rewritten = bytearray()
    for key, entry in index["entries"].items():
        raw = blobs[entry["offset"] : entry["offset"] + entry["length"]]
        if key == digest:
            data = json.loads(raw)
            change(data)
            raw = json.dumps(data).encode()
        entry["offset"], entry["length"] = len(rewritten), len(raw)
        rewritten += raw + b"\n"
    cache.blobs.write_bytes(bytes(rewritten))
    cache.file.write_text(json.dumps(index), encoding="utf-8")


def test_second_load_is_served_from_the_cache(cached_folder: Path, tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    load_playbooks([cached_folder], cache=PlaybookCache(cache_dir))
    edit_cached_playbook(
        PlaybookCache(cache_dir),
        cached_folder / f"{BASE_ID}.yaml",
        lambda data: data.update(title="Title from the cache"),
    )

    result = load_playbooks([cached_folder], cache=PlaybookCache(cache_dir))
    titles = {p.id: p.title for p in result.playbooks}
    assert titles[BASE_ID] == "Title from the cache"


def touch(path: Path) -> None:
    """Move the file's modification time forward, as an editor saving it would."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))


def test_touching_a_file_keeps_its_entry_and_a_change_replaces_it(
    cached_folder: Path, tmp_path: Path
) -> None:
    cache_dir = tmp_path / "cache"
    load_playbooks([cached_folder], cache=PlaybookCache(cache_dir))
    path = cached_folder / f"{BASE_ID}.yaml"
    edit_cached_playbook(
        PlaybookCache(cache_dir), path, lambda data: data.update(title="Title from the cache")
    )
    touch(path)  # the same content: still served from the cache
    cached = PlaybookCache(cache_dir).get(path)
    assert cached is not None and cached.title == "Title from the cache"

    path.write_text(path.read_text(encoding="utf-8") + "# a comment\n", encoding="utf-8")
    cache = PlaybookCache(cache_dir)
    assert cache.get(path) is None  # new content: read again
    assert cache.get(cached_folder / "lost-in-transit.yaml") is not None


def test_a_copy_under_another_folder_is_served_from_the_cache(
    cached_folder: Path, tmp_path: Path
) -> None:
    cache_dir = tmp_path / "cache"
    load_playbooks([cached_folder], cache=PlaybookCache(cache_dir))
    path = cached_folder / f"{BASE_ID}.yaml"
    edit_cached_playbook(
        PlaybookCache(cache_dir), path, lambda data: data.update(title="Title from the cache")
    )
    copy = tmp_path / "elsewhere"
    copy.mkdir()
    shutil.copy(path, copy / path.name)
    result = load_playbooks([copy], cache=PlaybookCache(cache_dir))
    assert [p.title for p in result.playbooks] == ["Title from the cache"]


def test_the_same_content_under_another_name_is_still_refused(
    cached_folder: Path, tmp_path: Path
) -> None:
    cache_dir = tmp_path / "cache"
    load_playbooks([cached_folder], cache=PlaybookCache(cache_dir))
    renamed = tmp_path / "renamed"
    renamed.mkdir()
    shutil.copy(cached_folder / f"{BASE_ID}.yaml", renamed / "another-name.yaml")
    result = load_playbooks([renamed], cache=PlaybookCache(cache_dir))
    [problem] = result.problems
    assert "must equal the file name 'another-name'" in problem.message


def test_two_caches_writing_one_folder_keep_both(cached_folder: Path, tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    first, second = PlaybookCache(cache_dir), PlaybookCache(cache_dir)
    path = cached_folder / f"{BASE_ID}.yaml"
    other = cached_folder / "lost-in-transit.yaml"
    first.put(path, load_playbook(path))
    second.put(other, load_playbook(other))
    first.save()
    second.save()
    reopened = PlaybookCache(cache_dir)
    assert reopened.get(path) is not None and reopened.get(other) is not None


@pytest.fixture
def two_files(cached_folder: Path) -> tuple[Path, Path]:
    """The two playbook files of ``cached_folder``."""
    return cached_folder / f"{BASE_ID}.yaml", cached_folder / "lost-in-transit.yaml"


def kept_as_read(cache_dir: Path, *paths: Path) -> bool:
    """Whether a cache opened afresh on ``cache_dir`` gives each of ``paths`` as its file
    reads."""
    reopened = PlaybookCache(cache_dir)
    return all(reopened.get(path) == load_playbook(path) for path in paths)


def test_a_playbook_kept_by_both_caches_is_written_once(
    two_files: tuple[Path, Path], tmp_path: Path
) -> None:
    cache_dir = tmp_path / "cache"
    first, second = PlaybookCache(cache_dir), PlaybookCache(cache_dir)
    path, other = two_files
    first.put(path, load_playbook(path))
    second.put(other, load_playbook(other))
    second.put(path, load_playbook(path))
    first.save()
    kept_by_the_first = first.blobs.stat().st_size
    second.save()  # only what the first did not keep is added
    assert second.blobs.stat().st_size - kept_by_the_first == len(
        load_playbook(other).model_dump_json().encode() + b"\n"
    )
    assert kept_as_read(cache_dir, path, other)


def test_a_playbook_read_back_before_the_save_leaves_the_next_one_whole(
    two_files: tuple[Path, Path], tmp_path: Path
) -> None:
    cache = PlaybookCache(tmp_path / "cache")
    path, other = two_files
    cache.put(path, load_playbook(path))
    assert cache.get(path) == load_playbook(path)  # read from the spill, not yet saved
    cache.put(other, load_playbook(other))
    assert cache.get(other) == load_playbook(other)
    assert cache.get(path) == load_playbook(path)
    cache.save()
    assert kept_as_read(tmp_path / "cache", path, other)


class _FullDisk:
    """A spill file on a disk that fills up: the next write stores part of its bytes, then
    fails, as on a full disk."""

    def __init__(self, spill: Any) -> None:
        self._spill = spill

    def write(self, data: bytes) -> int:
        self._spill.write(data[: len(data) // 2])
        raise OSError(28, "No space left on device")

    def __getattr__(self, name: str) -> Any:
        return getattr(self._spill, name)


def test_a_failed_spill_keeps_what_was_spilled_before_it(
    two_files: tuple[Path, Path], cached_folder: Path, tmp_path: Path
) -> None:
    cache = PlaybookCache(tmp_path / "cache")
    path, other = two_files
    cache.put(path, load_playbook(path))
    spill, cache._spill = cache._spill, _FullDisk(cache._spill)
    cache.put(other, load_playbook(other))  # fails half-way
    cache._spill = spill  # the disk has room again
    third = Path(shutil.copy(SHIPPED / "address-problem.yaml", cached_folder))
    cache.put(third, load_playbook(third))
    assert cache.get(other) is None
    cache.save()
    index = json.loads(cache.file.read_text(encoding="utf-8"))
    blobs = cache.blobs.read_bytes()
    for entry in index["entries"].values():  # nothing kept points at the half-written bytes
        Playbook.model_validate_json(blobs[entry["offset"] : entry["offset"] + entry["length"]])
    assert kept_as_read(tmp_path / "cache", path)
    reopened = PlaybookCache(tmp_path / "cache")
    assert reopened.get(other) is None  # read from its file next time
    result = load_playbooks([cached_folder], cache=reopened)
    assert result.ok and len(result.playbooks) == 3
    assert kept_as_read(tmp_path / "cache", other)


def test_many_files_are_read_in_parallel_with_the_same_outcome(
    base_text: str, tmp_path: Path
) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for number in range(loader.PARALLEL_FROM + 6):
        name = f"case-{number:03d}"
        (folder / f"{name}.yaml").write_text(
            base_text.replace(f"id: {BASE_ID}", f"id: {name}", 1), encoding="utf-8"
        )
    (folder / "case-bad.yaml").write_text("id: [\n", encoding="utf-8")
    files = sorted(folder.iterdir())
    serial = list(loader.read_playbook_files(files, workers=1))
    parallel = list(loader.read_playbook_files(files, PlaybookCache(tmp_path / "cache"), workers=2))
    assert [(r.path, r.summary, r.problems) for r in serial] == [
        (r.path, r.summary, r.problems) for r in parallel
    ]
    assert [r.path.name for r in parallel if r.problems] == ["case-bad.yaml"]
    again = list(loader.read_playbook_files(files, PlaybookCache(tmp_path / "cache"), workers=2))
    assert [r.summary for r in again] == [r.summary for r in parallel]
    assert all(r.fields is None for r in again if r.summary)  # all from the cache


def test_files_come_one_by_one_in_their_order_each_as_soon_as_it_is_read(
    base_text: str, tmp_path: Path
) -> None:
    """A file is given before the next is read (so a caller can use it meanwhile): cached
    files and files read now keep the files' order."""
    folder = tmp_path / "stream"
    folder.mkdir()
    names = [f"case-{number}" for number in range(4)]
    for name in names:
        (folder / f"{name}.yaml").write_text(
            base_text.replace(f"id: {BASE_ID}", f"id: {name}", 1), encoding="utf-8"
        )
    files = sorted(folder.iterdir())
    cache = PlaybookCache(tmp_path / "cache")
    list(loader.read_playbook_files(files[1:2], cache))  # one of them cached already
    stream = loader.read_playbook_files(files, PlaybookCache(tmp_path / "cache"))
    first = next(stream)
    assert first.summary is not None and first.fields is not None
    # The last file, broken after the first was given, is read broken: it was not read yet.
    files[-1].write_text("id: [\n", encoding="utf-8")
    rest = list(stream)
    assert [r.path for r in [first, *rest]] == files
    assert rest[0].fields is None  # from the cache
    assert rest[1].summary is not None and rest[1].fields is not None
    assert rest[-1].summary is None and rest[-1].problems


def test_an_edit_of_the_same_size_is_picked_up(cached_folder: Path, tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    load_playbooks([cached_folder], cache=PlaybookCache(cache_dir))
    path = cached_folder / f"{BASE_ID}.yaml"
    size = path.stat().st_size
    text = path.read_text(encoding="utf-8")
    text = edit(text, "title: Arrived damaged", "title: Arrived smashed")
    path.write_text(text, encoding="utf-8")
    touch(path)
    assert path.stat().st_size == size

    result = load_playbooks([cached_folder], cache=PlaybookCache(cache_dir))
    assert {p.id: p.title for p in result.playbooks}[BASE_ID] == "Arrived smashed"
    refreshed = PlaybookCache(cache_dir).get(path)
    assert refreshed is not None
    assert refreshed.title == "Arrived smashed"


def test_a_bad_file_is_never_cached(
    cached_folder: Path, tmp_path: Path, write_file: WriteFile
) -> None:
    bad = write_file("id: [\n", name="broken.yaml", folder=cached_folder)
    cache_dir = tmp_path / "cache"
    for _ in range(2):
        result = load_playbooks([cached_folder], cache=PlaybookCache(cache_dir))
        assert [p.source for p in result.problems] == [str(bad)]
        assert len(result.playbooks) == 2


@pytest.mark.parametrize(
    "content",
    [b"{not json", b"\xff\xfe\x00garbage", b"", b"[1, 2]", b"null", b'"text"', b"ENTRY"],
    ids=["truncated", "binary", "empty", "list", "null", "string", "bad-entry"],
)
def test_a_corrupt_cache_file_is_ignored(
    cached_folder: Path, tmp_path: Path, content: bytes
) -> None:
    cache_dir = tmp_path / "cache"
    cache = PlaybookCache(cache_dir)
    cache_dir.mkdir()
    if content == b"ENTRY":
        key = str((cached_folder / f"{BASE_ID}.yaml").resolve())
        content = json.dumps({key: 5, "other": {"stamp": "x"}}).encode()
    cache.file.write_bytes(content)

    result = load_playbooks([cached_folder], cache=cache)
    assert result.ok
    assert sorted(p.id for p in result.playbooks) == [BASE_ID, "lost-in-transit"]
    assert PlaybookCache(cache_dir).get(cached_folder / f"{BASE_ID}.yaml") is not None


def test_a_cache_entry_that_no_longer_validates_is_reloaded_from_the_file(
    cached_folder: Path, tmp_path: Path
) -> None:
    cache_dir = tmp_path / "cache"
    load_playbooks([cached_folder], cache=PlaybookCache(cache_dir))
    edit_cached_playbook(
        PlaybookCache(cache_dir),
        cached_folder / f"{BASE_ID}.yaml",
        lambda data: data.pop("steps"),
    )

    result = load_playbooks([cached_folder], cache=PlaybookCache(cache_dir))
    assert result.ok
    assert {p.id: p.title for p in result.playbooks}[BASE_ID] == "Arrived damaged"
