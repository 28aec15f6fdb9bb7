"""Server playbooks on a real database (SQLite and PostgreSQL): uploads and their checks, the
set each server sees, versions, and freshness between processes sharing the database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.community import GuildCatalog, ListedPlaybook, Origin, ServerPlaybooks
from bot.core import safe_yaml
from bot.core.catalog import Catalog
from bot.core.engine import CoachState, Step
from bot.core.loader import load_playbook
from bot.core.server_sets import ServerSets
from bot.service import CoachService, NoMatch, ServiceError, Walkthrough
from bot.storage import Store
from tests.server_playbook_files import (
    CRAZED_GLAZE,
    CRAZED_GLAZE_QUESTION,
    CRAZED_GLAZE_TITLE,
    crazed_glaze,
    shipped_override,
)

CATALOG = Catalog.load()[0]
GUILD, OTHER_GUILD = 910_000_000_000_000_001, 910_000_000_000_000_002
ADMIN = 810_000_000_000_000_001


@pytest.fixture
def servers(store: Store) -> ServerPlaybooks:
    return ServerPlaybooks(CATALOG, store)


async def guild(servers: ServerPlaybooks, guild_id: int) -> GuildCatalog:
    found = await servers.catalog_for(guild_id)
    assert isinstance(found, GuildCatalog)
    return found


def best(catalog: Any, text: str) -> str | None:
    found = catalog.matcher.match(text, top=5).best
    return None if found is None else found.id


async def test_a_new_playbook_is_in_its_server_only(servers: ServerPlaybooks) -> None:
    outcome = await servers.upload(
        GUILD, "crazed-glaze.yaml", crazed_glaze().encode(), author_id=ADMIN
    )
    assert outcome.ok and outcome.problems == []
    assert (outcome.version, outcome.origin) == (1, Origin.SERVER)
    assert outcome.playbook is not None and outcome.playbook.title == CRAZED_GLAZE_TITLE

    mine = await guild(servers, GUILD)
    assert CRAZED_GLAZE in mine and len(mine) == len(CATALOG) + 1
    assert mine.get(CRAZED_GLAZE) == outcome.playbook
    assert mine.summary(CRAZED_GLAZE).title == CRAZED_GLAZE_TITLE  # type: ignore[union-attr]
    assert CRAZED_GLAZE in mine.ids and mine.version(CRAZED_GLAZE) == 1
    assert any(s.id == CRAZED_GLAZE for s in mine.by_category()[outcome.playbook.category])
    result = mine.matcher.match(CRAZED_GLAZE_QUESTION, top=5)
    assert result.best is not None and result.best.id == CRAZED_GLAZE and result.confident

    other = await guild(servers, OTHER_GUILD)
    assert CRAZED_GLAZE not in other and other.get(CRAZED_GLAZE) is None
    assert len(other) == len(CATALOG) and other.matcher is CATALOG.matcher
    dm = await servers.catalog_for(None)
    assert dm is CATALOG and CRAZED_GLAZE not in dm
    for elsewhere in (other, dm):
        found = elsewhere.matcher.match(CRAZED_GLAZE_QUESTION, top=25).matches
        assert CRAZED_GLAZE not in [m.id for m in found]


async def test_a_shipped_playbook_matches_the_same_with_and_without_server_playbooks(
    servers: ServerPlaybooks,
) -> None:
    """A query the server's own playbook does not compete for is scored exactly as in the
    shipped set; one it competes for is decided by the scorer alone (the learned model knows
    only the shipped playbooks), and the shipped playbook still wins it, confidently."""
    await servers.upload(GUILD, "crazed-glaze.yaml", crazed_glaze().encode(), author_id=ADMIN)
    mine = await guild(servers, GUILD)

    def outcome(catalog: Any, text: str) -> tuple[str | None, float | None, bool, list[str]]:
        found = catalog.matcher.match(text, top=3)
        ids = [m.id for m in found.matches]
        return (found.best and found.best.id, found.best and found.best.score, found.confident, ids)

    apart = "the tracking has said in transit for two weeks and the parcel never came"
    assert CRAZED_GLAZE not in outcome(mine, apart)[3]
    assert outcome(mine, apart) == outcome(CATALOG, apart)

    contested = "the mug arrived in pieces"
    shipped, composed = outcome(CATALOG, contested), outcome(mine, contested)
    assert CRAZED_GLAZE in [m.id for m in mine.matcher.match(contested, top=25).matches]
    assert (composed[0], composed[2]) == (shipped[0], shipped[2]) == ("damaged-in-transit", True)


async def test_a_wrong_file_name_gets_a_clear_located_message(servers: ServerPlaybooks) -> None:
    text = crazed_glaze()
    outcome = await servers.upload(GUILD, "my-case.yaml", text.encode(), author_id=ADMIN)
    assert not outcome.ok and outcome.playbook is None and outcome.version is None
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.startswith("id:"))
    assert outcome.problems == [
        f"my-case.yaml:{line}:5: id 'crazed-glaze' must equal the file name 'my-case' "
        "(name the file crazed-glaze.yaml, or change the id)"
    ]
    assert await servers.store.server_playbooks(GUILD) == []


async def test_every_problem_of_a_bad_file_comes_back_with_its_line(
    servers: ServerPlaybooks,
) -> None:
    text = crazed_glaze().replace("category: product", "category: product\ncolour: blue")
    text = text.replace("title: Crazed glaze", "title: Crazed glaze\ntitel: typo")
    outcome = await servers.upload(GUILD, "crazed-glaze.yaml", text.encode(), author_id=ADMIN)
    lines = text.splitlines()
    assert outcome.problems == [
        f"crazed-glaze.yaml:{lines.index('titel: typo') + 1}:1: unknown key 'titel'; "
        "did you mean 'title'?",
        f"crazed-glaze.yaml:{lines.index('colour: blue') + 1}:1: unknown key 'colour'; "
        "allowed: id, title, summary, category, match, steps",
    ]
    too_big = b"#" * (safe_yaml.MAX_FILE_BYTES + 1)
    refused = await servers.upload(GUILD, "crazed-glaze.yaml", too_big, author_id=ADMIN)
    assert refused.problems == [
        f"crazed-glaze.yaml:1:1: the file is {len(too_big):,} bytes; the limit is "
        f"{safe_yaml.MAX_FILE_BYTES:,}"
    ]
    greeting = crazed_glaze().replace(
        "Thank you for telling me straight away,",
        "Hi {customer}, thank you for telling me straight away,",
    )
    assert greeting != crazed_glaze()
    linted = await servers.upload(GUILD, "crazed-glaze.yaml", greeting.encode(), author_id=ADMIN)
    assert any("a greeting or {customer} in body text" in p for p in linted.problems)
    assert await servers.store.server_set_revision(GUILD) == 0  # nothing was saved


async def test_a_server_has_a_limited_number_of_its_own(store: Store) -> None:
    servers = ServerPlaybooks(CATALOG, store, max_playbooks=1)
    first = await servers.upload(
        GUILD, "crazed-glaze.yaml", crazed_glaze().encode(), author_id=ADMIN
    )
    assert first.ok
    second = await servers.upload(
        GUILD, "damaged-in-transit.yaml", shipped_override("Broken").encode(), author_id=ADMIN
    )
    assert second.problems == [
        "damaged-in-transit.yaml:1:1: this server already has 1 playbooks of its own, the "
        "most it can have: remove one first, or replace one by uploading a file with its id"
    ]
    again = await servers.upload(
        GUILD, "crazed-glaze.yaml", crazed_glaze(title="Crazed glaze again").encode(), author_id=1
    )
    assert again.ok and again.version == 2  # replacing one of its own is always allowed


async def test_an_override_and_a_hidden_playbook_change_that_server_only(
    servers: ServerPlaybooks,
) -> None:
    override = shipped_override("Broken in the post")
    outcome = await servers.upload(
        GUILD, "damaged-in-transit.yaml", override.encode(), author_id=ADMIN
    )
    assert (outcome.origin, outcome.version) == (Origin.OVERRIDING, 1)
    assert await servers.hide(GUILD, "changed-mind", by=ADMIN)
    assert not await servers.hide(GUILD, "changed-mind", by=ADMIN)  # hidden already
    assert not await servers.hide(GUILD, CRAZED_GLAZE, by=ADMIN)  # not a shipped playbook

    mine, other = await guild(servers, GUILD), await guild(servers, OTHER_GUILD)
    assert mine.get("damaged-in-transit").title == "Broken in the post"  # type: ignore[union-attr]
    assert other.get("damaged-in-transit").title == "Arrived damaged"  # type: ignore[union-attr]
    assert "changed-mind" not in mine and mine.get("changed-mind") is None
    assert "changed-mind" not in mine.ids and len(mine) == len(CATALOG) - 1
    assert all(s.id != "changed-mind" for s in mine.summaries())
    assert "changed-mind" in other
    text = "customer changed their mind and wants to return it"
    assert best(other, text) == "changed-mind"
    assert "changed-mind" not in [m.id for m in mine.matcher.match(text, top=25).matches]
    assert best(mine, "the mug arrived in pieces") == "damaged-in-transit"
    assert mine.summary("damaged-in-transit").title == "Broken in the post"  # type: ignore[union-attr]

    listed = {p.id: p for p in await servers.listing(GUILD)}
    assert listed["damaged-in-transit"] == ListedPlaybook(
        "damaged-in-transit", "Broken in the post", Origin.OVERRIDING, 1
    )
    assert listed["changed-mind"].origin is Origin.HIDDEN
    assert listed["lost-in-transit"].origin is Origin.SHIPPED
    assert len(listed) == len(CATALOG)

    assert await servers.unhide(GUILD, "changed-mind")
    assert not await servers.unhide(GUILD, "changed-mind")
    assert "changed-mind" in await guild(servers, GUILD)
    assert await servers.remove(GUILD, "damaged-in-transit", by=ADMIN)
    assert not await servers.remove(GUILD, "damaged-in-transit", by=ADMIN)
    assert not await servers.remove(GUILD, "lost-in-transit", by=ADMIN)  # shipped: hide it
    back = await guild(servers, GUILD)
    assert back.get("damaged-in-transit") == CATALOG.get("damaged-in-transit")
    assert back.matcher is CATALOG.matcher  # nothing of its own left: the shipped matcher


async def test_versions_are_kept_and_an_old_one_comes_back_as_a_new_one(
    servers: ServerPlaybooks,
) -> None:
    first, second = crazed_glaze(), crazed_glaze(title="Crazing in the glaze")
    await servers.upload(GUILD, "crazed-glaze.yaml", first.encode(), author_id=ADMIN)
    same = await servers.upload(GUILD, "crazed-glaze.yaml", first.encode(), author_id=ADMIN)
    assert same.ok and same.unchanged and same.version == 1  # nothing new to keep
    await servers.upload(GUILD, "crazed-glaze.yaml", second.encode(), author_id=ADMIN)
    assert await servers.remove(GUILD, CRAZED_GLAZE, by=ADMIN)
    assert await servers.export(GUILD, CRAZED_GLAZE) is None
    assert [(r.version, r.removed) for r in await servers.history(GUILD, CRAZED_GLAZE)] == [
        (1, False),
        (2, False),
        (3, True),
    ]
    reverted = await servers.revert(GUILD, CRAZED_GLAZE, 1, by=ADMIN)
    assert reverted.ok and reverted.version == 4
    assert (await guild(servers, GUILD)).get(CRAZED_GLAZE).title == CRAZED_GLAZE_TITLE  # type: ignore[union-attr]
    assert await servers.export(GUILD, CRAZED_GLAZE) == ("crazed-glaze.yaml", first.encode())
    missing = await servers.revert(GUILD, CRAZED_GLAZE, 9, by=ADMIN)
    assert missing.problems == [
        "crazed-glaze.yaml:1:1: this server has no version 9 of crazed-glaze"
    ]
    removal = await servers.revert(GUILD, CRAZED_GLAZE, 3, by=ADMIN)
    assert "is its removal" in removal.problems[0]
    pinned = await servers.pinned(GUILD, CRAZED_GLAZE, 2)
    assert pinned is not None and pinned.title == "Crazing in the glaze"
    assert await servers.pinned(GUILD, CRAZED_GLAZE, 3) is None
    assert await servers.changed(GUILD) == [("crazed-glaze.yaml", first.encode())]
    assert await servers.changed(OTHER_GUILD) == []


async def test_a_shipped_playbook_exports_as_a_file_that_uploads_again(
    servers: ServerPlaybooks,
) -> None:
    assert await servers.hide(GUILD, "lost-in-transit", by=ADMIN)
    exported = await servers.export(GUILD, "lost-in-transit")  # hidden ones too
    assert exported is not None
    filename, raw = exported
    assert filename == "lost-in-transit.yaml"
    assert load_playbook(Path(filename), raw=raw) == CATALOG.get("lost-in-transit")
    outcome = await servers.upload(GUILD, filename, raw, author_id=ADMIN)
    assert outcome.ok and outcome.origin is Origin.OVERRIDING
    assert await servers.export(GUILD, "no-such-playbook") is None


async def test_a_change_as_data_becomes_a_server_version(servers: ServerPlaybooks) -> None:
    phrase = "the raku bowl came out of the box in three bits"

    def add_example(data: dict[str, Any]) -> dict[str, Any]:
        data["match"]["examples"].append(phrase)
        return data

    outcome = await servers.apply_change(GUILD, "damaged-in-transit", add_example, by=ADMIN)
    assert outcome.ok and (outcome.version, outcome.origin) == (1, Origin.OVERRIDING)
    mine = await guild(servers, GUILD)
    assert phrase in mine.get("damaged-in-transit").match.examples  # type: ignore[union-attr]
    again = await servers.apply_change(
        GUILD, "damaged-in-transit", lambda d: {**d, "title": "Broken"}, by=ADMIN
    )
    assert again.version == 2
    latest = (await guild(servers, GUILD)).get("damaged-in-transit")
    assert latest is not None and latest.title == "Broken" and phrase in latest.match.examples

    renamed = await servers.apply_change(
        GUILD, "damaged-in-transit", lambda d: {**d, "id": "other"}, by=ADMIN
    )
    assert not renamed.ok and "must equal the file name" in renamed.problems[0]
    unknown = await servers.apply_change(GUILD, "no-such-playbook", lambda d: d, by=ADMIN)
    assert unknown.problems == ["no-such-playbook.yaml:1:1: there is no playbook no-such-playbook"]


async def test_a_change_made_by_another_process_counts_at_the_next_call(store: Store) -> None:
    here, there = ServerPlaybooks(CATALOG, store), ServerPlaybooks(CATALOG, store)
    before = await guild(here, GUILD)
    assert CRAZED_GLAZE not in before
    assert await guild(here, GUILD) is before  # unchanged: the held copy, not read again
    loads = here.loads

    await there.upload(GUILD, "crazed-glaze.yaml", crazed_glaze().encode(), author_id=ADMIN)
    after = await guild(here, GUILD)
    assert CRAZED_GLAZE in after and here.loads == loads + 1
    assert best(after, CRAZED_GLAZE_QUESTION) == CRAZED_GLAZE
    assert await guild(here, GUILD) is after

    await there.hide(GUILD, "changed-mind", by=ADMIN)
    assert "changed-mind" not in await guild(here, GUILD)
    await there.remove(GUILD, CRAZED_GLAZE, by=ADMIN)
    assert CRAZED_GLAZE not in await guild(here, GUILD)
    assert CRAZED_GLAZE not in await guild(here, OTHER_GUILD)


async def test_a_held_set_keeps_its_playbooks_packed_and_reads_them_when_needed(
    store: Store,
) -> None:
    servers = ServerPlaybooks(CATALOG, store, parsed=1)
    glaze = await servers.upload(
        GUILD, "crazed-glaze.yaml", crazed_glaze().encode(), author_id=ADMIN
    )
    override = shipped_override("Broken in the post")
    broken = await servers.upload(
        GUILD, "damaged-in-transit.yaml", override.encode(), author_id=ADMIN
    )
    mine = await guild(servers, GUILD)
    for _ in range(2):  # only one parsed playbook is kept: each is read again from its file
        assert mine.get(CRAZED_GLAZE) == glaze.playbook
        assert mine.get("damaged-in-transit") == broken.playbook
    assert mine.file("damaged-in-transit") == override
    assert mine.file("lost-in-transit") is None


async def test_the_least_recently_used_servers_sets_are_let_go_and_read_again(
    store: Store,
) -> None:
    servers = ServerPlaybooks(CATALOG, store, ServerSets(CATALOG.matcher, capacity=2))
    first, second, third = GUILD, OTHER_GUILD, OTHER_GUILD + 1
    for guild_id in (first, second, third):
        await servers.upload(guild_id, "crazed-glaze.yaml", crazed_glaze().encode(), author_id=1)
    await guild(servers, first)
    await guild(servers, second)
    await guild(servers, first)  # used again: the second is now the least recently used
    await guild(servers, third)
    assert first in servers.sets and third in servers.sets and second not in servers.sets
    loads = servers.loads
    await guild(servers, first)
    assert servers.loads == loads  # still held
    again = await guild(servers, second)
    assert servers.loads == loads + 1 and best(again, CRAZED_GLAZE_QUESTION) == CRAZED_GLAZE
    assert len(servers.sets) == 2


# -- walkthroughs in a server's set -------------------------------------------------------------

SELLER = 710_000_000_000_000_001


@pytest.fixture
def service(store: Store) -> CoachService:
    return CoachService(CATALOG, store)


async def to_the_end(service: CoachService, walkthrough: Walkthrough, guild_id: int) -> Walkthrough:
    step = walkthrough
    while step.state.step is not Step.DRAFT:
        step = await service.act(step.session_id, SELLER, guild_id, step.version, "next")
    return await service.act(step.session_id, SELLER, guild_id, step.version, "finish")


async def test_coach_in_a_server_uses_its_set_and_nowhere_else(service: CoachService) -> None:
    await service.servers.upload(
        GUILD, "crazed-glaze.yaml", crazed_glaze().encode(), author_id=ADMIN
    )
    started = await service.start(SELLER, GUILD, CRAZED_GLAZE_QUESTION)
    assert started.playbook.id == CRAZED_GLAZE and started.state.server_version == 1
    picked = await service.start(SELLER, GUILD, f"playbook:{CRAZED_GLAZE}")
    assert picked.playbook.id == CRAZED_GLAZE
    for elsewhere in (OTHER_GUILD, None):
        other = await service.start(SELLER, elsewhere, CRAZED_GLAZE_QUESTION)
        assert other.playbook.id != CRAZED_GLAZE and other.state.server_version is None
        with pytest.raises(NoMatch):
            await service.start(SELLER, elsewhere, f"playbook:{CRAZED_GLAZE}")
    shipped = await service.start(SELLER, GUILD, "the mug arrived in pieces")
    assert shipped.state.server_version is None


async def test_a_walkthrough_keeps_its_version_through_an_edit_and_a_removal(
    service: CoachService, store: Store
) -> None:
    servers = service.servers
    await servers.upload(GUILD, "crazed-glaze.yaml", crazed_glaze().encode(), author_id=ADMIN)
    first = await service.start(SELLER, GUILD, CRAZED_GLAZE_QUESTION)
    second = await service.start(SELLER, GUILD, CRAZED_GLAZE_QUESTION)
    tip = "Ask which dishwasher setting they use before anything else."
    edited = crazed_glaze(title="Crazing in the glaze", tip=tip)
    assert (await servers.upload(GUILD, "crazed-glaze.yaml", edited.encode(), author_id=1)).ok

    # Started on version 1: it goes on with version 1, here and in a process that never saw it.
    step = await service.act(first.session_id, SELLER, GUILD, first.version, "next")
    assert step.playbook.title == CRAZED_GLAZE_TITLE and step.state.server_version == 1
    elsewhere = CoachService(CATALOG, store)
    shown = await elsewhere.current(step.session_id, SELLER, GUILD, step.version)
    assert shown.playbook.title == CRAZED_GLAZE_TITLE
    assert tip not in " ".join(shown.playbook.steps.listen.tips)
    newer = await service.start(SELLER, GUILD, CRAZED_GLAZE_QUESTION)
    assert newer.playbook.title == "Crazing in the glaze" and newer.state.server_version == 2

    assert await servers.remove(GUILD, CRAZED_GLAZE, by=ADMIN)
    done = await to_the_end(elsewhere, second, GUILD)
    assert done.finished and done.playbook.title == CRAZED_GLAZE_TITLE
    assert done.reminder is not None
    draft = await service.current_draft(step.session_id, SELLER, GUILD, step.version)
    assert draft.startswith("Hi")
    with pytest.raises(NoMatch):
        await service.start(SELLER, GUILD, f"playbook:{CRAZED_GLAZE}")


async def test_a_switch_goes_to_the_servers_own_version(service: CoachService) -> None:
    await service.servers.upload(
        GUILD,
        "damaged-in-transit.yaml",
        shipped_override("Broken in the post").encode(),
        author_id=ADMIN,
    )
    started = await service.start(SELLER, GUILD, "playbook:lost-in-transit")
    switched = await service.act(
        started.session_id, SELLER, GUILD, started.version, "switch", ["damaged-in-transit"]
    )
    assert switched.playbook.title == "Broken in the post"
    assert switched.state.server_version == 1
    # In another server the same switch reaches the shipped playbook.
    other = await service.start(SELLER, OTHER_GUILD, "playbook:lost-in-transit")
    there = await service.act(
        other.session_id, SELLER, OTHER_GUILD, other.version, "switch", ["damaged-in-transit"]
    )
    assert there.playbook.title == "Arrived damaged" and there.state.server_version is None
    with pytest.raises(ServiceError, match="not available"):
        await service.act(
            there.session_id, SELLER, OTHER_GUILD, there.version, "switch", [CRAZED_GLAZE]
        )


async def test_a_shipped_walkthrough_keeps_going_when_the_server_hides_it(
    service: CoachService, store: Store
) -> None:
    started = await service.start(SELLER, GUILD, "playbook:changed-mind")
    legacy = started.state.model_dump_json(exclude_defaults=True)
    assert "server_version" not in legacy  # a state stored before server versions reads the same
    assert CoachState.from_json(legacy) == started.state
    await service.servers.hide(GUILD, "changed-mind", by=ADMIN)
    step = await service.act(started.session_id, SELLER, GUILD, started.version, "next")
    assert step.playbook.id == "changed-mind"
    with pytest.raises(NoMatch):
        await service.start(SELLER, GUILD, "playbook:changed-mind")


def test_packed_files_come_back_byte_for_byte_and_smaller_than_on_their_own() -> None:
    """The preset dictionary of shipped lines packs an edited export of every shipped playbook
    smaller than plain zlib, and unpacks each exactly; any other text round-trips too."""
    import zlib

    from bot.community import Packer
    from bot.core.playbook_yaml import dump_playbook

    packer = Packer(CATALOG)
    with_dictionary = plain = 0
    for playbook_id in CATALOG.ids:
        playbook = CATALOG.get(playbook_id)
        assert playbook is not None
        edited = dump_playbook(playbook).replace("item", "pot").encode()
        packed = packer.pack(edited)
        assert packer.unpack(packed) == edited
        with_dictionary += len(packed)
        plain += len(zlib.compress(edited, 9))
    assert with_dictionary < 0.85 * plain, (with_dictionary, plain)
    odd = "ünïcode ✓ and nothing like a playbook\n".encode() * 3
    assert Packer(CATALOG).unpack(packer.pack(odd)) == odd  # a packer made the same way


def test_kept_files_come_back_and_the_same_content_is_kept_once() -> None:
    from bot.community import PackedFiles, Packer

    files = PackedFiles(Packer(CATALOG))
    first, second = crazed_glaze().encode(), shipped_override("Lost by the courier").encode()
    where = files.keep("a", first)
    assert files.keep("a", first) == where  # a reload of the same content adds nothing
    other = files.keep("b", second)
    assert other != where
    assert files.read(where) == first and files.read(other) == second
