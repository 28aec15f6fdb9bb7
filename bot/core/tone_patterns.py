"""How the tone rules' patterns are written, and how they are matched quickly.

The conventions contributors write patterns in (``playbooks/tone/en.yaml`` repeats them):

* a pattern is a Python regular expression, matched case-insensitively unless its rule says
  ``case_sensitive: true``;
* a plain space matches any run of whitespace, line breaks included;
* a leading ``^`` means the match must begin a sentence (or a line);
* drafts are read with typographic quotes made straight (``’`` becomes ``'``);
* the apostrophe of a contraction is optional (``you'll`` also matches "youll", ``can't``
  "cant"), except where the word without it is another word (``we'll``/"well", ``I'd``/"id");
* with whole words (the default) a match never starts or ends inside a word, so ``ass`` never
  matches "class" and ``cunt`` never matches "Scunthorpe".

Speed: Python's ``re`` can only skip quickly through a text to the places where a match may begin
when a pattern is case-sensitive and starts with a literal, and it tries the branches of an
alternation one by one. So:

* patterns are matched against a lower-cased copy of the draft (of the same length, so offsets
  hold) with their own letters lower-cased;
* the checks at the start of a match (inside a word? at the start of a sentence?) are made in
  Python, on the few candidates a regular expression finds, not with look-behinds;
* leading groups are spread out (``(?:I|we) refuse`` becomes ``I refuse|we refuse``) and the
  branches that start with a literal are merged into a trie (``you(?:'re wrong| people)``);
* a :class:`MatcherSet` reads the tries of all the rules in one pass and lets each rule
  confirm only where something was found.

Start a pattern with a word, not with an optional group, to keep it fast.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator

#: Typographic characters read as their plain equivalent; one character for one, so offsets hold.
_PLAIN = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u02bc": "'",
        "\u00b4": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u00a0": " ",
        "\u2007": " ",
        "\u202f": " ",
        "\uff01": "!",
        "\uff1f": "?",
    }
)
_NOT_PLAIN = re.compile("[" + "".join(chr(c) for c in _PLAIN) + "]")
_SENTENCE_END = re.compile(r"[.!?\u2026]+[\"')\]]*(?=\s|$)|\n")
_SENTENCE_MARKS = ".!?\u2026:;\n"
#: Characters that may stand between a sentence's end and its first word (markdown, quotes).
_LEADING_MARKUP = " \t*_\"'([{>~-\u2022"
_END_OF_WORD = r"(?:(?<!\w)|(?!\w))"
_QUANTIFIERS = frozenset("?*+{")


class Draft:
    """A draft as the matchers read it: straightened, lower-cased, split into sentences lazily."""

    __slots__ = ("_ends", "_spans", "lower", "text")

    def __init__(self, draft: str) -> None:
        self.text = plain(draft)
        lower = self.text.lower()
        if len(lower) != len(self.text):  # a few characters lower-case to two ("İ")
            lower = "".join(c.lower() if len(c.lower()) == 1 else c for c in self.text)
        self.lower = lower
        self._ends: list[int] | None = None
        self._spans: list[tuple[int, int]] | None = None

    def _sentence_ends(self) -> list[int]:
        if self._ends is None:
            self._ends = [m.end() for m in _SENTENCE_END.finditer(self.text)]
        return self._ends

    def sentence_around(self, start: int, end: int) -> tuple[int, int]:
        """The span of the sentence (or sentences) holding ``text[start:end]``."""
        ends = self._sentence_ends()
        before = bisect.bisect_right(ends, start) - 1
        after = bisect.bisect_left(ends, end)
        return (
            ends[before] if before >= 0 else 0,
            ends[after] if after < len(ends) else len(self.text),
        )

    def sentences(self) -> list[tuple[int, int]]:
        """The spans of the draft's sentences and lines, without the whitespace around them."""
        if self._spans is None:
            text = self.text
            spans = []
            start = 0
            for end in [*self._sentence_ends(), len(text)]:
                piece = text[start:end]
                stripped = piece.strip()
                if stripped:
                    first = start + len(piece) - len(piece.lstrip())
                    spans.append((first, first + len(stripped)))
                start = end
            self._spans = spans
        return self._spans

    def first_sentence(self) -> tuple[int, int]:
        """The span of the first sentence, without the whitespace around it (an empty span at
        the end of a draft with no words)."""
        spans = self.sentences()
        return spans[0] if spans else (len(self.text), len(self.text))

    def starts_sentence(self, index: int) -> bool:
        """True when ``index`` is the first word of a sentence or a line."""
        text = self.text
        while index > 0 and text[index - 1] in _LEADING_MARKUP:
            index -= 1
        return index == 0 or text[index - 1] in _SENTENCE_MARKS


def plain(draft: str) -> str:
    """``draft`` with typographic quotes and spaces made plain, character for character."""
    return draft.translate(_PLAIN) if _NOT_PLAIN.search(draft) else draft


def _characters(pattern: str) -> Iterator[tuple[int, str, bool]]:
    """Each character of ``pattern`` with its index, and whether it stands for itself: not
    escaped, not an escape's backslash, not inside a ``[...]`` class."""
    in_class = escaped = False
    for index, char in enumerate(pattern):
        literal = False
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = (
                char != "]"
                or pattern[index - 1 : index] == "["
                or pattern[max(0, index - 2) : index] == "[^"
            )
        elif char == "[":
            in_class = True
        else:
            literal = True
        yield index, char, literal


def _widen_spaces(pattern: str) -> str:
    """Turn each plain space into ``\\s+`` (``\\s`` before a quantifier); classes are left alone."""
    out: list[str] = []
    for index, char, literal in _characters(pattern):
        piece = char
        if literal and char == " ":
            following = pattern[index + 1 : index + 2]
            piece = "\\s" if following and following in _QUANTIFIERS else "\\s+"
        out.append(piece)
    return "".join(out)


#: Contractions whose form without the apostrophe is another common word ("we'll" and "well",
#: "I'd" and "id", "he'll" and "hell"): their apostrophe stays required.
_AMBIGUOUS_CONTRACTIONS = frozenset(
    {("we", "ll"), ("we", "re"), ("we", "d"), ("i", "ll"), ("i", "d"), ("he", "ll"), ("she", "ll")}
)


def _letters_before(pattern: str, index: int) -> str:
    """The letters just before ``pattern[index]``, looking through an opening ``(?:``."""
    if pattern[max(0, index - 3) : index] == "(?:":
        index -= 3
    start = index
    while start > 0 and pattern[start - 1].isalpha() and pattern[start - 2 : start - 1] != "\\":
        start -= 1
    return pattern[start:index]


def _optional_apostrophes(pattern: str) -> str:
    """Make the apostrophe of a contraction optional, so that a frame written "you'll", "can't"
    or "you'd" also reads "youll", "cant" and "youd", as drafts typed in a hurry spell them.

    Contractions whose bare form is another word ("we'll"/"well", "I'd"/"id") keep theirs, and
    so does an apostrophe whose word the pattern does not show (after ``)``).
    """
    out: list[str] = []
    for index, char, literal in _characters(pattern):
        piece = char
        if literal and char == "'":
            before = _letters_before(pattern, index).lower()
            after = re.match(r"[a-z]*", pattern[index + 1 :], re.I)
            following = pattern[index + 1 : index + 2]
            if (
                before
                and after
                and after.group()
                and following not in _QUANTIFIERS
                and (before, after.group().lower()) not in _AMBIGUOUS_CONTRACTIONS
            ):
                piece = "'?"
        out.append(piece)
    return "".join(out)


def _lower_literals(pattern: str) -> str:
    """Lower-case the letters of ``pattern``, leaving escapes (``\\S``, ``\\B``...) as they are."""
    out: list[str] = []
    escaped = False
    for char in pattern:
        if escaped:
            out.append(char)
            escaped = False
        elif char == "\\":
            out.append(char)
            escaped = True
        else:
            out.append(char.lower())
    return "".join(out)


def _source(pattern: str, *, case_sensitive: bool) -> tuple[str, bool]:
    """The regular expression for one pattern, and whether it must begin a sentence."""
    at_sentence_start = pattern.startswith("^")
    body = _widen_spaces(_optional_apostrophes(pattern[1:] if at_sentence_start else pattern))
    return (body if case_sensitive else _lower_literals(body)), at_sentence_start


def check_pattern(pattern: str) -> str:
    """Raise ValueError, in words a contributor understands, when ``pattern`` cannot be used."""
    for case_sensitive in (True, False):
        body, _ = _source(pattern, case_sensitive=case_sensitive)
        try:
            compiled = re.compile(f"(?:{body})")
        except re.error as error:
            where = f" at position {error.pos}" if error.pos is not None else ""
            raise ValueError(f"not a valid regular expression{where}: {error.msg}") from None
        if compiled.search("") is not None:
            raise ValueError("this pattern matches empty text; it must match at least one letter")
    return pattern


#: Letters as they are often disguised. The first letter of a word keeps its shape ("@ss" and
#: "$hit" aside): a word made only of symbols would match too much.
_DISGUISES = {"a": "@4", "e": "3", "i": "1!|", "l": "1|", "o": "0", "s": "$5", "t": "7", "u": "v"}
_FIRST_DISGUISES = {"a": "a@", "s": "s$"}
_MASKS = "*#"
#: Letters that may be drawn out ("fuuuck", "shiiit"). Only vowels: a repeatable consonant would
#: let "asses" match "assess".
_STRETCHY = frozenset("aeiouy")
_WORD_GUARD = "@$*#"


def word_patterns(word: str) -> list[str]:
    """Regular expressions (lower case) for ``word``, also matching disguised spellings of it.

    A trailing ``*`` allows any ending: ``fuck*`` also matches "fucking".
    """
    stem, any_ending = (word[:-1], True) if word.endswith("*") else (word, False)
    rest = []
    for letter in stem[1:]:
        if not letter.isalpha():
            rest.append(r"\s?" if letter == " " else re.escape(letter) + "?")
            continue
        chars = re.escape(letter + _DISGUISES.get(letter, "") + _MASKS)
        rest.append(f"[{chars}]{'+' if letter in _STRETCHY else ''}")
    ending = r"[\w*#]*" if any_ending else ""
    return [
        f"{re.escape(lead)}{''.join(rest)}{ending}(?![\\w*#])"
        for lead in _FIRST_DISGUISES.get(stem[0], stem[0])
    ]


_META = frozenset("\\.^$*+?{}[]()|")
#: Past this many branches a pattern is kept as written rather than spread out.
_MAX_BRANCHES = 256


def _skip_class(body: str, index: int) -> int:
    """The index just after the character class that opens at ``body[index]``."""
    index += 1
    if body[index : index + 1] == "^":
        index += 1
    if body[index : index + 1] == "]":
        index += 1
    while index < len(body) and body[index] != "]":
        index += 2 if body[index] == "\\" else 1
    return index + 1


def _close(body: str, index: int) -> int:
    """The index just after the group that opens at ``body[index]``."""
    depth = 0
    while index < len(body):
        char = body[index]
        if char == "\\":
            index += 2
            continue
        if char == "[":
            index = _skip_class(body, index)
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return index + 1
        index += 1
    return len(body)


def _split_top(body: str) -> list[str]:
    """``body`` split at its top-level ``|``."""
    parts: list[str] = []
    start = index = 0
    while index < len(body):
        char = body[index]
        if char == "\\":
            index += 2
        elif char == "[":
            index = _skip_class(body, index)
        elif char == "(":
            index = _close(body, index)
        elif char == "|":
            parts.append(body[start:index])
            index += 1
            start = index
        else:
            index += 1
    parts.append(body[start:])
    return parts


def _spread(body: str) -> list[str]:
    """Equivalent branches of ``body`` that start with a literal where possible.

    ``(?:a|b)x`` becomes ``ax``, ``bx``; ``(?:a )?x`` becomes ``a x``, ``x`` (in that order, so
    the preference of the original is kept). Other branches are returned as they are.
    """
    done: list[str] = []
    todo = _split_top(body)
    while todo:
        branch = todo.pop(0)
        if branch.startswith("(?:") and len(done) + len(todo) < _MAX_BRANCHES:
            end = _close(branch, 0)
            inner, rest = branch[3 : end - 1], branch[end:]
            optional = rest.startswith("?") and not rest.startswith("??")
            if optional:
                rest = rest[1:]
            if not rest[:1] or rest[:1] not in _QUANTIFIERS:
                spread = [part + rest for part in _split_top(inner)]
                todo[0:0] = [*spread, rest] if optional else spread
                continue
        done.append(branch)
    return [branch for branch in done if branch]


def _literal_prefix(branch: str) -> tuple[list[str], str]:
    """The leading characters of ``branch`` that match exactly themselves, and the rest."""
    atoms: list[str] = []
    index = 0
    while index < len(branch):
        char = branch[index]
        if char == "\\":
            if not branch[index + 1 : index + 2] or branch[index + 1].isalnum():
                break  # \s, \w, \b... are not one fixed character
            atom = branch[index : index + 2]
        elif char in _META:
            break
        else:
            atom = char
        following = branch[index + len(atom) : index + len(atom) + 1]
        if following and following in _QUANTIFIERS:
            break  # the atom is repeated or optional: it belongs to the rest
        atoms.append(atom)
        index += len(atom)
    return atoms, branch[index:]


def _trie(items: list[tuple[list[str], str]]) -> str:
    """One alternation of ``(literal atoms, rest)`` branches, their common beginnings shared,
    so that ``re`` tries each character once rather than once for every branch."""
    groups: dict[str, list[tuple[list[str], str]]] = {}
    tails: list[str] = []
    for atoms, rest in items:
        if atoms:
            groups.setdefault(atoms[0], []).append((atoms[1:], rest))
        else:
            tails.append(rest)
    parts = []
    for atom, sub in groups.items():
        inner = _trie(sub)
        parts.append(atom + (f"(?:{inner})" if len(_split_top(inner)) > 1 else inner))
    # Longer alternatives first, the empty one last: a match takes the most words it can.
    parts += sorted((t for t in tails if t), key=lambda t: -len(t))
    if "" in tails:
        parts.append("")
    return "|".join(parts)


class _Part:
    """One regular expression of a :class:`Matcher`, compiled when first used.

    ``trie`` holds the literal-first branches it was built from (None when they don't all start
    with a literal), so that a :class:`MatcherSet` can fold it into one shared scan; a part that
    is only ever confirmed there may never need compiling at all.
    """

    __slots__ = ("_regex", "at_sentence_start", "source", "trie")

    def __init__(
        self, source: str, at_sentence_start: bool, trie: list[tuple[list[str], str]] | None
    ) -> None:
        self.source = source
        self.at_sentence_start = at_sentence_start
        self.trie = trie
        self._regex: re.Pattern[str] | None = None

    @property
    def regex(self) -> re.Pattern[str]:
        if self._regex is None:
            self._regex = re.compile(self.source)
        return self._regex


def _parts(bodies: list[str], *, at_sentence_start: bool, end: str) -> Iterator[_Part]:
    """The branches that start with a literal, as a trie (``re`` can skip ahead to where they may
    match), and all the others together."""
    literal: list[tuple[list[str], str]] = []
    others: list[str] = []
    for branch in dict.fromkeys(b for body in bodies for b in _spread(body)):
        atoms, rest = _literal_prefix(branch)
        if atoms:
            literal.append((atoms, rest))
        else:
            others.append(branch)
    if literal:
        yield _Part(f"(?:{_trie(literal)}){end}", at_sentence_start, literal)
    if others:
        # Nothing to skip ahead to here, so a look-behind costs little, and it keeps a pattern
        # such as \d+ from being tried again at every character of a long run of digits.
        start = r"(?<!\w)" if end else ""
        yield _Part(f"{start}(?:{'|'.join(others)}){end}", at_sentence_start, None)


class Matcher:
    """Finds matches of any of a set of patterns (and disguised words) in a :class:`Draft`."""

    __slots__ = ("_guard", "_parts", "case_sensitive", "whole_words")

    def __init__(
        self,
        patterns: Iterable[str] = (),
        *,
        words: Iterable[str] = (),
        whole_words: bool = True,
        case_sensitive: bool = False,
    ) -> None:
        anywhere: list[str] = []
        sentence_start: list[str] = []
        for pattern in patterns:
            body, at_start = _source(pattern, case_sensitive=case_sensitive)
            (sentence_start if at_start else anywhere).append(body)
        words = list(words)
        for word in words:
            anywhere.extend(word_patterns(word))
        end = _END_OF_WORD if whole_words else ""
        self._parts = [
            *_parts(anywhere, at_sentence_start=False, end=end),
            *_parts(sentence_start, at_sentence_start=True, end=end),
        ]
        self.whole_words = whole_words
        self.case_sensitive = case_sensitive
        self._guard = _WORD_GUARD if words else ""

    def __bool__(self) -> bool:
        return bool(self._parts)

    def spans(
        self, draft: Draft, start: int = 0, end: int | None = None
    ) -> Iterator[tuple[int, int]]:
        """The spans of matches in ``draft[start:end]``, in order for each of the few regular
        expressions a matcher is made of (so not necessarily in order overall)."""
        end = len(draft.text) if end is None else end
        for part in self._parts:
            yield from self._scan(part, draft, start, end)

    def _text(self, draft: Draft) -> str:
        return draft.text if self.case_sensitive else draft.lower

    def _scan(self, part: _Part, draft: Draft, pos: int, end: int) -> Iterator[tuple[int, int]]:
        text = self._text(draft)
        search = part.regex.search
        while pos < end:
            match = search(text, pos, end)
            if match is None:
                return
            first, last = match.span()
            if first == last or not self._fits(draft, text, first, part.at_sentence_start):
                pos = first + 1
                continue
            yield first, last
            pos = last

    def _fits(self, draft: Draft, text: str, start: int, at_sentence_start: bool) -> bool:
        if self.whole_words and start > 0 and (text[start] == "_" or text[start].isalnum()):
            before = text[start - 1]
            if before.isalnum() or before == "_" or before in self._guard:
                return False
        return not at_sentence_start or draft.starts_sentence(start)

    def search(self, draft: Draft, start: int = 0, end: int | None = None) -> bool:
        """True when there is a match in ``draft[start:end]``."""
        return next(self.spans(draft, start, end), None) is not None

    def overlaps(self, draft: Draft, within: tuple[int, int], start: int, end: int) -> bool:
        """True when a match inside ``within`` overlaps ``draft[start:end]``."""
        return any(s < end and start < e for s, e in self.spans(draft, *within))


class MatcherSet:
    """Several matchers read in one pass: what a whole set of rules finds in a draft.

    The literal-first branches of every matcher go into one shared trie, which only says where
    something may match; at those few places each matcher that can start with those characters
    (the first two where its branches have two literal ones, else the first) confirms with its
    own expression. Whatever cannot be shared is scanned on its own.
    """

    __slots__ = ("_by_first", "_by_two", "_matchers", "_shared", "_solo")

    def __init__(self, matchers: Iterable[Matcher], *, compile_all: bool = True) -> None:
        self._matchers = list(matchers)
        items: list[tuple[list[str], str]] = []
        by_first: dict[str, list[tuple[int, _Part]]] = {}
        by_two: dict[str, list[tuple[int, _Part]]] = {}
        order: dict[int, int] = {}
        self._solo: list[tuple[int, _Part]] = []
        for index, matcher in enumerate(self._matchers):
            for part in matcher._parts:
                # Symbols (not whole words) go on their own: a run such as "!?!?!?" would match
                # again from each of its characters in the shared scan, reading to its end each
                # time; alone, a matcher reads on from the end of its last match.
                if part.trie is None or matcher.case_sensitive or not matcher.whole_words:
                    self._solo.append((index, part))
                    continue
                order[id(part)] = len(order)
                items.extend(part.trie)
                for atoms, _ in part.trie:
                    first = _unescape(atoms[0])
                    if len(atoms) > 1:
                        key, table = first + _unescape(atoms[1]), by_two
                    else:
                        key, table = first, by_first
                    if all(p is not part for _, p in table.get(key, ())):
                        table.setdefault(key, []).append((index, part))
        # Where a hit's first two characters name a table, it holds every part that can start
        # there (two-character branches and one-character ones), in the matchers' order.
        self._by_two = {
            key: sorted(
                {id(p): (i, p) for i, p in [*by_first.get(key[0], ()), *parts]}.values(),
                key=lambda item: order[id(item[1])],
            )
            for key, parts in by_two.items()
        }
        self._by_first = by_first
        self._shared = re.compile(f"(?:{_trie(items)})") if items else None
        if compile_all:
            for matcher in self._matchers:
                for part in matcher._parts:
                    _ = part.regex

    def spans(self, draft: Draft) -> Iterator[tuple[int, int, int]]:
        """``(matcher index, start, end)`` for every match, grouped by where it was found.

        As with one matcher alone, the matches of one part of a matcher do not overlap.
        """
        text = draft.lower
        if self._shared is not None:
            search = self._shared.search
            free_from: dict[int, int] = {}  # id(part) -> where its last match ended
            found = search(text)
            while found is not None:
                start = found.start()
                midword = start > 0 and _in_word(text, start - 1) and _in_word(text, start)
                candidates = self._by_two.get(text[start : start + 2])
                if candidates is None:
                    candidates = self._by_first.get(text[start], ())
                for index, part in candidates:
                    matcher = self._matchers[index]
                    if (midword and matcher.whole_words) or start < free_from.get(id(part), 0):
                        continue
                    hit = part.regex.match(text, start)
                    if (
                        hit
                        and hit.end() > start
                        and matcher._fits(draft, text, start, part.at_sentence_start)
                    ):
                        free_from[id(part)] = hit.end()
                        yield index, start, hit.end()
                found = search(text, start + 1)
        for index, part in self._solo:
            matcher = self._matchers[index]
            for start, end in matcher._scan(part, draft, 0, len(draft.text)):
                yield index, start, end


def _in_word(text: str, index: int) -> bool:
    char = text[index]
    return char.isalnum() or char == "_"


def _unescape(atom: str) -> str:
    return atom[1:] if atom.startswith("\\") else atom
