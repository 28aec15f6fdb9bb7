"""Request validation against Discord's official OpenAPI description (via openapi-core).

The description (``openapi.json`` from discord/discord-api-spec, MIT) ships with the tests,
gzipped, in ``tests/double/discord-api-spec/`` beside its licence; ``$DISCORD_OPENAPI_SPEC``
names another copy (plain or ``.gz``), for example a newer one to try. It is
parsed and compiled once per process (:func:`get_openapi_validator` is cached) and a missing
file raises :class:`OpenAPISpecMissingError` -- validation is never skipped silently.

Adjustments to the description, each because Discord's own behaviour is wider than the
description says (so keeping them would reject requests Discord accepts):

* ``SnowflakeType`` is ``string`` with a digits pattern; Discord (and discord.py, e.g. for
  ``recipient_id``) also uses JSON integers for IDs. It is widened to "digit string or
  non-negative integer".

Speed (the double must sustain a few hundred interactions/s on a small machine):

* the document is not re-validated on load (``spec_validator_cls=None``): it is Discord's
  published description, and validating it costs seconds;
* the request carries the matched ``path_pattern``, and the path lookup for each
  ``(method, pattern)`` is memoised, so the 150-path search runs once per route;
* the JSON format checker is built once instead of deep-copied for every schema (also for
  the parameter casters);
* body validation results are memoised per ``(operation, content type, exact body bytes)``.
  Parameters and security are validated on every request.
"""

from __future__ import annotations

import functools
import gzip
import json
import logging
import os
import threading
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jsonschema.exceptions import ValidationError as SchemaError
from multidict import CIMultiDict, MultiDict
from openapi_core import OpenAPI
from openapi_core.casting.schemas import oas31_types_caster
from openapi_core.casting.schemas.factories import SchemaCastersFactory
from openapi_core.configurations import Config
from openapi_core.datatypes import RequestParameters
from openapi_core.templating.paths.exceptions import PathError
from openapi_core.validation.request.exceptions import (
    MissingRequestBody,
    MissingRequiredParameter,
    MissingRequiredRequestBody,
    ParameterValidationError,
    RequestBodyValidationError,
    SecurityValidationError,
)
from openapi_core.validation.request.validators import (
    V31RequestBodyValidator,
    V31RequestParametersValidator,
    V31RequestSecurityValidator,
)
from openapi_core.validation.response.exceptions import InvalidData
from openapi_core.validation.response.validators import V31ResponseDataValidator
from openapi_core.validation.schemas.exceptions import InvalidSchemaValue
from openapi_core.validation.schemas.factories import DialectSchemaValidatorsFactory
from openapi_schema_validator import OAS31_BASE_DIALECT_ID, OAS30ReadValidator, OAS31Validator

from .errors import FieldError, PathPart

log = logging.getLogger(__name__)

SPEC_ENV_VAR = "DISCORD_OPENAPI_SPEC"
API_PREFIX = "/api/v10"
_SPEC_HOST = "https://discord.com"
_BODY_CACHE_SIZE = 4096


class OpenAPISpecMissingError(FileNotFoundError):
    """The OpenAPI description could not be found; requests cannot be validated."""


def repository_root() -> Path:
    """The repository this package lives in (``tests/double/`` is two levels down)."""
    return Path(__file__).resolve().parents[2]


#: Discord's OpenAPI description as published (MIT, licence beside it), gzipped.
BUNDLED_SPEC = Path(__file__).resolve().parent / "discord-api-spec" / "openapi.json.gz"


def default_spec_path() -> Path:
    """``$DISCORD_OPENAPI_SPEC``, else the copy that ships with the tests (:data:`BUNDLED_SPEC`)."""
    override = os.environ.get(SPEC_ENV_VAR)
    if override:
        return Path(override).expanduser().resolve()
    return BUNDLED_SPEC


def _widen_snowflakes(spec: dict[str, Any]) -> None:
    schemas = spec.get("components", {}).get("schemas", {})
    original = schemas.get("SnowflakeType")
    if original is None:
        raise ValueError("The OpenAPI description has no components.schemas.SnowflakeType")
    schemas["SnowflakeType"] = {
        "anyOf": [original, {"type": "integer", "minimum": 0, "format": "int64"}],
    }


@dataclass(slots=True)
class OpenAPIRequest:
    """An HTTP request as openapi-core's ``Request`` and ``SupportsPathPattern`` protocols see it.

    Built from the pieces the aiohttp server already parsed, so the same object can be
    validated inline or handed to another thread.
    """

    method: str
    path: str
    path_pattern: str
    body: bytes | None
    content_type: str
    parameters: RequestParameters
    host_url: str = _SPEC_HOST

    @classmethod
    def build(
        cls,
        *,
        method: str,
        path: str,
        path_pattern: str,
        path_params: Mapping[str, str],
        query: Iterable[tuple[str, str]],
        headers: Iterable[tuple[str, str]],
        content_type: str,
        body: bytes | None,
    ) -> OpenAPIRequest:
        parameters = RequestParameters(
            query=MultiDict(query),
            header=CIMultiDict(headers),
            cookie={},
            path=dict(path_params),
        )
        return cls(
            method=method.lower(),
            path=path,
            path_pattern=path_pattern,
            body=body or None,
            content_type=content_type,
            parameters=parameters,
        )


class _FastFormatFactory(DialectSchemaValidatorsFactory):
    """Schema validator factory that reuses one format checker instead of deep-copying it."""

    def __init__(self) -> None:
        super().__init__(
            OAS31Validator,
            OAS31_BASE_DIALECT_ID,
            format_checker=OAS30ReadValidator.FORMAT_CHECKER,
        )
        self._shared_checker: Any = None

    def get_format_checker(
        self,
        format_validators: Any = None,
        extra_format_validators: Any = None,
    ) -> Any:
        if format_validators is None and extra_format_validators is None:
            if self._shared_checker is None:
                self._shared_checker = super().get_format_checker()
            return self._shared_checker
        return super().get_format_checker(format_validators, extra_format_validators)


class _MemoPathMixin:
    """Memoise openapi-core's path lookup per ``(method, path pattern)``."""

    _path_memo: dict[tuple[str, str], Any]

    def _find_path(self, request: Any) -> Any:
        key = (request.method, request.path_pattern)
        memo = self._path_memo
        found = memo.get(key)
        if found is None:
            found = super()._find_path(request)  # type: ignore[misc]
            memo[key] = found
        return found


class _BodyValidator(_MemoPathMixin, V31RequestBodyValidator):
    pass


class _ParametersValidator(_MemoPathMixin, V31RequestParametersValidator):
    pass


class _SecurityValidator(_MemoPathMixin, V31RequestSecurityValidator):
    pass


class _ResponseValidator(_MemoPathMixin, V31ResponseDataValidator):
    pass


@dataclass(slots=True)
class OpenAPIResponse:
    """A response of the double as openapi-core's ``Response`` protocol sees it."""

    status_code: int
    content_type: str
    headers: Mapping[str, str]
    data: bytes | None


_WEAK = frozenset({"anyOf", "oneOf"})
_KEYWORD_CODES = {
    "maxLength": "BASE_TYPE_MAX_LENGTH",
    "minLength": "BASE_TYPE_MIN_LENGTH",
    "maxItems": "BASE_TYPE_MAX_LENGTH",
    "minItems": "BASE_TYPE_MIN_LENGTH",
    "required": "BASE_TYPE_REQUIRED",
    "enum": "BASE_TYPE_CHOICES",
    "const": "BASE_TYPE_CHOICES",
    "maximum": "NUMBER_TYPE_MAX",
    "minimum": "NUMBER_TYPE_MIN",
    "pattern": "STRING_TYPE_REGEX",
    "uniqueItems": "BASE_TYPE_UNIQUE",
}


def _depth(error: SchemaError) -> int:
    deepest = len(error.absolute_path)
    for child in error.context or ():
        deepest = max(deepest, _depth(child))
    return deepest


def _discriminated_away(errors: list[SchemaError]) -> bool:
    """A branch whose ``type`` field is an enum/const mismatch is about another variant."""
    return any(
        e.validator in ("enum", "const") and e.absolute_path and e.absolute_path[-1] == "type"
        for e in errors
    )


def _branch_rank(errors: list[SchemaError]) -> tuple[bool, int, int]:
    return (not _discriminated_away(errors), max(_depth(e) for e in errors), -len(errors))


def _leaves(error: SchemaError) -> list[SchemaError]:
    """Descend through ``anyOf``/``oneOf`` into the branch that matched furthest."""
    if error.validator not in _WEAK or not error.context:
        return [error]
    branches: dict[Any, list[SchemaError]] = {}
    for child in error.context:
        branch = child.relative_schema_path[0] if child.relative_schema_path else None
        branches.setdefault(branch, []).append(child)
    best = max(branches.values(), key=_branch_rank)
    leaves: list[SchemaError] = []
    for child in best:
        leaves.extend(_leaves(child))
    return leaves


def _schema_field_errors(
    errors: Iterable[SchemaError], prefix: tuple[PathPart, ...]
) -> list[FieldError]:
    out: list[FieldError] = []
    for error in errors:
        for leaf in _leaves(error):
            keyword = str(leaf.validator)
            code = _KEYWORD_CODES.get(keyword)
            if code is None:
                if keyword == "type":
                    expected = leaf.validator_value
                    kind = expected if isinstance(expected, str) else "/".join(map(str, expected))
                    code = f"BASE_TYPE_{kind.upper()}"
                else:
                    code = f"OPENAPI_{keyword.upper()}"
            path = (*prefix, *leaf.absolute_path)
            if keyword == "required":
                missing = leaf.message.split("'")[1] if "'" in leaf.message else ""
                if missing:
                    path = (*path, missing)
            out.append(FieldError(tuple(path), code, leaf.message[:300]))
    return out


def _parameter_field_errors(error: ParameterValidationError) -> list[FieldError]:
    where = ("_query" if error.location == "query" else f"_{error.location}", error.name)
    cause = error.__cause__
    if isinstance(error, MissingRequiredParameter):
        return [FieldError(where, "BASE_TYPE_REQUIRED", "This field is required")]
    if isinstance(cause, InvalidSchemaValue):
        return _schema_field_errors(cause.schema_errors, where)
    return [FieldError(where, "OPENAPI_PARAMETER", str(cause or error))]


@dataclass(slots=True)
class ValidatorStats:
    """Counters a benchmark can read to see what validation cost."""

    requests: int = 0
    body_cache_hits: int = 0
    seconds: float = 0.0
    operations: set[tuple[str, str]] = field(default_factory=set)


class OpenAPIRequestValidator:
    """Validates requests against one compiled OpenAPI description. Thread-safe enough for
    the double (the memo dicts tolerate racing writers; the body cache has a lock)."""

    def __init__(self, spec: dict[str, Any], *, source: Path | None = None) -> None:
        self.source = source
        _widen_snowflakes(spec)
        factory = _FastFormatFactory()
        self.openapi = OpenAPI.from_dict(
            spec,
            config=Config(spec_validator_cls=None, schema_validators_factory=factory),
        )
        self._known_patterns = {API_PREFIX + p for p in spec.get("paths", {})}
        memo: dict[tuple[str, str], Any] = {}
        kwargs: dict[str, Any] = {
            "schema_validators_factory": factory,
            "schema_casters_factory": SchemaCastersFactory(factory, oas31_types_caster),
        }
        self._body = _BodyValidator(self.openapi.spec, **kwargs)
        self._parameters = _ParametersValidator(self.openapi.spec, **kwargs)
        self._security = _SecurityValidator(self.openapi.spec, **kwargs)
        self._response = _ResponseValidator(self.openapi.spec, **kwargs)
        for validator in (self._body, self._parameters, self._security, self._response):
            validator._path_memo = memo
        self._body_cache: OrderedDict[tuple[str, str, str, bytes], tuple[FieldError, ...]] = (
            OrderedDict()
        )
        self._lock = threading.Lock()
        self.stats = ValidatorStats()

    def knows(self, path_pattern: str) -> bool:
        """Whether the description has this path (``/api/v10/...`` form)."""
        return path_pattern in self._known_patterns

    def validate(self, request: OpenAPIRequest) -> list[FieldError]:
        """All problems openapi-core finds in ``request``; empty if it conforms."""
        self.stats.requests += 1
        self.stats.operations.add((request.method, request.path_pattern))
        errors: list[FieldError] = []
        for error in self._security.iter_errors(request):
            errors.extend(self._convert(error))
        for error in self._parameters.iter_errors(request):
            errors.extend(self._convert(error))
        errors.extend(self._validate_body(request))
        return errors

    def validate_response(
        self, request: OpenAPIRequest, response: OpenAPIResponse
    ) -> list[FieldError]:
        """Problems with a response *of the double* (used to keep its payloads honest)."""
        found: list[FieldError] = []
        for error in self._response.iter_errors(request, response):
            cause = error.__cause__
            if isinstance(error, InvalidData) and isinstance(cause, InvalidSchemaValue):
                found.extend(_schema_field_errors(cause.schema_errors, ()))
            else:
                found.append(
                    FieldError((), "OPENAPI_RESPONSE", f"{type(error).__name__}: {cause or error}")
                )
        return found

    def _validate_body(self, request: OpenAPIRequest) -> tuple[FieldError, ...]:
        key = (request.method, request.path_pattern, request.content_type, request.body or b"")
        with self._lock:
            cached = self._body_cache.get(key)
            if cached is not None:
                self._body_cache.move_to_end(key)
                self.stats.body_cache_hits += 1
                return cached
        found: list[FieldError] = []
        for error in self._body.iter_errors(request):
            if isinstance(error, MissingRequestBody) and not isinstance(
                error, MissingRequiredRequestBody
            ):
                continue
            found.extend(self._convert(error))
        result = tuple(found)
        with self._lock:
            self._body_cache[key] = result
            if len(self._body_cache) > _BODY_CACHE_SIZE:
                self._body_cache.popitem(last=False)
        return result

    @staticmethod
    def _convert(error: Exception) -> list[FieldError]:
        if isinstance(error, PathError):
            return [FieldError(("_route",), "OPENAPI_UNKNOWN_OPERATION", str(error))]
        if isinstance(error, SecurityValidationError):
            return [FieldError(("_header", "Authorization"), "OPENAPI_SECURITY", str(error))]
        if isinstance(error, ParameterValidationError):
            return _parameter_field_errors(error)
        if isinstance(error, MissingRequiredRequestBody):
            return [FieldError((), "BASE_TYPE_REQUIRED", "A request body is required")]
        if isinstance(error, RequestBodyValidationError):
            cause = error.__cause__
            if isinstance(cause, InvalidSchemaValue):
                return _schema_field_errors(cause.schema_errors, ())
            return [FieldError((), "OPENAPI_BODY", str(cause or error))]
        return [FieldError((), "OPENAPI_ERROR", f"{type(error).__name__}: {error}")]


@functools.cache
def _load(path: Path) -> OpenAPIRequestValidator:
    if not path.is_file():
        raise OpenAPISpecMissingError(
            f"Discord's OpenAPI description was not found at {path}. Put openapi.json from "
            f"discord/discord-api-spec there or point ${SPEC_ENV_VAR} at it; the Discord double "
            "refuses to run without request validation."
        )
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rb") as handle:
        spec = json.load(handle)
    log.info("Loaded Discord OpenAPI description %s (%d paths)", path, len(spec.get("paths", {})))
    return OpenAPIRequestValidator(spec, source=path)


def get_openapi_validator(path: Path | None = None) -> OpenAPIRequestValidator:
    """The process-wide validator for ``path`` (default: :func:`default_spec_path`)."""
    return _load((path or default_spec_path()).resolve())
