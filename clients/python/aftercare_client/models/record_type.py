from enum import StrEnum


class RecordType(StrEnum):
    ORDER = "order"
    SLA_TARGET = "sla_target"
    SURVEY_ANSWER = "survey_answer"
    SURVEY_INVITATION = "survey_invitation"
    TICKET = "ticket"

    def __str__(self) -> str:
        return str(self.value)
