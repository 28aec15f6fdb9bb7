"""Server settings: the model's validation, who may manage, and saving on both databases."""

from __future__ import annotations

import json

import pytest

from bot.core.catalog import Catalog
from bot.server_settings import (
    InvalidSettings,
    Marketplace,
    ServerSettings,
    load_server_settings,
    may_manage,
    save_server_settings,
)
from bot.service import CoachService, ServiceError
from bot.storage import Store

GUILD = 900_000_000_000_000_001
OTHER_GUILD = 900_000_000_000_000_002
CHANNEL = 910_000_000_000_000_001
ROLE = 920_000_000_000_000_001


# -- the model ------------------------------------------------------------------------------------


def test_nothing_is_set_by_default() -> None:
    settings = ServerSettings()
    assert (settings.review_channel_id, settings.reviewer_role_id) == (None, None)
    assert (settings.currency, settings.marketplace) == (None, None)
    assert settings.to_json() == "{}"


def test_marketplace_labels_are_written_as_sellers_write_them() -> None:
    assert [m.label() for m in Marketplace] == [
        "Etsy",
        "eBay",
        "Shopify",
        "Vinted",
        "own website",
        "other",
    ]
    assert Marketplace("own website") is Marketplace.OWN_SITE


def test_currency_is_checked_and_upper_cased_as_a_sellers_policy_is() -> None:
    assert ServerSettings().changed(currency=" gbp ").currency == "GBP"
    for wrong in ("pounds", "G8P", "", "EU"):
        with pytest.raises(InvalidSettings, match="currency: should be a three-letter code"):
            ServerSettings().changed(currency=wrong)


def test_ids_must_be_discord_ids() -> None:
    assert ServerSettings().changed(review_channel_id=CHANNEL).review_channel_id == CHANNEL
    for wrong in (0, -5, 2**63, "general"):
        with pytest.raises(InvalidSettings, match="review channel"):
            ServerSettings().changed(review_channel_id=wrong)


def test_marketplace_must_be_one_of_the_list() -> None:
    assert ServerSettings().changed(marketplace="ebay").marketplace is Marketplace.EBAY
    with pytest.raises(InvalidSettings, match="marketplace"):
        ServerSettings().changed(marketplace="amazon")


def test_unknown_setting_names_are_refused() -> None:
    with pytest.raises(InvalidSettings, match="no setting called colour"):
        ServerSettings().changed(colour="blue")


def test_a_change_keeps_the_other_settings_and_none_clears() -> None:
    settings = ServerSettings().changed(currency="EUR", marketplace=Marketplace.VINTED)
    changed = settings.changed(currency=None, reviewer_role_id=ROLE)
    assert changed == ServerSettings(marketplace=Marketplace.VINTED, reviewer_role_id=ROLE)
    assert settings.currency == "EUR"  # the original is unchanged


def test_json_round_trip_and_unknown_stored_keys_are_ignored() -> None:
    settings = ServerSettings(
        review_channel_id=CHANNEL,
        reviewer_role_id=ROLE,
        currency="GBP",
        marketplace=Marketplace.OWN_SITE,
    )
    assert ServerSettings.from_json(settings.to_json()) == settings
    stored = json.loads(settings.to_json())
    assert stored["marketplace"] == "own website"
    stored["added_later"] = True
    assert ServerSettings.from_json(json.dumps(stored)) == settings


# -- who may manage -------------------------------------------------------------------------------


def test_manage_server_may_manage_whatever_the_roles() -> None:
    assert may_manage(manage_guild=True, role_ids=[], settings=ServerSettings())
    assert may_manage(
        manage_guild=True, role_ids=[1], settings=ServerSettings(reviewer_role_id=ROLE)
    )


def test_the_reviewer_role_may_manage_only_once_the_server_names_it() -> None:
    named = ServerSettings(reviewer_role_id=ROLE)
    assert may_manage(manage_guild=False, role_ids=[5, ROLE], settings=named)
    assert may_manage(manage_guild=False, role_ids=iter([ROLE]), settings=named)
    assert not may_manage(manage_guild=False, role_ids=[5, ROLE + 1], settings=named)
    assert not may_manage(manage_guild=False, role_ids=[], settings=named)
    assert not may_manage(manage_guild=False, role_ids=[ROLE], settings=ServerSettings())


# -- stored ---------------------------------------------------------------------------------------


async def test_settings_are_saved_per_server_and_loaded_back(store: Store) -> None:
    assert await load_server_settings(store, GUILD) == ServerSettings()
    await save_server_settings(store, GUILD, currency="gbp", marketplace="etsy")
    saved = await save_server_settings(store, GUILD, review_channel_id=CHANNEL)
    assert saved == ServerSettings(
        review_channel_id=CHANNEL, currency="GBP", marketplace=Marketplace.ETSY
    )
    assert await load_server_settings(store, GUILD) == saved
    assert await load_server_settings(store, OTHER_GUILD) == ServerSettings()


async def test_a_bad_value_saves_nothing(store: Store) -> None:
    await save_server_settings(store, GUILD, currency="EUR")
    with pytest.raises(InvalidSettings):
        await save_server_settings(store, GUILD, currency="euros", marketplace="ebay")
    assert await load_server_settings(store, GUILD) == ServerSettings(currency="EUR")


async def test_unreadable_stored_settings_count_as_none(store: Store) -> None:
    await store.set_guild_settings(GUILD, '{"currency": 42}')
    assert await load_server_settings(store, GUILD) == ServerSettings()


async def test_the_service_reads_each_time_so_another_process_change_counts(
    store: Store,
) -> None:
    catalog = Catalog.load()[0]
    one, other = CoachService(catalog, store), CoachService(catalog, store)
    assert await one.server_settings(GUILD) == ServerSettings()
    await other.update_server_settings(GUILD, marketplace=Marketplace.EBAY, currency="usd")
    assert await one.server_settings(GUILD) == ServerSettings(
        marketplace=Marketplace.EBAY, currency="USD"
    )
    await other.update_server_settings(GUILD, currency=None)
    assert await one.server_settings(GUILD) == ServerSettings(marketplace=Marketplace.EBAY)
    with pytest.raises(ServiceError, match="currency: should be a three-letter code"):
        await one.update_server_settings(GUILD, currency="dollars")
    assert await other.server_settings(GUILD) == ServerSettings(marketplace=Marketplace.EBAY)


# -- what a walkthrough in the server takes from them -------------------------------------------

SELLER = 101


async def test_a_walkthrough_in_the_server_names_its_marketplace(store: Store) -> None:
    service = CoachService(Catalog.load()[0], store)
    await service.update_server_settings(GUILD, marketplace="ebay")
    here = await service.start(SELLER, GUILD, "playbook:address-problem")
    elsewhere = await service.start(SELLER, OTHER_GUILD, "playbook:address-problem")
    in_dm = await service.start(SELLER, None, "playbook:address-problem")
    assert here.state.marketplace is Marketplace.EBAY
    assert elsewhere.state.marketplace is None and in_dm.state.marketplace is None
    picked = await service.act(here.session_id, SELLER, GUILD, here.version, "pick", ["0", "1"])
    assert "in a message on eBay" in picked.draft
    other = await service.act(
        elsewhere.session_id, SELLER, OTHER_GUILD, elsewhere.version, "pick", ["1"]
    )
    assert "in a message on the marketplace" in other.draft
    # Switching situation keeps it.
    switched = await service.act(
        picked.session_id, SELLER, GUILD, picked.version, "switch", ["damaged-in-transit"]
    )
    assert switched.state.marketplace is Marketplace.EBAY


async def test_the_server_currency_counts_until_the_seller_chooses_their_own(
    store: Store,
) -> None:
    service = CoachService(Catalog.load()[0], store)
    await service.update_server_settings(GUILD, currency="GBP")
    await service.update_policy(SELLER, seller_name="Sam", max_goodwill=20)  # no currency
    started = await service.start(SELLER, GUILD, "the mug arrived in pieces, it cost 40")
    assert started.state.policy.currency == "GBP"
    assert (
        await service.start(SELLER, None, "playbook:lost-in-transit")
    ).state.policy.currency == ("USD")
    # A later step (its policy re-read, as a /policy change counts from the next step) keeps it.
    step = await service.act(started.session_id, SELLER, GUILD, started.version, "next")
    assert step.state.policy.currency == "GBP"
    assert step.state.policy.seller_name == "Sam"
    # The seller's own choice wins, also USD chosen on purpose.
    await service.update_policy(SELLER, currency="USD")
    assert (
        await service.start(SELLER, GUILD, "playbook:lost-in-transit")
    ).state.policy.currency == ("USD")
    # A blank currency (the policy form) leaves it to the server again.
    await service.replace_policy(SELLER, currency=None, seller_name="Sam", max_goodwill=20)
    assert (
        await service.start(SELLER, GUILD, "playbook:lost-in-transit")
    ).state.policy.currency == ("GBP")
    assert (await service.policy(SELLER)).max_goodwill == 20
