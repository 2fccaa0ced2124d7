"""The SLA's vocabulary: what a target measures, where it stands, and what the customer sees."""

from enum import StrEnum

# Notified by triggers on sla_targets (see the migration notify_sla_deadlines) with the nearest
# instant, in Unix seconds, among the active targets a statement wrote: it wakes the sweep.
DEADLINES_CHANNEL = "aftercare_sla_deadlines"


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
