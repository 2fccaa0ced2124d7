"""The Configuration table of the README, generated from a settings class.

One row per setting: its environment variable, type (with bounds), default and description.
A secret's default is never printed.
"""

import types
from enum import Enum
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin

from annotated_types import Ge, Gt, Le, Lt
from pydantic import AnyUrl, SecretBytes, SecretStr
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined
from pydantic_settings import BaseSettings

HEADING = "## Configuration"
HEADER = ["| variable | type | default | description |", "|---|---|---|---|"]
SECRET_TYPES = (SecretStr, SecretBytes)


class UndocumentedSettingError(ValueError):
    """A setting without a description cannot be listed."""


def settings_table(settings_class: type[BaseSettings]) -> list[str]:
    """The table's lines, the header first, settings in the class's order."""
    prefix = settings_class.model_config.get("env_prefix", "")
    rows = [_row(prefix + name.upper(), field) for name, field in
            settings_class.model_fields.items()]
    return HEADER + rows


def replace_table(readme: str, table: list[str]) -> str:
    """The README with the first table of its Configuration section replaced by `table`."""
    lines = readme.split("\n")
    start = _table_start(lines)
    end = start
    while end < len(lines) and lines[end].startswith("|"):
        end += 1
    return "\n".join(lines[:start] + table + lines[end:])


def readme_table(readme: str) -> list[str]:
    """The first table of the README's Configuration section, as it stands."""
    lines = readme.split("\n")
    start = _table_start(lines)
    table = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        table.append(line)
    return table


def _table_start(lines: list[str]) -> int:
    try:
        heading = lines.index(HEADING)
    except ValueError:
        raise ValueError(f"the README has no {HEADING!r} section") from None
    for index in range(heading + 1, len(lines)):
        if lines[index].startswith("#"):
            break
        if lines[index].startswith("|"):
            return index
    raise ValueError(f"the README's {HEADING!r} section has no table")


def _row(variable: str, field: FieldInfo) -> str:
    if not field.description:
        raise UndocumentedSettingError(f"{variable} has no description: add Field(description=...)")
    cells = [f"`{variable}`", _type(field), _default(field), field.description]
    return "| " + " | ".join(_cell(cell) for cell in cells) + " |"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _type(field: FieldInfo) -> str:
    name = _type_name(field.annotation)
    bounds = _bounds(field)
    return f"{name} ({bounds})" if bounds else name


def _type_name(annotation: Any) -> str:
    origin = get_origin(annotation)
    if origin is Literal:
        return "one of " + ", ".join(f"`{value}`" for value in get_args(annotation))
    if origin in (Union, types.UnionType):
        members = [arg for arg in get_args(annotation) if arg is not type(None)]
        return " or ".join(_type_name(member) for member in members)
    if origin is list:
        (item,) = get_args(annotation)
        return f"JSON list of {_type_name(item)}s"
    names: dict[Any, str] = {
        str: "string", int: "integer", float: "number", bool: "boolean", Path: "path",
        SecretStr: "string (secret)", SecretBytes: "bytes (secret)",
    }
    if annotation in names:
        return names[annotation]
    if isinstance(annotation, type) and issubclass(annotation, AnyUrl):
        return "URL"
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return "one of " + ", ".join(f"`{member.value}`" for member in annotation)
    return getattr(annotation, "__name__", str(annotation))


def _bounds(field: FieldInfo) -> str:
    parts = []
    for constraint in field.metadata:
        if isinstance(constraint, Ge):
            parts.append(f">= {constraint.ge}")
        elif isinstance(constraint, Gt):
            parts.append(f"> {constraint.gt}")
        elif isinstance(constraint, Le):
            parts.append(f"<= {constraint.le}")
        elif isinstance(constraint, Lt):
            parts.append(f"< {constraint.lt}")
    return ", ".join(parts)


def _default(field: FieldInfo) -> str:
    if _is_secret(field.annotation):
        return "unset" if field.default is None else "(hidden)"
    value = field.get_default(call_default_factory=True)
    if value is PydanticUndefined:
        return "required"
    if value is None:
        return "unset"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, list):
        return f"`{value!r}`".replace("'", '"')
    return f"`{value}`"


def _is_secret(annotation: Any) -> bool:
    if annotation in SECRET_TYPES:
        return True
    return any(_is_secret(arg) for arg in get_args(annotation))
