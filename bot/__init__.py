"""Seller Coach: coaching small online sellers through answering an unhappy customer."""

__version__ = "0.1.0"
