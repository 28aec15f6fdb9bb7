"""Server playbooks in storage: versions kept, the latest of each, hidden shipped playbooks,
the revision counter a process checks, and forget-me taking a member's name off."""

from __future__ import annotations

import asyncio

from bot.storage import Store

GUILD = 900_000_000_000_000_001
OTHER_GUILD = 900_000_000_000_000_002
ADMIN = 800_000_000_000_000_001
OTHER_ADMIN = 800_000_000_000_000_002
YAML_1 = "id: kiln-crack\ntitle: A crack from the kiln\n"
YAML_2 = "id: kiln-crack\ntitle: A hairline crack from the kiln\n"


async def test_each_upload_is_a_new_version_and_the_latest_is_current(store: Store) -> None:
    assert await store.server_set_revision(GUILD) == 0
    first = await store.save_server_playbook(GUILD, "kiln-crack", YAML_1, author_id=ADMIN)
    second = await store.save_server_playbook(GUILD, "kiln-crack", YAML_2, author_id=OTHER_ADMIN)
    assert (first.version, second.version) == (1, 2)
    current = await store.server_playbooks(GUILD)
    assert [(r.playbook_id, r.version, r.content) for r in current] == [("kiln-crack", 2, YAML_2)]
    history = await store.server_playbook_history(GUILD, "kiln-crack")
    assert [(r.version, r.content, r.author_id) for r in history] == [
        (1, YAML_1, ADMIN),
        (2, YAML_2, OTHER_ADMIN),
    ]
    assert await store.server_set_revision(GUILD) == 2
    assert await store.server_playbooks(OTHER_GUILD) == []  # another server sees none of it
    assert await store.server_set_revision(OTHER_GUILD) == 0


async def test_a_removal_is_a_version_too_and_an_old_one_can_come_back(store: Store) -> None:
    await store.save_server_playbook(GUILD, "kiln-crack", YAML_1, author_id=ADMIN)
    removed = await store.save_server_playbook(GUILD, "kiln-crack", None, author_id=ADMIN)
    assert removed.removed and removed.version == 2
    assert await store.server_playbooks(GUILD) == []
    history = await store.server_playbook_history(GUILD, "kiln-crack")
    restored = await store.save_server_playbook(
        GUILD, "kiln-crack", history[0].content, author_id=ADMIN
    )
    assert restored.version == 3
    assert [r.content for r in await store.server_playbooks(GUILD)] == [YAML_1]
    assert "hairline" not in repr(restored) and "title" not in repr(restored)  # no YAML


async def test_one_version_is_read_by_its_number_removed_or_not(store: Store) -> None:
    await store.save_server_playbook(GUILD, "kiln-crack", YAML_1, author_id=ADMIN)
    await store.save_server_playbook(GUILD, "kiln-crack", None, author_id=ADMIN)
    first = await store.server_playbook_version(GUILD, "kiln-crack", 1)
    assert first is not None and (first.version, first.content) == (1, YAML_1)
    removal = await store.server_playbook_version(GUILD, "kiln-crack", 2)
    assert removal is not None and removal.removed
    assert await store.server_playbook_version(GUILD, "kiln-crack", 3) is None
    assert await store.server_playbook_version(OTHER_GUILD, "kiln-crack", 1) is None


async def test_saves_at_the_same_moment_each_get_their_own_version(store: Store) -> None:
    saved = await asyncio.gather(
        *(
            store.save_server_playbook(GUILD, "kiln-crack", f"{YAML_1}# {n}\n", author_id=ADMIN)
            for n in range(3)
        )
    )
    assert sorted(r.version for r in saved) == [1, 2, 3]
    assert await store.server_set_revision(GUILD) == 3


async def test_hiding_a_shipped_playbook_is_per_server_and_raises_the_revision(
    store: Store,
) -> None:
    assert await store.hide_playbook(GUILD, "changed-mind", by=ADMIN)
    assert not await store.hide_playbook(GUILD, "changed-mind", by=ADMIN)  # already hidden
    assert await store.hidden_playbooks(GUILD) == {"changed-mind"}
    assert await store.hidden_playbooks(OTHER_GUILD) == set()
    assert await store.server_set_revision(GUILD) == 1
    assert await store.unhide_playbook(GUILD, "changed-mind")
    assert not await store.unhide_playbook(GUILD, "changed-mind")
    assert await store.hidden_playbooks(GUILD) == set()
    assert await store.server_set_revision(GUILD) == 2


async def test_forget_me_takes_the_members_name_off_what_stays_the_servers(store: Store) -> None:
    await store.save_server_playbook(GUILD, "kiln-crack", YAML_1, author_id=ADMIN)
    await store.save_server_playbook(GUILD, "kiln-crack", YAML_2, author_id=OTHER_ADMIN)
    await store.hide_playbook(GUILD, "changed-mind", by=ADMIN)
    counts = await store.forget_user(ADMIN)
    assert counts == {"reminders": 0, "sessions": 0, "policies": 0}
    history = await store.server_playbook_history(GUILD, "kiln-crack")
    assert [(r.content, r.author_id) for r in history] == [
        (YAML_1, None),
        (YAML_2, OTHER_ADMIN),
    ]
    assert await store.hidden_playbooks(GUILD) == {"changed-mind"}
