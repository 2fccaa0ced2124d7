from enum import StrEnum


class PauseStatus(StrEnum):
    ON_HOLD = "on_hold"
    PENDING = "pending"

    def __str__(self) -> str:
        return str(self.value)
