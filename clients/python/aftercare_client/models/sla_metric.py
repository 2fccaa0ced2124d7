from enum import StrEnum


class SlaMetric(StrEnum):
    FIRST_RESPONSE = "first_response"
    NEXT_RESPONSE = "next_response"
    RESOLUTION = "resolution"

    def __str__(self) -> str:
        return str(self.value)
