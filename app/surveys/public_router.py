"""Keyless routes for customers: the survey token in the path is the only credential."""

from typing import Annotated

from fastapi import APIRouter, Header, Query

from app.kit.clock import ClockDep
from app.kit.db import SessionDep
from app.kit.rate_limit import PublicRateLimit
from app.surveys.answering import public_survey, submit_response
from app.surveys.schemas import PublicSurvey, ResponseReceipt, ResponseSubmit
from app.surveys.texts import accept_language_tags

router = APIRouter(prefix="/v1/public/surveys", tags=["public surveys"])

PROBLEMS = {
    404: {"description": "unknown or expired link (the same answer for both)"},
    409: {"description": "already answered"},
    429: {"description": "too many requests from this address; see Retry-After"},
}


LangQuery = Annotated[
    str | None,
    Query(
        max_length=35,
        description="the language wanted (BCP 47), before Accept-Language; one the survey does"
        " not speak is passed over",
    ),
]
AcceptLanguage = Annotated[str | None, Header(max_length=1000)]


def wanted_languages(lang: str | None, accept_language: str | None) -> list[str | None]:
    return [lang, *accept_language_tags(accept_language)]


@router.get("/{token}", response_model=PublicSurvey, responses=PROBLEMS)  # type: ignore[arg-type]
async def get_public_survey(
    _: PublicRateLimit,
    token: str,
    session: SessionDep,
    clock: ClockDep,
    lang: LangQuery = None,
    accept_language: AcceptLanguage = None,
) -> PublicSurvey:
    """The questions of the survey this link invites to answer, in the language asked for
    (`lang`, else Accept-Language) when the survey speaks it, else in the template's own."""
    wanted = wanted_languages(lang, accept_language)
    return await public_survey(session, token, clock.now(), wanted=wanted)


@router.post(
    "/{token}/responses",
    status_code=201,
    response_model=ResponseReceipt,
    responses=PROBLEMS,  # type: ignore[arg-type]
)
async def answer_public_survey(
    _: PublicRateLimit,
    token: str,
    body: ResponseSubmit,
    session: SessionDep,
    clock: ClockDep,
    lang: LangQuery = None,
    accept_language: AcceptLanguage = None,
) -> ResponseReceipt:
    """Answer the survey, once. Every answer is checked against its question: a wrong type,
    an out-of-range value, a missing required answer, an unknown question or an over-long
    text is a 422 whose `errors` point at `/answers/<question key>`. Option labels match
    whatever their case, in the survey's language (chosen as on GET) or any other it has."""
    wanted = wanted_languages(lang, accept_language)
    response = await submit_response(session, token, body.answers, now=clock.now(), wanted=wanted)
    return ResponseReceipt(id=response.id, received_at=response.created_at)
