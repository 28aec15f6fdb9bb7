"""``/server-playbooks``, end to end: the real bot and discord.py client against the double,
which serves uploaded files as Discord's CDN does."""

from __future__ import annotations

import asyncio
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy.exc import OperationalError

from bot.exts import answer as answer_module
from tests.discord.conftest import Harness, running_bot, text_of
from tests.discord.phone import PHONE_SCREEN, Screen
from tests.double import CommandNotAvailableError, DiscordDouble, Upload
from tests.double.double import InteractionResult

pytestmark = pytest.mark.asyncio

REPO = Path(__file__).resolve().parents[2]
SHIPPED = REPO / "playbooks"
PROBLEM_LINE = re.compile(r"^(?P<file>[^\s:]+):(?P<line>\d+):(?P<col>\d+): \S")
REPOSITORY = "https://github.com/example-org/seller-coach"

#: A small playbook of a pottery server's own (small enough for its whole file to fit a link).
KILN = """\
id: kiln-glaze-fault
title: Glaze fault from the kiln
summary: The glaze on a pot crawled, pinholed or crazed in the kiln and the buyer noticed.
category: product
match:
  examples:
    - the glaze crawled in the kiln
    - glaze crawling on the mug I bought
    - my bowl has pinholes in the glaze
    - crazing all over the glaze of the vase
    - the kiln left bare patches where the glaze crawled
    - tiny craters in the glaze of my plate
    - the glaze has crazed after a week
    - glaze pooled and crawled at the rim
    - kiln fault on the glaze of my jug
    - the glaze is full of pinholes and crawling
steps:
  listen:
    acknowledge: Thank you for telling me about the glaze on your {item}.
    questions:
      - Could you send a photo of the glaze in good light?
    tips:
      - Ask for a photo before you decide anything.
  apologise:
    lines:
      - I'm sorry the glaze on your {item} isn't right.
      - I'm so sorry your {item} came out of my kiln like this.
    tips:
      - Own the fault, since the kiln is yours.
  compensate:
    fault: seller
    recommended: replacement
    ladder:
      - id: partial-refund
        label: Partial refund
        kind: partial-refund
        cost: 0.3
        script: I'd like to refund part of the price of your {item}.
        when: The fault is small.
      - id: replacement
        label: A new piece
        kind: replacement
        cost: 1
        script: I'll make you a new {item} from my next firing.
        when: The fault is plain to see.
    tips:
      - Offer the cheaper fix first.
  follow_up:
    after_days: 5
    promise: I'll check in once the new piece is on its way.
    reminder: Has the new piece gone out?
    message: Just checking that your new {item} reached you safely.
    tips:
      - Keep it short.
"""
KILN_TITLE = "Glaze fault from the kiln"
KILN_SITUATION = "the glaze crawled in the kiln and left bare patches on the mug"


def lost_parcel(title: str) -> bytes:
    """The shipped lost-parcel playbook under another title: a server's override of it."""
    text = (SHIPPED / "lost-in-transit.yaml").read_text(encoding="utf-8")
    return re.sub(r"(?m)^title: .*$", f"title: {title}", text, count=1).encode()


async def upload(
    harness: Harness, user: Any, filename: str, data: bytes, guild: Any = None
) -> InteractionResult:
    double = harness.double
    return await double.slash(
        user, guild or double.guild, "server-playbooks upload", file=Upload(filename, data)
    )


def open_to_everyone(double: DiscordDouble) -> None:
    """What a server's admins do when they let every member see the command in the server's
    Integrations settings: Discord then no longer holds it back by Manage Server."""
    for command in double.commands():
        if command["name"] == "server-playbooks":
            command["default_member_permissions"] = None


def everything_said(result: InteractionResult) -> str:
    return "\n".join([text_of(result), *(text_of_message(m) for m in result.followups)])


def text_of_message(message: Any) -> str:
    parts = [message.content or ""]
    parts += [e.get("description") or "" for e in message.embeds]
    return "\n".join(parts)


async def coach_text(harness: Harness, guild: Any, situation: str) -> str:
    """What a seller reads after ``/coach situation:`` in ``guild`` (None: a DM)."""
    shown = await harness.double.slash(harness.double.member, guild, "coach", situation=situation)
    return text_of(shown)


async def situations_offered(harness: Harness, guild: Any, typed: str) -> list[str]:
    """The playbook ids /coach's autocomplete offers in ``guild`` for ``typed``."""
    double = harness.double
    choices = await double.autocomplete(double.member, guild, "coach", "situation", typed)
    return [str(c["value"]).removeprefix("playbook:") for c in choices]


# --- uploading ---------------------------------------------------------------------------------


async def test_coach_in_the_server_sees_its_playbooks_and_no_other_server_does(
    harness: Harness,
) -> None:
    double, admin = harness.double, harness.double.manager
    other = double.add_guild("Another shop")
    await double.wait_for(lambda: harness.bot.get_guild(other.id) is not None)
    await upload(harness, admin, "kiln-glaze-fault.yaml", KILN.encode())
    await upload(harness, admin, "lost-in-transit.yaml", lost_parcel("Lost parcel (our rules)"))
    await double.slash(admin, double.guild, "server-playbooks hide", playbook="refund-request")

    assert KILN_TITLE in await coach_text(harness, double.guild, KILN_SITUATION)
    assert KILN_TITLE not in await coach_text(harness, other, KILN_SITUATION)
    assert KILN_TITLE not in await coach_text(harness, None, KILN_SITUATION)
    assert "kiln-glaze-fault" in await situations_offered(harness, double.guild, "glaze kiln")
    assert "kiln-glaze-fault" not in await situations_offered(harness, other, "glaze kiln")
    lost = "playbook:lost-in-transit"
    assert "Lost parcel (our rules)" in await coach_text(harness, double.guild, lost)
    assert "our rules" not in await coach_text(harness, other, lost)
    assert "refund-request" not in await situations_offered(harness, double.guild, "refund")
    assert "refund-request" in await situations_offered(harness, other, "refund")

    await double.slash(admin, double.guild, "server-playbooks remove", playbook="lost-in-transit")
    assert "our rules" not in await coach_text(harness, double.guild, lost)
    await double.slash(
        admin, double.guild, "server-playbooks revert", playbook="lost-in-transit", version=1
    )
    assert "Lost parcel (our rules)" in await coach_text(harness, double.guild, lost)


async def test_an_uploaded_playbook_is_previewed_with_where_it_applies(harness: Harness) -> None:
    double, admin = harness.double, harness.double.manager
    saved = await upload(harness, admin, "kiln-glaze-fault.yaml", KILN.encode())
    shown = text_of(saved)
    assert saved.ephemeral
    assert KILN_TITLE in shown and "new in this server" in shown and "version 1" in shown
    assert "Applies to" in shown and "Product" in shown
    assert "Partial refund → A new piece" in shown  # its offers, cheapest first
    assert Screen.of("preview", saved.message).lines <= PHONE_SCREEN
    double.assert_mentions_disabled()


async def test_a_bad_file_gets_every_problem_with_its_line(harness: Harness) -> None:
    double, admin = harness.double, harness.double.manager
    bad = KILN.replace("title: Glaze", "titel: Glaze").replace("after_days: 5", "after_days: soon")
    refused = await upload(harness, admin, "kiln-glaze-fault.yaml", bad.encode())
    assert refused.ephemeral and "was not saved" in refused.content
    fenced = refused.content.split("```")[1]
    problems = [line for line in fenced.splitlines() if line]
    assert len(problems) >= 2
    assert all(PROBLEM_LINE.match(line) for line in problems), problems
    lines = {int(PROBLEM_LINE.match(line)["line"]) for line in problems}
    assert 2 in lines  # the misspelt "titel"
    assert KILN.splitlines().index("    after_days: 5") + 1 in lines
    listed = await double.slash(admin, double.guild, "server-playbooks list")
    assert "kiln-glaze-fault" not in text_of(listed)  # nothing was saved


async def test_many_problems_are_counted_and_attached_in_full(harness: Harness) -> None:
    double, admin = harness.double, harness.double.manager
    examples = "".join(f"    - unknown_{n}: x\n" for n in range(200))
    bad = KILN.replace("steps:\n", f"extras:\n{examples}steps:\n").replace("id:", "idd:")
    bad += "".join(f"stray_key_{n}: {n}\n" for n in range(150))
    refused = await upload(harness, admin, "kiln-glaze-fault.yaml", bad.encode())
    assert len(refused.content) <= 2000
    assert "more: all" in refused.content and "problems.txt" in refused.content
    attached = double.files_of(refused)["problems.txt"].decode().splitlines()
    counted = int(re.search(r"was not saved: (\d+) problems", refused.content)[1])
    assert len(attached) == counted > len(refused.content.split("```")[1].splitlines())
    assert all(PROBLEM_LINE.match(line) for line in attached)


@pytest.mark.parametrize(
    ("filename", "data", "said"),
    [
        ("notes.txt", KILN.encode(), "is not a playbook file"),
        ("kiln-glaze-fault.yaml", b"", "is empty"),
        ("kiln-glaze-fault.yaml", b"   \n\n", "is empty"),
        ("kiln-glaze-fault.yaml", KILN.replace("short.", "short, café.").encode("cp1252"), "UTF-8"),
        ("kiln-glaze-fault.yaml", b"id: [kiln\ntitle: x\n", "kiln-glaze-fault.yaml:"),
        ("kiln-glaze-fault.yaml", b"x" * 300_000, "so I didn't read it"),
    ],
)
async def test_a_file_that_is_not_a_playbook_gets_a_clear_message(
    harness: Harness, filename: str, data: bytes, said: str
) -> None:
    double, admin = harness.double, harness.double.manager
    refused = await upload(harness, admin, filename, data)
    assert refused.ephemeral and said in refused.content, refused.content
    assert await harness.service.servers.listing(double.guild.id)  # the set still reads
    assert not await harness.service.store.server_playbooks(double.guild.id)


class LostFiles(dict[int, Any]):
    """A CDN that loses every file it is given: each download answers 404."""

    def __setitem__(self, key: int, value: Any) -> None:
        pass


async def test_a_file_that_cannot_be_downloaded_changes_nothing(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    double, admin = harness.double, harness.double.manager
    monkeypatch.setattr(double, "files", LostFiles())
    refused = await upload(harness, admin, "kiln-glaze-fault.yaml", KILN.encode())
    assert "couldn't download" in refused.content and "nothing was changed" in refused.content
    assert not await harness.service.store.server_playbooks(double.guild.id)
    monkeypatch.undo()
    again = await upload(harness, admin, "kiln-glaze-fault.yaml", KILN.encode())
    assert "version 1" in text_of(again)


async def test_a_database_failure_says_nothing_was_changed(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    admin = harness.double.manager
    servers = harness.service.servers

    async def failing(*args: Any, **kwargs: Any) -> Any:
        raise OperationalError("INSERT", {}, Exception("database is locked"))

    monkeypatch.setattr(servers, "upload", failing)
    refused = await upload(harness, admin, "kiln-glaze-fault.yaml", KILN.encode())
    assert "nothing was changed" in refused.content
    assert re.search(r"mention error [A-Z0-9]{6}\.", refused.content)
    monkeypatch.undo()
    saved = await upload(harness, admin, "kiln-glaze-fault.yaml", KILN.encode())
    assert "version 1" in text_of(saved)


# --- who may ------------------------------------------------------------------------------------


async def test_only_managers_and_the_reviewer_role_may_change_playbooks(harness: Harness) -> None:
    double = harness.double
    member = double.member
    with pytest.raises(CommandNotAvailableError):  # Discord hides it from members
        await upload(harness, member, "kiln-glaze-fault.yaml", KILN.encode())
    with pytest.raises(CommandNotAvailableError):  # and from direct messages
        await double.slash(double.manager, None, "server-playbooks list")
    open_to_everyone(double)  # ... unless the server's admins show it to everyone
    refused = await upload(harness, member, "kiln-glaze-fault.yaml", KILN.encode())
    assert "Only people with Manage Server" in refused.content
    refused = await double.slash(
        member, double.guild, "server-playbooks hide", playbook="refund-request"
    )
    assert "Only people with Manage Server" in refused.content
    assert (
        await double.autocomplete(
            member, double.guild, "server-playbooks export", "playbook", "lost"
        )
        == []
    )
    assert not await harness.service.store.server_playbooks(double.guild.id)
    assert not await harness.service.store.hidden_playbooks(double.guild.id)

    reviewers = double.add_role(double.guild, "Reviewers")
    double.give_role(member, reviewers)
    await harness.service.update_server_settings(double.guild.id, reviewer_role_id=reviewers.id)
    saved = await upload(harness, member, "kiln-glaze-fault.yaml", KILN.encode())
    assert "new in this server" in text_of(saved)
    history = await double.slash(
        member, double.guild, "server-playbooks history", playbook="kiln-glaze-fault"
    )
    assert f"<@{member.id}>" in text_of(history)


# --- managing -----------------------------------------------------------------------------------


async def test_list_shows_where_each_playbook_comes_from_on_one_phone_screen(
    harness: Harness,
) -> None:
    double, admin = harness.double, harness.double.manager
    await upload(harness, admin, "kiln-glaze-fault.yaml", KILN.encode())
    await upload(harness, admin, "lost-in-transit.yaml", lost_parcel("Lost parcel (our rules)"))
    await double.slash(admin, double.guild, "server-playbooks hide", playbook="refund-request")
    listed = await double.slash(admin, double.guild, "server-playbooks list")
    shown = text_of(listed)
    assert listed.ephemeral
    for heading in ("This server's own", "Replacing a shipped one", "Hidden shipped ones"):
        assert heading in shown
    assert "kiln-glaze-fault" in shown and "Lost parcel (our rules)" in shown
    assert "Shipped, unchanged**: 39" in shown
    screen = Screen.of("list", listed.message)
    assert screen.lines <= PHONE_SCREEN and screen.chars <= 900, screen.text
    everything = await double.slash(admin, double.guild, "server-playbooks list", show="everything")
    assert "damaged-in-transit" in text_of(everything)


async def test_hide_and_show_a_shipped_playbook(harness: Harness) -> None:
    double, admin = harness.double, harness.double.manager
    hidden = await double.slash(
        admin, double.guild, "server-playbooks hide", playbook="refund-request"
    )
    assert "is hidden in this server" in hidden.content
    choices = await double.autocomplete(
        admin, double.guild, "server-playbooks show", "playbook", "ref"
    )
    assert [c["value"] for c in choices] == ["refund-request"]
    assert (
        "already hidden"
        in (
            await double.slash(
                admin, double.guild, "server-playbooks hide", playbook="refund-request"
            )
        ).content
    )
    catalog = await harness.service.servers.catalog_for(double.guild.id)
    assert "refund-request" not in catalog
    refused = await double.slash(
        admin, double.guild, "server-playbooks hide", playbook="kiln-glaze-fault"
    )
    assert "is not a shipped playbook" in refused.content
    shown = await double.slash(
        admin, double.guild, "server-playbooks show", playbook="refund-request"
    )
    assert "shows in this server again" in shown.content
    assert "refund-request" in await harness.service.servers.catalog_for(double.guild.id)


async def test_an_override_applies_here_and_removing_it_brings_the_shipped_one_back(
    harness: Harness,
) -> None:
    double, admin = harness.double, harness.double.manager
    saved = await upload(
        harness, admin, "lost-in-transit.yaml", lost_parcel("Lost parcel (our rules)")
    )
    assert "replaces the shipped “Parcel lost in transit” in this server only" in text_of(saved)
    refused = await double.slash(
        admin, double.guild, "server-playbooks hide", playbook="lost-in-transit"
    )
    assert "has its own version" in refused.content
    choices = await double.autocomplete(
        admin, double.guild, "server-playbooks hide", "playbook", "lost"
    )
    assert "lost-in-transit" not in [c["value"] for c in choices]
    choices = await double.autocomplete(
        admin, double.guild, "server-playbooks remove", "playbook", ""
    )
    assert [c["value"] for c in choices] == ["lost-in-transit"]
    removed = await double.slash(
        admin, double.guild, "server-playbooks remove", playbook="lost-in-transit"
    )
    assert "The shipped “Parcel lost in transit” applies here again" in removed.content
    listed = await harness.service.servers.listing(double.guild.id)
    assert [p.title for p in listed if p.id == "lost-in-transit"] == ["Parcel lost in transit"]
    nothing = await double.slash(
        admin, double.guild, "server-playbooks remove", playbook="lost-in-transit"
    )
    assert "nothing to remove" in nothing.content


async def test_export_gives_a_file_that_uploads_again(harness: Harness) -> None:
    double, admin = harness.double, harness.double.manager
    exported = await double.slash(
        admin, double.guild, "server-playbooks export", playbook="damaged-in-transit"
    )
    assert exported.ephemeral and "damaged-in-transit.yaml" in exported.content
    data = double.files_of(exported)["damaged-in-transit.yaml"]
    edited = re.sub(rb"(?m)^title: .*$", b"title: Broken in the post", data, count=1)
    saved = await upload(harness, admin, "damaged-in-transit.yaml", edited)
    assert "Broken in the post" in text_of(saved) and "replaces the shipped" in text_of(saved)
    again = await double.slash(
        admin, double.guild, "server-playbooks export", playbook="damaged-in-transit"
    )
    assert double.files_of(again)["damaged-in-transit.yaml"] == edited
    missing = await double.slash(
        admin, double.guild, "server-playbooks export", playbook="no-such-thing"
    )
    assert "There is no playbook" in missing.content


async def test_a_slow_export_still_arrives_with_its_file(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    double, admin = harness.double, harness.double.manager
    servers = harness.service.servers
    real_export = servers.export

    async def slow_export(*args: Any, **kwargs: Any) -> Any:
        await asyncio.sleep(answer_module.DEFER_AFTER + 0.5)
        return await real_export(*args, **kwargs)

    monkeypatch.setattr(servers, "export", slow_export)
    exported = await double.slash(
        admin, double.guild, "server-playbooks export", playbook="wrong-item", timeout=10
    )
    assert exported.deferred  # "thinking…" first, then the file in its place
    await double.wait_for(lambda: "wrong-item.yaml" in double.files_of(exported), timeout=5)
    assert double.files_of(exported)["wrong-item.yaml"].startswith(b"id: wrong-item")


async def test_history_and_revert(harness: Harness) -> None:
    double, admin = harness.double, harness.double.manager
    await upload(harness, admin, "kiln-glaze-fault.yaml", KILN.encode())
    second = KILN.replace(KILN_TITLE, "Kiln glaze trouble")
    saved = await upload(harness, admin, "kiln-glaze-fault.yaml", second.encode())
    assert "version 2" in text_of(saved)
    await double.slash(admin, double.guild, "server-playbooks remove", playbook="kiln-glaze-fault")
    history = await double.slash(
        admin, double.guild, "server-playbooks history", playbook="kiln-glaze-fault"
    )
    shown = text_of(history)
    for version in ("v1", "v2", "v3"):
        assert f"**{version}**" in shown
    assert "removed" in shown and shown.count(f"<@{admin.id}>") == 3
    refused = await double.slash(
        admin, double.guild, "server-playbooks revert", playbook="kiln-glaze-fault", version=3
    )
    assert "its removal" in refused.content
    reverted = await double.slash(
        admin, double.guild, "server-playbooks revert", playbook="kiln-glaze-fault", version=1
    )
    assert KILN_TITLE in text_of(reverted) and "version 4" in text_of(reverted)

    asked = await double.slash(admin, double.guild, "forget-me")
    await double.click(admin, asked, f"forget:{admin.id}:yes")
    history = await double.slash(
        admin, double.guild, "server-playbooks history", playbook="kiln-glaze-fault"
    )
    assert f"<@{admin.id}>" not in text_of(history)
    assert text_of(history).count("someone who left") == 4
    double.assert_mentions_disabled()


# --- back upstream ------------------------------------------------------------------------------


async def test_upstream_gives_files_and_links_that_lint_accepts(
    double: DiscordDouble, sqlite_file_url: str, tmp_path: Path
) -> None:
    async with running_bot(double, sqlite_file_url, playbook_repository=REPOSITORY) as harness:
        admin = double.manager
        empty = await double.slash(admin, double.guild, "server-playbooks upstream")
        assert "no playbooks of its own yet" in empty.content
        await upload(harness, admin, "kiln-glaze-fault.yaml", KILN.encode())
        await upload(harness, admin, "lost-in-transit.yaml", lost_parcel("Lost parcel (ours)"))
        exported = await double.slash(admin, double.guild, "server-playbooks upstream")
        await double.wait_for(lambda: len(exported.followups) == 1)
        files: dict[str, bytes] = {}
        links: dict[str, str] = {}
        for message in exported.followups:
            assert message.ephemeral
            files.update(double.files_of(message))
            for embed in message.embeds:
                for link in re.findall(r"\]\((https://[^)]+)\)", embed.get("description") or ""):
                    name = parse_qs(urlsplit(link).query)["filename"][0]
                    links[name] = link
        assert sorted(files) == ["kiln-glaze-fault.yaml", "lost-in-transit.yaml"]
        small = parse_qs(urlsplit(links["playbooks/kiln-glaze-fault.yaml"]).query)
        assert small["value"] == [KILN]  # the whole file travels in the link
        assert links["playbooks/kiln-glaze-fault.yaml"].startswith(
            f"{REPOSITORY}/new/main?filename="
        )
        big = parse_qs(urlsplit(links["playbooks/lost-in-transit.yaml"]).query)
        assert "value" not in big  # too long for a link: the page, and the attached file
        assert "too long to travel in a link" in text_of_message(exported.followups[0])
        for name, data in files.items():
            (tmp_path / name).write_bytes(data)
        linted = await asyncio.to_thread(
            subprocess.run,
            [sys.executable, "-m", "bot", "lint", str(tmp_path)],
            capture_output=True,
            text=True,
            cwd=REPO,
            env={**os.environ, "SELLER_COACH_DATA_DIR": str(tmp_path / "data")},
            timeout=120,
            check=False,
        )
        assert linted.returncode == 0, linted.stdout + linted.stderr
        assert "2 playbook(s) valid" in linted.stderr
    double.assert_clean()
