"""``/server-playbooks``: a server's own set of playbooks, managed on Discord.

People with Manage Server, or the reviewer role the server names, upload playbook files (which
add a playbook or override a shipped one in this server only), hide and show shipped ones,
remove their own, export any as YAML, see and go back through the versions, and export the
server's playbooks with links that propose them for the shipped set.

Discord hides the commands from everyone without Manage Server, but a server's admins can
change that, so every use is checked here too. Every answer is private.
"""

from __future__ import annotations

import contextlib
import io
import logging
from collections.abc import AsyncIterator, Sequence
from typing import TYPE_CHECKING, Any

import aiohttp
import discord
from discord import app_commands
from discord.ext import commands
from sqlalchemy.exc import SQLAlchemyError

from bot.community import (
    MAX_UPLOAD_BYTES,
    GuildCatalog,
    ListedPlaybook,
    Origin,
    ServerPlaybooks,
    UploadOutcome,
)
from bot.core.loader import PLAYBOOK_SUFFIXES
from bot.core.models import CATEGORY_NAMES, Playbook
from bot.core.upstream import new_file_link, new_file_page
from bot.exts import render
from bot.exts.answer import Answer, answering
from bot.exts.common import may_manage
from bot.exts.library import overview_blocks
from bot.failures import new_error_id, redacted_traceback
from bot.service import ServiceError

if TYPE_CHECKING:
    from bot.app import SellerCoachBot
    from bot.storage.records import ServerPlaybookRecord

log = logging.getLogger(__name__)

COMMAND = "server-playbooks"
#: Where shipped playbooks live in the repository (the upstream links create files there).
UPSTREAM_FOLDER = "playbooks"
#: The most versions a history shows (the newest).
HISTORY_SHOWN = 15
#: The longest a problem is shown in the message (each is in full in the attached list).
PROBLEM_SHOWN = 300
#: The most attachments Discord takes on one message.
FILES_PER_MESSAGE = 10
#: A code fence inside a problem would end ours early: shown with look-alike quotes instead.
FENCE = "```"
FENCE_LOOKALIKE = "ˋˋˋ"

NOT_IN_A_SERVER = "Server playbooks belong to a server: use this command in one."
NOT_ALLOWED = (
    "Only people with Manage Server, or the server's reviewer role, can change its playbooks."
)

ORIGIN_NAMES = {
    Origin.SERVER: "This server's own",
    Origin.OVERRIDING: "Replacing a shipped one",
    Origin.HIDDEN: "Hidden shipped ones",
}

#: Which playbooks each command's ``playbook`` option offers.
OFFERED: dict[str, frozenset[Origin]] = {
    "hide": frozenset({Origin.SHIPPED}),
    "show": frozenset({Origin.HIDDEN}),
    "remove": frozenset({Origin.SERVER, Origin.OVERRIDING}),
    "history": frozenset({Origin.SERVER, Origin.OVERRIDING}),
    "revert": frozenset({Origin.SERVER, Origin.OVERRIDING}),
}


# --- checks --------------------------------------------------------------------------------------


async def managed_guild(interaction: discord.Interaction[SellerCoachBot]) -> int:
    """The server whose playbooks this interaction may change; ServiceError otherwise."""
    guild_id = interaction.guild_id
    if guild_id is None:
        raise ServiceError(NOT_IN_A_SERVER)
    if not await may_manage(interaction):
        raise ServiceError(NOT_ALLOWED)
    return guild_id


@contextlib.asynccontextmanager
async def saving(answer: Answer, name: str) -> AsyncIterator[None]:
    """Run a read or change of the server's playbooks; when the database fails, say that nothing
    was changed (a change is saved whole or not at all) and log it with an error id."""
    try:
        yield
    except SQLAlchemyError as error:
        error_id = new_error_id()
        log.error(
            "error %s: the database failed in %s\n%s", error_id, name, redacted_traceback(error)
        )
        await answer.send(
            "The database didn't answer, so nothing was changed. Please try again in a minute; "
            f"if it keeps happening, mention error {error_id}."
        )


# --- what the admin reads ------------------------------------------------------------------------


def code(text: str) -> str:
    """``text`` as inline code (an id or a file name from a file)."""
    return "`" + text.replace("`", "ˋ") + "`"


def problems_message(
    source: str,
    problems: Sequence[str],
    *,
    verb: str = "saved",
    advice: str = "Fix them and upload the file again.",
) -> dict[str, Any]:
    """Every problem as ``file:line:col: message`` in a code block; those that do not fit in one
    message are counted, and then every one of them is in an attached text file."""
    count = len(problems)
    head = f"{code(source)} was not {verb}: {render.counted(count, 'problem')}. "
    head += advice
    lines = [" ".join(p.split()).replace(FENCE, FENCE_LOOKALIKE) for p in problems]
    budget = render.MESSAGE_CONTENT - len(head) - 120
    shown: list[str] = []
    used = 0
    for line in (render.clip(line, PROBLEM_SHOWN) for line in lines):
        if used + len(line) + 1 > budget:
            break
        shown.append(line)
        used += len(line) + 1
    content = f"{head}\n{FENCE}\n" + "\n".join(shown) + f"\n{FENCE}"
    message: dict[str, Any] = {}
    attach = True
    if len(shown) < count:
        content += f"…and {count - len(shown)} more: all {count} are in the attached problems.txt."
    elif any(len(line) > PROBLEM_SHOWN for line in lines):
        content += "Each in full is in the attached problems.txt."
    else:
        attach = False
    if attach:
        full = "\n".join(lines) + "\n"
        message["file"] = discord.File(io.BytesIO(full.encode()), filename="problems.txt")
    message["content"] = content
    return message


def applies_to(playbook: Playbook) -> str:
    """What situation the playbook is for: its kind and two of the phrasings it is matched by."""
    examples = ", ".join(f"“{render.clip(e, 60)}”" for e in playbook.match.examples[:2])
    return f"**Applies to** {CATEGORY_NAMES[playbook.category]}, e.g. {examples}"


def where_it_applies(outcome: UploadOutcome, shipped_title: str | None) -> str:
    version = f" · version {outcome.version}" if outcome.version is not None else ""
    if outcome.origin is Origin.OVERRIDING:
        replaced = f" “{shipped_title}”" if shipped_title else ""
        return f"**Now** replaces the shipped{replaced} in this server only{version}."
    return f"**Now** new in this server, and only here{version}."


def preview_message(
    playbook: Playbook, outcome: UploadOutcome, shipped_title: str | None, *, lead: str
) -> dict[str, Any]:
    """A saved playbook as the admin checks it: where it applies, what it is for, its moves."""
    blocks = [f"{lead} {where_it_applies(outcome, shipped_title)}", applies_to(playbook)]
    blocks += overview_blocks(playbook)
    return {"embeds": render.pack(playbook.title, blocks)}


def listing_blocks(listed: Sequence[ListedPlaybook], *, everything: bool) -> list[str]:
    """The server's set by where each playbook comes from: its own, the shipped ones it replaces
    or hides, in full; the shipped ones it leaves alone by count unless ``everything``."""
    blocks: list[str] = []
    for origin in (Origin.SERVER, Origin.OVERRIDING, Origin.HIDDEN):
        group = [p for p in listed if p.origin is origin]
        if not group:
            continue
        lines = []
        for playbook in group:
            version = f" · v{playbook.version}" if playbook.version is not None else ""
            lines.append(f"• {render.clip(playbook.title, 40)} {code(playbook.id)}{version}")
        blocks.append(f"**{ORIGIN_NAMES[origin]}** ({len(group)})\n" + "\n".join(lines))
    shipped = [p for p in listed if p.origin is Origin.SHIPPED]
    if not blocks:
        blocks.append("No changes here yet: this server uses the shipped set as it is.")
    if everything:
        ids = " · ".join(sorted(p.id for p in shipped))
        blocks.append(f"**Shipped, unchanged** ({len(shipped)})\n{ids}")
    else:
        blocks.append(
            f"**Shipped, unchanged**: {len(shipped)}. "
            f"`/{COMMAND} list show:everything` lists them too."
        )
    return blocks


def history_blocks(records: Sequence[ServerPlaybookRecord]) -> list[str]:
    """The versions, newest first: when, by whom (never pinging), and which were removals."""
    lines = []
    newest = records[-1].version if records else None
    for record in reversed(records[-HISTORY_SHOWN:]):
        who = f"<@{record.author_id}>" if record.author_id is not None else "someone who left"
        when = discord.utils.format_dt(record.created_at, "R")
        what = " · removed" if record.removed else ""
        now = " · current" if record.version == newest and not record.removed else ""
        lines.append(f"**v{record.version}** {when} by {who}{what}{now}")
    blocks = ["\n".join(lines)]
    if len(records) > HISTORY_SHOWN:
        blocks.append(f"…and {render.counted(len(records) - HISTORY_SHOWN, 'earlier version')}.")
    blocks.append(f"Go back to one with `/{COMMAND} revert`.")
    return blocks


def playbook_file(filename: str, content: bytes) -> discord.File:
    return discord.File(io.BytesIO(content), filename=filename)


def upstream_embed(repository: str | None, filename: str, content: bytes) -> discord.Embed:
    """One exported file with a link to the repository's new-file page: prefilled with the file
    when it fits in a link Discord shows, else with its name only (paste the attached file)."""
    path = f"{UPSTREAM_FOLDER}/{filename}"
    if repository is None:
        description = (
            f"{code(filename)}: attached. No repository is set for links (PLAYBOOK_REPOSITORY), "
            f"so add it to `{UPSTREAM_FOLDER}/` in a pull request yourself."
        )
        return discord.Embed(description=description, colour=render.COLOUR)
    prefix = f"[Propose {code(filename)}]("
    suffix = ") for the shipped set: the page opens with the file filled in."
    room = render.EMBED_DESCRIPTION - len(prefix) - len(suffix)
    link = new_file_link(repository, path, content.decode("utf-8"), max_length=room)
    if link is not None:
        description = f"{prefix}{link}{suffix}"
    else:
        page = new_file_page(repository, path)
        description = (
            f"{code(filename)} is too long to travel in a link: [open the new-file page]({page}) "
            "and paste in the attached file."
        )
    return discord.Embed(description=description, colour=render.COLOUR)


def upstream_batches(
    repository: str | None, files: Sequence[tuple[str, bytes]]
) -> list[list[tuple[discord.Embed, discord.File]]]:
    """Each file with its link, grouped into messages within Discord's limits (10 files, 10
    embeds, 6,000 characters of embeds)."""
    batches: list[list[tuple[discord.Embed, discord.File]]] = []
    size = 0
    for filename, content in files:
        embed = upstream_embed(repository, filename, content)
        if (
            not batches
            or len(batches[-1]) == FILES_PER_MESSAGE
            or size + len(embed) > render.EMBED_TOTAL
        ):
            batches.append([])
            size = 0
        batches[-1].append((embed, playbook_file(filename, content)))
        size += len(embed)
    return batches


# --- the commands --------------------------------------------------------------------------------


async def playbook_choices(
    interaction: discord.Interaction[SellerCoachBot], current: str
) -> list[app_commands.Choice[str]]:
    """Playbooks of the server's set that the command being typed acts on.

    Autocomplete cannot show a message, so a failure offers no choices and is logged."""
    try:
        if interaction.guild_id is None or not await may_manage(interaction):
            return []
        name = interaction.command.name if interaction.command else "export"
        offered = OFFERED.get(name, frozenset(Origin))
        listed = await interaction.client.service.servers.listing(interaction.guild_id)
    except Exception as error:
        log.error("error %s in autocomplete\n%s", new_error_id(), redacted_traceback(error))
        return []
    typed = current.strip().lower()
    choices = []
    for playbook in listed:
        if playbook.origin not in offered:
            continue
        if typed and typed not in playbook.id and typed not in playbook.title.lower():
            continue
        label = render.clip(f"{playbook.title} ({playbook.id})", 100)
        choices.append(app_commands.Choice(name=label, value=playbook.id[:100]))
        if len(choices) == 25:
            break
    return choices


class ServerPlaybooksCog(commands.Cog):
    """``/server-playbooks upload | list | hide | show | remove | export | history | revert |
    upstream``."""

    group = app_commands.Group(
        name=COMMAND,
        description="This server's own playbooks (Manage Server or the reviewer role)",
        guild_only=True,
        default_permissions=discord.Permissions(manage_guild=True),
    )

    def __init__(self, bot: SellerCoachBot) -> None:
        self.bot = bot

    @property
    def servers(self) -> ServerPlaybooks:
        return self.bot.service.servers

    def shipped_title(self, playbook_id: str) -> str | None:
        summary = self.bot.service.catalog.summary(playbook_id)
        return summary.title if summary is not None else None

    async def show_outcome(
        self, answer: Answer, source: str, outcome: UploadOutcome, *, lead: str, **refusal: str
    ) -> None:
        """A saved playbook's preview, or every problem that kept it from being saved."""
        if outcome.problems or outcome.playbook is None:
            problems = outcome.problems or [f"{source}:1:1: the playbook could not be read"]
            await answer.send(**problems_message(source, problems, **refusal))
            return
        if outcome.unchanged:
            lead = f"Nothing changed: this is already version {outcome.version} here."
        title = self.shipped_title(outcome.playbook.id)
        await answer.send(**preview_message(outcome.playbook, outcome, title, lead=lead))

    @group.command(name="upload", description="Add a playbook, or replace one, from its YAML file")
    @app_commands.describe(file="The playbook as a .yaml file (export one to start from)")
    async def upload(
        self, interaction: discord.Interaction[SellerCoachBot], file: discord.Attachment
    ) -> None:
        async with answering(interaction, f"/{COMMAND} upload") as answer:
            guild_id = await managed_guild(interaction)
            name = file.filename
            if not name.lower().endswith(PLAYBOOK_SUFFIXES):
                await answer.send(
                    f"{code(name)} is not a playbook file: attach a `.yaml` file "
                    f"(`/{COMMAND} export` gives you one to start from)."
                )
                return
            if file.size > MAX_UPLOAD_BYTES:
                await answer.send(
                    f"{code(name)} is {file.size:,} bytes; a playbook file can be at most "
                    f"{MAX_UPLOAD_BYTES:,} bytes, so I didn't read it."
                )
                return
            if file.size == 0:
                await answer.send(f"{code(name)} is empty: attach the playbook's YAML file.")
                return
            try:
                raw = await file.read()
            except (discord.HTTPException, aiohttp.ClientError, TimeoutError) as error:
                log.warning("could not download an uploaded playbook: %s", type(error).__name__)
                await answer.send(
                    f"I couldn't download {code(name)} from Discord, so nothing was changed. "
                    "Please upload it again."
                )
                return
            if not raw.strip():
                await answer.send(f"{code(name)} is empty: attach the playbook's YAML file.")
                return
            async with saving(answer, "upload"):
                outcome = await self.servers.upload(
                    guild_id, name, raw, author_id=interaction.user.id
                )
                await self.show_outcome(answer, name, outcome, lead=f"Saved from {code(name)}.")

    @group.command(name="list", description="Every playbook here and where it comes from")
    @app_commands.describe(show="Only the changes (default), or the unchanged shipped ones too")
    @app_commands.choices(
        show=[
            app_commands.Choice(name="This server's changes", value="changes"),
            app_commands.Choice(name="Everything", value="everything"),
        ]
    )
    async def list_playbooks(
        self,
        interaction: discord.Interaction[SellerCoachBot],
        show: app_commands.Choice[str] | None = None,
    ) -> None:
        async with answering(interaction, f"/{COMMAND} list") as answer:
            guild_id = await managed_guild(interaction)
            async with saving(answer, "list"):
                listed = await self.servers.listing(guild_id)
                everything = show is not None and show.value == "everything"
                blocks = listing_blocks(listed, everything=everything)
                await answer.send(embeds=render.pack("Playbooks in this server", blocks))

    @group.command(name="hide", description="Hide a shipped playbook in this server")
    @app_commands.describe(playbook="The shipped playbook to hide here")
    @app_commands.autocomplete(playbook=playbook_choices)
    async def hide(self, interaction: discord.Interaction[SellerCoachBot], playbook: str) -> None:
        async with answering(interaction, f"/{COMMAND} hide") as answer:
            guild_id = await managed_guild(interaction)
            title = self.shipped_title(playbook)
            if title is None:
                await answer.send(
                    f"{code(playbook)} is not a shipped playbook. Pick one from the list; to take "
                    f"away one of this server's own, use `/{COMMAND} remove`."
                )
                return
            async with saving(answer, "hide"):
                catalog = await self.servers.catalog_for(guild_id)
                assert isinstance(catalog, GuildCatalog)  # guild_id is a server's
                if catalog.origin(playbook) is Origin.OVERRIDING:
                    await answer.send(
                        f"This server has its own version of “{title}”, which hiding the shipped "
                        f"one would not take away: `/{COMMAND} remove` it first."
                    )
                    return
                hidden = await self.servers.hide(guild_id, playbook, by=interaction.user.id)
                if not hidden:
                    await answer.send(f"“{title}” is already hidden in this server.")
                    return
                await answer.send(
                    f"“{title}” is hidden in this server: /coach and /playbooks here no longer "
                    f"offer it. `/{COMMAND} show` brings it back."
                )

    @group.command(name="show", description="Show a hidden shipped playbook again")
    @app_commands.describe(playbook="The hidden playbook to show again")
    @app_commands.autocomplete(playbook=playbook_choices)
    async def show(self, interaction: discord.Interaction[SellerCoachBot], playbook: str) -> None:
        async with answering(interaction, f"/{COMMAND} show") as answer:
            guild_id = await managed_guild(interaction)
            title = self.shipped_title(playbook) or playbook
            async with saving(answer, "show"):
                if not await self.servers.unhide(guild_id, playbook):
                    await answer.send(f"{code(playbook)} is not hidden in this server.")
                    return
                await answer.send(f"“{title}” shows in this server again.")

    @group.command(name="remove", description="Remove one of this server's own playbooks")
    @app_commands.describe(playbook="The server's playbook to remove (its history is kept)")
    @app_commands.autocomplete(playbook=playbook_choices)
    async def remove(self, interaction: discord.Interaction[SellerCoachBot], playbook: str) -> None:
        async with answering(interaction, f"/{COMMAND} remove") as answer:
            guild_id = await managed_guild(interaction)
            async with saving(answer, "remove"):
                if not await self.servers.remove(guild_id, playbook, by=interaction.user.id):
                    await answer.send(
                        f"{code(playbook)} is not one of this server's own playbooks, so there "
                        f"is nothing to remove. (`/{COMMAND} hide` hides a shipped one.)"
                    )
                    return
                shipped = self.shipped_title(playbook)
                back = (
                    f"The shipped “{shipped}” applies here again."
                    if shipped is not None
                    else "Sellers here no longer get it."
                )
                await answer.send(
                    f"Removed {code(playbook)} from this server. {back} Its history is kept: "
                    f"`/{COMMAND} revert` brings a version back."
                )

    @group.command(name="export", description="Get a playbook as a YAML file to edit and upload")
    @app_commands.describe(playbook="Any playbook in this server's set")
    @app_commands.autocomplete(playbook=playbook_choices)
    async def export(self, interaction: discord.Interaction[SellerCoachBot], playbook: str) -> None:
        async with answering(interaction, f"/{COMMAND} export") as answer:
            guild_id = await managed_guild(interaction)
            async with saving(answer, "export"):
                exported = await self.servers.export(guild_id, playbook)
                if exported is None:
                    await answer.send(f"There is no playbook {code(playbook)} in this server.")
                    return
                filename, content = exported
                await answer.send(
                    f"Here is {code(filename)}. Edit it (keep its `id` to replace this one, or "
                    f"give it a new `id` and file name to add another), then "
                    f"`/{COMMAND} upload` it.",
                    file=playbook_file(filename, content),
                )

    @group.command(name="history", description="The versions of one of this server's playbooks")
    @app_commands.describe(playbook="One of this server's own playbooks")
    @app_commands.autocomplete(playbook=playbook_choices)
    async def history(
        self, interaction: discord.Interaction[SellerCoachBot], playbook: str
    ) -> None:
        async with answering(interaction, f"/{COMMAND} history") as answer:
            guild_id = await managed_guild(interaction)
            async with saving(answer, "history"):
                records = await self.servers.history(guild_id, playbook)
                if not records:
                    await answer.send(
                        f"{code(playbook)} has no versions in this server: shipped playbooks "
                        "change only with Seller Coach itself."
                    )
                    return
                await answer.send(
                    embeds=render.pack(f"History of {playbook}", history_blocks(records))
                )

    @group.command(name="revert", description="Go back to an earlier version of a playbook")
    @app_commands.describe(
        playbook="One of this server's own playbooks", version="The version to go back to"
    )
    @app_commands.autocomplete(playbook=playbook_choices)
    async def revert(
        self,
        interaction: discord.Interaction[SellerCoachBot],
        playbook: str,
        version: app_commands.Range[int, 1, 1_000_000],
    ) -> None:
        async with answering(interaction, f"/{COMMAND} revert") as answer:
            guild_id = await managed_guild(interaction)
            async with saving(answer, "revert"):
                outcome = await self.servers.revert(
                    guild_id, playbook, version, by=interaction.user.id
                )
                await self.show_outcome(
                    answer,
                    f"{playbook} version {version}",
                    outcome,
                    lead=f"Back to version {version}, saved as a new version.",
                    verb="restored",
                    advice="Export it, fix it and upload it instead.",
                )

    @group.command(
        name="upstream", description="This server's playbooks as files to propose for everyone"
    )
    async def upstream(self, interaction: discord.Interaction[SellerCoachBot]) -> None:
        async with answering(interaction, f"/{COMMAND} upstream") as answer:
            guild_id = await managed_guild(interaction)
            async with saving(answer, "upstream"):
                files = await self.servers.changed(guild_id)
                if not files:
                    await answer.send(
                        "This server has no playbooks of its own yet: upload one, or approve a "
                        "suggestion, and it can be proposed for the shipped set from here."
                    )
                    return
                settings = self.bot.settings
                repository = (
                    settings.playbook_repository if settings.playbook_repository_set else None
                )
                how = (
                    "Each link opens a new-file page in Seller Coach's repository"
                    if repository is not None
                    else "Each file is attached"
                )
                await answer.send(
                    f"{render.counted(len(files), 'playbook file')} of this server's own, to "
                    f"propose for the shipped set. {how}; check the files with "
                    "`seller-coach lint`, then open a pull request (see CONTRIBUTING)."
                )
                for batch in upstream_batches(repository, files):
                    await answer.send(
                        embeds=[embed for embed, _ in batch], files=[file for _, file in batch]
                    )


async def setup(bot: SellerCoachBot) -> None:
    await bot.add_cog(ServerPlaybooksCog(bot))
