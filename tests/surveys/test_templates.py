import asyncio
from typing import Any

import httpx
from sqlalchemy import select

from app.auth.scopes import Scope
from app.kit.db import Database
from app.models import SurveyTemplate
from app.surveys.builtins import BUILTIN_TEMPLATES
from app.surveys.errors import BuiltinTemplateReadOnly
from app.surveys.service import template_questions, template_texts
from tests.conftest import MakeKey
from tests.support.api import bearer

QUESTIONS: list[dict[str, Any]] = [
    {"key": "delivery", "type": "csat", "prompt": "How was delivery?", "required": True,
     "counts_as": "csat"},
    {"key": "note", "type": "text", "prompt": "Anything else?", "max_length": 200},
]


def template_body(**overrides: Any) -> dict[str, Any]:
    return {"slug": "delivery-check", "name": "Delivery check", "questions": QUESTIONS,
            **overrides}


async def test_the_migration_seeds_the_builtin_templates_as_the_code_defines_them(
    database: Database,
) -> None:
    async with database.sessionmaker() as session:
        order = (SurveyTemplate.slug, SurveyTemplate.version)
        rows = (await session.scalars(select(SurveyTemplate).order_by(*order))).all()
    assert [(row.slug, row.version, row.builtin) for row in rows] == [
        ("post-purchase", 1, True), ("post-purchase", 2, True), ("support-csat", 1, True),
    ]
    latest = {row.slug: row for row in rows}
    for slug, template in BUILTIN_TEMPLATES.items():
        assert latest[slug].version == template.version
        assert template_questions(latest[slug]) == template.questions
        texts = template_texts(latest[slug])
        assert (texts.locale, dict(texts.translations)) == (
            template.locale, dict(template.translations)
        )
        assert texts.locales == ("en", "de", "es", "fr")
    version_1 = template_texts(rows[0])
    assert version_1.locales == ("en", "de", "es", "fr")
    assert version_1.in_locale("de").questions[0].options == (
        "Sehr zufrieden", "Zufrieden", "Neutral", "Unzufrieden", "Sehr unzufrieden",
    )


async def test_post_purchase_version_2_asks_with_the_guides_choices_and_version_1_keeps_its_own(
    client: httpx.AsyncClient, survey_headers: dict[str, str]
) -> None:
    response = await client.get(
        "/v1/survey-templates", params={"slug": "post-purchase"}, headers=survey_headers
    )
    versions = {template["version"]: template for template in response.json()["items"]}

    async def satisfaction_options(version: int) -> list[str]:
        options: list[str] = versions[version]["questions"][0]["options"]
        return options

    assert await satisfaction_options(2) == [
        "Very satisfied", "Somewhat satisfied", "Neutral", "Somewhat dissatisfied",
        "Very dissatisfied",
    ]
    assert await satisfaction_options(1) == [
        "Very satisfied", "Satisfied", "Neutral", "Dissatisfied", "Very dissatisfied",
    ]


async def test_builtin_post_purchase_lists_its_questions_in_order(
    client: httpx.AsyncClient, survey_headers: dict[str, str]
) -> None:
    response = await client.get(
        "/v1/survey-templates", params={"slug": "post-purchase"}, headers=survey_headers
    )
    assert response.status_code == 200
    [template] = [item for item in response.json()["items"] if item["version"] == 2]
    assert [(q["key"], q["type"]) for q in template["questions"]] == [
        ("satisfaction", "csat"), ("website_ease", "likert"), ("quality", "rating"),
        ("expectations_met", "yes_no"), ("improvement", "text"), ("recommend", "nps"),
    ]
    assert template["questions"][0]["options"][0] == "Very satisfied"
    assert template["questions"][2]["options"] == ["Excellent", "Good", "Fair", "Poor"]


async def test_publishing_a_slug_again_adds_a_version_and_keeps_the_first(
    client: httpx.AsyncClient, survey_headers: dict[str, str]
) -> None:
    first = await client.post("/v1/survey-templates", json=template_body(), headers=survey_headers)
    changed = [{**QUESTIONS[0], "prompt": "How was the courier?"}]
    second = await client.post(
        "/v1/survey-templates", json=template_body(questions=changed), headers=survey_headers
    )
    assert (first.status_code, second.status_code) == (201, 201)
    assert (first.json()["version"], second.json()["version"]) == (1, 2)
    assert first.json()["questions"][1]["max_length"] == 200

    again = await client.get(f"/v1/survey-templates/{first.json()['id']}", headers=survey_headers)
    assert again.json()["questions"][0]["prompt"] == "How was delivery?"
    assert len(again.json()["questions"]) == 2


async def test_concurrent_publishes_of_one_slug_get_distinct_versions(
    client: httpx.AsyncClient, survey_headers: dict[str, str]
) -> None:
    responses = await asyncio.gather(*(
        client.post("/v1/survey-templates", json=template_body(), headers=survey_headers)
        for _ in range(4)
    ))
    assert sorted(response.json()["version"] for response in responses) == [1, 2, 3, 4]


async def test_builtin_slugs_cannot_be_republished(
    client: httpx.AsyncClient, survey_headers: dict[str, str]
) -> None:
    response = await client.post(
        "/v1/survey-templates", json=template_body(slug="support-csat"), headers=survey_headers
    )
    assert response.status_code == 409
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["type"] == BuiltinTemplateReadOnly.type_uri()


async def test_invalid_templates_are_refused_naming_the_field(
    client: httpx.AsyncClient, survey_headers: dict[str, str]
) -> None:
    cases: list[tuple[dict[str, Any], str]] = [
        (template_body(questions=[QUESTIONS[0], QUESTIONS[0]]), "/questions"),
        (template_body(questions=[]), "/questions"),
        (template_body(questions=[{**QUESTIONS[0], "type": "stars"}]), "/questions/0/type"),
        (template_body(questions=[{"key": "r", "type": "rating", "prompt": "Rate",
                                   "options": ["A", "B"]}]), "/questions/0/options"),
        (template_body(questions=[{**QUESTIONS[1], "counts_as": "nps"}]),
         "/questions/0/counts_as"),
        (template_body(slug="Not A Slug"), "/slug"),
        (template_body(colour="blue"), "/colour"),
    ]
    for body, pointer in cases:
        response = await client.post("/v1/survey-templates", json=body, headers=survey_headers)
        assert response.status_code == 422, body
        assert pointer in [error["pointer"] for error in response.json()["errors"]], body


async def test_templates_need_the_surveys_scopes(
    client: httpx.AsyncClient, make_key: MakeKey
) -> None:
    reader = bearer(await make_key(Scope.SURVEYS_READ))
    response = await client.post("/v1/survey-templates", json=template_body(), headers=reader)
    assert response.status_code == 403
    assert (await client.get("/v1/survey-templates", headers=reader)).status_code == 200


async def test_an_unknown_template_id_is_404(
    client: httpx.AsyncClient, survey_headers: dict[str, str]
) -> None:
    response = await client.get(
        "/v1/survey-templates/00000000-0000-0000-0000-000000000000", headers=survey_headers
    )
    assert response.status_code == 404
