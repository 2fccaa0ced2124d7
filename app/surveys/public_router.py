"""Keyless routes for customers: the survey token in the path is the only credential."""

from fastapi import APIRouter

from app.kit.clock import ClockDep
from app.kit.db import SessionDep
from app.kit.rate_limit import PublicRateLimit
from app.surveys.answering import public_survey, submit_response
from app.surveys.schemas import PublicSurvey, ResponseReceipt, ResponseSubmit

router = APIRouter(prefix="/v1/public/surveys", tags=["public surveys"])

PROBLEMS = {
    404: {"description": "unknown or expired link (the same answer for both)"},
    409: {"description": "already answered"},
    429: {"description": "too many requests from this address; see Retry-After"},
}


@router.get("/{token}", response_model=PublicSurvey, responses=PROBLEMS)  # type: ignore[arg-type]
async def get_public_survey(
    _: PublicRateLimit, token: str, session: SessionDep, clock: ClockDep
) -> PublicSurvey:
    """The questions of the survey this link invites to answer."""
    return await public_survey(session, token, clock.now())


@router.post(
    "/{token}/responses",
    status_code=201,
    response_model=ResponseReceipt,
    responses=PROBLEMS,  # type: ignore[arg-type]
)
async def answer_public_survey(
    _: PublicRateLimit, token: str, body: ResponseSubmit, session: SessionDep, clock: ClockDep
) -> ResponseReceipt:
    """Answer the survey, once. Every answer is checked against its question: a wrong type,
    an out-of-range value, a missing required answer, an unknown question or an over-long
    text is a 422 whose `errors` point at `/answers/<question key>`."""
    response = await submit_response(session, token, body.answers, now=clock.now())
    return ResponseReceipt(id=response.id, received_at=response.created_at)
