"""The matcher's language knowledge: stop words, contractions and synonyms, kept as data.

``playbooks/lexicon/<language>.yaml`` is reviewed by pull request like the playbooks and read
with the same strict loader. Synonyms fold the many ways sellers and customers name one thing
("parcel", "package", "shipment") into one term, so a phrasing the playbooks never saw still
lands on the right situation.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from bot.core import safe_yaml
from bot.core.loader import read_text, shipped_playbooks_dir

Word = Annotated[
    str, StringConstraints(strip_whitespace=True, to_lower=True, min_length=1, max_length=60)
]


class Lexicon(BaseModel):
    """Language data for the matcher."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")]
    stopwords: list[Word] = Field(description="Words that carry no meaning for matching.")
    negations: list[Word] = Field(
        default_factory=list, description="Words that negate the next word: not, never, no."
    )
    contractions: dict[Word, Word] = Field(
        default_factory=dict, description="Short forms and what they expand to."
    )
    symbols: dict[Annotated[str, StringConstraints(min_length=1, max_length=4)], str] = Field(
        default_factory=dict,
        description="Symbols and emoji read as words, e.g. a star in a one-star rating.",
    )
    synonyms: dict[Word, list[Word]] = Field(
        default_factory=dict,
        description="A canonical term and the words or phrases that mean the same for matching.",
    )

    pleasantries: list[Word] = Field(
        default_factory=list,
        description="Words of greeting, thanks and praise. In a long message, a sentence that "
        "has one and no negation or turn (see turns) is read as politeness, not the problem.",
    )
    turns: list[Word] = Field(
        default_factory=list,
        description="Words that turn a sentence towards a problem: but, however, unfortunately.",
    )

    off_topic: list[
        Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=300)]
    ] = Field(
        default_factory=list,
        description="Questions that are not a customer situation; the matcher is never "
        "confident when one of these fits as well as the best playbook.",
    )

    @model_validator(mode="after")
    def _each_variant_once(self) -> Lexicon:
        seen: dict[str, str] = {}
        for canonical, variants in self.synonyms.items():
            for variant in variants:
                if variant in seen and seen[variant] != canonical:
                    raise ValueError(
                        f"'{variant}' is listed under both '{seen[variant]}' and '{canonical}'"
                    )
                seen[variant] = canonical
        return self


def lexicon_path(language: str = "en") -> Path:
    return shipped_playbooks_dir() / "lexicon" / f"{language}.yaml"


def load_lexicon(path: Path | None = None) -> Lexicon:
    """Read and validate a lexicon file; raise :class:`safe_yaml.DocumentError` on problems."""
    path = path or lexicon_path()
    return safe_yaml.read_model(Lexicon, str(path), read_text(path))
