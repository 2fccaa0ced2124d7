"""Write the demo data set into a migrated database with COPY, in one transaction.

Refuses a database that has tickets already unless forced, so a newcomer cannot mix demo rows
into real data by accident; with `force` the demo rows are added next to the existing ones
(ticket numbers continue after the highest one). Reads the SLA policies and survey templates
the database holds, so the generated targets and answers match what the services would have
produced with them. Ends with ANALYZE so the planner knows the new row counts.
"""

import asyncio
import gc
import json
import random
import time
import uuid
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import asyncpg

from app.demo.generate import (
    COLUMNS,
    TABLE_ORDER,
    DemoData,
    Policy,
    Rows,
    Template,
    Totals,
    ts,
)
from app.demo.help_centre import (
    ARTICLE_COLUMNS,
    CITATION_DAYS,
    CITATION_SHARE,
    FEEDBACK_COLUMNS,
    NOTICE_ORDERS,
    VERSION_COLUMNS,
    VIEW_COLUMNS,
    VOTE_COLUMNS,
    help_centre_rows,
)
from app.demo.lifecycle import SecondsClock, SlaTerms
from app.kb.search import KEPT_WORD, VARIANTS_OF
from app.kit.db import asyncpg_dsn
from app.sla.rules import BusinessClock, TargetSpec, calendar_from_json, calendar_snapshot
from app.sla.types import SlaMetric
from app.surveys.builtins import BUILTIN_TEMPLATES
from app.surveys.questions import QuestionSpec

Progress = Callable[[str], None]
REPORT_EVERY_SECONDS = 5.0


class DemoRefusedError(Exception):
    """The database is not fit for demo data (it has tickets, or is not migrated)."""


@dataclass(frozen=True, slots=True)
class DemoResult:
    counts: dict[str, int]
    seconds: float



async def seed_demo(
    database_url: str,
    *,
    tickets: int,
    seed: int = 1,
    force: bool = False,
    now: datetime | None = None,
    progress: Progress | None = None,
) -> DemoResult:
    """Generate `tickets` tickets and everything around them; return the row counts."""
    report = progress or (lambda line: None)
    started = time.perf_counter()
    connection = await asyncpg.connect(asyncpg_dsn(database_url))
    # Millions of short-lived tuples and no reference cycles: the cyclic collector would only
    # rescan them (a quarter of the generation time).
    collecting = gc.isenabled()
    gc.disable()
    try:
        await _check_schema(connection)
        existing = await connection.fetchrow(
            "SELECT (SELECT count(*) FROM tickets) AS tickets,"
            " (SELECT count(*) FROM orders) AS orders,"
            " (SELECT count(*) FROM customers) AS customers"
        )
        if any(existing.values()) and not force:
            raise DemoRefusedError(
                f"The database already has {existing['tickets']:,} tickets, "
                f"{existing['orders']:,} orders and {existing['customers']:,} customers: demo "
                "data would mix with them. Point AFTERCARE_DATABASE_URL at an empty database, "
                "or pass --force to add the demo data anyway."
            )
        data = DemoData(
            tickets=tickets,
            seed=seed,
            now=(now or datetime.now(UTC)).replace(microsecond=0),
            policies=await _policies(connection),
            templates=await _templates(connection),
        )
        data.first_number = int(
            await connection.fetchval("SELECT coalesce(max(number), 0) + 1 FROM tickets")
        )
        if any(existing.values()):  # forced: references unique next to the existing ones
            data.ref_prefix = f"DEMO{data.first_number}-"
        totals = Totals()
        await _raw_time_codecs(connection)
        async with connection.transaction(), _bulk_load(connection, report):
            await _write(connection, data, totals, report, started)
            await _write_help_centre(connection, data, totals, seed)
            await connection.execute(
                "SELECT setval(pg_get_serial_sequence('tickets', 'number'),"
                " (SELECT max(number) FROM tickets))"
            )
        report(f"committed after {time.perf_counter() - started:.1f} s; analyzing")
        await connection.execute("ANALYZE")
    finally:
        if collecting:
            gc.enable()
        await connection.close()
    return DemoResult(totals.counts, time.perf_counter() - started)


async def _write(
    connection: asyncpg.Connection,
    data: DemoData,
    totals: Totals,
    report: Progress,
    started: float,
) -> None:
    """COPY chunk after chunk, generating the next chunk in a thread while PostgreSQL ingests
    the previous one (the generator is CPU-bound Python, the server another process)."""
    chunks = data.chunks()
    copying: asyncio.Task[None] | None = None
    last_report = 0.0
    while True:
        rows = await asyncio.to_thread(next, chunks, None)
        if copying is not None:
            await copying
            if time.perf_counter() - last_report >= REPORT_EVERY_SECONDS:
                last_report = time.perf_counter()
                report(_progress_line(totals, data.ticket_count, last_report - started))
        if rows is None:
            break
        copying = asyncio.create_task(_copy(connection, rows, totals))
    report(_progress_line(totals, data.ticket_count, time.perf_counter() - started))


async def _copy(connection: asyncpg.Connection, rows: Rows, totals: Totals) -> None:
    for table in TABLE_ORDER:
        if rows[table]:
            await connection.copy_records_to_table(
                table, records=rows[table], columns=COLUMNS[table]
            )
    totals.add(rows)


def _progress_line(totals: Totals, ticket_count: int, seconds: float) -> str:
    counts = totals.counts
    return (
        f"{seconds:6.1f} s  customers {counts['customers']:,}, orders {counts['orders']:,}, "
        f"tickets {counts['tickets']:,}/{ticket_count:,}, messages {counts['ticket_messages']:,}, "
        f"SLA targets {counts['sla_targets']:,}, survey responses {counts['survey_responses']:,}"
    )


@asynccontextmanager
async def _bulk_load(connection: asyncpg.Connection, report: Progress) -> AsyncIterator[None]:
    """Inside the caller's transaction: drop the foreign keys and plain indexes of the tables
    written, and create them again afterwards. Building an index once is much cheaper than
    maintaining it row by row, and checking a foreign key once per table than once per row.
    Primary keys and unique constraints stay. Transactional DDL: a failure or a crash rolls
    the drops back with the rows."""
    tables = list(TABLE_ORDER)
    foreign_keys = await connection.fetch(
        "SELECT conrelid::regclass::text AS table_name, conname, pg_get_constraintdef(oid) AS def"
        " FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace"
        " AND conrelid::regclass::text = ANY($1::text[])",
        tables,
    )
    indexes = await connection.fetch(
        "SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS def"
        " FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
        " JOIN pg_class t ON t.oid = i.indrelid"
        " WHERE t.relnamespace = 'public'::regnamespace AND t.relname = ANY($1::text[])"
        " AND NOT i.indisunique AND NOT i.indisprimary",
        tables,
    )
    for fk in foreign_keys:
        await connection.execute(
            f'ALTER TABLE {fk["table_name"]} DROP CONSTRAINT "{fk["conname"]}"'
        )
    for index in indexes:
        await connection.execute(f'DROP INDEX "{index["name"]}"')
    await connection.execute("SET LOCAL maintenance_work_mem = '256MB'")
    await connection.execute("SET LOCAL aftercare.defer_order_links = 'on'")
    yield
    report(f"creating {len(indexes)} indexes and checking {len(foreign_keys)} foreign keys")
    for index in indexes:
        await connection.execute(index["def"])
    for fk in foreign_keys:
        await connection.execute(
            f'ALTER TABLE {fk["table_name"]} ADD CONSTRAINT "{fk["conname"]}" {fk["def"]}'
        )
    report("linking each order to its customer's next one")
    await connection.execute("SET LOCAL aftercare.defer_order_links = 'off'")
    await connection.execute(LINK_ORDERS)


# Each order's next_placed_at, once for the whole load (the orders_relink_next triggers do it
# per statement otherwise, customer by customer: too slow without the indexes dropped above).
LINK_ORDERS = """
UPDATE orders o SET next_placed_at = n.next_placed_at
FROM (
    SELECT id, lead(placed_at) OVER (PARTITION BY customer_id ORDER BY placed_at, id)
        AS next_placed_at
    FROM orders
) AS n
WHERE o.id = n.id AND o.next_placed_at IS DISTINCT FROM n.next_placed_at
"""
_ARTICLE_VALUES = ", ".join(f"${n}" for n in range(1, len(ARTICLE_COLUMNS) + 1))
INSERT_ARTICLE = (
    f"INSERT INTO articles ({', '.join(ARTICLE_COLUMNS)}) VALUES ({_ARTICLE_VALUES})"  # noqa: S608
)
# What search reads, as the knowledge base writes it (app/kb/repository.py: title A, summary B,
# body C, in the article's text-search configuration; the vocabulary of its words with their
# one-letter deletions), for the articles just written.
INDEX_ARTICLES = """
INSERT INTO article_search (article_id, language, status, search_head, search_vector)
SELECT id, language, status, head, head || setweight(to_tsvector(config, body_text), 'C')
FROM (
    SELECT id, language, status, body_text, search_config::regconfig AS config,
           setweight(to_tsvector(search_config::regconfig, title), 'A')
           || setweight(to_tsvector(search_config::regconfig, coalesce(summary, '')), 'B') AS head
    FROM articles
) AS texts
ON CONFLICT DO NOTHING
"""
REMEMBER_WORDS = f"""
INSERT INTO article_words (language, word)
SELECT DISTINCT a.language, w.word
FROM articles AS a,
     unnest(tsvector_to_array(to_tsvector('simple',
         a.title || ' ' || coalesce(a.summary, '') || ' ' || a.body_text))) AS w(word)
WHERE {KEPT_WORD.format(word="w.word")}
ON CONFLICT DO NOTHING
"""  # noqa: S608 (built from the knowledge base's constants)
REMEMBER_VARIANTS = f"""
INSERT INTO article_word_variants (language, variant, word)
SELECT DISTINCT w.language, v.variant, w.word
FROM article_words AS w, LATERAL {VARIANTS_OF.format(word="w.word")} AS v(variant)
ON CONFLICT DO NOTHING
"""  # noqa: S608 (built from the knowledge base's constants)
# Agent public replies of the last weeks on a topic with an article: about CITATION_SHARE of
# them cite it (chosen by a hash of the message id: the same ones for the same data).
CITE_REPLIES = """
INSERT INTO article_citations (id, ticket_id, message_id, article_id, cited_at)
SELECT gen_random_uuid(), m.ticket_id, m.id, c.article_id, m.created_at
FROM ticket_messages m
JOIN tickets t ON t.id = m.ticket_id
JOIN unnest($1::text[], $2::uuid[]) AS c(tag, article_id) ON c.tag = t.tags[1]
WHERE m.author_type = 'agent' AND m.public AND m.created_at >= $3
  AND (hashtext(m.id::text) & 1023) < $4
"""


async def _write_help_centre(
    connection: asyncpg.Connection, data: DemoData, totals: Totals, seed: int
) -> None:
    """The small multilingual help centre (app/demo/help_centre.py), a notice for the most
    recent orders on their way, and citations in replies; none when the database has
    articles already (a forced run next to an earlier demo)."""
    if await connection.fetchval("SELECT EXISTS (SELECT 1 FROM articles)"):
        return
    orders = await connection.fetch(
        "SELECT external_ref FROM orders WHERE shipped_at IS NOT NULL AND delivered_at IS NULL"
        " ORDER BY placed_at DESC, external_ref LIMIT $1",
        NOTICE_ORDERS,
    )
    now = data.now
    rng = random.Random(seed)  # noqa: S311 demo data, reproducible by design
    rows = help_centre_rows(rng, now, [order["external_ref"] for order in orders])
    await connection.executemany(INSERT_ARTICLE, rows.articles)
    for statement in (INDEX_ARTICLES, REMEMBER_WORDS, REMEMBER_VARIANTS):
        await connection.execute(statement)
    for table, columns, records in (
        ("article_versions", VERSION_COLUMNS, rows.versions),
        ("feedback", FEEDBACK_COLUMNS, rows.feedback),
        ("article_votes", VOTE_COLUMNS, rows.votes),
        ("article_views", VIEW_COLUMNS, rows.views),
        ("events", COLUMNS["events"], rows.events),
    ):
        await connection.copy_records_to_table(table, records=records, columns=columns)
        totals.counts[table] = totals.counts.get(table, 0) + len(records)
    totals.counts["articles"] = len(rows.articles)
    cited = await connection.execute(
        CITE_REPLIES,
        list(rows.cited_by_topic),
        list(rows.cited_by_topic.values()),
        ts(now - CITATION_DAYS * 86_400),
        int(CITATION_SHARE * 1024),
    )
    totals.counts["article_citations"] = int(cited.split()[-1])


async def _raw_time_codecs(connection: asyncpg.Connection) -> None:
    """Timestamps and intervals in asyncpg's tuple form (`generate.ts`, `generate.interval`):
    the generator hands over microseconds, not datetime objects."""
    for type_name in ("timestamptz", "interval"):
        await connection.set_type_codec(
            type_name, schema="pg_catalog", encoder=_as_tuple, decoder=_as_tuple, format="tuple"
        )


def _as_tuple(value: Any) -> Any:
    return value if isinstance(value, tuple) else (value,)


async def _check_schema(connection: asyncpg.Connection) -> None:
    migrated = await connection.fetchval("SELECT to_regclass('public.sla_targets') IS NOT NULL")
    if not migrated:
        raise DemoRefusedError("The database is not migrated: run `aftercare migrate` first.")


async def _policies(connection: asyncpg.Connection) -> list[Policy]:
    """The SLA policies in evaluation order, each with its calendar snapshot."""
    rows = await connection.fetch(
        "SELECT p.id, p.name, p.version, p.conditions::text AS conditions,"
        " p.targets::text AS targets, p.pause_statuses, p.escalate_on_breach,"
        " c.timezone, c.weekly_hours::text AS weekly_hours, c.holidays"
        " FROM sla_policies p LEFT JOIN business_calendars c ON c.id = p.calendar_id"
        " ORDER BY p.position, p.created_at, p.id"
    )
    return [_policy(row) for row in rows]


def _policy(row: asyncpg.Record) -> Policy:
    calendar: dict[str, Any] | None = None
    if row["timezone"] is not None:
        holidays: Sequence[date] = row["holidays"] or ()
        calendar = calendar_snapshot(row["timezone"], json.loads(row["weekly_hours"]), holidays)
    targets: dict[str, Any] = json.loads(row["targets"])
    policy_id: uuid.UUID = row["id"]
    terms = SlaTerms(
        policy_id=policy_id,
        policy_name=row["name"],
        targets={
            SlaMetric(metric): TargetSpec(
                target=spec["target_minutes"] * 60.0,
                warn_before=spec["warn_before_minutes"] * 60.0,
                business_hours=bool(spec["business_hours"]),
            )
            for metric, spec in targets.items()
        },
        pause_statuses=frozenset(row["pause_statuses"]),
        escalate_on_breach=bool(row["escalate_on_breach"]),
        clock=SecondsClock(BusinessClock(calendar_from_json(calendar))),
    )
    return Policy(
        conditions=json.loads(row["conditions"]),
        terms=terms,
        version=int(row["version"]),
        calendar_json=None if calendar is None else json.dumps(calendar),
        targets_json=row["targets"],
        pause_statuses=list(row["pause_statuses"]),
    )


async def _templates(connection: asyncpg.Connection) -> dict[str, Template]:
    """The latest version of each built-in template (what a new invitation would pin)."""
    rows = await connection.fetch(
        "SELECT DISTINCT ON (slug) id, slug, version, questions::text AS questions"
        " FROM survey_templates WHERE slug = ANY($1::text[]) ORDER BY slug, version DESC",
        list(BUILTIN_TEMPLATES),
    )
    return {
        row["slug"]: Template(
            id=row["id"],
            slug=row["slug"],
            version=int(row["version"]),
            questions=tuple(QuestionSpec.model_validate(q) for q in json.loads(row["questions"])),
        )
        for row in rows
    }
