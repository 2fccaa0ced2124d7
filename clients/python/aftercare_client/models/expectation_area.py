from enum import StrEnum


class ExpectationArea(StrEnum):
    DELIVERY = "delivery"
    OTHER = "other"
    PRICING = "pricing"
    PRODUCT_QUALITY = "product_quality"
    SUPPORT = "support"
    WEBSITE = "website"

    def __str__(self) -> str:
        return str(self.value)
