"""Discord's documented limits that the OpenAPI description does not (fully) encode.

Every check returns a list of :class:`FieldError`; an empty list means the payload is
acceptable. Paths are relative to the object passed in; callers prefix them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from .errors import FieldError, PathPart

Path = tuple[PathPart, ...]

MESSAGE_CONTENT_MAX = 2000
EMBEDS_MAX = 10
EMBED_TITLE_MAX = 256
EMBED_DESCRIPTION_MAX = 4096
EMBED_FIELDS_MAX = 25
EMBED_FIELD_NAME_MAX = 256
EMBED_FIELD_VALUE_MAX = 1024
EMBED_FOOTER_MAX = 2048
EMBED_AUTHOR_NAME_MAX = 256
EMBED_TOTAL_MAX = 6000

ACTION_ROWS_MAX = 5
BUTTONS_PER_ROW_MAX = 5
CUSTOM_ID_MAX = 100
BUTTON_LABEL_MAX = 80
SELECT_OPTIONS_MAX = 25
SELECT_OPTION_TEXT_MAX = 100
SELECT_PLACEHOLDER_MAX = 150
V2_COMPONENTS_MAX = 40
V2_TEXT_TOTAL_MAX = 4000

MODAL_TITLE_MAX = 45
MODAL_COMPONENTS_MAX = 5
TEXT_INPUT_LABEL_MAX = 45
TEXT_INPUT_LENGTH_MAX = 4000
TEXT_INPUT_PLACEHOLDER_MAX = 100
LABEL_DESCRIPTION_MAX = 100

AUTOCOMPLETE_CHOICES_MAX = 25
CHOICE_NAME_MAX = 100
CHOICE_STRING_VALUE_MAX = 100

COMMAND_NAME_MAX = 32
COMMAND_DESCRIPTION_MAX = 100
COMMAND_OPTIONS_MAX = 25
COMMAND_TOTAL_TEXT_MAX = 4000
CHAT_INPUT_COMMANDS_MAX = 100
CONTEXT_MENU_COMMANDS_MAX = 5
OPTION_LENGTH_LIMIT_MAX = 6000

FLAG_EPHEMERAL = 1 << 6
FLAG_LOADING = 1 << 7
FLAG_IS_COMPONENTS_V2 = 1 << 15

BUTTON = 2
STRING_SELECT = 3
TEXT_INPUT = 4
SELECT_TYPES = frozenset({3, 5, 6, 7, 8})
ACTION_ROW = 1
SECTION = 9
TEXT_DISPLAY = 10
CONTAINER = 17
LABEL = 18
FILE_UPLOAD = 19
LINK_STYLE = 5
PREMIUM_STYLE = 6


def _err(path: Path, code: str, message: str) -> FieldError:
    return FieldError(path, code, message)


def _max_len(value: Any, limit: int, path: Path) -> list[FieldError]:
    if isinstance(value, str) and len(value) > limit:
        return [_err(path, "BASE_TYPE_MAX_LENGTH", f"Must be {limit} or fewer in length.")]
    return []


def _bad_len(value: Any, low: int, high: int, path: Path) -> list[FieldError]:
    if value is None:
        return []
    if not isinstance(value, str | list) or not low <= len(value) <= high:
        return [_err(path, "BASE_TYPE_BAD_LENGTH", f"Must be between {low} and {high} in length.")]
    return []


def _required(obj: Mapping[str, Any], key: str, path: Path) -> list[FieldError]:
    if obj.get(key) in (None, ""):
        return [_err((*path, key), "BASE_TYPE_REQUIRED", "This field is required")]
    return []


def _items(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


# --- messages -------------------------------------------------------------------------------


def embed_text_length(embed: Mapping[str, Any]) -> int:
    """Characters that count towards Discord's 6000-character total for one embed."""
    total = len(embed.get("title") or "") + len(embed.get("description") or "")
    for field in _items(embed.get("fields")):
        if isinstance(field, Mapping):
            total += len(field.get("name") or "") + len(field.get("value") or "")
    footer = embed.get("footer")
    if isinstance(footer, Mapping):
        total += len(footer.get("text") or "")
    author = embed.get("author")
    if isinstance(author, Mapping):
        total += len(author.get("name") or "")
    return total


def check_embeds(embeds: Any, path: Path = ("embeds",)) -> list[FieldError]:
    """Embed count, per-field lengths and the 6000-character total across all embeds."""
    errors: list[FieldError] = []
    items = _items(embeds)
    if len(items) > EMBEDS_MAX:
        errors.append(
            _err(path, "BASE_TYPE_MAX_LENGTH", f"Must be {EMBEDS_MAX} or fewer in length.")
        )
    total = 0
    for index, embed in enumerate(items):
        if not isinstance(embed, Mapping):
            continue
        here = (*path, index)
        errors += _max_len(embed.get("title"), EMBED_TITLE_MAX, (*here, "title"))
        errors += _max_len(embed.get("description"), EMBED_DESCRIPTION_MAX, (*here, "description"))
        fields = _items(embed.get("fields"))
        if len(fields) > EMBED_FIELDS_MAX:
            errors.append(
                _err(
                    (*here, "fields"),
                    "BASE_TYPE_MAX_LENGTH",
                    f"Must be {EMBED_FIELDS_MAX} or fewer in length.",
                )
            )
        for f_index, field in enumerate(fields):
            if not isinstance(field, Mapping):
                continue
            f_path = (*here, "fields", f_index)
            errors += _required(field, "name", f_path)
            errors += _required(field, "value", f_path)
            errors += _max_len(field.get("name"), EMBED_FIELD_NAME_MAX, (*f_path, "name"))
            errors += _max_len(field.get("value"), EMBED_FIELD_VALUE_MAX, (*f_path, "value"))
        footer = embed.get("footer")
        if isinstance(footer, Mapping):
            errors += _max_len(footer.get("text"), EMBED_FOOTER_MAX, (*here, "footer", "text"))
        author = embed.get("author")
        if isinstance(author, Mapping):
            errors += _max_len(author.get("name"), EMBED_AUTHOR_NAME_MAX, (*here, "author", "name"))
        total += embed_text_length(embed)
    if total > EMBED_TOTAL_MAX:
        errors.append(
            _err(
                path,
                "MAX_EMBED_SIZE_EXCEEDED",
                f"Embed size exceeds maximum size of {EMBED_TOTAL_MAX}",
            )
        )
    return errors


def _check_custom_id(
    component: Mapping[str, Any], path: Path, seen: set[str] | None
) -> list[FieldError]:
    custom_id = component.get("custom_id")
    errors = _required(component, "custom_id", path)
    if custom_id is not None:
        errors += _bad_len(custom_id, 1, CUSTOM_ID_MAX, (*path, "custom_id"))
        if seen is not None and isinstance(custom_id, str):
            if custom_id in seen:
                errors.append(
                    _err(
                        (*path, "custom_id"),
                        "COMPONENT_CUSTOM_ID_DUPLICATED",
                        "Component custom id cannot be duplicated",
                    )
                )
            seen.add(custom_id)
    return errors


def check_button(button: Mapping[str, Any], path: Path, seen: set[str]) -> list[FieldError]:
    errors = _max_len(button.get("label"), BUTTON_LABEL_MAX, (*path, "label"))
    style = button.get("style")
    if style == LINK_STYLE:
        errors += _required(button, "url", path)
        if button.get("custom_id") is not None:
            errors.append(
                _err(
                    (*path, "custom_id"),
                    "BUTTON_LINK_CUSTOM_ID",
                    "Link buttons cannot have a custom_id",
                )
            )
    elif style == PREMIUM_STYLE:
        errors += _required(button, "sku_id", path)
    else:
        errors += _check_custom_id(button, path, seen)
    if style != PREMIUM_STYLE and not button.get("label") and not button.get("emoji"):
        errors.append(
            _err(
                (*path, "label"),
                "BUTTON_LABEL_OR_EMOJI_REQUIRED",
                "A label or an emoji is required",
            )
        )
    return errors


def check_select(select: Mapping[str, Any], path: Path, seen: set[str] | None) -> list[FieldError]:
    errors = _check_custom_id(select, path, seen)
    errors += _max_len(select.get("placeholder"), SELECT_PLACEHOLDER_MAX, (*path, "placeholder"))
    min_values = select.get("min_values")
    max_values = select.get("max_values")
    if isinstance(min_values, int) and not 0 <= min_values <= SELECT_OPTIONS_MAX:
        errors.append(
            _err((*path, "min_values"), "NUMBER_TYPE_OUT_OF_RANGE", "Must be between 0 and 25.")
        )
    if isinstance(max_values, int) and not 1 <= max_values <= SELECT_OPTIONS_MAX:
        errors.append(
            _err((*path, "max_values"), "NUMBER_TYPE_OUT_OF_RANGE", "Must be between 1 and 25.")
        )
    if isinstance(min_values, int) and isinstance(max_values, int) and min_values > max_values:
        errors.append(
            _err(
                (*path, "min_values"),
                "SELECT_COMPONENT_MIN_VALUES_TOO_LARGE",
                "min_values must be less than or equal to max_values",
            )
        )
    if select.get("type") == STRING_SELECT:
        options = select.get("options")
        errors += _bad_len(options, 1, SELECT_OPTIONS_MAX, (*path, "options"))
        values: set[str] = set()
        for index, option in enumerate(_items(options)):
            if not isinstance(option, Mapping):
                continue
            o_path = (*path, "options", index)
            errors += _bad_len(option.get("label"), 1, SELECT_OPTION_TEXT_MAX, (*o_path, "label"))
            errors += _bad_len(option.get("value"), 1, SELECT_OPTION_TEXT_MAX, (*o_path, "value"))
            errors += _max_len(
                option.get("description"), SELECT_OPTION_TEXT_MAX, (*o_path, "description")
            )
            value = option.get("value")
            if isinstance(value, str):
                if value in values:
                    errors.append(
                        _err(
                            (*o_path, "value"),
                            "SELECT_COMPONENT_OPTION_VALUE_DUPLICATED",
                            "Select option values must be unique",
                        )
                    )
                values.add(value)
        if isinstance(max_values, int) and isinstance(options, list) and max_values > len(options):
            errors.append(
                _err(
                    (*path, "max_values"),
                    "SELECT_COMPONENT_MAX_VALUES_TOO_LARGE",
                    "max_values must be less than or equal to the number of options",
                )
            )
    return errors


def _check_action_row(row: Mapping[str, Any], path: Path, seen: set[str]) -> list[FieldError]:
    errors: list[FieldError] = []
    children = _items(row.get("components"))
    if not children:
        errors.append(
            _err(
                (*path, "components"), "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 5 in length."
            )
        )
    kinds = [c.get("type") for c in children if isinstance(c, Mapping)]
    selects = sum(1 for kind in kinds if kind in SELECT_TYPES)
    buttons = sum(1 for kind in kinds if kind == BUTTON)
    if selects and len(kinds) > 1:
        errors.append(
            _err(
                (*path, "components"),
                "COMPONENT_LAYOUT_WIDTH_EXCEEDED",
                "The specified component exceeds the maximum width",
            )
        )
    if buttons > BUTTONS_PER_ROW_MAX:
        errors.append(
            _err(
                (*path, "components"),
                "BASE_TYPE_BAD_LENGTH",
                f"Must be between 1 and {BUTTONS_PER_ROW_MAX} in length.",
            )
        )
    for index, child in enumerate(children):
        if not isinstance(child, Mapping):
            continue
        c_path = (*path, "components", index)
        kind = child.get("type")
        if kind == BUTTON:
            errors += check_button(child, c_path, seen)
        elif kind in SELECT_TYPES:
            errors += check_select(child, c_path, seen)
        else:
            errors.append(
                _err(
                    (*c_path, "type"),
                    "UNION_TYPE_CHOICES",
                    f"Component type {kind} is not allowed in a message action row",
                )
            )
    return errors


def _walk_components(components: Iterable[Any]) -> Iterable[Mapping[str, Any]]:
    for component in components:
        if not isinstance(component, Mapping):
            continue
        yield component
        yield from _walk_components(_items(component.get("components")))
        for key in ("component", "accessory"):
            inner = component.get(key)
            if isinstance(inner, Mapping):
                yield from _walk_components([inner])


def check_message_components(
    components: Any, flags: int, path: Path = ("components",)
) -> list[FieldError]:
    """Layout, count and text limits for the components of a message."""
    errors: list[FieldError] = []
    items = _items(components)
    seen: set[str] = set()
    if flags & FLAG_IS_COMPONENTS_V2:
        every = list(_walk_components(items))
        if len(every) > V2_COMPONENTS_MAX:
            errors.append(
                _err(
                    path, "BASE_TYPE_MAX_LENGTH", f"Must be {V2_COMPONENTS_MAX} or fewer in length."
                )
            )
        text = sum(len(c.get("content") or "") for c in every if c.get("type") == TEXT_DISPLAY)
        if text > V2_TEXT_TOTAL_MAX:
            errors.append(
                _err(
                    path,
                    "COMPONENT_TEXT_TOTAL_TOO_LONG",
                    f"Text display content must total {V2_TEXT_TOTAL_MAX} characters or fewer",
                )
            )
        for index, component in enumerate(items):
            errors += _check_v2_component(component, (*path, index), seen)
        return errors
    if len(items) > ACTION_ROWS_MAX:
        errors.append(
            _err(path, "BASE_TYPE_MAX_LENGTH", f"Must be {ACTION_ROWS_MAX} or fewer in length.")
        )
    for index, row in enumerate(items):
        if not isinstance(row, Mapping):
            continue
        if row.get("type") != ACTION_ROW:
            errors.append(
                _err(
                    (*path, index, "type"),
                    "UNION_TYPE_CHOICES",
                    "Top-level message components must be action rows without IS_COMPONENTS_V2",
                )
            )
            continue
        errors += _check_action_row(row, (*path, index), seen)
    return errors


def _check_v2_component(component: Any, path: Path, seen: set[str]) -> list[FieldError]:
    if not isinstance(component, Mapping):
        return []
    kind = component.get("type")
    errors: list[FieldError] = []
    if kind == ACTION_ROW:
        errors += _check_action_row(component, path, seen)
    elif kind in (CONTAINER, SECTION):
        for index, child in enumerate(_items(component.get("components"))):
            errors += _check_v2_component(child, (*path, "components", index), seen)
        accessory = component.get("accessory")
        if isinstance(accessory, Mapping) and accessory.get("type") == BUTTON:
            errors += check_button(accessory, (*path, "accessory"), seen)
    return errors


def check_message(payload: Mapping[str, Any], *, require_content: bool = True) -> list[FieldError]:
    """Content, embeds and components of a message create/edit payload."""
    errors = _max_len(payload.get("content"), MESSAGE_CONTENT_MAX, ("content",))
    errors += check_embeds(payload.get("embeds"))
    flags = payload.get("flags") if isinstance(payload.get("flags"), int) else 0
    errors += check_message_components(payload.get("components"), flags or 0)
    if require_content and not any(
        payload.get(key)
        for key in ("content", "embeds", "components", "attachments", "sticker_ids", "poll")
    ):
        errors.append(_err((), "EMPTY_MESSAGE", "Cannot send an empty message"))
    return errors


# --- modals ---------------------------------------------------------------------------------


def _check_text_input(
    text_input: Mapping[str, Any], path: Path, seen: set[str], *, in_label: bool
) -> list[FieldError]:
    errors = _check_custom_id(text_input, path, seen)
    if text_input.get("style") not in (1, 2):
        errors.append(_err((*path, "style"), "BASE_TYPE_CHOICES", "Value must be one of {1, 2}."))
    if not in_label:
        # Inside a Label the text input's own label is deprecated (optional), not required.
        errors += _required(text_input, "label", path)
    errors += _max_len(text_input.get("label"), TEXT_INPUT_LABEL_MAX, (*path, "label"))
    min_length = text_input.get("min_length")
    max_length = text_input.get("max_length")
    if isinstance(min_length, int) and not 0 <= min_length <= TEXT_INPUT_LENGTH_MAX:
        errors.append(
            _err((*path, "min_length"), "NUMBER_TYPE_OUT_OF_RANGE", "Must be between 0 and 4000.")
        )
    if isinstance(max_length, int) and not 1 <= max_length <= TEXT_INPUT_LENGTH_MAX:
        errors.append(
            _err((*path, "max_length"), "NUMBER_TYPE_OUT_OF_RANGE", "Must be between 1 and 4000.")
        )
    if isinstance(min_length, int) and isinstance(max_length, int) and min_length > max_length:
        errors.append(
            _err(
                (*path, "min_length"),
                "TEXT_INPUT_MIN_GREATER_THAN_MAX",
                "min_length must not exceed max_length",
            )
        )
    value = text_input.get("value")
    errors += _max_len(value, TEXT_INPUT_LENGTH_MAX, (*path, "value"))
    if isinstance(value, str) and isinstance(max_length, int) and len(value) > max_length:
        errors.append(
            _err(
                (*path, "value"),
                "BASE_TYPE_MAX_LENGTH",
                f"Must be {max_length} or fewer in length.",
            )
        )
    errors += _max_len(
        text_input.get("placeholder"), TEXT_INPUT_PLACEHOLDER_MAX, (*path, "placeholder")
    )
    return errors


def check_modal(modal: Mapping[str, Any]) -> list[FieldError]:
    """Title, custom_id, the 5-component cap, each field's limits, nothing disabled."""
    errors = _bad_len(modal.get("title"), 1, MODAL_TITLE_MAX, ("title",))
    errors += _required(modal, "title", ())
    seen: set[str] = set()
    errors += _check_custom_id(modal, (), None)
    components = _items(modal.get("components"))
    errors += _bad_len(modal.get("components"), 1, MODAL_COMPONENTS_MAX, ("components",))
    for index, component in enumerate(components):
        if not isinstance(component, Mapping):
            continue
        path: Path = ("components", index)
        kind = component.get("type")
        if kind == ACTION_ROW:
            children = _items(component.get("components"))
            if (
                len(children) != 1
                or not isinstance(children[0], Mapping)
                or children[0].get("type") != TEXT_INPUT
            ):
                errors.append(
                    _err(
                        (*path, "components"),
                        "MODAL_ACTION_ROW_INVALID",
                        "A modal action row holds exactly one text input",
                    )
                )
                continue
            errors += _check_text_input(children[0], (*path, "components", 0), seen, in_label=False)
        elif kind == LABEL:
            errors += _bad_len(component.get("label"), 1, TEXT_INPUT_LABEL_MAX, (*path, "label"))
            errors += _max_len(
                component.get("description"), LABEL_DESCRIPTION_MAX, (*path, "description")
            )
            inner = component.get("component")
            if not isinstance(inner, Mapping):
                errors.append(
                    _err((*path, "component"), "BASE_TYPE_REQUIRED", "This field is required")
                )
            elif inner.get("type") == TEXT_INPUT:
                errors += _check_text_input(inner, (*path, "component"), seen, in_label=True)
            elif inner.get("type") in SELECT_TYPES:
                errors += check_select(inner, (*path, "component"), seen)
            elif inner.get("type") == FILE_UPLOAD:
                errors += _check_custom_id(inner, (*path, "component"), seen)
            else:
                errors.append(
                    _err(
                        (*path, "component", "type"),
                        "UNION_TYPE_CHOICES",
                        f"Component type {inner.get('type')} is not allowed in a label",
                    )
                )
        elif kind == TEXT_DISPLAY:
            errors += _max_len(component.get("content"), V2_TEXT_TOTAL_MAX, (*path, "content"))
        else:
            errors.append(
                _err(
                    (*path, "type"),
                    "UNION_TYPE_CHOICES",
                    f"Component type {kind} is not allowed in a modal",
                )
            )
    return errors


# --- autocomplete ---------------------------------------------------------------------------


def check_choices(choices: Any, path: Path = ("choices",)) -> list[FieldError]:
    """At most 25 choices; names 1..100; string values at most 100 characters."""
    errors: list[FieldError] = []
    items = _items(choices)
    if len(items) > AUTOCOMPLETE_CHOICES_MAX:
        errors.append(
            _err(
                path,
                "BASE_TYPE_MAX_LENGTH",
                f"Must be {AUTOCOMPLETE_CHOICES_MAX} or fewer in length.",
            )
        )
    for index, choice in enumerate(items):
        if not isinstance(choice, Mapping):
            continue
        errors += _bad_len(choice.get("name"), 1, CHOICE_NAME_MAX, (*path, index, "name"))
        errors += _max_len(choice.get("value"), CHOICE_STRING_VALUE_MAX, (*path, index, "value"))
    return errors


# --- application commands -------------------------------------------------------------------


def valid_chat_input_name(name: Any) -> bool:
    """``^[-_\\p{L}\\p{N}]{1,32}$`` with the lowercase variant of every letter that has one."""
    if not isinstance(name, str) or not 1 <= len(name) <= COMMAND_NAME_MAX:
        return False
    if name != name.lower():
        return False
    return all(ch in "-_" or ch.isalnum() for ch in name)


def _check_name(name: Any, path: Path, *, chat_input: bool) -> list[FieldError]:
    if chat_input:
        if not valid_chat_input_name(name):
            return [
                _err(
                    path,
                    "APPLICATION_COMMAND_INVALID_NAME",
                    "Command name is invalid: 1-32 lowercase letters, numbers, '-' or '_'",
                )
            ]
        return []
    return _bad_len(name, 1, COMMAND_NAME_MAX, path)


def _localized(obj: Mapping[str, Any], key: str) -> Iterable[tuple[str, Any]]:
    values = obj.get(f"{key}_localizations")
    if isinstance(values, Mapping):
        yield from values.items()


def _option_text(option: Mapping[str, Any]) -> int:
    total = len(option.get("name") or "") + len(option.get("description") or "")
    for choice in _items(option.get("choices")):
        if isinstance(choice, Mapping):
            total += len(str(choice.get("name") or "")) + len(str(choice.get("value") or ""))
    for child in _items(option.get("options")):
        if isinstance(child, Mapping):
            total += _option_text(child)
    return total


def _check_option(option: Mapping[str, Any], path: Path, depth: int) -> list[FieldError]:
    errors = _check_name(option.get("name"), (*path, "name"), chat_input=True)
    for locale, name in _localized(option, "name"):
        errors += _check_name(name, (*path, "name_localizations", locale), chat_input=True)
    errors += _bad_len(
        option.get("description"), 1, COMMAND_DESCRIPTION_MAX, (*path, "description")
    )
    for locale, text in _localized(option, "description"):
        errors += _bad_len(
            text, 1, COMMAND_DESCRIPTION_MAX, (*path, "description_localizations", locale)
        )
    kind = option.get("type")
    choices = option.get("choices")
    if choices is not None:
        if len(_items(choices)) > AUTOCOMPLETE_CHOICES_MAX:
            errors.append(
                _err(
                    (*path, "choices"),
                    "BASE_TYPE_MAX_LENGTH",
                    f"Must be {AUTOCOMPLETE_CHOICES_MAX} or fewer in length.",
                )
            )
        for index, choice in enumerate(_items(choices)):
            if isinstance(choice, Mapping):
                c_path = (*path, "choices", index)
                errors += _bad_len(choice.get("name"), 1, CHOICE_NAME_MAX, (*c_path, "name"))
                if kind == 3:
                    errors += _bad_len(
                        choice.get("value"), 1, CHOICE_STRING_VALUE_MAX, (*c_path, "value")
                    )
        if option.get("autocomplete") and _items(choices):
            errors.append(
                _err(
                    (*path, "autocomplete"),
                    "AUTOCOMPLETE_AND_CHOICES",
                    "Autocomplete cannot be set on an option with choices",
                )
            )
    for key, low in (("min_length", 0), ("max_length", 1)):
        value = option.get(key)
        if isinstance(value, int) and not low <= value <= OPTION_LENGTH_LIMIT_MAX:
            errors.append(
                _err((*path, key), "NUMBER_TYPE_OUT_OF_RANGE", f"Must be between {low} and 6000.")
            )
    children = option.get("options")
    if kind in (1, 2):
        allowed_depth = 2 if kind == 2 else 3
        if depth >= allowed_depth:
            errors.append(
                _err((*path, "type"), "APPLICATION_COMMAND_TOO_DEEP", "Subcommands nest too deeply")
            )
        errors += _check_options(children, (*path, "options"), depth + 1, group=kind == 2)
    elif children:
        errors.append(
            _err(
                (*path, "options"),
                "APPLICATION_COMMAND_OPTIONS_NOT_ALLOWED",
                "Only subcommands have options",
            )
        )
    return errors


def _check_options(
    options: Any, path: Path, depth: int, *, group: bool = False
) -> list[FieldError]:
    errors: list[FieldError] = []
    items = [o for o in _items(options) if isinstance(o, Mapping)]
    if len(items) > COMMAND_OPTIONS_MAX:
        errors.append(
            _err(path, "BASE_TYPE_MAX_LENGTH", f"Must be {COMMAND_OPTIONS_MAX} or fewer in length.")
        )
    names: set[str] = set()
    seen_optional = False
    kinds = {o.get("type") for o in items}
    if kinds & {1, 2} and kinds - {1, 2}:
        errors.append(
            _err(
                path,
                "APPLICATION_COMMAND_OPTIONS_MIXED",
                "Subcommands and ordinary options cannot be mixed",
            )
        )
    if group and kinds - {1}:
        errors.append(
            _err(
                path,
                "APPLICATION_COMMAND_GROUP_OPTIONS",
                "A subcommand group may only hold subcommands",
            )
        )
    for index, option in enumerate(items):
        o_path = (*path, index)
        name = option.get("name")
        if isinstance(name, str):
            if name in names:
                errors.append(
                    _err(
                        (*o_path, "name"),
                        "APPLICATION_COMMAND_OPTION_NAME_ALREADY_EXISTS",
                        "Option names must be unique",
                    )
                )
            names.add(name)
        if option.get("type") not in (1, 2):
            if option.get("required"):
                if seen_optional:
                    errors.append(
                        _err(
                            (*o_path, "required"),
                            "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID",
                            "Required options must be placed before non-required options",
                        )
                    )
            else:
                seen_optional = True
        errors += _check_option(option, o_path, depth)
    return errors


def check_command(command: Mapping[str, Any]) -> list[FieldError]:
    """Name, description, options and the 4000-character total of one command."""
    kind = command.get("type", 1) or 1
    chat_input = kind == 1
    errors = _check_name(command.get("name"), ("name",), chat_input=chat_input)
    for locale, name in _localized(command, "name"):
        errors += _check_name(name, ("name_localizations", locale), chat_input=chat_input)
    description = command.get("description")
    if chat_input:
        errors += _bad_len(description, 1, COMMAND_DESCRIPTION_MAX, ("description",))
        for locale, text in _localized(command, "description"):
            errors += _bad_len(
                text, 1, COMMAND_DESCRIPTION_MAX, ("description_localizations", locale)
            )
        errors += _check_options(command.get("options"), ("options",), 1)
    else:
        if description:
            errors.append(
                _err(
                    ("description",),
                    "APPLICATION_COMMAND_DESCRIPTION_NOT_EMPTY",
                    "Context menu commands have no description",
                )
            )
        if command.get("options"):
            errors.append(
                _err(
                    ("options",),
                    "APPLICATION_COMMAND_OPTIONS_NOT_ALLOWED",
                    "Context menu commands have no options",
                )
            )
    total = _option_text(command)
    if total > COMMAND_TOTAL_TEXT_MAX:
        errors.append(
            _err(
                (),
                "APPLICATION_COMMAND_TOO_LARGE",
                f"Command exceeds maximum size ({COMMAND_TOTAL_TEXT_MAX})",
            )
        )
    return errors


def check_commands(commands: Sequence[Any]) -> list[FieldError]:
    """A bulk overwrite: each command, unique names per type and per-type counts."""
    errors: list[FieldError] = []
    counts: dict[int, int] = {}
    names: set[tuple[int, str]] = set()
    for index, command in enumerate(commands):
        if not isinstance(command, Mapping):
            continue
        kind = command.get("type", 1) or 1
        counts[kind] = counts.get(kind, 0) + 1
        name = command.get("name")
        if isinstance(name, str):
            if (kind, name) in names:
                errors.append(
                    _err(
                        (index, "name"),
                        "APPLICATION_COMMANDS_DUPLICATE_NAME",
                        f"Application command names must be unique ({name})",
                    )
                )
            names.add((kind, name))
        errors += [FieldError((index, *e.path), e.code, e.message) for e in check_command(command)]
    if counts.get(1, 0) > CHAT_INPUT_COMMANDS_MAX:
        errors.append(
            _err(
                (), "BASE_TYPE_MAX_LENGTH", f"At most {CHAT_INPUT_COMMANDS_MAX} chat input commands"
            )
        )
    for kind in (2, 3):
        if counts.get(kind, 0) > CONTEXT_MENU_COMMANDS_MAX:
            errors.append(
                _err(
                    (),
                    "BASE_TYPE_MAX_LENGTH",
                    f"At most {CONTEXT_MENU_COMMANDS_MAX} context menu commands of type {kind}",
                )
            )
    return errors


def prefixed(prefix: Path, errors: Iterable[FieldError]) -> list[FieldError]:
    """Re-root errors under ``prefix`` (e.g. ``("data",)`` for a callback's data)."""
    return [FieldError((*prefix, *e.path), e.code, e.message) for e in errors]
