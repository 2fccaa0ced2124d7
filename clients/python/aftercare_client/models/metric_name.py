from enum import StrEnum


class MetricName(StrEnum):
    CSAT = "csat"
    DELIVERY_ON_TIME = "delivery_on_time"
    EXPECTATIONS_MET = "expectations_met"
    FCR = "fcr"
    FIRST_RESPONSE_TIME = "first_response_time"
    NPS = "nps"
    RESOLUTION_TIME = "resolution_time"
    RETENTION = "retention"
    SLA_COMPLIANCE = "sla_compliance"
    SURVEY_RESPONSE_RATE = "survey_response_rate"
    TICKETS_CREATED = "tickets_created"
    TICKETS_SOLVED = "tickets_solved"

    def __str__(self) -> str:
        return str(self.value)
