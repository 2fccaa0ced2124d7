"""The problem types of surveys."""

from app.kit.errors import ConflictError, NotFoundError


class SurveyTemplateNotFound(NotFoundError):
    """No survey template has this id."""

    slug, title = "survey-template-not-found", "Survey template not found"


class BuiltinTemplateReadOnly(ConflictError):
    """The template slug is a built-in one, which cannot be republished."""

    slug, title = "builtin-survey-template", "Built-in survey template"


class SurveyNotFound(NotFoundError):
    """No open survey has this token: it is unknown or has expired (the two look alike)."""

    slug, title = "survey-not-found", "Survey not found"


class SurveyAlreadyAnswered(ConflictError):
    """The survey has already been answered."""

    slug, title = "survey-already-answered", "Survey already answered"


class CustomerRecentlyInvited(ConflictError):
    """The customer was invited to a survey (any template) within `SURVEY_FATIGUE_DAYS` days;
    `override_fatigue: true` invites anyway.
    """

    slug, title = "customer-recently-invited", "Customer invited recently"


class CustomerNotSampled(ConflictError):
    """The customer is outside the template's sample (its `sample_percent`); `override_sampling:
    true` invites anyway.
    """

    slug, title = "customer-not-sampled", "Customer outside the template's sample"
