"""The match index: its texts gathered and analysed as each is read alone, and the same index
wherever it is built."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from bot.core import catalog, matcher
from bot.core.catalog import Catalog
from bot.core.lexicon import load_lexicon
from bot.core.loader import load_playbooks, shipped_playbooks_dir
from bot.core.matcher import OFF_TOPIC, IndexTexts, MatchEntry, Matcher, MatchIndex
from bot.core.text import (
    MAX_TOKENS,
    TEXT_BREAK,
    Analyzer,
    english_words,
    english_words_file,
    normalise,
    normalise_all,
    tokens,
)


@pytest.fixture(scope="module")
def entries() -> list[MatchEntry]:
    return [MatchEntry.of(p) for p in load_playbooks([shipped_playbooks_dir()]).playbooks]


#: Queries a rebuilt index must answer exactly as the one built here.
QUERIES = ["the mug arrived in pieces", "buyer says it never came", "how do I bake bread"]


#: Texts that take every turn of the analysis: symbols (one of them plain ASCII), contractions,
#: apostrophes, negations, phrases, a group named as a stop word, typos the texts themselves
#: make and correct, accents, a character that joins texts, more words than are read, none.
AWKWARD = (
    "Won't ship ★★★ and can't pay $40",
    "I'm not worried, it never arrived 💔📦",
    "don't know what to say - the buyer's parcel isn't here",
    "not anxious at all",
    "How do I reply to this? By the way, I double checked",
    "recieved it damagd; recieved recieved",
    "received " * 7,
    "Café crème arrivé cassé, naïve buyer’s `complaint`",
    f"odd{TEXT_BREAK}text here",
    "word " * (MAX_TOKENS + 20) + "never",
    "shouldn't've wont cant cannot",
    "⭐",
    "REFUND NOW!!! changed my mind",
    "",
    "!!!",
    "the the the",
)


def _awkward_entries(entries: list[MatchEntry]) -> list[MatchEntry]:
    half = len(AWKWARD) // 2
    return [
        *entries[:5],
        MatchEntry("awkward-1", "Won't ship", "$$$ refund", AWKWARD[:half], ("$$$", "can't")),
        MatchEntry("awkward-2", "", "", AWKWARD[half:], ("", "⭐")),
        *entries[5:],
    ]


def test_gathered_texts_read_as_each_text_read_alone(entries: list[MatchEntry]) -> None:
    """Texts gathered together, and analysed once every word is known, give each text's
    terms, normalised text and word counts exactly as the analyser gives them one by one."""
    lexicon = load_lexicon()
    listed = [*_awkward_entries(entries), MatchEntry(OFF_TOPIC, "", "", tuple(lexicon.off_topic))]
    texts = [text for entry in listed for _, text in entry.texts()]
    alone = Analyzer(lexicon, english_words())
    alone.learn(texts)

    gathered = IndexTexts(Analyzer(lexicon))
    for entry in listed:
        gathered.add(entry)
    together = Analyzer(lexicon, english_words())
    vocabulary = gathered.vocabulary()
    assert vocabulary == Counter(word for text in texts for word in tokens(text))
    together.learn_words(vocabulary)
    assert together.vocabulary() == alone.vocabulary()
    analysed = gathered.analysed(together)

    assert list(analysed.units) == [sum(1 for _ in e.texts()) for e in listed]
    assert alone.terms("recieved") == alone.terms("received")  # the texts' typo, corrected
    starts = np.concatenate([[0], np.cumsum(analysed.counts)])
    blob = bytes(analysed.texts)
    ends = np.cumsum(analysed.lengths)
    for unit, text in enumerate(texts):
        numbers = analysed.numbers[starts[unit] : starts[unit + 1]]
        assert [analysed.terms[n] for n in numbers] == alone.terms(text), text
        normal = blob[ends[unit] - analysed.lengths[unit] : ends[unit]].decode()
        assert normal == normalise(text), text
    # Terms are numbered in the order the texts first use them.
    firsts = list(dict.fromkeys(analysed.numbers.tolist()))
    assert firsts == list(range(len(analysed.terms)))
    assert len(gathered) == 0  # what was gathered went with the result


def test_phrase_places_are_where_phrases_stand_and_never_across_texts() -> None:
    analyzer = Analyzer(load_lexicon())
    texts = [
        "so how do i reply to this, by the way",
        "how do i",  # the rest of the phrase starts the next text: no phrase
        "reply to them",
        "i double checked the address and then double checked it",
        "nothing here at all",
        "by the",
    ]
    numbers: dict[str, int] = {}
    said, text_of, stems_of_texts = [], [], []
    for number, text in enumerate(texts):
        words = tokens(text)
        said += [numbers.setdefault(word, len(numbers)) for word in words]
        text_of += [number] * len(words)
        stems_of_texts.append([analyzer.reading(word)[0] for word in words])
    stem_of = [analyzer.reading(word)[0] for word in numbers]
    expected, at = set(), 0
    for stems in stems_of_texts:
        for i in range(len(stems)):
            if any(tuple(stems[i : i + len(p)]) == p for p in analyzer.phrases):
                expected.add(at + i)
        at += len(stems)
    places = analyzer.phrase_places(stem_of, np.asarray(said), np.asarray(text_of))
    assert set(places.tolist()) == expected
    assert len(expected) == 4  # "how do i reply", "by the way" and "double checked" twice


def test_texts_normalised_together_as_one_by_one() -> None:
    texts = [text for text in AWKWARD if TEXT_BREAK not in text]
    together = normalise_all(texts)
    assert together is not None
    normal, words = together
    assert normal.split(TEXT_BREAK) == [normalise(text) for text in texts]
    assert words == [tokens(text) for text in texts]
    assert normalise_all(list(AWKWARD)) is None  # a text holds the character that joins them
    assert normalise_all(["only one"]) == ("only one", [["only", "one"]])


def test_postings_hold_each_text_and_playbook_once(entries: list[MatchEntry]) -> None:
    lexicon = load_lexicon()
    index = MatchIndex.build(entries, Analyzer(lexicon), lexicon.off_topic)
    for postings in (index.entry_postings, index.unit_postings, index.pair_postings):
        assert postings.ptr[0] == 0 and postings.ptr[-1] == len(postings.ids)
        for key in range(len(postings.ptr) - 1):
            ids, _ = postings.row(key)
            assert list(ids) == sorted(set(ids.tolist()))
    # every playbook's profile is a unit vector
    squares = np.zeros(len(index.ids))
    np.add.at(squares, index.entry_postings.ids, index.entry_postings.values.astype(float) ** 2)
    assert np.allclose(squares, 1.0, atol=1e-4)
    assert list(np.diff(index.pair_keys) > 0) == [True] * (len(index.pair_keys) - 1)


def test_an_index_of_nothing_but_off_topic_lines_still_answers() -> None:
    lexicon = load_lexicon()
    index = MatchIndex.build([], Analyzer(lexicon), lexicon.off_topic)
    assert Matcher(index, Analyzer(lexicon)).match("the parcel never came").matches == ()


def test_an_index_built_in_its_own_process_answers_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    here, _ = Catalog.load(cache_dir=tmp_path / "here")
    monkeypatch.setattr(catalog, "BUILD_APART_FROM", 1)
    apart, problems = Catalog.load(cache_dir=tmp_path / "apart")
    assert not problems
    assert list((tmp_path / "apart").glob("index-*"))
    for query in QUERIES:
        assert apart.matcher.match(query).to_dict() == here.matcher.match(query).to_dict()


def test_a_first_start_builds_in_a_process_started_early_and_a_later_one_apart(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    here, _ = Catalog.load(cache_dir=tmp_path / "here")
    monkeypatch.setattr(catalog, "BUILD_APART_FROM", 1)
    cache = tmp_path / "apart"
    first, problems = Catalog.load(cache_dir=cache)  # no cache: the builder started early
    assert not problems
    assert english_words_file(cache).is_file()  # made on the side, kept for later starts
    (index,) = cache.glob("index-*")
    (built_here,) = (tmp_path / "here").glob("index-*")
    assert sorted(p.name for p in index.iterdir()) == sorted(p.name for p in built_here.iterdir())
    for path in built_here.iterdir():  # the same index, byte for byte
        assert (index / path.name).read_bytes() == path.read_bytes()
    for path in index.iterdir():  # the playbooks stay cached: a build forked once they are read
        path.unlink()
    index.rmdir()
    later, problems = Catalog.load(cache_dir=cache)
    assert not problems
    assert list(cache.glob("index-*"))
    for query in QUERIES:
        expected = here.matcher.match(query).to_dict()
        assert first.matcher.match(query).to_dict() == expected
        assert later.matcher.match(query).to_dict() == expected


def test_a_builder_that_is_not_needed_is_let_go(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(catalog, "BUILD_APART_FROM", 1)
    builder = catalog._Builder.start(tmp_path, load_lexicon())
    assert builder is not None
    builder.close()
    assert builder._process.exitcode == 0
    assert not list(tmp_path.glob("index-*"))


def test_a_builder_sent_all_the_entries_at_once_builds_them_and_not_what_it_gathered(
    entries: list[MatchEntry], tmp_path: Path
) -> None:
    lexicon = load_lexicon()
    builder = catalog._Builder.start(tmp_path, lexicon)
    assert builder is not None
    builder.add(entries[:3])  # gathered as they were read, then all sent again at once
    assert builder.build(list(entries), tmp_path / "index-sent")
    builder.close()
    built = MatchIndex.load(tmp_path / "index-sent")
    here = MatchIndex.build(entries, Analyzer(lexicon, english_words(tmp_path)), lexicon.off_topic)
    assert built is not None and built.ids == here.ids
    for name, array in here.arrays.items():
        assert np.array_equal(built.arrays[name], array), name


def test_an_index_saved_as_it_is_built_is_the_one_saved_after(
    entries: list[MatchEntry], tmp_path: Path
) -> None:
    lexicon = load_lexicon()
    MatchIndex.build(entries, Analyzer(lexicon), lexicon.off_topic).save(tmp_path / "after")
    made = MatchIndex.build(
        entries, Analyzer(lexicon), lexicon.off_topic, save_to=tmp_path / "as-built"
    )
    after = sorted((tmp_path / "after").iterdir())
    assert [p.name for p in after] == sorted(p.name for p in (tmp_path / "as-built").iterdir())
    for path in after:
        assert (tmp_path / "as-built" / path.name).read_bytes() == path.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["after", "as-built"]  # no leftovers
    assert made.ids == [e.id for e in entries] + [matcher.OFF_TOPIC]
