from enum import StrEnum


class SurveyMetric(StrEnum):
    CSAT = "csat"
    EXPECTATIONS_MET = "expectations_met"
    NPS = "nps"

    def __str__(self) -> str:
        return str(self.value)
