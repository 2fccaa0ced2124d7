from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.answer_public_survey_data_body import AnswerPublicSurveyDataBody
from ...models.answer_public_survey_json_response_submit import (
    AnswerPublicSurveyJsonResponseSubmit,
)
from ...models.problem import Problem
from ...models.response_receipt import ResponseReceipt
from ...types import UNSET, Response, Unset


def _get_kwargs(
    token: str,
    *,
    body: AnswerPublicSurveyJsonResponseSubmit
    | AnswerPublicSurveyDataBody
    | Unset = UNSET,
    lang: None | str | Unset = UNSET,
    accept_language: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(accept_language, Unset):
        headers["accept-language"] = accept_language

    params: dict[str, Any] = {}

    json_lang: None | str | Unset
    if isinstance(lang, Unset):
        json_lang = UNSET
    else:
        json_lang = lang
    params["lang"] = json_lang

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/public/surveys/{token}/responses".format(
            token=quote(str(token), safe=""),
        ),
        "params": params,
    }

    if isinstance(body, AnswerPublicSurveyJsonResponseSubmit):
        _kwargs["json"] = body.to_dict()

        headers["Content-Type"] = "application/json"
    if isinstance(body, AnswerPublicSurveyDataBody):
        _kwargs["data"] = body.to_dict()
        headers["Content-Type"] = "application/x-www-form-urlencoded"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | ResponseReceipt | str | None:
    if response.status_code == 200:
        response_200 = response.text
        return response_200

    if response.status_code == 201:
        response_201 = ResponseReceipt.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

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

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Problem | ResponseReceipt | str]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    token: str,
    *,
    client: AuthenticatedClient | Client,
    body: AnswerPublicSurveyJsonResponseSubmit
    | AnswerPublicSurveyDataBody
    | Unset = UNSET,
    lang: None | str | Unset = UNSET,
    accept_language: None | str | Unset = UNSET,
) -> Response[Problem | ResponseReceipt | str]:
    """Answer Public Survey

     Answer the survey, once: JSON `{"answers": {...}}`, or the page's form (every field a
    string: digits are numbers, labels match whatever their case). Every answer is checked
    against its question: a wrong type, an out-of-range value, a missing required answer, an
    unknown question or an over-long text is a 422 whose `errors` point at
    `/answers/<question key>`; the form shows the page again with the errors beside the
    questions and the customer's input kept. Option labels are read in the survey's language
    (chosen as on GET) or any other it has.

    Args:
        token (str):
        lang (None | str | Unset): the language the customer chose on the page (en, de, fr, es);
            an unknown one is ignored
        accept_language (None | str | Unset):
        body (AnswerPublicSurveyJsonResponseSubmit):
        body (AnswerPublicSurveyDataBody): question key -> answer, as the page's form sends

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ResponseReceipt | str]
    """

    kwargs = _get_kwargs(
        token=token,
        body=body,
        lang=lang,
        accept_language=accept_language,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    token: str,
    *,
    client: AuthenticatedClient | Client,
    body: AnswerPublicSurveyJsonResponseSubmit
    | AnswerPublicSurveyDataBody
    | Unset = UNSET,
    lang: None | str | Unset = UNSET,
    accept_language: None | str | Unset = UNSET,
) -> Problem | ResponseReceipt | str | None:
    """Answer Public Survey

     Answer the survey, once: JSON `{"answers": {...}}`, or the page's form (every field a
    string: digits are numbers, labels match whatever their case). Every answer is checked
    against its question: a wrong type, an out-of-range value, a missing required answer, an
    unknown question or an over-long text is a 422 whose `errors` point at
    `/answers/<question key>`; the form shows the page again with the errors beside the
    questions and the customer's input kept. Option labels are read in the survey's language
    (chosen as on GET) or any other it has.

    Args:
        token (str):
        lang (None | str | Unset): the language the customer chose on the page (en, de, fr, es);
            an unknown one is ignored
        accept_language (None | str | Unset):
        body (AnswerPublicSurveyJsonResponseSubmit):
        body (AnswerPublicSurveyDataBody): question key -> answer, as the page's form sends

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ResponseReceipt | str
    """

    return sync_detailed(
        token=token,
        client=client,
        body=body,
        lang=lang,
        accept_language=accept_language,
    ).parsed


async def asyncio_detailed(
    token: str,
    *,
    client: AuthenticatedClient | Client,
    body: AnswerPublicSurveyJsonResponseSubmit
    | AnswerPublicSurveyDataBody
    | Unset = UNSET,
    lang: None | str | Unset = UNSET,
    accept_language: None | str | Unset = UNSET,
) -> Response[Problem | ResponseReceipt | str]:
    """Answer Public Survey

     Answer the survey, once: JSON `{"answers": {...}}`, or the page's form (every field a
    string: digits are numbers, labels match whatever their case). Every answer is checked
    against its question: a wrong type, an out-of-range value, a missing required answer, an
    unknown question or an over-long text is a 422 whose `errors` point at
    `/answers/<question key>`; the form shows the page again with the errors beside the
    questions and the customer's input kept. Option labels are read in the survey's language
    (chosen as on GET) or any other it has.

    Args:
        token (str):
        lang (None | str | Unset): the language the customer chose on the page (en, de, fr, es);
            an unknown one is ignored
        accept_language (None | str | Unset):
        body (AnswerPublicSurveyJsonResponseSubmit):
        body (AnswerPublicSurveyDataBody): question key -> answer, as the page's form sends

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ResponseReceipt | str]
    """

    kwargs = _get_kwargs(
        token=token,
        body=body,
        lang=lang,
        accept_language=accept_language,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    token: str,
    *,
    client: AuthenticatedClient | Client,
    body: AnswerPublicSurveyJsonResponseSubmit
    | AnswerPublicSurveyDataBody
    | Unset = UNSET,
    lang: None | str | Unset = UNSET,
    accept_language: None | str | Unset = UNSET,
) -> Problem | ResponseReceipt | str | None:
    """Answer Public Survey

     Answer the survey, once: JSON `{"answers": {...}}`, or the page's form (every field a
    string: digits are numbers, labels match whatever their case). Every answer is checked
    against its question: a wrong type, an out-of-range value, a missing required answer, an
    unknown question or an over-long text is a 422 whose `errors` point at
    `/answers/<question key>`; the form shows the page again with the errors beside the
    questions and the customer's input kept. Option labels are read in the survey's language
    (chosen as on GET) or any other it has.

    Args:
        token (str):
        lang (None | str | Unset): the language the customer chose on the page (en, de, fr, es);
            an unknown one is ignored
        accept_language (None | str | Unset):
        body (AnswerPublicSurveyJsonResponseSubmit):
        body (AnswerPublicSurveyDataBody): question key -> answer, as the page's form sends

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ResponseReceipt | str
    """

    return (
        await asyncio_detailed(
            token=token,
            client=client,
            body=body,
            lang=lang,
            accept_language=accept_language,
        )
    ).parsed
