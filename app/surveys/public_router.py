"""Keyless routes for customers: the survey token in the path is the only credential.

`public_url` opens the survey as an HTML form for a browser (`Accept: text/html`), and as JSON
otherwise. The form posts to the JSON route's path as an ordinary form; both go through the
same validation and the same one-answer rule (see app/tickets/public_router.py for why a form
needs no CSRF token here).
"""

from typing import Annotated, Any

from fastapi import APIRouter, Header, Request, Response, status
from pydantic import ValidationError

from app.kit.clock import ClockDep
from app.kit.db import SessionDep
from app.kit.errors import MalformedJSON, RequestInvalid, validation_errors
from app.kit.inputs import QueryCheckedRoute
from app.kit.rate_limit import PublicRateLimit
from app.surveys.answering import OpenSurvey, open_survey, public_survey, submit_response
from app.surveys.errors import SurveyAlreadyAnswered, SurveyNotFound
from app.surveys.form import answers_from_form, form_values
from app.surveys.questions import AnswerError, AnswerProblem
from app.surveys.schemas import PublicSurvey, ResponseReceipt, ResponseSubmit
from app.surveys.survey_page import NO, YES, error_summary, question_views
from app.web.i18n import N_, accept_language_tags
from app.web.pages import PageDep, PageRequest

router = APIRouter(
    prefix="/v1/public/surveys", tags=["public surveys"], route_class=QueryCheckedRoute
)

PROBLEMS: dict[int | str, dict[str, Any]] = {
    404: {"description": "unknown or expired link (the same answer for both)"},
    409: {"description": "already answered"},
    429: {"description": "too many requests from this address; see Retry-After"},
}
HTML_TOO = {"text/html": {"schema": {"type": "string"}}}
FORM = "application/x-www-form-urlencoded"
SUBMIT_SCHEMA = ResponseSubmit.model_json_schema()
AcceptLanguage = Annotated[str | None, Header(max_length=1000)]

THANKS = (N_("Thank you!"), N_("Your answers have been received. There is nothing more to do."))
ANSWERED = (
    N_("This survey has already been answered"),
    N_("We already have the answers to this survey, thank you. There is nothing more to do."),
)
CLOSED = (
    N_("This survey link does not work"),
    N_("It may have expired, or been mistyped. There is nothing you need to do."),
)


def _fallbacks(page: PageRequest) -> list[str | None]:
    header = page.request.headers.get("accept-language")
    return [*accept_language_tags(header), page.default_locale]


@router.get(
    "/{token}", response_model=PublicSurvey, responses={**PROBLEMS, 200: {"content": HTML_TOO}}
)
async def get_public_survey(
    _: PublicRateLimit,
    page: PageDep,
    token: str,
    session: SessionDep,
    clock: ClockDep,
    accept_language: AcceptLanguage = None,
) -> Response | PublicSurvey:
    """The survey this link invites to answer: an HTML form for a browser, this JSON otherwise.
    In the language asked for (`lang`), else the customer's, else Accept-Language, else the
    default, when the survey speaks it; else in the template's own."""
    if not page.wants_html:
        return await public_survey(
            session, token, clock.now(), explicit=page.explicit, fallbacks=_fallbacks(page)
        )
    try:
        survey = await open_survey(session, token, clock.now())
    except (SurveyNotFound, SurveyAlreadyAnswered) as closed:
        return _closed_page(page, closed)
    return _form_page(page.for_customer(survey.customer_locale), survey, token, [], [])


@router.post(
    "/{token}/responses",
    status_code=201,
    response_model=ResponseReceipt,
    responses={**PROBLEMS, 200: {"description": "answered from the form: the thank-you page",
                                 "content": HTML_TOO}},
    openapi_extra={"requestBody": {"required": True, "content": {
        "application/json": {"schema": SUBMIT_SCHEMA},
        FORM: {"schema": {"type": "object", "additionalProperties": {"type": "string"},
                          "description": "question key -> answer, as the page's form sends"}},
    }}},
)
async def answer_public_survey(
    _: PublicRateLimit,
    page: PageDep,
    token: str,
    request: Request,
    session: SessionDep,
    clock: ClockDep,
    accept_language: AcceptLanguage = None,
) -> Response | ResponseReceipt:
    """Answer the survey, once: JSON `{"answers": {...}}`, or the page's form (every field a
    string: digits are numbers, labels match whatever their case). Every answer is checked
    against its question: a wrong type, an out-of-range value, a missing required answer, an
    unknown question or an over-long text is a 422 whose `errors` point at
    `/answers/<question key>`; the form shows the page again with the errors beside the
    questions and the customer's input kept. Option labels are read in the survey's language
    (chosen as on GET) or any other it has."""
    if not request.headers.get("content-type", "").startswith(FORM):
        body = await _json_submission(request)
        response = await submit_response(
            session, token, body.answers, now=clock.now(), explicit=page.explicit,
            fallbacks=_fallbacks(page),
        )
        return ResponseReceipt(id=response.id, received_at=response.created_at)
    return await _answer_from_form(page, token, request, session, clock)


async def _answer_from_form(
    page: PageRequest, token: str, request: Request, session: SessionDep, clock: ClockDep
) -> Response | ResponseReceipt:
    """A browser gets pages; a client posting a form without asking for HTML gets the JSON
    answers (the receipt, or the problem)."""
    try:
        survey = await open_survey(session, token, clock.now())
    except (SurveyNotFound, SurveyAlreadyAnswered) as closed:
        if not page.wants_html:
            raise
        return _closed_page(page, closed)
    page = page.for_customer(survey.customer_locale)
    fields = [(name, value) for name, value in (await request.form()).multi_items()
              if isinstance(value, str)]
    words = {True: [page.gettext(YES)], False: [page.gettext(NO)]}
    answers = answers_from_form(survey.texts.questions, fields, yes_no_words=words)
    try:
        response = await submit_response(
            session, token, answers, now=clock.now(), explicit=page.language,
            fallbacks=_fallbacks(page),
        )
    except RequestInvalid as invalid:
        if not page.wants_html:
            raise
        # The answers' own error says why each was refused; the page words it for the customer.
        cause = invalid.__cause__
        problems = cause.problems if isinstance(cause, AnswerError) else []
        return _form_page(
            page, survey, token, fields, problems,
            status_code=status.HTTP_422_UNPROCESSABLE_CONTENT,
        )
    if not page.wants_html:
        return ResponseReceipt(id=response.id, received_at=response.created_at)
    return _message_page(page, THANKS, status.HTTP_200_OK)


async def _json_submission(request: Request) -> ResponseSubmit:
    try:
        raw = await request.json()
    except ValueError:
        raise MalformedJSON('The body must be JSON {"answers": {...}} or the page\'s form.') \
            from None
    try:
        return ResponseSubmit.model_validate(raw)
    except ValidationError as invalid:
        located = [{**error, "loc": ("body", *error["loc"])} for error in invalid.errors()]
        errors = validation_errors(located)
        raise RequestInvalid(errors[0]["detail"], errors=errors) from None


def _form_page(
    page: PageRequest,
    survey: OpenSurvey,
    token: str,
    fields: list[tuple[str, str]],
    problems: list[AnswerProblem],
    *,
    status_code: int = status.HTTP_200_OK,
) -> Response:
    localised = survey.texts.in_locale(survey.texts.choose_locale([page.locale_tag]))
    questions = question_views(localised.questions, form_values(fields), problems, page.gettext)
    return page.render(
        "survey.html",
        {
            "survey": localised,
            "questions": questions,
            "summary": error_summary(questions, problems, page.gettext),
            "action": page.url(f"/v1/public/surveys/{token}/responses"),
        },
        status_code=status_code,
    )


def _closed_page(page: PageRequest, closed: SurveyNotFound | SurveyAlreadyAnswered) -> Response:
    if isinstance(closed, SurveyAlreadyAnswered):
        return _message_page(page, ANSWERED, status.HTTP_409_CONFLICT)
    return _message_page(page, CLOSED, status.HTTP_404_NOT_FOUND)


def _message_page(page: PageRequest, texts: tuple[str, str], status_code: int) -> Response:
    heading, sentence = texts
    return page.render(
        "survey_done.html",
        {"heading": page.gettext(heading), "sentence": page.gettext(sentence)},
        status_code=status_code,
    )
