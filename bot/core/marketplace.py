"""Where a server's sellers sell, and how playbook text names it as ``{marketplace}``.

A server sets its marketplace (see :mod:`bot.server_settings`); a walkthrough started there
keeps it, and the reply says "eBay" where the playbook says ``{marketplace}``. Without one the
placeholder reads "the marketplace", so a draft never shows a gap or a marker.
"""

from __future__ import annotations

from enum import StrEnum

from bot.core.placeholders import PLACEHOLDERS


class Marketplace(StrEnum):
    """Where a server's sellers mostly sell."""

    ETSY = "etsy"
    EBAY = "ebay"
    SHOPIFY = "shopify"
    VINTED = "vinted"
    OWN_SITE = "own website"
    OTHER = "other"

    def label(self) -> str:
        """The name as sellers write it: "Etsy", "eBay", "own website"."""
        return _LABELS[self]

    def in_text(self) -> str:
        """What ``{marketplace}`` says in a reply: the marketplace's name, "my website" for
        a shop's own site, "the marketplace" for another one."""
        return _IN_TEXT.get(self, _LABELS[self])


_LABELS = {
    Marketplace.ETSY: "Etsy",
    Marketplace.EBAY: "eBay",
    Marketplace.SHOPIFY: "Shopify",
    Marketplace.VINTED: "Vinted",
    Marketplace.OWN_SITE: "own website",
    Marketplace.OTHER: "other",
}
#: What ``{marketplace}`` says when no marketplace is set (or it is "other").
UNNAMED = PLACEHOLDERS["marketplace"]
_IN_TEXT = {Marketplace.OWN_SITE: "my website", Marketplace.OTHER: UNNAMED}


def marketplace_text(marketplace: Marketplace | None) -> str:
    """What ``{marketplace}`` says in a reply for ``marketplace`` (None: not set)."""
    return marketplace.in_text() if marketplace is not None else UNNAMED
