"""Enum fields of pydantic schemas, each enum named once in the OpenAPI document: a component
that every schema and parameter using it refers to, so a generated client has one class per
enum. tests/test_openapi_enums.py keeps the document so."""

from enum import Enum
from typing import Any

from pydantic import GetCoreSchemaHandler
from pydantic_core import CoreSchema, core_schema


class NamedEnum:
    """`Annotated[TicketStatus, NamedEnum()]`: any member, given as its value (the component
    is the enum's class name); or `NamedEnum(TicketStatus.PENDING, TicketStatus.ON_HOLD,
    name="PauseStatus")`: only those, as a component of their own. The field holds the
    member."""

    def __init__(self, *members: Enum, name: str | None = None) -> None:
        self.members = members
        self.name = name

    def __get_pydantic_core_schema__(
        self, source: type[Enum], handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        if not self.members:
            return handler(source)  # pydantic's enum schema: a component named for the class
        values = [member.value for member in self.members]
        name = self.name or _subset_name(source, self.members)
        return core_schema.no_info_after_validator_function(
            source, core_schema.literal_schema(values, ref=name)
        )


def _subset_name(source: type[Enum], members: tuple[Enum, ...]) -> str:
    """`PendingOnHoldTicketStatus`, for a subset not given a name."""
    words = [word for member in members for word in str(member.value).split("_")]
    return "".join(word.capitalize() for word in words) + source.__name__


# The former name, when enums were shown inline: branches written against it still build.
InlineEnum = NamedEnum


class EnumName:
    """`Annotated[Literal["day", "week"], EnumName("Granularity")]`: a Literal's values as a
    named component rather than inline."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        return {**handler(source), "ref": self.name}
