import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
)

from app.events.types import Actor, EventData, EventType
from app.kit.inputs import POSTGRES_INTEGER_MAX, Input
from app.models import SurveyAnswer, SurveyInvitation, SurveyResponse
from app.surveys.questions import (
    MAX_QUESTIONS_PER_TEMPLATE,
    SCALE_BOUNDS,
    QuestionSpec,
    QuestionType,
    validate_template_questions,
)
from app.surveys.texts import (
    MAX_TRANSLATIONS,
    LocaleTag,
    TemplateTranslation,
    complete_translation,
)

SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]{0,63}$"
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
Description = Annotated[str, StringConstraints(strip_whitespace=True, max_length=1000)]
ExternalRef = Annotated[str, StringConstraints(min_length=1, max_length=128)]
MAX_ANSWERS = 100


class TemplateCreate(Input):
    """Publishing a slug that exists adds its next version; earlier versions never change."""

    slug: Slug
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
    description: Description | None = None
    questions: list[QuestionSpec] = Field(
        min_length=1,
        max_length=MAX_QUESTIONS_PER_TEMPLATE,
        description="keys are unique; options only on the types that take them, in the number"
        " the type takes and distinct; max_length only on text questions; counts_as only on a"
        " question of the type its metric needs (else a 422)",
    )
    sample_percent: int = Field(
        default=100, ge=1, le=100,
        description="the share of eligible customers invited, automatically or through the API;"
        " a customer's draw depends on the slug and the customer only, so the same customer"
        " always gets the same decision, in every version",
    )

    locale: LocaleTag = Field(
        default="en", description="the language (BCP 47) of name, description and questions"
    )
    translations: dict[LocaleTag, TemplateTranslation] = Field(
        default_factory=dict,
        max_length=MAX_TRANSLATIONS,
        description="language (BCP 47) -> the name, description and every question's prompt"
        " (and option labels, in the same number and order) in it. Keys and values stay the"
        " template's own, so answers in any language are comparable. A csat question keeping"
        " the default labels gets them in de, en, es and fr without listing them; a missing or"
        " unknown question, a wrong number of labels or the template's own language is a 422",
    )

    @field_validator("questions")
    @classmethod
    def _valid_question_list(cls, questions: list[QuestionSpec]) -> list[QuestionSpec]:
        validate_template_questions(questions)  # TemplateError is a ValueError: becomes a 422
        return questions

    @field_validator("translations")
    @classmethod
    def _complete_translations(
        cls, translations: dict[str, TemplateTranslation], info: ValidationInfo
    ) -> dict[str, TemplateTranslation]:
        questions, locale = info.data.get("questions"), info.data.get("locale")
        if questions is None or locale is None:  # reported already
            return translations
        if locale in translations:
            raise ValueError(f"{locale} is the template's own language, not a translation")
        return {
            tag: complete_translation(tag, questions, translation)
            for tag, translation in translations.items()
        }


class TemplateUpdate(Input):
    """A template's sample is the one thing that changes after publishing (built-ins too): it
    decides who is asked, never what an answer means."""

    sample_percent: int = Field(ge=1, le=100, description="the share of customers invited")


class TemplateOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    slug: str
    version: int
    name: str
    description: str | None
    builtin: bool
    questions: list[QuestionSpec]
    locale: str
    translations: dict[str, TemplateTranslation]
    sample_percent: int
    created_at: datetime


class TemplateRef(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    slug: str
    version: int


class InvitationCreate(Input):
    template: Slug = Field(description="template slug, e.g. post-purchase or support-csat")
    template_version: int | None = Field(
        default=None, ge=1, le=POSTGRES_INTEGER_MAX,
        description="pin a version; default: the latest",
    )
    customer_external_ref: ExternalRef = Field(
        description="an existing customer's (else a 422 unknown-reference, as for the order,"
        " the ticket and the template)"
    )
    order_external_ref: ExternalRef | None = None
    ticket_id: uuid.UUID | None = None
    override_fatigue: bool = Field(
        default=False,
        description="invite even if the customer was invited to any survey within"
        " AFTERCARE_SURVEY_FATIGUE_DAYS (else a 409 customer-recently-invited)",
    )
    override_sampling: bool = Field(
        default=False,
        description="invite even if the customer is outside the template's sample_percent"
        " (else a 409 customer-not-sampled)",
    )


class InvitationOut(BaseModel):
    id: uuid.UUID
    template: TemplateRef
    customer_external_ref: str
    order_external_ref: str | None
    ticket_id: uuid.UUID | None
    trigger: str = Field(description="api, or ticket_solved for automatic support-csat")
    created_at: datetime
    expires_at: datetime
    responded_at: datetime | None
    reminder_due_at: datetime | None = Field(
        description="when survey.reminder_due will be recorded; null once recorded, answered or"
        " expired, or when no reminder is owed"
    )
    reminded_at: datetime | None = Field(description="when survey.reminder_due was recorded")

    @classmethod
    def from_model(cls, invitation: SurveyInvitation) -> "InvitationOut":
        """template, customer and order must be loaded."""
        return cls(**_invitation_fields(invitation))


class InvitationCreated(InvitationOut):
    token: str = Field(description="the single-use capability; shown only in this answer")
    public_url: str = Field(description="the link to send to the customer")


def _invitation_fields(invitation: SurveyInvitation) -> dict[str, Any]:
    return {
        "id": invitation.id,
        "template": TemplateRef.model_validate(invitation.template),
        "customer_external_ref": invitation.customer.external_ref,
        "order_external_ref": invitation.order.external_ref if invitation.order else None,
        "ticket_id": invitation.ticket_id,
        "trigger": invitation.trigger,
        "created_at": invitation.created_at,
        "expires_at": invitation.expires_at,
        "responded_at": invitation.responded_at,
        "reminder_due_at": invitation.reminder_due_at,
        "reminded_at": invitation.reminded_at,
    }


def invitation_created(invitation: SurveyInvitation, token: str, url: str) -> InvitationCreated:
    return InvitationCreated(**_invitation_fields(invitation), token=token, public_url=url)


class PublicQuestion(BaseModel):
    key: str
    type: QuestionType
    prompt: str
    required: bool
    options: list[str] | None = Field(description="labels, most positive first")
    min_value: int | None = Field(description="lowest numeric answer (scale questions)")
    max_value: int | None = Field(description="highest numeric answer (scale questions)")
    max_length: int | None = Field(description="longest text answer (text questions)")

    @classmethod
    def from_spec(cls, spec: QuestionSpec) -> "PublicQuestion":
        lowest, highest = SCALE_BOUNDS.get(spec.type, (None, None))
        return cls(
            key=spec.key,
            type=spec.type,
            prompt=spec.prompt,
            required=spec.required,
            options=list(spec.options) if spec.options else None,
            min_value=lowest,
            max_value=highest,
            max_length=spec.max_length,
        )


class PublicSurvey(BaseModel):
    locale: str = Field(
        description="the language of these texts: `lang`, else the first of Accept-Language"
        " the survey speaks, else the template's own"
    )
    locales: list[str] = Field(description="every language the survey speaks, its own first")
    name: str
    description: str | None
    questions: list[PublicQuestion]
    expires_at: datetime


class ResponseSubmit(Input):
    answers: dict[str, Any] = Field(
        max_length=MAX_ANSWERS,
        description="question key -> answer: an integer or an option label for scale "
        "questions, true/false for yes_no, a string for text",
    )


class ResponseReceipt(BaseModel):
    id: uuid.UUID
    received_at: datetime


class AnswerOut(BaseModel):
    question_key: str
    question_type: str
    counts_as: str | None
    value: int | None
    label: str | None
    text: str | None

    @classmethod
    def from_model(cls, answer: SurveyAnswer) -> "AnswerOut":
        return cls(
            question_key=answer.question_key,
            question_type=answer.question_type,
            counts_as=answer.counts_as,
            value=answer.numeric_value,
            label=answer.label,
            text=answer.text_value,
        )


class ResponseOut(BaseModel):
    id: uuid.UUID
    invitation_id: uuid.UUID
    template: TemplateRef
    customer_external_ref: str
    order_external_ref: str | None
    ticket_id: uuid.UUID | None
    created_at: datetime
    locale: str | None = Field(
        description="the language the survey was read in; labels are the template's own"
    )
    answers: list[AnswerOut]

    @classmethod
    def from_model(cls, response: SurveyResponse) -> "ResponseOut":
        """template, customer, order and answers must be loaded."""
        return cls(
            id=response.id,
            invitation_id=response.invitation_id,
            template=TemplateRef.model_validate(response.template),
            customer_external_ref=response.customer.external_ref,
            order_external_ref=response.order.external_ref if response.order else None,
            ticket_id=response.ticket_id,
            created_at=response.created_at,
            locale=response.locale,
            answers=[AnswerOut.from_model(answer) for answer in response.answers],
        )


@dataclass(frozen=True, slots=True)
class InvitationFilters:
    template_slug: str | None = None
    customer_external_ref: str | None = None
    order_external_ref: str | None = None
    ticket_id: uuid.UUID | None = None
    created_from: datetime | None = None
    created_to: datetime | None = None


@dataclass(frozen=True, slots=True)
class ResponseFilters(InvitationFilters):
    """An invitation's filters, and the exact template version answered."""

    template_id: uuid.UUID | None = None


# --- event payloads (app/events/catalogue.py lists them) ---------------------------------------


class InvitedCustomer(BaseModel):
    external_ref: str
    email: str | None
    name: str | None


class SurveyInvitationCreatedData(EventData):
    """A survey invitation was created (posted, or the worker's after a solved ticket): it
    carries the link and the customer's contact, so the shop's backend can send the email."""

    event_type = EventType.SURVEY_INVITATION_CREATED
    invitation: InvitationOut
    public_url: str
    customer: InvitedCustomer
    created_by: Actor


class SurveyReminderDueData(EventData):
    """An invitation is still unanswered SURVEY_REMINDER_AFTER_DAYS after it was made (recorded
    once, never after an answer or expiry): the shop's mailer sends the reminder. `public_url`
    is a link of its own (the first link's token is not stored); both answer the survey."""

    event_type = EventType.SURVEY_REMINDER_DUE
    invitation: InvitationOut
    public_url: str
    customer: InvitedCustomer


class SurveyResponseReceivedData(EventData):
    """A customer answered a survey."""

    event_type = EventType.SURVEY_RESPONSE_RECEIVED
    response: ResponseOut
    low_score: bool = Field(description="true when a low score was followed up as feedback")
    feedback_id: uuid.UUID | None = Field(description="the follow-up feedback, if any")
