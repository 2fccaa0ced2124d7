from enum import StrEnum


class StatusChangeReason(StrEnum):
    AUTO_CLOSE = "auto_close"

    def __str__(self) -> str:
        return str(self.value)
