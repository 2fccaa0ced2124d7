from enum import StrEnum


class AuthorType(StrEnum):
    AGENT = "agent"
    CUSTOMER = "customer"

    def __str__(self) -> str:
        return str(self.value)
