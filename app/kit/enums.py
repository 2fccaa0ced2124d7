"""Enum fields of pydantic schemas, validated and documented like the `Literal[...]` lists they
replaced: the same error messages, and an inline `{"enum": [...], "type": ...}` in the OpenAPI
document rather than a named component (naming them there would change the document)."""

from enum import Enum

from pydantic import GetCoreSchemaHandler
from pydantic_core import CoreSchema, core_schema


class InlineEnum:
    """`Annotated[TicketStatus, InlineEnum()]`: any member, given as its value; or
    `InlineEnum(TicketStatus.PENDING, TicketStatus.ON_HOLD)`: only those. The field holds the
    member."""

    def __init__(self, *members: Enum) -> None:
        self.members = members

    def __get_pydantic_core_schema__(
        self, source: type[Enum], handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        values = [member.value for member in self.members or tuple(source)]
        return core_schema.no_info_after_validator_function(
            source, core_schema.literal_schema(values)
        )
