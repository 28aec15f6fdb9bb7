"""The match index is the same whether its texts are analysed in one process or several."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from bot.core import catalog, matcher
from bot.core.catalog import Catalog
from bot.core.lexicon import load_lexicon
from bot.core.loader import load_playbooks, shipped_playbooks_dir
from bot.core.matcher import MatchEntry, Matcher, MatchIndex
from bot.core.text import Analyzer, english_words_file


@pytest.fixture(scope="module")
def entries() -> list[MatchEntry]:
    return [MatchEntry.of(p) for p in load_playbooks([shipped_playbooks_dir()]).playbooks]


#: Queries a rebuilt index must answer exactly as the one built here.
QUERIES = ["the mug arrived in pieces", "buyer says it never came", "how do I bake bread"]


def test_parallel_analysis_builds_the_same_index(
    entries: list[MatchEntry], monkeypatch: pytest.MonkeyPatch
) -> None:
    lexicon = load_lexicon()
    serial = MatchIndex.build(entries, Analyzer(lexicon), lexicon.off_topic, workers=1)
    monkeypatch.setattr(matcher, "PARALLEL_FROM", 2)
    parallel = MatchIndex.build(entries, Analyzer(lexicon), lexicon.off_topic, workers=2)
    assert serial.arrays.keys() == parallel.arrays.keys()
    for name, array in serial.arrays.items():
        assert np.array_equal(array, parallel.arrays[name]), name


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
    builder = catalog._Builder.start(tmp_path)
    assert builder is not None
    builder.close()
    assert builder._process.exitcode == 0
    assert not list(tmp_path.glob("index-*"))


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
