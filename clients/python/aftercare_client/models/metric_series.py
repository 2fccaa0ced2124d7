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
from ..types import UNSET, Unset

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
        as_of (datetime.datetime | None | Unset): every change committed before this instant is counted (the rollups
            answer for the hours folded, raw rows for the rest)
        percentile_relative_error (float | None | Unset): durations: null when median_seconds and p90_seconds are exact,
            else the relative error they are within (the rollups' histograms)
    """

    metric: MetricName
    kind: MetricKind
    granularity: Granularity
    timezone: str
    group_by: GroupBy | None
    from_: datetime.datetime
    to: datetime.datetime
    series: list[Series]
    as_of: datetime.datetime | None | Unset = UNSET
    percentile_relative_error: float | None | Unset = UNSET
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

        as_of: None | str | Unset
        if isinstance(self.as_of, Unset):
            as_of = UNSET
        elif isinstance(self.as_of, datetime.datetime):
            as_of = self.as_of.isoformat()
        else:
            as_of = self.as_of

        percentile_relative_error: float | None | Unset
        if isinstance(self.percentile_relative_error, Unset):
            percentile_relative_error = UNSET
        else:
            percentile_relative_error = self.percentile_relative_error

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
        if as_of is not UNSET:
            field_dict["as_of"] = as_of
        if percentile_relative_error is not UNSET:
            field_dict["percentile_relative_error"] = percentile_relative_error

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

        def _parse_as_of(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                as_of_type_0 = datetime.datetime.fromisoformat(data)

                return as_of_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        as_of = _parse_as_of(d.pop("as_of", UNSET))

        def _parse_percentile_relative_error(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        percentile_relative_error = _parse_percentile_relative_error(
            d.pop("percentile_relative_error", UNSET)
        )

        metric_series = cls(
            metric=metric,
            kind=kind,
            granularity=granularity,
            timezone=timezone,
            group_by=group_by,
            from_=from_,
            to=to,
            series=series,
            as_of=as_of,
            percentile_relative_error=percentile_relative_error,
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
