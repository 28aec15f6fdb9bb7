"""Turning what the core presents into Discord embeds, within Discord's limits.

Long text is split across embeds and fields, never cut off by Discord: an embed description
holds 4,096 characters, a message's embeds 6,000 together, a select option label 100.
"""

from __future__ import annotations

from collections.abc import Iterable

import discord
from discord.utils import escape_markdown, escape_mentions

from bot.core.presenter import READY, ChoiceKind, Option, Section, StepView

EMBED_DESCRIPTION = 4096
EMBED_TOTAL = 6000
EMBED_TITLE = 256
MAX_EMBEDS = 10
OPTION_TEXT = 100
COLOUR = discord.Colour.from_rgb(94, 129, 172)
PRIVATE_FOOTER = "Only you can see this."

CHOICE_HEADINGS = {
    ChoiceKind.QUESTIONS: "Questions you could ask",
    ChoiceKind.APOLOGY: "Apology lines",
    ChoiceKind.OFFER: "Offers, cheapest first",
    ChoiceKind.FOLLOW_UP: "Check back",
}


def clip(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis when it is longer."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def safe(text: str) -> str:
    """User-typed text made inert: no markdown, no mentions."""
    return escape_mentions(escape_markdown(text))


def code_block(text: str) -> str:
    """``text`` in a copyable block that its own content cannot close."""
    return "```\n" + text.replace("```", "'''") + "\n```"


def section_text(section: Section) -> str:
    if section.quote:
        body = "\n".join("> " + safe(line).replace("\n", "\n> ") for line in section.lines)
    elif len(section.lines) == 1:
        body = section.lines[0]
    else:
        body = "\n".join(f"• {line}" for line in section.lines)
    return f"**{section.heading}**\n{body}"


def render_draft(section: Section) -> str:
    """The finished reply, in a block the seller can copy."""
    return f"**{section.heading}**\n" + code_block(section.lines[0])


def option_text(number: int, option: Option) -> str:
    mark = "✅ " if option.selected else ""
    flag = " ⚠️" if option.flagged else ""
    detail = f"\n   *{option.detail}*" if option.detail else ""
    return f"{mark}**{number}.** {option.label}{flag}{detail}"


def blocks_for(view: StepView) -> list[str]:
    """The step as markdown blocks, in reading order."""
    blocks = [render_draft(s) if s.heading == READY else section_text(s) for s in view.sections]
    if view.options and view.choice is not None:
        lines = [option_text(n, o) for n, o in enumerate(view.options, start=1)]
        blocks.append(f"**{CHOICE_HEADINGS[view.choice]}**\n" + "\n".join(lines))
    return blocks


def _split_long(block: str, limit: int) -> Iterable[str]:
    """Split one block at line breaks (or hard, as a last resort) into pieces under ``limit``."""
    piece = ""
    for whole_line in block.split("\n"):
        line = whole_line
        while len(line) > limit:
            if piece:
                yield piece
                piece = ""
            yield line[:limit]
            line = line[limit:]
        candidate = f"{piece}\n{line}" if piece else line
        if len(candidate) > limit:
            yield piece
            piece = line
        else:
            piece = candidate
    if piece:
        yield piece


def pack(
    title: str,
    blocks: Iterable[str],
    *,
    footer: str = PRIVATE_FOOTER,
    budget: int = EMBED_TOTAL,
    colour: discord.Colour = COLOUR,
) -> list[discord.Embed]:
    """Blocks of markdown packed into as few embeds as fit, every limit respected.

    Past the 6,000-character budget of one message, the rest is summarised by a last line
    pointing to the full text rather than dropped silently.
    """
    title = clip(title, EMBED_TITLE)
    used = len(title) + len(footer)
    limit = EMBED_DESCRIPTION - 96
    pieces = [p for b in blocks for p in _split_long(b, limit)]
    descriptions: list[str] = [""]
    for index, piece in enumerate(pieces):
        separator = "\n\n" if descriptions[-1] else ""
        if used + len(separator) + len(piece) > budget - 80:
            left = len(pieces) - index
            descriptions[-1] += f"\n\n*…{left} more part(s) not shown here; see /playbooks.*"
            break
        if len(descriptions[-1]) + len(separator) + len(piece) > limit:
            if len(descriptions) == MAX_EMBEDS:
                break
            descriptions.append(piece)
        else:
            descriptions[-1] += separator + piece
        used += len(separator) + len(piece)
    embeds = []
    for number, description in enumerate(descriptions):
        embed = discord.Embed(
            title=title if number == 0 else None, description=description or None, colour=colour
        )
        embeds.append(embed)
    embeds[-1].set_footer(text=footer)
    return embeds


def select_options(view: StepView) -> list[discord.SelectOption]:
    """The step's options as select-menu entries (at most 25, labels within 100 characters)."""
    options = []
    for number, option in enumerate(view.options[:25], start=1):
        label = clip(f"{number}. {option.label}", OPTION_TEXT)
        detail = option.detail if len(option.label) + 4 <= OPTION_TEXT else option.label
        options.append(
            discord.SelectOption(
                label=label,
                value=option.key,
                description=clip(detail, OPTION_TEXT) if detail else None,
                default=option.selected,
                emoji="⚠️" if option.flagged else None,
            )
        )
    return options
