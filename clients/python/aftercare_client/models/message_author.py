from enum import StrEnum


class MessageAuthor(StrEnum):
    SUPPORT = "support"
    YOU = "you"

    def __str__(self) -> str:
        return str(self.value)
