"""The checks a playbook file gets as a name and its bytes (what a server uploads): the strict
loader and the proofreader, every problem located as ``file:line:col: message``."""

from __future__ import annotations

from bot.core import safe_yaml
from bot.core.lint import lint_file
from tests.core.test_loader import edit, line_of


def test_a_good_file_passes_with_its_playbook_and_text(base_text: str) -> None:
    linted = lint_file("damaged-in-transit.yaml", base_text.encode())
    assert linted.ok and linted.problems == []
    assert linted.playbook is not None and linted.playbook.id == "damaged-in-transit"
    assert linted.text == base_text


def test_a_file_named_otherwise_than_its_id_is_told_what_to_rename(base_text: str) -> None:
    linted = lint_file("my-case.yaml", base_text.encode())
    assert linted.playbook is None
    [problem] = linted.problems
    assert problem.source == "my-case.yaml"
    assert problem.line == line_of(base_text, "id:")
    assert "must equal the file name 'my-case'" in problem.message
    assert "name the file damaged-in-transit.yaml, or change the id" in problem.message


def test_only_the_name_of_an_uploaded_path_is_used(base_text: str) -> None:
    linted = lint_file("C:\\Users\\sam\\damaged-in-transit.yaml", base_text.encode())
    assert linted.ok
    refused = lint_file("../../etc/my-case.yaml", base_text.encode())
    assert [p.source for p in refused.problems] == ["my-case.yaml"]


def test_a_file_that_is_not_yaml_by_its_name_is_refused(base_text: str) -> None:
    linted = lint_file("damaged-in-transit.txt", base_text.encode())
    assert linted.playbook is None
    assert [str(p) for p in linted.problems] == [
        "damaged-in-transit.txt:1:1: a playbook file's name ends in .yaml or .yml, "
        "e.g. my-situation.yaml"
    ]


def test_unknown_keys_and_bad_placeholders_are_located(base_text: str) -> None:
    text = edit(base_text, "category: delivery", "category: delivery\nzqxj: 1")
    linted = lint_file("damaged-in-transit.yaml", text.encode())
    assert linted.playbook is None
    assert [(p.line, p.message.split(";")[0]) for p in linted.problems] == [
        (line_of(text, "zqxj"), "unknown key 'zqxj'")
    ]


def test_a_proofreading_finding_refuses_the_file_at_its_line(base_text: str) -> None:
    old = "      Thank you for telling me straight away,"
    text = edit(base_text, old, "      Hi {customer}, thank you for telling me straight away,")
    linted = lint_file("damaged-in-transit.yaml", text.encode())
    assert not linted.ok
    hits = [p for p in linted.problems if "a greeting or {customer} in body text" in p.message]
    assert hits and {p.source for p in linted.problems} == {"damaged-in-transit.yaml"}
    assert abs(hits[0].line - line_of(text, "Hi {customer}, thank you")) <= 1
    assert str(hits[0]).startswith(f"damaged-in-transit.yaml:{hits[0].line}:")


def test_size_and_safety_limits_hold(base_text: str) -> None:
    too_big = lint_file("damaged-in-transit.yaml", b"#" * (safe_yaml.MAX_FILE_BYTES + 1))
    assert "the limit is" in too_big.problems[0].message
    smaller = lint_file("damaged-in-transit.yaml", base_text.encode(), max_bytes=100)
    assert "the limit is 100" in smaller.problems[0].message
    beyond = safe_yaml.MAX_FILE_BYTES + 10
    larger = lint_file("damaged-in-transit.yaml", b"#" * (beyond - 5), max_bytes=beyond)
    assert f"the limit is {safe_yaml.MAX_FILE_BYTES:,}" in larger.problems[0].message
    bomb = "a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n"
    refused = lint_file("damaged-in-transit.yaml", bomb.encode())
    assert refused.playbook is None and "anchors" in refused.problems[0].message
    binary = lint_file("damaged-in-transit.yaml", b"id: x\x00")
    assert "binary file" in binary.problems[0].message
