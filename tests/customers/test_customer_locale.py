"""A customer's language and time zone: set from tickets, orders and directly, and checked."""

import httpx
import pytest

from app.auth.scopes import Scope
from app.customers.errors import CustomerNotFound, InvalidLocale, InvalidTimeZone
from app.kit.errors import RequestInvalid
from tests.conftest import MakeKey
from tests.factories import create_order, create_ticket, ticket_body
from tests.support.api import assert_problem, bearer

Headers = dict[str, str]


async def _customer(client: httpx.AsyncClient, headers: Headers) -> dict[str, str]:
    response = await client.get("/v1/customers/cust-1", headers=headers)
    assert response.status_code == 200
    customer: dict[str, str] = response.json()
    return customer


async def test_a_ticket_sets_them_normalised_and_a_later_one_without_them_keeps_them(
    client: httpx.AsyncClient, admin_headers: Headers
) -> None:
    customer = {"external_ref": "cust-1", "locale": "de_ch", "time_zone": "Europe/Zurich"}
    ticket = await create_ticket(client, admin_headers, customer=customer)
    assert ticket["customer"]["locale"] == "de-CH"
    assert ticket["customer"]["time_zone"] == "Europe/Zurich"
    await create_ticket(client, admin_headers, customer={"external_ref": "cust-1"})
    stored = await _customer(client, admin_headers)
    assert (stored["locale"], stored["time_zone"]) == ("de-CH", "Europe/Zurich")


async def test_an_order_sets_them(client: httpx.AsyncClient, admin_headers: Headers) -> None:
    await create_order(
        client, admin_headers,
        customer={"external_ref": "cust-1", "locale": "fr", "time_zone": "Europe/Paris"},
    )
    stored = await _customer(client, admin_headers)
    assert (stored["locale"], stored["time_zone"]) == ("fr", "Europe/Paris")


async def test_patch_changes_and_clears_them(
    client: httpx.AsyncClient, admin_headers: Headers
) -> None:
    await create_ticket(client, admin_headers)
    path = "/v1/customers/cust-1"
    changed = await client.patch(
        path, json={"locale": "es-MX", "time_zone": "America/Mexico_City"}, headers=admin_headers
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["locale"] == "es-MX"
    cleared = await client.patch(path, json={"locale": None}, headers=admin_headers)
    assert cleared.json()["locale"] is None
    assert cleared.json()["time_zone"] == "America/Mexico_City"
    assert_problem(await client.patch(path, json={}, headers=admin_headers), 422,
                   problem=RequestInvalid)
    assert_problem(await client.patch(path, json={"name": None}, headers=admin_headers), 422,
                   "/name", problem=RequestInvalid)
    assert_problem(
        await client.patch("/v1/customers/nobody", json={"locale": "de"}, headers=admin_headers),
        404, problem=CustomerNotFound,
    )


@pytest.mark.parametrize("locale", ["klingon", "xx-YY", "de CH", ""])
async def test_a_bad_locale_has_its_own_problem_type(
    client: httpx.AsyncClient, admin_headers: Headers, locale: str
) -> None:
    body = ticket_body(customer={"external_ref": "cust-1", "locale": locale})
    response = await client.post("/v1/tickets", json=body, headers=admin_headers)
    if locale == "":  # too short for the schema: an ordinary validation error
        assert_problem(response, 422, "/customer/locale", problem=RequestInvalid)
        return
    assert_problem(response, 422, "/customer/locale", problem=InvalidLocale)


async def test_a_bad_time_zone_has_its_own_problem_type_everywhere(
    client: httpx.AsyncClient, admin_headers: Headers
) -> None:
    body = ticket_body(customer={"external_ref": "cust-1", "time_zone": "Mars/Olympus"})
    response = await client.post("/v1/tickets", json=body, headers=admin_headers)
    assert_problem(response, 422, "/customer/time_zone", problem=InvalidTimeZone)
    await create_ticket(client, admin_headers)
    patched = await client.patch(
        "/v1/customers/cust-1", json={"time_zone": "Europe/Atlantis"}, headers=admin_headers
    )
    assert_problem(patched, 422, "/time_zone", problem=InvalidTimeZone)


async def test_two_different_causes_are_one_validation_error(
    client: httpx.AsyncClient, admin_headers: Headers
) -> None:
    customer = {"external_ref": "cust-1", "locale": "klingon", "time_zone": "Mars/Olympus"}
    response = await client.post(
        "/v1/tickets", json=ticket_body(customer=customer), headers=admin_headers
    )
    assert_problem(response, 422, "/customer/time_zone", problem=RequestInvalid)


async def test_patch_needs_the_write_scope(
    client: httpx.AsyncClient, make_key: MakeKey
) -> None:
    key = await make_key(Scope.TICKETS_READ)
    response = await client.patch(
        "/v1/customers/cust-1", json={"locale": "de"}, headers=bearer(key)
    )
    assert response.status_code == 403
