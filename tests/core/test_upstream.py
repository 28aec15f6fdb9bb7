"""Links to GitHub's new-file page, prefilled with a playbook."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from bot.core.upstream import (
    MAX_LINK_LENGTH,
    Repository,
    new_file_link,
    new_file_page,
    parse_repository,
)

REPO = "https://github.com/example-org/seller-coach"
YAML = "id: my-case\ntitle: Café & co — 100% #1\nsummary: a=b?c\n  - \"quoted\" + 'single'\n🙂\n"


def test_the_link_opens_the_new_file_page_with_the_file_exactly() -> None:
    link = new_file_link(REPO, "playbooks/my-case.yaml", YAML)
    assert link is not None
    parts = urlsplit(link)
    assert (parts.scheme, parts.netloc, parts.path) == (
        "https",
        "github.com",
        "/example-org/seller-coach/new/main",
    )
    assert parse_qs(parts.query, keep_blank_values=True, strict_parsing=True) == {
        "filename": ["playbooks/my-case.yaml"],
        "value": [YAML],
    }
    query = link.split("?", 1)[1]
    assert not set(query) & set(" \n#()[]<>\"'`*")  # nothing that ends a link in a message
    assert "id:+my-case%0Atitle:+Caf%C3%A9+%26+co" in query  # short, and exact: + is %2B
    assert "+%2B+" in query


def test_the_new_file_page_alone_for_a_file_too_long_to_prefill() -> None:
    assert new_file_page(REPO, "playbooks/my-case.yaml") == (
        REPO + "/new/main?filename=playbooks/my-case.yaml"
    )


def test_a_branch_and_the_usual_ways_of_writing_the_url() -> None:
    for url in (REPO, REPO + "/", REPO + ".git", " " + REPO + " "):
        assert parse_repository(url) == Repository("github.com", "example-org", "seller-coach")
    repository = parse_repository(REPO + "/tree/release/2.x")
    assert repository.branch == "release/2.x"
    link = new_file_link(REPO + "/tree/release/2.x", "playbooks/a.yaml", "id: a\n")
    assert link is not None and link.startswith(REPO + "/new/release/2.x?filename=")
    enterprise = parse_repository("https://git.example.com/shop/coach")
    assert enterprise.url == "https://git.example.com/shop/coach"


@pytest.mark.parametrize(
    "url",
    [
        "http://github.com/example-org/seller-coach",
        "javascript:alert(1)//github.com/a/b",
        "github.com/example-org/seller-coach",
        "https://github.com/example-org",
        "https://github.com/",
        "https://user:secret@github.com/example-org/seller-coach",
        "https://github.com/example-org/seller-coach?tab=readme",
        "https://github.com/example-org/seller-coach#top",
        "https://github.com/example-org/seller-coach/blob/main/README.md",
        "https://github.com/example-org/seller-coach/tree/",
        "https://github.com/example-org/seller-coach/tree/a..b",
        "https://github.com/-bad/seller-coach",
        "https://github.com/example-org/sel ler",
        "https://localhost/example-org/seller-coach",
        "https://github.com:notaport/a/b",
    ],
)
def test_only_https_repository_urls_are_accepted(url: str) -> None:
    with pytest.raises(ValueError, match=r"repository|URL|branch|owner"):
        new_file_link(url, "playbooks/a.yaml", "id: a\n")


@pytest.mark.parametrize(
    "path", ["", "/etc/passwd", "../a.yaml", "playbooks/../../a.yaml", "a b.yaml", "a//b.yaml"]
)
def test_only_plain_relative_paths_are_accepted(path: str) -> None:
    with pytest.raises(ValueError, match="relative file path"):
        new_file_link(REPO, path, "id: a\n")


def test_too_long_for_a_link_gives_none() -> None:
    head = len(new_file_link(REPO, "playbooks/a.yaml", "") or "")
    fits = "a" * (MAX_LINK_LENGTH - head)
    link = new_file_link(REPO, "playbooks/a.yaml", fits)
    assert link is not None and len(link) == MAX_LINK_LENGTH
    assert new_file_link(REPO, "playbooks/a.yaml", fits + "a") is None
    # Encoding counts: one emoji is 12 characters of link, a new line 3.
    assert new_file_link(REPO, "playbooks/a.yaml", fits[:-11] + "🙂") is None
    assert new_file_link(REPO, "playbooks/a.yaml", fits[:-12] + "🙂") is not None
    assert new_file_link(REPO, "playbooks/a.yaml", fits[:-2] + "\n") is None
    assert new_file_link(REPO, "playbooks/a.yaml", "id: a\n", max_length=head) is None
    assert new_file_link(REPO, "playbooks/a.yaml", "", max_length=head) is not None
