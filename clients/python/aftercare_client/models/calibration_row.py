from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.sla_metric import SlaMetric

if TYPE_CHECKING:
    from ..models.figure import Figure
    from ..models.observed import Observed


T = TypeVar("T", bound="CalibrationRow")


@_attrs_define
class CalibrationRow:
    """
    Attributes:
        priority (str):
        metric (SlaMetric):
        target_seconds (float): the target most often promised in the period
        target_business_hours (bool):
        met (Figure): A percentage (or score) with what it was computed from; value null when nothing was
            measured (denominator 0).
        observed (None | Observed): calendar time from creation to first reply (first_response) or first solve
            (resolution) of tickets created in the period; null for next_response
        suggested_target_p90_seconds (float | None): the target that would have been met 90 % of the time
        suggested_target_p95_seconds (float | None):
    """

    priority: str
    metric: SlaMetric
    target_seconds: float
    target_business_hours: bool
    met: Figure
    observed: None | Observed
    suggested_target_p90_seconds: float | None
    suggested_target_p95_seconds: float | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.observed import Observed  # noqa: PLC0415

        priority = self.priority

        metric = self.metric.value

        target_seconds = self.target_seconds

        target_business_hours = self.target_business_hours

        met = self.met.to_dict()

        observed: dict[str, Any] | None
        if isinstance(self.observed, Observed):
            observed = self.observed.to_dict()
        else:
            observed = self.observed

        suggested_target_p90_seconds: float | None
        suggested_target_p90_seconds = self.suggested_target_p90_seconds

        suggested_target_p95_seconds: float | None
        suggested_target_p95_seconds = self.suggested_target_p95_seconds

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "priority": priority,
                "metric": metric,
                "target_seconds": target_seconds,
                "target_business_hours": target_business_hours,
                "met": met,
                "observed": observed,
                "suggested_target_p90_seconds": suggested_target_p90_seconds,
                "suggested_target_p95_seconds": suggested_target_p95_seconds,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.figure import Figure  # noqa: PLC0415
        from ..models.observed import Observed  # noqa: PLC0415

        d = dict(src_dict)
        priority = d.pop("priority")

        metric = SlaMetric(d.pop("metric"))

        target_seconds = d.pop("target_seconds")

        target_business_hours = d.pop("target_business_hours")

        met = Figure.from_dict(d.pop("met"))

        def _parse_observed(data: object) -> None | Observed:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                observed_type_0 = Observed.from_dict(data)

                return observed_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Observed, data)

        observed = _parse_observed(d.pop("observed"))

        def _parse_suggested_target_p90_seconds(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        suggested_target_p90_seconds = _parse_suggested_target_p90_seconds(
            d.pop("suggested_target_p90_seconds")
        )

        def _parse_suggested_target_p95_seconds(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        suggested_target_p95_seconds = _parse_suggested_target_p95_seconds(
            d.pop("suggested_target_p95_seconds")
        )

        calibration_row = cls(
            priority=priority,
            metric=metric,
            target_seconds=target_seconds,
            target_business_hours=target_business_hours,
            met=met,
            observed=observed,
            suggested_target_p90_seconds=suggested_target_p90_seconds,
            suggested_target_p95_seconds=suggested_target_p95_seconds,
        )

        calibration_row.additional_properties = d
        return calibration_row

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
