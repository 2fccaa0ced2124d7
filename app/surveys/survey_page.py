"""What the survey page shows: each question as form controls, with the customer's input and
the problems with it worded for them.

No I/O: the public router gets the survey and the answers from the surveys service, this module
turns them into what the template (app/web/templates/survey.html) lays out. Texts are catalogue
message ids (`N_`), translated with the page's gettext.
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from app.surveys.questions import SCALE_BOUNDS, AnswerProblem, QuestionSpec
from app.web.i18n import N_

Gettext = Callable[..., str]

YES, NO = N_("Yes"), N_("No")
NPS_HINT = N_("0 means not at all likely, 10 means extremely likely.")
TEXT_HINT = N_("Up to %(count)s characters.")
PROBLEM_TEXTS: Mapping[str, str] = {
    "required": N_("Please choose an answer."),
    "invalid_choice": N_("Please choose one of the answers offered."),
    "wrong_type": N_("Please give one answer to this question."),
    "forbidden_character": N_("Please remove the unusual characters from your answer."),
}
REQUIRED_TEXT = N_("Please write an answer.")
TOO_LONG = N_("Please shorten your answer to %(count)s characters or fewer.")
UNKNOWN_FIELD = N_("The form held a field this survey does not ask; it was not kept.")


@dataclass(frozen=True, slots=True)
class ChoiceView:
    id: str
    value: str
    label: str
    checked: bool


@dataclass(frozen=True, slots=True)
class QuestionView:
    key: str
    id: str  # of the control (text) or of the fieldset (choices); messages hang off it
    prompt: str
    required: bool
    hint: str | None
    error: str | None
    choices: tuple[ChoiceView, ...]  # empty for a text question
    scale: bool  # numbered choices laid out in a row (nps)
    value: str  # what the customer typed (text questions)
    max_length: int | None

    @property
    def is_text(self) -> bool:
        return not self.choices

    @property
    def hint_id(self) -> str:
        return f"{self.id}-hint"

    @property
    def error_id(self) -> str:
        return f"{self.id}-error"

    @property
    def described_by(self) -> str:
        """The ids aria-describedby names: the error first, then the hint."""
        ids = [self.error_id] if self.error else []
        return " ".join([*ids, *([self.hint_id] if self.hint else [])])


@dataclass(frozen=True, slots=True)
class SummaryItem:
    text: str
    target: str | None  # the id to jump to


def question_views(
    questions: Sequence[QuestionSpec],
    values: Mapping[str, str],
    problems: Sequence[AnswerProblem],
    gettext: Gettext,
) -> list[QuestionView]:
    """Every question with its controls, the customer's input and its problem, if any."""
    by_key = {problem.question_key: problem for problem in problems}
    return [
        _view(spec, values.get(spec.key, ""), by_key.get(spec.key), gettext) for spec in questions
    ]


def error_summary(
    views: Sequence[QuestionView], problems: Sequence[AnswerProblem], gettext: Gettext
) -> list[SummaryItem]:
    """The problems in page order, each linking to its question; then any the page has no
    question for."""
    items = [SummaryItem(view.error, view.id) for view in views if view.error]
    known = {view.key for view in views}
    if any(problem.question_key not in known for problem in problems):
        items.append(SummaryItem(gettext(UNKNOWN_FIELD), None))
    return items


def _view(
    spec: QuestionSpec, value: str, problem: AnswerProblem | None, gettext: Gettext
) -> QuestionView:
    element_id = f"q-{spec.key}"
    choices = tuple(
        ChoiceView(f"{element_id}-{number}", choice_value, label, _same(choice_value, value))
        for number, (choice_value, label) in enumerate(_choices(spec, gettext), start=1)
    )
    return QuestionView(
        key=spec.key,
        id=element_id,
        prompt=spec.prompt,
        required=spec.required,
        hint=_hint(spec, gettext),
        error=None if problem is None else _problem_text(spec, problem, gettext),
        choices=choices,
        scale=spec.type == "nps",
        value=value if spec.type == "text" else "",
        max_length=spec.max_length,
    )


def _choices(spec: QuestionSpec, gettext: Gettext) -> list[tuple[str, str]]:
    """(value sent, label shown), in the order the template lists them."""
    if spec.type == "yes_no":
        return [("yes", gettext(YES)), ("no", gettext(NO))]
    if spec.type == "text":
        return []
    lowest, highest = SCALE_BOUNDS[spec.type]
    if spec.options:  # most positive first: the first label is worth the highest value
        return [(str(highest - position), label) for position, label in enumerate(spec.options)]
    return [(str(value), str(value)) for value in range(lowest, highest + 1)]


def _same(choice_value: str, entered: str) -> bool:
    return bool(entered) and choice_value.casefold() == entered.strip().casefold()


def _hint(spec: QuestionSpec, gettext: Gettext) -> str | None:
    if spec.type == "nps":
        return gettext(NPS_HINT)
    if spec.type == "text" and spec.max_length:
        return gettext(TEXT_HINT, count=str(spec.max_length))
    return None


def _problem_text(spec: QuestionSpec, problem: AnswerProblem, gettext: Gettext) -> str:
    if spec.type == "text" and problem.reason == "required":
        return gettext(REQUIRED_TEXT)
    if problem.reason == "too_long":
        return gettext(TOO_LONG, count=str(spec.max_length))
    return gettext(PROBLEM_TEXTS.get(problem.reason, PROBLEM_TEXTS["invalid_choice"]))
