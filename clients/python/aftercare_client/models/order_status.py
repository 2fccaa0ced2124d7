from enum import StrEnum


class OrderStatus(StrEnum):
    CANCELLED = "cancelled"
    DELIVERED = "delivered"
    PAID = "paid"
    PLACED = "placed"
    RETURNED = "returned"
    SHIPPED = "shipped"

    def __str__(self) -> str:
        return str(self.value)
