"""The matcher: quality on phrasings the playbooks never saw, robustness, and its saved index."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from rapidfuzz import fuzz, process

from bot.core.catalog import Catalog
from bot.core.lexicon import Lexicon, load_lexicon
from bot.core.loader import shipped_playbooks_dir
from bot.core.matcher import (
    BOUNDED_QUERY_CHARS,
    CANDIDATES,
    INDEX_VERSION,
    MatchEntry,
    Matcher,
    MatchIndex,
    _word_sets,
    _Worked,
)
from bot.core.models import Category
from bot.core.text import (
    Analyzer,
    WordList,
    _word_hash,
    _word_hashes,
    english_words,
    normalise,
    sentences,
)

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog.load()[0]


def read_eval(folder: Path) -> tuple[list[tuple[str, str]], list[str]]:
    rows = [
        tuple(line.split("\t", 1))
        for line in (folder / "match_eval.tsv").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    plain = folder / "match_offtopic.txt"
    if plain.is_file():
        lines = plain.read_text(encoding="utf-8").splitlines()
        off_topic = [line.strip() for line in lines if line.strip()]
    else:  # every off-topic line is labelled by kind
        off_topic = [text for _, text in read_kinds(folder)[1]]
    return rows, off_topic  # type: ignore[return-value]


@pytest.mark.parametrize(
    ("folder", "floors"),
    [
        # Written without reading the playbooks; used while developing the matcher (six
        # later parts, written the same way, joined it), and now among the learned model's
        # training lines, so its figures are no longer a measure: 100%, 100%, 99.5%, 100%,
        # 0.0% answered confidently but wrongly (a ceiling). The scorer alone: 95.5%, 99.4%,
        # 94.6%, 97.5%, 3.3%.
        (DATA, (0.99, 0.995, 0.985, 0.99, 0.01)),
        # Sets also written blind and kept out of development and training: a guard against
        # tuning to the first set. With the model, then the scorer alone: holdout 98.0%,
        # 100%, 98.7%, 98.3%, 2.0% (94.3%, 99.0%, 89.6%, 96.7%, 3.7%); holdout2 100%, 100%,
        # 100%, 96.7%, 0.0% (96.3%, 100%, 97.6%, 95.0%, 3.7%); holdout3 98.0%, 99.5%, 98.5%,
        # 98.9%, 1.5% (89.3%, 96.1%, 90.7%, 97.8%, 5.4%; 87.3%, 97.1%, 92.2%, 94.4%, 9.3% when
        # it was written, before the development set's later parts).
        (DATA / "holdout", (0.97, 0.99, 0.975, 0.97, 0.03)),
        (DATA / "holdout2", (0.98, 0.985, 0.985, 0.95, 0.015)),
        (DATA / "holdout3", (0.97, 0.99, 0.975, 0.975, 0.025)),
        # Written with the development set's fifth and sixth parts: 99.0%, 99.5%, 98.0%,
        # 98.0%, 0.0% with the model; 96.1%, 99.0%, 95.6%, 94.0%, 2.0% with the scorer alone,
        # and 96.1%, 99.0%, 96.6%, 92.0%, 2.4% before any tuning against those parts.
        (DATA / "holdout4", (0.98, 0.99, 0.97, 0.97, 0.01)),
        # Written after the model learned to read every word, and measured once: 99.5%, 100%,
        # 98.5%, 97.0%, 0.0% (92.2%, 98.5%, 97.1%, 88.0%, 5.9% with the scorer alone; 97.6%,
        # 100%, 96.6% confident with the model before it read every word).
        (DATA / "holdout5", (0.985, 0.99, 0.975, 0.96, 0.01)),
    ],
    ids=["development", "holdout", "holdout2", "holdout3", "holdout4", "holdout5"],
)
def test_quality_on_phrasings_the_playbooks_never_saw(
    catalog: Catalog, folder: Path, floors: tuple[float, float, float, float, float]
) -> None:
    top1, top3, confident, rejected, most_wrong = floors
    rows, off_topic = read_eval(folder)
    results = [(expected, catalog.matcher.match(text, top=3)) for expected, text in rows]
    first = sum(r.best is not None and r.best.id == e for e, r in results) / len(results)
    in_three = sum(e in [m.id for m in r.matches] for e, r in results) / len(results)
    sure = sum(r.confident for _, r in results) / len(results)
    wrong = sum(r.confident and r.best.id != e for e, r in results) / len(results)
    refused = sum(not catalog.matcher.match(t).confident for t in off_topic) / len(off_topic)
    figures = (
        f"top-1 {first:.1%}, top-3 {in_three:.1%}, confident {sure:.1%} (wrong {wrong:.1%}), "
        f"off-topic {refused:.1%}"
    )
    assert first >= top1, figures
    assert in_three >= top3, figures
    assert sure >= confident, figures
    assert refused >= rejected, figures
    assert wrong <= most_wrong, figures


def read_kinds(folder: Path) -> tuple[list[tuple[str, str, str]], list[tuple[str, str]]]:
    """Lines labelled by kind: ``kind, situation id, text`` and off-topic ``kind, text``."""

    def rows(name: str) -> list[list[str]]:
        text = (folder / name).read_text(encoding="utf-8")
        return [line.split("\t") for line in text.splitlines() if line.strip()]

    in_scope = [(kind, expected, text) for kind, expected, text in rows("match_kinds.tsv")]
    off_topic = [(kind, text) for kind, text in rows("match_offtopic_kinds.tsv")]
    return in_scope, off_topic


@dataclass(frozen=True)
class KindFloors:
    """Least acceptable figures on the lines labelled by kind."""

    first: float  # right playbook first, all the hard kinds together
    in_three: float  # right playbook in the top three, all the hard kinds together
    long_first: float  # right playbook first for long pasted messages
    confident: float  # in-scope lines answered confidently
    rejected: float  # off-topic lines (chatter, other questions, garbage) not confident
    most_wrong: float  # at most this share of in-scope lines answered confidently and wrongly


@pytest.mark.parametrize(
    ("folder", "floors"),
    [
        # Measured with the learned model (with the scorer alone): development, among the
        # model's training lines, 100%, 100%, 100%, 99.7%, 99.7%, 0.0% (85.8%, 95.5%, 83.9%,
        # 85.3%, 96.5%, 8.5%); holdout 98.6%, 99.3%, 100%, 96.4%, 97.1%, 0.7% (92.9%, 97.9%,
        # 90.0%, 87.1%, 94.3%, 5.0%); holdout2 98.6%, 100%, 91.7%, 98.6%, 96.7%, 1.4% (92.8%,
        # 95.7%, 75.0%, 89.9%, 95.0%, 4.3%; twelve long messages, so one is 8%); holdout3
        # 99.4%, 100%, 100%, 98.9%, 98.9%, 0.0% (87.8%, 97.8%, 90.0%, 90.0%, 97.8%, 8.9%;
        # 82.2%, 95.6%, 93.3%, 83.9%, 94.4%, 10.0% when it was written); holdout4 98.9%,
        # 99.4%, 96.7%, 97.8%, 98.0%, 0.6% (88.3%, 96.1%, 90.0%, 91.1%, 94.0%, 8.3%; 88.3%,
        # 96.7%, 90.0%, 91.7%, 92.0%, 8.3% before tuning against the parts written with it).
        # Less about a line each.
        (DATA, KindFloors(0.99, 0.995, 0.99, 0.99, 0.99, 0.01)),
        (DATA / "holdout", KindFloors(0.975, 0.985, 0.95, 0.95, 0.955, 0.02)),
        (DATA / "holdout2", KindFloors(0.97, 0.985, 0.83, 0.97, 0.95, 0.03)),
        (DATA / "holdout3", KindFloors(0.985, 0.99, 0.96, 0.98, 0.975, 0.015)),
        (DATA / "holdout4", KindFloors(0.975, 0.985, 0.93, 0.96, 0.97, 0.015)),
        # Measured once, as it was written: 98.2%, 100%, 95.1%, 98.5%, 97.0%, 0.9% (89.9%,
        # 97.3%, 92.7%, 89.3%, 88.0%, 6.7%); forty-one long messages, so one is 2.4%.
        (DATA / "holdout5", KindFloors(0.975, 0.99, 0.92, 0.975, 0.96, 0.015)),
    ],
    ids=["development", "holdout", "holdout2", "holdout3", "holdout4", "holdout5"],
)
def test_quality_by_kind_of_line(catalog: Catalog, folder: Path, floors: KindFloors) -> None:
    """Long pasted messages, jargon, rushed typing, indirect descriptions, fragments and upset
    sellers; and shop chatter, other questions and garbage. Lines about situations the
    catalogue does not have (yet) are left out."""
    rows, off_topic = read_kinds(folder)
    rows = [row for row in rows if catalog.summary(row[1]) is not None]
    results = [
        (kind, expected, catalog.matcher.match(text, top=3)) for kind, expected, text in rows
    ]
    first = [r.best is not None and r.best.id == e for _, e, r in results]
    in_three = [e in [m.id for m in r.matches] for _, e, r in results]
    long_first = [ok for (kind, _, _), ok in zip(results, first, strict=True) if kind == "long"]
    sure = [r.confident for _, _, r in results]
    wrong = [r.confident and ok is False for (_, _, r), ok in zip(results, first, strict=True)]
    refused = [not catalog.matcher.match(text).confident for _, text in off_topic]
    figures = {
        "first": sum(first) / len(first),
        "in_three": sum(in_three) / len(in_three),
        "long_first": sum(long_first) / len(long_first),
        "confident": sum(sure) / len(sure),
        "rejected": sum(refused) / len(refused),
    }
    most_wrong = sum(wrong) / len(wrong)
    shown = ", ".join(f"{name} {value:.1%}" for name, value in figures.items())
    shown += f", confidently wrong {most_wrong:.1%}"
    for name, value in figures.items():
        assert value >= getattr(floors, name), shown
    assert most_wrong <= floors.most_wrong, shown


def test_a_long_message_is_read_for_the_sentence_that_carries_the_problem(
    catalog: Catalog,
) -> None:
    message = (
        "Hi there, I hope you're well and having a lovely week! I've bought from you before and "
        "always loved your work. Unfortunately the teapot arrived today with the lid smashed "
        "into pieces and the spout cracked. Order 4411. Many thanks, Joan"
    )
    result = catalog.matcher.match(message)
    assert result.best is not None and result.best.id == "damaged-in-transit", result
    assert result.confident
    assert result.also == ()


def test_a_second_problem_in_its_own_sentence_is_offered_as_also(catalog: Catalog) -> None:
    message = (
        "Hello. My order still hasn't arrived after three weeks and the tracking hasn't changed "
        "since it left. If I don't hear back today I'm leaving a one star review. Dan"
    )
    result = catalog.matcher.match(message)
    ids = {m.id for m in (*result.matches[:1], *result.also)}
    assert ids == {"lost-in-transit", "negative-review"}, result
    assert result.to_dict()["also"] == [m.id for m in result.also]


def test_a_second_problem_is_offered_though_the_words_of_the_whole_rank_it_low(
    catalog: Catalog,
) -> None:
    """With the model, the scorer compares only its three best candidates over the whole
    message; what a sentence clearly points at is compared too, so it can still be "also"."""
    message = (
        "Hi there, I ordered the green scarf two weeks ago and it still hasn't arrived, "
        "tracking hasn't moved. On top of that you charged my card twice! Regards, Tomasz"
    )
    result = catalog.matcher.match(message)
    assert result.best is not None and result.best.id == "lost-in-transit", result
    assert [m.id for m in result.also] == ["charged-twice"], result


def test_a_message_the_seller_sends_unprompted_is_never_offered_as_also() -> None:
    entries = [
        MatchEntry(
            "broken",
            "Arrived broken",
            "The item arrived broken.",
            (
                "the vase arrived broken",
                "my mug came smashed in the post",
                "the frame was cracked when it arrived",
                "the lamp arrived broken and the shade is crushed",
            ),
        ),
        MatchEntry(
            "check-in",
            "Check in after delivery",
            "Ask how the buyer likes the order.",
            (
                "ask the buyer how she likes her order",
                "check in a week after delivery and ask for a review",
                "message to see if the buyer is happy",
            ),
        ),
        MatchEntry("late", "Late parcel", "The parcel is late.", ("my parcel is late",)),
    ]
    message = (
        "Hi Jo. The vase arrived broken and the lamp shade is crushed. The frame was cracked "
        "too. Please check in after delivery and ask for a review. Thanks, Ann"
    )
    analyzer = Analyzer(load_lexicon())
    either = Matcher.build(entries, analyzer).match(message)
    assert either.best is not None and either.best.id == "broken"
    assert [m.id for m in either.also] == ["check-in"]
    proactive = Matcher.build(entries, analyzer, never_also=["check-in"]).match(message)
    assert proactive.best == either.best and proactive.also == ()


def test_the_catalogue_never_offers_a_proactive_message_as_also(catalog: Catalog) -> None:
    proactive = {s.id for s in catalog.summaries() if s.category is Category.PROACTIVE}
    assert proactive and all(catalog.matcher.never_also(i) for i in proactive)
    assert not catalog.matcher.never_also("damaged-in-transit")


def test_sentences_and_pleasantries() -> None:
    assert sentences("Hi Jo,\nIt came on the 2nd. The Smiths Est. 2019 sign is wrong!! Ta") == [
        "Hi Jo,",
        "It came on the 2nd.",
        "The Smiths Est. 2019 sign is wrong!!",
        "Ta",
    ]
    analyzer = Analyzer(load_lexicon(), english_words())
    assert analyzer.is_pleasantry("Lovely packaging, thank you so much")
    assert not analyzer.is_pleasantry("Lovely packaging but the mug was broken")
    assert not analyzer.is_pleasantry("The mug was broken")


def test_regret_and_low_ratings_read_as_meant() -> None:
    analyzer = Analyzer(load_lexicon(), english_words())
    assert "=threat" not in analyzer.terms("she ordered and immediately regretted it")
    assert "=threat" in analyzer.terms("you'll regret it")
    assert analyzer.terms("got a 1 star review") == ["got", "=low_rating", "=review"]


def test_asking_for_advice_does_not_name_a_situation() -> None:
    analyzer = Analyzer(load_lexicon(), english_words())
    assert analyzer.terms("how do I reply?") == []
    assert analyzer.terms("what should I say to her") == []
    assert analyzer.terms("he got a bad review, how do I respond") == ["got", "=low_rating"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my parcle never arived", "lost-in-transit"),
        ("tracking says delivered but there's nothing on my doorstep", "delivered-not-received"),
        ("the mug arrived in pieces", "damaged-in-transit"),
        ("cutsomer wants to cancle the order", "cancel-order"),
        ("she got a rash from the earrings", "allergic-reaction"),
        ("I charged £5 instead of £50 by mistake", "price-error"),
        ("import duty on delivery", "customs-fees"),
        ("custom necklace has the name misspelt", "custom-order-issue"),
        ("★☆☆☆☆ awful", "negative-review"),
    ],
)
def test_typos_synonyms_and_symbols_still_find_the_situation(
    catalog: Catalog, text: str, expected: str
) -> None:
    result = catalog.matcher.match(text)
    assert result.best is not None
    assert result.best.id == expected, result.matches


def test_a_negation_changes_the_situation(catalog: Catalog) -> None:
    assert catalog.matcher.match("it says delivered but I have nothing").best.id == (
        "delivered-not-received"
    )
    assert catalog.matcher.match("parcel never delivered, tracking stuck").best.id == (
        "lost-in-transit"
    )


@pytest.mark.parametrize(
    "text",
    [
        "how do I bake sourdough bread",
        "what's a good camera for product photos",
        "tell me a joke",
        "1 2 3 4 5",
        "order #48213, 12/03",
    ],
)
def test_off_topic_questions_are_not_confident(catalog: Catalog, text: str) -> None:
    assert not catalog.matcher.match(text).confident


@pytest.mark.parametrize(
    "text",
    ["", "   ", "?!?!", "🙂🙂🙂", "@everyone " * 600, "broken " * 1000, "ü" * 6000],
)
def test_hostile_or_empty_input_gets_an_answer_not_an_error(catalog: Catalog, text: str) -> None:
    result = catalog.matcher.match(text, top=25)
    assert len(result.matches) <= 25
    assert all(0 <= m.score <= 100 for m in result.matches)
    if not text.strip(" ?!🙂"):
        assert result.matches == () and not result.confident


def test_ranking_respects_top_and_returns_alternatives(catalog: Catalog) -> None:
    result = catalog.matcher.match("refund", top=3)
    assert len(result.matches) == 3
    assert [m.score for m in result.matches] == sorted(
        (m.score for m in result.matches), reverse=True
    )
    assert result.alternatives == (result.matches[1:] if result.confident else result.matches)
    payload = result.to_dict()
    assert {"query", "confident", "matches", "also"} <= set(payload)
    assert set(payload["matches"][0]) == {"id", "title", "score"}


def test_texts_compared_as_word_sets_score_exactly_as_written() -> None:
    texts = [
        "the parcel never arrived",
        "arrived never the parcel parcel",
        "  \t ",
        "",
        "tracking says\tdelivered  but nothing came",
        "refund\xa0please",  # rapidfuzz keeps a no-break space inside a word here...
        "refund\xa0please \u3000 now",  # ...and not beside a character beyond U+00FF
        "next\x85line \u2028 wide",
        "café crème brûlée",
    ]
    sets = _word_sets(texts)
    assert "never parcel arrived the" not in sets and "arrived never parcel the" in sets
    assert len(sets) == len(texts) - 3  # a repeated set and two texts without words
    queries = ["parcel never arrived", "nothing came, refund please", "please refund", "line"]
    queries += ["wide next", "brulee creme cafe", "café", "the the the", "x"]
    for query in queries:
        for chosen in ([t] for t in texts):
            before = process.extractOne(query, chosen, scorer=fuzz.token_set_ratio)
            after = process.extractOne(query, _word_sets(chosen), scorer=fuzz.token_set_ratio)
            assert (after[1] if after else 0.0) == (before[1] if before else 0.0), (query, chosen)


def test_off_topic_texts_left_uncompared_could_not_reach_the_floor(catalog: Catalog) -> None:
    bounds = catalog.matcher.index.off_topic_bounds()
    assert bounds is not None and bounds.texts
    queries = [
        "does anyone know a good accountant for a small shop",
        "my parcel never arrived and the buyer wants a refund",
        "what's the best camera for product photos?",
        "Thanks so much, the mug is lovely!",
        "shop shop shop",
        "zzz",
        "   ",
    ]
    left_out = 0
    for query in queries:
        text = normalise(query)
        scores = [fuzz.token_set_ratio(text, candidate) for candidate in bounds.texts]
        for floor in (-5.0, 0.0, 30.0, 50.0, 70.0, 85.0, 100.0):
            reaching = set(bounds.reaching(text, floor))
            left_out += len(bounds.texts) - len(reaching)
            kept = [s for t, s in zip(bounds.texts, scores, strict=True) if t in reaching]
            # The best of the texts compared is the best of all, or both fall short.
            if max(scores) >= floor:
                assert max(kept, default=0.0) == max(scores), (query, floor)
            else:
                assert max(kept, default=0.0) < floor, (query, floor)
    assert left_out > len(bounds.texts)  # most texts are left out at a high floor


LONG_MESSAGES = [
    "Hello, I hope you are well. I ordered the blue ceramic vase from your shop two weeks ago "
    "for my sister's birthday and the tracking says it was delivered on Tuesday, but nothing "
    "came to my door and my neighbours have not seen it either. Could you look into this for "
    "me please? Order 48213. Many thanks, Priya",
    "Hi there, just to say the soap smells lovely and the packaging was beautiful, but the "
    "second bar I bought was cracked clean in half when I opened the box and the crumbs got "
    "everywhere. I'd like a replacement if possible. Best wishes, Tom",
    "good morning does anyone know a good accountant who understands small online shops and "
    "vat registration for sellers who also do craft fairs in the summer months thank you all",
]


def test_a_long_query_is_compared_with_the_off_topic_questions_that_could_be_its_best(
    catalog: Catalog,
) -> None:
    index = catalog.matcher.index
    bounds = index.off_topic_bounds()
    assert bounds is not None
    left_out = 0
    for message in LONG_MESSAGES:
        text = normalise(message)
        assert len(text) >= BOUNDED_QUERY_CHARS
        every = process.extractOne(text, bounds.texts, scorer=fuzz.token_set_ratio)
        assert Matcher._fuzzy(text, index, index.off_topic) == every[1] / 100.0
        left_out += len(bounds.texts) - len(bounds.reaching(text, 0.0))
    assert left_out > len(bounds.texts)  # far fewer comparisons, the same best


def test_scoring_a_query_again_reuses_its_term_scores_and_answers_the_same(
    catalog: Catalog,
) -> None:
    matcher = catalog.matcher
    off_topic = matcher.index.off_topic
    for message in [*LONG_MESSAGES, "parcel never arrived", "buyer wants a refund for a gift"]:
        terms = matcher.analyzer.terms(message)
        fresh = matcher._score(message, terms)
        worked = _Worked()
        assert matcher._score(message, terms, worked=worked) == fresh
        assert len(worked.lexical) == 1
        assert matcher._score(message, terms, worked=worked) == fresh
        assert len(worked.lexical) == 1  # worked out once
        # A playbook named as extra is scored beside the candidates, as when scored afresh.
        chosen = {entry for entry, _ in fresh}
        extra = [e for e in range(len(matcher.index.ids)) if e not in chosen and e != off_topic]
        extra = extra[:2]
        again = matcher._score(message, terms, extra=extra, worked=worked)
        assert again == matcher._score(message, terms, extra=extra)
        assert {entry for entry, _ in again} == chosen | set(extra)
        assert len(worked.lexical) == 1


def test_the_sentences_that_carry_a_long_message_are_not_compared_with_the_off_topic_texts(
    catalog: Catalog,
) -> None:
    """The sentences that carry the situation, read together, are compared string to string
    with the candidates only: their off-topic score is their terms' (the whole message still
    weighs the off-topic questions)."""
    matcher = catalog.matcher
    off_topic = matcher.index.off_topic
    for message in LONG_MESSAGES[:2]:
        terms = matcher.analyzer.terms(message)
        worked = _Worked()
        scores = dict(matcher._score(message, terms, off_topic_strings=False, worked=worked))
        compared = {entry for _, entry in worked.similarities}
        assert compared and off_topic not in compared
        assert set(scores) - {off_topic} <= compared
    # A whole message close to the off-topic questions is compared with them.
    question = LONG_MESSAGES[2]
    worked = _Worked()
    matcher._score(question, matcher.analyzer.terms(question), worked=worked)
    assert off_topic in {entry for _, entry in worked.similarities}


def test_sentences_worked_out_together_score_exactly_as_each_alone(
    catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    matcher = catalog.matcher
    pieces = [piece for message in LONG_MESSAGES for piece in sentences(message)]
    pieces += ["", "zzqx", "refund refund refund"]  # no terms; unknown terms; repeated
    queries = [(piece, matcher.analyzer.terms(piece)) for piece in pieces]
    alone = _Worked()
    for query in queries:
        matcher._work_out(alone, [query], CANDIDATES)
    units = len(matcher.index.unit_norms)
    for batch_units in (10**9, 2 * units, units, 1):  # all at once, two, one at a time
        monkeypatch.setattr("bot.core.matcher.LEXICAL_BATCH_UNITS", batch_units)
        together = _Worked()
        matcher._work_out(together, queries, CANDIDATES)
        assert together.lexical.keys() == alone.lexical.keys()
        for key, (one, _) in alone.lexical.items():
            many, _ = together.lexical[key]
            assert (one is None) == (many is None), key
            if one is not None and many is not None:
                for mine, theirs in zip(one, many, strict=True):
                    assert mine.dtype == theirs.dtype
                    assert np.array_equal(mine, theirs), key


def test_a_saved_index_answers_exactly_like_the_built_one(catalog: Catalog, tmp_path: Path) -> None:
    path = tmp_path / "index"
    catalog.matcher.index.save(path)
    loaded = MatchIndex.load(path)
    assert loaded is not None
    assert loaded.ids == catalog.matcher.index.ids
    for name, array in catalog.matcher.index.arrays.items():
        assert np.array_equal(loaded.arrays[name], array), name


def test_a_damaged_or_outdated_index_file_is_ignored(catalog: Catalog, tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "version.npy").write_bytes(b"not an index")
    assert MatchIndex.load(broken) is None
    assert MatchIndex.load(tmp_path / "missing") is None
    old = tmp_path / "old"
    catalog.matcher.index.save(old)
    np.save(old / "version.npy", np.asarray([INDEX_VERSION + 1]))
    assert MatchIndex.load(old) is None
    partial = tmp_path / "partial"
    catalog.matcher.index.save(partial)
    (partial / "idf.npy").unlink()
    assert MatchIndex.load(partial) is None


def test_a_cached_catalog_reuses_its_index_until_a_playbook_changes(tmp_path: Path) -> None:
    folder = tmp_path / "playbooks"
    shutil.copytree(shipped_playbooks_dir(), folder, ignore=shutil.ignore_patterns("*.json"))
    shutil.rmtree(folder / "lexicon", ignore_errors=True)
    shutil.rmtree(folder / "tone", ignore_errors=True)
    cache = tmp_path / "cache"
    first, problems = Catalog.load([folder], cache_dir=cache)
    assert not problems and len(first) == len(list(folder.glob("*.yaml")))
    indexes = list(cache.glob("index-*"))
    assert len(indexes) == 1
    second, _ = Catalog.load([folder], cache_dir=cache)
    assert list(cache.glob("index-*")) == indexes
    query = "the vase arrived smashed"
    assert second.matcher.match(query) == first.matcher.match(query)
    assert second.get("damaged-in-transit") == first.get("damaged-in-transit")
    # Typos are read from the same vocabulary as when the index was built.
    assert second.matcher.analyzer.vocabulary() == first.matcher.analyzer.vocabulary()
    for typo in ("deliverd", "recievd", "custmer", "pakage"):
        assert second.matcher.analyzer.correct(typo) == first.matcher.analyzer.correct(typo)

    path = folder / "damaged-in-transit.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "title: Arrived damaged", "title: Broken on arrival"
        ),
        encoding="utf-8",
    )
    third, _ = Catalog.load([folder], cache_dir=cache)
    assert third.summary("damaged-in-transit").title == "Broken on arrival"
    assert third.get("damaged-in-transit").title == "Broken on arrival"
    assert list(cache.glob("index-*")) != indexes
    assert len(list(cache.glob("index-*"))) == 1


def test_phrases_and_ambiguous_stems_in_the_lexicon() -> None:
    analyzer = Analyzer(load_lexicon(), english_words())
    assert analyzer.terms("I changed my mind") == ["=unwanted"]
    assert analyzer.terms("customs fee for a custom ring")[:1] == ["=customs"]
    assert "=custom" in analyzer.terms("customs fee for a custom ring")
    assert analyzer.terms("it never arrived") == ["not", "!=arrive"]
    analyzer.learn(["parcel"])
    assert analyzer.correct("parcle") == "parcel"
    assert analyzer.correct("find") == "find"  # a real word is never "corrected"
    analyzer.learn(["candle", "cancel"])
    assert analyzer.correct("cancle") == "cancel"  # a transposition beats another edit
    # What was bought says little about what went wrong with it: one term for all of it.
    assert analyzer.terms("the cushion and the teapot") == ["=item", "=item"]


def test_a_group_named_as_a_stop_word_drops_its_words_and_phrases() -> None:
    lexicon = Lexicon(
        language="en",
        stopwords=["the", "is", "mood"],
        negations=["not"],
        synonyms={"mood": ["anxious", "fed up"], "late": ["delayed"]},
    )
    analyzer = Analyzer(lexicon)
    assert analyzer.terms("anxious the parcel is delayed") == ["parcel", "=late"]
    assert analyzer.terms("fed up, parcel delayed") == ["parcel", "=late"]
    # A negation goes with the feeling it negates, not with the next word.
    assert analyzer.terms("not anxious, the parcel is delayed") == ["parcel", "=late"]
    assert analyzer.terms("not the parcel") == ["not", "!parcel"]
    # In the shipped lexicon: how the seller feels is not the situation.
    shipped = Analyzer(load_lexicon(), english_words())
    assert shipped.terms("I'm so anxious, the parcel is delayed") == shipped.terms(
        "the parcel is delayed"
    )


def test_a_misspelling_the_playbooks_contain_reads_as_the_word() -> None:
    lexicon = Lexicon(language="en", stopwords=[], synonyms={"carrier": ["postnl"]})
    dictionary = {"delivered", "received", "postal", "interest", "parcel"}
    analyzer = Analyzer(lexicon, dictionary)
    analyzer.learn(["delivered delivered deliverd", "received recieved received"])
    analyzer.learn(["postal postal postnl", "interest interest pinterest", "parcel parcelz"])
    assert analyzer.correct("deliverd") == "delivered"
    assert analyzer.correct("recieved") == "received"  # a transposition
    assert analyzer.correct("recievd") == "received"  # nearest to the typo, read as its word
    assert analyzer.terms("deliverd") == analyzer.terms("delivered")
    assert analyzer.correct("postnl") == "postnl"  # a word the lexicon names
    assert analyzer.correct("pinterest") == "pinterest"  # not the same first letter
    # Used as often as the real word: not a typo of it.
    assert analyzer.correct("parcelz") == "parcelz"


def test_two_synonym_groups_claiming_one_phrase_are_refused() -> None:
    with pytest.raises(ValueError, match="'running behind' is listed under both"):
        Lexicon(
            language="en",
            stopwords=[],
            synonyms={"late": ["running behind"], "slow": ["running behind"]},
        )
    clash = Lexicon(
        language="en", stopwords=[], synonyms={"late": ["running behind"], "slow": ["runs behind"]}
    )
    with pytest.raises(ValueError, match="reads the same"):
        Analyzer(clash)


def public_examples() -> Path | None:
    """The product's public example phrasings, kept beside the repository (or named by
    SELLER_COACH_PUBLIC_EVAL); they are not shipped with the code."""
    named = os.environ.get("SELLER_COACH_PUBLIC_EVAL")
    folder = Path(named) if named else REPO.parent / "shared" / "eval"
    return folder if (folder / "dev.tsv").is_file() else None


def test_quality_on_the_public_examples(catalog: Catalog) -> None:
    folder = public_examples()
    if folder is None:
        pytest.skip("the public example phrasings (shared/eval beside the repository) are absent")
    rows = [
        tuple(line.split("\t", 1))
        for line in (folder / "dev.tsv").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    off_topic = [
        line.strip()
        for line in (folder / "dev_offtopic.txt").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    results = [(expected, catalog.matcher.match(text, top=3)) for expected, text in rows]
    first = sum(r.best is not None and r.best.id == e for e, r in results) / len(results)
    in_three = sum(e in [m.id for m in r.matches] for e, r in results) / len(results)
    sure = sum(r.confident for _, r in results) / len(results)
    refused = sum(not catalog.matcher.match(t).confident for t in off_topic) / len(off_topic)
    figures = f"top-1 {first:.1%}, top-3 {in_three:.1%}, confident {sure:.1%}, off {refused:.1%}"
    assert first >= 0.97 and in_three >= 0.99, figures
    assert sure >= 0.91 and refused >= 0.90, figures


def test_the_english_word_list_is_compact_and_cached(tmp_path: Path) -> None:
    words = english_words(tmp_path)
    assert "find" in words and "parcel" in words
    assert "parcle" not in words and 42 not in words
    assert len(words) > 100_000
    saved = list(tmp_path.glob("english-words-*.npy"))
    assert len(saved) == 1
    again = english_words(tmp_path)  # read back from the cache
    assert "find" in again and "parcle" not in again
    saved[0].write_bytes(b"damaged")
    assert "find" in english_words(tmp_path)  # a damaged cache is rebuilt


@pytest.mark.parametrize(
    ("folder", "floors"),
    [
        # Measured with the learned model, which learned from these lines: 100% of off-topic
        # lines read as off-topic, 0.0% of situations (90.0% and 4.2% with the scorer alone).
        (DATA, (0.99, 0.005)),
        # Measured: 96.7% and 0.2%; 96.7% and 0.0%; 97.8% and 0.3%; 97.0% and 0.3% (with the
        # scorer alone: 86.7% and 4.1%; 86.7% and 2.0%; 81.1% and 3.9%; 79.0% and 1.3%).
        (DATA / "holdout", (0.95, 0.01)),
        (DATA / "holdout2", (0.95, 0.01)),
        (DATA / "holdout3", (0.96, 0.01)),
        (DATA / "holdout4", (0.95, 0.01)),
        # 95.0% and 0.2% (79.0% and 2.4% with the scorer alone).
        (DATA / "holdout5", (0.93, 0.01)),
    ],
    ids=["development", "holdout", "holdout2", "holdout3", "holdout4", "holdout5"],
)
def test_off_topic_lines_read_as_off_topic_and_situations_rarely_do(
    catalog: Catalog, folder: Path, floors: tuple[float, float]
) -> None:
    """The ``off_topic`` verdict (the text reads more like the off-topic examples than like
    any situation) sends a line to the list of situations instead of an unsure walkthrough:
    most shop chatter and other questions get it, few customer situations do."""
    rows, off_topic = read_eval(folder)
    situations = [text for _, text in rows]
    if (folder / "match_kinds.tsv").is_file():
        situations += [text for _, _, text in read_kinds(folder)[0]]
    turned_away = sum(catalog.matcher.match(text).off_topic for text in off_topic)
    wrongly = sum(catalog.matcher.match(text).off_topic for text in situations)
    least_off_topic, most_situations = floors
    assert turned_away / len(off_topic) >= least_off_topic, (turned_away, len(off_topic))
    assert wrongly / len(situations) <= most_situations, (wrongly, len(situations))
    for text in off_topic + situations:
        result = catalog.matcher.match(text)
        assert not (result.off_topic and result.confident)


def test_no_evidence_at_all_is_off_topic(catalog: Catalog) -> None:
    assert catalog.matcher.match("hello").off_topic
    assert catalog.matcher.match("zzqx vvbn").off_topic
    assert not catalog.matcher.match("the parcel never arrived").off_topic


def test_a_word_list_hashes_its_words_all_at_once_as_one_by_one() -> None:
    words = ["a", "parcel", "", "café", "naïve", "日本", "x" * 40, "colour", "color", "it's"]
    assert _word_hashes([w.encode() for w in words]).tolist() == [_word_hash(w) for w in words]
    assert _word_hash("a") == 0xAF63DC4C8601EC8C  # the 64-bit FNV-1a of "a"
    listed = WordList.of(words[:6])
    assert all(word in listed for word in words[:6])
    assert not any(word in listed for word in words[6:]) and 3 not in listed
    english = english_words()
    assert "parcel" in english and "arrived" in english and "qzxwv" not in english
