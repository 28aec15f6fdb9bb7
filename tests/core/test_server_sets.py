"""Server sets: the shipped playbooks less those a server hides, plus its own, matched without
re-indexing the shipped set and on the same scale as it."""

from __future__ import annotations

import dataclasses
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from bot.core.catalog import Catalog
from bot.core.matcher import MatchEntry, Matcher
from bot.core.server_sets import ServerSets, set_digest

DATA = Path(__file__).resolve().parents[1] / "data"

#: Playbooks of a potters' server about things no shipped playbook covers.
POTTERY = (
    MatchEntry(
        "kiln-glaze-crawl",
        "Glaze crawled in the kiln",
        "A glaze pulled away from the clay body during the glost firing.",
        (
            "the glaze crawled off the bisque in the glost firing",
            "bare patches of clay where the glaze pulled back",
            "glaze beaded up on the pot during firing",
        ),
        ("glaze crawling", "glost firing", "bisque"),
    ),
    MatchEntry(
        "craft-fair-pitch",
        "Craft fair pitch fee went up",
        "The organiser of a craft fair raised the pitch fee after I booked.",
        (
            "the craft fair organiser raised the pitch fee",
            "christmas market pitch fee doubled after booking",
            "gazebo pitch costs more this year",
        ),
        ("pitch fee", "craft fair", "gazebo"),
    ),
)


@pytest.fixture(scope="module")
def shipped() -> Matcher:
    return Catalog.load()[0].matcher


@pytest.fixture(scope="module")
def shipped_entries() -> dict[str, MatchEntry]:
    catalog = Catalog.load()[0]
    return {i: MatchEntry.of(p) for i in catalog.ids if (p := catalog.get(i)) is not None}


def dev_phrasings() -> list[str]:
    lines = (DATA / "match_eval.tsv").read_text(encoding="utf-8").splitlines()
    return [line.split("\t", 1)[1] for line in lines if "\t" in line]


def test_shipped_scores_do_not_move_when_a_server_adds_playbooks(shipped: Matcher) -> None:
    """A query none of the server's own playbooks competes for is answered exactly as in the
    shipped set. Where one does, the learned model (which knows the shipped playbooks only)
    has no say: the shipped playbooks score exactly as the scorer alone scores them."""
    own = {"kiln-glaze-crawl", "craft-fair-pitch"}
    server = shipped.for_server(POTTERY)
    scorer = shipped.without_model()
    compared = with_own = 0
    for text in dev_phrasings():
        layered = server.match(text, top=100)
        competing = any(m.id in own for m in layered.matches)
        with_own += competing
        alone = (scorer if competing else shipped).match(text, top=100)
        shipped_scores = {m.id: m.score for m in layered.matches if m.id not in own}
        assert shipped_scores == {m.id: m.score for m in alone.matches}, text
        own_best = max((m.score for m in layered.matches if m.id in own), default=0.0)
        if len(alone.matches) > 1 and own_best < alone.matches[1].score:
            assert layered.confident == alone.confident, text
            assert layered.best == alone.best, text
            compared += 1
    assert compared > 0.9 * len(dev_phrasings())
    assert 0 < with_own < len(dev_phrasings()) / 2


def test_a_shipped_match_is_the_same_answer_with_and_without_unrelated_server_playbooks(
    shipped: Matcher,
) -> None:
    server = shipped.for_server(POTTERY)
    for text in (
        "the parcel arrived damaged",
        "my buyer opened a chargeback",
        "Hi, I ordered a mug two weeks ago and it still hasn't arrived. Tracking hasn't "
        "moved since Monday. Can you help? Thanks, Sam",
    ):
        assert server.match(text).to_dict() == shipped.match(text).to_dict()


def test_a_server_that_only_hides_playbooks_keeps_the_model(shipped: Matcher) -> None:
    server = shipped.for_server([], hidden=["charged-twice"])
    assert server.model is shipped.model
    for text in dev_phrasings()[:200]:
        alone = {m.id: m.score for m in shipped.match(text, top=100).matches}
        layered = {m.id: m.score for m in server.match(text, top=100).matches}
        assert "charged-twice" not in layered
        # With one playbook fewer, another may join the candidates compared string to string.
        assert {i: alone[i] for i in layered if i in alone} == {
            i: layered[i] for i in layered if i in alone
        }, text


def test_a_server_playbook_matches_in_its_server_with_the_usual_verdict(shipped: Matcher) -> None:
    server = shipped.for_server(POTTERY)
    result = server.match("my glaze crawled during the glost firing")
    assert result.best is not None and result.best.id == "kiln-glaze-crawl"
    assert result.confident
    assert not shipped.match("my glaze crawled during the glost firing").confident
    assert set(server.ids) == set(shipped.ids) | {"kiln-glaze-crawl", "craft-fair-pitch"}
    assert len(server) == len(shipped) + 2


def test_a_copy_under_a_new_id_scores_like_the_original(
    shipped: Matcher, shipped_entries: dict[str, MatchEntry]
) -> None:
    copy = dataclasses.replace(shipped_entries["damaged-in-transit"], id="our-breakages")
    both = shipped.for_server([copy])
    only_copy = shipped.for_server([copy], hidden=["damaged-in-transit"])
    for text in (
        "the parcel arrived damaged",
        "mug smashed in the post",
        "box crushed, vase broken",
    ):
        alone = shipped.without_model().match(text, top=3)
        scores = {m.id: m.score for m in both.match(text, top=5).matches}
        assert scores["our-breakages"] == pytest.approx(scores["damaged-in-transit"], abs=0.1)
        instead = only_copy.match(text, top=3)
        assert [m.id for m in instead.matches] == [
            "our-breakages" if m.id == "damaged-in-transit" else m.id for m in alone.matches
        ]
        assert [m.score for m in instead.matches] == pytest.approx(
            [m.score for m in alone.matches], abs=0.1
        )
        assert instead.confident == alone.confident


def test_an_override_replaces_the_shipped_playbook_in_that_server_only(
    shipped: Matcher, shipped_entries: dict[str, MatchEntry]
) -> None:
    original = shipped_entries["damaged-in-transit"]
    ours = dataclasses.replace(
        original,
        title="Arrived broken (our packing rules)",
        examples=(*original.examples, "the raku bowl cracked in the courier's van"),
    )
    sets = ServerSets(shipped)
    server = sets.update("potters", [ours])
    result = server.match("the raku bowl cracked in the courier's van", top=len(server))
    assert result.best is not None and result.best.id == "damaged-in-transit"
    assert result.best.title == "Arrived broken (our packing rules)"
    assert [m.id for m in result.matches].count("damaged-in-transit") == 1
    assert server.ids.count("damaged-in-transit") == 1
    other = sets.update("ebay sellers", [])
    assert other is shipped
    assert other.match("the parcel arrived damaged").matches[0].title == original.title


def test_a_hidden_playbook_is_never_returned_for_that_server(shipped: Matcher) -> None:
    server = shipped.for_server([], hidden=["damaged-in-transit", "lost-in-transit"])
    assert "damaged-in-transit" not in server.ids
    assert len(server) == len(shipped) - 2
    for text in dev_phrasings():
        found = server.match(text, top=100)
        ids = [m.id for m in found.matches] + [m.id for m in found.also]
        assert "damaged-in-transit" not in ids and "lost-in-transit" not in ids, text
    assert shipped.match("the parcel arrived damaged").matches[0].id == "damaged-in-transit"


def test_another_server_never_sees_a_servers_playbooks(shipped: Matcher) -> None:
    sets = ServerSets(shipped)
    sets.update("potters", POTTERY, hidden=["negative-review"])
    sets.update("knitters", [])
    for server in ("knitters",):
        matcher = sets.get(server)
        assert matcher is not None
        for text in (
            "my glaze crawled during the glost firing",
            "the craft fair pitch fee went up",
        ):
            ids = [m.id for m in matcher.match(text, top=100).matches]
            assert "kiln-glaze-crawl" not in ids and "craft-fair-pitch" not in ids
        assert "negative-review" in matcher.ids
    potters = sets.get("potters")
    assert potters is not None and "negative-review" not in potters.ids


def test_a_long_message_finds_a_server_playbook_sentence_by_sentence(shipped: Matcher) -> None:
    server = shipped.for_server(POTTERY)
    message = (
        "Hello! Thanks for the lovely stall last weekend.\n"
        "Sadly the glaze crawled off the bisque in the glost firing on the bowls I made for you.\n"
        "Kind regards, Jo"
    )
    result = server.match(message)
    assert result.best is not None and result.best.id == "kiln-glaze-crawl"


def test_unprompted_server_playbooks_are_never_offered_as_also(shipped: Matcher) -> None:
    server = shipped.for_server(POTTERY, never_also=["craft-fair-pitch"])
    assert server.never_also("craft-fair-pitch")
    assert not server.never_also("kiln-glaze-crawl")
    assert server.never_also("shipped-notice") == shipped.never_also("shipped-notice")
    hidden = shipped.for_server([], hidden=["shipped-notice"])
    assert not hidden.never_also("shipped-notice")


def test_an_unchanged_set_is_not_rebuilt_and_a_changed_one_is(shipped: Matcher) -> None:
    sets = ServerSets(shipped)
    first = sets.update(1, POTTERY)
    assert sets.update(1, tuple(reversed(POTTERY))) is first
    assert sets.get(1) is first and sets.builds == 1
    edited = dataclasses.replace(POTTERY[1], examples=(*POTTERY[1].examples, "stall fee rose"))
    second = sets.update(1, [POTTERY[0], edited])
    assert second is not first and sets.builds == 2
    assert sets.update(1, [POTTERY[0], edited], hidden=["negative-review"]) is not second
    assert set_digest(POTTERY, [], []) == set_digest(reversed(POTTERY), [], [])
    assert set_digest(POTTERY, [], []) != set_digest(POTTERY, ["negative-review"], [])


def test_the_least_recently_used_servers_are_dropped_beyond_the_bound(shipped: Matcher) -> None:
    sets = ServerSets(shipped, capacity=2)
    sets.update("a", POTTERY[:1])
    sets.update("b", POTTERY[1:])
    assert sets.get("a") is not None  # "b" is now the least recently used
    sets.update("c", POTTERY)
    assert len(sets) == 2 and "b" not in sets and sets.get("b") is None
    assert sets.get("a") is not None and sets.get("c") is not None
    sets.forget("a")
    assert "a" not in sets and len(sets) == 1
    with pytest.raises(ValueError, match="capacity"):
        ServerSets(shipped, capacity=0)


def test_server_sets_take_whole_playbooks_and_read_their_category(shipped: Matcher) -> None:
    catalog = Catalog.load()[0]
    notice = catalog.get("shipped-notice")
    assert notice is not None
    ours = notice.model_copy(update={"id": "our-dispatch-note"})
    matcher = ServerSets(shipped).update("shop", [ours])
    assert "our-dispatch-note" in matcher.ids
    assert matcher.never_also("our-dispatch-note")


def test_servers_can_be_built_from_several_threads_at_once(shipped: Matcher) -> None:
    sets = ServerSets(shipped, capacity=8)
    with ThreadPoolExecutor(4) as pool:
        built = list(pool.map(lambda n: sets.update(n, POTTERY[n % 2 :]), range(8)))
    assert len(sets) == 8 and sets.builds == 8
    for number, matcher in enumerate(built):
        assert sets.get(number) is matcher
        found = matcher.match("my glaze crawled during the glost firing")
        assert found.best is not None
        assert (found.best.id == "kiln-glaze-crawl") == (number % 2 == 0)


def test_a_servers_words_do_not_change_how_queries_are_read_elsewhere(shipped: Matcher) -> None:
    vocabulary = shipped.analyzer.vocabulary()
    before = shipped.match("the parcle arived damagd", top=10).to_dict()
    words = ("glostware", "raku", "bisqueware")
    shipped.for_server([dataclasses.replace(POTTERY[0], id="pots", examples=(" ".join(words),))])
    assert shipped.analyzer.vocabulary() == vocabulary
    assert shipped.match("the parcle arived damagd", top=10).to_dict() == before
