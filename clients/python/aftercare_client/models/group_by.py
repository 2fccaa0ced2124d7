from enum import StrEnum


class GroupBy(StrEnum):
    ASSIGNEE = "assignee"
    CHANNEL = "channel"
    PRIORITY = "priority"
    TIER = "tier"

    def __str__(self) -> str:
        return str(self.value)
