"""The Discord double, exercised by a real discord.py bot defined here.

Each test starts a fresh double on loopback and runs ``CoachBot`` (``commands.Bot`` with an
application command tree) against it, then acts as Discord users.
"""

from __future__ import annotations

import asyncio
import io
import json
import zlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import discord
import pytest
from discord import app_commands
from discord.ext import commands
from discord.http import Route

from tests.double import (
    ATTACHMENT_SIZE_LIMIT,
    MANAGE_GUILD,
    CommandNotAvailableError,
    DiscordDouble,
    InteractionTimeoutError,
    OpenAPISpecMissingError,
    Upload,
    limits,
)
from tests.double.validation import SPEC_ENV_VAR, default_spec_path, repository_root

SITUATIONS = ["late delivery", "damaged item", "wrong size", "refund request", "rude customer"]
CALLBACK_ROUTE = "/interactions/{interaction_id}/{interaction_token}/callback"


class ReplyModal(discord.ui.Modal, title="Draft your reply"):
    """An action-row text input, an optional one, and a select inside a Label."""

    text: discord.ui.TextInput[ReplyModal] = discord.ui.TextInput(
        label="Your reply", custom_id="reply:text", style=discord.TextStyle.long, max_length=500
    )
    note: discord.ui.TextInput[ReplyModal] = discord.ui.TextInput(
        label="Private note", custom_id="reply:note", required=False, max_length=100
    )
    urgency: discord.ui.Label[ReplyModal] = discord.ui.Label(
        text="Urgency",
        component=discord.ui.Select(
            custom_id="reply:urgency",
            options=[
                discord.SelectOption(label="Today", value="today"),
                discord.SelectOption(label="This week", value="week"),
            ],
        ),
    )

    async def on_submit(self, interaction: discord.Interaction) -> None:
        select = self.urgency.component
        assert isinstance(select, discord.ui.Select)
        await interaction.response.send_message(
            f"Saved reply: {self.text.value} ({select.values[0]}, note={self.note.value!r})",
            ephemeral=True,
        )


class CoachView(discord.ui.View):
    def __init__(self) -> None:
        super().__init__(timeout=60)

    @discord.ui.button(label="Next step", custom_id="coach:next", style=discord.ButtonStyle.primary)
    async def next_step(
        self, interaction: discord.Interaction, _: discord.ui.Button[CoachView]
    ) -> None:
        await interaction.response.edit_message(content="Step 2: apologise", view=self)

    @discord.ui.select(
        custom_id="coach:tone",
        placeholder="Pick a tone",
        options=[
            discord.SelectOption(label="Calm", value="calm"),
            discord.SelectOption(label="Firm", value="firm"),
            discord.SelectOption(label="Warm", value="warm"),
        ],
    )
    async def tone(
        self, interaction: discord.Interaction, select: discord.ui.Select[CoachView]
    ) -> None:
        await interaction.response.send_message(f"Tone: {select.values[0]}", ephemeral=True)

    @discord.ui.select(cls=discord.ui.UserSelect, custom_id="coach:assign", placeholder="Assign")
    async def assign(
        self, interaction: discord.Interaction, select: discord.ui.UserSelect[CoachView]
    ) -> None:
        await interaction.response.send_message(f"Assigned to {select.values[0].name}")

    @discord.ui.button(label="Draft reply", custom_id="coach:reply")
    async def reply(
        self, interaction: discord.Interaction, _: discord.ui.Button[CoachView]
    ) -> None:
        await interaction.response.send_modal(ReplyModal())


class ReviewView(discord.ui.View):
    """Persistent buttons on a message the bot posts in a channel, pressed by someone else."""

    def __init__(self) -> None:
        super().__init__(timeout=None)

    @discord.ui.button(
        label="Approve", custom_id="review:approve", style=discord.ButtonStyle.success
    )
    async def approve(
        self, interaction: discord.Interaction, _: discord.ui.Button[ReviewView]
    ) -> None:
        member = interaction.user
        assert isinstance(member, discord.Member)
        roles = ", ".join(r.name for r in member.roles)
        await interaction.response.edit_message(
            content=(
                f"Approved by {member.name} (roles: {roles}; "
                f"manage_guild={interaction.permissions.manage_guild})"
            ),
            view=None,
        )

    @discord.ui.select(cls=discord.ui.RoleSelect, custom_id="review:role", placeholder="Role")
    async def role(
        self, interaction: discord.Interaction, select: discord.ui.RoleSelect[ReviewView]
    ) -> None:
        await interaction.response.send_message(
            f"Reviewers: {select.values[0].name}", ephemeral=True
        )


def _file(data: bytes, filename: str) -> discord.File:
    return discord.File(io.BytesIO(data), filename=filename)


class CoachBot(commands.Bot):
    """A small bot touching every interaction feature the double supports."""

    def __init__(self, guild_id: int) -> None:
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=discord.Intents.default(),
            guild_ready_timeout=0.05,
            allowed_mentions=discord.AllowedMentions.none(),
        )
        self.guild_id = guild_id
        self.errors: list[BaseException] = []
        self.resumed = asyncio.Event()
        self.joined: list[int] = []
        self._add_commands()

    async def setup_hook(self) -> None:
        self.add_view(ReviewView())
        await self.tree.sync()
        await self.tree.sync(guild=discord.Object(self.guild_id))

    async def on_resumed(self) -> None:
        self.resumed.set()

    async def on_guild_join(self, guild: discord.Guild) -> None:
        self.joined.append(guild.id)

    def _add_commands(self) -> None:
        tree = self.tree

        @tree.error
        async def on_error(
            interaction: discord.Interaction, error: app_commands.AppCommandError
        ) -> None:
            self.errors.append(error)

        @tree.command(description="Check the bot answers")
        async def ping(interaction: discord.Interaction) -> None:
            await interaction.response.send_message("pong")

        @tree.command(description="Coach me through an unhappy customer")
        @app_commands.describe(situation="What happened")
        async def coach(interaction: discord.Interaction, situation: str) -> None:
            embed = discord.Embed(title="Coaching", description=f"Situation: {situation}")
            embed.add_field(name="Step 1", value="Acknowledge the problem")
            await interaction.response.send_message(
                f"Let's handle: {situation}", embed=embed, view=CoachView()
            )

        @coach.autocomplete("situation")
        async def coach_situations(
            interaction: discord.Interaction, current: str
        ) -> list[app_commands.Choice[str]]:
            if current == "everything":  # more than Discord allows
                return [app_commands.Choice(name=f"s{i}", value=f"s{i}") for i in range(30)]
            return [
                app_commands.Choice(name=s, value=s) for s in SITUATIONS if current.lower() in s
            ]

        @tree.command(description="Think before answering")
        async def think(interaction: discord.Interaction) -> None:
            await interaction.response.defer(thinking=True, ephemeral=True)
            await asyncio.sleep(0.05)
            await interaction.followup.send("Thought about it")

        @tree.command(description="Answer, then edit and follow up")
        async def later(interaction: discord.Interaction) -> None:
            await interaction.response.defer()
            await interaction.edit_original_response(content="Edited answer")
            await interaction.followup.send("One more thing", ephemeral=True)

        @tree.command(description="Send me the checklist in a DM")
        async def dm(interaction: discord.Interaction) -> None:
            await interaction.response.send_message("Sending you a DM", ephemeral=True)
            try:
                await interaction.user.send("Your checklist: listen, apologise, fix")
            except discord.Forbidden as exc:
                await interaction.followup.send(f"I can't DM you (code {exc.code})", ephemeral=True)

        @tree.command(description="Server settings")
        @app_commands.guild_only()
        @app_commands.default_permissions(manage_guild=True)
        async def settings(interaction: discord.Interaction) -> None:
            assert interaction.permissions.manage_guild
            await interaction.response.send_message(
                f"Settings for {interaction.user.name}", ephemeral=True
            )

        playbook = app_commands.Group(name="playbook", description="Playbooks")

        @playbook.command(name="show", description="Show a playbook")
        @app_commands.choices(name=[app_commands.Choice(name="Refund", value="refund")])
        async def show(
            interaction: discord.Interaction, name: app_commands.Choice[str], steps: int = 3
        ) -> None:
            await interaction.response.send_message(f"Playbook {name.value} with {steps} steps")

        tree.add_command(playbook)

        @tree.command(description="Too long on purpose, then a fallback")
        async def long(interaction: discord.Interaction) -> None:
            try:
                await interaction.response.send_message("x" * 2001)
            except discord.HTTPException as exc:
                await interaction.response.send_message(f"fallback {exc.code}")

        @tree.command(description="Embeds over the 6000 character total, then a fallback")
        async def embeds(interaction: discord.Interaction) -> None:
            big = [discord.Embed(description="y" * 4000) for _ in range(2)]
            try:
                await interaction.response.send_message(embeds=big)
            except discord.HTTPException as exc:
                await interaction.response.send_message(f"fallback {exc.code}")

        @tree.command(description="Mentions everyone")
        async def shout(interaction: discord.Interaction) -> None:
            await interaction.response.send_message(
                "@everyone hello", allowed_mentions=discord.AllowedMentions(everyone=True)
            )

        @tree.command(description="Attach a file")
        async def notes(interaction: discord.Interaction) -> None:
            await interaction.response.send_message(
                "Notes attached", file=discord.File(io.BytesIO(b"hello"), filename="notes.txt")
            )

        @tree.command(description="Read an uploaded file and send it back")
        async def upload(interaction: discord.Interaction, file: discord.Attachment) -> None:
            data = await file.read()
            await interaction.response.send_message(
                f"{file.filename}: {file.size} bytes, {file.content_type}, "
                f"ephemeral={file.ephemeral}, {data.decode()}",
                file=_file(data.upper(), f"echo-{file.filename}"),
                ephemeral=True,
            )

        @tree.command(description="Show a role and yours")
        @app_commands.guild_only()
        async def whois(interaction: discord.Interaction, role: discord.Role) -> None:
            member = interaction.user
            assert isinstance(member, discord.Member)
            mine = ", ".join(r.name for r in member.roles)
            await interaction.response.send_message(
                f"{role.name}: yours={member.get_role(role.id) is not None}; roles: {mine}; "
                f"manage_guild={interaction.permissions.manage_guild}",
                ephemeral=True,
            )

        @tree.command(description="Post a proposal for review")
        @app_commands.guild_only()
        async def review(interaction: discord.Interaction) -> None:
            await interaction.response.send_message(
                "Posted", file=_file(b"draft v1", "draft.txt"), ephemeral=True
            )
            channel = interaction.channel
            assert isinstance(channel, discord.TextChannel)
            await channel.send(
                "Please review", file=_file(b"id: proposal", "proposal.yaml"), view=ReviewView()
            )
            await interaction.user.send("Your proposal", file=_file(b"id: copy", "copy.yaml"))
            await interaction.followup.send(
                "Sent", file=_file(b"receipt", "receipt.txt"), ephemeral=True
            )

        @tree.command(description="Attach more than Discord takes, then a fallback")
        async def huge(interaction: discord.Interaction) -> None:
            try:
                await interaction.response.send_message(
                    file=_file(b"x" * (ATTACHMENT_SIZE_LIMIT + 1), "huge.bin")
                )
            except discord.HTTPException as exc:
                await interaction.response.send_message(f"fallback {exc.status} {exc.code}")

        @tree.command(description="Answers a command with an autocomplete result first")
        async def wrongtype(interaction: discord.Interaction) -> None:
            url = f"{Route.BASE}/interactions/{interaction.id}/{interaction.token}/callback"
            autocomplete_result = {"type": 8, "data": {"choices": []}}
            async with (
                aiohttp.ClientSession() as session,
                session.post(url, json=autocomplete_result) as answer,
            ):
                body = await answer.json()
            await interaction.response.send_message(f"fallback {answer.status} {body['code']}")

        @tree.command(description="Too slow")
        async def slow(interaction: discord.Interaction) -> None:
            await asyncio.sleep(0.5)
            await interaction.response.send_message("late")

        @tree.command(guild=discord.Object(self.guild_id), description="Only in the test guild")
        async def local(interaction: discord.Interaction) -> None:
            await interaction.response.send_message("local command")


@pytest.fixture
async def double() -> AsyncIterator[DiscordDouble]:
    # check_responses: every answer of the double must match the description's response
    # schemas too, so the payloads the bot parses are realistic.
    async with DiscordDouble(check_responses=True) as running_double:
        yield running_double
    assert running_double.response_problems == []


@pytest.fixture
async def bot(double: DiscordDouble) -> AsyncIterator[CoachBot]:
    client = CoachBot(double.guild.id)
    async with double.running(client, commands=True):
        yield client


# --- start-up, sync and the happy path -----------------------------------------------------------


async def test_login_sync_and_ping(double: DiscordDouble, bot: CoachBot) -> None:
    calls = [(r.method, r.route) for r in double.requests]
    assert ("GET", "/users/@me") in calls
    assert ("GET", "/oauth2/applications/@me") in calls
    assert ("PUT", "/applications/{application_id}/commands") in calls
    assert ("PUT", "/applications/{application_id}/guilds/{guild_id}/commands") in calls
    assert {c["name"] for c in double.commands()} >= {"ping", "coach", "playbook", "settings"}
    assert [c["name"] for c in double.commands(double.guild)] == ["local"]
    assert bot.get_guild(double.guild.id) is not None

    result = await double.slash(double.member, double.guild, "ping")
    assert result.callback_type == 4
    assert result.content == "pong"
    assert not result.ephemeral
    assert result.message is not None and result.message.type == 20
    assert result.latency is not None and 0 < result.latency < 3
    assert double.ack_latencies == [result.latency]

    local = await double.slash(double.manager, double.guild, "local")
    assert local.content == "local command"
    dm = await double.slash(double.member, None, "ping")
    assert dm.content == "pong" and dm.message is not None and dm.message.guild_id is None
    assert bot.errors == []
    double.assert_clean()


async def test_gateway_uses_zlib_stream_heartbeats_and_resume_url() -> None:
    async with DiscordDouble(heartbeat_interval=0.05) as double:
        client = CoachBot(double.guild.id)
        async with double.running(client):
            await double.wait_for(lambda: double.gateway.stats.heartbeats >= 3, timeout=5)
            assert client.latency < 1.0
            first = double.gateway.stats.urls[0]
            assert first.startswith("/gateway?")
            assert "compress=zlib-stream" in first and "encoding=json" in first and "v=10" in first
            assert double.gateway.stats.identifies == 1
        double.assert_clean()


async def test_gateway_plain_frames_bad_token_and_unknown_session(double: DiscordDouble) -> None:
    async with aiohttp.ClientSession() as session:
        async with session.ws_connect(double.gateway_url + "?v=10&encoding=json") as ws:
            hello = await ws.receive_json(timeout=5)
            assert hello["op"] == 10 and hello["d"]["heartbeat_interval"] > 0
            await ws.send_json({"op": 2, "d": {"token": "wrong", "intents": 0, "properties": {}}})
            closed = await ws.receive(timeout=5)
            assert closed.type is aiohttp.WSMsgType.CLOSE and closed.data == 4004
        async with session.ws_connect(
            double.gateway_url + "?v=10&encoding=json&compress=zlib-stream"
        ) as ws:
            frame = await ws.receive(timeout=5)
            assert frame.type is aiohttp.WSMsgType.BINARY and frame.data.endswith(
                b"\x00\x00\xff\xff"
            )
            assert json.loads(zlib.decompressobj().decompress(frame.data))["op"] == 10
        async with session.ws_connect(double.gateway_url + "?v=10&encoding=json") as ws:
            await ws.receive_json(timeout=5)
            resume = {"token": double.token, "session_id": "unknown", "seq": 3}
            await ws.send_json({"op": 6, "d": resume})
            invalid = await ws.receive_json(timeout=5)
            assert invalid["op"] == 9 and invalid["d"] is False
    assert double.gateway.stats.invalid_sessions == 1


async def test_guild_added_later_is_sent_as_guild_create(
    double: DiscordDouble, bot: CoachBot
) -> None:
    second = double.add_guild("Second shop")
    await double.wait_for(lambda: second.id in bot.joined, timeout=5)
    assert bot.get_guild(second.id) is not None
    result = await double.slash(double.member, second, "ping")
    assert result.message is not None and result.message.guild_id == second.id


async def test_rest_answers_exact_json_content_type_and_checks_auth(double: DiscordDouble) -> None:
    async with aiohttp.ClientSession() as session:
        headers = {"Authorization": f"Bot {double.token}"}
        async with session.get(double.api_base + "/users/@me", headers=headers) as response:
            assert response.status == 200
            assert response.headers["Content-Type"] == "application/json"
            assert (await response.json())["bot"] is True
        async with session.get(
            double.api_base + "/users/@me", headers={"Authorization": "Bot nope"}
        ) as response:
            assert response.status == 401
        url = f"{double.api_base}/channels/{double.guild.default_channel.id}/messages"
        async with session.post(url, data="hello", headers=headers) as response:
            assert response.status == 400
            assert (await response.json())["code"] == 50035
    [violation] = double.violations
    assert violation.kind == "content-type"


# --- acting as users -----------------------------------------------------------------------------


async def test_autocomplete_returns_choices(double: DiscordDouble, bot: CoachBot) -> None:
    choices = await double.autocomplete(double.member, double.guild, "coach", "situation", "re")
    assert [c["value"] for c in choices] == ["refund request"]
    assert await double.autocomplete(double.member, double.guild, "coach", "situation", "zzz") == []
    double.assert_clean()


async def test_autocomplete_with_too_many_choices_is_rejected(
    double: DiscordDouble, bot: CoachBot
) -> None:
    with pytest.raises(InteractionTimeoutError):
        await double.autocomplete(
            double.member, double.guild, "coach", "situation", "everything", timeout=1.0
        )
    # Both layers object: the description's maxItems and Discord's documented limit.
    assert {v.kind for v in double.violations} == {"openapi", "limits"}
    for violation in double.violations:
        assert ("data", "choices") in {e.path[:2] for e in violation.errors}


async def test_buttons_select_and_modal(double: DiscordDouble, bot: CoachBot) -> None:
    user = double.member
    coached = await double.slash(user, double.guild, "coach", situation="late delivery")
    assert coached.content == "Let's handle: late delivery"
    assert coached.embeds[0]["title"] == "Coaching"
    assert coached.embeds[0]["fields"][0]["name"] == "Step 1"
    assert set(coached.custom_ids()) == {"coach:next", "coach:tone", "coach:assign", "coach:reply"}
    message_id = coached.message_id
    assert message_id is not None

    stepped = await double.click(user, coached, "coach:next")
    assert stepped.callback_type == 7
    assert stepped.message_id == message_id
    assert coached.content == "Step 2: apologise"  # the same message, updated in place

    toned = await double.select(user, coached, "coach:tone", ["calm"])
    assert toned.callback_type == 4 and toned.ephemeral and toned.flags & 64
    assert toned.content == "Tone: calm"
    assigned = await double.select(user, coached, "coach:assign", [double.manager])
    assert assigned.content == "Assigned to morgan"
    with pytest.raises(ValueError, match="not options"):
        await double.select(user, coached, "coach:tone", ["furious"])
    with pytest.raises(LookupError):
        await double.click(user, coached, "coach:missing")

    opened = await double.click(user, message_id, "coach:reply")
    assert opened.callback_type == 9
    assert opened.modal is not None and opened.modal.title == "Draft your reply"
    assert set(opened.modal.fields()) == {"reply:text", "reply:note", "reply:urgency"}
    with pytest.raises(ValueError, match="characters"):
        await double.submit_modal(user, opened, {"reply:text": "z" * 501, "reply:urgency": "today"})
    with pytest.raises(KeyError):
        await double.submit_modal(user, opened, {"reply:nope": "x"})
    with pytest.raises(ValueError, match="Only the user"):
        await double.submit_modal(
            double.manager, opened, {"reply:text": "x", "reply:urgency": "today"}
        )

    saved = await double.submit_modal(
        user, opened, {"reply:text": "Sorry about that", "reply:urgency": "week"}
    )
    assert saved.ephemeral
    assert saved.content == "Saved reply: Sorry about that (week, note='')"
    assert bot.errors == []
    double.assert_clean()


async def test_deferred_response_and_followups(double: DiscordDouble, bot: CoachBot) -> None:
    thinking = await double.slash(double.member, double.guild, "think")
    assert thinking.callback_type == 5 and thinking.deferred and thinking.ephemeral
    message = thinking.message
    assert message is not None
    await double.wait_for(lambda: not message.loading, timeout=3)
    assert thinking.content == "Thought about it"
    assert thinking.followups == []  # the follow-up filled in the "thinking..." message

    later = await double.slash(double.member, double.guild, "later")
    await double.wait_for(lambda: len(later.followups) == 1, timeout=3)
    assert later.content == "Edited answer" and not later.ephemeral
    assert later.followups[0].content == "One more thing" and later.followups[0].ephemeral
    double.assert_clean()


async def test_dms_and_closed_dms(double: DiscordDouble, bot: CoachBot) -> None:
    user = double.member
    result = await double.slash(user, double.guild, "dm")
    assert result.content == "Sending you a DM"
    await double.wait_for(lambda: len(double.dms_to(user)) == 1, timeout=3)
    assert double.dms_to(user.id)[0].content.startswith("Your checklist")

    double.close_dms(user)
    blocked = await double.slash(user, double.guild, "dm")
    await double.wait_for(lambda: len(blocked.followups) == 1, timeout=3)
    assert blocked.followups[0].content == "I can't DM you (code 50007)"
    assert len(double.dms_to(user)) == 1
    statuses = [r.status for r in double.requests if r.route == "/channels/{channel_id}/messages"]
    assert statuses == [200, 403]
    double.assert_clean()


async def test_permissions_contexts_and_subcommands(double: DiscordDouble, bot: CoachBot) -> None:
    with pytest.raises(CommandNotAvailableError, match="hidden"):
        await double.slash(double.member, double.guild, "settings")
    allowed = await double.slash(double.manager, double.guild, "settings")
    assert allowed.content == "Settings for morgan"
    with pytest.raises(CommandNotAvailableError, match="DMs"):
        await double.slash(double.manager, None, "settings")
    with pytest.raises(CommandNotAvailableError, match="not registered"):
        await double.slash(double.member, double.guild, "unknown")

    shown = await double.slash(double.member, double.guild, "playbook show", name="refund", steps=5)
    assert shown.content == "Playbook refund with 5 steps"
    with pytest.raises(ValueError, match="only accepts"):
        await double.slash(double.member, double.guild, "playbook show", name="other")
    with pytest.raises(TypeError, match="missing required"):
        await double.slash(double.member, double.guild, "playbook show")
    with pytest.raises(CommandNotAvailableError, match="needs a subcommand"):
        await double.slash(double.member, double.guild, "playbook")
    assert bot.errors == []
    double.assert_clean()


async def test_attachment_via_multipart(double: DiscordDouble, bot: CoachBot) -> None:
    result = await double.slash(double.member, double.guild, "notes")
    assert result.content == "Notes attached"
    assert result.message is not None
    attachment = result.message.attachments[0]
    assert attachment["filename"] == "notes.txt" and attachment["size"] == 5
    assert attachment["content_type"] == "text/plain; charset=utf-8"
    assert "ephemeral" not in attachment
    assert double.files_of(result) == {"notes.txt": b"hello"}
    assert double.attachment_bytes(attachment) == b"hello"
    async with aiohttp.ClientSession() as session:
        for url in (attachment["url"], attachment["proxy_url"]):
            async with session.get(url) as response:
                assert response.status == 200 and await response.read() == b"hello"
    double.assert_clean()


async def _download(url: str) -> tuple[int, bytes]:
    async with aiohttp.ClientSession() as session, session.get(url) as response:
        return response.status, await response.read()


async def test_attachment_option_is_resolved_and_served(
    double: DiscordDouble, bot: CoachBot
) -> None:
    upload = Upload("refund.yaml", b"id: refund", content_type="application/x-yaml")
    result = await double.slash(double.member, double.guild, "upload", file=upload)
    # discord.py read the bytes from the attachment's URL (Attachment.read()).
    assert result.content == (
        "refund.yaml: 10 bytes, application/x-yaml, ephemeral=True, id: refund"
    )
    data = result.record.data
    [option] = data["options"]
    assert option["type"] == 11
    sent = data["resolved"]["attachments"][option["value"]]
    assert sent["id"] == option["value"] and sent["filename"] == "refund.yaml"
    assert sent["size"] == 10 and sent["ephemeral"] is True
    assert sent["content_type"] == "application/x-yaml"
    assert sent["url"].startswith(f"{double.base_url}/attachments/{option['value']}/refund.yaml?")
    assert await _download(sent["url"]) == (200, b"id: refund")
    # The bot's answer carries its own file, readable by the test.
    assert double.files_of(result) == {"echo-refund.yaml": b"ID: REFUND"}
    [echoed] = result.message.attachments if result.message else []
    assert echoed["ephemeral"] is True

    plain = await double.slash(double.member, None, "upload", file=Upload("a b.txt", b"hi"))
    assert plain.content == "a b.txt: 2 bytes, None, ephemeral=True, hi"

    missing = f"{double.base_url}/attachments/{double.snowflake()}/refund.yaml"
    assert (await _download(missing))[0] == 404
    wrong_name = sent["url"].replace("refund.yaml", "other.yaml")
    assert (await _download(wrong_name))[0] == 404
    with pytest.raises(ValueError, match="refuses files"):
        too_big = Upload("big.bin", b"x" * (ATTACHMENT_SIZE_LIMIT + 1))
        await double.slash(double.member, double.guild, "upload", file=too_big)
    with pytest.raises(TypeError, match="takes a file"):
        await double.slash(double.member, double.guild, "upload", file=b"raw bytes")
    assert bot.errors == []
    double.assert_clean()


async def test_files_over_the_size_limit_are_refused(double: DiscordDouble, bot: CoachBot) -> None:
    result = await double.slash(double.member, double.guild, "huge")
    assert result.content == "fallback 413 40005"
    [violation] = double.violations
    assert violation.kind == "limits" and "over the" in violation.detail


async def test_roles_in_guild_payloads_members_and_options(
    double: DiscordDouble, bot: CoachBot
) -> None:
    reviewers = double.add_role(double.guild, "Reviewers", permissions=MANAGE_GUILD)
    cached = bot.get_guild(double.guild.id)
    assert cached is not None
    await double.wait_for(lambda: cached.get_role(reviewers.id) is not None, timeout=5)
    assert cached.get_role(reviewers.id).permissions.manage_guild  # type: ignore[union-attr]

    before = await double.slash(double.member, double.guild, "whois", role=reviewers)
    assert before.content == "Reviewers: yours=False; roles: @everyone; manage_guild=False"
    double.give_role(double.member, reviewers)
    assert double.roles_of(double.member, double.guild) == [reviewers]
    after = await double.slash(double.member, double.guild, "whois", role=reviewers.id)
    assert after.content == (
        "Reviewers: yours=True; roles: @everyone, Reviewers; manage_guild=True"
    )
    [option] = after.record.data["options"]
    assert option == {"name": "role", "type": 8, "value": str(reviewers.id)}
    assert after.record.data["resolved"]["roles"][str(reviewers.id)]["name"] == "Reviewers"

    member = await cached.fetch_member(double.member.id)  # GET /guilds/{id}/members/{id}
    assert [r.name for r in member.roles] == ["@everyone", "Reviewers"]
    fetched = await bot.fetch_guild(double.guild.id)  # GET /guilds/{id}
    assert [r.name for r in fetched.roles] == ["@everyone", "Reviewers"]
    assert [r.name for r in await cached.fetch_roles()] == ["@everyone", "Reviewers"]

    double.take_role(double.member, reviewers)
    taken = await double.slash(double.member, double.guild, "whois", role=reviewers)
    assert taken.content == "Reviewers: yours=False; roles: @everyone; manage_guild=False"

    elsewhere = double.add_role(double.add_guild("Other shop"), "Elsewhere")
    with pytest.raises(ValueError, match="not a role of this guild"):
        await double.slash(double.member, double.guild, "whois", role=elsewhere)
    with pytest.raises(TypeError, match="takes a role"):
        await double.slash(double.member, double.guild, "whois", role=double.member)
    with pytest.raises(ValueError, match="@everyone"):
        double.give_role(double.member, double.guild.everyone)
    with pytest.raises(LookupError):
        double.give_role(double.member, double.snowflake())
    assert bot.errors == []
    double.assert_clean()


async def test_role_changes_reach_a_bot_with_the_members_intent(double: DiscordDouble) -> None:
    intents = discord.Intents.default()
    intents.members = True
    client = discord.Client(intents=intents, guild_ready_timeout=0.05)
    async with double.running(client):
        guild = client.get_guild(double.guild.id)
        assert guild is not None
        role = double.add_role(double.guild, "Helpers")  # GUILD_ROLE_CREATE
        await double.wait_for(lambda: guild.get_role(role.id) is not None, timeout=5)

        def cached_roles() -> list[str]:
            member = guild.get_member(double.member.id)
            return [r.name for r in member.roles] if member else []

        double.give_role(double.member, role)  # GUILD_MEMBER_UPDATE
        await double.wait_for(lambda: cached_roles() == ["@everyone", "Helpers"], timeout=5)
        double.take_role(double.member, role)
        await double.wait_for(lambda: cached_roles() == ["@everyone"], timeout=5)
    double.assert_clean()


async def test_files_the_bot_sends_and_buttons_another_member_presses(
    double: DiscordDouble, bot: CoachBot
) -> None:
    reviewers = double.add_role(double.guild, "Reviewers")
    reviewer = double.add_user("riley")
    double.give_role(reviewer, reviewers)
    cached = bot.get_guild(double.guild.id)
    assert cached is not None
    await double.wait_for(lambda: cached.get_role(reviewers.id) is not None, timeout=5)

    seller = double.member
    posted = await double.slash(seller, double.guild, "review")
    assert double.files_of(posted) == {"draft.txt": b"draft v1"}
    await double.wait_for(lambda: len(posted.followups) == 1, timeout=5)
    assert double.files_of(posted.followups[0]) == {"receipt.txt": b"receipt"}
    [dm] = double.dms_to(seller)
    assert double.files_of(dm) == {"copy.yaml": b"id: copy"}
    [proposal] = [m for m in double.messages_in(double.guild.default_channel.id) if not m.ephemeral]
    assert proposal.content == "Please review" and proposal.interaction_user is None
    assert double.files_of(proposal) == {"proposal.yaml": b"id: proposal"}
    assert await _download(proposal.attachments[0]["url"]) == (200, b"id: proposal")

    chosen = await double.select(reviewer, proposal, "review:role", [reviewers])
    assert chosen.content == "Reviewers: Reviewers"
    with pytest.raises(ValueError, match="not a role"):
        await double.select(reviewer, proposal, "review:role", [reviewer])

    approved = await double.click(reviewer, proposal, "review:approve")
    assert approved.callback_type == 7 and approved.message is proposal
    assert proposal.content == "Approved by riley (roles: @everyone, Reviewers; manage_guild=False)"
    assert proposal.components == []
    member = approved.record  # what Discord sent with the click
    assert member.user is reviewer and member.guild is double.guild
    assert bot.errors == []
    double.assert_clean()


async def test_many_users_at_once(double: DiscordDouble, bot: CoachBot) -> None:
    users = [double.add_user(f"user{i}") for i in range(40)]
    results = await asyncio.gather(*(double.slash(u, double.guild, "ping") for u in users))
    assert all(r.content == "pong" for r in results)
    summary = double.latency_summary()
    assert summary["count"] == 40
    assert 0 < summary["median"] <= summary["p99"] <= summary["max"] < 3
    double.assert_clean()


# --- validation ----------------------------------------------------------------------------------


async def test_message_content_over_limit_is_rejected(double: DiscordDouble, bot: CoachBot) -> None:
    result = await double.slash(double.member, double.guild, "long")
    assert result.content == "fallback 50035"
    assert {v.kind for v in double.violations} == {"openapi", "limits"}
    for violation in double.violations:
        assert violation.path.endswith("/callback")
        assert [e.path for e in violation.errors] == [("data", "content")]
    with pytest.raises(AssertionError, match="violations"):
        double.assert_no_violations()


async def test_embed_total_over_limit_is_rejected_by_discord_limits(
    double: DiscordDouble, bot: CoachBot
) -> None:
    result = await double.slash(double.member, double.guild, "embeds")
    assert result.content == "fallback 50035"
    [violation] = double.violations
    assert violation.kind == "limits"  # each embed alone is valid for the OpenAPI description
    assert [e.code for e in violation.errors] == ["MAX_EMBED_SIZE_EXCEEDED"]
    assert violation.errors[0].path == ("data", "embeds")


async def test_mentions_audit_flags_pings(double: DiscordDouble, bot: CoachBot) -> None:
    await double.slash(double.member, double.guild, "ping")
    double.assert_mentions_disabled()
    await double.slash(double.member, double.guild, "shout")
    with pytest.raises(AssertionError, match="allowed_mentions"):
        double.assert_mentions_disabled()
    assert [m.disabled for m in double.mention_audit] == [True, False]


async def test_openapi_violation_and_unknown_route(double: DiscordDouble, bot: CoachBot) -> None:
    channel = double.guild.default_channel
    route = Route("POST", "/channels/{channel_id}/messages", channel_id=channel.id)
    with pytest.raises(discord.HTTPException) as caught:
        await bot.http.request(route, json={"content": 5})
    assert caught.value.status == 400 and caught.value.code == 50035
    [violation] = double.violations
    assert violation.kind == "openapi"
    assert violation.errors[0].path == ("content",)

    with pytest.raises(discord.NotFound):
        await bot.http.request(Route("GET", "/no/such/route"))
    assert double.unknown_routes == ["GET /no/such/route"]
    with pytest.raises(AssertionError):
        double.assert_no_unknown_routes()


async def test_command_limits_are_enforced_on_sync(double: DiscordDouble, bot: CoachBot) -> None:
    bad = [
        {"name": "Bad Name", "description": "ok", "type": 1},
        {"name": "fine", "description": "d" * 101, "type": 1},
        {
            "name": "many",
            "description": "too many options",
            "type": 1,
            "options": [{"name": f"o{i}", "description": "x", "type": 3} for i in range(26)],
        },
        {
            "name": "choices",
            "description": "too many choices",
            "type": 1,
            "options": [
                {
                    "name": "pick",
                    "description": "x",
                    "type": 3,
                    "choices": [{"name": f"c{i}", "value": f"c{i}"} for i in range(26)],
                }
            ],
        },
    ]
    with pytest.raises(discord.HTTPException) as caught:
        await bot.http.bulk_upsert_global_commands(double.application_id, bad)
    assert caught.value.code == 50035
    errors = {e.path for v in double.violations for e in v.errors}
    assert ("0", "name") in {tuple(map(str, p)) for p in errors}
    assert ("1", "description") in {tuple(map(str, p)) for p in errors}
    assert ("2", "options") in {tuple(map(str, p)) for p in errors}
    assert ("3", "options", "0", "choices") in {tuple(map(str, p)) for p in errors}
    assert {c["name"] for c in double.commands()} >= {"ping"}  # nothing was replaced


async def test_callback_protocol(double: DiscordDouble, bot: CoachBot) -> None:
    result = await double.slash(double.member, double.guild, "wrongtype")
    assert result.content == "fallback 400 50035"
    [violation] = double.violations
    assert violation.kind == "protocol"
    assert violation.errors[0].code == "INTERACTION_CALLBACK_TYPE_INVALID"

    record = result.record
    url = f"{double.api_base}/interactions/{record.id}/{record.token}/callback"
    async with aiohttp.ClientSession() as session:
        again = {"type": 4, "data": {"content": "again"}}
        async with session.post(url, json=again) as answer:
            assert answer.status == 400
            assert (await answer.json())["code"] == 40060
        forged = url.replace(record.token, "forged")
        async with session.post(forged, json={"type": 1}) as answer:
            assert answer.status == 404
            assert (await answer.json())["code"] == 10062
    assert result.content == "fallback 400 50035"


async def test_late_callback_is_unknown_interaction() -> None:
    async with DiscordDouble(interaction_deadline=0.2) as double:
        client = CoachBot(double.guild.id)
        async with double.running(client, commands=True):
            with pytest.raises(InteractionTimeoutError):
                await double.slash(double.member, double.guild, "slow", timeout=1.0)
            await double.wait_for(lambda: bool(double.violations), timeout=2)
            assert double.violations[0].kind == "deadline"
            await double.wait_for(lambda: bool(client.errors), timeout=2)
            original = getattr(client.errors[0], "original", None)
            assert isinstance(original, discord.NotFound) and original.code == 10062


# --- faults --------------------------------------------------------------------------------------


async def test_drop_gateway_resumes_and_replays(double: DiscordDouble, bot: CoachBot) -> None:
    assert double.drop_gateway()
    assert not double.gateway.connected
    result = await double.slash(double.member, double.guild, "ping")  # dispatched while away
    assert result.content == "pong"
    await asyncio.wait_for(bot.resumed.wait(), timeout=5)
    stats = double.gateway.stats
    assert stats.resumes == 1 and stats.identifies == 1 and stats.drops == 1
    assert stats.urls[-1].startswith("/gateway/resume?")
    again = await double.slash(double.member, double.guild, "ping")
    assert again.content == "pong"
    double.assert_clean()


async def test_rate_limited_callback_is_retried(double: DiscordDouble, bot: CoachBot) -> None:
    fault = double.rate_limit_next("POST", "/interactions/*/*/callback", retry_after=0.3)
    result = await double.slash(double.member, double.guild, "ping")
    assert result.content == "pong"
    assert result.latency is not None and result.latency >= 0.3
    assert len(fault.hits) == 1 and fault.count == 0
    assert [r.status for r in double.requests if r.route == CALLBACK_ROUTE] == [429, 200]
    double.assert_clean()


async def test_rate_limited_bot_route_is_retried(double: DiscordDouble, bot: CoachBot) -> None:
    double.rate_limit_next("POST", "/channels/{channel_id}/messages", retry_after=0.2)
    await double.slash(double.member, double.guild, "dm")
    await double.wait_for(lambda: len(double.dms_to(double.member)) == 1, timeout=5)
    statuses = [r.status for r in double.requests if r.route == "/channels/{channel_id}/messages"]
    assert statuses == [429, 200]
    double.assert_clean()


async def test_server_error_is_retried(double: DiscordDouble, bot: CoachBot) -> None:
    fault = double.fail_next("POST", "/channels/*/messages", status=502)
    await double.slash(double.member, double.guild, "dm")
    await double.wait_for(lambda: len(double.dms_to(double.member)) == 1, timeout=5)
    assert fault.hits and fault.count == 0
    statuses = [r.status for r in double.requests if r.route == "/channels/{channel_id}/messages"]
    assert statuses == [502, 200]
    double.assert_clean()


# --- the OpenAPI description ---------------------------------------------------------------------


async def test_missing_spec_fails_loudly(tmp_path: Path) -> None:
    double = DiscordDouble(spec_path=tmp_path / "missing.json")
    with pytest.raises(OpenAPISpecMissingError, match="refuses to run"):
        await double.start()


def test_spec_location(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(SPEC_ENV_VAR, raising=False)
    bundled = repository_root() / "tests" / "double" / "discord-api-spec" / "openapi.json.gz"
    assert default_spec_path() == bundled
    assert bundled.is_file()
    assert (bundled.parent / "LICENSE").read_text().startswith("MIT License")
    monkeypatch.setenv(SPEC_ENV_VAR, str(tmp_path / "spec.json"))
    assert default_spec_path() == tmp_path / "spec.json"


# --- Discord's limits, directly ------------------------------------------------------------------

_BUTTON: dict[str, Any] = {"type": 2, "style": 1, "label": "a", "custom_id": "a"}
_ROW: dict[str, Any] = {"type": 1, "components": [_BUTTON]}


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        ({"content": "x" * 2001}, "BASE_TYPE_MAX_LENGTH"),
        ({"embeds": [{"title": "t"}] * 11}, "BASE_TYPE_MAX_LENGTH"),
        ({"embeds": [{"title": "t" * 257}]}, "BASE_TYPE_MAX_LENGTH"),
        ({"embeds": [{"description": "d" * 4097}]}, "BASE_TYPE_MAX_LENGTH"),
        ({"embeds": [{"fields": [{"name": "n", "value": "v"}] * 26}]}, "BASE_TYPE_MAX_LENGTH"),
        ({"embeds": [{"fields": [{"name": "n" * 257, "value": "v"}]}]}, "BASE_TYPE_MAX_LENGTH"),
        ({"embeds": [{"fields": [{"name": "n", "value": "v" * 1025}]}]}, "BASE_TYPE_MAX_LENGTH"),
        ({"embeds": [{"footer": {"text": "f" * 2049}}]}, "BASE_TYPE_MAX_LENGTH"),
        ({"embeds": [{"author": {"name": "a" * 257}}]}, "BASE_TYPE_MAX_LENGTH"),
        (
            {"embeds": [{"description": "d" * 3000}, {"description": "d" * 3001}]},
            "MAX_EMBED_SIZE_EXCEEDED",
        ),
        ({"components": [_ROW] * 6}, "BASE_TYPE_MAX_LENGTH"),
        (
            {
                "components": [
                    {
                        "type": 1,
                        "components": [dict(_BUTTON, custom_id=str(i)) for i in range(6)],
                    }
                ]
            },
            "BASE_TYPE_BAD_LENGTH",
        ),
        (
            {
                "components": [
                    {
                        "type": 1,
                        "components": [
                            {
                                "type": 3,
                                "custom_id": "s",
                                "options": [{"label": "a", "value": "a"}],
                            },
                            {"type": 2, "style": 1, "label": "b", "custom_id": "b"},
                        ],
                    }
                ]
            },
            "COMPONENT_LAYOUT_WIDTH_EXCEEDED",
        ),
        ({"components": [_ROW, _ROW]}, "COMPONENT_CUSTOM_ID_DUPLICATED"),
        (
            {
                "components": [
                    {
                        "type": 1,
                        "components": [
                            {"type": 2, "style": 1, "label": "a", "custom_id": "c" * 101}
                        ],
                    }
                ]
            },
            "BASE_TYPE_BAD_LENGTH",
        ),
        (
            {
                "components": [
                    {
                        "type": 1,
                        "components": [
                            {"type": 2, "style": 1, "label": "l" * 81, "custom_id": "c"}
                        ],
                    }
                ]
            },
            "BASE_TYPE_MAX_LENGTH",
        ),
        (
            {
                "components": [
                    {
                        "type": 1,
                        "components": [
                            {
                                "type": 3,
                                "custom_id": "s",
                                "options": [{"label": str(i), "value": str(i)} for i in range(26)],
                            }
                        ],
                    }
                ]
            },
            "BASE_TYPE_BAD_LENGTH",
        ),
        (
            {
                "components": [
                    {
                        "type": 1,
                        "components": [
                            {
                                "type": 3,
                                "custom_id": "s",
                                "placeholder": "p" * 151,
                                "options": [{"label": "a", "value": "a"}],
                            }
                        ],
                    }
                ]
            },
            "BASE_TYPE_MAX_LENGTH",
        ),
        (
            {
                "components": [
                    {
                        "type": 1,
                        "components": [
                            {
                                "type": 3,
                                "custom_id": "s",
                                "options": [{"label": "a", "value": "v" * 101, "description": "d"}],
                            }
                        ],
                    }
                ]
            },
            "BASE_TYPE_BAD_LENGTH",
        ),
        ({}, "EMPTY_MESSAGE"),
    ],
)
def test_message_limits(payload: dict[str, Any], code: str) -> None:
    assert code in {e.code for e in limits.check_message(payload)}


def test_valid_message_passes_limits() -> None:
    payload = {
        "content": "c" * 2000,
        "embeds": [
            {
                "title": "t" * 256,
                "description": "d" * 4096,
                "fields": [{"name": "n", "value": "v"}] * 25,
            }
        ],
        "components": [
            _ROW,
            {
                "type": 1,
                "components": [
                    {"type": 3, "custom_id": "s", "options": [{"label": "a", "value": "a"}]}
                ],
            },
            {
                "type": 1,
                "components": [
                    {"type": 2, "style": 5, "label": "docs", "url": "https://example.com"}
                ],
            },
        ],
    }
    assert limits.check_message(payload) == []


def _modal(*components: dict[str, Any], title: str = "Title") -> dict[str, Any]:
    return {"custom_id": "m", "title": title, "components": list(components)}


def _text(custom_id: str = "t", **extra: Any) -> dict[str, Any]:
    return {
        "type": 1,
        "components": [{"type": 4, "custom_id": custom_id, "style": 1, "label": "L", **extra}],
    }


@pytest.mark.parametrize(
    ("modal", "code"),
    [
        (_modal(_text(), title="t" * 46), "BASE_TYPE_BAD_LENGTH"),
        (_modal(*[_text(str(i)) for i in range(6)]), "BASE_TYPE_BAD_LENGTH"),
        (_modal(_text(label="l" * 46)), "BASE_TYPE_MAX_LENGTH"),
        (_modal(_text(max_length=4001)), "NUMBER_TYPE_OUT_OF_RANGE"),
        (_modal(_text(min_length=-1)), "NUMBER_TYPE_OUT_OF_RANGE"),
        (_modal(_text(value="v" * 4001)), "BASE_TYPE_MAX_LENGTH"),
        (_modal(_text(placeholder="p" * 101)), "BASE_TYPE_MAX_LENGTH"),
        (_modal(_text("c" * 101)), "BASE_TYPE_BAD_LENGTH"),
        (
            _modal(
                {
                    "type": 18,
                    "label": "l" * 46,
                    "component": {"type": 4, "custom_id": "t", "style": 1},
                }
            ),
            "BASE_TYPE_BAD_LENGTH",
        ),
        (_modal({"type": 2, "style": 1, "label": "b", "custom_id": "b"}), "UNION_TYPE_CHOICES"),
    ],
)
def test_modal_limits(modal: dict[str, Any], code: str) -> None:
    assert code in {e.code for e in limits.check_modal(modal)}


def test_valid_modal_and_choices_pass() -> None:
    label = {"type": 18, "label": "Urgency", "component": {"type": 4, "custom_id": "u", "style": 2}}
    assert limits.check_modal(_modal(_text("a"), label)) == []
    assert limits.check_choices([{"name": "n" * 100, "value": "v" * 100}] * 25) == []


@pytest.mark.parametrize(
    "choices",
    [
        [{"name": "n", "value": "v"}] * 26,
        [{"name": "", "value": "v"}],
        [{"name": "n" * 101, "value": "v"}],
        [{"name": "n", "value": "v" * 101}],
    ],
)
def test_autocomplete_limits(choices: list[dict[str, Any]]) -> None:
    assert limits.check_choices(choices)


@pytest.mark.parametrize(
    ("command", "code"),
    [
        ({"name": "Upper", "description": "d"}, "APPLICATION_COMMAND_INVALID_NAME"),
        ({"name": "has space", "description": "d"}, "APPLICATION_COMMAND_INVALID_NAME"),
        ({"name": "x" * 33, "description": "d"}, "APPLICATION_COMMAND_INVALID_NAME"),
        ({"name": "ok", "description": ""}, "BASE_TYPE_BAD_LENGTH"),
        (
            {
                "name": "ok",
                "description": "d",
                "options": [{"name": "Bad", "description": "d", "type": 3}],
            },
            "APPLICATION_COMMAND_INVALID_NAME",
        ),
        (
            {
                "name": "ok",
                "description": "d",
                "options": [
                    {"name": "a", "description": "d", "type": 3},
                    {"name": "b", "description": "d", "type": 3, "required": True},
                ],
            },
            "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID",
        ),
        (
            {"name": "Ctx Menu", "type": 2, "description": "no"},
            "APPLICATION_COMMAND_DESCRIPTION_NOT_EMPTY",
        ),
    ],
)
def test_command_limits(command: dict[str, Any], code: str) -> None:
    assert code in {e.code for e in limits.check_commands([command])}


def test_valid_commands_pass() -> None:
    commands_ok = [
        {"name": "coach-ä_1", "description": "d" * 100, "type": 1},
        {"name": "Report Message", "description": "", "type": 3},
    ]
    assert limits.check_commands(commands_ok) == []
    assert limits.check_commands([commands_ok[0], commands_ok[0]])  # duplicate names
