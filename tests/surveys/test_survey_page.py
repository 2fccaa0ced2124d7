"""The survey as an HTML form: a browser gets the page in the customer's language, posts it
as an ordinary form, sees its mistakes beside the questions with its input kept, then a
thank-you page; a closed link explains itself."""

import re

import httpx
from sqlalchemy import update

from app.kit.db import Database
from app.models import Customer
from tests.factories import create_invitation

BROWSER = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}


async def german_customer(database: Database, customer: Customer) -> None:
    async with database.sessionmaker() as session, session.begin():
        await session.execute(
            update(Customer).where(Customer.id == customer.id).values(locale="de-DE")
        )


async def test_the_link_opens_a_form_in_the_customers_language(
    client: httpx.AsyncClient, survey_headers: dict[str, str], customer: Customer,
    database: Database,
) -> None:
    await german_customer(database, customer)
    token = (await create_invitation(client, survey_headers))["token"]

    page = await client.get(f"/v1/public/surveys/{token}", headers=BROWSER)

    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert page.headers["cache-control"] == "no-store"
    assert '<html lang="de-DE">' in page.text
    assert "Zufriedenheit nach dem Kauf" in page.text
    assert '<label for="q-satisfaction-2">Eher zufrieden</label>' in page.text
    assert 'name="expectations_met" value="yes"' in page.text
    assert f'action="/v1/public/surveys/{token}/responses"' in page.text
    as_json = await client.get(
        f"/v1/public/surveys/{token}", headers={"Accept": "application/json"}
    )
    assert as_json.json()["locale"] == "de"


async def test_a_wrong_form_comes_back_with_its_errors_and_input_then_a_fixed_one_is_thanked(
    client: httpx.AsyncClient, survey_headers: dict[str, str], customer: Customer
) -> None:
    token = (await create_invitation(client, survey_headers))["token"]
    path = f"/v1/public/surveys/{token}/responses"

    wrong = await client.post(
        path, headers=BROWSER,
        data={"satisfaction": "4", "improvement": "Faster <b>shipping</b>", "recommend": "11"},
    )

    assert wrong.status_code == 422
    assert "Please check your answers" in wrong.text
    assert '<a href="#q-expectations_met">Please choose an answer.</a>' in wrong.text
    assert '<a href="#q-recommend">Please choose one of the answers offered.</a>' in wrong.text
    fieldset = re.search(r'<fieldset[^>]*id="q-expectations_met"[^>]*>', wrong.text)
    assert fieldset is not None
    assert 'aria-describedby="q-expectations_met-error"' in fieldset.group(0)
    assert 'id="q-expectations_met-error"' in wrong.text
    assert re.search(r'value="4" checked', wrong.text)  # the choice made is kept
    assert "Faster &lt;b&gt;shipping&lt;/b&gt;</textarea>" in wrong.text  # kept, escaped

    fixed = await client.post(
        path, headers=BROWSER,
        data={"satisfaction": "very SATISFIED", "expectations_met": "yes", "recommend": "9"},
    )
    assert fixed.status_code == 200, fixed.text
    assert "Thank you!" in fixed.text

    listed = await client.get("/v1/survey-responses", headers=survey_headers)
    [response] = listed.json()["items"]
    answers = {a["question_key"]: (a["value"], a["label"]) for a in response["answers"]}
    assert answers == {
        "satisfaction": (5, "Very satisfied"), "expectations_met": (1, "Yes"),
        "recommend": (9, None),
    }

    again = await client.get(f"/v1/public/surveys/{token}", headers=BROWSER)
    assert again.status_code == 409
    assert "This survey has already been answered" in again.text
    twice = await client.post(path, headers=BROWSER, data={"satisfaction": "5"})
    assert twice.status_code == 409


async def test_an_unknown_or_expired_link_is_explained_plainly(
    client: httpx.AsyncClient,
) -> None:
    page = await client.get("/v1/public/surveys/" + "x" * 43 + "?lang=fr", headers=BROWSER)
    assert page.status_code == 404
    assert "Traceback" not in page.text
    assert "<h1>" in page.text


async def test_json_clients_keep_the_json_route(
    client: httpx.AsyncClient, survey_headers: dict[str, str], customer: Customer
) -> None:
    token = (await create_invitation(client, survey_headers))["token"]
    answered = await client.post(
        f"/v1/public/surveys/{token}/responses",
        json={"answers": {"satisfaction": 5, "expectations_met": True}},
    )
    assert answered.status_code == 201, answered.text
    assert set(answered.json()) == {"id", "received_at"}
