from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.template_out import TemplateOut
from ...models.template_update import TemplateUpdate
from ...types import Response


def _get_kwargs(
    template_id: UUID,
    *,
    body: TemplateUpdate,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/v1/survey-templates/{template_id}".format(
            template_id=quote(str(template_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | TemplateOut | None:
    if response.status_code == 200:
        response_200 = TemplateOut.from_dict(response.json())

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

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

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
) -> Response[Problem | TemplateOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    template_id: UUID,
    *,
    client: AuthenticatedClient,
    body: TemplateUpdate,
) -> Response[Problem | TemplateOut]:
    """Update Survey Template

     Change which share of customers a template version invites (`sample_percent`), built-in
    templates included; its questions never change. A customer's draw depends on the slug and
    the customer only: raising the share adds customers, none drawn before is left out.

    Args:
        template_id (UUID):
        body (TemplateUpdate): A template's sample is the one thing that changes after publishing
            (built-ins too): it
            decides who is asked, never what an answer means.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TemplateOut]
    """

    kwargs = _get_kwargs(
        template_id=template_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    template_id: UUID,
    *,
    client: AuthenticatedClient,
    body: TemplateUpdate,
) -> Problem | TemplateOut | None:
    """Update Survey Template

     Change which share of customers a template version invites (`sample_percent`), built-in
    templates included; its questions never change. A customer's draw depends on the slug and
    the customer only: raising the share adds customers, none drawn before is left out.

    Args:
        template_id (UUID):
        body (TemplateUpdate): A template's sample is the one thing that changes after publishing
            (built-ins too): it
            decides who is asked, never what an answer means.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TemplateOut
    """

    return sync_detailed(
        template_id=template_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    template_id: UUID,
    *,
    client: AuthenticatedClient,
    body: TemplateUpdate,
) -> Response[Problem | TemplateOut]:
    """Update Survey Template

     Change which share of customers a template version invites (`sample_percent`), built-in
    templates included; its questions never change. A customer's draw depends on the slug and
    the customer only: raising the share adds customers, none drawn before is left out.

    Args:
        template_id (UUID):
        body (TemplateUpdate): A template's sample is the one thing that changes after publishing
            (built-ins too): it
            decides who is asked, never what an answer means.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TemplateOut]
    """

    kwargs = _get_kwargs(
        template_id=template_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    template_id: UUID,
    *,
    client: AuthenticatedClient,
    body: TemplateUpdate,
) -> Problem | TemplateOut | None:
    """Update Survey Template

     Change which share of customers a template version invites (`sample_percent`), built-in
    templates included; its questions never change. A customer's draw depends on the slug and
    the customer only: raising the share adds customers, none drawn before is left out.

    Args:
        template_id (UUID):
        body (TemplateUpdate): A template's sample is the one thing that changes after publishing
            (built-ins too): it
            decides who is asked, never what an answer means.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TemplateOut
    """

    return (
        await asyncio_detailed(
            template_id=template_id,
            client=client,
            body=body,
        )
    ).parsed
