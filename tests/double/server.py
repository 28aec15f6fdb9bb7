"""REST routes of the double (``/api/v10/...``) and the middleware every request passes.

The middleware, in order: answers unknown routes with Discord's 404 (and records them);
checks ``Authorization``; applies injected faults (429 / 5xx); checks the ``Content-Type``;
validates against the OpenAPI description and Discord's limits (one 400 lists both); calls
the route, which checks the protocol (e.g. the callback type fits the interaction); and
finally records the request with the status it got.
"""

from __future__ import annotations

import email.policy
import hashlib
import json
import logging
import math
import time
from collections.abc import Awaitable, Callable
from email.parser import BytesParser
from typing import TYPE_CHECKING, Any

from aiohttp import web

from . import limits
from .errors import FieldError, invalid_form_body, json_error
from .limits import FLAG_EPHEMERAL, FLAG_LOADING
from .records import Fault, MentionRecord, RequestRecord, Violation
from .state import (
    APPLICATION_COMMAND,
    ATTACHMENT_SIZE_LIMIT,
    AUTOCOMPLETE,
    DM,
    MESSAGE_COMPONENT,
    MODAL_SUBMIT,
    PING,
    Channel,
    Command,
    InteractionRecord,
    Message,
    Modal,
    StoredFile,
    guess_content_type,
    number_components,
)
from .validation import API_PREFIX, OpenAPIRequest, OpenAPIResponse

if TYPE_CHECKING:
    from .double import DiscordDouble

log = logging.getLogger(__name__)

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

#: Callback types Discord accepts for each interaction type.
ALLOWED_CALLBACKS: dict[int, frozenset[int]] = {
    PING: frozenset({1}),
    APPLICATION_COMMAND: frozenset({4, 5, 9}),
    MESSAGE_COMPONENT: frozenset({4, 5, 6, 7, 9}),
    AUTOCOMPLETE: frozenset({8}),
    MODAL_SUBMIT: frozenset({4, 5, 6, 7}),
}

#: The parsed JSON body (or multipart ``payload_json``) of the current request.
JSON_KEY: web.RequestKey[Any] = web.RequestKey("discord_double_json", object)
#: Files uploaded with a multipart request: ``{"field", "filename", "data", "content_type"}``.
FILES_KEY: web.RequestKey[list[dict[str, Any]]] = web.RequestKey("discord_double_files", list)
_NO_AUTH_PREFIXES = ("/interactions/", "/webhooks/")
_TRUE = {"1", "true", "True"}


def json_response(
    data: Any, status: int = 200, headers: dict[str, str] | None = None
) -> web.Response:
    """A JSON answer whose ``Content-Type`` is exactly ``application/json`` (discord.py
    only decodes the body as JSON when the header matches exactly)."""
    all_headers = {"Content-Type": "application/json"}
    if headers:
        all_headers.update(headers)
    body = json.dumps(data, separators=(",", ":")).encode()
    return web.Response(body=body, status=status, headers=all_headers)


def no_content() -> web.Response:
    return web.Response(status=204)


def _callback_limits(payload: Any) -> list[FieldError]:
    if not isinstance(payload, dict) or not isinstance(payload.get("data"), dict):
        return []
    data = payload["data"]
    checks = {
        4: lambda: limits.check_message(data),
        7: lambda: limits.check_message(data, require_content=False),
        8: lambda: limits.check_choices(data.get("choices")),
        9: lambda: limits.check_modal(data),
    }
    kind = payload.get("type")
    check = checks.get(kind) if isinstance(kind, int) else None
    return limits.prefixed(("data",), check()) if check else []


def _message_create_limits(payload: Any) -> list[FieldError]:
    return limits.check_message(payload) if isinstance(payload, dict) else []


def _message_edit_limits(payload: Any) -> list[FieldError]:
    return limits.check_message(payload, require_content=False) if isinstance(payload, dict) else []


def _commands_limits(payload: Any) -> list[FieldError]:
    return limits.check_commands(payload) if isinstance(payload, list) else []


def _command_limits(payload: Any) -> list[FieldError]:
    return limits.check_command(payload) if isinstance(payload, dict) else []


#: Discord's limits per route (method, path below /api/v10), checked next to the OpenAPI
#: validation so one 400 lists every problem.
LIMIT_CHECKS: dict[tuple[str, str], Callable[[Any], list[FieldError]]] = {
    ("POST", "/interactions/{interaction_id}/{interaction_token}/callback"): _callback_limits,
    ("POST", "/webhooks/{webhook_id}/{webhook_token}"): _message_create_limits,
    ("PATCH", "/webhooks/{webhook_id}/{webhook_token}/messages/@original"): _message_edit_limits,
    ("PATCH", "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}"): _message_edit_limits,
    ("POST", "/channels/{channel_id}/messages"): _message_create_limits,
    ("PATCH", "/channels/{channel_id}/messages/{message_id}"): _message_edit_limits,
    ("PUT", "/applications/{application_id}/commands"): _commands_limits,
    ("PUT", "/applications/{application_id}/guilds/{guild_id}/commands"): _commands_limits,
    ("POST", "/applications/{application_id}/commands"): _command_limits,
    ("POST", "/applications/{application_id}/guilds/{guild_id}/commands"): _command_limits,
}


def limit_errors_for(method: str, route: str, payload: Any) -> list[FieldError]:
    """Discord's limits for a request to ``route`` (empty when the route has none)."""
    check = LIMIT_CHECKS.get((method, route))
    return check(payload) if check is not None and payload is not None else []


class RestApi:
    """Builds the aiohttp application for one :class:`DiscordDouble`."""

    def __init__(self, double: DiscordDouble) -> None:
        self.double = double

    # --- application --------------------------------------------------------------------------

    def build_app(self) -> web.Application:
        app = web.Application(middlewares=[self._middleware], client_max_size=32 * 1024 * 1024)
        gateway = self.double.gateway
        app.router.add_get("/gateway", gateway.handle)
        app.router.add_get("/gateway/resume", gateway.handle)
        # The CDN: attachments (uploads and files the bot sent) and their media proxy.
        app.router.add_get("/attachments/{attachment_id}/{filename}", self.get_file)
        app.router.add_get("/media-proxy/attachments/{attachment_id}/{filename}", self.get_file)
        routes: list[tuple[str, str, Handler]] = [
            ("GET", "/users/@me", self.get_me),
            ("POST", "/users/@me/channels", self.create_dm),
            ("GET", "/users/{user_id}", self.get_user),
            ("GET", "/gateway", self.get_gateway),
            ("GET", "/gateway/bot", self.get_gateway_bot),
            ("GET", "/oauth2/applications/@me", self.get_application),
            ("GET", "/applications/@me", self.get_application),
            ("GET", "/applications/{application_id}/commands", self.list_commands),
            ("PUT", "/applications/{application_id}/commands", self.put_commands),
            ("POST", "/applications/{application_id}/commands", self.post_command),
            ("GET", "/applications/{application_id}/commands/{command_id}", self.get_command),
            ("PATCH", "/applications/{application_id}/commands/{command_id}", self.patch_command),
            ("DELETE", "/applications/{application_id}/commands/{command_id}", self.delete_command),
            (
                "GET",
                "/applications/{application_id}/guilds/{guild_id}/commands/permissions",
                self.list_command_permissions,
            ),
            (
                "GET",
                "/applications/{application_id}/guilds/{guild_id}/commands",
                self.list_commands,
            ),
            ("PUT", "/applications/{application_id}/guilds/{guild_id}/commands", self.put_commands),
            (
                "POST",
                "/applications/{application_id}/guilds/{guild_id}/commands",
                self.post_command,
            ),
            (
                "GET",
                "/applications/{application_id}/guilds/{guild_id}/commands/{command_id}",
                self.get_command,
            ),
            (
                "PATCH",
                "/applications/{application_id}/guilds/{guild_id}/commands/{command_id}",
                self.patch_command,
            ),
            (
                "DELETE",
                "/applications/{application_id}/guilds/{guild_id}/commands/{command_id}",
                self.delete_command,
            ),
            ("POST", "/interactions/{interaction_id}/{interaction_token}/callback", self.callback),
            ("GET", "/webhooks/{webhook_id}/{webhook_token}/messages/@original", self.get_original),
            (
                "PATCH",
                "/webhooks/{webhook_id}/{webhook_token}/messages/@original",
                self.edit_original,
            ),
            (
                "DELETE",
                "/webhooks/{webhook_id}/{webhook_token}/messages/@original",
                self.delete_original,
            ),
            ("POST", "/webhooks/{webhook_id}/{webhook_token}", self.create_followup),
            (
                "GET",
                "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}",
                self.get_followup,
            ),
            (
                "PATCH",
                "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}",
                self.edit_followup,
            ),
            (
                "DELETE",
                "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}",
                self.delete_followup,
            ),
            ("GET", "/channels/{channel_id}", self.get_channel),
            ("GET", "/channels/{channel_id}/messages", self.list_messages),
            ("POST", "/channels/{channel_id}/messages", self.create_message),
            ("GET", "/channels/{channel_id}/messages/{message_id}", self.get_message),
            ("PATCH", "/channels/{channel_id}/messages/{message_id}", self.edit_message),
            ("DELETE", "/channels/{channel_id}/messages/{message_id}", self.delete_message),
            ("GET", "/guilds/{guild_id}", self.get_guild),
            ("GET", "/guilds/{guild_id}/channels", self.get_guild_channels),
            ("GET", "/guilds/{guild_id}/roles", self.get_guild_roles),
            ("GET", "/guilds/{guild_id}/members/{user_id}", self.get_member),
        ]
        for method, path, handler in routes:
            app.router.add_route(method, API_PREFIX + path, handler)
        return app

    @web.middleware
    async def _middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        if not request.path.startswith(API_PREFIX + "/"):
            if request.match_info.http_exception is not None:
                self.double.unknown_routes.append(f"{request.method} {request.path}")
                log.warning("Discord double: unknown route %s %s", request.method, request.path)
                return json_response(json_error(0, "404: Not Found"), status=404)
            return await handler(request)
        body = await request.read()
        content_type = request.headers.get("Content-Type", "")
        pattern: str | None = None
        match_info = request.match_info
        if match_info.http_exception is None and match_info.route.resource is not None:
            pattern = match_info.route.resource.canonical
        response = await self._process(request, handler, body, content_type, pattern)
        if self.double.check_responses and pattern is not None:
            self._check_response(request, pattern, response)
        self.double.requests.append(
            RequestRecord(
                method=request.method,
                path=request.path[len(API_PREFIX) :],
                route=pattern[len(API_PREFIX) :] if pattern else None,
                query=dict(request.query),
                body=request.get(JSON_KEY),
                status=response.status,
                at=time.monotonic(),
            )
        )
        return response

    async def _process(
        self,
        request: web.Request,
        handler: Handler,
        body: bytes,
        content_type: str,
        pattern: str | None,
    ) -> web.StreamResponse:
        double = self.double
        path = request.path[len(API_PREFIX) :]
        if pattern is None:
            double.unknown_routes.append(f"{request.method} {path}")
            log.warning("Discord double: unknown route %s %s", request.method, path)
            return json_response(json_error(0, "404: Not Found"), status=404)

        authorized = request.headers.get("Authorization") == f"Bot {double.token}"
        if not path.startswith(_NO_AUTH_PREFIXES) and not authorized:
            return json_response(json_error(0, "401: Unauthorized"), status=401)

        fault = double._take_fault(request.method, path)
        if fault is not None:
            if fault.loses_answer:
                double._answer_lost(request.match_info.get("interaction_id"))
            return self._fault_response(fault)

        payload: Any = None
        if body:
            if content_type.startswith("multipart/form-data"):
                payload, body, content_type = self._read_multipart(request, body, content_type)
                too_large = self._files_too_large(request)
                if too_large is not None:
                    return too_large
            elif content_type.split(";")[0].strip() != "application/json":
                message = f"Unsupported Content-Type {content_type!r}"
                error = FieldError((), "CONTENT_TYPE_INVALID", message)
                return self.reject(request, ("content-type", [error]))
            else:
                try:
                    payload = json.loads(body)
                except ValueError:
                    double._record_violation(
                        Violation("content-type", request.method, path, detail="invalid JSON body")
                    )
                    return json_response(
                        json_error(50109, "The request body contains invalid JSON."), status=400
                    )
        request[JSON_KEY] = payload

        if double.validator is None:
            raise RuntimeError("The Discord double serves requests only after start()")
        openapi_request = OpenAPIRequest.build(
            method=request.method,
            path=request.path,
            path_pattern=pattern,
            path_params=request.match_info,
            query=request.query.items(),
            headers=request.headers.items(),
            content_type=content_type,
            body=body or None,
        )
        openapi_errors = double.validator.validate(openapi_request) if double.openapi else []
        limit_errors = limit_errors_for(request.method, pattern[len(API_PREFIX) :], payload)
        if openapi_errors or limit_errors:
            return self.reject(request, ("openapi", openapi_errors), ("limits", limit_errors))
        return await handler(request)

    def _check_response(
        self, request: web.Request, pattern: str, response: web.StreamResponse
    ) -> None:
        """Validate the double's own answer against the description's response schema.

        Skipped: empty answers; 5xx (injected faults, not described); and 50035 bodies --
        their field errors carry string codes (``"BASE_TYPE_MAX_LENGTH"``) as Discord sends
        them, where the description says integer.
        """
        assert self.double.validator is not None
        if not isinstance(response, web.Response) or response.status in (204, *range(500, 600)):
            return
        body = response.body if isinstance(response.body, bytes) else None
        if response.status == 400 and body and json.loads(body).get("code") == 50035:
            return
        openapi_request = OpenAPIRequest.build(
            method=request.method,
            path=request.path,
            path_pattern=pattern,
            path_params=request.match_info,
            query=request.query.items(),
            headers=request.headers.items(),
            content_type="application/json",
            body=None,
        )
        answer = OpenAPIResponse(
            status_code=response.status,
            content_type=response.headers.get("Content-Type", ""),
            headers=dict(response.headers),
            data=body,
        )
        errors = self.double.validator.validate_response(openapi_request, answer)
        if errors:
            path = request.path[len(API_PREFIX) :]
            self.double.response_problems.append(
                Violation(
                    "response",
                    request.method,
                    path,
                    tuple(errors),
                    body=json.loads(body or b"null"),
                )
            )

    @staticmethod
    def _read_multipart(
        request: web.Request, body: bytes, content_type: str
    ) -> tuple[Any, bytes, str]:
        """Take ``payload_json`` (validated as the JSON body) and note the attached files."""
        head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode()
        message = BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
        payload: Any = {}
        files: list[dict[str, Any]] = []
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            raw = part.get_payload(decode=True)
            data = raw if isinstance(raw, bytes) else b""
            if name == "payload_json":
                payload = json.loads(data)
            else:
                declared: str | None = part.get_content_type()
                if declared == "application/octet-stream":
                    declared = None
                files.append(
                    {
                        "field": name,
                        "filename": part.get_filename(),
                        "data": data,
                        # discord.py declares every file application/octet-stream; Discord
                        # reports a type it recognises instead.
                        "content_type": declared,
                    }
                )
        request[FILES_KEY] = files
        return payload, json.dumps(payload).encode(), "application/json"

    def _files_too_large(self, request: web.Request) -> web.Response | None:
        """Discord's 413 when a message's files together exceed the upload limit."""
        total = sum(len(f["data"]) for f in request.get(FILES_KEY) or [])
        if total <= ATTACHMENT_SIZE_LIMIT:
            return None
        detail = f"files total {total} bytes, over the {ATTACHMENT_SIZE_LIMIT} byte limit"
        self.double._record_violation(
            Violation("limits", request.method, request.path[len(API_PREFIX) :], detail=detail)
        )
        return json_response(json_error(40005, "Request entity too large"), status=413)

    def _fault_response(self, fault: Fault) -> web.Response:
        if fault.status == 429:
            reset_after = fault.retry_after
            headers = {
                "X-RateLimit-Limit": "5",
                "X-RateLimit-Remaining": "0",
                "X-RateLimit-Reset": f"{time.time() + reset_after:.3f}",
                "X-RateLimit-Reset-After": f"{reset_after:.3f}",
                "X-RateLimit-Bucket": hashlib.sha1(fault.pattern.pattern.encode()).hexdigest()[:16],
                "X-RateLimit-Scope": "global" if fault.is_global else "user",
                "Retry-After": str(max(1, math.ceil(reset_after))),
                "Via": "1.1 google",
            }
            if fault.is_global:
                headers["X-RateLimit-Global"] = "true"
            body = {
                "message": "You are being rate limited.",
                "retry_after": reset_after,
                "global": fault.is_global,
                "code": 0,
            }
            return json_response(body, status=429, headers=headers)
        return json_response(
            json_error(fault.code, fault.message or f"{fault.status}: Server Error"),
            status=fault.status,
        )

    def reject(self, request: web.Request, *found: tuple[str, list[FieldError]]) -> web.Response:
        """Record one violation per ``(kind, errors)`` and answer Discord's 400
        ``Invalid Form Body`` listing all of the errors."""
        path = request.path[len(API_PREFIX) :]
        every: list[FieldError] = []
        for kind, errors in found:
            if not errors:
                continue
            every.extend(errors)
            violation = Violation(
                kind, request.method, path, tuple(errors), body=request.get(JSON_KEY)
            )
            self.double._record_violation(violation)
            log.warning("Discord double rejected %s %s: %s", request.method, path, violation)
        return json_response(invalid_form_body(every), status=400)

    def _with_attachments(
        self, request: web.Request, payload: dict[str, Any], existing: Message | None = None
    ) -> dict[str, Any]:
        """Turn the ``attachments`` of a request into full attachment objects, keeping the
        uploaded bytes where the attachment's URL serves them.

        An attachment naming an id the message already has keeps that file; one naming
        ``files[n]`` is the upload in that part. Files sent without ``attachments`` are
        added to the message (as Discord does).
        """
        uploads = request.get(FILES_KEY) or []
        attachments = payload.get("attachments")
        if not isinstance(attachments, list):
            if not uploads:
                return payload
            kept = existing.attachments if existing is not None else []
            attachments = [{"id": a["id"]} for a in kept]
            attachments += [{"id": index} for index in range(len(uploads))]
        files = {f["field"]: f for f in uploads}
        known = {str(a.get("id")): a for a in (existing.attachments if existing else [])}
        ephemeral = bool(int(payload.get("flags") or 0) & FLAG_EPHEMERAL) or (
            existing is not None and existing.ephemeral
        )
        result: list[dict[str, Any]] = []
        for index, attachment in enumerate(attachments):
            if not isinstance(attachment, dict):
                continue
            if str(attachment.get("id")) in known:
                result.append(known[str(attachment.get("id"))])
                continue
            upload = files.get(f"files[{attachment.get('id', index)}]", {})
            filename = attachment.get("filename") or upload.get("filename") or f"file{index}"
            stored = StoredFile(
                id=self.double.snowflake(),
                filename=filename,
                data=upload.get("data", b""),
                content_type=upload.get("content_type") or guess_content_type(filename),
            )
            self.double.files[stored.id] = stored
            result.append(
                stored.payload(
                    self.double.base_url,
                    ephemeral=ephemeral,
                    description=attachment.get("description"),
                )
            )
        return {**payload, "attachments": result}

    def _audit_mentions(self, request: web.Request, payload: Any) -> None:
        mentions = payload.get("allowed_mentions") if isinstance(payload, dict) else None
        self.double.mention_audit.append(
            MentionRecord(request.method, request.path[len(API_PREFIX) :], mentions)
        )

    # --- the CDN ------------------------------------------------------------------------------

    async def get_file(self, request: web.Request) -> web.Response:
        """An attachment's bytes, at its URL; 404 for unknown ids or a wrong file name."""
        raw_id = request.match_info["attachment_id"]
        stored = self.double.files.get(int(raw_id)) if raw_id.isdigit() else None
        if stored is None or stored.filename != request.match_info["filename"]:
            return web.Response(status=404, text="404: Not Found")
        headers = {"Content-Type": stored.content_type or "application/octet-stream"}
        return web.Response(body=stored.data, headers=headers)

    # --- identity -----------------------------------------------------------------------------

    async def get_me(self, request: web.Request) -> web.Response:
        data = self.double.bot_user.payload()
        data.update({"verified": True, "mfa_enabled": False, "email": None, "locale": "en-US"})
        return json_response(data)

    async def get_user(self, request: web.Request) -> web.Response:
        user = self.double.users.get(int(request.match_info["user_id"]))
        if user is None:
            return json_response(json_error(10013, "Unknown User"), status=404)
        return json_response(user.payload())

    async def get_gateway(self, request: web.Request) -> web.Response:
        return json_response({"url": self.double.gateway_url})

    async def get_gateway_bot(self, request: web.Request) -> web.Response:
        return json_response(
            {
                "url": self.double.gateway_url,
                "shards": self.double.recommended_shards,
                "session_start_limit": {
                    "total": 1000,
                    "remaining": 999,
                    "reset_after": 0,
                    "max_concurrency": 1,
                },
            }
        )

    async def get_application(self, request: web.Request) -> web.Response:
        return json_response(self.double.application_payload())

    # --- commands -----------------------------------------------------------------------------

    def _command_scope(self, request: web.Request) -> tuple[int | None, web.Response | None]:
        if int(request.match_info["application_id"]) != self.double.application_id:
            return None, json_response(json_error(10002, "Unknown Application"), status=404)
        raw_guild = request.match_info.get("guild_id")
        if raw_guild is None:
            return None, None
        guild_id = int(raw_guild)
        if guild_id not in self.double.guilds:
            return guild_id, json_response(json_error(50001, "Missing Access"), status=403)
        return guild_id, None

    async def list_commands(self, request: web.Request) -> web.Response:
        guild_id, error = self._command_scope(request)
        if error is not None:
            return error
        return json_response([c.data for c in self.double.command_table(guild_id).values()])

    async def put_commands(self, request: web.Request) -> web.Response:
        guild_id, error = self._command_scope(request)
        if error is not None:
            return error
        commands = request[JSON_KEY] or []
        if not isinstance(commands, list):
            error_ = FieldError((), "BASE_TYPE_ARRAY", "Must be an array")
            return self.reject(request, ("openapi", [error_]))
        stored = self.double._store_commands(guild_id, commands)
        return json_response([c.data for c in stored])

    async def post_command(self, request: web.Request) -> web.Response:
        guild_id, error = self._command_scope(request)
        if error is not None:
            return error
        command = request[JSON_KEY] or {}
        existing = [c.data for c in self.double.command_table(guild_id).values()]
        merged = [
            c
            for c in existing
            if (c.get("type", 1), c["name"]) != (command.get("type", 1), command.get("name"))
        ]
        errors = limits.check_commands([*merged, command])
        if errors:
            return self.reject(request, ("limits", errors))
        stored = self.double._upsert_command(guild_id, command)
        return json_response(stored.data, status=201)

    def _find_command(
        self, request: web.Request
    ) -> tuple[int | None, Command | None, web.Response | None]:
        guild_id, error = self._command_scope(request)
        if error is not None:
            return guild_id, None, error
        command_id = int(request.match_info["command_id"])
        for command in self.double.command_table(guild_id).values():
            if command.id == command_id:
                return guild_id, command, None
        return (
            guild_id,
            None,
            json_response(json_error(10063, "Unknown application command"), status=404),
        )

    async def get_command(self, request: web.Request) -> web.Response:
        _, command, error = self._find_command(request)
        if error is not None or command is None:
            return error or json_response(
                json_error(10063, "Unknown application command"), status=404
            )
        return json_response(command.data)

    async def patch_command(self, request: web.Request) -> web.Response:
        guild_id, command, error = self._find_command(request)
        if error is not None or command is None:
            return error or json_response(
                json_error(10063, "Unknown application command"), status=404
            )
        updated = {**command.data, **(request[JSON_KEY] or {})}
        errors = limits.check_command(updated)
        if errors:
            return self.reject(request, ("limits", errors))
        stored = self.double._upsert_command(guild_id, updated)
        return json_response(stored.data)

    async def delete_command(self, request: web.Request) -> web.Response:
        guild_id, command, error = self._find_command(request)
        if error is not None or command is None:
            return error or json_response(
                json_error(10063, "Unknown application command"), status=404
            )
        self.double._delete_command(guild_id, command)
        return no_content()

    async def list_command_permissions(self, request: web.Request) -> web.Response:
        _, error = self._command_scope(request)
        return error or json_response([])

    # --- interactions -------------------------------------------------------------------------

    async def callback(self, request: web.Request) -> web.Response:
        double = self.double
        interaction = double.interactions.get(int(request.match_info["interaction_id"]))
        if interaction is None or interaction.token != request.match_info["interaction_token"]:
            return json_response(json_error(10062, "Unknown interaction"), status=404)
        if interaction.acknowledged:
            double._record_violation(
                Violation(
                    "protocol",
                    request.method,
                    request.path[len(API_PREFIX) :],
                    detail="second callback",
                )
            )
            return json_response(
                json_error(40060, "Interaction has already been acknowledged."), status=400
            )
        elapsed = time.perf_counter() - interaction.dispatched_at
        if elapsed > double.interaction_deadline:
            double._record_violation(
                Violation(
                    "deadline",
                    request.method,
                    request.path[len(API_PREFIX) :],
                    detail=(
                        f"callback {elapsed:.2f}s after dispatch "
                        f"(deadline {double.interaction_deadline}s)"
                    ),
                )
            )
            return json_response(json_error(10062, "Unknown interaction"), status=404)

        payload = request[JSON_KEY] or {}
        callback_type = payload.get("type")
        data = payload.get("data") or {}
        if callback_type not in ALLOWED_CALLBACKS.get(interaction.type, frozenset()):
            return self.reject(
                request,
                (
                    "protocol",
                    [
                        FieldError(
                            ("type",),
                            "INTERACTION_CALLBACK_TYPE_INVALID",
                            f"Callback type {callback_type} does not fit interaction type "
                            f"{interaction.type}",
                        )
                    ],
                ),
            )
        if callback_type in (6, 7) and interaction.source_message is None:
            return self.reject(
                request,
                (
                    "protocol",
                    [
                        FieldError(
                            ("type",),
                            "INTERACTION_CALLBACK_TYPE_INVALID",
                            "There is no message to update",
                        )
                    ],
                ),
            )
        message: Message | None = None
        if callback_type == 4:
            data = self._with_attachments(request, data)
            message = double._new_interaction_message(interaction, data, loading=False)
            self._audit_mentions(request, data)
        elif callback_type == 5:
            message = double._new_interaction_message(interaction, data, loading=True)
        elif callback_type == 6:
            interaction.original = interaction.source_message
        elif callback_type == 7:
            message = interaction.source_message
            assert message is not None
            data = self._with_attachments(request, data, message)
            message.apply(data, edit=True)
            interaction.original = message
        elif callback_type == 8:
            interaction.choices = list(data.get("choices") or [])
        elif callback_type == 9:
            number_components(data["components"])
            interaction.modal = Modal(
                custom_id=data["custom_id"],
                title=data["title"],
                components=data["components"],
                interaction_id=interaction.id,
                user=interaction.user,
            )
        double._acknowledge(interaction, callback_type, data)

        if request.query.get("with_response") not in _TRUE:
            return no_content()
        summary: dict[str, Any] = {
            "id": str(interaction.id),
            "type": interaction.type,
            "activity_instance_id": None,
            "channel_id": str(interaction.channel.id),
        }
        if interaction.guild is not None:
            summary["guild_id"] = str(interaction.guild.id)
        if message is not None:
            summary["response_message_id"] = str(message.id)
            summary["response_message_loading"] = message.loading
            summary["response_message_ephemeral"] = message.ephemeral
        body: dict[str, Any] = {"interaction": summary}
        if message is not None and callback_type in (4, 7):
            # Only message-creating (4) and -updating (7) responses carry a resource.
            body["resource"] = {"type": callback_type, "message": message.payload()}
        return json_response(body)

    def _webhook_interaction(
        self, request: web.Request
    ) -> tuple[InteractionRecord | None, web.Response | None]:
        interaction = self.double.interactions_by_token.get(request.match_info["webhook_token"])
        if (
            interaction is None
            or int(request.match_info["webhook_id"]) != self.double.application_id
        ):
            return None, json_response(json_error(10015, "Unknown Webhook"), status=404)
        if not interaction.acknowledged:
            return None, json_response(json_error(10015, "Unknown Webhook"), status=404)
        return interaction, None

    @staticmethod
    def _unknown_message() -> web.Response:
        return json_response(json_error(10008, "Unknown Message"), status=404)

    async def get_original(self, request: web.Request) -> web.Response:
        interaction, error = self._webhook_interaction(request)
        if error is not None or interaction is None:
            return error or self._unknown_message()
        message = interaction.original
        if message is None or message.deleted:
            return self._unknown_message()
        return json_response(message.payload())

    async def edit_original(self, request: web.Request) -> web.Response:
        interaction, error = self._webhook_interaction(request)
        if error is not None or interaction is None:
            return error or self._unknown_message()
        message = interaction.original
        if message is None or message.deleted:
            return self._unknown_message()
        return self._edit(request, message)

    def _edit(self, request: web.Request, message: Message) -> web.Response:
        payload = request[JSON_KEY] or {}
        if message.loading:
            # The first edit of a deferred response is when its content is posted.
            self._audit_mentions(request, payload)
        message.apply(self._with_attachments(request, payload, message), edit=True)
        self.double.state_changed()
        return json_response(message.payload())

    async def delete_original(self, request: web.Request) -> web.Response:
        interaction, error = self._webhook_interaction(request)
        if error is not None or interaction is None:
            return error or self._unknown_message()
        message = interaction.original
        if message is None or message.deleted:
            return self._unknown_message()
        message.deleted = True
        self.double.state_changed()
        return no_content()

    async def create_followup(self, request: web.Request) -> web.Response:
        interaction, error = self._webhook_interaction(request)
        if error is not None or interaction is None:
            return error or self._unknown_message()
        payload = request[JSON_KEY] or {}
        self._audit_mentions(request, payload)
        payload = self._with_attachments(request, payload)
        original = interaction.original
        if original is not None and original.loading and interaction.callback_type == 5:
            # A follow-up to a deferred response fills in the "thinking..." message.
            original.apply({k: v for k, v in payload.items() if k != "flags"}, edit=True)
            message = original
        else:
            message = self.double._new_followup(interaction, payload)
        self.double.state_changed()
        if request.query.get("wait") not in _TRUE:
            return no_content()
        return json_response(message.payload())

    def _followup(self, request: web.Request) -> tuple[Message | None, web.Response | None]:
        interaction, error = self._webhook_interaction(request)
        if error is not None or interaction is None:
            return None, error or self._unknown_message()
        message_id = int(request.match_info["message_id"])
        candidates = [*interaction.followups]
        if interaction.original is not None:
            candidates.append(interaction.original)
        for message in candidates:
            if message.id == message_id and not message.deleted:
                return message, None
        return None, self._unknown_message()

    async def get_followup(self, request: web.Request) -> web.Response:
        message, error = self._followup(request)
        if error is not None or message is None:
            return error or self._unknown_message()
        return json_response(message.payload())

    async def edit_followup(self, request: web.Request) -> web.Response:
        message, error = self._followup(request)
        if error is not None or message is None:
            return error or self._unknown_message()
        return self._edit(request, message)

    async def delete_followup(self, request: web.Request) -> web.Response:
        message, error = self._followup(request)
        if error is not None or message is None:
            return error or self._unknown_message()
        message.deleted = True
        self.double.state_changed()
        return no_content()

    # --- channels and messages ----------------------------------------------------------------

    async def create_dm(self, request: web.Request) -> web.Response:
        payload = request[JSON_KEY] or {}
        try:
            user = self.double.users.get(int(payload["recipient_id"]))
        except (KeyError, TypeError, ValueError):
            user = None
        if user is None or user.bot:
            return json_response(json_error(50033, "Invalid Recipient(s)"), status=400)
        return json_response(self.double._dm_channel(user).payload())

    def _channel(self, request: web.Request) -> Channel | None:
        return self.double.channels.get(int(request.match_info["channel_id"]))

    @staticmethod
    def _unknown_channel() -> web.Response:
        return json_response(json_error(10003, "Unknown Channel"), status=404)

    async def get_channel(self, request: web.Request) -> web.Response:
        channel = self._channel(request)
        return json_response(channel.payload()) if channel else self._unknown_channel()

    async def list_messages(self, request: web.Request) -> web.Response:
        channel = self._channel(request)
        if channel is None:
            return self._unknown_channel()
        limit = int(request.query.get("limit", "50"))
        messages = [m for m in self.double.messages_in(channel.id) if not m.ephemeral]
        return json_response([m.payload() for m in reversed(messages[-limit:])])

    async def create_message(self, request: web.Request) -> web.Response:
        channel = self._channel(request)
        if channel is None:
            return self._unknown_channel()
        payload = request[JSON_KEY] or {}
        self._audit_mentions(request, payload)
        if (
            channel.type == DM
            and channel.recipient is not None
            and channel.recipient.id in self.double.closed_dms
        ):
            return json_response(json_error(50007, "Cannot send messages to this user"), status=403)
        flags = int(payload.get("flags") or 0)
        if flags & (FLAG_EPHEMERAL | FLAG_LOADING):
            return self.reject(
                request,
                (
                    "protocol",
                    [FieldError(("flags",), "MESSAGE_FLAGS_INVALID", "Flags not allowed here")],
                ),
            )
        message = self.double._new_channel_message(
            channel, self._with_attachments(request, payload)
        )
        return json_response(message.payload())

    def _message(self, request: web.Request) -> tuple[Message | None, web.Response | None]:
        channel = self._channel(request)
        if channel is None:
            return None, self._unknown_channel()
        message = self.double.messages.get(int(request.match_info["message_id"]))
        if (
            message is None
            or message.channel_id != channel.id
            or message.deleted
            or message.ephemeral
        ):
            return None, self._unknown_message()
        return message, None

    async def get_message(self, request: web.Request) -> web.Response:
        message, error = self._message(request)
        if error is not None or message is None:
            return error or self._unknown_message()
        return json_response(message.payload())

    async def edit_message(self, request: web.Request) -> web.Response:
        message, error = self._message(request)
        if error is not None or message is None:
            return error or self._unknown_message()
        if message.author.id != self.double.bot_user.id:
            return json_response(
                json_error(50005, "Cannot edit a message authored by another user"), status=403
            )
        return self._edit(request, message)

    async def delete_message(self, request: web.Request) -> web.Response:
        message, error = self._message(request)
        if error is not None or message is None:
            return error or self._unknown_message()
        message.deleted = True
        self.double.state_changed()
        return no_content()

    # --- guilds -------------------------------------------------------------------------------

    async def get_guild(self, request: web.Request) -> web.Response:
        guild = self.double.guilds.get(int(request.match_info["guild_id"]))
        if guild is None:
            return json_response(json_error(10004, "Unknown Guild"), status=404)
        data = guild.create_payload([])
        for key in (
            "members",
            "channels",
            "threads",
            "presences",
            "voice_states",
            "joined_at",
            "large",
            "member_count",
        ):
            data.pop(key, None)
        data.update(
            {
                "home_header": None,
                "widget_enabled": False,
                "widget_channel_id": None,
                "max_presences": None,
                "max_stage_video_channel_users": 50,
                "nsfw": False,
                "incidents_data": None,
            }
        )
        return json_response(data)

    async def get_guild_roles(self, request: web.Request) -> web.Response:
        guild = self.double.guilds.get(int(request.match_info["guild_id"]))
        if guild is None:
            return json_response(json_error(10004, "Unknown Guild"), status=404)
        return json_response([r.payload() for r in guild.roles])

    async def get_guild_channels(self, request: web.Request) -> web.Response:
        guild = self.double.guilds.get(int(request.match_info["guild_id"]))
        if guild is None:
            return json_response(json_error(10004, "Unknown Guild"), status=404)
        return json_response([c.payload() for c in guild.channels])

    async def get_member(self, request: web.Request) -> web.Response:
        guild = self.double.guilds.get(int(request.match_info["guild_id"]))
        user = self.double.users.get(int(request.match_info["user_id"]))
        if guild is None:
            return json_response(json_error(10004, "Unknown Guild"), status=404)
        if user is None:
            return json_response(json_error(10007, "Unknown Member"), status=404)
        return json_response({**user.member_payload(guild), "banner": None})
