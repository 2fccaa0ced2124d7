"""Form fields (strings) become the answers the JSON route validates."""

import pytest

from app.surveys.builtins import POST_PURCHASE_TEMPLATE
from app.surveys.form import answers_from_form, form_values
from app.surveys.questions import AnswerError, validate_answers

QUESTIONS = POST_PURCHASE_TEMPLATE.questions


def test_digits_become_numbers_and_words_stay_labels() -> None:
    answers = answers_from_form(
        QUESTIONS,
        [("satisfaction", "5"), ("website_ease", "very easy"), ("quality", " 3 "),
         ("recommend", "0"), ("expectations_met", "yes"), ("improvement", " 42 ")],
    )
    assert answers == {
        "satisfaction": 5, "website_ease": "very easy", "quality": 3, "recommend": 0,
        "expectations_met": True, "improvement": " 42 ",
    }
    validated = {a.question_key: a.numeric_value for a in validate_answers(QUESTIONS, answers)}
    assert validated["website_ease"] == 5


@pytest.mark.parametrize(
    ("word", "value"),
    [("yes", True), ("TRUE", True), ("1", True), ("Ja", True), ("no", False), ("off", False),
     ("nein", False), ("peut-être", "peut-être")],
)
def test_yes_no_words_of_the_pages_language_count(word: str, value: object) -> None:
    answers = answers_from_form(
        QUESTIONS, [("expectations_met", word)], yes_no_words={True: ["Ja"], False: ["Nein"]}
    )
    assert answers == {"expectations_met": value}


def test_empty_fields_are_no_answer_and_a_field_sent_twice_is_not_one_answer() -> None:
    answers = answers_from_form(
        QUESTIONS, [("satisfaction", ""), ("recommend", "9"), ("recommend", "10"),
                    ("colour", "red")],
    )
    assert answers == {"satisfaction": None, "recommend": ["9", "10"], "colour": "red"}
    with pytest.raises(AnswerError) as caught:
        validate_answers(QUESTIONS, answers)
    assert [(p.question_key, p.reason) for p in caught.value.problems] == [
        ("satisfaction", "required"), ("expectations_met", "required"),
        ("recommend", "wrong_type"), ("colour", "unknown_question"),
    ]


def test_the_customers_input_is_kept_as_typed() -> None:
    fields = [("improvement", "  Faster, please "), ("recommend", "9"), ("recommend", "10")]
    assert form_values(fields) == {"improvement": "  Faster, please ", "recommend": "9"}
