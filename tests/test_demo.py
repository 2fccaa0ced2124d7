"""`aftercare demo`: the seeded data set is consistent with what the services would produce,
and the metrics have something to show for it."""

import os
import subprocess
import sys
import uuid
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from sqlalchemy import select, text

from app.demo.generate import COLUMNS, SHIPPING_LANES, DemoData, Template
from app.demo.seed import DemoRefusedError, _policy, seed_demo
from app.events.schemas import EventOut, as_recorded
from app.kit.db import Database
from app.kit.migrations import PROJECT_ROOT
from app.models import Event
from app.surveys.builtins import BUILTIN_TEMPLATES
from tests.support.clock import MutableClock

NOW = datetime(2026, 11, 20, 15, 30, tzinfo=UTC)
# The Default policy of the SLA migration; the suite's cleanup removes it between tests.
DEFAULT_POLICY = """
INSERT INTO sla_policies (id, name, position, calendar_id, conditions, targets, pause_statuses,
    escalate_on_breach, version, created_at, updated_at)
VALUES ('0193f0c0-0000-7000-8000-000000000001', 'Default', 1000, NULL,
    '{"priorities": [], "channels": [], "tiers": [], "tags": []}',
    '{"first_response": {"target_minutes": 1440, "business_hours": false,
                          "warn_before_minutes": 120},
      "next_response": {"target_minutes": 1440, "business_hours": false,
                         "warn_before_minutes": 120},
      "resolution": {"target_minutes": 7200, "business_hours": false, "warn_before_minutes": 720}}',
    ARRAY['pending', 'on_hold'], false, 1, now(), now())
ON CONFLICT (id) DO NOTHING
"""


@pytest.fixture
async def seeded(database_url: str, database: Database) -> dict[str, int]:
    async with database.engine.begin() as connection:
        await connection.execute(text(DEFAULT_POLICY))
    result = await seed_demo(database_url, tickets=300, seed=7, now=NOW)
    return result.counts


async def _scalar(database: Database, sql: str) -> object:
    async with database.engine.connect() as connection:
        return (await connection.execute(text(sql), {"now": NOW})).scalar_one()


async def _none(database: Database, sql: str) -> None:
    """`sql` counts rows that break a rule: there must be none."""
    count = await _scalar(database, sql)
    assert count == 0, f"{count} rows break: {sql}"


async def test_every_table_gets_rows(seeded: dict[str, int]) -> None:
    assert seeded["tickets"] == 300
    for table in COLUMNS:
        assert seeded[table] > 0, table
    assert seeded["ticket_slas"] == 300
    assert seeded["survey_responses"] > 100  # about half a response per ticket


async def test_every_order_is_linked_to_its_customers_next_one(
    seeded: dict[str, int], database: Database
) -> None:
    """The bulk load defers the orders_relink_next triggers and links every order once."""
    assert await _scalar(database, "SELECT count(next_placed_at) FROM orders")
    await _none(database, """
        SELECT count(*) FROM orders o JOIN (
            SELECT id, lead(placed_at) OVER (PARTITION BY customer_id ORDER BY placed_at, id)
                AS next
            FROM orders
        ) AS n ON n.id = o.id
        WHERE o.next_placed_at IS DISTINCT FROM n.next
    """)


async def test_tickets_are_consistent(seeded: dict[str, int], database: Database) -> None:
    checks = [
        # the customer's first message, when the ticket was created
        "SELECT count(*) FROM tickets t WHERE NOT EXISTS (SELECT 1 FROM ticket_messages m"
        " WHERE m.ticket_id = t.id AND m.author_type = 'customer' AND m.public"
        " AND m.created_at = t.created_at)",
        "SELECT count(*) FROM tickets t LEFT JOIN customers c ON c.id = t.customer_id"
        " WHERE c.id IS NULL",
        # a ticket's order is its customer's, placed before the ticket
        "SELECT count(*) FROM tickets t JOIN orders o ON o.id = t.order_id"
        " WHERE o.customer_id <> t.customer_id OR o.placed_at > t.created_at",
        "SELECT count(*) FROM tickets WHERE first_responded_at < created_at"
        " OR first_solved_at < created_at OR created_at > :now OR updated_at > :now",
        "SELECT count(*) FROM tickets WHERE status IN ('solved', 'closed')"
        " AND (first_solved_at IS NULL OR solved_at IS NULL OR replies_at_first_solve IS NULL)",
        "SELECT count(*) FROM tickets WHERE (status = 'closed') <> (closed_at IS NOT NULL)",
        "SELECT count(*) FROM tickets WHERE (first_solved_at IS NULL)"
        " <> (replies_at_first_solve IS NULL)",
        "SELECT count(*) FROM tickets WHERE replies_at_first_solve > public_agent_reply_count",
        "SELECT count(*) FROM tickets WHERE (reopen_count > 0) <> (first_reopened_at IS NOT NULL)"
        " OR first_reopened_at < first_solved_at",
        "SELECT count(*) FROM tickets WHERE (tier = 2) <> (escalated_at IS NOT NULL)",
        "SELECT count(*) FROM tickets WHERE status = 'new' AND public_agent_reply_count > 0",
        # the counters match the messages
        "SELECT count(*) FROM tickets t WHERE public_agent_reply_count <> (SELECT count(*)"
        " FROM ticket_messages m WHERE m.ticket_id = t.id AND m.author_type = 'agent'"
        " AND m.public)",
        "SELECT count(*) FROM tickets t WHERE first_responded_at IS DISTINCT FROM (SELECT"
        " min(created_at) FROM ticket_messages m WHERE m.ticket_id = t.id"
        " AND m.author_type = 'agent' AND m.public)",
        # the number sequence continues after the seeded tickets
        "SELECT count(*) FROM tickets WHERE number > (SELECT last_value FROM"
        " tickets_number_seq)",
    ]
    for check in checks:
        await _none(database, check)
    statuses = await _scalar(database, "SELECT count(DISTINCT status) FROM tickets")
    assert statuses >= 4  # type: ignore[operator]


async def test_sla_targets_are_consistent(seeded: dict[str, int], database: Database) -> None:
    checks = [
        "SELECT count(*) FROM sla_targets s LEFT JOIN tickets t ON t.id = s.ticket_id"
        " WHERE t.id IS NULL",
        "SELECT count(*) FROM tickets t WHERE NOT EXISTS (SELECT 1 FROM ticket_slas s"
        " WHERE s.ticket_id = t.id)",
        "SELECT count(*) FROM tickets t WHERE (SELECT count(*) FROM sla_targets s"
        " WHERE s.ticket_id = t.id AND s.metric = 'first_response') <> 1",
        "SELECT count(*) FROM sla_targets WHERE status = 'met'"
        " AND (met_at IS NULL OR met_at > due_at OR met_at < started_at)",
        "SELECT count(*) FROM sla_targets WHERE status = 'breached'"
        " AND (breached_at IS DISTINCT FROM due_at OR due_at > :now)",
        "SELECT count(*) FROM sla_targets WHERE status = 'active' AND due_at <= :now",
        "SELECT count(*) FROM sla_targets WHERE (status = 'paused') <> (paused_at IS NOT NULL)",
        "SELECT count(*) FROM sla_targets WHERE abs(extract(epoch FROM"
        " due_at - (started_at + target + paused_for))) > 0.001",  # microsecond rounding
        # the first-response target tells the same story as the ticket
        "SELECT count(*) FROM sla_targets s JOIN tickets t ON t.id = s.ticket_id"
        " WHERE s.metric = 'first_response' AND s.status = 'met'"
        " AND s.met_at <> t.first_responded_at",
        "SELECT count(*) FROM sla_targets s JOIN tickets t ON t.id = s.ticket_id"
        " WHERE s.metric = 'first_response' AND t.first_responded_at > s.due_at"
        " AND s.status <> 'breached'",
        # open tickets in a pause status have their running targets paused
        "SELECT count(*) FROM sla_targets s JOIN tickets t ON t.id = s.ticket_id"
        " WHERE t.status IN ('pending', 'on_hold') AND s.status = 'active'",
    ]
    for check in checks:
        await _none(database, check)
    for status in ("met", "breached"):
        count = await _scalar(
            database, f"SELECT count(*) FROM sla_targets WHERE status = '{status}'"  # noqa: S608
        )
        assert count > 0, status  # type: ignore[operator]


async def test_surveys_and_feedback_are_consistent(
    seeded: dict[str, int], database: Database
) -> None:
    ranges = {"csat": (1, 5), "likert": (1, 5), "rating": (1, 4), "nps": (0, 10), "yes_no": (0, 1)}
    for question_type, (lowest, highest) in ranges.items():
        await _none(
            database,
            f"SELECT count(*) FROM survey_answers WHERE question_type = '{question_type}'"  # noqa: S608
            f" AND (numeric_value NOT BETWEEN {lowest} AND {highest} OR numeric_value IS NULL"
            " OR text_value IS NOT NULL)",
        )
    checks = [
        "SELECT count(*) FROM survey_answers WHERE question_type = 'text'"
        " AND (numeric_value IS NOT NULL OR text_value IS NULL)",
        "SELECT count(*) FROM survey_answers WHERE (counts_as = 'csat'"
        " AND question_type NOT IN ('csat', 'likert')) OR (counts_as = 'nps'"
        " AND question_type <> 'nps') OR (counts_as = 'expectations_met'"
        " AND question_type <> 'yes_no')",
        # every answer matches its template's question: key, position, type, counts_as
        "SELECT count(*) FROM survey_answers a JOIN survey_responses r ON r.id = a.response_id"
        " JOIN survey_templates t ON t.id = r.template_id WHERE NOT EXISTS (SELECT 1"
        " FROM jsonb_array_elements(t.questions) WITH ORDINALITY AS q(spec, n)"
        " WHERE q.spec->>'key' = a.question_key AND q.n - 1 = a.position"
        " AND q.spec->>'type' = a.question_type"
        " AND (q.spec->>'counts_as') IS NOT DISTINCT FROM a.counts_as)",
        # required questions are answered
        "SELECT count(*) FROM survey_responses r JOIN survey_templates t ON t.id = r.template_id"
        " CROSS JOIN jsonb_array_elements(t.questions) AS q(spec)"
        " WHERE (q.spec->>'required')::boolean AND NOT EXISTS (SELECT 1 FROM survey_answers a"
        " WHERE a.response_id = r.id AND a.question_key = q.spec->>'key')",
        "SELECT count(*) FROM survey_responses r JOIN survey_invitations i"
        " ON i.id = r.invitation_id WHERE i.responded_at <> r.created_at"
        " OR r.created_at < i.created_at OR r.created_at >= i.expires_at"
        " OR r.customer_id <> i.customer_id OR r.ticket_id IS DISTINCT FROM i.ticket_id",
        "SELECT count(*) FROM survey_answers a JOIN survey_responses r ON r.id = a.response_id"
        " WHERE a.answered_at <> r.created_at",
        # support surveys follow a solve, by the worker's delay
        "SELECT count(*) FROM survey_invitations i JOIN tickets t ON t.id = i.ticket_id"
        " WHERE i.trigger <> 'ticket_solved' OR t.solved_at IS NULL"
        " OR i.created_at < t.solved_at + interval '1 hour'",
        # a low score opens exactly one feedback item, and only a low score does
        "SELECT count(*) FROM survey_responses r WHERE EXISTS (SELECT 1 FROM survey_answers a"
        " WHERE a.response_id = r.id AND ((a.counts_as = 'csat' AND a.numeric_value <= 2)"
        " OR (a.counts_as = 'nps' AND a.numeric_value <= 6) OR (a.counts_as ="
        " 'expectations_met' AND a.numeric_value = 0))) <> EXISTS (SELECT 1 FROM feedback f"
        " WHERE f.survey_response_id = r.id)",
        "SELECT count(*) FROM feedback WHERE (status = 'closed') <> (closed_at IS NOT NULL)"
        " OR (action_taken IS NULL) <> (actioned_at IS NULL) OR updated_at < created_at",
    ]
    for check in checks:
        await _none(database, check)


async def test_metrics_summary_shows_every_figure(
    seeded: dict[str, int], client: httpx.AsyncClient, admin_headers: dict[str, str]
) -> None:
    # A past period the demo covers whole (retention also reads the period before it).
    params = {
        "from": (NOW - timedelta(days=120)).isoformat(),
        "to": (NOW - timedelta(days=60)).isoformat(),
    }
    response = await client.get("/v1/metrics/summary", params=params, headers=admin_headers)
    assert response.status_code == 200, response.text
    summary = response.json()
    for figure in ("csat", "nps", "fcr", "retention", "expectations_met", "delivery_on_time",
                   "survey_response_rate"):
        assert summary[figure]["value"] is not None, figure
        assert summary[figure]["denominator"] > 0, figure
    assert 0 < summary["csat"]["value"] < 100
    assert 0 < summary["retention"]["value"] < 100
    assert 0 < summary["fcr"]["value"] < 100
    assert summary["first_response_time"]["median_seconds"] > 0
    assert summary["resolution_time"]["median_seconds"] > 0
    assert summary["tickets_created"] > 0


async def test_a_daily_series_groups_by_channel(
    seeded: dict[str, int], client: httpx.AsyncClient, admin_headers: dict[str, str]
) -> None:
    midnight = NOW.replace(hour=0, minute=0)
    params = {
        "from": (midnight - timedelta(days=90)).isoformat(), "to": midnight.isoformat(),
        "granularity": "day", "group_by": "channel",
    }
    response = await client.get(
        "/v1/metrics/first_response_time", params=params, headers=admin_headers
    )
    assert response.status_code == 200, response.text
    series = response.json()["series"]
    assert {s["group"] for s in series} >= {"email", "chat"}
    assert all(len(s["points"]) == 90 for s in series)


async def test_tickets_are_in_their_assignees_teams(
    seeded: dict[str, int], client: httpx.AsyncClient, admin_headers: dict[str, str]
) -> None:
    params = {"from": (NOW - timedelta(days=180)).isoformat(), "to": NOW.isoformat(),
              "granularity": "month", "group_by": "team"}
    response = await client.get("/v1/metrics/fcr", params=params, headers=admin_headers)
    assert response.status_code == 200, response.text
    assert {s["group"] for s in response.json()["series"]} >= {
        "Orders & Delivery", "Returns & Refunds", "Payments & Accounts",
    }
    tickets = await client.get("/v1/tickets", params={"limit": 200}, headers=admin_headers)
    assigned = [t for t in tickets.json()["items"] if t["assignee"] is not None]
    assert assigned
    assert all((t["team"] == "Escalations") == t["assignee"].startswith("senior.")
               for t in assigned)
    assert all(t["team"] is None for t in tickets.json()["items"] if t["assignee"] is None)


async def test_refuses_a_database_with_tickets_unless_forced(
    database_url: str, database: Database
) -> None:
    await seed_demo(database_url, tickets=40, seed=1, now=NOW)
    with pytest.raises(DemoRefusedError, match=r"already has 40 tickets.*--force"):
        await seed_demo(database_url, tickets=40, seed=1, now=NOW)
    # Forced: added next to the existing tickets (other references, numbers continued).
    await seed_demo(database_url, tickets=10, seed=2, now=NOW, force=True)
    numbers = await _scalar(database, "SELECT count(DISTINCT number) FROM tickets")
    assert numbers == 50


def test_the_command_refuses_without_force(database_url: str, database: Database) -> None:
    # `database`: the suite's cleanup empties the tables afterwards
    env = {**os.environ, "AFTERCARE_DATABASE_URL": database_url, "AFTERCARE_LOG_LEVEL": "WARNING"}

    def demo(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(  # noqa: S603
            [sys.executable, "-m", "app.cli", "demo", *args],
            cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=120, check=False,
        )

    first = demo("--scale", "30")
    assert first.returncode == 0, first.stderr
    assert "tickets" in first.stdout
    assert "30" in first.stdout
    second = demo("--scale", "30")
    assert second.returncode == 1
    assert "already has 30 tickets" in second.stderr
    assert "--force" in second.stderr


def _generate(seed: int) -> list[tuple[object, ...]]:
    policy = _policy({
        "id": uuid.UUID(int=1), "name": "Default", "version": 1, "conditions": "{}",
        "targets": '{"first_response": {"target_minutes": 60, "business_hours": false,'
        ' "warn_before_minutes": 10}}',
        "pause_statuses": ["pending"], "escalate_on_breach": True, "timezone": None,
        "weekly_hours": None, "holidays": None,
    })
    templates = {
        slug: Template(uuid.UUID(int=2), slug, 1, template.questions)
        for slug, template in BUILTIN_TEMPLATES.items()
    }
    data = DemoData(tickets=200, seed=seed, now=NOW, policies=[policy], templates=templates)
    return [row for rows in data.chunks() for table in COLUMNS for row in rows[table]]


def test_the_same_seed_gives_the_same_data() -> None:
    first = _generate(3)
    assert first == _generate(3)
    assert first != _generate(4)


async def test_every_demo_event_is_valid_for_its_type(
    seeded: dict[str, int], database: Database
) -> None:
    async with database.sessionmaker() as session:
        events = (await session.scalars(select(Event))).all()
    assert {event.type for event in events} >= {
        "ticket.created", "sla.breached", "article.published",
    }
    for event in events:
        EventOut.model_validate(as_recorded(event).model_dump())  # raises if its model refuses


async def test_each_article_has_the_article_published_event_the_service_records(
    seeded: dict[str, int], client: httpx.AsyncClient, admin_headers: dict[str, str],
    database: Database,
) -> None:
    async with database.sessionmaker() as session:
        events = (
            await session.scalars(select(Event).where(Event.type == "article.published"))
        ).all()
    published = await _scalar(database, "SELECT count(*) FROM articles WHERE status = 'published'")
    assert len({event.subject_id for event in events}) == len(events) == published == 22
    for event in events:
        assert event.subject_type == "article"
        assert event.data["version"] == 1
        assert event.data["published_by"] == {"type": "system"}
        shown = await client.get(f"/v1/articles/{event.subject_id}", headers=admin_headers)
        article = shown.json()
        assert {key: article[key] for key in event.data["article"]} == event.data["article"]
        assert event.data["published_at"] == article["published_at"]
        assert event.created_at.isoformat().replace("+00:00", "Z") == article["published_at"]
    # As for the demo's other events: no webhook deliveries.
    await _none(database, "SELECT count(*) FROM webhook_deliveries")


async def test_shipping_lanes_have_distinct_transit_times_to_estimate_and_calibrate(
    seeded: dict[str, int], client: httpx.AsyncClient, admin_headers: dict[str, str],
    clock: MutableClock,
) -> None:
    clock.set(NOW)
    period = {"from": (NOW - timedelta(days=180)).isoformat(), "to": NOW.isoformat()}
    response = await client.get(
        "/v1/metrics/delivery-calibration", params=period, headers=admin_headers
    )
    assert response.status_code == 200, response.text
    medians = {
        (row["carrier"], row["service_level"], row["destination_country"]):
        row["observed"]["p50_seconds"]
        for row in response.json()["rows"]
    }
    lanes = {(lane.carrier, lane.service_level, lane.country): lane for lane in SHIPPING_LANES}
    assert set(medians) == set(lanes)
    # dhl standard DE is the busiest lane: its observed median is its distribution's (30 h).
    assert medians["dhl", "standard", "DE"] == pytest.approx(30 * 3600, rel=0.2)
    assert len(set(medians.values())) == len(lanes)
    estimate = (await client.get("/v1/delivery-estimates", headers=admin_headers, params={
        "carrier": "dhl", "service_level": "standard", "destination": "DE",
    })).json()
    assert estimate["level"] == "carrier+service_level+destination"
    assert estimate["promise_seconds"] > medians["dhl", "standard", "DE"]


async def test_the_help_centre_has_linked_translations_votes_views_a_notice_and_citations(
    seeded: dict[str, int], client: httpx.AsyncClient, admin_headers: dict[str, str],
    database: Database,
) -> None:
    assert seeded["articles"] == 22
    assert seeded["article_views"] > 1000
    assert seeded["article_votes"] > 50
    assert seeded["article_citations"] > 10
    german = (await client.get("/v1/public/articles?lang=de")).json()
    titles = [a["title"] for group in german["categories"] for a in group["articles"]]
    assert "Wo ist meine Bestellung?" in titles
    assert len(titles) == 7
    first = german["categories"][0]["articles"][0]
    article = (await client.get(first["url"])).json()
    assert {t["locale"] for t in article["translations"]} >= {"en"}
    # A "no" with a comment is a knowledge_base feedback item; no other vote has one.
    await _none(database, """
        SELECT count(*) FROM article_votes v LEFT JOIN feedback f ON f.id = v.feedback_id
        WHERE (v.comment IS NOT NULL AND NOT v.helpful) <> (f.source = 'knowledge_base')
           OR (f.id IS NULL) <> (v.comment IS NULL)""")
    # Citations are of public agent replies, at their time, by the ticket's first solve.
    await _none(database, """
        SELECT count(*) FROM article_citations c JOIN ticket_messages m ON m.id = c.message_id
        WHERE m.author_type <> 'agent' OR NOT m.public OR c.cited_at <> m.created_at
           OR c.ticket_id <> m.ticket_id""")
    async with database.engine.connect() as connection:
        ref = (await connection.execute(text(
            "SELECT notice_order_refs[1] FROM articles WHERE notice_from IS NOT NULL LIMIT 1"
        ))).scalar_one()
    at = NOW.isoformat().replace("+00:00", "Z")
    notices = await client.get(f"/v1/orders/{ref}/notices?at={at}", headers=admin_headers)
    assert [n["title"] for n in notices.json()["items"]] == [
        "Strike at our carrier: deliveries 2-3 days late"
    ]
    params = {"from": (NOW - timedelta(days=60)).isoformat(), "to": NOW.isoformat()}
    figures = (
        await client.get("/v1/metrics/knowledge-base", params=params, headers=admin_headers)
    ).json()
    assert figures["views"] > 1000
    assert 0 < figures["helpful_votes"]["value"] < 100
    assert figures["tickets_resolved_with_cited_article"]["numerator"] > 0
    assert figures["first_contact_resolution"]["with_cited_article"]["denominator"] > 0
