"""A server's own set of playbooks, end to end through the double: /coach, its autocomplete,
/playbooks and /help in that server see it; another server and DMs never do; a walkthrough
keeps the version it started on."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine

from bot.community import ServerPlaybooks
from bot.core.models import Category
from bot.exts.library import MENU_OPTIONS
from tests.discord.conftest import Harness, at_draft, custom_id, reply_of, text_of
from tests.discord.test_commands import option_labels
from tests.double import DiscordDouble
from tests.double.state import Guild
from tests.server_playbook_files import (
    CRAZED_GLAZE,
    CRAZED_GLAZE_QUESTION,
    CRAZED_GLAZE_TITLE,
    crazed_glaze,
    shipped_override,
)

pytestmark = pytest.mark.asyncio

ADMIN = 1


async def other_guild(harness: Harness) -> Guild:
    other = harness.double.add_guild("Another shop")
    await harness.double.wait_for(lambda: harness.bot.get_guild(other.id) is not None)
    return other


def servers(harness: Harness) -> ServerPlaybooks:
    found: ServerPlaybooks = harness.service.servers
    return found


async def upload(harness: Harness, guild: Guild, filename: str, text: str) -> None:
    outcome = await servers(harness).upload(guild.id, filename, text.encode(), author_id=ADMIN)
    assert outcome.ok, outcome.problems


async def titles_offered(double: DiscordDouble, guild: Guild | None, typed: str) -> list[str]:
    choices = await double.autocomplete(double.member, guild, "coach", "situation", typed)
    return [choice["name"] for choice in choices]


async def test_a_server_playbook_is_matched_offered_and_listed_in_its_server_only(
    harness: Harness,
) -> None:
    double, seller = harness.double, harness.double.member
    other = await other_guild(harness)
    await upload(harness, double.guild, "crazed-glaze.yaml", crazed_glaze())

    here = await double.slash(seller, double.guild, "coach", situation=CRAZED_GLAZE_QUESTION)
    assert CRAZED_GLAZE_TITLE in text_of(here) and "Step 1 of 4" in text_of(here)
    for elsewhere in (other, None):
        there = await double.slash(seller, elsewhere, "coach", situation=CRAZED_GLAZE_QUESTION)
        assert CRAZED_GLAZE_TITLE not in text_of(there)
        picked = await double.slash(
            seller, elsewhere, "coach", situation=f"playbook:{CRAZED_GLAZE}"
        )
        assert CRAZED_GLAZE_TITLE not in text_of(picked)
        assert "Pick the one that fits below" in text_of(picked)

    assert CRAZED_GLAZE_TITLE in await titles_offered(double, double.guild, "glaze crazing")
    assert CRAZED_GLAZE_TITLE not in await titles_offered(double, other, "glaze crazing")
    assert CRAZED_GLAZE_TITLE not in await titles_offered(double, None, "glaze crazing")

    listed = await double.slash(seller, double.guild, "playbooks", category="product")
    assert CRAZED_GLAZE_TITLE in option_labels(listed, "pbp:read:product")
    read = await double.select(seller, listed, "pbp:read:product", [CRAZED_GLAZE])
    assert CRAZED_GLAZE_TITLE in text_of(read)
    full = await double.click(seller, read, f"pbf:{CRAZED_GLAZE}:more")
    assert "Ladder, cheapest first" in text_of(full)
    started = await double.click(seller, read, f"pbs:{CRAZED_GLAZE}")
    assert CRAZED_GLAZE_TITLE in text_of(started) and "Step 1 of 4" in text_of(started)
    direct = await double.slash(
        seller, double.guild, "playbooks", playbook=f"playbook:{CRAZED_GLAZE}"
    )
    assert CRAZED_GLAZE_TITLE in text_of(direct)
    for elsewhere in (other, None):
        shown = await double.slash(seller, elsewhere, "playbooks", category="product")
        assert CRAZED_GLAZE_TITLE not in option_labels(shown, "pbp:read:product")
        # Named where it is not in the set, it is not known.
        unknown = await double.slash(
            seller, elsewhere, "playbooks", playbook=f"playbook:{CRAZED_GLAZE}"
        )
        assert "I don't know that one" in text_of(unknown)

    helped = await double.slash(seller, double.guild, "help")
    assert "1 of them this server's own" in text_of(helped)
    assert "this server's own" not in text_of(await double.slash(seller, other, "help"))
    double.assert_no_violations()


async def test_a_hidden_shipped_playbook_disappears_in_that_server_only(
    harness: Harness,
) -> None:
    double, seller = harness.double, harness.double.member
    other = await other_guild(harness)
    assert await servers(harness).hide(double.guild.id, "changed-mind", by=ADMIN)
    title = "Changed their mind"
    assert harness.service.catalog.get("changed-mind").title == title

    refused = await double.slash(seller, double.guild, "coach", situation="playbook:changed-mind")
    assert title not in text_of(refused)
    assert title not in await titles_offered(double, double.guild, "changed their mind")
    menu = await double.slash(seller, double.guild, "playbooks", category="order")
    assert title not in option_labels(menu, "pbp:read:order")

    for elsewhere in (other, None):
        started = await double.slash(seller, elsewhere, "coach", situation="playbook:changed-mind")
        assert title in text_of(started)
        assert title in await titles_offered(double, elsewhere, "changed their mind")
        shown = await double.slash(seller, elsewhere, "playbooks", category="order")
        assert title in option_labels(shown, "pbp:read:order")
    double.assert_no_violations()


async def test_an_edit_and_a_removal_during_a_walkthrough_do_not_break_it(
    harness: Harness,
) -> None:
    double, seller = harness.double, harness.double.member
    await upload(harness, double.guild, "crazed-glaze.yaml", crazed_glaze())
    step = await double.slash(seller, double.guild, "coach", situation=CRAZED_GLAZE_QUESTION)
    assert CRAZED_GLAZE_TITLE in text_of(step)

    await upload(
        harness, double.guild, "crazed-glaze.yaml", crazed_glaze(title="Crazing in the glaze")
    )
    step = await double.click(seller, step, custom_id(step, ":next"))
    assert CRAZED_GLAZE_TITLE in text_of(step) and "Crazing in the glaze" not in text_of(step)
    fresh = await double.slash(seller, double.guild, "coach", situation=CRAZED_GLAZE_QUESTION)
    assert "Crazing in the glaze" in text_of(fresh)  # a new walkthrough gets the new version

    assert await servers(harness).remove(double.guild.id, CRAZED_GLAZE, by=ADMIN)
    while not at_draft(step):
        step = await double.click(seller, step, custom_id(step, ":next"))
        assert CRAZED_GLAZE_TITLE in text_of(step)
    assert (await reply_of(double, step)).startswith("Hi")
    done = await double.click(seller, step, custom_id(step, ":finish"))
    assert "no longer available" not in text_of(done)
    gone = await double.slash(seller, double.guild, "coach", situation=f"playbook:{CRAZED_GLAZE}")
    assert "Pick the one that fits below" in text_of(gone)
    double.assert_no_violations()


async def test_an_overriding_playbook_is_the_servers_version_of_a_shipped_one(
    harness: Harness,
) -> None:
    double, seller = harness.double, harness.double.member
    other = await other_guild(harness)
    await upload(
        harness, double.guild, "damaged-in-transit.yaml", shipped_override("Broken in the post")
    )
    here = await double.slash(seller, double.guild, "coach", situation="the mug arrived smashed")
    assert "Broken in the post" in text_of(here)
    there = await double.slash(seller, other, "coach", situation="the mug arrived smashed")
    assert "Arrived damaged" in text_of(there) and "Broken in the post" not in text_of(there)
    double.assert_no_violations()


async def test_a_kind_with_more_situations_than_a_menu_holds_says_how_to_find_the_rest(
    harness: Harness,
) -> None:
    double, seller = harness.double, harness.double.member
    shipped = len(harness.service.catalog.by_category()[Category.PRODUCT])
    extra = MENU_OPTIONS + 1 - shipped
    for n in range(extra):
        playbook_id = f"glaze-fault-{n:02d}"
        text = crazed_glaze(title=f"Glaze fault {n:02d}", playbook_id=playbook_id)
        await upload(harness, double.guild, f"{playbook_id}.yaml", text)
    listed = await double.slash(seller, double.guild, "playbooks", category="product")
    assert len(option_labels(listed, "pbp:read:product")) == MENU_OPTIONS
    assert f"holds {MENU_OPTIONS} of its {MENU_OPTIONS + 1} situations" in text_of(listed)
    offered = option_labels(listed, "pbp:read:product")
    product = (await harness.service.catalog_for(double.guild.id)).by_category()[Category.PRODUCT]
    left_out = [s.title for s in product if s.title not in offered]
    assert len(left_out) == 1
    choices = await double.autocomplete(seller, double.guild, "playbooks", "playbook", left_out[0])
    assert left_out[0] in [choice["name"] for choice in choices]
    elsewhere = await double.slash(seller, None, "playbooks", category="product")
    assert "The menu holds" not in text_of(elsewhere)


@contextlib.contextmanager
def revision_reads() -> Iterator[list[str]]:
    """The reads of a server's revision the bot makes meanwhile (any engine, any thread)."""
    seen: list[str] = []

    def note(_c: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if "server_set_revisions" in statement and statement.lstrip().upper().startswith("SELECT"):
            seen.append(statement)

    event.listen(Engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(Engine, "before_cursor_execute", note)


async def test_each_interaction_in_a_server_checks_its_set_with_one_read(
    harness: Harness,
) -> None:
    double, seller = harness.double, harness.double.member
    await upload(harness, double.guild, "crazed-glaze.yaml", crazed_glaze())
    guild = double.guild

    with revision_reads() as reads:
        browse = await double.slash(
            seller, guild, "coach", situation="how do I grow my instagram following"
        )
    assert "Pick the one that fits below" in text_of(browse) and len(reads) == 1
    with revision_reads() as reads:
        kind = await double.select(seller, browse, "pbc:coach", ["product"])
    assert CRAZED_GLAZE_TITLE in option_labels(kind, "pbp:coach:product") and len(reads) == 1
    with revision_reads() as reads:
        step = await double.select(seller, kind, "pbp:coach:product", [CRAZED_GLAZE])
    assert CRAZED_GLAZE_TITLE in text_of(step) and len(reads) == 1
    with revision_reads() as reads:
        step = await double.click(seller, step, custom_id(step, ":next"))
    assert "Apologise" in text_of(step) and len(reads) == 1
    with revision_reads() as reads:
        offered = await titles_offered(double, guild, "glaze crazing")
    assert CRAZED_GLAZE_TITLE in offered and len(reads) == 1
    for command in ("playbooks", "help"):
        with revision_reads() as reads:
            await double.slash(seller, guild, command)
        assert len(reads) == 1, command
    with revision_reads() as reads:
        await double.slash(seller, None, "coach", situation="the mug arrived in pieces")
    assert reads == []  # a DM sees the shipped set: nothing to check
