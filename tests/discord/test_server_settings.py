"""``/server-settings`` end to end through the double: who may see and change what."""

from __future__ import annotations

import pytest

from bot.server_settings import Marketplace, ServerSettings
from tests.discord.conftest import Harness, at_draft, custom_id, reply_of, text_of
from tests.double import CommandNotAvailableError, DiscordDouble

pytestmark = pytest.mark.asyncio


def command(double: DiscordDouble) -> dict:
    return next(c for c in double.commands() if c["name"] == "server-settings")


def shown_to_everyone(double: DiscordDouble) -> None:
    """A server's admins let everyone see the command (Discord's Integrations settings)."""
    double.command_table(None)[(1, "server-settings")].data["default_member_permissions"] = None


async def test_the_command_asks_for_manage_server_and_only_in_servers(harness: Harness) -> None:
    double = harness.double
    registered = command(double)
    assert int(registered["default_member_permissions"]) == 1 << 5  # Manage Server
    assert registered.get("contexts") == [0] or registered.get("dm_permission") is False
    options = {o["name"]: o for o in registered["options"]}
    assert options["review_channel"]["type"] == 7 and options["review_channel"][
        "channel_types"
    ] in ([0], [0, 5], [5, 0])
    assert options["reviewer_role"]["type"] == 8
    assert [c["value"] for c in options["marketplace"]["choices"]] == [m.value for m in Marketplace]
    assert [c["name"] for c in options["marketplace"]["choices"]][:2] == ["Etsy", "eBay"]
    with pytest.raises(CommandNotAvailableError, match="hidden"):
        await double.slash(double.member, double.guild, "server-settings")
    with pytest.raises(CommandNotAvailableError, match="DMs"):
        await double.slash(double.manager, None, "server-settings")


async def test_an_admin_sees_and_sets_each_setting(harness: Harness) -> None:
    double, admin, guild = harness.double, harness.double.manager, harness.double.guild
    shown = await double.slash(admin, guild, "server-settings")
    assert shown.ephemeral
    text = text_of(shown)
    assert "Review channel** not set" in text and "Marketplace** not set" in text
    channel = guild.channels[0]
    saved = await double.slash(admin, guild, "server-settings", review_channel=channel)
    assert saved.ephemeral and f"<#{channel.id}>" in text_of(saved)
    saved = await double.slash(admin, guild, "server-settings", currency="gbp")
    assert "Default currency** GBP" in text_of(saved)
    saved = await double.slash(admin, guild, "server-settings", marketplace="own website")
    assert "Marketplace** Own website" in text_of(saved)
    assert await harness.service.server_settings(guild.id) == ServerSettings(
        review_channel_id=channel.id, currency="GBP", marketplace=Marketplace.OWN_SITE
    )
    cleared = await double.slash(admin, guild, "server-settings", clear="currency")
    assert "Default currency** not set" in text_of(cleared)
    assert f"<#{channel.id}>" in text_of(cleared)  # the others are kept
    double.assert_mentions_disabled()


async def test_a_bad_currency_is_explained_and_changes_nothing(harness: Harness) -> None:
    double, admin, guild = harness.double, harness.double.manager, harness.double.guild
    await double.slash(admin, guild, "server-settings", marketplace="ebay")
    refused = await double.slash(
        admin, guild, "server-settings", currency="£££", marketplace="etsy"
    )
    assert refused.ephemeral
    assert "three-letter code" in refused.content and "Nothing was changed" in refused.content
    settings = await harness.service.server_settings(guild.id)
    assert settings == ServerSettings(marketplace=Marketplace.EBAY)
    both = await double.slash(
        admin, guild, "server-settings", marketplace="etsy", clear="marketplace"
    )
    assert "Nothing was changed" in both.content


async def test_the_bot_refuses_a_member_without_manage_server_whatever_discord_shows(
    harness: Harness,
) -> None:
    double, member, guild = harness.double, harness.double.member, harness.double.guild
    shown_to_everyone(double)
    for options in ({}, {"marketplace": "etsy"}, {"review_channel": guild.channels[0]}):
        refused = await double.slash(member, guild, "server-settings", **options)
        assert refused.ephemeral
        assert "Only members with **Manage Server**" in refused.content
    assert await harness.service.server_settings(guild.id) == ServerSettings()
    double.assert_mentions_disabled()


async def test_the_server_owner_counts_as_an_admin(harness: Harness) -> None:
    double, guild = harness.double, harness.double.guild
    saved = await double.slash(double.owner, guild, "server-settings", marketplace="vinted")
    assert "Marketplace** Vinted" in text_of(saved)


async def test_an_admin_names_the_reviewer_role_and_reviewers_may_manage(
    harness: Harness,
) -> None:
    double, admin, guild = harness.double, harness.double.manager, harness.double.guild
    reviewers = double.add_role(guild, "Reviewers")
    saved = await double.slash(admin, guild, "server-settings", reviewer_role=reviewers)
    assert f"<@&{reviewers.id}>" in text_of(saved)  # shown as a mention, which never pings
    double.assert_mentions_disabled()
    settings = await harness.service.server_settings(guild.id)
    assert settings.reviewer_role_id == reviewers.id
    # may_manage, as every server-playbook command and review button asks it:
    reviewer = double.add_user("rita")
    double.give_role(reviewer, reviewers)
    shown_to_everyone(double)
    seen = await double.slash(reviewer, guild, "server-settings")
    assert seen.ephemeral and f"<@&{reviewers.id}>" in text_of(seen)
    refused = await double.slash(double.member, guild, "server-settings")
    assert "Only members with **Manage Server**" in refused.content


async def test_a_reviewer_cannot_change_any_setting_nor_make_others_reviewers(
    harness: Harness,
) -> None:
    double, admin, guild = harness.double, harness.double.manager, harness.double.guild
    reviewers, friends = double.add_role(guild, "Reviewers"), double.add_role(guild, "Friends")
    await double.slash(admin, guild, "server-settings", reviewer_role=reviewers)
    reviewer = double.add_user("rita")
    double.give_role(reviewer, reviewers)
    shown_to_everyone(double)
    before = await harness.service.server_settings(guild.id)
    for options in (
        {"reviewer_role": friends},
        {"clear": "reviewer_role_id"},
        {"review_channel": guild.channels[0]},
        {"marketplace": "etsy"},
    ):
        refused = await double.slash(reviewer, guild, "server-settings", **options)
        assert "as a reviewer you can see them. Nothing was changed." in refused.content
    assert await harness.service.server_settings(guild.id) == before
    # Losing the role ends it.
    double.take_role(reviewer, reviewers)
    refused = await double.slash(reviewer, guild, "server-settings")
    assert "Only members with **Manage Server**" in refused.content


async def test_everyone_cannot_be_the_reviewer_role(harness: Harness) -> None:
    double, admin, guild = harness.double, harness.double.manager, harness.double.guild
    refused = await double.slash(admin, guild, "server-settings", reviewer_role=guild.everyone)
    assert "@everyone can't be the reviewer role" in refused.content
    assert await harness.service.server_settings(guild.id) == ServerSettings()


async def test_a_walkthrough_in_the_server_names_its_marketplace_and_uses_its_currency(
    harness: Harness,
) -> None:
    double, admin, guild, seller = (
        harness.double,
        harness.double.manager,
        harness.double.guild,
        harness.double.member,
    )
    await double.slash(admin, guild, "server-settings", marketplace="etsy", currency="EUR")
    step = await double.slash(seller, guild, "coach", situation="playbook:address-problem")
    step = await double.select(seller, step, custom_id(step, ":pick"), ["0", "1"])
    form = await double.click(seller, step, custom_id(step, ":details"))
    step = await double.submit_modal(seller, form, {"order_value": "40"})
    texts = [text_of(step)]
    while not at_draft(step):
        step = await double.click(seller, step, custom_id(step, ":next"))
        texts.append(text_of(step))
    assert any("€" in text for text in texts) and not any("$" in text for text in texts)
    reply = await reply_of(double, step)
    assert "Could you send it to me in a message on Etsy, so the change is on record" in reply
    shown = await double.slash(seller, guild, "policy")
    assert "EUR" not in text_of(shown)  # the seller's own policy: the server's only applies there
    double.assert_mentions_disabled()
