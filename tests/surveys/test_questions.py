"""Unit tests for survey question specs, answer validation and built-in templates (no DB)."""

from collections.abc import Mapping
from decimal import Decimal

import pytest
from pydantic import ValidationError

from app.surveys.builtins import (
    BUILTIN_TEMPLATES,
    POST_PURCHASE_TEMPLATE,
    SUPPORT_CSAT_TEMPLATE,
    BuiltinTemplate,
)
from app.surveys.questions import (
    DEFAULT_CSAT_LABELS,
    AnswerError,
    NormalisedAnswer,
    QuestionSpec,
    TemplateError,
    is_low_score,
    validate_answers,
    validate_template_questions,
)

POST_PURCHASE = POST_PURCHASE_TEMPLATE.questions
SUPPORT_CSAT = SUPPORT_CSAT_TEMPLATE.questions
MINIMAL_POST_PURCHASE = {"satisfaction": 4, "expectations_met": True}


def spec_by_key(questions: tuple[QuestionSpec, ...], key: str) -> QuestionSpec:
    return next(spec for spec in questions if spec.key == key)


def answer_errors(
    questions: tuple[QuestionSpec, ...], answers: Mapping[str, object]
) -> list[tuple[str, str]]:
    with pytest.raises(AnswerError) as caught:
        validate_answers(questions, answers)
    return caught.value.errors


def text_question(**overrides: object) -> QuestionSpec:
    fields: dict[str, object] = {"key": "note", "type": "text", "prompt": "Anything else?"}
    fields.update(overrides)
    return QuestionSpec.model_validate(fields)


# --- built-in templates ---------------------------------------------------------------


def test_builtin_templates_are_registered_by_slug() -> None:
    assert list(BUILTIN_TEMPLATES) == ["post-purchase", "support-csat"]
    assert BUILTIN_TEMPLATES["post-purchase"] is POST_PURCHASE_TEMPLATE
    assert BUILTIN_TEMPLATES["support-csat"] is SUPPORT_CSAT_TEMPLATE


def test_post_purchase_template_questions_in_order() -> None:
    summary = [(q.key, q.type, q.required, q.counts_as) for q in POST_PURCHASE]
    assert summary == [
        ("satisfaction", "csat", True, "csat"),
        ("website_ease", "likert", False, None),
        ("quality", "rating", False, None),
        ("expectations_met", "yes_no", True, "expectations_met"),
        ("improvement", "text", False, None),
        ("recommend", "nps", False, "nps"),
    ]
    assert spec_by_key(POST_PURCHASE, "satisfaction").options == (
        "Very satisfied",
        "Somewhat satisfied",
        "Neutral",
        "Somewhat dissatisfied",
        "Very dissatisfied",
    )
    assert spec_by_key(POST_PURCHASE, "quality").options == ("Excellent", "Good", "Fair", "Poor")
    assert spec_by_key(POST_PURCHASE, "improvement").max_length == 2000


def test_support_csat_template_questions() -> None:
    summary = [(q.key, q.type, q.required, q.counts_as) for q in SUPPORT_CSAT]
    assert summary == [
        ("support_satisfaction", "csat", True, "csat"),
        ("comment", "text", False, None),
    ]
    assert SUPPORT_CSAT[0].prompt == "How satisfied are you with the support you received?"


def test_post_purchase_answered_fully() -> None:
    answers = {
        "recommend": 9,
        "improvement": "  Faster delivery, please.  ",
        "expectations_met": False,
        "quality": "Good",
        "website_ease": 2,
        "satisfaction": "Very satisfied",
    }
    assert validate_answers(POST_PURCHASE, answers) == [
        NormalisedAnswer("satisfaction", "csat", 5, None, "Very satisfied"),
        NormalisedAnswer("website_ease", "likert", 2, None, "Difficult"),
        NormalisedAnswer("quality", "rating", 3, None, "Good"),
        NormalisedAnswer("expectations_met", "yes_no", 0, None, "No"),
        NormalisedAnswer("improvement", "text", None, "Faster delivery, please.", None),
        NormalisedAnswer("recommend", "nps", 9, None, None),
    ]


def test_post_purchase_answered_minimally() -> None:
    assert validate_answers(POST_PURCHASE, MINIMAL_POST_PURCHASE) == [
        NormalisedAnswer("satisfaction", "csat", 4, None, "Somewhat satisfied"),
        NormalisedAnswer("expectations_met", "yes_no", 1, None, "Yes"),
    ]


def test_optional_questions_may_be_null_or_blank_text() -> None:
    answers = {**MINIMAL_POST_PURCHASE, "quality": None, "recommend": None, "improvement": "   "}
    result = validate_answers(POST_PURCHASE, answers)
    assert [answer.question_key for answer in result] == ["satisfaction", "expectations_met"]


def test_support_csat_answered_fully_and_minimally() -> None:
    full = validate_answers(SUPPORT_CSAT, {"support_satisfaction": 1, "comment": "Slow."})
    assert full == [
        NormalisedAnswer("support_satisfaction", "csat", 1, None, "Very dissatisfied"),
        NormalisedAnswer("comment", "text", None, "Slow.", None),
    ]
    minimal = validate_answers(SUPPORT_CSAT, {"support_satisfaction": 3})
    assert minimal == [NormalisedAnswer("support_satisfaction", "csat", 3, None, "Neutral")]


# --- label and value mapping ------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "value"),
    [("Excellent", 4), ("Good", 3), ("Fair", 2), ("Poor", 1)],
)
def test_rating_label_maps_to_value(label: str, value: int) -> None:
    answers = {**MINIMAL_POST_PURCHASE, "quality": label}
    quality = validate_answers(POST_PURCHASE, answers)[1]
    assert (quality.numeric_value, quality.label) == (value, label)


@pytest.mark.parametrize(
    ("value", "label"),
    [(5, "Very easy"), (3, "Neither easy nor difficult"), (1, "Very difficult")],
)
def test_likert_value_gets_its_label(value: int, label: str) -> None:
    answers = {**MINIMAL_POST_PURCHASE, "website_ease": value}
    website_ease = validate_answers(POST_PURCHASE, answers)[1]
    assert (website_ease.numeric_value, website_ease.label) == (value, label)


@pytest.mark.parametrize("label", ["very easy", "VERY EASY", "  Very Easy "])
def test_a_label_matches_whatever_its_case_and_surrounding_spaces(label: str) -> None:
    [answer] = validate_answers(
        [spec_by_key(POST_PURCHASE, "website_ease")], {"website_ease": label}
    )
    assert (answer.numeric_value, answer.label) == (5, "Very easy")


def test_a_label_of_another_language_counts_as_the_questions_own() -> None:
    spec = spec_by_key(POST_PURCHASE, "quality")
    german = ("Ausgezeichnet", "Gut", "Befriedigend", "Schlecht")
    label_sets = {"quality": [german, spec.options or ()]}
    [in_german] = validate_answers([spec], {"quality": "befriedigend"}, label_sets=label_sets)
    [in_english] = validate_answers([spec], {"quality": "Fair"}, label_sets=label_sets)
    assert (in_german.numeric_value, in_german.label) == (2, "Fair")
    assert in_english == in_german
    with pytest.raises(AnswerError, match="expected one of 'Ausgezeichnet', 'Gut'"):
        validate_answers([spec], {"quality": "Fabulous"}, label_sets=label_sets)


def test_overridden_csat_labels_are_used() -> None:
    spec = QuestionSpec(
        key="mood",
        type="csat",
        prompt="How do you feel?",
        options=("Delighted", "Happy", "Meh", "Unhappy", "Angry"),
    )
    assert validate_answers([spec], {"mood": "Unhappy"}) == [
        NormalisedAnswer("mood", "csat", 2, None, "Unhappy")
    ]


@pytest.mark.parametrize(("key", "value"), [("satisfaction", 1), ("satisfaction", 5)])
def test_csat_range_ends_are_accepted(key: str, value: int) -> None:
    result = validate_answers(POST_PURCHASE, {**MINIMAL_POST_PURCHASE, key: value})
    assert result[0].numeric_value == value


@pytest.mark.parametrize("value", [0, 10])
def test_nps_range_ends_are_accepted(value: int) -> None:
    result = validate_answers(POST_PURCHASE, {**MINIMAL_POST_PURCHASE, "recommend": value})
    assert result[-1] == NormalisedAnswer("recommend", "nps", value, None, None)


# --- wrong answers ----------------------------------------------------------------------

CSAT_EXPECTED = "expected an integer from 1 to 5 or an option label"


@pytest.mark.parametrize(
    ("key", "value", "detail"),
    [
        ("recommend", "9", "expected an integer from 0 to 10, got a string"),
        ("recommend", True, "expected an integer from 0 to 10, got a boolean"),
        ("recommend", 11, "value 11 is out of range 0-10"),
        ("recommend", -1, "value -1 is out of range 0-10"),
        ("recommend", 7.0, "expected an integer from 0 to 10, got a floating-point number"),
        ("satisfaction", True, f"{CSAT_EXPECTED}, got a boolean"),
        ("satisfaction", 4.5, f"{CSAT_EXPECTED}, got a floating-point number"),
        ("satisfaction", Decimal(4), f"{CSAT_EXPECTED}, got Decimal"),
        ("satisfaction", [4], f"{CSAT_EXPECTED}, got a list"),
        ("satisfaction", 0, "value 0 is out of range 1-5"),
        ("satisfaction", 6, "value 6 is out of range 1-5"),
        ("quality", 5, "value 5 is out of range 1-4"),
        (
            "quality",
            "Great",
            "unknown option 'Great'; expected one of 'Excellent', 'Good', 'Fair', 'Poor'",
        ),
        (
            "website_ease",
            "very easily",
            "unknown option 'very easily'; expected one of "
            "'Very easy', 'Easy', 'Neither easy nor difficult', 'Difficult', 'Very difficult'",
        ),
        ("expectations_met", "yes", "expected true or false, got a string"),
        ("expectations_met", 1, "expected true or false, got an integer"),
        ("improvement", 42, "expected a string, got an integer"),
        ("improvement", {"text": "hi"}, "expected a string, got an object"),
        ("improvement", "x" * 2001, "text is 2001 characters; the maximum is 2000"),
        ("improvement", "a\x00b", "text must not contain NUL characters"),
    ],
)
def test_wrong_answer_is_reported_for_its_question(key: str, value: object, detail: str) -> None:
    answers = {**MINIMAL_POST_PURCHASE, key: value}
    assert answer_errors(POST_PURCHASE, answers) == [(key, detail)]


def test_text_at_max_length_after_stripping_is_accepted() -> None:
    spec = text_question(max_length=5)
    assert validate_answers([spec], {"note": "  abcde \n"})[0].text_value == "abcde"
    assert answer_errors((spec,), {"note": "abcdef"}) == [
        ("note", "text is 6 characters; the maximum is 5")
    ]


def test_default_text_limit_is_2000_characters() -> None:
    result = validate_answers(POST_PURCHASE, {**MINIMAL_POST_PURCHASE, "improvement": "y" * 2000})
    assert result[-1].text_value == "y" * 2000


@pytest.mark.parametrize("missing", [{}, {"satisfaction": None}])
def test_missing_required_answer(missing: dict[str, object]) -> None:
    answers = {"expectations_met": True, **missing}
    assert answer_errors(POST_PURCHASE, answers) == [("satisfaction", "answer required")]


def test_blank_text_for_required_text_question_is_missing() -> None:
    spec = text_question(required=True)
    assert answer_errors((spec,), {"note": " \t "}) == [("note", "answer required")]


def test_unknown_question_key_is_refused() -> None:
    answers = {**MINIMAL_POST_PURCHASE, "x": 3}
    assert answer_errors(POST_PURCHASE, answers) == [("x", "unknown question 'x'")]


def test_all_errors_are_collected_at_once() -> None:
    answers = {"recommend": 11, "quality": "Great", "bogus": 1, "expectations_met": "no"}
    errors = answer_errors(POST_PURCHASE, answers)
    assert [key for key, _ in errors] == [
        "satisfaction",
        "quality",
        "expectations_met",
        "recommend",
        "bogus",
    ]
    assert errors[0] == ("satisfaction", "answer required")
    assert errors[-1] == ("bogus", "unknown question 'bogus'")


def test_answer_error_is_a_value_error_naming_each_question() -> None:
    with pytest.raises(ValueError, match="satisfaction: answer required") as caught:
        validate_answers(SUPPORT_CSAT, {"comment": 5})
    assert isinstance(caught.value, AnswerError)
    assert "comment: expected a string, got an integer" in str(caught.value)
    assert [(p.question_key, p.reason) for p in caught.value.problems] == [
        ("support_satisfaction", "required"), ("comment", "wrong_type"),
    ]


@pytest.mark.parametrize(
    ("answers", "reasons"),
    [
        ({"satisfaction": 6, "expectations_met": "yes"},
         [("satisfaction", "invalid_choice"), ("expectations_met", "wrong_type")]),
        ({"satisfaction": "Great", "expectations_met": True, "improvement": "x" * 2001},
         [("satisfaction", "invalid_choice"), ("improvement", "too_long")]),
        ({"satisfaction": 5, "expectations_met": True, "improvement": "a\x00", "colour": 1},
         [("improvement", "forbidden_character"), ("colour", "unknown_question")]),
    ],
)
def test_each_problem_says_why_for_a_reader_that_words_it_itself(
    answers: dict[str, object], reasons: list[tuple[str, str]]
) -> None:
    with pytest.raises(AnswerError) as caught:
        validate_answers(POST_PURCHASE, answers)
    assert [(p.question_key, p.reason) for p in caught.value.problems] == reasons


def test_answers_that_are_not_a_mapping_are_refused() -> None:
    assert answer_errors(SUPPORT_CSAT, [("support_satisfaction", 5)]) == [  # type: ignore[arg-type]
        ("", "answers must be an object keyed by question")
    ]


def test_long_unknown_key_is_shortened_in_the_error() -> None:
    errors = answer_errors(SUPPORT_CSAT, {"support_satisfaction": 5, "k" * 500: 1})
    shortened = "k" * 59 + "…"
    assert errors == [(shortened, f"unknown question '{shortened}'")]


# --- question spec validation -----------------------------------------------------------


def test_csat_without_options_gets_default_labels_and_text_gets_default_length() -> None:
    csat = QuestionSpec(key="overall", type="csat", prompt="Overall?")
    assert csat.options == DEFAULT_CSAT_LABELS
    assert csat.max_length is None
    assert text_question().max_length == 2000


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"type": "likert", "options": ["A", "B", "C", "D"]},
            "likert questions need exactly 5 options, got 4",
        ),
        ({"type": "likert"}, "likert questions need exactly 5 options, got 0"),
        (
            {"type": "rating", "options": ["A", "B", "C", "D", "E"]},
            "rating questions need exactly 4 options, got 5",
        ),
        ({"type": "csat", "options": ["A", "B", "C"]}, "csat questions need exactly 5 options"),
        ({"type": "rating", "options": ["A", "b", "C", "B"]}, "option labels must be distinct"),
        ({"type": "rating", "options": ["A", " ", "C", "D"]}, "at least 1 character"),
        ({"type": "nps", "options": ["A"]}, "nps questions take no options"),
        ({"type": "yes_no", "options": ["Yes", "No"]}, "yes_no questions take no options"),
        ({"type": "text", "options": ["A"]}, "text questions take no options"),
        ({"type": "csat", "max_length": 100}, "max_length is only allowed on text questions"),
        ({"type": "text", "max_length": 10001}, "less than or equal to 10000"),
        ({"type": "text", "max_length": 0}, "greater than or equal to 1"),
        ({"type": "nps", "counts_as": "csat"}, "counts_as='csat' needs a question of type"),
        ({"type": "rating", "options": ["A", "B", "C", "D"], "counts_as": "csat"}, "not rating"),
        ({"type": "csat", "counts_as": "nps"}, "counts_as='nps' needs a question of type nps"),
        ({"type": "text", "counts_as": "expectations_met"}, "of type yes_no, not text"),
        ({"type": "yes_no", "counts_as": "retention"}, "counts_as"),
        ({"type": "matrix"}, "type"),
        ({"type": "nps", "prompt": "   "}, "at least 1 character"),
        ({"type": "nps", "prompt": "p" * 501}, "at most 500 characters"),
        ({"type": "nps", "weight": 2}, "Extra inputs are not permitted"),
    ],
)
def test_invalid_question_spec_is_rejected(fields: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message.replace("(", r"\(")):
        QuestionSpec.model_validate({"key": "q", "prompt": "Question?", **fields})


@pytest.mark.parametrize(
    "key",
    ["Satisfaction", "1st", "_private", "with-dash", "with space", "", "a" * 64, "ok\n"],
)
def test_bad_key_slug_is_rejected(key: str) -> None:
    with pytest.raises(ValidationError, match="String should match pattern"):
        QuestionSpec(key=key, type="nps", prompt="Recommend us?")


def test_longest_valid_key_is_accepted() -> None:
    assert QuestionSpec(key="a" * 63, type="nps", prompt="Recommend us?").key == "a" * 63


def test_counts_as_csat_is_allowed_on_likert() -> None:
    spec = QuestionSpec(
        key="agree",
        type="likert",
        prompt="I am satisfied.",
        options=("Strongly agree", "Agree", "Neutral", "Disagree", "Strongly disagree"),
        counts_as="csat",
    )
    assert spec.counts_as == "csat"


def test_question_spec_is_frozen() -> None:
    spec = text_question()
    with pytest.raises(ValidationError, match="Instance is frozen"):
        spec.required = True  # type: ignore[misc]
    assert spec.required is False


# --- template validation ----------------------------------------------------------------


def test_duplicate_keys_are_refused() -> None:
    questions = [text_question(), text_question(prompt="Again?"), *SUPPORT_CSAT]
    with pytest.raises(TemplateError, match="duplicate question keys: note"):
        validate_template_questions(questions)


@pytest.mark.parametrize("count", [0, 51])
def test_question_count_outside_1_to_50_is_refused(count: int) -> None:
    questions = [text_question(key=f"q{index}") for index in range(count)]
    with pytest.raises(TemplateError, match=f"1 to 50 questions, got {count}"):
        validate_template_questions(questions)


def test_fifty_questions_are_accepted() -> None:
    questions = tuple(text_question(key=f"q{index}") for index in range(50))
    template = BuiltinTemplate("big", 1, "Big", "Fifty questions", questions)
    assert template.questions[-1].key == "q49"


def test_non_spec_question_is_refused() -> None:
    with pytest.raises(TemplateError, match="every question must be a QuestionSpec"):
        validate_template_questions([{"key": "q"}])  # type: ignore[list-item]


def test_builtin_template_checks_its_questions() -> None:
    with pytest.raises(TemplateError, match="duplicate question keys: note"):
        BuiltinTemplate("dup", 1, "Dup", "Duplicate keys", (text_question(), text_question()))


# --- low scores -------------------------------------------------------------------------


def low_score_for(questions: tuple[QuestionSpec, ...], key: str, value: object) -> bool:
    spec = spec_by_key(questions, key)
    (answer,) = validate_answers([spec], {key: value})
    return is_low_score(answer, spec)


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("satisfaction", 2, True),
        ("satisfaction", "Somewhat dissatisfied", True),
        ("satisfaction", 3, False),
        ("recommend", 6, True),
        ("recommend", 0, True),
        ("recommend", 7, False),
        ("expectations_met", False, True),
        ("expectations_met", True, False),
        ("quality", 1, False),
        ("improvement", "Terrible", False),
    ],
)
def test_low_score_boundaries(key: str, value: object, expected: bool) -> None:
    assert low_score_for(POST_PURCHASE, key, value) is expected


def test_csat_question_without_counts_as_is_judged_on_its_scale() -> None:
    spec = QuestionSpec(key="delivery", type="csat", prompt="Delivery?")
    answer = NormalisedAnswer("delivery", "csat", 2, None, "Dissatisfied")
    assert is_low_score(answer, spec) is True


def test_yes_no_without_counts_as_is_never_low() -> None:
    spec = QuestionSpec(key="first_order", type="yes_no", prompt="First order?")
    assert is_low_score(NormalisedAnswer("first_order", "yes_no", 0, None, "No"), spec) is False


def test_likert_counting_as_csat_uses_csat_threshold() -> None:
    spec = QuestionSpec(
        key="agree",
        type="likert",
        prompt="I am satisfied.",
        options=("Strongly agree", "Agree", "Neutral", "Disagree", "Strongly disagree"),
        counts_as="csat",
    )
    assert is_low_score(NormalisedAnswer("agree", "likert", 2, None, "Disagree"), spec) is True
    assert is_low_score(NormalisedAnswer("agree", "likert", 3, None, "Neutral"), spec) is False


def test_decimal_values_are_compared_numerically() -> None:
    spec = spec_by_key(POST_PURCHASE, "recommend")
    assert is_low_score(NormalisedAnswer("recommend", "nps", Decimal("6.0"), None, None), spec)
    assert not is_low_score(NormalisedAnswer("recommend", "nps", Decimal("6.5"), None, None), spec)


def test_low_score_refuses_answer_of_another_question() -> None:
    answer = NormalisedAnswer("recommend", "nps", 3, None, None)
    with pytest.raises(ValueError, match="answer for 'recommend' checked against 'satisfaction'"):
        is_low_score(answer, spec_by_key(POST_PURCHASE, "satisfaction"))
