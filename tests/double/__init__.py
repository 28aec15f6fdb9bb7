"""A loopback Discord (REST v10 + Gateway) for end-to-end tests of the real discord.py bot.

See ``tests/double/README.md`` for the test API and what is validated.
"""

from .acting import CommandNotAvailableError, InteractionResult, InteractionTimeoutError
from .double import DiscordDouble
from .errors import FieldError
from .records import Fault, MentionRecord, RequestRecord, Violation
from .state import (
    ATTACHMENT_SIZE_LIMIT,
    MANAGE_GUILD,
    MANAGER_PERMISSIONS,
    MEMBER_PERMISSIONS,
    Channel,
    Guild,
    Message,
    Modal,
    Role,
    StoredFile,
    Upload,
    User,
)
from .validation import OpenAPISpecMissingError

__all__ = [
    "ATTACHMENT_SIZE_LIMIT",
    "MANAGER_PERMISSIONS",
    "MANAGE_GUILD",
    "MEMBER_PERMISSIONS",
    "Channel",
    "CommandNotAvailableError",
    "DiscordDouble",
    "Fault",
    "FieldError",
    "Guild",
    "InteractionResult",
    "InteractionTimeoutError",
    "MentionRecord",
    "Message",
    "Modal",
    "OpenAPISpecMissingError",
    "RequestRecord",
    "Role",
    "StoredFile",
    "Upload",
    "User",
    "Violation",
]
