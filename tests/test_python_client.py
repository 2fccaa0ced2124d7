"""The typed Python client of clients/python: generated from the committed document (CI fails
when it drifts) and driving a real server through real HTTP."""

import asyncio
import filecmp
from pathlib import Path

import pytest
from aftercare_client import AuthenticatedClient
from aftercare_client.api.events import list_events
from aftercare_client.api.tickets import create_ticket, get_ticket, list_tickets
from aftercare_client.models import (
    Channel,
    CustomerRef,
    EventType,
    Priority,
    Problem,
    TicketCreate,
    TicketCreated,
    TicketCreatedEvent,
    TicketDetail,
    TicketStatus,
)
from aftercare_pagination import PageError, aiterate, iterate
from regenerate import PACKAGE, generate

from app.auth.scopes import Scope
from tests.conftest import MakeKey
from tests.support.processes import served
from tests.support.receiver import free_port


def _differences(expected: Path, actual: Path) -> list[str]:
    """Files added, missing or different between two trees, as paths relative to them."""
    def walk(comparison: filecmp.dircmp[str], prefix: str) -> list[str]:
        found = [
            f"{prefix}{name}"
            for name in (*comparison.left_only, *comparison.right_only, *comparison.diff_files)
            if name != "__pycache__"
        ]
        for name, sub in comparison.subdirs.items():
            found += walk(sub, f"{prefix}{name}/")
        return found

    comparison = filecmp.dircmp(expected, actual, ignore=["__pycache__", ".mypy_cache"])
    return walk(comparison, "")


def test_the_committed_client_is_generated_from_the_committed_document(tmp_path: Path) -> None:
    generated = tmp_path / "aftercare_client"
    generate(generated)
    filecmp.clear_cache()
    assert _differences(PACKAGE, generated) == [], (
        "clients/python/aftercare_client is stale: run `make client` and commit the result"
    )


@pytest.mark.processes
async def test_the_client_drives_a_live_server(
    database_url: str, make_key: MakeKey, tmp_path: Path
) -> None:
    key = await make_key(Scope.TICKETS_WRITE, Scope.TICKETS_READ, Scope.WEBHOOKS_MANAGE)
    port = free_port()
    async with (
        served(tmp_path / "serve.log", database_url, port, run_worker_in_api="false"),
        AuthenticatedClient(f"http://127.0.0.1:{port}", token=key) as client,
    ):
        created = [_created(await create_ticket.asyncio(client=client, body=TicketCreate(
            subject=f"Parcel {n} missing", description="Where is it?",
            channel=Channel.CHAT, priority=Priority.HIGH,
            customer=CustomerRef(external_ref="cust-client", email="ada@example.com"),
        ))) for n in range(3)]
        first = created[0]
        read = await get_ticket.asyncio(first.id, client=client)
        listed = [ticket async for ticket in aiterate(
            lambda cursor: list_tickets.asyncio(
                client=client, cursor=cursor, limit=2, status=[TicketStatus.NEW]
            )
        )]
        events = await asyncio.to_thread(lambda: list(iterate(
            lambda cursor: list_events.sync(
                client=client, cursor=cursor, limit=2, type_=[EventType.TICKET_CREATED]
            )
        )))
        missing = await get_ticket.asyncio(999_999, client=client)
        with pytest.raises(PageError, match="Invalid cursor"):
            await anext(aiterate(lambda _: list_tickets.asyncio(client=client, cursor="x")))

    assert isinstance(read, TicketDetail)
    assert (read.number, read.subject, read.status, read.priority, read.channel) == (
        first.number, "Parcel 0 missing", TicketStatus.NEW, Priority.HIGH, Channel.CHAT,
    )
    assert read.customer.external_ref == "cust-client"
    assert [ticket.id for ticket in listed] == [ticket.id for ticket in reversed(created)]
    assert all(isinstance(event, TicketCreatedEvent) for event in events)
    assert [
        event.data.ticket.number for event in events if isinstance(event, TicketCreatedEvent)
    ] == [ticket.number for ticket in reversed(created)]
    assert isinstance(missing, Problem)
    assert missing.status == 404


def _created(answer: TicketCreated | Problem | None) -> TicketCreated:
    assert isinstance(answer, TicketCreated), answer
    return answer


