"""Public answering: the token is the capability. Low scores open a feedback item.

An unknown token and an expired one get the same 404, so tokens cannot be probed; an answered
one is 409. The invitation row is locked while answering, so of two simultaneous answers one
is stored and the other sees it answered.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from app.events.service import record_event
from app.feedback.service import NewFeedback, create_feedback
from app.feedback.types import ExpectationArea, FeedbackSource, Sentiment
from app.kit.errors import RequestInvalid, field_error, json_pointer
from app.kit.ids import uuid7
from app.models import Feedback, SurveyAnswer, SurveyInvitation, SurveyResponse
from app.surveys.errors import SurveyAlreadyAnswered, SurveyNotFound
from app.surveys.questions import (
    AnswerError,
    LabelSets,
    NormalisedAnswer,
    QuestionSpec,
    follow_up_text,
    is_low_score,
    validate_answers,
)
from app.surveys.repository import SurveyInvitationRepository, SurveyResponseRepository
from app.surveys.schemas import (
    PublicQuestion,
    PublicSurvey,
    ResponseOut,
    SurveyResponseReceivedData,
)
from app.surveys.service import template_texts
from app.surveys.texts import TemplateTexts
from app.surveys.tokens import MAX_TOKEN_LENGTH, hash_token

NOT_FOUND_DETAIL = "No open survey at this link; it may have expired."


async def open_invitation(
    session: AsyncSession, token: str, now: datetime, *, for_update: bool = False
) -> SurveyInvitation:
    """The unanswered, unexpired invitation of this token, or 404 / 409."""
    invitation = None
    if len(token) <= MAX_TOKEN_LENGTH:
        repository = SurveyInvitationRepository(session)
        invitation = await repository.by_token_hash(hash_token(token), for_update=for_update)
    if invitation is None or invitation.expires_at <= now:
        raise SurveyNotFound(NOT_FOUND_DETAIL)
    if invitation.responded_at is not None:
        raise SurveyAlreadyAnswered("This survey has already been answered.")
    return invitation


@dataclass(frozen=True, slots=True)
class OpenSurvey:
    """An answerable survey: its texts in every language, and whose it is."""

    texts: TemplateTexts
    customer_locale: str | None
    expires_at: datetime


async def open_survey(session: AsyncSession, token: str, now: datetime) -> OpenSurvey:
    """The survey of this link, or SurveyNotFound / SurveyAlreadyAnswered."""
    invitation = await open_invitation(session, token, now)
    return OpenSurvey(
        texts=template_texts(invitation.template),
        customer_locale=invitation.customer.locale,
        expires_at=invitation.expires_at,
    )


def wanted_languages(
    explicit: str | None, customer_locale: str | None, fallbacks: Sequence[str | None]
) -> list[str | None]:
    """The order a survey's language is chosen in: the page's switch, the customer's locale,
    then Accept-Language and the default (`fallbacks`)."""
    return [explicit, customer_locale, *fallbacks]


async def public_survey(
    session: AsyncSession,
    token: str,
    now: datetime,
    *,
    explicit: str | None = None,
    fallbacks: Sequence[str | None] = (),
) -> PublicSurvey:
    """The survey's texts in the first language wanted that it speaks (else its own)."""
    invitation = await open_invitation(session, token, now)
    texts = template_texts(invitation.template)
    wanted = wanted_languages(explicit, invitation.customer.locale, fallbacks)
    localised = texts.in_locale(texts.choose_locale(wanted))
    return PublicSurvey(
        locale=localised.locale,
        locales=list(texts.locales),
        name=localised.name,
        description=localised.description,
        questions=[PublicQuestion.from_spec(spec) for spec in localised.questions],
        expires_at=invitation.expires_at,
    )


async def submit_response(
    session: AsyncSession,
    token: str,
    answers: Mapping[str, object],
    *,
    now: datetime,
    explicit: str | None = None,
    fallbacks: Sequence[str | None] = (),
) -> SurveyResponse:
    """Validate and store every answer, mark the invitation answered, follow up low scores.
    Option labels are read in the survey's chosen language first, then in any other it has."""
    invitation = await open_invitation(session, token, now, for_update=True)
    texts = template_texts(invitation.template)
    locale = texts.choose_locale(
        wanted_languages(explicit, invitation.customer.locale, fallbacks)
    )
    specs = texts.questions
    normalised = _validated_answers(specs, answers, texts.label_sets(locale))
    response = _new_response(invitation, specs, normalised, now)
    response.locale = locale
    await SurveyResponseRepository(session).add(response)
    invitation.responded_at = now
    invitation.reminder_due_at = None
    feedback = await _follow_up_low_scores(session, invitation, response, specs, normalised, now)
    await record_event(
        session,
        SurveyResponseReceivedData(
            response=ResponseOut.from_model(response),
            low_score=feedback is not None,
            feedback_id=feedback.id if feedback else None,
        ),
        now=now,
        subject_type="survey_response",
        subject_id=response.id,
    )
    return response


def _validated_answers(
    specs: Sequence[QuestionSpec], answers: Mapping[str, object], label_sets: LabelSets
) -> list[NormalisedAnswer]:
    try:
        return validate_answers(specs, answers, label_sets=label_sets)
    except AnswerError as error:
        errors = [
            field_error(_answer_pointer(key), f"{key}: {detail}") for key, detail in error.errors
        ]
        raise RequestInvalid(f"Some answers are not valid: {error}", errors=errors) from error


def _answer_pointer(question_key: str) -> str:
    if not question_key:
        return "/answers"
    return json_pointer(["answers", question_key])


def _new_response(
    invitation: SurveyInvitation,
    specs: Sequence[QuestionSpec],
    normalised: Sequence[NormalisedAnswer],
    now: datetime,
) -> SurveyResponse:
    by_key = {spec.key: (position, spec) for position, spec in enumerate(specs)}
    response_id = uuid7()
    answers = [
        SurveyAnswer(
            response_id=response_id,
            question_key=answer.question_key,
            position=by_key[answer.question_key][0],
            question_type=answer.question_type,
            counts_as=by_key[answer.question_key][1].counts_as,
            numeric_value=None if answer.numeric_value is None else int(answer.numeric_value),
            label=answer.label,
            text_value=answer.text_value,
            answered_at=now,
        )
        for answer in normalised
    ]
    return SurveyResponse(
        id=response_id,
        invitation_id=invitation.id,
        template=invitation.template,
        customer=invitation.customer,
        order=invitation.order,
        ticket_id=invitation.ticket_id,
        created_at=now,
        answers=answers,
    )


async def _follow_up_low_scores(
    session: AsyncSession,
    invitation: SurveyInvitation,
    response: SurveyResponse,
    specs: Sequence[QuestionSpec],
    normalised: Sequence[NormalisedAnswer],
    now: datetime,
) -> Feedback | None:
    """CSAT <= 2, NPS <= 6 or expectations not met: open a feedback item to follow it up."""
    spec_by_key = {spec.key: spec for spec in specs}
    low = [
        answer for answer in normalised if is_low_score(answer, spec_by_key[answer.question_key])
    ]
    if not low:
        return None
    csat = next(
        (answer for answer in normalised if spec_by_key[answer.question_key].counts_as == "csat"),
        None,
    )
    new = NewFeedback(
        source=FeedbackSource.SURVEY,
        text=follow_up_text(
            invitation.template.slug, invitation.template.version, low, normalised
        ),
        rating=None if csat is None or csat.numeric_value is None else int(csat.numeric_value),
        sentiment=Sentiment.NEGATIVE,
        area=ExpectationArea.SUPPORT if invitation.ticket_id else None,
        customer=invitation.customer,
        order=invitation.order,
        ticket_id=invitation.ticket_id,
        survey_response_id=response.id,
    )
    return await create_feedback(session, new, now=now, actor=None)


