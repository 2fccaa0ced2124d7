"""The metrics' vocabulary."""

from enum import StrEnum


class MetricName(StrEnum):
    """A metric `GET /v1/metrics/{name}` charts."""

    CSAT = "csat"
    NPS = "nps"
    EXPECTATIONS_MET = "expectations_met"
    SLA_COMPLIANCE = "sla_compliance"
    SURVEY_RESPONSE_RATE = "survey_response_rate"
    FCR = "fcr"
    RETENTION = "retention"
    DELIVERY_ON_TIME = "delivery_on_time"
    FIRST_RESPONSE_TIME = "first_response_time"
    RESOLUTION_TIME = "resolution_time"
    TICKETS_CREATED = "tickets_created"
    TICKETS_SOLVED = "tickets_solved"
