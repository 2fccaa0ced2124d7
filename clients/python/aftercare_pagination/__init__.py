"""Every item of a cursor-paginated Aftercare list, page after page: pass a function that
fetches the page at a cursor with the generated client, and iterate.

    from aftercare_client.api.tickets import list_tickets
    from aftercare_pagination import iterate

    for ticket in iterate(lambda cursor: list_tickets.sync(client=client, cursor=cursor)):
        print(ticket.number, ticket.status)

`aiterate` does the same with the `asyncio` functions. A page answered with a problem document
raises `PageError`.
"""

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Sequence
from typing import Protocol, TypeVar

from aftercare_client.models.problem import Problem
from aftercare_client.types import UNSET, Unset

ItemT = TypeVar("ItemT", covariant=True)
Cursor = str | Unset


class Page(Protocol[ItemT]):
    """What every list answers: its items and the cursor of the next page (null at the end)."""

    @property
    def items(self) -> Sequence[ItemT]: ...

    @property
    def next_cursor(self) -> str | None: ...


class PageError(Exception):
    """A page was answered with a problem document (or with a status the client does not
    know, `problem` None)."""

    def __init__(self, problem: Problem | None) -> None:
        detail = "an unexpected answer" if problem is None else f"{problem.title}: {problem.detail}"
        super().__init__(detail)
        self.problem = problem


def iterate(fetch: Callable[[Cursor], Page[ItemT] | Problem | None]) -> Iterator[ItemT]:
    cursor: Cursor = UNSET
    while True:
        page = _checked(fetch(cursor))
        yield from page.items
        if not page.next_cursor:
            return
        cursor = page.next_cursor


async def aiterate(
    fetch: Callable[[Cursor], Awaitable[Page[ItemT] | Problem | None]],
) -> AsyncIterator[ItemT]:
    cursor: Cursor = UNSET
    while True:
        page = _checked(await fetch(cursor))
        for item in page.items:
            yield item
        if not page.next_cursor:
            return
        cursor = page.next_cursor


def _checked(page: Page[ItemT] | Problem | None) -> Page[ItemT]:
    if page is None or isinstance(page, Problem):
        raise PageError(page)
    return page
