from pathlib import Path

import pytest
from pydantic import ValidationError

from app.config import (
    Settings,
    UnknownSettingError,
    check_setting_variables,
    unknown_setting_variables,
)

DATABASE = "postgresql+asyncpg://aftercare@db:5432/aftercare"
PRODUCTION = {
    "environment": "production",
    "database_url": DATABASE,
    "public_base_url": "https://support.shop.example",
}


def test_development_allows_the_embedded_database_and_private_webhooks() -> None:
    settings = Settings(environment="development", webhook_allow_private_targets=True)
    assert settings.is_embedded_database


@pytest.mark.parametrize(
    ("overrides", "complaint"),
    [
        ({"database_url": None}, "AFTERCARE_DATABASE_URL"),
        ({"webhook_allow_private_targets": True}, "WEBHOOK_ALLOW_PRIVATE_TARGETS"),
        ({"cors_origins": ["*"]}, "CORS_ORIGINS"),
        ({"public_base_url": "http://127.0.0.1:8000"}, "PUBLIC_BASE_URL"),
        ({"public_base_url": "http://localhost:8000"}, "PUBLIC_BASE_URL"),
        ({"public_base_url": "http://[::1]:8000"}, "PUBLIC_BASE_URL"),
        ({"public_base_url": "http://support.shop.example"}, "https://"),
    ],
)
def test_production_refuses_insecure_settings(overrides: dict[str, object], complaint: str) -> None:
    values: dict[str, object] = {**PRODUCTION, **overrides}
    with pytest.raises(ValidationError, match=complaint):
        Settings.model_validate(values)


def test_production_accepts_secure_settings() -> None:
    settings = Settings.model_validate(PRODUCTION)
    assert not settings.is_embedded_database


def test_production_needs_a_public_base_url_but_development_defaults_to_loopback() -> None:
    assert Settings(environment="development").public_base_url.host == "127.0.0.1"
    with pytest.raises(ValidationError, match="PUBLIC_BASE_URL"):
        Settings.model_validate({"environment": "production", "database_url": DATABASE})


def test_a_misspelt_setting_is_refused_naming_the_closest_real_one(tmp_path: Path) -> None:
    environ = {"AFTERCARE_ENV": "production", "AFTERCARE_PORT": "9000", "HOME": "/root"}
    with pytest.raises(UnknownSettingError) as refused:
        check_setting_variables(environ, tmp_path / ".env")
    assert str(refused.value) == (
        "unknown settings: AFTERCARE_ENV is not a setting; did you mean AFTERCARE_ENVIRONMENT?"
    )


def test_a_misspelt_setting_in_the_env_file_is_refused_too(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text("AFTERCARE_DATABSE_URL=postgresql://u@db/a\nOTHER_TOOL=1\n")
    with pytest.raises(UnknownSettingError, match="did you mean AFTERCARE_DATABASE_URL"):
        check_setting_variables({}, env_file)


def test_every_real_setting_and_the_tooling_variables_are_accepted(tmp_path: Path) -> None:
    environ = {f"AFTERCARE_{name.upper()}": "x" for name in Settings.model_fields}
    environ |= {"AFTERCARE_TEST_DATABASE_URL": "x", "AFTERCARE_BENCH_API_KEY": "x", "PATH": "/bin"}
    check_setting_variables(environ, tmp_path / ".env")


def test_a_name_far_from_every_setting_is_refused_without_a_guess() -> None:
    assert unknown_setting_variables(["AFTERCARE_QQQQQQQQQQQQ"]) == [
        "AFTERCARE_QQQQQQQQQQQQ is not a setting"
    ]


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


@pytest.mark.parametrize(
    ("environment", "log_format"), [("development", "text"), ("test", "json")]
)
def test_logs_are_human_readable_by_default_only_in_development(
    monkeypatch: pytest.MonkeyPatch, environment: str, log_format: str
) -> None:
    monkeypatch.delenv("AFTERCARE_LOG_FORMAT", raising=False)
    assert Settings(environment=environment).log_format == log_format


def test_production_logs_json_by_default() -> None:
    assert Settings.model_validate(PRODUCTION).log_format == "json"


def test_a_log_format_chosen_is_kept_in_development(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AFTERCARE_LOG_FORMAT", "json")
    assert Settings(environment="development").log_format == "json"
    assert Settings(environment="development", log_format="json").log_format == "json"
