from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.article_published_event import ArticlePublishedEvent
    from ..models.article_updated_event import ArticleUpdatedEvent
    from ..models.feedback_created_event import FeedbackCreatedEvent
    from ..models.feedback_updated_event import FeedbackUpdatedEvent
    from ..models.order_delivery_at_risk_event import OrderDeliveryAtRiskEvent
    from ..models.order_delivery_overdue_event import OrderDeliveryOverdueEvent
    from ..models.sla_breached_event import SlaBreachedEvent
    from ..models.sla_warning_event import SlaWarningEvent
    from ..models.survey_invitation_created_event import SurveyInvitationCreatedEvent
    from ..models.survey_reminder_due_event import SurveyReminderDueEvent
    from ..models.survey_response_received_event import SurveyResponseReceivedEvent
    from ..models.ticket_created_event import TicketCreatedEvent
    from ..models.ticket_escalated_event import TicketEscalatedEvent
    from ..models.ticket_message_created_event import TicketMessageCreatedEvent
    from ..models.ticket_status_changed_event import TicketStatusChangedEvent
    from ..models.ticket_updated_event import TicketUpdatedEvent
    from ..models.webhook_endpoint_disabled_event import WebhookEndpointDisabledEvent


T = TypeVar("T", bound="PageEventOut")


@_attrs_define
class PageEventOut:
    """
    Attributes:
        items (list[ArticlePublishedEvent | ArticleUpdatedEvent | FeedbackCreatedEvent | FeedbackUpdatedEvent |
            OrderDeliveryAtRiskEvent | OrderDeliveryOverdueEvent | SlaBreachedEvent | SlaWarningEvent |
            SurveyInvitationCreatedEvent | SurveyReminderDueEvent | SurveyResponseReceivedEvent | TicketCreatedEvent |
            TicketEscalatedEvent | TicketMessageCreatedEvent | TicketStatusChangedEvent | TicketUpdatedEvent |
            WebhookEndpointDisabledEvent]):
        next_cursor (None | str):
    """

    items: list[
        ArticlePublishedEvent
        | ArticleUpdatedEvent
        | FeedbackCreatedEvent
        | FeedbackUpdatedEvent
        | OrderDeliveryAtRiskEvent
        | OrderDeliveryOverdueEvent
        | SlaBreachedEvent
        | SlaWarningEvent
        | SurveyInvitationCreatedEvent
        | SurveyReminderDueEvent
        | SurveyResponseReceivedEvent
        | TicketCreatedEvent
        | TicketEscalatedEvent
        | TicketMessageCreatedEvent
        | TicketStatusChangedEvent
        | TicketUpdatedEvent
        | WebhookEndpointDisabledEvent
    ]
    next_cursor: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.article_published_event import ArticlePublishedEvent  # noqa: PLC0415
        from ..models.article_updated_event import ArticleUpdatedEvent  # noqa: PLC0415
        from ..models.feedback_created_event import FeedbackCreatedEvent  # noqa: PLC0415
        from ..models.feedback_updated_event import FeedbackUpdatedEvent  # noqa: PLC0415
        from ..models.order_delivery_at_risk_event import OrderDeliveryAtRiskEvent  # noqa: PLC0415
        from ..models.order_delivery_overdue_event import OrderDeliveryOverdueEvent  # noqa: PLC0415
        from ..models.sla_breached_event import SlaBreachedEvent  # noqa: PLC0415
        from ..models.sla_warning_event import SlaWarningEvent  # noqa: PLC0415
        from ..models.survey_invitation_created_event import (
            SurveyInvitationCreatedEvent,  # noqa: PLC0415
        )
        from ..models.survey_reminder_due_event import SurveyReminderDueEvent  # noqa: PLC0415
        from ..models.survey_response_received_event import SurveyResponseReceivedEvent  # noqa: PLC0415
        from ..models.ticket_created_event import TicketCreatedEvent  # noqa: PLC0415
        from ..models.ticket_escalated_event import TicketEscalatedEvent  # noqa: PLC0415
        from ..models.ticket_message_created_event import TicketMessageCreatedEvent  # noqa: PLC0415
        from ..models.ticket_status_changed_event import TicketStatusChangedEvent  # noqa: PLC0415
        from ..models.ticket_updated_event import TicketUpdatedEvent  # noqa: PLC0415

        items = []
        for items_item_data in self.items:
            items_item: dict[str, Any]
            if isinstance(items_item_data, TicketCreatedEvent):
                items_item = items_item_data.to_dict()
            elif isinstance(items_item_data, TicketUpdatedEvent):
                items_item = items_item_data.to_dict()
            elif isinstance(items_item_data, TicketStatusChangedEvent):
                items_item = items_item_data.to_dict()
            elif isinstance(items_item_data, TicketEscalatedEvent):
                items_item = items_item_data.to_dict()
            elif isinstance(items_item_data, TicketMessageCreatedEvent):
                items_item = items_item_data.to_dict()
            elif isinstance(items_item_data, SlaWarningEvent):
                items_item = items_item_data.to_dict()
            elif isinstance(items_item_data, SlaBreachedEvent):
                items_item = items_item_data.to_dict()
            elif isinstance(items_item_data, OrderDeliveryOverdueEvent):
                items_item = items_item_data.to_dict()
            elif isinstance(items_item_data, OrderDeliveryAtRiskEvent):
                items_item = items_item_data.to_dict()
            elif isinstance(items_item_data, SurveyInvitationCreatedEvent):
                items_item = items_item_data.to_dict()
            elif isinstance(items_item_data, SurveyResponseReceivedEvent):
                items_item = items_item_data.to_dict()
            elif isinstance(items_item_data, SurveyReminderDueEvent):
                items_item = items_item_data.to_dict()
            elif isinstance(items_item_data, FeedbackCreatedEvent):
                items_item = items_item_data.to_dict()
            elif isinstance(items_item_data, FeedbackUpdatedEvent):
                items_item = items_item_data.to_dict()
            elif isinstance(items_item_data, ArticlePublishedEvent):
                items_item = items_item_data.to_dict()
            elif isinstance(items_item_data, ArticleUpdatedEvent):
                items_item = items_item_data.to_dict()
            else:
                items_item = items_item_data.to_dict()

            items.append(items_item)

        next_cursor: None | str
        next_cursor = self.next_cursor

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "items": items,
                "next_cursor": next_cursor,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.article_published_event import ArticlePublishedEvent  # noqa: PLC0415
        from ..models.article_updated_event import ArticleUpdatedEvent  # noqa: PLC0415
        from ..models.feedback_created_event import FeedbackCreatedEvent  # noqa: PLC0415
        from ..models.feedback_updated_event import FeedbackUpdatedEvent  # noqa: PLC0415
        from ..models.order_delivery_at_risk_event import OrderDeliveryAtRiskEvent  # noqa: PLC0415
        from ..models.order_delivery_overdue_event import OrderDeliveryOverdueEvent  # noqa: PLC0415
        from ..models.sla_breached_event import SlaBreachedEvent  # noqa: PLC0415
        from ..models.sla_warning_event import SlaWarningEvent  # noqa: PLC0415
        from ..models.survey_invitation_created_event import (
            SurveyInvitationCreatedEvent,  # noqa: PLC0415
        )
        from ..models.survey_reminder_due_event import SurveyReminderDueEvent  # noqa: PLC0415
        from ..models.survey_response_received_event import SurveyResponseReceivedEvent  # noqa: PLC0415
        from ..models.ticket_created_event import TicketCreatedEvent  # noqa: PLC0415
        from ..models.ticket_escalated_event import TicketEscalatedEvent  # noqa: PLC0415
        from ..models.ticket_message_created_event import TicketMessageCreatedEvent  # noqa: PLC0415
        from ..models.ticket_status_changed_event import TicketStatusChangedEvent  # noqa: PLC0415
        from ..models.ticket_updated_event import TicketUpdatedEvent  # noqa: PLC0415
        from ..models.webhook_endpoint_disabled_event import (
            WebhookEndpointDisabledEvent,  # noqa: PLC0415
        )

        d = dict(src_dict)
        items = []
        _items = d.pop("items")
        for items_item_data in _items:

            def _parse_items_item(
                data: object,
            ) -> (
                ArticlePublishedEvent
                | ArticleUpdatedEvent
                | FeedbackCreatedEvent
                | FeedbackUpdatedEvent
                | OrderDeliveryAtRiskEvent
                | OrderDeliveryOverdueEvent
                | SlaBreachedEvent
                | SlaWarningEvent
                | SurveyInvitationCreatedEvent
                | SurveyReminderDueEvent
                | SurveyResponseReceivedEvent
                | TicketCreatedEvent
                | TicketEscalatedEvent
                | TicketMessageCreatedEvent
                | TicketStatusChangedEvent
                | TicketUpdatedEvent
                | WebhookEndpointDisabledEvent
            ):
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_out_type_0 = TicketCreatedEvent.from_dict(
                        data
                    )

                    return componentsschemas_event_out_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_out_type_1 = TicketUpdatedEvent.from_dict(
                        data
                    )

                    return componentsschemas_event_out_type_1
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_out_type_2 = (
                        TicketStatusChangedEvent.from_dict(data)
                    )

                    return componentsschemas_event_out_type_2
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_out_type_3 = TicketEscalatedEvent.from_dict(
                        data
                    )

                    return componentsschemas_event_out_type_3
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_out_type_4 = (
                        TicketMessageCreatedEvent.from_dict(data)
                    )

                    return componentsschemas_event_out_type_4
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_out_type_5 = SlaWarningEvent.from_dict(data)

                    return componentsschemas_event_out_type_5
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_out_type_6 = SlaBreachedEvent.from_dict(
                        data
                    )

                    return componentsschemas_event_out_type_6
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_out_type_7 = (
                        OrderDeliveryOverdueEvent.from_dict(data)
                    )

                    return componentsschemas_event_out_type_7
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_out_type_8 = (
                        OrderDeliveryAtRiskEvent.from_dict(data)
                    )

                    return componentsschemas_event_out_type_8
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_out_type_9 = (
                        SurveyInvitationCreatedEvent.from_dict(data)
                    )

                    return componentsschemas_event_out_type_9
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_out_type_10 = (
                        SurveyResponseReceivedEvent.from_dict(data)
                    )

                    return componentsschemas_event_out_type_10
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_out_type_11 = (
                        SurveyReminderDueEvent.from_dict(data)
                    )

                    return componentsschemas_event_out_type_11
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_out_type_12 = (
                        FeedbackCreatedEvent.from_dict(data)
                    )

                    return componentsschemas_event_out_type_12
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_out_type_13 = (
                        FeedbackUpdatedEvent.from_dict(data)
                    )

                    return componentsschemas_event_out_type_13
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_out_type_14 = (
                        ArticlePublishedEvent.from_dict(data)
                    )

                    return componentsschemas_event_out_type_14
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_out_type_15 = ArticleUpdatedEvent.from_dict(
                        data
                    )

                    return componentsschemas_event_out_type_15
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_event_out_type_16 = (
                    WebhookEndpointDisabledEvent.from_dict(data)
                )

                return componentsschemas_event_out_type_16

            items_item = _parse_items_item(items_item_data)

            items.append(items_item)

        def _parse_next_cursor(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        next_cursor = _parse_next_cursor(d.pop("next_cursor"))

        page_event_out = cls(
            items=items,
            next_cursor=next_cursor,
        )

        page_event_out.additional_properties = d
        return page_event_out

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
