"""The mixed workload for bench/mixed_load.py: a shop backend posting tickets and replies, agents
reading tickets, a dashboard polling metrics. Configure with AFTERCARE_BENCH_API_KEY."""

import itertools
import os
import random

from locust import FastHttpUser, between, task

_numbers = itertools.count()


class ShopAndAgents(FastHttpUser):
    wait_time = between(0, 0.05)

    def on_start(self) -> None:
        self.auth = {"Authorization": f"Bearer {os.environ['AFTERCARE_BENCH_API_KEY']}"}
        self.ticket_ids: list[str] = []

    @task(3)
    def post_ticket(self) -> None:
        n = next(_numbers)
        body = {
            "subject": f"Order {n} has not arrived",
            "description": "The tracking page has not moved for a week.",
            "channel": random.choice(["email", "chat", "web", "phone"]),
            "priority": random.choice(["low", "normal", "normal", "high", "urgent"]),
            "customer": {"external_ref": f"load-{n % 1000}"},
        }
        with self.client.post(
            "/v1/tickets", json=body, headers=self.auth, catch_response=True
        ) as response:
            if response.status_code == 201:
                self.ticket_ids.append(response.json()["id"])
                self.ticket_ids = self.ticket_ids[-50:]

    @task(4)
    def reply(self) -> None:
        if not self.ticket_ids:
            return
        ticket_id = random.choice(self.ticket_ids)
        author = random.choice(["agent", "customer"])
        self.client.post(
            f"/v1/tickets/{ticket_id}/messages",
            json={"author_type": author, "body": "Any news?"},
            name="/v1/tickets/{id}/messages",
            headers=self.auth,
        )

    @task(4)
    def read_ticket(self) -> None:
        if self.ticket_ids:
            ticket_id = random.choice(self.ticket_ids)
            self.client.get(f"/v1/tickets/{ticket_id}", name="/v1/tickets/{id}", headers=self.auth)

    @task(2)
    def list_tickets(self) -> None:
        self.client.get(
            "/v1/tickets?status=new&status=open&limit=50", name="/v1/tickets", headers=self.auth
        )

    @task(1)
    def poll_metrics(self) -> None:
        self.client.get("/v1/metrics/summary", name="/v1/metrics/summary", headers=self.auth)
