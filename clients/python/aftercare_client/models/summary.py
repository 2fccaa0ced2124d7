from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.backlog import Backlog
    from ..models.duration_figure import DurationFigure
    from ..models.fcr_figure import FcrFigure
    from ..models.figure import Figure
    from ..models.sla_compliance import SlaCompliance


T = TypeVar("T", bound="Summary")


@_attrs_define
class Summary:
    """
    Attributes:
        from_ (datetime.datetime):
        to (datetime.datetime):
        csat (Figure): A percentage (or score) with what it was computed from; value null when nothing was
            measured (denominator 0).
        nps (Figure): A percentage (or score) with what it was computed from; value null when nothing was
            measured (denominator 0).
        expectations_met (Figure): A percentage (or score) with what it was computed from; value null when nothing was
            measured (denominator 0).
        survey_response_rate (Figure): A percentage (or score) with what it was computed from; value null when nothing
            was
            measured (denominator 0).
        sla_compliance (SlaCompliance):
        fcr (FcrFigure):
        retention (Figure): A percentage (or score) with what it was computed from; value null when nothing was
            measured (denominator 0).
        delivery_on_time (Figure): A percentage (or score) with what it was computed from; value null when nothing was
            measured (denominator 0).
        first_response_time (DurationFigure):
        resolution_time (DurationFigure):
        tickets_created (int):
        tickets_solved (int):
        backlog (Backlog):
        as_of (datetime.datetime | None | Unset): every change committed before this instant is counted (the rollups
            answer for the hours folded, raw rows for the rest)
    """

    from_: datetime.datetime
    to: datetime.datetime
    csat: Figure
    nps: Figure
    expectations_met: Figure
    survey_response_rate: Figure
    sla_compliance: SlaCompliance
    fcr: FcrFigure
    retention: Figure
    delivery_on_time: Figure
    first_response_time: DurationFigure
    resolution_time: DurationFigure
    tickets_created: int
    tickets_solved: int
    backlog: Backlog
    as_of: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from_ = self.from_.isoformat()

        to = self.to.isoformat()

        csat = self.csat.to_dict()

        nps = self.nps.to_dict()

        expectations_met = self.expectations_met.to_dict()

        survey_response_rate = self.survey_response_rate.to_dict()

        sla_compliance = self.sla_compliance.to_dict()

        fcr = self.fcr.to_dict()

        retention = self.retention.to_dict()

        delivery_on_time = self.delivery_on_time.to_dict()

        first_response_time = self.first_response_time.to_dict()

        resolution_time = self.resolution_time.to_dict()

        tickets_created = self.tickets_created

        tickets_solved = self.tickets_solved

        backlog = self.backlog.to_dict()

        as_of: None | str | Unset
        if isinstance(self.as_of, Unset):
            as_of = UNSET
        elif isinstance(self.as_of, datetime.datetime):
            as_of = self.as_of.isoformat()
        else:
            as_of = self.as_of

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "from": from_,
                "to": to,
                "csat": csat,
                "nps": nps,
                "expectations_met": expectations_met,
                "survey_response_rate": survey_response_rate,
                "sla_compliance": sla_compliance,
                "fcr": fcr,
                "retention": retention,
                "delivery_on_time": delivery_on_time,
                "first_response_time": first_response_time,
                "resolution_time": resolution_time,
                "tickets_created": tickets_created,
                "tickets_solved": tickets_solved,
                "backlog": backlog,
            }
        )
        if as_of is not UNSET:
            field_dict["as_of"] = as_of

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.backlog import Backlog  # noqa: PLC0415
        from ..models.duration_figure import DurationFigure  # noqa: PLC0415
        from ..models.fcr_figure import FcrFigure  # noqa: PLC0415
        from ..models.figure import Figure  # noqa: PLC0415
        from ..models.sla_compliance import SlaCompliance  # noqa: PLC0415

        d = dict(src_dict)
        from_ = datetime.datetime.fromisoformat(d.pop("from"))

        to = datetime.datetime.fromisoformat(d.pop("to"))

        csat = Figure.from_dict(d.pop("csat"))

        nps = Figure.from_dict(d.pop("nps"))

        expectations_met = Figure.from_dict(d.pop("expectations_met"))

        survey_response_rate = Figure.from_dict(d.pop("survey_response_rate"))

        sla_compliance = SlaCompliance.from_dict(d.pop("sla_compliance"))

        fcr = FcrFigure.from_dict(d.pop("fcr"))

        retention = Figure.from_dict(d.pop("retention"))

        delivery_on_time = Figure.from_dict(d.pop("delivery_on_time"))

        first_response_time = DurationFigure.from_dict(d.pop("first_response_time"))

        resolution_time = DurationFigure.from_dict(d.pop("resolution_time"))

        tickets_created = d.pop("tickets_created")

        tickets_solved = d.pop("tickets_solved")

        backlog = Backlog.from_dict(d.pop("backlog"))

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

        summary = cls(
            from_=from_,
            to=to,
            csat=csat,
            nps=nps,
            expectations_met=expectations_met,
            survey_response_rate=survey_response_rate,
            sla_compliance=sla_compliance,
            fcr=fcr,
            retention=retention,
            delivery_on_time=delivery_on_time,
            first_response_time=first_response_time,
            resolution_time=resolution_time,
            tickets_created=tickets_created,
            tickets_solved=tickets_solved,
            backlog=backlog,
            as_of=as_of,
        )

        summary.additional_properties = d
        return summary

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
