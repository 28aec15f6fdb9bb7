"""The quick YAML reading (the C parser's events) never accepts what the careful one refuses,
and reads exactly the same data from what both accept."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core import safe_yaml
from bot.core.loader import load_playbook, shipped_playbooks_dir
from bot.core.safe_yaml import DocumentError, parse, parse_quick

SHIPPED = shipped_playbooks_dir()


def _careful(text: str) -> object:
    try:
        return parse("x.yaml", text).data
    except DocumentError:
        return DocumentError


@pytest.mark.parametrize(
    "path", sorted(SHIPPED.glob("*.yaml")) + sorted(SHIPPED.glob("*/*.yaml")), ids=str
)
def test_the_shipped_files_read_the_same_both_ways(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    quick = parse_quick(text)
    assert quick is not None  # plain data, '&' in text included, is read quickly
    assert quick == parse(str(path), text).data


TRICKY = [
    "a: 1\nb: yes\nc: ~\nd: 1.5\ne: '007'\nf: 0x1F\ng: .inf\nh: -3\ni: \"no\"\nj: +1\n",
    "when: 2024-01-02\nkey: = \n",  # a timestamp and a value key stay text, carefully
    "<<: {a: 1}\n",
    "a: &x 1\nb: *x\n",
    "a: *x\n",
    "a: !!python/object:os.system ls\n",
    "a: !custom 1\n",
    "a: !!str 12\nb: !!int '12'\n",
    "a: !!int twelve\n",
    "a: !!float x\n",
    "a: !!set {x, y}\n",
    "a: !!binary aGVsbG8=\n",
    "a: 1\na: 2\n",
    "1: one\n",
    "yes: true\n",
    "[1, 2]: pair\n",
    "? [a]\n: b\n",
    "a:\n\t- tab\n",
    "a: 'tab\tinside'\n",
    "a: 1\n---\nb: 2\n",
    "",
    "~\n",
    "# only a comment\n",
    "a: [1, 2\n",
    "a: b: c\n",
    "- just\n- a list\n",
    "plain text\n",
    "a: " + "[" * 20 + "]" * 20 + "\n",
    "a: " + "[" * 15 + "]" * 15 + "\n",
    "a: " + "[" * 16 + "]" * 16 + "\n",
    "a: ! 12\nb: ! text\n",
    "a: |\n  literal\n  block\nb: >-\n  folded\n  text\n",
    "title: Ok & fine\n",
    "title: B&B\nshop: Fern &Thread\n",
    "a: &anchor\n  b: 1\n",
    "a: !!str &x text\n",
    "- &x [1, 2]\n- *x\n",
    'x: "\\u00e9\\t"\n',
]


@pytest.mark.parametrize("text", TRICKY)
def test_the_quick_reading_is_never_less_strict(text: str) -> None:
    quick = parse_quick(text)
    careful = _careful(text)
    if quick is not None:
        assert careful is not DocumentError, (
            f"quick accepted what the careful path refuses: {text!r}"
        )
        assert quick == careful
    assert parse_quick(text, max_depth=3) is None or text.count("[") < 3


def test_a_playbook_that_fails_validation_is_still_located(tmp_path: Path) -> None:
    good = (SHIPPED / "lost-in-transit.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "lost-in-transit.yaml"
    bad.write_text(good.replace("title:", "titel:", 1), encoding="utf-8")
    assert parse_quick(bad.read_text(encoding="utf-8")) is not None  # well-formed YAML
    with pytest.raises(DocumentError) as raised:
        load_playbook(bad)
    located = {(p.line, p.col, p.message) for p in raised.value.problems}
    assert (3, 1, "unknown key 'titel'; did you mean 'title'?") in located


def test_a_value_that_is_not_its_tag_is_refused_with_its_place() -> None:
    with pytest.raises(DocumentError) as raised:
        parse("x.yaml", "a: 1\nb: !!int twelve\n")
    [problem] = raised.value.problems
    assert (problem.line, problem.col) == (2, 4)
    assert "twelve" in problem.message


#: Plain scalars of every kind the resolver tells apart, and text that looks like them.
PLAIN_SCALARS = [
    *["yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE"],
    *["on", "On", "ON", "off", "Off", "OFF", "y", "Y", "n", "N", "yEs", "nO", "oN", "tRUE"],
    *["null", "Null", "NULL", "nULL", "~", "", "none", "None", "~ text", "nothing at all"],
    *["yes please", "no thanks", "on its way", "off again", "True story", "Never", "order"],
    *["0", "7", "12", "00", "007", "09", "012", "0o17", "0x1F", "0b101", "1_000", "+12", "-3"],
    *["1:20", "190:20:30", "12345678901234567890123", "1e3", "1.5", ".5", "1.", "-.inf"],
    *[".NaN", "2024-01-02", "2024-01-02 10:00:00", "1 2", "12 items", "3rd", "١٢", "<<", "="],
    *["0.35", "1.0", "01.5", "10.", "0.", "1.2.3", "1.5e3", "1.5e+3", "1_0.5", "1.0_0", "١.٥"],
    *["-0.5", "+1.5", "1.-5", "1. 5", "0.1.", "1..2", "99999999999999999999.99999999999"],
]


def test_the_quick_loader_resolves_like_the_careful_one() -> None:
    left_to_the_careful_reading = []
    for value in PLAIN_SCALARS:
        text = f"v: {value}\n"
        quick = parse_quick(text)
        if quick is None:
            left_to_the_careful_reading.append(value)
            continue
        assert quick == _careful(text), value
        assert type(quick["v"]) is type(_careful(text)["v"]), value  # 1 == True
    assert left_to_the_careful_reading == ["2024-01-02", "2024-01-02 10:00:00", "<<", "="]
    readable = [value for value in PLAIN_SCALARS if value not in left_to_the_careful_reading]
    listed = "v:\n" + "".join(f"- {value}\n" for value in readable)
    assert parse_quick(listed) == _careful(listed)
    assert safe_yaml.MAX_DEPTH == 16


def test_values_made_by_the_constructor_are_not_kept_after_reading() -> None:
    """PyYAML's constructor keeps every node it makes until a document is done; one scalar at a
    time, it would keep them all, each file after file."""
    text = "a: 0x1F\nb: 1.5e+3\nc: -3\nd: 0.35\ne: 1_000\n"
    assert (
        parse_quick(text) == _careful(text) == {"a": 31, "b": 1500.0, "c": -3, "d": 0.35, "e": 1000}
    )
    assert not safe_yaml._scalar_constructor.constructed_objects
