from enum import StrEnum


class ExpectationStatus(StrEnum):
    AT_RISK = "at_risk"
    BREACHED = "breached"
    MET = "met"
    ON_TRACK = "on_track"
    PAUSED = "paused"

    def __str__(self) -> str:
        return str(self.value)
