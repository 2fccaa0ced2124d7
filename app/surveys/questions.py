"""Survey question specs and answer validation (the built-in templates are in builtins.py).

Pure logic, no I/O: the surveys service stores templates and responses, this module only
decides what a valid question and a valid set of answers are.

Label mapping: options are listed most positive first, so on a scale of N options the first
label is worth N and the last is worth 1 (csat: "Very satisfied" = 5 ... "Very dissatisfied" = 1).
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from types import MappingProxyType
from typing import Annotated, Final, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
)

from app.kit.enums import EnumName

QuestionType = Annotated[
    Literal["csat", "nps", "likert", "rating", "yes_no", "text"], EnumName("QuestionType")
]
# The metrics a survey question can count towards.
MetricName = Annotated[Literal["csat", "nps", "expectations_met"], EnumName("SurveyMetric")]

DEFAULT_CSAT_LABELS: Final = (
    "Very satisfied",
    "Satisfied",
    "Neutral",
    "Dissatisfied",
    "Very dissatisfied",
)
DEFAULT_TEXT_MAX_LENGTH: Final = 2000
MAX_TEXT_MAX_LENGTH: Final = 10000
MAX_QUESTIONS_PER_TEMPLATE: Final = 50
KEY_PATTERN: Final = r"^[a-z][a-z0-9_]{0,62}$"

# Inclusive (lowest, highest) integer value of each numeric question type.
SCALE_BOUNDS: Final[Mapping[QuestionType, tuple[int, int]]] = MappingProxyType(
    {"csat": (1, 5), "nps": (0, 10), "likert": (1, 5), "rating": (1, 4)}
)
# Number of option labels each labelled type needs (csat labels are optional, defaulted).
OPTION_COUNTS: Final[Mapping[QuestionType, int]] = MappingProxyType(
    {"csat": 5, "likert": 5, "rating": 4}
)
# Which question types may feed each metric.
METRIC_QUESTION_TYPES: Final[Mapping[MetricName, frozenset[QuestionType]]] = MappingProxyType(
    {
        "csat": frozenset({"csat", "likert"}),
        "nps": frozenset({"nps"}),
        "expectations_met": frozenset({"yes_no"}),
    }
)
# A metric answer at or below this value is a low score (yes_no: 0 means "no").
LOW_SCORE_THRESHOLDS: Final[Mapping[MetricName, int]] = MappingProxyType(
    {"csat": 2, "nps": 6, "expectations_met": 0}
)
YES_NO_LABELS: Final = {True: "Yes", False: "No"}

_ECHO_LIMIT: Final = 60

OptionLabel = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]


class TemplateError(ValueError):
    """A template's question list is not acceptable (count or duplicate keys)."""


# Why an answer was refused, for a reader that words it its own way (the survey page).
AnswerReason = Literal[
    "required", "invalid_choice", "wrong_type", "too_long", "forbidden_character",
    "unknown_question", "not_an_object",
]


@dataclass(frozen=True, slots=True)
class AnswerProblem:
    question_key: str  # "" for the answers as a whole
    reason: AnswerReason
    detail: str


class AnswerError(ValueError):
    """Answers failed validation; `errors` holds one (question_key or "", detail) per problem,
    `problems` the same with the reason of each."""

    def __init__(self, problems: list[AnswerProblem]) -> None:
        self.problems = problems
        self.errors = [(problem.question_key, problem.detail) for problem in problems]
        super().__init__(
            "; ".join(f"{key or '(answers)'}: {detail}" for key, detail in self.errors)
        )


class QuestionSpec(BaseModel):
    """One typed question of a survey template.

    `options` is filled with DEFAULT_CSAT_LABELS for a csat question given none, and
    `max_length` with DEFAULT_TEXT_MAX_LENGTH for a text question given none.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    key: Annotated[str, Field(pattern=KEY_PATTERN)]
    type: QuestionType
    prompt: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
    required: bool = False
    options: tuple[OptionLabel, ...] | None = Field(default=None, validate_default=True)
    max_length: int | None = Field(
        default=None, ge=1, le=MAX_TEXT_MAX_LENGTH, validate_default=True
    )
    counts_as: MetricName | None = None

    @field_validator("options")
    @classmethod
    def _check_options(
        cls, options: tuple[str, ...] | None, info: ValidationInfo
    ) -> tuple[str, ...] | None:
        question_type: QuestionType | None = info.data.get("type")
        if question_type is None:  # the type itself was invalid and is reported already
            return options
        expected_count = OPTION_COUNTS.get(question_type)
        if expected_count is None:
            if options is not None:
                raise ValueError(f"{question_type} questions take no options")
            return None
        if options is None and question_type == "csat":
            return DEFAULT_CSAT_LABELS
        if options is None or len(options) != expected_count:
            given = 0 if options is None else len(options)
            raise ValueError(
                f"{question_type} questions need exactly {expected_count} options, got {given}"
            )
        if len({label.casefold() for label in options}) != len(options):
            raise ValueError("option labels must be distinct")
        return options

    @field_validator("max_length")
    @classmethod
    def _check_max_length(cls, max_length: int | None, info: ValidationInfo) -> int | None:
        question_type: QuestionType | None = info.data.get("type")
        if question_type is None:
            return max_length
        if question_type == "text":
            return DEFAULT_TEXT_MAX_LENGTH if max_length is None else max_length
        if max_length is not None:
            raise ValueError("max_length is only allowed on text questions")
        return None

    @field_validator("counts_as")
    @classmethod
    def _check_counts_as(
        cls, counts_as: MetricName | None, info: ValidationInfo
    ) -> MetricName | None:
        question_type: QuestionType | None = info.data.get("type")
        if counts_as is None or question_type is None:
            return counts_as
        allowed_types = METRIC_QUESTION_TYPES[counts_as]
        if question_type not in allowed_types:
            raise ValueError(
                f"counts_as={counts_as!r} needs a question of type "
                f"{' or '.join(sorted(allowed_types))}, not {question_type}"
            )
        return counts_as


def validate_template_questions(questions: Sequence[QuestionSpec]) -> None:
    """Refuse a question list that is empty, too long, or repeats a key."""
    if not questions or len(questions) > MAX_QUESTIONS_PER_TEMPLATE:
        raise TemplateError(
            f"a template needs 1 to {MAX_QUESTIONS_PER_TEMPLATE} questions, got {len(questions)}"
        )
    if not all(isinstance(question, QuestionSpec) for question in questions):
        raise TemplateError("every question must be a QuestionSpec")
    seen_keys: set[str] = set()
    duplicate_keys: set[str] = set()
    for question in questions:
        (duplicate_keys if question.key in seen_keys else seen_keys).add(question.key)
    if duplicate_keys:
        raise TemplateError(f"duplicate question keys: {', '.join(sorted(duplicate_keys))}")


@dataclass(frozen=True, slots=True)
class NormalisedAnswer:
    """A validated answer: numeric types carry numeric_value, text carries text_value."""

    question_key: str
    question_type: QuestionType
    numeric_value: Decimal | int | None
    text_value: str | None
    label: str | None


class _InvalidAnswerError(Exception):
    """Internal: one question's answer is wrong; the message is the detail for the client."""

    def __init__(self, detail: str, reason: AnswerReason) -> None:
        super().__init__(detail)
        self.reason = reason


LabelSets = Mapping[str, Sequence[tuple[str, ...]]]


def validate_answers(
    questions: Sequence[QuestionSpec],
    answers: Mapping[str, object],
    *,
    label_sets: LabelSets | None = None,
) -> list[NormalisedAnswer]:
    """Check every answer against its question; return them in template order.

    Collects every problem and raises AnswerError with all of them. Absent, null and (for
    text) blank answers count as missing: an error when required, otherwise skipped. An option
    label matches whatever its case; `label_sets` (question key -> the option labels in each
    language, the preferred first) lets it be read in another language than the question's
    own, and the answer then carries the question's own label.
    """
    if not isinstance(answers, Mapping):
        raise AnswerError(
            [AnswerProblem("", "not_an_object", "answers must be an object keyed by question")]
        )
    errors: list[AnswerProblem] = []
    normalised: list[NormalisedAnswer] = []
    for spec in questions:
        labels = (label_sets or {}).get(spec.key) or ([spec.options] if spec.options else [])
        try:
            answer = _normalise_answer(spec, answers.get(spec.key), labels)
        except _InvalidAnswerError as problem:
            errors.append(AnswerProblem(spec.key, problem.reason, str(problem)))
        else:
            if answer is not None:
                normalised.append(answer)
    errors.extend(_unknown_key_errors(questions, answers))
    if errors:
        raise AnswerError(errors)
    return normalised


def _unknown_key_errors(
    questions: Sequence[QuestionSpec], answers: Mapping[str, object]
) -> list[AnswerProblem]:
    known_keys = {spec.key for spec in questions}
    unknown_keys = [_shorten(str(key)) for key in answers if key not in known_keys]
    return [
        AnswerProblem(key, "unknown_question", f"unknown question {key!r}")
        for key in unknown_keys
    ]


def _normalise_answer(
    spec: QuestionSpec, raw: object, label_sets: Sequence[tuple[str, ...]]
) -> NormalisedAnswer | None:
    if _is_missing(raw):
        if spec.required:
            raise _InvalidAnswerError("answer required", "required")
        return None
    if spec.type in SCALE_BOUNDS:
        return _parse_scale(spec, raw, label_sets)
    return _PARSERS[spec.type](spec, raw)


def _is_missing(raw: object) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def _parse_scale(
    spec: QuestionSpec, raw: object, label_sets: Sequence[tuple[str, ...]]
) -> NormalisedAnswer:
    lowest, highest = SCALE_BOUNDS[spec.type]
    labels = spec.options or ()
    if isinstance(raw, str) and labels:
        value = _value_for_label(label_sets, raw)
    elif isinstance(raw, int) and not isinstance(raw, bool):
        value = int(raw)
        if not lowest <= value <= highest:
            raise _InvalidAnswerError(
                f"value {value} is out of range {lowest}-{highest}", "invalid_choice"
            )
    else:
        expected = f"an integer from {lowest} to {highest}"
        if labels:
            expected += " or an option label"
        raise _InvalidAnswerError(f"expected {expected}, got {_type_name(raw)}", "wrong_type")
    label = labels[highest - value] if labels else None
    return NormalisedAnswer(spec.key, spec.type, value, None, label)


def _value_for_label(label_sets: Sequence[tuple[str, ...]], raw: str) -> int:
    """Most positive label first: labels[0] is worth len(labels), the last one 1. The first
    set with a label equal to raw, ignoring case and surrounding spaces, decides."""
    wanted = raw.strip().casefold()
    for labels in label_sets:
        folded = [label.casefold() for label in labels]
        if wanted in folded:
            return len(labels) - folded.index(wanted)
    choices = ", ".join(repr(label) for label in label_sets[0])
    raise _InvalidAnswerError(
        f"unknown option {_shorten(raw)!r}; expected one of {choices}", "invalid_choice"
    )


def _parse_yes_no(spec: QuestionSpec, raw: object) -> NormalisedAnswer:
    if not isinstance(raw, bool):
        raise _InvalidAnswerError(f"expected true or false, got {_type_name(raw)}", "wrong_type")
    return NormalisedAnswer(spec.key, spec.type, int(raw), None, YES_NO_LABELS[raw])


def _parse_text(spec: QuestionSpec, raw: object) -> NormalisedAnswer:
    if not isinstance(raw, str):
        raise _InvalidAnswerError(f"expected a string, got {_type_name(raw)}", "wrong_type")
    text = raw.strip()
    max_length = spec.max_length or DEFAULT_TEXT_MAX_LENGTH
    if len(text) > max_length:
        raise _InvalidAnswerError(
            f"text is {len(text)} characters; the maximum is {max_length}", "too_long"
        )
    if "\x00" in text:  # PostgreSQL text columns cannot store NUL
        raise _InvalidAnswerError(
            "text must not contain NUL characters", "forbidden_character"
        )
    return NormalisedAnswer(spec.key, spec.type, None, text, None)


_PARSERS: Final[Mapping[QuestionType, Callable[[QuestionSpec, object], NormalisedAnswer]]] = (
    MappingProxyType({"yes_no": _parse_yes_no, "text": _parse_text})
)


def _type_name(raw: object) -> str:
    names = {bool: "a boolean", int: "an integer", float: "a floating-point number"}
    for python_type, name in names.items():
        if isinstance(raw, python_type):
            return name
    if isinstance(raw, str):
        return "a string"
    if isinstance(raw, (list, tuple)):
        return "a list"
    if isinstance(raw, Mapping):
        return "an object"
    return type(raw).__name__


def _shorten(text: str) -> str:
    return text if len(text) <= _ECHO_LIMIT else text[: _ECHO_LIMIT - 1] + "…"


def is_low_score(answer: NormalisedAnswer, spec: QuestionSpec) -> bool:
    """True for CSAT <= 2, NPS <= 6 or expectations not met: worth a follow-up.

    The metric is spec.counts_as; a csat or nps question without counts_as is still judged
    on its own scale. Other questions are never low.
    """
    if answer.question_key != spec.key:
        raise ValueError(f"answer for {answer.question_key!r} checked against {spec.key!r}")
    metric = spec.counts_as or _metric_of_type(spec.type)
    if metric is None or answer.numeric_value is None:
        return False
    return answer.numeric_value <= LOW_SCORE_THRESHOLDS[metric]


def follow_up_text(
    slug: str, version: int, low: Sequence[NormalisedAnswer], answers: Sequence[NormalisedAnswer]
) -> str:
    """The text of the feedback item a low score opens: the low scores, then every comment."""
    scores = "; ".join(f"{answer.question_key} = {_shown(answer)}" for answer in low)
    lines = [f"Low score in survey {slug} v{version}: {scores}."]
    lines += [f"{answer.question_key}: {answer.text_value}" for answer in answers
              if answer.text_value]
    return "\n".join(lines)


def _shown(answer: NormalisedAnswer) -> str:
    if answer.label and answer.question_type != "yes_no":
        return f"{answer.numeric_value} ({answer.label})"
    return answer.label or str(answer.numeric_value)


def _metric_of_type(question_type: QuestionType) -> MetricName | None:
    if question_type == "csat" or question_type == "nps":
        return question_type
    return None
