"""The checks a playbook file gets, whether it is linted on the command line (``seller-coach
lint``) or uploaded to a server: the strict loader (size, encoding, YAML safety, unknown keys,
placeholders, the id equal to the file name), then the proofreader on the valid playbook and
its assembled replies, every problem located as ``file:line:col: message``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from bot.core import safe_yaml
from bot.core.loader import PLAYBOOK_SUFFIXES, load_playbook
from bot.core.models import Playbook
from bot.core.safe_yaml import Document, DocumentError, Problem


def proofreading_problems(playbook: Playbook, read: Callable[[], Document]) -> list[Problem]:
    """What a proofreader finds in a valid ``playbook``, located in its file; ``read`` gives
    the file's document, and is called only when there is something to locate."""
    from bot.core.proofread import check_playbook  # the composer and its rules: on demand

    findings = check_playbook(playbook)
    if not findings:
        return []
    try:
        document = read()
    except DocumentError as error:
        return list(error.problems)
    return [document.problem(f.path, f.message) for f in findings]


@dataclass(slots=True)
class LintedFile:
    """One file's playbook, or None when a problem keeps it out; every problem found."""

    playbook: Playbook | None
    text: str | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.playbook is not None and not self.problems


def lint_file(
    filename: str, raw: bytes, *, max_bytes: int = safe_yaml.MAX_FILE_BYTES
) -> LintedFile:
    """Check a playbook file given as its name and bytes, as ``seller-coach lint`` would.

    The name must be a playbook file's (``<id>.yaml`` or ``.yml``): the loader requires the
    id to equal the name's stem. ``text`` is the decoded file when it could be read.
    ``max_bytes`` can lower the loader's own size limit, not raise it.
    """
    name = PurePath(filename.replace("\\", "/")).name or "playbook.yaml"
    if not name.endswith(PLAYBOOK_SUFFIXES):
        message = "a playbook file's name ends in .yaml or .yml, e.g. my-situation.yaml"
        return LintedFile(None, problems=[Problem(name, 1, 1, message)])
    try:
        limit = min(max_bytes, safe_yaml.MAX_FILE_BYTES)
        text = safe_yaml.decode(name, raw, max_bytes=limit)
        playbook = load_playbook(Path(name), source=name, text=text)
    except DocumentError as error:
        return LintedFile(None, problems=list(error.problems))
    problems = proofreading_problems(playbook, lambda: safe_yaml.parse(name, text))
    return LintedFile(playbook, text, problems)
