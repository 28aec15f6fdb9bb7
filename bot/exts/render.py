"""Turning what the core presents into Discord embeds, within Discord's limits.

Long text is split across embeds and fields, never cut off by Discord: an embed description
holds 4,096 characters, a message's embeds 6,000 together, a select option label 100.
"""

from __future__ import annotations

from collections.abc import Iterable

import discord
from discord.utils import escape_markdown, escape_mentions

from bot.core.presenter import READY, ChoiceKind, Section, StepView

EMBED_DESCRIPTION = 4096
EMBED_TOTAL = 6000
EMBED_TITLE = 256
MAX_EMBEDS = 10
MESSAGE_CONTENT = 2000
OPTION_TEXT = 100
COLOUR = discord.Colour.from_rgb(94, 129, 172)

#: What to do now on each step, in a line.
LEADS = {
    ChoiceKind.QUESTIONS: "Ask before you fix: pick the questions your reply asks.",
    ChoiceKind.APOLOGY: "Own the feeling, not the fault: pick one apology line.",
    ChoiceKind.OFFER: "Pick what to offer. ⚠️ marks an offer over your policy.",
    ChoiceKind.FOLLOW_UP: "Pick when to check back; I'll remind you by DM.",
}
#: How the current pick is introduced, on one line.
PICKED = {
    ChoiceKind.QUESTIONS: "Asking",
    ChoiceKind.APOLOGY: "Apology",
    ChoiceKind.OFFER: "Offer",
    ChoiceKind.FOLLOW_UP: "Check back",
}
#: The longest a current pick is shown (about two phone lines).
PICK_TEXT = 72


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """``number`` and ``noun`` in agreement: "1 reminder", "3 reminders" (never "reminder(s)")."""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"


def clip(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis when it is longer."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def safe(text: str) -> str:
    """User-typed text made inert: no markdown, no mentions."""
    return escape_mentions(escape_markdown(text))


def plain(text: str) -> str:
    """``text`` as the content of a message of its own, exactly as written (no code fence, no
    escaping), so that a long press on a phone copies exactly it. Mentions never ping: every
    message the bot sends disables them."""
    return clip(text, MESSAGE_CONTENT)


def quoted(text: str) -> str:
    """``text`` as a block quote, made inert (no markdown, no mentions)."""
    return "\n".join("> " + line for line in safe(text).split("\n"))


def section_text(section: Section) -> str:
    if section.quote:
        body = "\n".join("> " + safe(line).replace("\n", "\n> ") for line in section.lines)
    elif len(section.lines) == 1:
        body = section.lines[0]
    else:
        body = "\n".join(f"• {line}" for line in section.lines)
    return f"**{section.heading}**\n{body}"


def current_pick(view: StepView) -> str | None:
    """The step's current choice in one line (the choices themselves are in the menu)."""
    if view.choice is None or not view.options:
        return None
    chosen = [o for o in view.options if o.selected]
    if not chosen:
        text = "none"
    else:
        text = clip(safe(chosen[0].label), PICK_TEXT)
        if len(chosen) > 1:
            text += f" (+{len(chosen) - 1} more)"
        if chosen[0].flagged:
            text += " ⚠️"
    return f"**{PICKED[view.choice]}:** {text}"


def blocks_for(view: StepView, *, more: bool = False) -> list[str]:
    """The step as markdown blocks, in reading order: what to do now and the current pick,
    then (``more``) the tips, evidence and what the reply says."""
    blocks = [section_text(s) for s in view.sections if not s.more and s.heading != READY]
    if view.choice is not None:
        blocks.insert(0, LEADS[view.choice])
    pick = current_pick(view)
    if pick:
        blocks.append(pick)
    if more:
        blocks += [section_text(s) for s in view.sections if s.more]
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
    footer: str | None = None,
    budget: int = EMBED_TOTAL,
    colour: discord.Colour = COLOUR,
) -> list[discord.Embed]:
    """Blocks of markdown packed into as few embeds as fit, every limit respected.

    Past the 6,000-character budget of one message, the rest is summarised by a last line
    pointing to the full text rather than dropped silently.
    """
    title = clip(title, EMBED_TITLE)
    used = len(title) + len(footer or "")
    limit = EMBED_DESCRIPTION - 96
    pieces = [p for b in blocks for p in _split_long(b, limit)]
    descriptions: list[str] = [""]
    for index, piece in enumerate(pieces):
        separator = "\n\n" if descriptions[-1] else ""
        if used + len(separator) + len(piece) > budget - 80:
            left = len(pieces) - index
            descriptions[-1] += (
                f"\n\n*…{counted(left, 'more part')} not shown here; see /playbooks.*"
            )
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
    if footer:
        embeds[-1].set_footer(text=footer)
    return embeds


def select_options(view: StepView) -> list[discord.SelectOption]:
    """The step's options as select-menu entries (at most 25, within 100 characters each).

    A label too long for its 100 characters goes on in the description, which otherwise says
    why the option fits (never the label again)."""
    options = []
    for option in view.options[:25]:
        label = option.label
        detail = option.detail
        if len(label) > OPTION_TEXT:
            cut = label[: OPTION_TEXT - 1].rsplit(" ", 1)[0]
            label, detail = cut + "…", "…" + label[len(cut) :].strip()
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
