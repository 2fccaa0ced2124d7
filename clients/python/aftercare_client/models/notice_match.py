from enum import StrEnum


class NoticeMatch(StrEnum):
    ORDER = "order"
    PRODUCT = "product"

    def __str__(self) -> str:
        return str(self.value)
