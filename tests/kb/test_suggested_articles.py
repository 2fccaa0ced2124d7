"""GET /v1/tickets/{id}/suggested-articles: published articles ranked against the ticket's
subject and its customer's messages, in the customer's language, else the default locale's."""

from typing import Any

import httpx
import pytest

from app.auth.scopes import Scope
from app.tickets.errors import TicketNotFound
from app.tickets.service import suggestion_query
from tests.conftest import MakeKey
from tests.factories import CUSTOMER, create_article, create_ticket, post_message
from tests.support.api import assert_problem, bearer

Headers = dict[str, str]


@pytest.fixture
async def kb_headers(make_key: MakeKey) -> Headers:
    return bearer(await make_key(Scope.KB_READ, Scope.KB_WRITE))


@pytest.fixture
async def help_centre(client: httpx.AsyncClient, kb_headers: Headers) -> dict[str, str]:
    parcel = await create_article(
        client,
        kb_headers,
        status="published",
        title="Where is my parcel?",
        body="Follow the tracking link in the shipping email to see where the parcel is.",
    )
    returns = await create_article(
        client,
        kb_headers,
        status="published",
        title="Returning an item",
        body="Print the return label and drop the parcel at a post office.",
    )
    refund = await create_article(
        client,
        kb_headers,
        status="published",
        title="Refunds",
        body="A refund reaches your card within five days.",
    )
    german = await create_article(
        client,
        kb_headers,
        status="published",
        locale="de",
        title="Wo ist mein Paket?",
        body="Folgen Sie dem Sendungslink.",
        translation_of=parcel["id"],
    )
    await create_article(
        client, kb_headers, title="Tracking parcels (draft)", body="tracking parcel tracking"
    )
    return {
        "parcel": parcel["id"],
        "returns": returns["id"],
        "refund": refund["id"],
        "german": german["id"],
    }


async def suggestions(
    client: httpx.AsyncClient, headers: Headers, ticket: dict[str, Any]
) -> dict[str, Any]:
    response = await client.get(f"/v1/tickets/{ticket['id']}/suggested-articles", headers=headers)
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()
    return answer


async def test_articles_matching_the_customers_words_come_first(
    client: httpx.AsyncClient,
    admin_headers: Headers,
    help_centre: dict[str, str],
    make_key: MakeKey,
) -> None:
    ticket = await create_ticket(
        client,
        admin_headers,
        subject="My parcel never arrived",
        description="The tracking link shows nothing since Monday.",
    )
    await post_message(client, admin_headers, ticket, public=False, body="Refund refund refund")

    answer = await suggestions(client, bearer(await make_key(Scope.TICKETS_READ)), ticket)

    assert (answer["locale"], answer["fallback"]) == ("en", False)
    ids = [item["article"]["id"] for item in answer["items"]]
    assert ids[0] == help_centre["parcel"]
    assert help_centre["refund"] not in ids  # agents' notes are not the customer's words
    assert "<mark>" in answer["items"][0]["excerpt"]


async def test_the_customers_language_is_searched_and_else_the_default(
    client: httpx.AsyncClient, admin_headers: Headers, help_centre: dict[str, str]
) -> None:
    german = await create_ticket(
        client,
        admin_headers,
        subject="Wo ist mein Paket?",
        description="Kein Sendungslink.",
        customer={**CUSTOMER, "locale": "de-CH"},
    )
    answer = await suggestions(client, admin_headers, german)
    assert (answer["locale"], answer["fallback"]) == ("de-CH", False)
    assert [item["article"]["id"] for item in answer["items"]] == [help_centre["german"]]

    french = await create_ticket(
        client,
        admin_headers,
        subject="Where is my parcel? Où est mon colis ?",
        customer={**CUSTOMER, "external_ref": "cust-fr", "locale": "fr"},
    )
    answer = await suggestions(client, admin_headers, french)
    assert (answer["locale"], answer["fallback"]) == ("en", True)
    assert answer["items"][0]["article"]["id"] == help_centre["parcel"]


async def test_a_ticket_no_article_matches_gets_none_and_an_unknown_ticket_404(
    client: httpx.AsyncClient, admin_headers: Headers, help_centre: dict[str, str]
) -> None:
    ticket = await create_ticket(
        client,
        admin_headers,
        subject="Invoice VAT number",
        description="Please add our VAT number.",
    )
    answer = await suggestions(client, admin_headers, ticket)
    assert answer["items"] == []
    missing = await client.get("/v1/tickets/999999/suggested-articles", headers=admin_headers)
    assert_problem(missing, 404, problem=TicketNotFound)


def test_the_query_keeps_the_telling_words_subject_first() -> None:
    query = suggestion_query("Where is my parcel?", ["My parcel is late, where is it?"] * 2)
    assert query == "where parcel late"
