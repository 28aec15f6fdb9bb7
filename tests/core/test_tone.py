"""The tone checker: every kind of finding and its span, kind replies that pass, the rules file,
the command line, hostile input, speed, and the rates on the corpus.

The corpus (``tone_cases``) was written in rounds. The rules were designed on the first two
lists; each later set was written after the rules of its day and measured once before the
rules were generalised further:

* ``*_FRESH``, first measurement: hostile flagged 97.5% (by a phrase rule alone: 32.5%),
  kind flagged 0%;
* ``*_LATE``, first measurement: hostile flagged 85.0% (by a phrase rule alone: 42.5%),
  kind flagged 0%;
* ``*_FINAL``, first measurement: hostile flagged 100% (by a phrase rule alone: 62.5%),
  kind flagged 0%.

The thresholds below hold for every set now, and for the phrase rules alone too, so that the
"no apology" check cannot carry the recall by itself.

A second generation of rules (passive aggression, warm openings that turn on the customer, blame
on the customer's body, address or choices, and no apology asked of drafts that answer no
complaint) was measured on two new sets, each of at least 60 drafts of either kind:

* ``tone_holdout`` was written first and measured once before any of that work: hostile flagged
  73.7% (56/76), warm flagged 29.6% (21/71, mostly proactive messages asked for an apology and
  polite boundaries). The rules were developed without it; it was read again only for totals.
* ``tone_dev`` was written next and the rules were developed on it: before, hostile flagged
  76.8% (63/82) and warm 34.2% (26/76).

After the work, once: ``tone_holdout`` hostile flagged 94.7% (72/76; by a phrase rule alone 70),
warm flagged 1.4% (1/71); ``tone_dev`` 100% and 0%. The aim was at least 95% and at most 5%;
the holdout misses it by one draft and was not tuned, so its recall bar below is what it
measured, and the development set holds the aim.

A third generation (contractions matched with or without their apostrophe, sarcasm, blame,
threats and ultimatums, curt refusals, reproachful questions, and more warm offers, proactive
notices and kind refusals recognised as acknowledging the customer) was measured the same way:

* ``tone_unseen`` was written first and measured once before any of that work: hostile flagged
  82.6% (76/92), warm flagged 12.2% (11/90). The rules were developed without it; it was read
  again only for totals.
* ``tone_dev3`` was written in nine batches while the rules were developed on it; each batch
  was measured before its rules: hostile flagged 70%, 69%, 50%, 60%, 70%, 56%, 68%, 60% and
  70% of its drafts, warm flagged 17%, 23%, 10%, 11%, 15%, 0%, 17%, 27% and 0%. Fresh drafts
  keep finding habits the rules don't know yet, which is why the unseen set stays below the
  aim.

After the work: ``tone_unseen`` hostile flagged 88.0% (81/92; by a phrase rule alone 72, 78%),
warm flagged 5.6% (5/90); ``tone_holdout`` 96.1% (73/76) and 1.4% (1/71); ``tone_dev3`` 99.7%
(290/291) and 0.7% (2/303). The unseen set misses the aim (95% and 5%); its bars below are what
it measured, untuned, and the development sets hold the aim.

A fourth generation (bare one-line refusals, lecturing, martyrdom about the seller's effort,
threats dressed as information, pet names used to correct, the customer spoken of in the third
person and buyers in general, politeness made a condition of help, doubting the customer's story
and demanding proof, the price belittled in words, grudging refunds, "the tracking doesn't lie",
"spell it out") was measured the same way:

* ``tone_unseen4`` was written first and measured once before any of that work: hostile flagged
  74.3% (78/105), warm flagged 1.4% (1/70).
* ``tone_dev4`` was written in three batches, each measured before its rules: hostile flagged
  65%, 55% and 67%, warm flagged 9%, 10% and 0% (three warm drafts that in fact blamed the
  customer's choice or gave no apology for a fault were rewritten).

After the work: ``tone_unseen4`` hostile flagged 77.1% (81/105; by a phrase rule alone 68),
warm flagged 1.4% (1/70); ``tone_dev4`` 100% (190/190) and 0% (0/110); the earlier sets are
unchanged or better. Rules written from one set's habits carried over to fresh wording for only
three drafts of the held-out set: phrase rules alone are near what they can give, and the
unseen sets stay below the aim.

A fifth generation adds a learned second opinion (``bot/core/tone_model.py``): a model trained
on the development sets only (``tone_corpus.TRAINING_SETS``, with ``tone_dev5`` written for it:
250 hostile and 250 warm drafts) that reads a draft as a whole. ``tone_unseen5`` (120 hostile,
90 warm) was written first, without reading the rules or the earlier sets, and
measured once before any of that work: hostile flagged 74.2% (89/120), warm 6.7% (6/90). The
model was then trained, and its threshold chosen with each development set left out in turn,
without reading any held-out set. After the work, with the rules and the model together (the
model also stands the missing-apology check down for a draft it reads as plainly warm):

* ``tone_unseen5`` hostile flagged 95.8% (115/120; by a phrase rule alone 80), warm 3.3% (3/90);
* ``tone_unseen4`` 93.3% (98/105) and 2.9% (2/70); ``tone_unseen`` 96.7% (89/92) and 3.3%
  (3/90); ``tone_holdout`` 97.4% (74/76) and 1.4% (1/71);
* the four held-out sets together: 95.7% (376/393) and 2.8% (9/321), against 82.4% (324/393)
  and 4.0% (13/321) for the rules alone.
"""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.core.safe_yaml import DocumentError
from bot.core.schema import tone_schema_text
from bot.core.tone import (
    Finding,
    ToneChecker,
    ToneKind,
    ToneReport,
    ToneRules,
    default_rules_path,
    load_tone_model_for,
    load_tone_rules,
)
from bot.core.tone_patterns import Draft, Matcher, _optional_apostrophes, _spread, _widen_spaces
from tests.core import tone_cases
from tests.core.tone_corpus import HELD_OUT_SETS, TRAINING_SETS

ROOT = Path(__file__).resolve().parents[2]

RECALL_BAR = 0.90
FALSE_POSITIVE_BAR = 0.10
#: The aim (95% of hostile drafts flagged, at most 5% of warm ones) for the development sets;
#: the held-out sets' bars are what they measured with the rules and the model, untuned (see
#: the docstring).
STRICT_RECALL_BAR = {
    "dev2": 0.95,
    "dev3": 0.95,
    "dev4": 0.95,
    "holdout": 0.97,
    "unseen": 0.95,
    "unseen4": 0.93,
    "unseen5": 0.95,
}
STRICT_FALSE_POSITIVE_BAR = {
    "dev2": 0.05,
    "dev3": 0.05,
    "dev4": 0.05,
    "holdout": 0.05,
    "unseen": 0.05,
    "unseen4": 0.05,
    "unseen5": 0.05,
}
#: The phrase rules alone find at least this share of each held-out set's hostile drafts (what
#: they measured, untuned), and of the fifth development set, which was written to train the
#: model rather than the rules.
PHRASE_RECALL_BAR = {"unseen": 0.78, "unseen4": 0.64, "unseen5": 0.66, "dev5": 0.54, "all": 0.83}


@pytest.fixture(scope="module")
def rules() -> ToneRules:
    return load_tone_rules()


@pytest.fixture(scope="module")
def checker(rules: ToneRules) -> ToneChecker:
    return ToneChecker(rules, model=load_tone_model_for())


def kinds(report: ToneReport) -> set[ToneKind]:
    return {finding.kind for finding in report.findings}


# --- The public examples ------------------------------------------------------------------


@pytest.mark.parametrize(
    "draft",
    [
        "It's not my fault the post office lost it.",
        "WHY WOULD I REFUND THAT",
        "Read the listing next time.",
    ],
)
def test_public_hostile_examples_are_flagged(checker: ToneChecker, draft: str) -> None:
    report = checker.check(draft)
    assert not report.ok
    assert kinds(report) - {ToneKind.NO_APOLOGY}, "a phrase rule, not only the missing apology"


def test_public_kind_example_passes(checker: ToneChecker) -> None:
    report = checker.check(
        "I'm so sorry your parcel hasn't arrived; I've opened a trace and will update you Friday."
    )
    assert report.ok
    assert report.findings == ()
    assert report.verdict == "Reads kind and calm. Good to send."


# --- Every kind, with its exact span ------------------------------------------------------


@pytest.mark.parametrize(
    ("draft", "kind", "text", "rule"),
    [
        ("It's not my fault the post office lost it.", ToneKind.BLAME, "not my fault", None),
        (
            "Sorry. Take it up with the courier.",
            ToneKind.BLAME,
            "Take it up with the courier",
            "blame-carrier",
        ),
        (
            "You should have measured before ordering.",
            ToneKind.ACCUSING,
            "You should have measured",
            "should-have",
        ),
        ("Thank you, but that's on you.", ToneKind.ACCUSING, "that's on you", "your-fault"),
        ("Calm down, it will arrive on Friday.", ToneKind.DISMISSIVE, "Calm down", "calm-down"),
        ("Happy now? The refund is done.", ToneKind.SARCASM, "Happy now?", None),
        ("Sorry you feel that way.", ToneKind.SARCASM, "Sorry you feel that way", "non-apology"),
        ("This is such sh!t service.", ToneKind.PROFANITY, "sh!t", "swearing"),
        ("Thanks. WHY WOULD I REFUND THAT", ToneKind.SHOUTING, "WHY WOULD I REFUND THAT", None),
        ("Thank you! I SAID Friday and I MEANT it.", ToneKind.SHOUTING, "SAID", None),
        ("Thank you. Where is it???", ToneKind.PUNCTUATION, "???", "questions"),
        ("Thanks. You want a refund?!", ToneKind.PUNCTUATION, "?!", "questions"),
        ("Sorry!!! It is late.", ToneKind.PUNCTUATION, "!!!", "exclamations"),
        ("As per our policy, no refunds.", ToneKind.POLICY, "As per our policy", None),
        ("Sorry, but policy is policy.", ToneKind.POLICY, "policy is policy", None),
        (
            "Your refund was sent on Monday. It should arrive soon.",
            ToneKind.NO_APOLOGY,
            "Your refund was sent on Monday.",
            "no-apology",
        ),
        (
            "Thanks! As noted in my previous email, it ships Monday.",
            ToneKind.ACCUSING,
            "As noted in my previous email",
            "points-back",
        ),
        (
            "I'm sorry for your frustration. It was delivered.",
            ToneKind.SARCASM,
            "I'm sorry for your frustration",
            "feelings-not-facts",
        ),
        (
            "Thanks for your message. The size chart is on the listing. Most people check "
            "these things before they order.",
            ToneKind.COLD,
            "Most people check these things before they order.",
            "overall",
        ),
    ],
)
def test_each_kind_reports_the_exact_span(
    checker: ToneChecker, draft: str, kind: ToneKind, text: str, rule: str | None
) -> None:
    found = [f for f in checker.check(draft).findings if f.kind is kind]
    assert found, f"no {kind} finding"
    finding = found[0]
    assert finding.text == text
    assert (finding.start, finding.end) == (draft.index(text), draft.index(text) + len(text))
    assert draft[finding.start : finding.end] == finding.text
    assert finding.why and finding.suggestion
    if rule:
        assert finding.rule == rule


def test_every_kind_is_covered_by_the_span_test() -> None:
    assert len(ToneKind) == 10
    assert {k.value for k in ToneKind} == {
        "blame",
        "accusing",
        "dismissive",
        "sarcasm",
        "profanity",
        "shouting",
        "punctuation",
        "policy",
        "no-apology",
        "cold",
    }


def test_spans_point_into_the_original_draft_whatever_its_characters(
    checker: ToneChecker,
) -> None:
    draft = "I\u2019m sorry. \u0130\u0130\u0130 It\u2019s not my fault \U0001f600."
    blame = [f for f in checker.check(draft).findings if f.kind is ToneKind.BLAME]
    assert [f.text for f in blame] == ["not my fault"]
    assert draft[blame[0].start : blame[0].end] == "not my fault"


def test_shouting_suggests_the_words_in_ordinary_case(checker: ToneChecker) -> None:
    report = checker.check("Sorry. PLEASE READ THE USPS EMAIL")
    (shout,) = [f for f in report.findings if f.kind is ToneKind.SHOUTING]
    assert shout.text == "PLEASE READ THE USPS EMAIL"
    assert '"Please read the USPS email"' in shout.suggestion


def test_a_missing_apology_comes_last_and_the_verdict_names_the_kinds(
    checker: ToneChecker,
) -> None:
    report = checker.check("It's not my fault the post office lost it.")
    assert [f.kind for f in report.findings] == [ToneKind.BLAME, ToneKind.NO_APOLOGY]
    assert report.verdict == (
        "Not yet: soften 2 spot(s) before you send (Blame or defensiveness, No apology or thanks)."
    )


def test_no_apology_is_only_asked_of_answers_to_complaints(checker: ToneChecker) -> None:
    notice = "Your order has shipped and should arrive on Friday."
    assert checker.check(notice).ok, "a shipped notice answers no complaint"
    assert kinds(checker.check(notice, complaint=True)) == {ToneKind.NO_APOLOGY}
    answer = "The tracking shows it was delivered on Monday."
    assert kinds(checker.check(answer)) == {ToneKind.NO_APOLOGY}, "it answers a complaint"
    assert checker.check(answer, complaint=False).ok


@pytest.mark.parametrize(
    "draft",
    [
        "Thank you for your order! Your earrings will be posted by Friday.",
        "Just checking in: how are you getting on with the lamp?",
        "The linen aprons are back in stock, and I've kept one for you.",
        "Your parcel is on its way; the tracking number is in your email.",
    ],
)
def test_proactive_messages_need_no_apology(checker: ToneChecker, draft: str) -> None:
    assert checker.check(draft).ok, [(f.rule, f.text) for f in checker.check(draft).findings]


@pytest.mark.parametrize(
    "draft",
    [
        "Unfortunately the carrier has lost it. A new one goes out today.",
        "I'm afraid I can't refund a personalised piece, however I can fix the engraving.",
        "Honestly, I'd feel the same. The tracking shows it at the depot, so I've chased it.",
        "I won't reply to insults, but my offer of a replacement still stands.",
    ],
)
def test_the_ordinary_words_of_a_kind_reply_pass(checker: ToneChecker, draft: str) -> None:
    assert checker.check(draft).ok, [(f.rule, f.text) for f in checker.check(draft).findings]


def test_sarcastic_or_negated_thanks_do_not_count_as_an_apology(checker: ToneChecker) -> None:
    for draft in ["Thanks for nothing.", "I don't appreciate your tone."]:
        assert ToneKind.NO_APOLOGY in kinds(checker.check(draft, complaint=True)), draft


# --- Kind replies pass ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "draft",
    [
        "Unfortunately the courier has lost it, and I'm so sorry. A new one ships today.",
        "I'm sorry this happened. Could you send me a photo of the box?",
        "Our policy allows 30 days for returns, and I'm happy to send you a prepaid label.",
        "Thank you for your patience. It's not your fault at all, and I'll fix it today.",
        "Thank you so much!! Your order is on its way.",
        "THANK YOU SO MUCH for waiting. Your USPS tracking number is 9400 1000, order #AB12CD.",
        "Thanks for your order from Scunthorpe! I'll assess the class set and cocktail glasses.",
        "You should have received a confirmation email; I'm sorry it didn't arrive.",
        "I'm sorry, I made a silly mistake with the label. Hi Karen, a new one is on its way.",
        "Sorry for the wait! **Your order** shipped today \U0001f60a",
    ],
)
def test_kind_replies_pass(checker: ToneChecker, draft: str) -> None:
    report = checker.check(draft)
    assert report.ok, [(f.kind.value, f.text) for f in report.findings]


# --- JSON ----------------------------------------------------------------------------------


def test_the_report_as_json(checker: ToneChecker) -> None:
    draft = "Calm down!!! It's not my fault."
    data = json.loads(json.dumps(checker.check(draft).to_dict()))
    assert set(data) == {"ok", "verdict", "findings"}
    assert data["ok"] is False
    assert isinstance(data["verdict"], str)
    for finding in data["findings"]:
        assert set(finding) == {"kind", "start", "end", "text", "why", "suggestion", "rule"}
        assert finding["kind"] in {k.value for k in ToneKind}
        assert draft[finding["start"] : finding["end"]] == finding["text"]
    assert json.loads(json.dumps(checker.check("Thank you!").to_dict())) == {
        "ok": True,
        "verdict": "Reads kind and calm. Good to send.",
        "findings": [],
    }


def test_findings_are_values() -> None:
    finding = Finding(ToneKind.BLAME, 0, 3, "abc", "why", "kinder")
    with pytest.raises(AttributeError):
        finding.start = 1  # type: ignore[misc]


# --- The shipped rules -----------------------------------------------------------------------


def test_the_shipped_rules_load(rules: ToneRules) -> None:
    assert default_rules_path().is_file()
    assert rules.language == "en"
    ids = [rule.id for _, kind_rules in rules.pattern_kinds() for rule in kind_rules.rules]
    assert len(ids) == len(set(ids))


def test_the_schema_is_current() -> None:
    written = (ROOT / "playbooks" / "tone" / "schema.json").read_text(encoding="utf-8")
    assert written == tone_schema_text(), "run: seller-coach schema --tone --write"


def _rule_examples() -> list[tuple[str, str, str, bool]]:
    rules = load_tone_rules()
    cases = []
    for _, kind_rules in rules.pattern_kinds():
        for rule in kind_rules.rules:
            cases += [(rule.id, rule.id, text, True) for text in rule.flags]
            cases += [(rule.id, rule.id, text, False) for text in rule.passes]
    for section, name in ((rules.shouting, "shouting"), (rules.no_apology, "no-apology")):
        cases += [(name, name, text, True) for text in section.flags]
        cases += [(name, name, text, False) for text in section.passes]
    return cases


@pytest.mark.parametrize(("where", "rule", "text", "flags"), _rule_examples())
def test_the_examples_written_next_to_each_rule(
    checker: ToneChecker, where: str, rule: str, text: str, flags: bool
) -> None:
    hits = [f for f in checker.check(text).findings if f.rule == rule]
    if flags:
        assert hits, f"{where} should flag {text!r}"
    else:
        assert not hits, f"{where} should let {text!r} through: {[f.text for f in hits]}"


# --- Validation of a rules file ------------------------------------------------------------

MINIMAL_RULES = """\
language: en
verdict:
  ok: Good to send.
  not_ok: '{count} to fix ({kinds}).'
blame:
  label: Blame
  rules:
    - id: not-my-fault
      patterns: ['not my fault']
      why: It sounds like an excuse.
      suggestion: Say sorry and fix it.
accusing:
  label: Accusing
  rules:
    - id: your-fault
      patterns: ['your fault']
      why: It blames them.
      suggestion: Fix it.
dismissive:
  label: Dismissive
  rules:
    - id: calm-down
      patterns: ['calm down']
      why: It brushes them off.
      suggestion: Name the feeling.
sarcasm:
  label: Sarcasm
  rules:
    - id: happy-now
      patterns: ['happy now\\?']
      why: It mocks them.
      suggestion: Say it plainly.
profanity:
  label: Swearing
  rules:
    - id: swearing
      words: [damn]
      why: It is rude.
      suggestion: Leave it out.
policy:
  label: Policy
  rules:
    - id: policy-is-policy
      patterns: ['policy is policy']
      why: It is a wall.
      suggestion: Explain.
punctuation:
  label: Punctuation
  rules:
    - id: exclamations
      whole_words: false
      patterns: ['!{3,}']
      why: It shouts.
      suggestion: One is enough.
shouting:
  label: Shouting
  why: It shouts.
  suggestion: 'Say "{calm}".'
no_apology:
  label: No apology
  acknowledgements: ['sorry', 'thank you']
  why: It is cold.
  suggestion: Say sorry.
"""


def write_rules(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "rules.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(path: Path) -> list[str]:
    with pytest.raises(DocumentError) as caught:
        load_tone_rules(path)
    return [str(problem) for problem in caught.value.problems]


def line_of(text: str, needle: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), 1) if needle in line)


def test_a_minimal_rules_file_works(tmp_path: Path) -> None:
    checker = ToneChecker(load_tone_rules(write_rules(tmp_path, MINIMAL_RULES)))
    report = checker.check("Calm down, damn it!!!")
    assert [f.kind for f in report.findings] == [
        ToneKind.DISMISSIVE,
        ToneKind.PROFANITY,
        ToneKind.PUNCTUATION,
        ToneKind.NO_APOLOGY,
    ]
    assert report.verdict == "4 to fix (Dismissive, Swearing, Punctuation, No apology)."


def test_an_unknown_key_is_reported_at_its_line(tmp_path: Path) -> None:
    text = MINIMAL_RULES.replace(
        "      why: It brushes them off.\n", "      why: It brushes them off.\n      sugestion: x\n"
    )
    path = write_rules(tmp_path, text)
    (problem,) = problems_of(path)
    assert problem.startswith(f"{path}:{line_of(text, 'sugestion')}:7: ")
    assert "unknown key 'sugestion'" in problem


def test_a_bad_regular_expression_is_reported_at_its_line(tmp_path: Path) -> None:
    text = MINIMAL_RULES.replace("['your fault']", "['your (fault']")
    path = write_rules(tmp_path, text)
    (problem,) = problems_of(path)
    assert problem.startswith(f"{path}:{line_of(text, 'your (fault')}:")
    assert "not a valid regular expression" in problem


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("['calm down']", "['x*']", "matches empty text"),
        ("words: [damn]", "words: ['D@mn!']", "is not a word"),
        ("'{count} to fix ({kinds}).'", "'{count} to fix ({kind}).'", "unknown placeholder"),
        ("id: happy-now", "id: calm-down", "rule id 'calm-down' is used twice"),
        ("      patterns: ['happy now\\?']\n", "", "a rule needs 'patterns' or 'words'"),
    ],
)
def test_other_mistakes_are_reported_with_a_line(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    assert old in MINIMAL_RULES
    path = write_rules(tmp_path, MINIMAL_RULES.replace(old, new))
    problems = problems_of(path)
    assert any(message in p for p in problems), problems
    assert all(p.startswith(f"{path}:") and p.split(":")[1].isdigit() for p in problems)


def test_a_vocabulary_group_stands_for_each_of_its_words(tmp_path: Path) -> None:
    text = MINIMAL_RULES.replace(
        "verdict:\n", "vocabulary:\n  body: [feet, 'wrists?']\nverdict:\n", 1
    ).replace("['your fault']", "['your <body> (?:are|is) (?:too )?(?:wide|thick)']")
    checker = ToneChecker(load_tone_rules(write_rules(tmp_path, text)))
    for draft in ["Sorry, your feet are wide.", "Sorry, your wrist is too thick."]:
        assert [f.rule for f in checker.check(draft).findings] == ["your-fault"], draft
    assert checker.check("Sorry, your order is too thick.").ok


def test_an_unknown_vocabulary_group_is_reported_at_its_line(tmp_path: Path) -> None:
    text = MINIMAL_RULES.replace("['your fault']", "['your <bdy> fault']")
    path = write_rules(tmp_path, text)
    (problem,) = problems_of(path)
    assert problem.startswith(f"{path}:{line_of(text, '<bdy>')}:")
    assert "unknown vocabulary group <bdy>" in problem


def test_a_vocabulary_group_cannot_name_another(tmp_path: Path) -> None:
    text = MINIMAL_RULES.replace(
        "verdict:\n", "vocabulary:\n  a: [x]\n  b: ['<a> y']\nverdict:\n", 1
    )
    (problem,) = problems_of(write_rules(tmp_path, text))
    assert "cannot name a group" in problem


def test_without_complaint_signs_every_draft_needs_an_apology(tmp_path: Path) -> None:
    checker = ToneChecker(load_tone_rules(write_rules(tmp_path, MINIMAL_RULES)))
    assert [f.kind for f in checker.check("Your order shipped.").findings] == [ToneKind.NO_APOLOGY]


def test_a_missing_rules_file_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    (problem,) = problems_of(tmp_path / "nowhere.yaml")
    assert "cannot read" in problem


# --- The pattern conventions ---------------------------------------------------------------


def test_a_space_in_a_pattern_matches_any_whitespace() -> None:
    assert _widen_spaces("not my[ ]fault ?x") == r"not\s+my[ ]fault\s?x"
    matcher = Matcher(["not my fault"])
    draft = Draft("It is not\n my   fault.")
    assert list(matcher.spans(draft)) == [(6, 21)]


@pytest.mark.parametrize(
    ("draft", "found"),
    [
        ("you'll have to wait", True),
        ("youll have to wait", True),
        ("You\u2019ll have to wait", True),
        ("YOULL HAVE TO WAIT", True),
        ("you will have to wait", True),
        ("you all have to wait", False),
    ],
)
def test_a_contraction_in_a_pattern_also_matches_without_its_apostrophe(
    draft: str, found: bool
) -> None:
    matcher = Matcher(["you(?:'ll| will) have to wait"])
    assert bool(list(matcher.spans(Draft(draft)))) is found


def test_a_contraction_that_is_another_word_without_its_apostrophe_keeps_it() -> None:
    """ "we'll" must not match "well", "I'd" must not match "id", "he'll" must not match "hell"."""
    for pattern, other in [("we'll send", "well send"), ("I'd say", "id say"), ("he'll", "hell")]:
        assert list(Matcher([pattern]).spans(Draft(pattern))), pattern
        assert not list(Matcher([pattern]).spans(Draft(other))), other
    assert _optional_apostrophes("[^']+|don't") == "[^']+|don'?t"
    assert _optional_apostrophes("(?:I|we)(?:'re| are)") == "(?:I|we)(?:'re| are)"


def test_spreading_a_pattern_keeps_its_meaning() -> None:
    pattern = r"(?:the )?(?:post office|courier)(?:'s)? fault|(?:I|we) refuse"
    assert set(_spread(pattern)) >= {"post office(?:'s)? fault", "I refuse", "we refuse"}
    spread, whole = Matcher(_spread(pattern)), Matcher([pattern])
    for text in ["the courier's fault", "post office fault", "we refuse", "they refuse", "fault"]:
        assert list(spread.spans(Draft(text))) == list(whole.spans(Draft(text))), text


def test_a_leading_caret_means_the_start_of_a_sentence() -> None:
    matcher = Matcher(["^read the listing"])
    assert list(matcher.spans(Draft("Read the listing."))) == [(0, 16)]
    assert list(matcher.spans(Draft("Done. **Read the listing**"))) == [(8, 24)]
    assert list(matcher.spans(Draft("I re-read the listing."))) == []
    assert list(matcher.spans(Draft("Hi,\nread the listing"))) == [(4, 20)]


def test_words_match_disguises_but_never_inside_other_words() -> None:
    matcher = Matcher(words=["fuck*", "shit", "ass", "cunt", "hell"])
    for text in ["f*ck", "F**K", "fuuuck", "f#cking", "sh!t", "$hit", "@ss", "a$$", "hell"]:
        assert list(matcher.spans(Draft(f"what {text} now"))), text
    for text in ["class", "assess", "Scunthorpe", "shell", "hello", "shiitake", "passing"]:
        assert not list(matcher.spans(Draft(f"what {text} now"))), text


# --- Hostile input ---------------------------------------------------------------------------


def _hostile_drafts() -> list[str]:
    rng = random.Random(7)
    pieces = [
        "\U0001f600",
        "\U0001f92c",
        "**bold**",
        "__under__",
        "`code`",
        "```\nblock\n```",
        "<@123456789012345678>",
        "@everyone",
        "<#42>",
        "> quote\n",
        "\u200b",
        "\u202e",
        "\u0130",
        "\ufb03",
        "\x00",
        "\ud800",
        "NOT MY FAULT",
        "f*ck",
        "???!!!",
        "https://example.invalid/a?b=c",
        "\n\n",
        "'",
        "(",
        "[",
        "\\",
        "$$$",
    ]
    drafts = ["".join(rng.choice(pieces) for _ in range(1500))[:6000] for _ in range(5)]
    drafts += ["", " ", "\n", "!" * 6000, "A" * 6000, "a " * 3000, "\U0001f600" * 6000]
    return drafts


def test_hostile_input_never_breaks_the_checker(checker: ToneChecker) -> None:
    for draft in _hostile_drafts():
        report = checker.check(draft)
        assert isinstance(report.verdict, str)
        for finding in report.findings:
            assert 0 <= finding.start <= finding.end <= len(draft)
            assert draft[finding.start : finding.end] == finding.text
        json.dumps(report.to_dict())


def test_an_empty_draft_is_an_answer_without_an_apology(checker: ToneChecker) -> None:
    report = checker.check("")
    assert [f.kind for f in report.findings] == [ToneKind.NO_APOLOGY]
    assert (report.findings[0].start, report.findings[0].end) == (0, 0)
    assert checker.check("", complaint=False).ok


# --- Speed -----------------------------------------------------------------------------------


def _drafts_of(length: int, count: int) -> list[str]:
    rng = random.Random(1)
    pool = tone_cases.HOSTILE + tone_cases.KIND
    drafts = []
    for _ in range(count):
        text = ""
        while len(text) < length:
            text += rng.choice(pool) + " "
        drafts.append(text[:length])
    return drafts


def _cpu_seconds(checker: ToneChecker, drafts: list[str]) -> float:
    """The least processor time of three rounds over ``drafts`` (the least is the one least
    disturbed by other work on the machine)."""
    rounds = []
    for _ in range(3):
        started = time.process_time()
        for draft in drafts:
            checker.check(draft)
        rounds.append(time.process_time() - started)
    return min(rounds)


@pytest.mark.parametrize(
    "piece",
    [
        None,  # drafts made of the corpus
        "a ",
        "you ",
        "I'm sorry you ",
        "the address you gave ",
        "(",
        "!?",
    ],
)
def test_the_time_of_a_check_grows_in_line_with_the_draft(
    checker: ToneChecker, piece: str | None
) -> None:
    """Eight times the text takes about eight times as long, never the square of it: no rule
    may backtrack over the whole draft. (How fast a check is, is measured by the bench.)"""

    def drafts(length: int) -> list[str]:
        if piece is None:
            return _drafts_of(length, 8)
        return [(piece * (length // len(piece) + 1))[:length]] * 8

    checker.check(drafts(500)[0])
    short, long = _cpu_seconds(checker, drafts(500)), _cpu_seconds(checker, drafts(4000))
    assert long < 24 * max(short, 1e-4), (short, long)


# --- The corpus ------------------------------------------------------------------------------

SETS = {
    "dev": (tone_cases.HOSTILE_DEV, tone_cases.KIND_DEV),
    "held-out": (tone_cases.HOSTILE_HELD_OUT, tone_cases.KIND_HELD_OUT),
    **{name: drafts for name, drafts in TRAINING_SETS.items() if name != "first"},
    **HELD_OUT_SETS,
    "all": (
        [
            t
            for sets in (TRAINING_SETS, HELD_OUT_SETS)
            for hostile, _ in sets.values()
            for t in hostile
        ],
        [t for sets in (TRAINING_SETS, HELD_OUT_SETS) for _, warm in sets.values() for t in warm],
    ),
}
STRICT_SETS = {"dev2", "dev3", "dev4", *HELD_OUT_SETS}


def test_the_corpus_is_big_enough() -> None:
    for name in STRICT_SETS:
        hostile, warm = SETS[name]
        assert len(hostile) >= 60 and len(warm) >= 60, name
    hostile, kind = SETS["all"]
    assert len(hostile) >= 80 and len(kind) >= 80
    assert len(set(hostile)) == len(hostile) and len(set(kind)) == len(kind)
    assert not set(hostile) & set(kind)


@pytest.mark.parametrize("name", list(SETS))
def test_recall_and_false_positives_on_the_corpus(checker: ToneChecker, name: str) -> None:
    hostile, kind = SETS[name]
    missed = [d for d in hostile if checker.check(d).ok]
    by_phrase = [
        d for d in hostile if kinds(checker.check(d)) - {ToneKind.NO_APOLOGY, ToneKind.COLD}
    ]
    wrongly = [d for d in kind if not checker.check(d).ok]
    recall = 1 - len(missed) / len(hostile)
    phrase_recall = len(by_phrase) / len(hostile)
    false_positives = len(wrongly) / len(kind)
    strict = name in STRICT_SETS
    assert recall >= (STRICT_RECALL_BAR[name] if strict else RECALL_BAR), missed
    assert phrase_recall >= PHRASE_RECALL_BAR.get(name, RECALL_BAR), "the phrase rules alone"
    assert false_positives <= (STRICT_FALSE_POSITIVE_BAR[name] if strict else FALSE_POSITIVE_BAR), (
        wrongly
    )


def test_the_rules_do_not_copy_the_corpus(rules: ToneRules) -> None:
    """The rules describe habits: no pattern may contain a whole sentence of the corpus.

    A few stock phrases belong to the language rather than to one set: later sets, written
    without reading the rules, use some that a rule gives as its example."""
    texts = [
        text.lower()
        for _, kind_rules in rules.pattern_kinds()
        for rule in kind_rules.rules
        for text in [*rule.patterns, *rule.flags, *rule.passes]
    ]
    hostile, kind = SETS["all"]
    for sentence in hostile + kind:
        if sentence not in STOCK_PHRASES:
            assert not any(sentence.lower() in text for text in texts), sentence


#: Phrases any seller might write, which both a rule's example and a corpus hold.
STOCK_PHRASES = {
    "No.",
    "Can't do that.",
    "Sorry you feel that way.",
    "I'm sorry you feel that way.",
}


def test_the_model_and_the_missing_apology_never_mark_the_same_words(
    checker: ToneChecker,
) -> None:
    hostile, kind = SETS["all"]
    for draft in hostile + kind:
        findings = checker.check(draft).findings
        cold = [f for f in findings if f.kind is ToneKind.COLD]
        unapologetic = [f for f in findings if f.kind is ToneKind.NO_APOLOGY]
        for a in cold:
            assert not any(a.start < b.end and b.start < a.end for b in unapologetic), draft


# --- The command line ------------------------------------------------------------------------


def run_cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "bot", "tone", *args],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        env=env,
        timeout=60,
        check=False,
    )


def test_cli_flags_a_hostile_draft_given_as_an_argument() -> None:
    result = run_cli("It's not my fault the post office lost it.")
    assert result.returncode == 1, result.stderr
    assert result.stdout.startswith("Not yet: soften 2 spot(s)")
    assert '1. Blame or defensiveness: "not my fault"' in result.stdout
    assert "Why: " in result.stdout and "Kinder: " in result.stdout


def test_cli_passes_a_kind_draft_read_from_stdin() -> None:
    result = run_cli(stdin="I'm so sorry it's late! I'll refund the postage today.\n")
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip() == "Reads kind and calm. Good to send."


def test_cli_json() -> None:
    result = run_cli("--json", stdin="WHY WOULD I REFUND THAT")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["ok"] is False
    assert [f["kind"] for f in data["findings"]] == ["shouting", "no-apology"]
    assert data["findings"][0]["text"] == "WHY WOULD I REFUND THAT"
    ok = json.loads(run_cli("--json", "Thank you so much, it's on its way!").stdout)
    assert ok == {"ok": True, "verdict": "Reads kind and calm. Good to send.", "findings": []}


def test_cli_tells_a_complaint_from_the_draft_unless_told() -> None:
    assert run_cli("Your order shipped today.").returncode == 0
    assert run_cli("--complaint", "Your order shipped today.").returncode == 1
    assert run_cli("Tracking says delivered on Monday.").returncode == 1
    assert run_cli("--no-complaint", "Tracking says delivered on Monday.").returncode == 0


def test_cli_reports_an_unreadable_rules_file(tmp_path: Path) -> None:
    path = write_rules(tmp_path, MINIMAL_RULES.replace("['your fault']", "['your (fault']"))
    result = run_cli("--rules", str(path), "Hello")
    assert result.returncode == 2
    assert result.stdout == ""
    line = line_of(MINIMAL_RULES, "your fault")
    assert result.stderr.startswith(f"{path}:{line}:")
    assert "not a valid regular expression" in result.stderr


#: Details that belong to one particular case: a kinder version that names one of them fits
#: some drafts and reads wrong beside others.
CASE_DETAILS = re.compile(
    r"\d|\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|june|"
    r"size|sizes|colou?rs?|measurements|address|mug|print|hooks|ears|batch|customs|strike|"
    r"weeks?|ml)\b",
    re.IGNORECASE,
)


def test_every_kinder_version_fits_any_draft_and_passes_the_check(
    rules: ToneRules, checker: ToneChecker
) -> None:
    """The kinder version shown beside a flagged phrase is said in general words (no date,
    size, product or number of its own), and is itself kind."""
    for _, kind_rules in rules.pattern_kinds():
        for rule in kind_rules.rules:
            quoted = re.findall(r"\"([^\"]+)\"", rule.suggestion)
            for sentence in quoted:
                assert not CASE_DETAILS.search(sentence), (rule.id, sentence)
                if len(sentence.split()) >= 4:
                    report = checker.check(sentence)
                    flagged = [f.kind for f in report.findings if f.kind is not ToneKind.NO_APOLOGY]
                    assert not flagged, (rule.id, sentence, flagged)
