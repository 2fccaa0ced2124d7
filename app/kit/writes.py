"""Writes that can share one statement: a request that makes several (a new ticket's SLA
snapshot, its event with the deliveries, the idempotent answer) sends them in one round trip.

A `Write` is a data-modifying statement written as named parts, each a `WITH` query (PostgreSQL
runs every data-modifying `WITH` query exactly once, to completion, with one snapshot; foreign
keys are checked at the end of the statement). `execute_write` runs it at once, unless the
session defers writes (`defer_writes`): then it waits for `flush_writes`, which sends every
pending write, and optionally one more whose result it returns, as one statement. A commit sends
what is still pending first (so nothing deferred is lost); a rollback forgets it.

Defer only writes that nothing reads back before the flush: a statement run meanwhile does not
see them.
"""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from sqlalchemy import TextClause, bindparam, event, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session
from sqlalchemy.types import TypeEngine

from app.kit.db import DriverQuery

_PENDING = "aftercare.writes.pending"  # session.info: the deferred writes, with their values
_PARAMETER = re.compile(r"(?<![:\w]):(\w+)")
_QUOTED = re.compile(r"('(?:[^']|'')*')")  # a literal, kept whole by split (its group)


@dataclass(frozen=True, eq=False)
class Write:
    """`parts`: (name, data-modifying SQL with `:name` parameters), in order; a part may read
    an earlier one of the same write by its name, a name no table or column has. `types`: the
    SQL types of the parameters that need one. `returns`: an SQL expression over the parts,
    the write's one result (None: it has none)."""

    parts: tuple[tuple[str, str], ...]
    types: Mapping[str, TypeEngine[Any]] = field(default_factory=dict)
    returns: str | None = None

    @cached_property
    def alone(self) -> TextClause:
        return _statement([(self, "")])


Pending = list[tuple[Write, Mapping[str, Any]]]


def defer_writes(session: AsyncSession) -> None:
    """From now on, `execute_write` on this session waits for `flush_writes` (or the commit)."""
    session.info.setdefault(_PENDING, [])


async def execute_write(session: AsyncSession, write: Write, values: Mapping[str, Any]) -> Any:
    """Run the write now (its result), or leave it pending when the session defers (None)."""
    pending: Pending | None = session.info.get(_PENDING)
    if pending is not None:
        pending.append((write, values))
        return None
    return await session.scalar(write.alone, values)


async def flush_writes(
    session: AsyncSession, last: Write | None = None, values: Mapping[str, Any] | None = None
) -> Any:
    """Every pending write, then `last` with `values`, as one statement; `last`'s result. The
    session no longer defers."""
    pending: Pending = session.info.pop(_PENDING, None) or []
    if last is not None:
        pending.append((last, values or {}))
    if not pending:
        return None
    statement, combined = _combined(pending)
    return await session.scalar(statement, combined)


_COMBINED: dict[tuple[Write, ...], TextClause] = {}


def _combined(
    pending: Sequence[tuple[Write, Mapping[str, Any]]],
) -> tuple[TextClause, dict[str, Any]]:
    writes = tuple(write for write, _ in pending)
    statement = _COMBINED.get(writes)
    if statement is None:
        statement = _COMBINED[writes] = _statement(
            [(write, f"w{number}_") for number, write in enumerate(writes)]
        )
    return statement, _prefixed_values(pending)


def _prefixed_values(pending: Sequence[tuple[Write, Mapping[str, Any]]]) -> dict[str, Any]:
    return {
        f"w{number}_{name}": value
        for number, (_, given) in enumerate(pending)
        for name, value in given.items()
    }


_FOR_DRIVER: dict[tuple[Write, ...], DriverQuery] = {}


def for_driver(
    pending: Sequence[tuple[Write, Mapping[str, Any]]],
) -> tuple[DriverQuery, dict[str, Any]]:
    """The pending writes as one statement for asyncpg itself (`Database.fetch_row_on`),
    compiled once per combination, and its values; the row's one column is the last write's
    result."""
    writes = tuple(write for write, _ in pending)
    query = _FOR_DRIVER.get(writes)
    if query is None:
        query = _FOR_DRIVER[writes] = DriverQuery(_combined(pending)[0])
    return query, _prefixed_values(pending)


def _statement(writes: Sequence[tuple[Write, str]]) -> TextClause:
    """One statement of the writes' parts, their names and parameters prefixed; it selects the
    last write's result."""
    queries, binds = [], []
    result = "NULL"
    for write, prefix in writes:
        named = re.compile(r"\b(" + "|".join(name for name, _ in write.parts) + r")\b")

        def prefixed(sql: str, prefix: str = prefix, named: re.Pattern[str] = named) -> str:
            # Outside quoted literals only: a part named like a string it writes keeps it.
            pieces = _QUOTED.split(sql)
            pieces[::2] = [
                _PARAMETER.sub(":" + prefix + r"\1", named.sub(prefix + r"\1", piece))
                for piece in pieces[::2]
            ]
            return "".join(pieces)

        queries += [f"{prefix}{name} AS ({prefixed(sql)})" for name, sql in write.parts]
        binds += [bindparam(prefix + name, type_=type_) for name, type_ in write.types.items()]
        result = "NULL" if write.returns is None else prefixed(write.returns)
    return text(f"WITH {', '.join(queries)} SELECT {result}").bindparams(*binds)


@event.listens_for(Session, "before_commit")
def _flush_before_commit(session: Session) -> None:
    pending: Pending | None = session.info.pop(_PENDING, None)
    if pending:
        statement, values = _combined(pending)
        session.execute(statement, values)  # in the async session's greenlet


@event.listens_for(Session, "after_rollback")
def _forget_on_rollback(session: Session) -> None:
    session.info.pop(_PENDING, None)
