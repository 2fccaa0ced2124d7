"""Templates carry their texts per language; a survey is read in the customer's, and answers
given in any language are the same data."""

from typing import Any

import httpx
import pytest

from app.kit.db import Database
from app.kit.errors import RequestInvalid
from app.models import Customer
from tests.factories import answer_survey, create_invitation
from tests.support.api import assert_problem

QUESTIONS: list[dict[str, Any]] = [
    {"key": "delivery", "type": "csat", "prompt": "How was delivery?", "required": True,
     "counts_as": "csat"},
    {"key": "speed", "type": "rating", "prompt": "Speed?",
     "options": ["Excellent", "Good", "Fair", "Poor"]},
    {"key": "note", "type": "text", "prompt": "Anything else?"},
]
GERMAN: dict[str, Any] = {
    "name": "Lieferung",
    "questions": {
        "delivery": {"prompt": "Wie war die Lieferung?"},
        "speed": {"prompt": "Geschwindigkeit?",
                  "options": ["Ausgezeichnet", "Gut", "Befriedigend", "Schlecht"]},
        "note": {"prompt": "Sonst noch etwas?"},
    },
}


def template_body(**overrides: Any) -> dict[str, Any]:
    return {"slug": "delivery-check", "name": "Delivery check", "questions": QUESTIONS,
            "translations": {"de": GERMAN}, **overrides}


async def survey_in(
    client: httpx.AsyncClient, token: str, *, lang: str | None = None,
    accept_language: str | None = None,
) -> dict[str, Any]:
    params = {"lang": lang} if lang else {}
    headers = {"Accept-Language": accept_language} if accept_language else {}
    response = await client.get(f"/v1/public/surveys/{token}", params=params, headers=headers)
    assert response.status_code == 200, response.text
    survey: dict[str, Any] = response.json()
    return survey


async def test_a_published_translation_is_completed_and_listed(
    client: httpx.AsyncClient, survey_headers: dict[str, str]
) -> None:
    created = await client.post(
        "/v1/survey-templates", json=template_body(), headers=survey_headers
    )
    assert created.status_code == 201, created.text
    template = created.json()
    assert template["locale"] == "en"
    german = template["translations"]["de"]
    # The csat question kept the default labels: their German ones are filled in.
    assert german["questions"]["delivery"]["options"] == [
        "Sehr zufrieden", "Zufrieden", "Neutral", "Unzufrieden", "Sehr unzufrieden",
    ]
    assert list(german["questions"]) == ["delivery", "speed", "note"]


@pytest.mark.parametrize(
    ("translations", "complaint"),
    [
        ({"de": {**GERMAN, "questions": {
            key: text for key, text in GERMAN["questions"].items() if key != "note"}}},
         "no text for question(s) note"),
        ({"de": {**GERMAN, "questions": {**GERMAN["questions"], "colour": {"prompt": "?"}}}},
         "unknown question(s) colour"),
        ({"de": {**GERMAN, "questions": {
            **GERMAN["questions"], "speed": {"prompt": "?", "options": ["Gut", "Schlecht"]}}}},
         "speed: needs 4 option labels"),
        ({"de": {**GERMAN, "questions": {
            **GERMAN["questions"], "note": {"prompt": "?", "options": ["a"]}}}},
         "note: text questions take no options"),
        ({"ja": {**GERMAN, "questions": {**GERMAN["questions"], "delivery": {"prompt": "?"}}}},
         "delivery: needs 5 option labels"),
        ({"en": GERMAN}, "en is the template's own language"),
        ({"deutsch": GERMAN}, "deutsch"),
    ],
)
async def test_a_translation_that_does_not_fit_the_questions_is_refused(
    client: httpx.AsyncClient, survey_headers: dict[str, str], translations: dict[str, Any],
    complaint: str,
) -> None:
    response = await client.post(
        "/v1/survey-templates", json=template_body(translations=translations),
        headers=survey_headers,
    )
    assert_problem(response, 422, problem=RequestInvalid)
    assert complaint in response.text


async def test_the_survey_speaks_the_language_asked_for_with_the_same_keys_and_values(
    client: httpx.AsyncClient, survey_headers: dict[str, str], customer: Customer
) -> None:
    token = (await create_invitation(client, survey_headers))["token"]

    english = await survey_in(client, token)
    german = await survey_in(client, token, accept_language="fr-CA;q=0.5, de-CH, en;q=0.8")
    french = await survey_in(client, token, lang="fr", accept_language="de")
    unknown = await survey_in(client, token, lang="xx", accept_language="ja, *")

    assert (english["locale"], german["locale"], french["locale"], unknown["locale"]) == (
        "en", "de", "fr", "en"
    )
    assert english["locales"] == ["en", "de", "es", "fr"]
    assert german["name"] == "Zufriedenheit nach dem Kauf"
    assert german["questions"][0]["options"][1] == "Eher zufrieden"
    assert french["questions"][2]["options"] == ["Excellente", "Bonne", "Passable", "Mauvaise"]

    def shape(survey: dict[str, Any]) -> list[tuple[Any, ...]]:
        return [
            (q["key"], q["type"], q["required"], q["min_value"], q["max_value"],
             len(q["options"] or ()))
            for q in survey["questions"]
        ]

    assert shape(english) == shape(german) == shape(french)


async def test_answers_in_another_language_are_stored_as_the_templates_own(
    client: httpx.AsyncClient, survey_headers: dict[str, str], customer: Customer,
    database: Database,
) -> None:
    german_token = (await create_invitation(client, survey_headers))["token"]
    english_token = (await create_invitation(client, survey_headers))["token"]
    german = {"satisfaction": "eher ZUFRIEDEN", "quality": "Befriedigend",
              "expectations_met": True}
    english = {"satisfaction": "Somewhat satisfied", "quality": "fair", "expectations_met": True}

    stored_german = await client.post(
        f"/v1/public/surveys/{german_token}/responses", json={"answers": german},
        headers={"Accept-Language": "de-DE"},
    )
    stored_english = await answer_survey(client, english_token, english)
    assert (stored_german.status_code, stored_english.status_code) == (201, 201)

    listed = await client.get("/v1/survey-responses", headers=survey_headers)
    by_locale = {
        response["locale"]: {a["question_key"]: (a["value"], a["label"]) for a in
                             response["answers"]}
        for response in listed.json()["items"]
    }
    assert by_locale["de"] == by_locale["en"] == {
        "satisfaction": (4, "Somewhat satisfied"), "quality": (2, "Fair"),
        "expectations_met": (1, "Yes"),
    }


async def test_an_unknown_label_is_explained_in_the_surveys_language(
    client: httpx.AsyncClient, survey_headers: dict[str, str], customer: Customer
) -> None:
    token = (await create_invitation(client, survey_headers))["token"]
    response = await client.post(
        f"/v1/public/surveys/{token}/responses", params={"lang": "es"},
        json={"answers": {"satisfaction": "Fantástico", "expectations_met": True}},
    )
    assert_problem(response, 422, "/answers/satisfaction", problem=RequestInvalid)
    assert "'Muy satisfecho/a', 'Algo satisfecho/a'" in response.text
