"""Which corpora of hostile and warm drafts train the tone model, and which never do.

The development sets are the ones the phrase rules were written on; the held-out sets were
written before a generation of rules and are read only for totals, so they never train the
model either.
"""

from __future__ import annotations

from tests.core import (
    tone_cases,
    tone_dev,
    tone_dev3,
    tone_dev4,
    tone_dev5,
    tone_holdout,
    tone_unseen,
    tone_unseen4,
    tone_unseen5,
)

#: name -> (hostile drafts, warm drafts)
Corpus = dict[str, tuple[list[str], list[str]]]

TRAINING_SETS: Corpus = {
    "first": (tone_cases.HOSTILE, tone_cases.KIND),
    "fresh": (tone_cases.HOSTILE_FRESH, tone_cases.KIND_FRESH),
    "late": (tone_cases.HOSTILE_LATE, tone_cases.KIND_LATE),
    "final": (tone_cases.HOSTILE_FINAL, tone_cases.KIND_FINAL),
    "dev2": (tone_dev.HOSTILE_DEV2, tone_dev.WARM_DEV2),
    "dev3": (tone_dev3.HOSTILE_DEV3, tone_dev3.WARM_DEV3),
    "dev4": (tone_dev4.HOSTILE_DEV4, tone_dev4.WARM_DEV4),
    "dev5": (tone_dev5.HOSTILE_DEV5, tone_dev5.WARM_DEV5),
}

HELD_OUT_SETS: Corpus = {
    "holdout": (tone_holdout.HOSTILE_HOLDOUT, tone_holdout.WARM_HOLDOUT),
    "unseen": (tone_unseen.HOSTILE_UNSEEN, tone_unseen.WARM_UNSEEN),
    "unseen4": (tone_unseen4.HOSTILE_UNSEEN4, tone_unseen4.WARM_UNSEEN4),
    "unseen5": (tone_unseen5.HOSTILE_UNSEEN5, tone_unseen5.WARM_UNSEEN5),
}
