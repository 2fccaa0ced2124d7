from enum import StrEnum


class MetricKind(StrEnum):
    COUNT = "count"
    DURATION = "duration"
    RATIO = "ratio"
    SCORE = "score"

    def __str__(self) -> str:
        return str(self.value)
