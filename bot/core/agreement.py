"""Number agreement for the item a seller types in: "your silver hoops are", not "is".

Playbook text is written for one item ("your {item} is on its way"). When the item the seller
gives is plural ("silver hoops", "two prints", "3 mugs"), :func:`agree` puts the words that follow
from it into the plural: the verb right after it, a question that opens with the verb ("Has your
{item} reached you?"), an article before it ("a replacement {item}"), and "it"/"its" later in the
same sentence. Pure: no I/O.
"""

from __future__ import annotations

import re

#: Words that end in "s" but name one thing.
_SINGULAR_IN_S = frozenset(
    {
        "news",
        "series",
        "species",
        "canvas",
        "atlas",
        "lens",
        "gas",
        "bias",
        "alias",
        "christmas",
        "chaos",
        "tennis",
        "iris",
        "oasis",
        "analysis",
        "basis",
        "this",
        "yes",
        "its",
        "his",
        "bus",
        "plus",
        "always",
        "perhaps",
        "physics",
        "mathematics",
        "apparatus",
    }
)
#: Plurals that don't end in "s".
_PLURAL_WITHOUT_S = frozenset(
    {"people", "children", "mice", "geese", "teeth", "feet", "women", "men", "cattle", "dice"}
)
#: Words that say how many, in front of the noun.
_MANY = re.compile(
    r"^(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|fifty|"
    r"a hundred|hundreds|dozens|a dozen|several|some|a few|few|many|both|all|these|those|"
    r"a couple of|a pair of matching|multiple)\b",
    re.I,
)
#: "pair of", "set of", "box of": the head noun of "a pair of earrings" is "pair", one thing.
_OF = re.compile(r"^(?:(?:a|one|the|my|your)\s+)?([\w'-]+)\s+of\b", re.I)
_WORD = re.compile(r"[\w'-]+")


def is_plural(item: str) -> bool:
    """True when ``item`` names more than one thing ("silver hoops", "two prints", "3 mugs").

    The head noun decides: "pair of earrings" and "set of coasters" are one thing each; "1 mug"
    is one; a final "s" makes a plural unless the word ends in "ss", "us" or "is" or is one of a
    few singular words that end in "s" ("canvas", "lens").
    """
    text = " ".join(item.split())
    if not text:
        return False
    count = re.match(r"^(\d+)\b", text)
    if count:
        return int(count.group(1)) != 1
    if _MANY.match(text):
        return True
    head_of = _OF.match(text)
    words = [head_of.group(1)] if head_of else _WORD.findall(text)
    if not words:
        return False
    head = words[-1].casefold().strip("'")
    if head in _PLURAL_WITHOUT_S:
        return True
    if head in _SINGULAR_IN_S or len(head) < 3:
        return False
    return head.endswith("s") and not head.endswith(("ss", "us", "is", "'s"))


#: A singular verb and its plural, for the verb right after the item.
_VERBS = {
    "is": "are",
    "was": "were",
    "has": "have",
    "does": "do",
    "isn't": "aren't",
    "wasn't": "weren't",
    "hasn't": "haven't",
    "doesn't": "don't",
    "needs": "need",
    "seems": "seem",
    "looks": "look",
    "arrives": "arrive",
    "stays": "stay",
    "reaches": "reach",
    "goes": "go",
    "comes": "come",
    "fits": "fit",
    "works": "work",
}
_ADVERBS = r"(?:(?:still|now|already|also|just|really|finally|safely|usually|often|always)\s+)?"
_PRONOUNS = {"its": "their", "it's": "they're", "itself": "themselves"}
#: "it" as the subject of a clause: after a conjunction, a comma or "and", before a verb.
_SUBJECT_IT = re.compile(
    r"(\b(?:and|that|so|if|when|once|until|because|before|after|while|whether|but|as|than)\s+|"
    r"[,;:]\s+)it (is|was|has|isn't|wasn't|hasn't|doesn't|does|will|would|should|can|could|may|"
    r"might|must|needs|seems|looks|arrives|stays|reaches|goes|comes|fits|works|\w+ed)\b(?! be\b)"
)
#: "it" as the object of a verb that handles the item ("post it", "send it back").
_OBJECT_IT = re.compile(
    r"\b((?:send|post|return|keep|check|fix|repair|resize|swap|refund|replace|take|accept|wear|"
    r"use|make|sell|wrap|pack|give|hold|love|enjoy|open|bring|ship|remake|alter|clean|exchange|"
    r"dispose of)(?:s|ed)?) it\b(?!['’])(?! (?:out|through|right|all|up)\b)"
)
#: Words before "your {item}" after which the verb belongs to another noun ("the price of").
_NOT_THE_SUBJECT = frozenset(
    {"of", "like", "than", "with", "for", "from", "about", "on", "in", "to", "at", "by", "into"}
)
#: Of these, the ones after which the pronouns that follow belong to the other noun too.
_ANOTHER_HEAD = frozenset({"of", "like", "than"})
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)|\n")


def _match_case(word: str, like: str) -> str:
    return word[:1].upper() + word[1:] if like[:1].isupper() else word


def agree(text: str, item: str) -> str:
    """``text`` with the words that follow from ``item`` made plural when it is (else as is)."""
    item = " ".join(item.split())
    if not item or not is_plural(item):
        return text
    name = re.escape(item).replace(r"\ ", r"\s+")
    # "a replacement silver hoops" -> "replacement silver hoops"; "another" -> "more"
    text = re.sub(
        rf"\b(?:an?)\s+((?:[\w-]+\s+)?{name})\b",
        lambda m: m.group(1),
        text,
    )
    text = re.sub(rf"\banother\s+({name})\b", r"more \1", text)
    # "Has your silver hoops reached you?" -> "Have your silver hoops reached you?"
    text = re.sub(
        rf"\b(Is|Has|Was|Does|Isn't|Hasn't|Wasn't|Doesn't|is|has|was|does)\s+"
        rf"((?:your|the|my|our|this)\s+(?:[\w-]+\s+)?{name})\b",
        lambda m: _match_case(_VERBS[m.group(1).casefold()], m.group(1)) + " " + m.group(2),
        text,
    )
    out: list[str] = []
    last = 0
    for found in re.finditer(rf"\b{name}\b", text):
        out.append(text[last : found.end()])
        end = _SENTENCE_END.search(text, found.end())
        stop = end.start() if end else len(text)
        rest = text[found.end() : stop]
        verb = re.match(rf"(\s+{_ADVERBS})([\w']+)\b", rest)
        before = re.findall(r"[\w']+", text[max(0, found.start() - 40) : found.start()])
        governed = len(before) >= 2 and before[-2].casefold() in _NOT_THE_SUBJECT
        if governed and before[-2].casefold() in _ANOTHER_HEAD:
            # "a piece like your silver hoops has been worn, I can't sell it": the piece's
            out.append(rest)
            last = stop
            continue
        if verb and verb.group(2) in _VERBS and not governed:
            rest = verb.group(1) + _VERBS[verb.group(2)] + rest[verb.end() :]
        rest = _SUBJECT_IT.sub(
            lambda m: m.group(1) + "they " + _VERBS.get(m.group(2), m.group(2)), rest
        )
        rest = _OBJECT_IT.sub(lambda m: m.group(1) + " them", rest)
        rest = re.sub(r"\b(its|it's|itself)\b", lambda m: _PRONOUNS[m.group(1)], rest)
        out.append(rest)
        last = stop
    out.append(text[last:])
    return "".join(out)
