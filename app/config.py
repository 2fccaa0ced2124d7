"""Settings: one class, read from the environment (prefix AFTERCARE_) and an optional .env file."""

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, PostgresDsn, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

Environment = Literal["development", "test", "production"]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="AFTERCARE_", env_file=".env", extra="ignore")

    environment: Environment = "development"
    database_url: PostgresDsn | None = Field(
        default=None,
        description="postgresql+asyncpg://user:pass@host:port/db; unset starts an embedded server",
    )
    data_dir: Path = Field(default=Path(".aftercare"), description="embedded PostgreSQL data")
    db_pool_size: int = Field(default=10, ge=1, le=200)
    db_max_overflow: int = Field(default=10, ge=0, le=200)
    db_statement_timeout_ms: int = Field(default=30_000, ge=0)

    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    cors_origins: list[str] = Field(default_factory=list)
    max_request_body_bytes: int = Field(default=1_048_576, ge=1024)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    log_format: Literal["json", "text"] = "json"

    run_worker_in_api: bool = Field(
        default=True, description="run the background worker inside `aftercare serve`"
    )
    worker_tick_seconds: float = Field(default=1.0, gt=0, le=60, description="SLA sweep period")
    idempotency_key_ttl_hours: int = Field(default=24, ge=1, le=24 * 30)
    webhook_allow_private_targets: bool = Field(
        default=False, description="allow webhook URLs on loopback/private networks (dev, tests)"
    )
    webhook_timeout_seconds: float = Field(
        default=15.0, gt=0, le=120, description="bound on one delivery attempt, DNS included"
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
    webhook_delivery_poll_seconds: float = Field(
        default=0.5, gt=0, le=60, description="how often an idle worker looks for due deliveries"
    )

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
        if problems:
            raise ValueError("insecure production settings: " + "; ".join(problems))
        return self

    @property
    def is_embedded_database(self) -> bool:
        return self.database_url is None


@lru_cache
def get_settings() -> Settings:
    return Settings()
