from enum import StrEnum


class RecordPart(StrEnum):
    DENOMINATOR = "denominator"
    NUMERATOR = "numerator"

    def __str__(self) -> str:
        return str(self.value)
