from enum import StrEnum


class GroupBy(StrEnum):
    ASSIGNEE = "assignee"
    CHANNEL = "channel"
    PRIORITY = "priority"
    TEAM = "team"
    TIER = "tier"

    def __str__(self) -> str:
        return str(self.value)
