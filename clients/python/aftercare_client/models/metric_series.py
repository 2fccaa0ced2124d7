from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.granularity import Granularity
from ..models.group_by import GroupBy
from ..models.metric_kind import MetricKind
from ..models.metric_name import MetricName

if TYPE_CHECKING:
    from ..models.series import Series


T = TypeVar("T", bound="MetricSeries")


@_attrs_define
class MetricSeries:
    """
    Attributes:
        metric (MetricName): A metric `GET /v1/metrics/{name}` charts.
        kind (MetricKind):
        granularity (Granularity):
        timezone (str):
        group_by (GroupBy | None):
        from_ (datetime.datetime):
        to (datetime.datetime):
        series (list[Series]):
    """

    metric: MetricName
    kind: MetricKind
    granularity: Granularity
    timezone: str
    group_by: GroupBy | None
    from_: datetime.datetime
    to: datetime.datetime
    series: list[Series]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        metric = self.metric.value

        kind = self.kind.value

        granularity = self.granularity.value

        timezone = self.timezone

        group_by: None | str
        if isinstance(self.group_by, GroupBy):
            group_by = self.group_by.value
        else:
            group_by = self.group_by

        from_ = self.from_.isoformat()

        to = self.to.isoformat()

        series = []
        for series_item_data in self.series:
            series_item = series_item_data.to_dict()
            series.append(series_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "metric": metric,
                "kind": kind,
                "granularity": granularity,
                "timezone": timezone,
                "group_by": group_by,
                "from": from_,
                "to": to,
                "series": series,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.series import Series  # noqa: PLC0415

        d = dict(src_dict)
        metric = MetricName(d.pop("metric"))

        kind = MetricKind(d.pop("kind"))

        granularity = Granularity(d.pop("granularity"))

        timezone = d.pop("timezone")

        def _parse_group_by(data: object) -> GroupBy | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                group_by_type_0 = GroupBy(data)

                return group_by_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(GroupBy | None, data)

        group_by = _parse_group_by(d.pop("group_by"))

        from_ = datetime.datetime.fromisoformat(d.pop("from"))

        to = datetime.datetime.fromisoformat(d.pop("to"))

        series = []
        _series = d.pop("series")
        for series_item_data in _series:
            series_item = Series.from_dict(series_item_data)

            series.append(series_item)

        metric_series = cls(
            metric=metric,
            kind=kind,
            granularity=granularity,
            timezone=timezone,
            group_by=group_by,
            from_=from_,
            to=to,
            series=series,
        )

        metric_series.additional_properties = d
        return metric_series

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
