"""Links that send a server's playbook back upstream: GitHub's "new file" page, prefilled.

``https://github.com/OWNER/REPO/new/BRANCH?filename=PATH&value=CONTENT`` opens the page that
creates ``PATH`` in the repository with ``CONTENT`` already typed in; GitHub offers to fork the
repository first for someone who cannot push to it, and then to open a pull request. The whole
file travels in the URL, and GitHub refuses a URL over 8 KiB: most playbooks (the shipped ones
are 7,700 to 11,700 characters) do not fit. :func:`new_file_link` then gives None, and the caller
offers the file to download with :func:`new_file_page`, the same page with only the file name
filled in, to paste it into.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, quote_plus, urlsplit

#: The longest link given. GitHub answers "414 URI Too Long" to a URL over 8,191 bytes; the
#: links are plain ASCII (percent-encoded), so characters are bytes, and 8,000 leaves a margin.
MAX_LINK_LENGTH = 8_000
#: Characters left as they are in a query value (legal there, and harmless in a Markdown link);
#: a space becomes ``+``, everything else outside letters, digits and ``_.-~`` is ``%XX``.
_SAFE_IN_VALUE = ":/@,;!$?"
#: The branch a repository URL without ``/tree/BRANCH`` is taken to mean.
DEFAULT_BRANCH = "main"

# GitHub's rules for owner and repository names, and a conservative one for branch names
# (letters, digits and ``._-/``, no ``..``, no leading or trailing ``/``).
_OWNER = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$")
_REPOSITORY = re.compile(r"^[A-Za-z0-9._-]{1,100}$")
_BRANCH = re.compile(r"^(?!/)(?!.*//)(?!.*\.\.)[A-Za-z0-9._/-]{1,200}(?<!/)$")
_PATH_PART = re.compile(r"^[A-Za-z0-9._-]{1,100}$")


@dataclass(frozen=True, slots=True)
class Repository:
    """A GitHub (or GitHub Enterprise) repository and the branch new files are proposed to."""

    host: str
    owner: str
    name: str
    branch: str = DEFAULT_BRANCH

    @property
    def url(self) -> str:
        return f"https://{self.host}/{self.owner}/{self.name}"


def parse_repository(url: str) -> Repository:
    """The repository a URL names: ``https://github.com/OWNER/REPO``, optionally ending in
    ``.git``, ``/`` or ``/tree/BRANCH``. Only https URLs with no user name, query or fragment
    are accepted; raise ValueError (with a message for the operator) on anything else."""
    text = url.strip()
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        raise ValueError(f"{text!r} is not a URL") from None
    if parts.scheme.lower() != "https":
        raise ValueError("the repository URL must start with https://")
    host = (parts.hostname or "").lower()
    if not host or "." not in host or parts.username or parts.password:
        raise ValueError("the repository URL needs a host such as github.com, and no user name")
    if parts.query or parts.fragment:
        raise ValueError("the repository URL must not have a query (?…) or a fragment (#…)")
    segments = parts.path.strip("/").split("/") if parts.path.strip("/") else []
    if len(segments) < 2:
        raise ValueError("the repository URL must name the owner and repository: /OWNER/REPO")
    owner, name, rest = segments[0], segments[1].removesuffix(".git"), segments[2:]
    branch = DEFAULT_BRANCH
    if rest:
        if rest[0] != "tree" or len(rest) < 2:
            raise ValueError("after /OWNER/REPO the repository URL may only have /tree/BRANCH")
        branch = "/".join(rest[1:])
    if not _OWNER.match(owner) or not _REPOSITORY.match(name) or name in (".", ".."):
        raise ValueError(f"{owner}/{name} is not a GitHub owner and repository name")
    if not _BRANCH.match(branch):
        raise ValueError(f"{branch!r} is not a branch name this link can use")
    return Repository(f"{host}:{port}" if port else host, owner, name, branch)


def check_file_path(path: str) -> str:
    """``path`` if it is a plain relative file path in the repository (``playbooks/x.yaml``);
    raise ValueError otherwise."""
    parts = path.split("/")
    if not path or any(not _PATH_PART.match(p) or p in (".", "..") for p in parts):
        raise ValueError(f"{path!r} is not a relative file path such as playbooks/my-id.yaml")
    return path


def new_file_page(repository_url: str, path: str) -> str:
    """The link to GitHub's page creating ``path`` in the repository, with only the file name
    filled in (for a file too long to travel in the link). Raises ValueError as
    :func:`new_file_link` does."""
    repository = parse_repository(repository_url)
    check_file_path(path)
    return (
        f"{repository.url}/new/{quote(repository.branch, safe='/')}"
        f"?filename={quote_plus(path, safe='/')}"
    )


def new_file_link(
    repository_url: str, path: str, content: str, *, max_length: int = MAX_LINK_LENGTH
) -> str | None:
    """The link to GitHub's page creating ``path`` in the repository, prefilled with
    ``content``; None when that link would be longer than ``max_length`` characters.

    The content is form-encoded as UTF-8 (a space as ``+``, a new line as ``%0A``, a ``+``
    as ``%2B``), so the page receives the file exactly. Raises ValueError on a repository URL
    or a path :func:`parse_repository` or :func:`check_file_path` refuse. (Discord shows a
    link button only up to 512 characters: pass ``max_length=512`` for one.)
    """
    link = f"{new_file_page(repository_url, path)}&value={quote_plus(content, safe=_SAFE_IN_VALUE)}"
    return link if len(link) <= max_length else None
