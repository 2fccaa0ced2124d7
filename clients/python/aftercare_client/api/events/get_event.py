from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.article_published_event import ArticlePublishedEvent
from ...models.article_updated_event import ArticleUpdatedEvent
from ...models.feedback_created_event import FeedbackCreatedEvent
from ...models.feedback_updated_event import FeedbackUpdatedEvent
from ...models.order_delivery_at_risk_event import OrderDeliveryAtRiskEvent
from ...models.order_delivery_overdue_event import OrderDeliveryOverdueEvent
from ...models.problem import Problem
from ...models.sla_breached_event import SlaBreachedEvent
from ...models.sla_warning_event import SlaWarningEvent
from ...models.survey_invitation_created_event import SurveyInvitationCreatedEvent
from ...models.survey_reminder_due_event import SurveyReminderDueEvent
from ...models.survey_response_received_event import SurveyResponseReceivedEvent
from ...models.ticket_created_event import TicketCreatedEvent
from ...models.ticket_escalated_event import TicketEscalatedEvent
from ...models.ticket_message_created_event import TicketMessageCreatedEvent
from ...models.ticket_status_changed_event import TicketStatusChangedEvent
from ...models.ticket_updated_event import TicketUpdatedEvent
from ...models.webhook_endpoint_disabled_event import WebhookEndpointDisabledEvent
from ...types import Response


def _get_kwargs(
    event_id: UUID,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/events/{event_id}".format(
            event_id=quote(str(event_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
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
    | Problem
    | None
):
    if response.status_code == 200:

        def _parse_response_200(
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
                componentsschemas_event_out_type_0 = TicketCreatedEvent.from_dict(data)

                return componentsschemas_event_out_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_event_out_type_1 = TicketUpdatedEvent.from_dict(data)

                return componentsschemas_event_out_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_event_out_type_2 = TicketStatusChangedEvent.from_dict(
                    data
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
                componentsschemas_event_out_type_6 = SlaBreachedEvent.from_dict(data)

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
                componentsschemas_event_out_type_8 = OrderDeliveryAtRiskEvent.from_dict(
                    data
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
                componentsschemas_event_out_type_11 = SurveyReminderDueEvent.from_dict(
                    data
                )

                return componentsschemas_event_out_type_11
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_event_out_type_12 = FeedbackCreatedEvent.from_dict(
                    data
                )

                return componentsschemas_event_out_type_12
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_event_out_type_13 = FeedbackUpdatedEvent.from_dict(
                    data
                )

                return componentsschemas_event_out_type_13
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_event_out_type_14 = ArticlePublishedEvent.from_dict(
                    data
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

        response_200 = _parse_response_200(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[
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
    | Problem
]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    event_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Response[
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
    | Problem
]:
    """Get Event

    Args:
        event_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ArticlePublishedEvent | ArticleUpdatedEvent | FeedbackCreatedEvent | FeedbackUpdatedEvent | OrderDeliveryAtRiskEvent | OrderDeliveryOverdueEvent | SlaBreachedEvent | SlaWarningEvent | SurveyInvitationCreatedEvent | SurveyReminderDueEvent | SurveyResponseReceivedEvent | TicketCreatedEvent | TicketEscalatedEvent | TicketMessageCreatedEvent | TicketStatusChangedEvent | TicketUpdatedEvent | WebhookEndpointDisabledEvent | Problem]
    """

    kwargs = _get_kwargs(
        event_id=event_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    event_id: UUID,
    *,
    client: AuthenticatedClient,
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
    | Problem
    | None
):
    """Get Event

    Args:
        event_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ArticlePublishedEvent | ArticleUpdatedEvent | FeedbackCreatedEvent | FeedbackUpdatedEvent | OrderDeliveryAtRiskEvent | OrderDeliveryOverdueEvent | SlaBreachedEvent | SlaWarningEvent | SurveyInvitationCreatedEvent | SurveyReminderDueEvent | SurveyResponseReceivedEvent | TicketCreatedEvent | TicketEscalatedEvent | TicketMessageCreatedEvent | TicketStatusChangedEvent | TicketUpdatedEvent | WebhookEndpointDisabledEvent | Problem
    """

    return sync_detailed(
        event_id=event_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    event_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Response[
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
    | Problem
]:
    """Get Event

    Args:
        event_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ArticlePublishedEvent | ArticleUpdatedEvent | FeedbackCreatedEvent | FeedbackUpdatedEvent | OrderDeliveryAtRiskEvent | OrderDeliveryOverdueEvent | SlaBreachedEvent | SlaWarningEvent | SurveyInvitationCreatedEvent | SurveyReminderDueEvent | SurveyResponseReceivedEvent | TicketCreatedEvent | TicketEscalatedEvent | TicketMessageCreatedEvent | TicketStatusChangedEvent | TicketUpdatedEvent | WebhookEndpointDisabledEvent | Problem]
    """

    kwargs = _get_kwargs(
        event_id=event_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    event_id: UUID,
    *,
    client: AuthenticatedClient,
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
    | Problem
    | None
):
    """Get Event

    Args:
        event_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ArticlePublishedEvent | ArticleUpdatedEvent | FeedbackCreatedEvent | FeedbackUpdatedEvent | OrderDeliveryAtRiskEvent | OrderDeliveryOverdueEvent | SlaBreachedEvent | SlaWarningEvent | SurveyInvitationCreatedEvent | SurveyReminderDueEvent | SurveyResponseReceivedEvent | TicketCreatedEvent | TicketEscalatedEvent | TicketMessageCreatedEvent | TicketStatusChangedEvent | TicketUpdatedEvent | WebhookEndpointDisabledEvent | Problem
    """

    return (
        await asyncio_detailed(
            event_id=event_id,
            client=client,
        )
    ).parsed
