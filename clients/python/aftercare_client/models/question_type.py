from enum import StrEnum


class QuestionType(StrEnum):
    CSAT = "csat"
    LIKERT = "likert"
    NPS = "nps"
    RATING = "rating"
    TEXT = "text"
    YES_NO = "yes_no"

    def __str__(self) -> str:
        return str(self.value)
