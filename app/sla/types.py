"""The SLA's vocabulary: what a target measures, where it stands, and what the customer sees."""

from enum import StrEnum


class SlaMetric(StrEnum):
    FIRST_RESPONSE = "first_response"
    NEXT_RESPONSE = "next_response"
    RESOLUTION = "resolution"


class TargetStatus(StrEnum):
    ACTIVE = "active"
    PAUSED = "paused"
    MET = "met"
    BREACHED = "breached"
    STOPPED = "stopped"


class ExpectationStatus(StrEnum):
    """A target as the customer sees it."""

    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    BREACHED = "breached"
    MET = "met"
    PAUSED = "paused"
