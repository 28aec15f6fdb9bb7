"""The tone checker: a second pair of eyes on a draft reply before the seller presses send.

Sellers under stress write replies that get defensive, blame the customer or the post office,
shout, swear or turn sarcastic. :class:`ToneChecker` reads a draft and returns a
:class:`ToneReport`: a short verdict and a list of :class:`Finding`, each naming the kind of
problem, the exact span of text (character offsets into the draft, so ``text ==
draft[start:end]``), why it hurts, and a kinder way to say it.

What the checker knows is data, not code: phrases, patterns and suggested rewrites live in
``playbooks/tone/en.yaml``, validated by the :class:`ToneRules` models below (and by the JSON Schema
generated from them) so that the community can improve them by pull request. Everything is
compiled once, when the checker is built; a check reads the draft in one shared pass.

How patterns are written and matched is described in :mod:`bot.core.tone_patterns`.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from bot.core import safe_yaml
from bot.core.loader import read_text, shipped_playbooks_dir
from bot.core.models import Label, Slug
from bot.core.safe_yaml import DocumentError, Problem
from bot.core.tone_model import Opinion, ToneModel, load_tone_model, model_path
from bot.core.tone_patterns import Draft, Matcher, MatcherSet, check_pattern

log = logging.getLogger(__name__)

MAX_ADVICE = 500
MAX_PATTERN = 1000


class ToneKind(StrEnum):
    """The kinds of problem the checker reports."""

    BLAME = "blame"
    """Blame or defensiveness: "not my fault", "it's the post office's fault"."""
    ACCUSING = "accusing"
    """Accusing the customer: "you should have read the listing", "your fault"."""
    DISMISSIVE = "dismissive"
    """Brushing the customer off: "calm down", "not my problem", "as I already said"."""
    SARCASM = "sarcasm"
    """Sarcasm and non-apologies: "happy now?", "sorry you feel that way"."""
    PROFANITY = "profanity"
    """Swearing and insults, also when disguised ("f*ck", "sh!t")."""
    SHOUTING = "shouting"
    """A run of words in capitals."""
    PUNCTUATION = "punctuation"
    """A pile of exclamation or question marks."""
    POLICY = "policy"
    """Hiding behind policy: "as per our policy, no refunds", "policy is policy"."""
    NO_APOLOGY = "no-apology"
    """An answer to a complaint with no apology and no thanks at all."""
    COLD = "cold"
    """A draft that reads as cold, defensive or passive-aggressive as a whole, though no rule
    names a phrase of it (the learned model's opinion, shown at its coldest sentence)."""


# --- The rules file -------------------------------------------------------------------------


_WORD = re.compile(r"^[a-z]+(?:[ '-][a-z]+)*\*?$")


def _valid_word(word: str) -> str:
    if not _WORD.match(word):
        raise ValueError(
            f"{word!r} is not a word: use lower-case letters (a trailing * allows any ending)"
        )
    return word


_BRACED = re.compile(r"\{([^{}]*)\}")


def _only_placeholders(*allowed: str) -> AfterValidator:
    def check(text: str) -> str:
        for name in _BRACED.findall(text):
            if name not in allowed:
                known = ", ".join(f"{{{a}}}" for a in allowed) or "none"
                raise ValueError(f"unknown placeholder {{{name}}}; allowed here: {known}")
        return text

    return AfterValidator(check)


#: The name of a vocabulary group, used in patterns as ``<name>``.
GroupName = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z_]*$", max_length=40)]
_GROUP_REFERENCE = re.compile(r"(?<!\(\?P)<([a-z][a-z_]*)>")

#: A regular expression, written by the conventions of :mod:`bot.core.tone_patterns`.
Pattern = Annotated[
    str,
    StringConstraints(min_length=1, max_length=MAX_PATTERN),
    AfterValidator(check_pattern),
]
#: A word to flag wherever it stands alone, including disguised spellings ("f*ck", "sh!t").
Word = Annotated[str, StringConstraints(min_length=2, max_length=40), AfterValidator(_valid_word)]
#: Why a phrase hurts, or a kinder way to say it.
Advice = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_ADVICE),
    _only_placeholders(),
]
#: A short draft used as an example of what a rule must or must not flag.
Example = Annotated[str, StringConstraints(min_length=1, max_length=MAX_ADVICE)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Rule(_Strict):
    """One habit to catch: patterns (or words) that show it, exceptions, and the advice."""

    id: Slug = Field(description="kebab-case, unique in the file; shown in JSON output as 'rule'.")
    patterns: list[Pattern] = Field(
        default_factory=list,
        description="Regular expressions (case-insensitive; a space matches any whitespace; "
        "a leading ^ means at the start of a sentence).",
    )
    words: list[Word] = Field(
        default_factory=list,
        description="Single words, also matched when disguised with * # @ $ ! or digits; "
        "a trailing * allows any ending ('fuck*').",
    )
    unless_within: list[Pattern] = Field(
        default_factory=list,
        description="Kind phrases: a match that overlaps one of these is not a problem "
        "('not your fault' saves 'your fault').",
    )
    unless_sentence: list[Pattern] = Field(
        default_factory=list,
        description="Kind context: a match is not a problem when its sentence also matches one "
        "of these ('our policy is 14 days, but I'm happy to...').",
    )
    whole_words: bool = Field(
        default=True, description="A match must not start or end inside a word."
    )
    case_sensitive: bool = Field(
        default=False, description="Match letter case exactly (e.g. an emphatic 'YOU')."
    )
    why: Advice = Field(description="Why it hurts, in one or two sentences.")
    suggestion: Advice = Field(description="A kinder way to say it.")
    flags: list[Example] = Field(
        default_factory=list, description="Drafts this rule must flag (checked by the tests)."
    )
    passes: list[Example] = Field(
        default_factory=list,
        description="Kind drafts this rule must not flag (checked by the tests).",
    )

    @model_validator(mode="after")
    def _something_to_match(self) -> Rule:
        if not self.patterns and not self.words:
            raise ValueError("a rule needs 'patterns' or 'words'")
        return self


class KindRules(_Strict):
    """The rules of one kind of problem."""

    label: Label = Field(description="Short name shown to the seller, e.g. 'Blame'.")
    rules: list[Rule] = Field(min_length=1)


class ShoutingRules(_Strict):
    """Shouting: a run of words written in capitals."""

    label: Label
    min_words: int = Field(
        default=2, ge=1, le=20, description="How many words in capitals in a row make a shout."
    )
    scattered_words: int = Field(
        default=2,
        ge=0,
        le=20,
        description="How many single words in capitals, anywhere in the draft, also make a "
        "shout ('I SAID Friday and I DID'); 0 turns this off.",
    )
    acronyms: list[Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Z&]*$")]] = Field(
        default_factory=list,
        description="Words that are normally written in capitals (UK, USPS, PDF, OK, ID...). "
        "Words with digits (order numbers) and single letters are always ignored.",
    )
    allow: list[Pattern] = Field(
        default_factory=list,
        description="Warm phrases that may be written in capitals ('THANK YOU SO MUCH').",
    )
    why: Advice
    suggestion: Annotated[
        str,
        StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_ADVICE),
        _only_placeholders("calm"),
    ] = Field(description="A kinder way to say it; {calm} is the shout in ordinary case.")
    flags: list[Example] = Field(default_factory=list)
    passes: list[Example] = Field(default_factory=list)


class NoApologyRules(_Strict):
    """An answer to a complaint needs at least one apology, thanks or acknowledgement."""

    label: Label
    complaint_signs: list[Pattern] = Field(
        default_factory=list,
        description="What shows that a draft answers a complaint: a problem named (broken, "
        "late, missing, wrong), a refund or a return, a refusal. A draft with none of these "
        "(an order confirmation, a shipped notice, a check-in, a thank-you) needs no apology "
        "unless the caller says it answers a complaint. Empty: every draft needs one.",
    )
    acknowledgements: list[Pattern] = Field(
        min_length=1,
        description="Apologies, thanks, words of understanding and warm offers of help; one "
        "is enough.",
    )
    unless_within: list[Pattern] = Field(
        default_factory=list,
        description="Phrases that look like an acknowledgement but are not ('not sorry').",
    )
    why: Advice
    suggestion: Advice
    flags: list[Example] = Field(default_factory=list)
    passes: list[Example] = Field(default_factory=list)


class OverallRules(_Strict):
    """What the seller reads when the learned model finds the whole draft cold.

    The model (``<language>-model.json`` next to the rules) catches fresh wording of the habits
    the rules know; without this section it is not used.
    """

    label: Label
    why: Advice
    suggestion: Advice


class Verdicts(_Strict):
    """The one-line summary of a check."""

    ok: Advice = Field(description="Shown when nothing was found.")
    not_ok: Annotated[
        str,
        StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_ADVICE),
        _only_placeholders("count", "kinds"),
    ] = Field(
        description="Shown when something was found; {count} is the number of findings, "
        "{kinds} the labels of their kinds."
    )


class ToneRules(_Strict):
    """What the tone checker knows, for one language; ``playbooks/tone/<language>.yaml``."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        json_schema_extra={"$id": "https://seller-coach.invalid/tone.schema.json"},
        title="Seller Coach tone rules",
    )

    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(?:-[A-Z]{2})?$")] = Field(
        description="The language of the drafts these rules read, e.g. 'en'."
    )
    vocabulary: dict[GroupName, Annotated[list[Pattern], Field(min_length=1)]] = Field(
        default_factory=dict,
        description="Named groups of words or phrases that play one part in a sentence (the "
        "customer's body, a piece of shop information, a feeling). A pattern uses a group as "
        "<name>, so one frame ('your <body> is <comparison>') covers every word of the group.",
    )
    verdict: Verdicts
    blame: KindRules
    accusing: KindRules
    dismissive: KindRules
    sarcasm: KindRules
    profanity: KindRules
    policy: KindRules
    punctuation: KindRules
    shouting: ShoutingRules
    no_apology: NoApologyRules
    overall: OverallRules | None = Field(
        default=None,
        description="The advice shown when the learned model finds that the draft as a whole "
        "reads cold; without it, the model is not used.",
    )

    def pattern_kinds(self) -> Iterator[tuple[ToneKind, KindRules]]:
        """The kinds found by patterns, in the order they are checked."""
        for kind in _PATTERN_KINDS:
            yield kind, getattr(self, kind.value)

    def label(self, kind: ToneKind) -> str:
        """The seller-facing name of ``kind``."""
        if kind is ToneKind.SHOUTING:
            return self.shouting.label
        if kind is ToneKind.NO_APOLOGY:
            return self.no_apology.label
        if kind is ToneKind.COLD:
            return self.overall.label if self.overall else "Cold overall"
        return getattr(self, kind.value).label


_PATTERN_KINDS = (
    ToneKind.PROFANITY,
    ToneKind.ACCUSING,
    ToneKind.BLAME,
    ToneKind.DISMISSIVE,
    ToneKind.SARCASM,
    ToneKind.POLICY,
    ToneKind.PUNCTUATION,
)


#: Kinds about how the text looks rather than what it says; a "SORRY" in capitals still counts.
_LAYOUT_KINDS = frozenset({ToneKind.SHOUTING, ToneKind.PUNCTUATION})


def default_rules_path() -> Path:
    """The shipped English rules, next to the playbooks."""
    return shipped_playbooks_dir() / "tone" / "en.yaml"


def load_tone_rules(path: Path | None = None) -> ToneRules:
    """Read and validate a tone rules file (default: the shipped English one).

    Raises :class:`~bot.core.safe_yaml.DocumentError` with ``path:line:col`` problems.
    """
    path = path or default_rules_path()
    text = read_text(path)
    rules = safe_yaml.read_model(ToneRules, str(path), text)
    repeated, unknown = list(_repeated_rule_ids(rules)), list(_unknown_groups(rules))
    if repeated or unknown:  # read again the careful way, which says where each one is
        document = safe_yaml.parse(str(path), text)
        problems = [
            document.problem((*where, "id"), f"rule id '{rule_id}' is used twice")
            for where, rule_id in repeated
        ]
        problems += [document.problem(where, message) for where, message in unknown]
        raise DocumentError(problems)
    log.debug(
        "read %d tone rules (%s) from %s", sum(1 for _ in _rule_ids(rules)), rules.language, path
    )
    return rules


def load_tone_model_for(path: Path | None = None) -> ToneModel | None:
    """The learned model next to a rules file (default: the shipped English one), or ``None``
    when there is none. Raises :class:`DocumentError` when the file is there but unreadable."""
    file = model_path(path or default_rules_path())
    if not file.exists():
        return None
    try:
        return load_tone_model(file)
    except (OSError, ValueError) as error:
        raise DocumentError([Problem(str(file), 1, 1, f"not a tone model: {error}")]) from None


def load_tone_checker(path: Path | None = None, *, compile_all: bool = True) -> ToneChecker:
    """A checker for a rules file (default: the shipped English one) and the learned model
    beside it; raises :class:`DocumentError` like :func:`load_tone_rules`."""
    rules = load_tone_rules(path)
    model = load_tone_model_for(path) if rules.overall else None
    return ToneChecker(rules, model=model, compile_all=compile_all)


def _rule_ids(rules: ToneRules) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Where each rule stands in the file, and its id."""
    for kind, kind_rules in rules.pattern_kinds():
        for index, rule in enumerate(kind_rules.rules):
            yield (kind.value, "rules", index), rule.id


def _patterns(rules: ToneRules) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Where each pattern stands in the file, and the pattern."""
    for kind, kind_rules in rules.pattern_kinds():
        for index, rule in enumerate(kind_rules.rules):
            for key in ("patterns", "unless_within", "unless_sentence"):
                for number, pattern in enumerate(getattr(rule, key)):
                    yield (kind.value, "rules", index, key, number), pattern
    for number, pattern in enumerate(rules.shouting.allow):
        yield ("shouting", "allow", number), pattern
    for key in ("complaint_signs", "acknowledgements", "unless_within"):
        for number, pattern in enumerate(getattr(rules.no_apology, key)):
            yield ("no_apology", key, number), pattern


def _unknown_groups(rules: ToneRules) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Patterns that name a vocabulary group the file does not define, and groups that name
    groups (a group is a plain list of words and phrases)."""
    known = ", ".join(f"<{name}>" for name in rules.vocabulary) or "none"
    for where, pattern in _patterns(rules):
        for name in _GROUP_REFERENCE.findall(pattern):
            if name not in rules.vocabulary:
                yield where, f"unknown vocabulary group <{name}>; defined: {known}"
    for name, entries in rules.vocabulary.items():
        for number, entry in enumerate(entries):
            if _GROUP_REFERENCE.search(entry):
                yield ("vocabulary", name, number), "a vocabulary entry cannot name a group"


def expand_groups(pattern: str, vocabulary: dict[str, list[str]]) -> str:
    """``pattern`` with each ``<name>`` replaced by its vocabulary group, longest entries first
    (so that "run off my feet" is preferred to "run")."""

    def group(found: re.Match[str]) -> str:
        entries = vocabulary.get(found.group(1))
        if entries is None:
            raise ValueError(f"unknown vocabulary group <{found.group(1)}>")
        return "(?:" + "|".join(sorted(entries, key=len, reverse=True)) + ")"

    return _GROUP_REFERENCE.sub(group, pattern)


def _repeated_rule_ids(rules: ToneRules) -> Iterator[tuple[tuple[str | int, ...], str]]:
    seen: set[str] = set()
    for where, rule_id in _rule_ids(rules):
        if rule_id in seen:
            yield where, rule_id
        seen.add(rule_id)


# --- Reports --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in a draft, at ``draft[start:end]`` (``text`` is that slice).

    Offsets count Unicode code points (Python string indices); ``rule`` names the rule that
    found it, so a contributor can find it in the rules file.
    """

    kind: ToneKind
    start: int
    end: int
    text: str
    why: str
    suggestion: str
    rule: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "why": self.why,
            "suggestion": self.suggestion,
            "rule": self.rule,
        }


@dataclass(frozen=True, slots=True)
class ToneReport:
    """The result of a check: ``ok`` when nothing was found, a one-line verdict, the findings."""

    ok: bool
    verdict: str
    findings: tuple[Finding, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "verdict": self.verdict,
            "findings": [finding.to_dict() for finding in self.findings],
        }


# --- The checker ----------------------------------------------------------------------------

_TOKEN = re.compile(r"\w+(?:'\w+)*")
_CAPITAL = re.compile(r"[A-Z]")
_LETTER = re.compile(r"[^\W\d_]")


def _capitalised_words(text: str) -> Iterator[tuple[int, int]]:
    """The spans of the words with a capital letter in them (found from the capitals, which
    are few, rather than by reading every word)."""
    search = _CAPITAL.search
    found = search(text)
    while found is not None:
        capital = found.start()
        start = capital
        while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_'"):
            start -= 1
        token = _TOKEN.match(text, start)
        if token is None or token.end() <= capital:  # "ab''CD": the word starts at the capital
            start, token = capital, _TOKEN.match(text, capital)
        end = max(token.end() if token else 0, capital + 1)
        yield start, end
        found = search(text, end)


@dataclass(frozen=True, slots=True)
class _Compiled:
    kind: ToneKind
    id: str
    matcher: Matcher
    unless_within: Matcher
    unless_sentence: Matcher
    why: str
    suggestion: str


def _compile_rule(kind: ToneKind, rule: Rule, vocabulary: dict[str, list[str]]) -> _Compiled:
    def expanded(patterns: list[str]) -> list[str]:
        return [expand_groups(pattern, vocabulary) for pattern in patterns]

    return _Compiled(
        kind=kind,
        id=rule.id,
        matcher=Matcher(
            expanded(rule.patterns),
            words=rule.words,
            whole_words=rule.whole_words,
            case_sensitive=rule.case_sensitive,
        ),
        unless_within=Matcher(expanded(rule.unless_within)),
        unless_sentence=Matcher(expanded(rule.unless_sentence)),
        why=rule.why,
        suggestion=rule.suggestion,
    )


class ToneChecker:
    """Checks drafts against one set of :class:`ToneRules`; build once, check many times.

    The checker holds only compiled, read-only state, so one instance can serve every request.
    Building it compiles every pattern (a few hundred milliseconds); with ``compile_all=False``
    the expressions of single rules are compiled the first time they are needed instead, which
    suits a command that checks one draft and exits.
    """

    def __init__(
        self, rules: ToneRules, *, model: ToneModel | None = None, compile_all: bool = True
    ) -> None:
        self.rules = rules
        self._model = model if rules.overall else None
        vocabulary = dict(rules.vocabulary)

        def expanded(patterns: list[str]) -> list[str]:
            return [expand_groups(pattern, vocabulary) for pattern in patterns]

        self._rules = [
            _compile_rule(kind, rule, vocabulary)
            for kind, kind_rules in rules.pattern_kinds()
            for rule in kind_rules.rules
        ]
        shouting = rules.shouting
        self._acronyms = frozenset(shouting.acronyms)
        self._shout_allow = Matcher(expanded(shouting.allow))
        no_apology = rules.no_apology
        self._not_ack = Matcher(expanded(no_apology.unless_within))
        self._reads_complaint = bool(no_apology.complaint_signs)
        # One pass over the draft finds every rule's matches, the acknowledgements and the
        # signs of a complaint (the last two matchers).
        self._scanner = MatcherSet(
            [
                *(rule.matcher for rule in self._rules),
                Matcher(expanded(no_apology.acknowledgements)),
                Matcher(expanded(no_apology.complaint_signs)),
            ],
            compile_all=compile_all,
        )

    def check(self, draft: str, *, complaint: bool | None = None) -> ToneReport:
        """Read ``draft`` and report what would hurt.

        An answer to a complaint needs at least one apology, thanks or acknowledgement, unless
        the learned model reads it as plainly warm (and the caller did not say it answers one).
        ``complaint`` says whether the draft is one; ``None`` (the default) lets the draft tell:
        it is one when it names a problem, a refund or a refusal (the rules'
        ``complaint_signs``), so an order confirmation or a shipped notice needs no apology.
        With a learned model, a draft that reads cold as a whole gets one more finding, at its
        coldest sentence, unless a rule already found something there (not asked of a draft
        the caller says answers no complaint).
        Findings come in the order of the text, and a missing apology (which concerns the whole
        draft, shown at its first sentence) comes last.
        """
        text = Draft(draft)
        found, acknowledgements, signs = self._pattern_findings(text)
        found = _without_repeats([*found, *self._shouts(text)])
        told = complaint  # what the caller said, before the draft is read for it
        if complaint is None:
            complaint = signs or not self._reads_complaint or not text.text.strip()
        # The model learned from answers to complaints: only a caller's explicit word that the
        # draft answers none (a shipped notice) leaves it to the rules alone, and a draft the
        # caller says answers a complaint needs its apology however warm it reads.
        model = self._model
        opinion = (
            None if model is None or told is False else model.opinion(text.text, text.sentences())
        )
        acknowledged = (
            not complaint
            or self._acknowledges(text, acknowledgements, found)
            or (opinion is not None and opinion.warm and told is None)
        )
        first = text.first_sentence()
        cold = self._cold(opinion, found, None if acknowledged else first)
        if cold:
            found = _without_repeats([*found, cold])
        if not acknowledged:
            start, end = first
            rules = self.rules.no_apology
            found.append(
                Finding(
                    ToneKind.NO_APOLOGY, start, end, "", rules.why, rules.suggestion, "no-apology"
                )
            )
        findings = tuple(
            Finding(f.kind, f.start, f.end, draft[f.start : f.end], f.why, f.suggestion, f.rule)
            for f in found
        )
        return ToneReport(not findings, self._verdict(findings), findings)

    def _cold(
        self, opinion: Opinion | None, found: list[Finding], unapologetic: tuple[int, int] | None
    ) -> Finding | None:
        """The learned model's finding, when it reads the draft cold and no finding of a rule,
        nor the missing apology (shown at ``unapologetic``), is on its coldest sentence yet."""
        overall = self.rules.overall
        if opinion is None or overall is None or opinion.coldest is None:
            return None
        start, end = opinion.coldest
        taken = [(f.start, f.end) for f in found]
        if unapologetic:
            taken.append(unapologetic)
        if any(s < end and start < e for s, e in taken):
            return None
        return Finding(ToneKind.COLD, start, end, "", overall.why, overall.suggestion, "overall")

    def _pattern_findings(self, text: Draft) -> tuple[list[Finding], list[tuple[int, int]], bool]:
        """What the rules find, where the draft apologises, thanks or acknowledges, and whether
        it shows a sign of answering a complaint."""
        found: list[Finding] = []
        acknowledgements: list[tuple[int, int]] = []
        signs = False
        exceptions: dict[tuple[int, tuple[int, int]], tuple[list[tuple[int, int]], bool]] = {}
        for index, start, end in self._scanner.spans(text):
            if index == len(self._rules):
                acknowledgements.append((start, end))
                continue
            if index > len(self._rules):
                signs = True
                continue
            rule = self._rules[index]
            if rule.unless_within or rule.unless_sentence:
                sentence = text.sentence_around(start, end)
                key = (index, sentence)
                if key not in exceptions:  # once per rule and sentence, however many matches
                    exceptions[key] = (
                        list(rule.unless_within.spans(text, *sentence)),
                        rule.unless_sentence.search(text, *sentence),
                    )
                kind_phrases, kind_sentence = exceptions[key]
                if kind_sentence or any(s < end and start < e for s, e in kind_phrases):
                    continue
            found.append(Finding(rule.kind, start, end, "", rule.why, rule.suggestion, rule.id))
        return found, acknowledgements, signs

    def _shouts(self, draft: Draft) -> Iterator[Finding]:
        """Words in capitals: runs of them, or several scattered over the draft.

        Acronyms, single letters and words with digits (order numbers) neither count nor break
        a run; warm phrases from ``allow`` ("THANK YOU") do not count.
        """
        rules = self.rules.shouting
        text = draft.text
        scattered: list[tuple[int, int]] = []
        for run in self._capital_runs(text):
            loud = self._loud(draft, run)
            if len(loud) >= rules.min_words:
                yield self._shout(draft, loud[0][0], loud[-1][1])
            else:
                scattered.extend(loud)
        if rules.scattered_words and len(scattered) >= rules.scattered_words:
            for start, end in scattered:
                yield self._shout(draft, start, end)

    def _capital_runs(self, text: str) -> Iterator[list[tuple[int, int]]]:
        """Runs of words in capitals, broken by any word that is not."""
        run: list[tuple[int, int]] = []
        last = 0
        for start, end in _capitalised_words(text):
            if run and _LETTER.search(text, last, start):  # a word without capitals between
                yield run
                run = []
            last = end
            word = text[start:end]
            if any(c.isdigit() for c in word) or word.replace("'", "") in self._acronyms:
                continue
            if word.isupper():
                if sum(c.isalpha() for c in word) >= 2:
                    run.append((start, end))
                continue
            if run:
                yield run
            run = []
        if run:
            yield run

    def _loud(self, draft: Draft, run: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """The words of ``run`` that are not part of a warm phrase."""
        allowed = list(self._shout_allow.spans(draft, run[0][0], run[-1][1]))
        return [w for w in run if not any(a <= w[0] and w[1] <= b for a, b in allowed)]

    def _shout(self, draft: Draft, start: int, end: int) -> Finding:
        rules = self.rules.shouting
        suggestion = rules.suggestion.replace("{calm}", self._calm(draft, start, end))
        return Finding(ToneKind.SHOUTING, start, end, "", rules.why, suggestion, "shouting")

    def _calm(self, draft: Draft, start: int, end: int) -> str:
        """The shouted words in ordinary case (acronyms and "I" kept)."""

        def lower(token: re.Match[str]) -> str:
            word = token.group()
            if word in self._acronyms or any(c.isdigit() for c in word):
                return word
            if word == "I" or word.startswith("I'"):
                return "I" + word[1:].lower()
            return word.lower()

        calm = _TOKEN.sub(lower, draft.text[start:end])
        return calm[:1].upper() + calm[1:] if draft.starts_sentence(start) else calm

    def _acknowledges(
        self, text: Draft, acknowledgements: list[tuple[int, int]], found: list[Finding]
    ) -> bool:
        """True when the draft apologises, thanks or acknowledges, other than sarcastically
        ("thanks for nothing") or in the negative ("I don't appreciate")."""
        phrases = [f for f in found if f.kind not in _LAYOUT_KINDS]
        for start, end in acknowledgements:
            if any(f.start < end and start < f.end for f in phrases):
                continue
            if self._not_ack.overlaps(text, text.sentence_around(start, end), start, end):
                continue
            return True
        return False

    def _verdict(self, findings: tuple[Finding, ...]) -> str:
        verdict = self.rules.verdict
        if not findings:
            return verdict.ok
        kinds = list(dict.fromkeys(f.kind for f in findings))
        labels = ", ".join(self.rules.label(kind) for kind in kinds)
        return verdict.not_ok.replace("{count}", str(len(findings))).replace("{kinds}", labels)


def _without_repeats(found: list[Finding]) -> list[Finding]:
    """Sort findings by position; of overlapping findings of one kind keep the first, longest."""
    ordered = sorted(found, key=lambda f: (f.start, -f.end))
    kept: list[Finding] = []
    last_end: dict[ToneKind, int] = {}
    for finding in ordered:
        if finding.start < last_end.get(finding.kind, -1):
            continue
        kept.append(finding)
        last_end[finding.kind] = max(last_end.get(finding.kind, -1), finding.end)
    return kept
