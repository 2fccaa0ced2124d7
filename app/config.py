"""Settings: one class, read from the environment (prefix AFTERCARE_) and an optional .env file."""

import difflib
import ipaddress
import os
import uuid
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Literal

from dotenv import dotenv_values
from pydantic import AnyHttpUrl, Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from app.web.i18n import LanguageDefaults, check_time_zone, normalise_locale

Environment = Literal["development", "test", "production"]
ENV_PREFIX = "AFTERCARE_"
ENV_FILE = ".env"
# Variables of the project's own tooling, not of the service: never taken for a misspelt setting.
TOOLING_PREFIXES = ("AFTERCARE_TEST_", "AFTERCARE_BENCH_")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, env_file=ENV_FILE, extra="ignore")

    environment: Environment = Field(
        default="development",
        description="production refuses insecure settings at start-up: no database URL, private"
        " webhook targets, `*` CORS, a loopback or plain-http PUBLIC_BASE_URL",
    )
    database_url: str | None = Field(
        default=None,
        description="`postgresql+asyncpg://user:pass@host:5432/db` (`postgres://` and"
        " `postgresql://` are read as asyncpg); unset starts the embedded PostgreSQL",
    )
    data_dir: Path = Field(
        default=Path(".aftercare"),
        description="the embedded PostgreSQL's data; its start logs one line (initdb's and"
        " pg_ctl's output is shown only if it fails)",
    )
    db_pool_size: int = Field(
        default=10, ge=1, le=200, description="connections kept in the pool, per process"
    )
    db_max_overflow: int = Field(
        default=10, ge=0, le=200,
        description="connections the pool may open beyond DB_POOL_SIZE, per process",
    )
    db_statement_timeout_ms: int = Field(
        default=30_000, ge=0, description="server-side statement timeout (0: none)"
    )

    host: str = Field(default="127.0.0.1", description="where `aftercare serve` listens")
    port: int = Field(
        default=8000, ge=1, le=65535,
        description="the port `aftercare serve` listens on and `aftercare healthcheck api` asks",
    )
    server_workers: int = Field(
        default=1, ge=1, le=64,
        description="server processes of `aftercare serve` on one port (`--workers`), one CPU"
        " core each at most; each has its own pool and, with RUN_WORKER_IN_API, its own worker",
    )
    trusted_proxies: list[str] = Field(
        default_factory=list,
        description="addresses or networks (`[\"10.0.0.0/8\"]`) of the reverse proxies whose"
        " X-Forwarded-For and X-Forwarded-Proto are believed; from anyone else (by default, from"
        " everyone) they are ignored, so a client cannot pick its own address to dodge the"
        " public rate limit",
    )
    server_header_timeout_seconds: float = Field(
        default=10.0, gt=0, le=300,
        description="a connection that has not sent a whole request line and headers this long"
        " after it opened (or began its next request) gets 408 and is closed",
    )
    server_max_header_bytes: int = Field(
        default=32_768, ge=1024, le=1_048_576,
        description="request line and headers larger than this get 431 and the connection is"
        " closed",
    )
    server_max_headers: int = Field(
        default=100, ge=10, le=1000, description="more header fields than this get 431"
    )
    server_max_connections: int = Field(
        default=1000, ge=1, le=100_000,
        description="connections one server process keeps open; one more gets 503 and is closed",
    )
    cors_origins: list[str] = Field(
        default_factory=list, description="browser origins allowed to call the API (CORS)"
    )
    max_request_body_bytes: int = Field(
        default=1_048_576, ge=1024, description="larger request bodies get 413"
    )
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field(
        default="INFO", description="the lowest level logged"
    )
    log_format: Literal["json", "text"] = Field(
        default="json",
        description="`json`: one object per line with `request_id` and the line's fields;"
        " `text`: one readable line, `time level logger message key=value... [request_id=...]`."
        " Unset, it is `text` in development and `json` otherwise",
    )

    run_worker_in_api: bool = Field(
        default=True, description="run the background worker inside `aftercare serve`"
    )
    worker_tick_seconds: float = Field(
        default=1.0, gt=0, le=60, description="how often the delivery-overdue watch runs"
    )
    sla_sweep_poll_seconds: float = Field(
        default=10.0, gt=0, le=300,
        description="the longest the SLA sweep sleeps: it wakes when the next warning or deadline"
        " falls due and when a nearer one is written, so this only bounds a missed notification",
    )
    sla_sweep_batch_size: int = Field(
        default=1000, ge=1, le=100_000, description="targets claimed per SLA sweep transaction"
    )
    auto_close_solved_after_days: int = Field(
        default=4, ge=1, le=365, description="close tickets solved this many days ago"
    )
    idempotency_key_ttl_hours: int = Field(
        default=24, ge=1, le=24 * 30, description="how long an Idempotency-Key's answer is kept"
    )
    webhook_allow_private_targets: bool = Field(
        default=False,
        description="allow webhook URLs on loopback and private networks, to try webhooks"
        " locally (development and tests; production refuses to start with it)",
    )
    webhook_timeout_seconds: float = Field(
        default=15.0, gt=0, le=120,
        description="bound on one delivery attempt, DNS resolution included",
    )
    webhook_max_concurrency: int = Field(
        default=100, ge=1, le=10_000, description="deliveries in flight per worker process"
    )
    webhook_per_endpoint_concurrency: int = Field(
        default=4, ge=1, le=100, description="deliveries in flight to one endpoint per worker"
    )
    webhook_disable_after_days: float = Field(
        default=5, gt=0, description="disable an endpoint whose deliveries all failed this long"
    )
    webhook_secret_rotation_hours: float = Field(
        default=24, ge=0, description="how long a rotated-out secret keeps signing"
    )
    shipping_calendars: dict[str, uuid.UUID] = Field(
        default_factory=dict,
        description="JSON object: carrier -> id of the business calendar whose working days"
        " count its transit times (`*` for every other carrier); a carrier without one counts"
        " every day",
    )
    delivery_estimate_min_sample: int = Field(
        default=30, ge=1, le=100_000,
        description="deliveries a level of the estimate's fallback chain needs to answer",
    )
    delivery_history_days: int = Field(
        default=180, ge=1, le=3660,
        description="deliveries of this many past days make the transit-time distributions",
    )
    delivery_at_risk_threshold: float = Field(
        default=0.5, gt=0, lt=1,
        description="order.delivery_at_risk when the chance to arrive by the promise is below",
    )
    delivery_watch_recheck_minutes: float = Field(
        default=60, gt=0, le=24 * 60,
        description="an order in transit is looked at again at least this often",
    )
    webhook_delivery_poll_seconds: float = Field(
        default=0.5, gt=0, le=60, description="how often an idle worker looks for due deliveries"
    )

    metrics_rollups: bool = Field(
        default=True,
        description="serve metric figures from the rollups the worker folds (raw rows answer"
        " what is not folded yet); false: aggregate raw rows on every request",
    )
    metrics_fold_seconds: float = Field(
        default=1.0, gt=0, le=60,
        description="how often the worker folds changed rows into the metric rollups",
    )

    metrics_port: int | None = Field(
        default=None, ge=1, le=65535,
        description="serve Prometheus metrics on this port (never the API's); unset: no metrics",
    )
    metrics_host: str = Field(
        default="127.0.0.1", description="the address the metrics port is bound to"
    )
    metrics_sample_seconds: float = Field(
        default=15.0, gt=0, le=3600,
        description="how often the worker samples the gauges that need the database (delivery"
        " queue, SLA sweep lag)",
    )

    tracing: bool = Field(
        default=False,
        description="trace requests, SQL and webhook deliveries with OpenTelemetry, configured"
        " by the standard OTEL_* variables (OTLP over HTTP)",
    )

    @field_validator("trusted_proxies")
    @classmethod
    def _addresses_or_networks(cls, entries: list[str]) -> list[str]:
        for entry in entries:
            try:
                ipaddress.ip_network(entry)
            except ValueError:
                raise ValueError(f"{entry!r} is not an IP address or network") from None
        return entries

    @field_validator("default_locale")
    @classmethod
    def _bcp47(cls, tag: str) -> str:
        return normalise_locale(tag)

    @field_validator("default_time_zone")
    @classmethod
    def _iana(cls, name: str) -> str:
        return check_time_zone(name)

    @field_validator("database_url")
    @classmethod
    def _asyncpg_driver(cls, url: str | None) -> str | None:
        """Accept the usual postgres:// forms (also unix-socket URLs) and use asyncpg."""
        if url is None:
            return None
        for prefix in ("postgresql+asyncpg://", "postgresql://", "postgres://"):
            if url.startswith(prefix):
                return "postgresql+asyncpg://" + url.removeprefix(prefix)
        raise ValueError("must be a PostgreSQL URL: postgresql+asyncpg://user:pass@host:5432/db")
    survey_invitation_ttl_days: int = Field(
        default=28, ge=1, le=365, description="how long a survey link works"
    )
    public_base_url: AnyHttpUrl = Field(
        default=AnyHttpUrl("http://127.0.0.1:8000"),
        description="where customers reach this service: survey and ticket status links are"
        " built on it; production refuses to start without it (a loopback or plain http"
        " address)",
    )
    default_locale: str = Field(
        default="en",
        description="BCP 47 language of customers who have none (pages, acknowledgements)",
    )
    default_time_zone: str = Field(
        default="UTC", description="IANA time zone of customers who have none"
    )
    status_link_ttl_days: int = Field(
        default=90, ge=1, le=3650, description="how long a ticket's status link works"
    )
    dashboard_link_ttl_hours: int = Field(
        default=168, ge=1, le=2160,
        description="how long a dashboard link works when its request names no"
        " expires_in_hours",
    )
    dashboard_session_hours: int = Field(
        default=12, ge=1, le=720,
        description="how long a dashboard sign-in lasts at most (the cookie also ends with"
        " the browser session, and a link's session with its link)",
    )
    status_page_show_agent_names: bool = Field(
        default=False,
        description="show the assignee's name on agent replies of status pages (else"
        " \"Support team\")",
    )
    survey_auto_invite_on_solve: bool = Field(
        default=True, description="invite the customer to support-csat when a ticket is solved"
    )
    survey_invite_delay_minutes: int = Field(
        default=60, ge=0, le=60 * 24 * 30,
        description="how long after a ticket's solve its support-csat invitation is made",
    )
    survey_invite_lookback_days: int = Field(
        default=7, ge=1, le=90, description="tickets solved longer ago are never auto-invited"
    )
    survey_fatigue_days: int = Field(
        default=30, ge=0, le=365,
        description="a customer is invited at most once in this many days, whatever the"
        " template (0: no limit); automatic invitations skip the customer, an API invitation"
        " is refused unless it sets override_fatigue",
    )
    survey_reminder_after_days: int = Field(
        default=3, ge=0, le=365,
        description="an invitation still unanswered this many days after it was made gets one"
        " survey.reminder_due event (0: no reminders; none when the link expires first)",
    )
    public_rate_limit_requests: int = Field(
        default=30, ge=1,
        description="requests per client address per window on /v1/public/ routes, counted in"
        " each process (N processes allow N times as many)",
    )
    public_rate_limit_window_seconds: int = Field(
        default=60, ge=1, le=3600, description="the sliding window of PUBLIC_RATE_LIMIT_REQUESTS"
    )

    @model_validator(mode="after")
    def _readable_logs_in_development(self) -> "Settings":
        if self.environment == "development" and "log_format" not in self.model_fields_set:
            self.log_format = "text"
        return self

    @model_validator(mode="after")
    def _metrics_apart_from_the_api(self) -> "Settings":
        if self.metrics_port is not None and self.metrics_port == self.port:
            raise ValueError("AFTERCARE_METRICS_PORT must differ from AFTERCARE_PORT")
        return self

    @model_validator(mode="after")
    def _refuse_insecure_production(self) -> "Settings":
        if self.environment != "production":
            return self
        problems = []
        if self.database_url is None:
            problems.append("AFTERCARE_DATABASE_URL must be set (no embedded database)")
        if self.webhook_allow_private_targets:
            problems.append("AFTERCARE_WEBHOOK_ALLOW_PRIVATE_TARGETS must be false")
        if "*" in self.cors_origins:
            problems.append("AFTERCARE_CORS_ORIGINS must list origins, not '*'")
        problems += self._public_base_url_problems()
        if problems:
            raise ValueError("insecure production settings: " + "; ".join(problems))
        return self

    def _public_base_url_problems(self) -> list[str]:
        """The links customers get (survey, ticket status) are built on this URL and carry a
        token: it must be the service's public address, and encrypted."""
        url = self.public_base_url
        if _is_loopback_host(url.host):
            return [
                "AFTERCARE_PUBLIC_BASE_URL must be set to the address customers reach this"
                f" service at, not {url}"
            ]
        if url.scheme != "https":
            return [
                "AFTERCARE_PUBLIC_BASE_URL must be an https:// address: the links built"
                f" on it carry a token, {url} would send it in clear"
            ]
        return []

    @property
    def language_defaults(self) -> LanguageDefaults:
        return LanguageDefaults(self.default_locale, self.default_time_zone)

    @property
    def is_embedded_database(self) -> bool:
        return self.database_url is None


def _is_loopback_host(host: str | None) -> bool:
    if host is None or host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class UnknownSettingError(ValueError):
    """An AFTERCARE_* variable that is no setting: most likely a typo that would be ignored."""


def unknown_setting_variables(names: Iterable[str]) -> list[str]:
    """One message per AFTERCARE_* name that is neither a setting nor the tooling's own."""
    known = {ENV_PREFIX + field.upper() for field in Settings.model_fields}
    messages = []
    for name in sorted(set(names)):
        upper = name.upper()
        if not upper.startswith(ENV_PREFIX) or upper in known or upper.startswith(TOOLING_PREFIXES):
            continue
        closest = difflib.get_close_matches(upper, known, n=1, cutoff=0.6)
        hint = f"; did you mean {closest[0]}?" if closest else ""
        messages.append(f"{name} is not a setting{hint}")
    return messages


def check_setting_variables(environ: Mapping[str, str], env_file: Path = Path(ENV_FILE)) -> None:
    """Refuse unknown AFTERCARE_* variables in the environment and in the .env file."""
    names = list(environ)
    if env_file.is_file():
        names += list(dotenv_values(env_file))
    messages = unknown_setting_variables(names)
    if messages:
        raise UnknownSettingError("unknown settings: " + "; ".join(messages))


@lru_cache
def get_settings() -> Settings:
    check_setting_variables(os.environ)
    return Settings()
