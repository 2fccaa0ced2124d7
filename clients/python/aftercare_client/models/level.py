from enum import StrEnum


class Level(StrEnum):
    ALL = "all"
    CARRIER = "carrier"
    CARRIERSERVICE_LEVEL = "carrier+service_level"
    CARRIERSERVICE_LEVELDESTINATION = "carrier+service_level+destination"
    CARRIERSERVICE_LEVELDESTINATIONREGION = "carrier+service_level+destination+region"

    def __str__(self) -> str:
        return str(self.value)
