import asyncio
from datetime import timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select

from app.kit.db import Database
from app.models import Customer, Feedback, SurveyAnswer
from app.surveys.errors import SurveyAlreadyAnswered
from tests.factories import add_ticket, answer_survey, create_invitation, events_of_type
from tests.support.clock import MutableClock

HAPPY_POST_PURCHASE: dict[str, Any] = {
    "satisfaction": "Very satisfied",
    "website_ease": 4,
    "quality": "Good",
    "expectations_met": True,
    "improvement": "  Faster shipping, please.  ",
    "recommend": 10,
}


async def stored_answers(database: Database) -> dict[str, SurveyAnswer]:
    async with database.sessionmaker() as session:
        rows = (await session.scalars(select(SurveyAnswer))).all()
    return {row.question_key: row for row in rows}


async def all_feedback(database: Database) -> list[Feedback]:
    async with database.sessionmaker() as session:
        return list((await session.scalars(select(Feedback))).all())


async def test_the_public_survey_shows_the_post_purchase_questions_without_a_key(
    client: httpx.AsyncClient, survey_headers: dict[str, str], customer: Customer
) -> None:
    created = await create_invitation(client, survey_headers)
    response = await client.get(f"/v1/public/surveys/{created['token']}")
    assert response.status_code == 200
    survey = response.json()
    assert survey["name"] == "Post-purchase satisfaction"
    questions = {question["key"]: question for question in survey["questions"]}
    assert list(questions) == [
        "satisfaction", "website_ease", "quality", "expectations_met", "improvement", "recommend",
    ]
    assert (questions["recommend"]["min_value"], questions["recommend"]["max_value"]) == (0, 10)
    assert questions["quality"]["options"] == ["Excellent", "Good", "Fair", "Poor"]
    assert questions["improvement"]["max_length"] == 2000
    assert questions["satisfaction"]["required"] is True
    assert "customer" not in str(survey).lower()


async def test_post_purchase_end_to_end_stores_one_row_per_answer_for_metrics(
    client: httpx.AsyncClient,
    survey_headers: dict[str, str],
    customer: Customer,
    database: Database,
    clock: MutableClock,
) -> None:
    created = await create_invitation(client, survey_headers)
    response = await answer_survey(client, created["token"], HAPPY_POST_PURCHASE)

    assert response.status_code == 201, response.text
    rows = await stored_answers(database)
    summary = {
        key: (row.question_type, row.counts_as, row.numeric_value, row.label, row.text_value)
        for key, row in rows.items()
    }
    assert summary == {
        "satisfaction": ("csat", "csat", 5, "Very satisfied", None),
        "website_ease": ("likert", None, 4, "Easy", None),
        "quality": ("rating", None, 3, "Good", None),
        "expectations_met": ("yes_no", "expectations_met", 1, "Yes", None),
        "improvement": ("text", None, None, None, "Faster shipping, please."),
        "recommend": ("nps", "nps", 10, None, None),
    }
    assert {row.answered_at for row in rows.values()} == {clock.now()}
    assert await all_feedback(database) == []
    [event] = await events_of_type(database, "survey.response_received")
    assert event.data["response"]["id"] == response.json()["id"]
    assert event.data["low_score"] is False

    listed = await client.get("/v1/survey-responses", headers=survey_headers)
    [item] = listed.json()["items"]
    assert item["invitation_id"] == created["id"]
    assert [a["question_key"] for a in item["answers"]][:2] == ["satisfaction", "website_ease"]


async def test_optional_questions_may_be_left_out(
    client: httpx.AsyncClient, survey_headers: dict[str, str], customer: Customer,
    database: Database,
) -> None:
    created = await create_invitation(client, survey_headers)
    response = await answer_survey(
        client, created["token"], {"satisfaction": 4, "expectations_met": True, "improvement": ""}
    )
    assert response.status_code == 201
    assert set(await stored_answers(database)) == {"satisfaction", "expectations_met"}


async def test_support_csat_end_to_end_with_a_ticket(
    client: httpx.AsyncClient,
    survey_headers: dict[str, str],
    customer: Customer,
    database: Database,
) -> None:
    ticket = await add_ticket(database, customer, status="solved")
    created = await create_invitation(
        client, survey_headers, "support-csat", ticket_id=str(ticket.id)
    )
    survey = await client.get(f"/v1/public/surveys/{created['token']}")
    assert [q["key"] for q in survey.json()["questions"]] == ["support_satisfaction", "comment"]

    response = await answer_survey(client, created["token"], {"support_satisfaction": 4})

    assert response.status_code == 201
    rows = await stored_answers(database)
    assert (rows["support_satisfaction"].counts_as, rows["support_satisfaction"].numeric_value) \
        == ("csat", 4)
    listed = await client.get(
        "/v1/survey-responses", params={"ticket_id": str(ticket.id)}, headers=survey_headers
    )
    assert len(listed.json()["items"]) == 1


@pytest.mark.parametrize(
    ("answers", "question", "detail_part"),
    [
        ({"satisfaction": "great"}, "satisfaction", "unknown option"),
        ({"satisfaction": 6}, "satisfaction", "out of range"),
        ({"satisfaction": 0}, "satisfaction", "out of range"),
        ({"satisfaction": 4.5}, "satisfaction", "floating-point"),
        ({"satisfaction": True}, "satisfaction", "boolean"),
        ({"recommend": 11}, "recommend", "out of range"),
        ({"recommend": -1}, "recommend", "out of range"),
        ({"recommend": "10"}, "recommend", "got a string"),
        ({"quality": 5}, "quality", "out of range"),
        ({"quality": "Superb"}, "quality", "unknown option"),
        ({"website_ease": [1]}, "website_ease", "a list"),
        ({"expectations_met": "yes"}, "expectations_met", "true or false"),
        ({"expectations_met": 1}, "expectations_met", "true or false"),
        ({"improvement": 42}, "improvement", "expected a string"),
        ({"improvement": "x" * 2001}, "improvement", "maximum is 2000"),
        ({"surprise": 1}, "surprise", "unknown question"),
        ({"satisfaction": None}, "satisfaction", "answer required"),
        ({"expectations_met": None}, "expectations_met", "answer required"),
    ],
)
async def test_every_bad_answer_is_a_422_naming_the_question(
    client: httpx.AsyncClient,
    survey_headers: dict[str, str],
    customer: Customer,
    database: Database,
    answers: dict[str, Any],
    question: str,
    detail_part: str,
) -> None:
    created = await create_invitation(client, survey_headers)
    valid = {"satisfaction": 4, "expectations_met": True}

    response = await answer_survey(client, created["token"], {**valid, **answers})

    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    errors = response.json()["errors"]
    assert [error["pointer"] for error in errors] == [f"/answers/{question}"]
    assert question in errors[0]["detail"]
    assert detail_part in errors[0]["detail"]
    assert await stored_answers(database) == {}
    # A refused answer does not use the invitation up.
    assert (await answer_survey(client, created["token"], valid)).status_code == 201


async def test_several_problems_are_reported_together(
    client: httpx.AsyncClient, survey_headers: dict[str, str], customer: Customer
) -> None:
    created = await create_invitation(client, survey_headers)
    response = await answer_survey(client, created["token"], {"recommend": 12, "a/b": 1})
    pointers = [error["pointer"] for error in response.json()["errors"]]
    assert pointers == [
        "/answers/satisfaction", "/answers/expectations_met", "/answers/recommend", "/answers/a~1b",
    ]


async def test_a_body_without_answers_object_is_422(
    client: httpx.AsyncClient, survey_headers: dict[str, str], customer: Customer
) -> None:
    created = await create_invitation(client, survey_headers)
    for body in ({}, {"answers": [1, 2]}, {"answers": {}, "extra": 1}):
        response = await client.post(
            f"/v1/public/surveys/{created['token']}/responses", json=body
        )
        assert response.status_code == 422, body


async def test_answering_twice_is_409(
    client: httpx.AsyncClient, survey_headers: dict[str, str], customer: Customer
) -> None:
    created = await create_invitation(client, survey_headers)
    first = await answer_survey(
        client, created["token"], {"satisfaction": 5, "expectations_met": True}
    )
    second = await answer_survey(
        client, created["token"], {"satisfaction": 1, "expectations_met": False}
    )
    assert (first.status_code, second.status_code) == (201, 409)
    assert second.headers["content-type"] == "application/problem+json"
    assert second.json()["type"] == SurveyAlreadyAnswered.type_uri()
    assert (await client.get(f"/v1/public/surveys/{created['token']}")).status_code == 409


async def test_answering_the_same_token_at_once_stores_one_response(
    client: httpx.AsyncClient,
    survey_headers: dict[str, str],
    customer: Customer,
    database: Database,
) -> None:
    created = await create_invitation(client, survey_headers)
    responses = await asyncio.gather(*(
        answer_survey(client, created["token"], {"satisfaction": score, "expectations_met": True})
        for score in (1, 2, 4, 5)
    ))
    assert sorted(response.status_code for response in responses) == [201, 409, 409, 409]
    assert len(await events_of_type(database, "survey.response_received")) == 1
    winner = next(response for response in responses if response.status_code == 201)
    listed = await client.get("/v1/survey-responses", headers=survey_headers)
    assert [item["id"] for item in listed.json()["items"]] == [winner.json()["id"]]
    assert len(await stored_answers(database)) == 2


async def test_unknown_and_expired_tokens_get_the_same_404(
    client: httpx.AsyncClient,
    survey_headers: dict[str, str],
    customer: Customer,
    clock: MutableClock,
) -> None:
    created = await create_invitation(client, survey_headers)
    clock.advance(timedelta(days=28))
    expired_read = await client.get(f"/v1/public/surveys/{created['token']}")
    expired_answer = await answer_survey(client, created["token"], {"satisfaction": 5})
    unknown_read = await client.get("/v1/public/surveys/" + "A" * 43)
    unknown_answer = await answer_survey(client, "A" * 43, {"satisfaction": 5})
    overlong = await client.get("/v1/public/surveys/" + "A" * 5000)

    for response in (expired_read, expired_answer, unknown_read, unknown_answer, overlong):
        assert response.status_code == 404
        assert response.headers["content-type"] == "application/problem+json"
    assert expired_read.json()["detail"] == unknown_read.json()["detail"]
    assert expired_answer.json()["detail"] == unknown_answer.json()["detail"]


async def test_a_survey_can_be_answered_until_just_before_it_expires(
    client: httpx.AsyncClient,
    survey_headers: dict[str, str],
    customer: Customer,
    clock: MutableClock,
) -> None:
    created = await create_invitation(client, survey_headers)
    clock.advance(timedelta(days=28) - timedelta(seconds=1))
    response = await answer_survey(
        client, created["token"], {"satisfaction": 5, "expectations_met": True}
    )
    assert response.status_code == 201


@pytest.mark.parametrize(
    ("answers", "low_part"),
    [
        ({"satisfaction": 2, "expectations_met": True}, "satisfaction = 2 (Somewhat dissatisfied)"),
        ({"satisfaction": 5, "expectations_met": False}, "expectations_met = No"),
        ({"satisfaction": 5, "expectations_met": True, "recommend": 6}, "recommend = 6"),
    ],
)
async def test_a_low_score_opens_a_feedback_item_linked_to_the_response(
    client: httpx.AsyncClient,
    survey_headers: dict[str, str],
    customer: Customer,
    database: Database,
    answers: dict[str, Any],
    low_part: str,
) -> None:
    created = await create_invitation(client, survey_headers)
    response = await answer_survey(
        client, created["token"], {**answers, "improvement": "Answer my emails."}
    )

    [feedback] = await all_feedback(database)
    assert feedback.survey_response_id is not None
    assert str(feedback.survey_response_id) == response.json()["id"]
    assert (feedback.source, feedback.status, feedback.sentiment) == ("survey", "new", "negative")
    assert feedback.rating == answers["satisfaction"]
    assert feedback.customer_id == customer.id
    assert low_part in feedback.text
    assert "Answer my emails." in feedback.text
    [created_event] = await events_of_type(database, "feedback.created")
    assert created_event.data["created_by"] == {"type": "system"}
    [received] = await events_of_type(database, "survey.response_received")
    assert received.data["feedback_id"] == str(feedback.id)


@pytest.mark.parametrize(
    "answers",
    [
        {"satisfaction": 3, "expectations_met": True, "recommend": 7},
        {"satisfaction": 5, "expectations_met": True, "quality": "Poor", "website_ease": 1},
    ],
)
async def test_scores_above_the_thresholds_open_no_feedback(
    client: httpx.AsyncClient,
    survey_headers: dict[str, str],
    customer: Customer,
    database: Database,
    answers: dict[str, Any],
) -> None:
    created = await create_invitation(client, survey_headers)
    assert (await answer_survey(client, created["token"], answers)).status_code == 201
    assert await all_feedback(database) == []


async def test_a_low_support_csat_is_followed_up_as_support_feedback_on_the_ticket(
    client: httpx.AsyncClient,
    survey_headers: dict[str, str],
    customer: Customer,
    database: Database,
) -> None:
    ticket = await add_ticket(database, customer, status="solved")
    created = await create_invitation(
        client, survey_headers, "support-csat", ticket_id=str(ticket.id)
    )
    await answer_survey(client, created["token"], {"support_satisfaction": "Very dissatisfied"})

    [feedback] = await all_feedback(database)
    assert (feedback.area, feedback.ticket_id, feedback.rating) == ("support", ticket.id, 1)


async def test_the_public_routes_are_rate_limited_per_client_address(
    app: FastAPI,
    survey_headers: dict[str, str],
    customer: Customer,
    clock: MutableClock,
) -> None:
    limit = app.state.settings.public_rate_limit_requests
    transport = httpx.ASGITransport(app=app, client=("203.0.113.7", 50000))
    other_transport = httpx.ASGITransport(app=app, client=("203.0.113.8", 50000))
    async with (
        httpx.AsyncClient(transport=transport, base_url="http://testserver") as client,
        httpx.AsyncClient(transport=other_transport, base_url="http://testserver") as other,
    ):
        created = await create_invitation(client, survey_headers)  # API-key routes are not limited
        path = f"/v1/public/surveys/{created['token']}"
        for _ in range(limit):
            assert (await client.get(path)).status_code == 200
        refused = await client.get(path)
        refused_unknown = await client.get("/v1/public/surveys/unknown")
        assert (await other.get(path)).status_code == 200

        assert refused.status_code == 429
        assert refused_unknown.status_code == 429
        assert refused.headers["content-type"] == "application/problem+json"
        assert 1 <= int(refused.headers["Retry-After"]) <= 60
        clock.advance(timedelta(seconds=app.state.settings.public_rate_limit_window_seconds))
        assert (await client.get(path)).status_code == 200
