"""Strict, safe reading of the YAML files contributors write (playbooks, lexicon, tone rules).

The document is built from the parser's event stream in one iterative pass, so nothing in a file
can run code, expand an alias bomb or exhaust the stack:

* only plain data: mappings, sequences and scalars with the standard tags;
* no anchors or aliases, no ``!!python/...`` or other custom tags, one document per file;
* duplicate keys, keys that are not plain text, tabs in indentation, nesting deeper than
  :data:`MAX_DEPTH`, files over :data:`MAX_FILE_BYTES`, binary or non-UTF-8 bytes are refused.

Every problem carries the line and column it was found at, and validation errors from a pydantic
model are mapped back to the line of the offending key or value, with "did you mean" for unknown
keys.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass, field
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from bot.core.placeholders import suggest

MAX_FILE_BYTES = 256 * 1024
MAX_DEPTH = 16

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_CORE = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {f"{_CORE}{name}" for name in ("str", "int", "float", "bool", "null", "seq", "map")}
_scalar_resolver = yaml.resolver.Resolver()
_scalar_constructor = yaml.constructor.SafeConstructor()

Path = tuple[str | int, ...]
M = typing.TypeVar("M", bound=BaseModel)


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """One thing wrong with a file, printed as ``path:line:col: message`` (1-based)."""

    source: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        return f"{self.source}:{self.line}:{self.col}: {self.message}"


class DocumentError(Exception):
    """A file could not be read or did not validate; ``problems`` says where and why."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


@dataclass(slots=True)
class Document:
    """Plain data read from one file, with where each key and value stands in it."""

    source: str
    data: Any
    key_marks: dict[Path, tuple[int, int]] = field(default_factory=dict)
    value_marks: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def locate(self, path: Path, *, key: bool = False) -> tuple[int, int]:
        """The (line, col) of ``path``, or of its nearest enclosing element that has one."""
        marks = self.key_marks if key else self.value_marks
        probe = tuple(path)
        while probe:
            if probe in marks:
                return marks[probe]
            if key and isinstance(probe[-1], int) and probe in self.value_marks:
                return self.value_marks[probe]  # a list item has no key: point at the item
            if not key and probe in self.key_marks:
                return self.key_marks[probe]
            probe = probe[:-1]
        return self.value_marks.get((), (1, 1))

    def problem(self, path: Path, message: str, *, key: bool = False) -> Problem:
        line, col = self.locate(path, key=key)
        return Problem(self.source, line, col, message)


def decode(source: str, raw: bytes, *, max_bytes: int = MAX_FILE_BYTES) -> str:
    """Check size and encoding of a file's bytes and return its text."""
    if len(raw) > max_bytes:
        raise DocumentError(
            [Problem(source, 1, 1, f"file is {len(raw):,} bytes; the limit is {max_bytes:,}")]
        )
    if b"\x00" in raw:
        line, col = _position(raw, raw.index(b"\x00"))
        raise DocumentError([Problem(source, line, col, "binary file: NUL byte found")])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line, col = _position(raw, error.start)
        raise DocumentError(
            [Problem(source, line, col, "not UTF-8 text: save the file as UTF-8")]
        ) from None
    return text.removeprefix("\ufeff")


def _position(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset]
    line_start = before.rfind(b"\n") + 1
    return before.count(b"\n") + 1, len(before[line_start:].decode("utf-8", "replace")) + 1


def parse(source: str, text: str, *, max_depth: int = MAX_DEPTH) -> Document:
    """Parse one YAML document of plain data, strictly; raise :class:`DocumentError`."""
    tabs = [
        Problem(source, number, line.index("\t") + 1, "tab used for indentation: use spaces")
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip() and "\t" in line[: len(line) - len(line.lstrip(" \t"))]
    ]
    if tabs:
        raise DocumentError(tabs[:5])
    try:
        document = _build(source, text, max_depth)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        if "nesting depth" in str(error.problem):
            # PyYAML's scanner has its own (deeper) nesting limit and may reach it while reading
            # ahead, before our own depth check sees the events: same refusal, our words.
            message = f"nested deeper than {max_depth} levels"
            raise DocumentError([Problem(source, line, col, message)]) from None
        context = error.context
        started = error.context_mark
        if context and started and mark and started.line != mark.line:
            context = f"{context} started on line {started.line + 1}"
        message = " ".join(filter(None, [error.problem, context])) or "invalid YAML"
        raise DocumentError([Problem(source, line, col, f"YAML syntax error: {message}")]) from None
    except yaml.YAMLError as error:  # pragma: no cover - the parser marks its errors
        raise DocumentError([Problem(source, 1, 1, f"YAML error: {error}")]) from None
    if document.data is None:
        raise DocumentError([Problem(source, 1, 1, "the file is empty")])
    return document


_MAP_TAG = f"{_CORE}map"
_SEQ_TAG = f"{_CORE}seq"
_STR_TAG = f"{_CORE}str"
#: The first characters of every plain scalar PyYAML's resolver may read as something other
#: than text (bool, null, numbers, timestamps, merge and value keys).
_MAYBE_NOT_TEXT = frozenset("yYnNtTfFoO-+0123456789.<~=")
#: The plain scalars starting with a letter that the resolver reads as other than text (bool
#: and null), with what the constructor makes of them; any other plain scalar starting with
#: one of :data:`_LETTERS` is text.
_PLAIN_WORDS: dict[str, bool | None] = {
    **{word: True for word in ("yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON")},
    **{word: False for word in ("no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF")},
    **{word: None for word in ("null", "Null", "NULL", "~")},
}
_LETTERS = frozenset("yYnNtTfFoO")
#: The tag of a scalar the quick reading has already made into its value.
_NOT_TEXT = "quick: not text"


_Event = yaml.events
_SCALAR, _ALIAS = _Event.ScalarEvent, _Event.AliasEvent
_MAP_START, _MAP_END = _Event.MappingStartEvent, _Event.MappingEndEvent
_SEQ_START, _SEQ_END = _Event.SequenceStartEvent, _Event.SequenceEndEvent
#: The tags a mapping or a sequence may have on the quick path: none, or its own.
_CONTAINER_TAGS = {_MAP_START: (None, "!", _MAP_TAG), _SEQ_START: (None, "!", _SEQ_TAG)}


#: libyaml's parser, whose events the quick reading builds its data from.
_CParser: Any
try:
    from yaml._yaml import CParser as _CParser
except ImportError:  # pragma: no cover - PyYAML without libyaml
    _CParser = yaml.SafeLoader


class _Doubt(Exception):
    """The quick reading is not sure: the careful one decides."""


def parse_quick(text: str, *, max_depth: int = MAX_DEPTH) -> Any | None:
    """The plain data of a document, read from the C parser's events, or None.

    None means "read it carefully": whenever a document has anything the careful
    :func:`parse` might refuse (tabs, anchors or aliases, tags, keys that are not text or
    repeat, nesting too deep, several documents, a syntax error) or is empty. Data returned
    here is exactly what :func:`parse` returns for the same text; only the marks are
    missing, so a document that fails validation must be parsed again with :func:`parse` to
    locate its problems.
    """
    if "\t" in text:
        return None
    parser = _CParser(text)
    try:
        return _plain(parser.get_event, max_depth)
    except (_Doubt, yaml.YAMLError, ValueError, TypeError):
        return None
    finally:
        parser.dispose()


def _plain(next_event: Any, max_depth: int) -> Any:
    """Build the data of one document from its events (the stream's first event on), the way
    :func:`_build` does, without marks; raise :class:`_Doubt` where :func:`_build` might
    refuse or read otherwise."""
    if not isinstance(next_event(), yaml.StreamStartEvent):
        raise _Doubt
    if not isinstance(next_event(), yaml.DocumentStartEvent):
        raise _Doubt
    stack: list[Any] = []
    container: Any = None
    key: str | None = None
    result: Any = None
    while True:
        event = next_event()
        kind = event.__class__
        if kind is _SCALAR:
            if event.anchor is not None:
                raise _Doubt
            tag, value = event.tag, event.value
            if tag is None or tag == "!":
                # As the careful path's resolver, but without its regular expressions for a
                # scalar that can only be text, a word, a whole number or a plain decimal.
                implicit = event.implicit
                if not implicit[0] or (value and value[0] not in _MAYBE_NOT_TEXT):
                    tag = _STR_TAG
                elif value in _PLAIN_WORDS:
                    tag, value = _NOT_TEXT, _PLAIN_WORDS[value]
                elif value[:1] in _LETTERS:
                    tag = _STR_TAG  # only the words above are not text
                elif value.isascii() and value.isdigit() and (value[0] != "0" or value == "0"):
                    tag, value = _NOT_TEXT, int(value)
                elif _is_decimal(value):
                    tag, value = _NOT_TEXT, float(value)
                else:
                    tag = _scalar_resolver.resolve(yaml.ScalarNode, value, implicit)
            if tag is not _NOT_TEXT and tag != _STR_TAG:
                if tag not in _ALLOWED_TAGS:
                    raise _Doubt
                value = _construct(yaml.ScalarNode(tag, value, None, None, event.style))
            if container is None:  # the document is one scalar
                result = value
                break
            if container.__class__ is list:
                container.append(value)
            elif key is None:
                if tag != _STR_TAG or value in container:
                    raise _Doubt
                key = value
            else:
                container[key] = value
                key = None
        elif kind is _MAP_START or kind is _SEQ_START:
            if event.anchor is not None or event.tag not in _CONTAINER_TAGS[kind]:
                raise _Doubt
            if len(stack) >= max_depth:
                raise _Doubt
            new: dict[str, Any] | list[Any] = {} if kind is _MAP_START else []
            if container is not None:
                if container.__class__ is list:
                    container.append(new)
                elif key is None:
                    raise _Doubt  # a key that is not text
                else:
                    container[key] = new
                    key = None
            stack.append(new)
            container = new
        elif kind is _MAP_END or kind is _SEQ_END:
            result = stack.pop()
            if not stack:
                break
            container = stack[-1]
        else:  # an alias, or anything unexpected
            raise _Doubt
    if not isinstance(next_event(), yaml.DocumentEndEvent):
        raise _Doubt
    if not isinstance(next_event(), yaml.StreamEndEvent):
        raise _Doubt
    return result


def _is_decimal(value: str) -> bool:
    """Whether ``value`` is digits, a point and perhaps more digits ("0.35", "1."): a float to
    the resolver, which ``float`` reads as its constructor does."""
    whole, point, fraction = value.partition(".")
    return (
        bool(point) and value.isascii() and whole.isdigit() and (fraction.isdigit() or not fraction)
    )


class _Frame:
    __slots__ = ("container", "key", "key_mark", "path")

    def __init__(self, path: Path, container: dict[str, Any] | list[Any]) -> None:
        self.path = path
        self.container = container
        self.key: str | None = None
        self.key_mark: tuple[int, int] = (1, 1)


def _build(source: str, text: str, max_depth: int) -> Document:
    document = Document(source, None)
    stack: list[_Frame] = []
    documents = 0

    def fail(event: Any, message: str) -> typing.NoReturn:
        mark = event.start_mark
        raise DocumentError([Problem(source, mark.line + 1, mark.column + 1, message)])

    def place(event: Any, value: Any) -> Path | None:
        """Put a finished value where it belongs; return its path (None when it was a key)."""
        mark = (event.start_mark.line + 1, event.start_mark.column + 1)
        if not stack:
            document.data = value
            document.value_marks[()] = mark
            return ()
        frame = stack[-1]
        if isinstance(frame.container, list):
            path = (*frame.path, len(frame.container))
            frame.container.append(value)
        elif frame.key is None:
            if not isinstance(value, str):
                fail(event, "keys must be plain text")
            if value in frame.container:
                first = document.key_marks.get((*frame.path, value), (0, 0))
                fail(event, f"duplicate key '{value}' (first defined on line {first[0]})")
            frame.key, frame.key_mark = value, mark
            document.key_marks[(*frame.path, value)] = mark
            return None
        else:
            path = (*frame.path, frame.key)
            frame.container[frame.key] = value
            frame.key = None
        document.value_marks[path] = mark
        return path

    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                fail(event, "only one YAML document per file (remove the extra '---')")
            continue
        if isinstance(event, yaml.AliasEvent):
            fail(event, f"aliases (*{event.anchor}) are not allowed: write the value out")
        if getattr(event, "anchor", None):
            fail(event, f"anchors (&{event.anchor}) are not allowed")
        tag = getattr(event, "tag", None)
        if tag not in (None, "!") and tag not in _ALLOWED_TAGS:
            fail(event, f"the tag {tag!r} is not allowed: only plain text, numbers and lists")
        if isinstance(event, yaml.ScalarEvent):
            try:
                value = _scalar(event)
            except (ValueError, TypeError, ArithmeticError):
                fail(event, f"cannot read {event.value!r} as {tag.rsplit(':', 1)[-1]}")
            place(event, value)
        elif isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
            if len(stack) >= max_depth:
                fail(event, f"nested deeper than {max_depth} levels")
            if stack and isinstance(stack[-1].container, dict) and stack[-1].key is None:
                fail(event, "keys must be plain text")
            container: dict[str, Any] | list[Any] = (
                {} if isinstance(event, yaml.MappingStartEvent) else []
            )
            path = place(event, container)
            stack.append(_Frame(path or (), container))
        elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            stack.pop()
    return document


def _scalar(event: yaml.ScalarEvent) -> Any:
    """Construct a scalar as YAML 1.1's core schema would; dates and such stay text."""
    tag = event.tag
    if tag in (None, "!"):
        tag = _scalar_resolver.resolve(yaml.ScalarNode, event.value, event.implicit)
    if tag == f"{_CORE}str" or tag not in _ALLOWED_TAGS:
        return event.value
    return _construct(
        yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
    )


def _construct(node: yaml.ScalarNode) -> Any:
    """The value of one scalar node, as the constructor makes it. The constructor keeps each
    node it has made (until a whole document is done, which it never sees here): let it go."""
    try:
        return _scalar_constructor.construct_object(node)
    finally:
        _scalar_constructor.constructed_objects.pop(node, None)


def read_model(model: type[M], source: str, text: str) -> M:
    """``text`` (from ``source``) validated as ``model``: read quickly when it is plain data
    that validates, else carefully, so that each problem is located; raise
    :class:`DocumentError`."""
    data = parse_quick(text)
    if isinstance(data, dict):
        try:
            return model.model_validate(data)
        except ValidationError:
            pass  # read again carefully: the problems are located
    return load_model(model, parse(source, text))


def load_model(model: type[M], document: Document) -> M:
    """Validate ``document`` as ``model``; raise :class:`DocumentError` with located problems."""
    if not isinstance(document.data, dict):
        kind = type(document.data).__name__
        raise DocumentError(
            [document.problem((), f"the top level must be a mapping of keys, not a {kind}")]
        )
    try:
        return model.model_validate(document.data)
    except ValidationError as error:
        raise DocumentError(_locate_errors(model, document, error)) from None


def _locate_errors(
    model: type[BaseModel], document: Document, error: ValidationError
) -> list[Problem]:
    problems = []
    for item in error.errors(include_url=False):
        loc = tuple(item["loc"])
        where = ".".join(str(p) for p in loc) or "top level"
        kind = item["type"]
        if kind == "missing":
            parent = loc[:-1]
            inside = ".".join(str(p) for p in parent) or "the top level"
            problems.append(
                document.problem(parent, f"missing key '{loc[-1]}' in {inside}", key=True)
            )
        elif kind == "extra_forbidden":
            known = _field_names(model, loc[:-1])
            hint = suggest(str(loc[-1]), known) if known else None
            tail = (
                f"; did you mean '{hint}'?"
                if hint
                else (f"; allowed: {', '.join(known)}" if known else "")
            )
            problems.append(document.problem(loc, f"unknown key '{loc[-1]}'{tail}", key=True))
        elif kind == "string_type" and isinstance(item.get("input"), bool | int | float):
            problems.append(
                document.problem(
                    loc,
                    f"{where}: expected text, got {item['input']!r}; put it in quotes "
                    "(YAML reads yes, no, on, off and numbers as values)",
                )
            )
        else:
            message = item["msg"].removeprefix("Value error, ")
            problems.append(document.problem(loc, f"{where}: {message}"))
    return sorted(set(problems))


def _field_names(model: type[BaseModel], path: Path) -> list[str]:
    """The field names of the model found at ``path`` inside ``model``, if it is one."""
    current: Any = model
    for part in path:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return []
        info = current.model_fields.get(part)
        if info is None:
            return []
        current = _model_in(info.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _model_in(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _model_in(typing.get_args(annotation)[0])
    if origin in (list, tuple, typing.Union, types.UnionType, dict):
        for arg in typing.get_args(annotation):
            found = _model_in(arg)
            if found is not None:
                return found
    return None
