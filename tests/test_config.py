import pytest
from pydantic import ValidationError

from app.config import Settings

DATABASE = "postgresql+asyncpg://aftercare@db:5432/aftercare"


def test_development_allows_the_embedded_database_and_private_webhooks() -> None:
    settings = Settings(environment="development", webhook_allow_private_targets=True)
    assert settings.is_embedded_database


@pytest.mark.parametrize(
    ("overrides", "complaint"),
    [
        ({"database_url": None}, "AFTERCARE_DATABASE_URL"),
        ({"webhook_allow_private_targets": True}, "WEBHOOK_ALLOW_PRIVATE_TARGETS"),
        ({"cors_origins": ["*"]}, "CORS_ORIGINS"),
    ],
)
def test_production_refuses_insecure_settings(overrides: dict[str, object], complaint: str) -> None:
    values: dict[str, object] = {"environment": "production", "database_url": DATABASE}
    values.update(overrides)
    with pytest.raises(ValidationError, match=complaint):
        Settings.model_validate(values)


def test_production_accepts_secure_settings() -> None:
    settings = Settings.model_validate({"environment": "production", "database_url": DATABASE})
    assert not settings.is_embedded_database


@pytest.mark.parametrize(
    "url",
    [
        "postgres://u@db:5432/a",
        "postgresql://u@db:5432/a",
        "postgresql+asyncpg://u@db:5432/a",
    ],
)
def test_database_urls_are_normalised_to_asyncpg(url: str) -> None:
    assert Settings(database_url=url).database_url == "postgresql+asyncpg://u@db:5432/a"


def test_unix_socket_urls_of_the_embedded_server_are_accepted() -> None:
    url = "postgresql://postgres:@/postgres?host=/tmp/pg"
    assert Settings(database_url=url).database_url == "postgresql+asyncpg://postgres:@/postgres?host=/tmp/pg"


def test_a_non_postgres_url_is_refused() -> None:
    with pytest.raises(ValidationError, match="PostgreSQL URL"):
        Settings(database_url="mysql://u@db/a")


def test_settings_are_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AFTERCARE_PORT", "9001")
    monkeypatch.setenv("AFTERCARE_CORS_ORIGINS", '["https://a.example"]')
    settings = Settings()
    assert settings.port == 9001
    assert settings.cors_origins == ["https://a.example"]
